// Every policy over one planned deployment, outside the Pulumi engine: what the `backup-guard` command
// runs on a Terraform plan or a Pulumi state/preview file. It reuses what the pack does in AnalyzeStack
// (the same resources, the same protection model, the same rule evaluation, levels, messages and
// exemptions), so a design gets the same findings from both.
import { analysedResources } from "./aws/analysed-resources";
import { EXTERNAL_VAULTS_POLICY_ID, ExternalVault, externalVaults } from "./aws/external-vaults";
import { buildProtectionModel } from "./clouds/protection-model";
import { ResolvedPackConfig, resolvePackConfig } from "./config/policy-pack-config";
import { compareText } from "./core/compare-text";
import { RuleEvaluation } from "./core/evaluate-rule";
import { EXEMPTIONS_POLICY_ID, ExemptionSettings, NO_EXEMPTION_SETTINGS, exemptionContext } from "./core/exemptions";
import { ReportedLevel, configErrorText, findingLevel, findingText, internalErrorText } from "./core/finding-level";
import { Exemption, Outcome } from "./core/findings";
import { PlannedResource, PlannedStack } from "./core/planned-stack";
import { SourceVocabulary, vocabularyOf } from "./core/source-vocabulary";
import { ProtectionModel } from "./core/protection-model";
import { resolveRuleConfig } from "./core/rule-config";
import { RuleMeta } from "./core/rule";
import { utcToday } from "./pulumi/clock";
import { RULES, RegisteredRule } from "./rules";
import { ExemptionsConfig } from "./rules/backup-exemptions";
import { ExternalVaultsConfig } from "./rules/backup-external-vaults";

/** What one policy gave over the stack. */
export interface PolicyResult {
  readonly meta: RuleMeta;
  /** The level the configuration enforces the policy at. */
  readonly level: "mandatory" | "advisory" | "disabled";
  /** Absent when the policy is disabled. */
  readonly evaluation?: RuleEvaluation;
}

/** One finding with the level the pack would report it at. */
export interface StackFinding {
  readonly policy: string;
  readonly level: ReportedLevel;
  /**
   * `violation`: proven; `unresolved`: could not be known before the deployment; `advisory`: a smaller gap whose
   * main risk is covered otherwise (always advisory); `error`: the policy could not run (fails closed).
   */
  readonly outcome: Outcome | "error";
  /** Terraform address or Pulumi URN; `""` for a finding about the stack as a whole. */
  readonly resource: string;
  /** A stable id of the problem within the policy (e.g. `same-region-copy`). */
  readonly code: string;
  /** What inside the resource it is about (e.g. `rule "daily"`); with policy, resource and code, its identity. */
  readonly subject: string;
  /** The message as the pack reports it (what an unresolved outcome or an exemption means appended). */
  readonly message: string;
  readonly exemption?: Exemption;
}

/** Every policy's result over one stack. */
export interface StackEvaluation {
  /** Per policy, in the registry's order (sorted by policy id). */
  readonly results: readonly PolicyResult[];
  /** Every finding, sorted by resource, policy, subject, code and message. */
  readonly findings: readonly StackFinding[];
  /** Problems with the configuration document (e.g. a name that is not a backup-guard policy); the command refuses to run with any. */
  readonly configProblems: readonly string[];
  /** The model the policies read (e.g. for a map of copies); absent when it could not be built. */
  readonly model?: ProtectionModel;
  /** The resources the policies could look at (backup resources and what they were computed from), by URN or address. */
  readonly analysed: readonly string[];
}

/** Options of {@link evaluateStack}. */
export interface EvaluateStackOptions {
  /** Today (UTC, `YYYY-MM-DD`), the date exemptions are judged on; defaults to the system clock. */
  readonly today?: string;
  /** The rules to run (default: every backup-guard policy). */
  readonly rules?: readonly RegisteredRule[];
}

/** Every URN a resource's properties were computed from (with repeats; no copy for the usual zero or one property). */
function propertyDependencyUrns(resource: PlannedResource): readonly string[] {
  const lists = Object.values(resource.propertyDependencies);
  return lists.length === 0 ? [] : lists.length === 1 ? lists[0] : lists.flat();
}

function exemptionSettings(rules: readonly RegisteredRule[], config: ResolvedPackConfig): ExemptionSettings {
  // As in the pack: the backup-exemptions config counts only when that policy runs and its config is valid.
  const exemptions = rules.find((rule) => rule.meta.id === EXEMPTIONS_POLICY_ID);
  const settings = config[EXEMPTIONS_POLICY_ID];
  if (!exemptions || !settings || settings.level === "disabled") return NO_EXEMPTION_SETTINGS;
  const resolved = resolveRuleConfig<ExemptionsConfig>(exemptions.meta, settings.properties);
  return resolved.ok ? resolved.config : NO_EXEMPTION_SETTINGS;
}

function declaredVaults(rules: readonly RegisteredRule[], config: ResolvedPackConfig): readonly ExternalVault[] {
  // As in the pack: vaults outside the stack are vouched for only by a running, valid backup-external-vaults.
  const rule = rules.find((r) => r.meta.id === EXTERNAL_VAULTS_POLICY_ID);
  const settings = config[EXTERNAL_VAULTS_POLICY_ID];
  if (!rule || !settings || settings.level === "disabled") return [];
  const resolved = resolveRuleConfig<ExternalVaultsConfig>(rule.meta, settings.properties);
  const parsed = resolved.ok ? externalVaults(resolved.config.vaults) : undefined;
  return parsed && parsed.problems.length === 0 ? parsed.vaults : [];
}

function failure(policy: string, code: "invalid-config" | "internal-error", message: string): StackFinding {
  return { policy, level: "mandatory", outcome: "error", resource: "", code, subject: "", message };
}

function findingsOf(result: PolicyResult, words: SourceVocabulary): StackFinding[] {
  const { evaluation, meta } = result;
  if (!evaluation || result.level === "disabled") return [];
  if (evaluation.configErrors.length > 0) return [failure(meta.id, "invalid-config", configErrorText(meta.id, evaluation.configErrors))];
  if (evaluation.internalError !== undefined) return [failure(meta.id, "internal-error", internalErrorText(meta.id, evaluation.internalError))];
  const policyLevel: ReportedLevel = result.level;
  return evaluation.findings.map((finding) => ({
    policy: meta.id,
    level: findingLevel(finding, policyLevel, evaluation.onUnresolved),
    outcome: finding.outcome,
    resource: finding.urn,
    code: finding.code,
    subject: finding.subject,
    message: words.inOwnWords(findingText(finding, evaluation.onUnresolved)),
    ...(finding.exemption ? { exemption: finding.exemption } : {}),
  }));
}

function compareFindings(a: StackFinding, b: StackFinding): number {
  return (
    compareText(a.resource, b.resource) ||
    compareText(a.policy, b.policy) ||
    compareText(a.subject, b.subject) ||
    compareText(a.code, b.code) ||
    compareText(a.message, b.message)
  );
}

/**
 * Runs every enabled policy over a whole planned stack (scope `stack`) with a `--policy-pack-config`
 * document (levels, `all`, settings, `backup-exemptions`; default: every policy at its default level).
 * Never throws: problems with the document come back in `configProblems`, and a policy that cannot run
 * (invalid settings, a crash, a model that cannot be built) is a mandatory `error` finding (fail closed).
 */
export function evaluateStack(stack: PlannedStack, packConfig?: unknown, options: EvaluateStackOptions = {}): StackEvaluation {
  const rules = options.rules ?? RULES;
  const { config, problems } = resolvePackConfig(packConfig ?? {}, rules);
  const resources = analysedResources(stack.resources, propertyDependencyUrns);
  const analysed = resources.map((resource) => resource.urn);
  const levelOf = (rule: RegisteredRule) => config[rule.meta.id]?.level ?? rule.meta.defaultLevel;
  let model: ProtectionModel;
  try {
    model = buildProtectionModel({ ...stack, resources, scope: "stack" }, { externalVaults: declaredVaults(rules, config) });
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const results = rules.map((rule): PolicyResult => ({ meta: rule.meta, level: levelOf(rule) }));
    const findings = results.filter((r) => r.level !== "disabled").map((r) => failure(r.meta.id, "internal-error", internalErrorText(r.meta.id, text)));
    return { results, findings, configProblems: problems, analysed };
  }
  const context = exemptionContext(model, options.today ?? utcToday(), exemptionSettings(rules, config));
  const results = rules.map((rule): PolicyResult => {
    const level = levelOf(rule);
    if (level === "disabled") return { meta: rule.meta, level };
    return { meta: rule.meta, level, evaluation: rule.evaluate(model, config[rule.meta.id]?.properties ?? {}, context) };
  });
  const findings = results.flatMap((result) => findingsOf(result, vocabularyOf(stack))).sort(compareFindings);
  return { results, findings, configProblems: problems, model, analysed };
}
