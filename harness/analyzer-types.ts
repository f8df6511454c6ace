// Plain-data shapes of what a policy pack answers over the Analyzer protocol.
import type { JsonObject } from "./wire-values";

/** Enforcement level names, as in `@pulumi/policy` and `--policy-pack-config` files. */
export type EnforcementLevelName = "advisory" | "mandatory" | "remediate" | "disabled";

/** Severity names; `""` when the policy sets none. */
export type SeverityName = "" | "low" | "medium" | "high" | "critical";

/** A policy's configuration schema as the pack reports it. */
export interface PolicyConfigSchemaData {
  /** JSON-schema `properties`. */
  properties: JsonObject;
  /** Required property names. */
  required: string[];
}

/** One policy as reported by GetAnalyzerInfo. */
export interface PolicyInfoData {
  /** Policy name. */
  name: string;
  /** Display name, `""` if none. */
  displayName: string;
  /** Description. */
  description: string;
  /** Enforcement level (the policy's own or the pack's default). */
  enforcementLevel: EnforcementLevelName;
  /** Severity. */
  severity: SeverityName;
  /** Whether it validates resources or the whole stack. */
  policyType: "resource" | "stack" | "unknown";
  /** Configuration schema, if the policy has one. */
  configSchema?: PolicyConfigSchemaData;
}

/** A policy's configuration: enforcement level plus properties. */
export interface PolicyConfigEntry {
  /** Enforcement level to apply. */
  enforcementLevel: EnforcementLevelName;
  /** Configuration properties (schema defaults and user values). */
  properties: JsonObject;
}

/** The config map sent with Configure: policy name → config. */
export type PolicyPackConfig = Record<string, PolicyConfigEntry>;

/** GetAnalyzerInfo's answer as plain data. */
export interface AnalyzerInfoData {
  /** Pack name. */
  name: string;
  /** Display name, `""` if none. */
  displayName: string;
  /** Pack version. */
  version: string;
  /** Pack description, `""` if none. */
  description: string;
  /** Whether the pack accepts Configure (always true for the Node SDK). */
  supportsConfig: boolean;
  /** Policies in declaration order. */
  policies: PolicyInfoData[];
  /** The pack's programmatic initial config (third argument of `new PolicyPack`). */
  initialConfig: Record<string, { enforcementLevel?: EnforcementLevelName; properties: JsonObject }>;
}

/** One policy diagnostic (violation) as plain data. */
export interface PolicyDiagnostic {
  /** Policy that reported it. */
  policyName: string;
  /** Pack name. */
  policyPackName: string;
  /** Pack version. */
  policyPackVersion: string;
  /** Policy description. */
  description: string;
  /** Message: the description, a newline, then the violation message. */
  message: string;
  /** Level the violation was reported at. */
  enforcementLevel: EnforcementLevelName;
  /** URN the violation names, `""` if none (Analyze violations concern the analyzed resource). */
  urn: string;
  /** Severity. */
  severity: SeverityName;
}

/** A policy that reported itself not applicable. */
export interface PolicyNotApplicableData {
  /** Policy name. */
  policyName: string;
  /** Reason given. */
  reason: string;
}

/** Analyze / AnalyzeStack answer as plain data. */
export interface AnalyzeResult {
  /** Violations. */
  diagnostics: PolicyDiagnostic[];
  /** Policies that were not applicable. */
  notApplicable: PolicyNotApplicableData[];
}

/** What ConfigureStack carries (the engine forwards the stack's identity, config and tags). */
export interface StackConfiguration {
  /** Stack name. */
  stack: string;
  /** Project name. */
  project: string;
  /** Organization name. */
  organization: string;
  /** True for a preview. */
  dryRun: boolean;
  /** Stack config, `"ns:key"` → string. */
  config?: Record<string, string>;
  /** Config keys that hold secrets. */
  configSecretKeys?: string[];
  /** Stack tags. */
  tags?: Record<string, string>;
}
