import { buildAwsProtectionModel } from "./aws/protection-model";
import { EXEMPTIONS_POLICY_ID, ExemptionContext, ExemptionSettings, NO_EXEMPTION_SETTINGS, exemptionContext } from "./core/exemptions";
import { Exemption, Finding } from "./core/findings";
import { isJsonObject } from "./core/json";
import { PlannedStack } from "./core/planned-stack";
import { ProtectionModel } from "./core/protection-model";
import { resolveRuleConfig } from "./core/rule-config";
import { RULES, RegisteredRule } from "./rules";
import { ExemptionsConfig } from "./rules/backup-exemptions";

/** The level a finding is reported at, as `pulumi preview` would show it. */
export type FindingLevel = "mandatory" | "advisory";

/** One finding of a whole-stack evaluation, with the level the pack would report it at. */
export interface StackFinding {
  readonly policy: string;
  readonly level: FindingLevel;
  /** The resource (Pulumi URN or Terraform address); "" for the stack as a whole. */
  readonly resource: string;
  /** The rule's message, with what an unresolved outcome or an exemption means appended. */
  readonly message: string;
  /** `config-error` and `internal-error`: the policy did not run and fails closed (mandatory). */
  readonly outcome: Finding["outcome"] | "config-error" | "internal-error";
  readonly exemption?: Exemption;
}

/** What evaluating a stack gave. */
export interface StackEvaluation {
  /** Findings in a deterministic order (resource, policy, message). */
  readonly findings: readonly StackFinding[];
  /** Problems with the configuration itself (e.g. a key that names no backup-guard policy). */
  readonly configProblems: readonly string[];
}

/** Options of {@link evaluateStack}. */
export interface EvaluateStackOptions {
  /** Today (UTC, `YYYY-MM-DD`), the date exemptions are judged on; defaults to the system clock. */
  readonly today?: string;
}

type Level = "mandatory" | "advisory" | "remediate" | "disabled";
const LEVELS: readonly string[] = ["mandatory", "advisory", "remediate", "disabled"];

interface PolicySettings {
  readonly level: Level;
  readonly properties: Record<string, unknown>;
}

/** Reads a `--policy-pack-config` document: `all`, then per policy a level or `{enforcementLevel, ...}`. */
function policySettings(packConfig: unknown): { settings: Map<string, PolicySettings>; problems: string[] } {
  const problems: string[] = [];
  const settings = new Map<string, PolicySettings>();
  const document = packConfig === undefined ? {} : packConfig;
  if (!isJsonObject(document)) return { settings, problems: ["the policy pack configuration must be a JSON object"] };
  const levelOf = (name: string, value: unknown): Level | undefined => {
    if (typeof value === "string" && LEVELS.includes(value)) return value as Level;
    problems.push(`${name}: ${JSON.stringify(value)} is not an enforcement level (mandatory, advisory, remediate, disabled)`);
    return undefined;
  };
  const all = document["all"] === undefined ? undefined : levelOf("all", isJsonObject(document["all"]) ? document["all"]["enforcementLevel"] : document["all"]);
  for (const name of Object.keys(document)) {
    if (name !== "all" && !RULES.some((r) => r.meta.id === name)) problems.push(`${name}: not a backup-guard policy (policies: ${RULES.map((r) => r.meta.id).join(", ")})`);
  }
  for (const rule of RULES) {
    const entry = document[rule.meta.id];
    let level: Level = all ?? rule.meta.defaultLevel;
    let properties: Record<string, unknown> = {};
    if (typeof entry === "string") level = levelOf(rule.meta.id, entry) ?? level;
    else if (isJsonObject(entry)) {
      const { enforcementLevel, ...rest } = entry;
      if (enforcementLevel !== undefined) level = levelOf(rule.meta.id, enforcementLevel) ?? level;
      properties = rest;
    } else if (entry !== undefined) problems.push(`${rule.meta.id}: ${JSON.stringify(entry)} must be a level or an object`);
    settings.set(rule.meta.id, { level, properties });
  }
  return { settings, problems };
}

function exemptionSettings(settings: Map<string, PolicySettings>): ExemptionSettings {
  const own = settings.get(EXEMPTIONS_POLICY_ID);
  const rule = RULES.find((r) => r.meta.id === EXEMPTIONS_POLICY_ID);
  if (!own || own.level === "disabled" || !rule) return NO_EXEMPTION_SETTINGS;
  const resolved = resolveRuleConfig<ExemptionsConfig>(rule.meta, own.properties);
  return resolved.ok ? resolved.config : NO_EXEMPTION_SETTINGS;
}

function levelOf(finding: Finding, policyLevel: FindingLevel, onUnresolved: FindingLevel): FindingLevel {
  if (finding.exemption?.state === "granted") return "advisory";
  return finding.outcome === "unresolved" && onUnresolved === "advisory" ? "advisory" : policyLevel;
}

function messageOf(finding: Finding): string {
  const unresolved = finding.outcome === "unresolved" ? " [unresolved before deployment]" : "";
  const exemption = finding.exemption ? ` [${finding.exemption.note}]` : "";
  return `${finding.message}${unresolved}${exemption}`;
}

function evaluateOne(rule: RegisteredRule, setting: PolicySettings, model: ProtectionModel, exemptions: ExemptionContext): StackFinding[] {
  const policy = rule.meta.id;
  const evaluation = rule.evaluate(model, setting.properties, exemptions);
  if (evaluation.configErrors.length > 0) {
    return [{ policy, level: "mandatory", resource: "", outcome: "config-error", message: `invalid configuration for policy ${policy}; the policy did not run and fails closed: ${evaluation.configErrors.join("; ")}` }];
  }
  if (evaluation.internalError !== undefined) {
    return [{ policy, level: "mandatory", resource: "", outcome: "internal-error", message: `backup-guard could not evaluate policy ${policy} (failing closed): ${evaluation.internalError}` }];
  }
  const policyLevel: FindingLevel = setting.level === "advisory" ? "advisory" : "mandatory";
  return evaluation.findings.map((finding) => ({
    policy,
    level: levelOf(finding, policyLevel, evaluation.onUnresolved),
    resource: finding.urn,
    message: messageOf(finding),
    outcome: finding.outcome,
    ...(finding.exemption ? { exemption: finding.exemption } : {}),
  }));
}

/**
 * Evaluates every enabled backup-guard policy over a whole planned stack, from any source adapter,
 * the way the Pulumi pack's `AnalyzeStack` does: one AWS protection model, each policy's level and
 * settings from a `--policy-pack-config` document, `onUnresolved`, exemptions (tags and the
 * `backup-exemptions` config). Never throws: a policy that cannot run fails closed as a mandatory finding.
 */
export function evaluateStack(stack: PlannedStack, packConfig?: unknown, options: EvaluateStackOptions = {}): StackEvaluation {
  const { settings, problems } = policySettings(packConfig);
  const enabled = RULES.map((rule) => ({ rule, setting: settings.get(rule.meta.id) ?? { level: rule.meta.defaultLevel, properties: {} } })).filter(
    ({ setting }) => setting.level !== "disabled",
  );
  let model: ProtectionModel;
  try {
    model = buildAwsProtectionModel(stack);
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const message = (policy: string): string => `backup-guard could not evaluate policy ${policy} (failing closed): ${text}`;
    return { findings: enabled.map(({ rule }) => ({ policy: rule.meta.id, level: "mandatory", resource: "", outcome: "internal-error", message: message(rule.meta.id) })), configProblems: problems };
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const exemptions = exemptionContext(model, today, exemptionSettings(settings));
  const findings: StackFinding[] = [];
  for (const { rule, setting } of enabled) findings.push(...evaluateOne(rule, setting, model, exemptions));
  findings.sort((a, b) => a.resource.localeCompare(b.resource) || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message));
  return { findings, configProblems: problems };
}
