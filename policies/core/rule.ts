import { JsonValue } from "./json";
import { Outcome } from "./findings";
import { ProtectionModel } from "./protection-model";

/** How serious a violation is (maps to `@pulumi/policy` severity, SARIF level, ...). */
export type Severity = "low" | "medium" | "high" | "critical";

/** The level a rule reports at unless configured otherwise. */
export type DefaultLevel = "mandatory" | "advisory";

/** A control in a compliance framework that a rule helps to meet. */
export interface FrameworkControl {
  readonly name: string;
  readonly version?: string;
  readonly reference: string;
  readonly title: string;
}

/** A string inside an array setting (JSON Schema subset). */
export interface StringItemSchema {
  readonly type: "string";
  readonly description?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly enum?: readonly string[];
}

/** An integer or boolean field of an object inside an array setting. */
export type ScalarItemSchema =
  | { readonly type: "integer"; readonly description?: string; readonly minimum?: number }
  | { readonly type: "boolean"; readonly description?: string };

/** An object inside an array setting (e.g. one exemption entry): string, string-list, integer and boolean fields. */
export interface ObjectItemSchema {
  readonly type: "object";
  readonly properties: Readonly<
    Record<
      string,
      StringItemSchema | ScalarItemSchema | { readonly type: "array"; readonly description?: string; readonly items: StringItemSchema; readonly minItems?: number }
    >
  >;
  readonly required: readonly string[];
  readonly additionalProperties: false;
}

/** A JSON Schema for one configuration property (the subset backup-guard uses). */
export interface ConfigProperty {
  readonly type: "string" | "number" | "integer" | "boolean" | "array";
  readonly description: string;
  readonly default: JsonValue;
  readonly enum?: readonly JsonValue[];
  readonly items?: StringItemSchema | ObjectItemSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly uniqueItems?: boolean;
}

/** Everything about a rule except its logic: the single source of its docs and pack metadata. */
export interface RuleMeta {
  /** Stable name, used in config files and org policy groups. */
  readonly id: string;
  /** One line: what the rule requires. */
  readonly title: string;
  /** What the rule checks, precisely (docs and `pulumi policy` description). */
  readonly description: string;
  /** Why it matters: the failure it prevents. */
  readonly rationale: string;
  readonly severity: Severity;
  readonly defaultLevel: DefaultLevel;
  readonly frameworks: readonly FrameworkControl[];
  /** Steps to fix a violation. */
  readonly remediation: readonly string[];
  /** What the rule cannot see yet. */
  readonly limits: readonly string[];
  /** The resource types the rule judges (docs). */
  readonly appliesTo: readonly string[];
  /** Configuration properties besides the common `onUnresolved`. */
  readonly config: Readonly<Record<string, ConfigProperty>>;
}

/** The configuration every rule has. */
export interface CommonRuleConfig {
  /** Level of findings that cannot be decided before the deployment runs. */
  readonly onUnresolved: "mandatory" | "advisory";
}

/** What a rule reports. */
export interface FindingReport {
  readonly urn: string;
  readonly outcome: Outcome;
  readonly code: string;
  readonly subject: string;
  readonly message: string;
}

/** What a rule's check receives besides the model. */
export interface RuleContext<C> {
  readonly config: C;
  /** Today (UTC, `YYYY-MM-DD`) when the caller has a clock; rules that compare dates skip those checks without it. */
  readonly today?: string;
  report(finding: FindingReport): void;
}

/** A rule: metadata plus a check over the cloud-neutral protection model. */
export interface Rule<C extends CommonRuleConfig = CommonRuleConfig> {
  readonly meta: RuleMeta;
  /** What the config schema cannot express (e.g. one setting bounded by another): one message per problem. */
  validate?(config: C): readonly string[];
  check(model: ProtectionModel, context: RuleContext<C>): void;
}

/** The schema of the common `onUnresolved` setting. */
export const ON_UNRESOLVED_PROPERTY: ConfigProperty = {
  type: "string",
  enum: ["mandatory", "advisory"],
  default: "mandatory",
  description:
    "Level of findings that cannot be decided before the deployment runs (e.g. a destination whose region is unknown in preview). `mandatory` fails closed: they are reported at the policy's enforcement level, like violations; `advisory` reports them as advisory whatever that level.",
};

const ID_PATTERN = /^backup-[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Defines a rule, checking its metadata once at load time: a rule with an odd id, no remediation,
 * or a config property without a default or description is a programming error.
 */
export function defineRule<C extends CommonRuleConfig>(rule: Rule<C>): Rule<C> {
  const { meta } = rule;
  const problems: string[] = [];
  if (!ID_PATTERN.test(meta.id)) problems.push(`id "${meta.id}" must match ${ID_PATTERN}`);
  if (meta.remediation.length === 0) problems.push("remediation is empty");
  if (meta.title.trim() === "" || meta.description.trim() === "") problems.push("title and description are required");
  if ("onUnresolved" in meta.config || "enforcementLevel" in meta.config) {
    problems.push("onUnresolved and enforcementLevel are reserved config keys");
  }
  for (const [key, property] of Object.entries(meta.config)) {
    if (property.description.trim() === "") problems.push(`config ${key} has no description`);
    if (property.default === undefined) problems.push(`config ${key} has no default`);
  }
  if (problems.length > 0) {
    throw new Error(`rule ${meta.id}: ${problems.join("; ")}`);
  }
  return rule;
}

/** The full config schema of a rule: its own properties plus `onUnresolved`. */
export function configProperties(meta: RuleMeta): Record<string, ConfigProperty> {
  return { onUnresolved: ON_UNRESOLVED_PROPERTY, ...meta.config };
}
