// The `--policy-pack-config` document (what `pulumi preview --policy-pack-config`, `pulumi policy enable
// --config` and policy groups take), read the way the engine reads it and validated the way the pack
// validates each policy's config. The command uses it for `--config` and `config check`; the harness
// uses the same parser to play the engine.
import { isJsonObject, JsonObject, JsonValue } from "../core/json";
import { resolveRuleConfig } from "../core/rule-config";
import { RuleMeta } from "../core/rule";
import { closestName } from "./closest-name";

/** The enforcement levels the engine knows. */
export type EnforcementLevelName = "advisory" | "mandatory" | "remediate" | "disabled";

/** One entry of the document after parsing: an optional level and the properties. */
export interface ParsedPolicyConfigEntry {
  enforcementLevel?: EnforcementLevelName;
  properties: JsonObject;
}

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Keys the engine reads at the top level that are not policies. */
const NON_POLICY_KEYS: ReadonlySet<string> = new Set(["all", "environments"]);

/** True when the string is an enforcement level name. */
export function isEnforcementLevel(value: unknown): value is EnforcementLevelName {
  return typeof value === "string" && LEVELS.includes(value);
}

/**
 * Parses the document like the engine does: a string is a level; an object may hold `enforcementLevel`
 * plus properties; `environments` that is not an object is skipped. Returns every problem, never throws.
 */
export function parsePolicyConfigDocument(document: unknown): { entries: Record<string, ParsedPolicyConfigEntry>; problems: string[] } {
  const entries: Record<string, ParsedPolicyConfigEntry> = {};
  if (!isJsonObject(document)) {
    return { entries, problems: ["the configuration must be a JSON object"] };
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(document as JsonObject)) {
    if (typeof value === "string") {
      if (isEnforcementLevel(value)) entries[name] = { enforcementLevel: value, properties: {} };
      else problems.push(`${name}: "${value}" is not a valid enforcement level`);
    } else if (isJsonObject(value)) {
      const { enforcementLevel, ...properties } = value;
      if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
        problems.push(`${name}: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
        continue;
      }
      entries[name] = enforcementLevel === undefined ? { properties } : { enforcementLevel, properties };
    } else if (name !== "environments") {
      problems.push(`${name}: ${JSON.stringify(value)} is not a valid value; must be a string or object`);
    }
  }
  return { entries, problems };
}

/** The message for a configured name that is not one of the pack's policies. */
export function unknownPolicyProblem(name: string, policies: readonly string[]): string {
  const guess = closestName(name, policies);
  return `${name}: not a backup-guard policy${guess ? ` (did you mean ${guess}?)` : ""}; the Pulumi CLI accepts it silently and it configures nothing`;
}

/** The names of a configuration that are neither a policy of the pack nor a key the engine reserves. */
export function unknownPolicyNames(names: Iterable<string>, policies: readonly string[]): string[] {
  return [...names].filter((name) => !NON_POLICY_KEYS.has(name) && !policies.includes(name)).sort();
}

/** A policy's effective level and validated settings. */
export interface ResolvedPolicyConfig {
  /** `remediate` counts as `mandatory` (backup-guard has no remediation). */
  readonly level: "mandatory" | "advisory" | "disabled";
  /** The properties as given (schema defaults are applied when the rule runs). */
  readonly properties: Readonly<Record<string, JsonValue>>;
}

/** A whole configuration, one entry per policy of the pack. */
export type ResolvedPackConfig = Readonly<Record<string, ResolvedPolicyConfig>>;

/** The configuration a pack runs with when no file is given: every policy at its default level. */
export function defaultPackConfig(rules: readonly { readonly meta: RuleMeta }[]): ResolvedPackConfig {
  return resolvePackConfig({}, rules).config;
}

/**
 * Resolves a document into each policy's level and properties as the engine's Configure would (defaults,
 * then `all`, then each entry), and validates it: malformed entries, names that are not policies of the
 * pack (with a guess at what was meant) and every property each policy's own validation refuses.
 * `problems` is empty when the configuration is valid; every problem is listed, sorted by policy.
 */
export function resolvePackConfig(
  document: unknown,
  rules: readonly { readonly meta: RuleMeta }[],
): { readonly config: ResolvedPackConfig; readonly problems: readonly string[] } {
  const { entries, problems } = parsePolicyConfigDocument(document);
  const ids = rules.map((rule) => rule.meta.id);
  for (const name of unknownPolicyNames(Object.keys(entries), ids)) problems.push(unknownPolicyProblem(name, ids));
  const all = entries["all"]?.enforcementLevel;
  const config: Record<string, ResolvedPolicyConfig> = {};
  for (const rule of rules) {
    const entry = entries[rule.meta.id];
    const level = entry?.enforcementLevel ?? all ?? rule.meta.defaultLevel;
    const properties = entry?.properties ?? {};
    const resolved = resolveRuleConfig(rule.meta, properties);
    if (!resolved.ok) problems.push(...resolved.errors);
    config[rule.meta.id] = { level: level === "remediate" ? "mandatory" : level, properties };
  }
  return { config, problems: problems.sort() };
}
