// The policy configuration the engine sends with Configure, reconciled the way the engine's
// `ReconcilePolicyPackConfig` does it (pulumi-tech.md §1.8): every policy gets its level from
// GetAnalyzerInfo and all its schema defaults, then the pack's initial config and the user's
// `--policy-pack-config` file are applied on top, and the result is validated against each schema.
import Ajv from "ajv";
import type { AnalyzerInfoData, EnforcementLevelName, PolicyPackConfig } from "./analyzer-types";
import { isEnforcementLevel as isLevel, type ParsedPolicyConfigEntry as ParsedEntry, parsePolicyConfigDocument } from "../policies/config/policy-pack-config";
import { isJsonObject, type JsonObject, type JsonValue } from "./wire-values";

/** One entry of a `--policy-pack-config` file: a level, or `{enforcementLevel?, ...properties}`. */
export type PolicyConfigFileEntry = EnforcementLevelName | { enforcementLevel?: EnforcementLevelName; [property: string]: JsonValue | undefined };

/** A `--policy-pack-config` file: policy name (or `all`) → entry. */
export type PolicyConfigFile = Record<string, PolicyConfigFileEntry>;

/** Error raised for an invalid config file or a config that fails a policy's schema. */
export class PolicyConfigError extends Error {
  /** Creates the error with one line per problem (`<policy>: <problem>`). */
  constructor(readonly problems: readonly string[]) {
    super(`invalid policy pack configuration:\n  ${problems.join("\n  ")}`);
    this.name = "PolicyConfigError";
  }
}

/** True when the string is an enforcement level name. */
export const isEnforcementLevel: (value: unknown) => value is EnforcementLevelName = isLevel;

/** One parsed `--policy-pack-config` entry: an optional level and the properties. */
export type ParsedPolicyConfigEntry = ParsedEntry;

/**
 * Parses a `--policy-pack-config` document (already JSON-decoded) like the engine does: a string is a
 * level; an object may hold `enforcementLevel` plus properties. Invalid levels are errors.
 */
export function parsePolicyConfigFile(document: unknown): Record<string, ParsedPolicyConfigEntry> {
  const { entries, problems } = parsePolicyConfigDocument(document);
  if (problems.length > 0) {
    throw new PolicyConfigError(problems);
  }
  return entries;
}

function applyConfig(result: PolicyPackConfig, toApply: Record<string, ParsedPolicyConfigEntry>): void {
  const all = toApply["all"]?.enforcementLevel;
  if (all) {
    for (const entry of Object.values(result)) {
      entry.enforcementLevel = all;
    }
  }
  for (const [name, given] of Object.entries(toApply)) {
    // As in the engine, `all` also becomes an entry of its own (the pack ignores it: no policy is named `all`).
    const entry = result[name] ?? { enforcementLevel: given.enforcementLevel ?? "advisory", properties: {} };
    if (given.enforcementLevel) {
      entry.enforcementLevel = given.enforcementLevel;
    }
    entry.properties = { ...entry.properties, ...given.properties };
    result[name] = entry;
  }
}

/**
 * Computes the Configure payload the engine would send: for EVERY policy an entry with the level from
 * GetAnalyzerInfo and all schema `default`s, then the pack's initial config, then `userConfig` (the
 * `--policy-pack-config` format; `all` sets every level). Throws {@link PolicyConfigError} when the
 * file is malformed or the result fails a policy's config schema, as the engine would.
 */
export function engineStylePolicyConfig(info: AnalyzerInfoData, userConfig?: PolicyConfigFile): PolicyPackConfig {
  const result: PolicyPackConfig = {};
  for (const policy of info.policies) {
    const properties: JsonObject = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (isJsonObject(schema) && "default" in schema) {
        properties[key] = schema["default"] as JsonValue;
      }
    }
    result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
  }
  applyConfig(result, info.initialConfig);
  if (userConfig) {
    applyConfig(result, parsePolicyConfigFile(userConfig));
  }
  validatePolicyPackConfig(info, result);
  return result;
}

/** Validates each policy's configured properties against its config schema (the engine uses gojsonschema). */
export function validatePolicyPackConfig(info: AnalyzerInfoData, config: PolicyPackConfig): void {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const problems: string[] = [];
  for (const policy of info.policies) {
    if (!policy.configSchema) {
      continue;
    }
    const schema: JsonObject = { type: "object", properties: policy.configSchema.properties };
    if (policy.configSchema.required.length > 0) {
      schema["required"] = policy.configSchema.required;
    }
    const validate = ajv.compile(schema);
    if (!validate(config[policy.name]?.properties ?? {})) {
      for (const error of validate.errors ?? []) {
        problems.push(`${policy.name}: ${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new PolicyConfigError(problems);
  }
}
