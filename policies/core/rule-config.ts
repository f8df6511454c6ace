import type { ErrorObject, ValidateFunction } from "ajv";
import { JsonValue } from "./json";
import { CommonRuleConfig, RuleMeta, configProperties } from "./rule";
import { schemaValidator } from "./schema-validators";

/** A rule's config after validation, with defaults applied. */
export type ConfigResult<C> = { readonly ok: true; readonly config: C } | { readonly ok: false; readonly errors: readonly string[] };

/** The JSON Schema of a rule's config (the common keys and the rule's own; unknown keys rejected). */
export function ruleConfigSchema(meta: RuleMeta): object {
  return { type: "object", properties: configProperties(meta), additionalProperties: false };
}

function validatorFor(meta: RuleMeta): ValidateFunction {
  return schemaValidator(meta.id, ruleConfigSchema(meta));
}

function describeError(ruleId: string, error: ErrorObject): string {
  const key = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
  if (error.keyword === "additionalProperties") {
    const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
    return `${ruleId}: unknown config key "${key ? `${key}.` : ""}${extra}"`;
  }
  if (error.keyword === "enum") {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return `${ruleId}: config key "${key}" is ${JSON.stringify(error.data)}, which is not one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return `${ruleId}: config key "${key || "(root)"}" ${error.message ?? "is invalid"}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function validate<C extends CommonRuleConfig>(meta: RuleMeta, raw: Readonly<Record<string, unknown>> | undefined): ConfigResult<C> {
  const candidate: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (key === "enforcementLevel" || value === undefined) continue;
    candidate[key] = structuredClone(value) as JsonValue;
  }
  const check = validatorFor(meta);
  if (check(candidate)) {
    return deepFreeze({ ok: true, config: candidate as unknown as C });
  }
  const errors = (check.errors ?? []).map((error) => describeError(meta.id, error));
  return deepFreeze({ ok: false, errors: [...new Set(errors)].sort() });
}

/** The last config each rule resolved: its raw top-level entries and the (frozen) result. */
const resolutions = new WeakMap<RuleMeta, { readonly entries: readonly (readonly [string, unknown])[]; readonly result: ConfigResult<CommonRuleConfig> }>();

/**
 * True when `raw` has exactly these top-level entries, values compared by identity. The policy runtime
 * hands each call a fresh shallow copy of the config it received in `Configure`, whose values stay the
 * same objects until the next `Configure`; a new `Configure` (or any other config) brings new objects.
 * Config objects are treated as immutable, as the runtime treats them.
 */
function sameEntries(entries: readonly (readonly [string, unknown])[], raw: Readonly<Record<string, unknown>> | undefined): boolean {
  const keys = raw ? Object.keys(raw) : [];
  if (keys.length !== entries.length) return false;
  for (const [key, value] of entries) {
    if (!raw || !Object.prototype.hasOwnProperty.call(raw, key) || raw[key] !== value) return false;
  }
  return true;
}

/**
 * Validates the config a rule received (from the engine's `Configure`, a CLI config file, ...) and fills
 * in defaults. `enforcementLevel` is the engine's business and is ignored here. Unknown keys are errors:
 * a typo in an org-wide config must not silently leave a rule at its default.
 *
 * The runtime asks for the config on every call, so the result is kept per rule and reused while the
 * config holds the same values (see `sameEntries`); it is frozen, since every caller shares it.
 */
export function resolveRuleConfig<C extends CommonRuleConfig>(
  meta: RuleMeta,
  raw: Readonly<Record<string, unknown>> | undefined,
): ConfigResult<C> {
  const cached = resolutions.get(meta);
  if (cached && sameEntries(cached.entries, raw)) return cached.result as ConfigResult<C>;
  const result = validate<C>(meta, raw);
  resolutions.set(meta, { entries: Object.entries(raw ?? {}), result });
  return result;
}
