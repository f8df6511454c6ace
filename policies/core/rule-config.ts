import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { JsonValue } from "./json";
import { CommonRuleConfig, RuleMeta, configProperties } from "./rule";

/** A rule's config after validation, with defaults applied. */
export type ConfigResult<C> = { readonly ok: true; readonly config: C } | { readonly ok: false; readonly errors: readonly string[] };

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, verbose: true });
const validators = new Map<string, ValidateFunction>();

function validatorFor(meta: RuleMeta): ValidateFunction {
  let validate = validators.get(meta.id);
  if (!validate) {
    validate = ajv.compile({
      type: "object",
      properties: configProperties(meta),
      additionalProperties: false,
    });
    validators.set(meta.id, validate);
  }
  return validate;
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

/**
 * Validates the config a rule received (from the engine's `Configure`, a CLI config file, ...) and fills
 * in defaults. `enforcementLevel` is the engine's business and is ignored here. Unknown keys are errors:
 * a typo in an org-wide config must not silently leave a rule at its default.
 */
export function resolveRuleConfig<C extends CommonRuleConfig>(
  meta: RuleMeta,
  raw: Readonly<Record<string, unknown>> | undefined,
): ConfigResult<C> {
  const candidate: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (key === "enforcementLevel" || value === undefined) continue;
    candidate[key] = structuredClone(value) as JsonValue;
  }
  const validate = validatorFor(meta);
  if (validate(candidate)) {
    return { ok: true, config: candidate as unknown as C };
  }
  const errors = (validate.errors ?? []).map((error) => describeError(meta.id, error));
  return { ok: false, errors: [...new Set(errors)].sort() };
}
