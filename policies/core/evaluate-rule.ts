import { ExemptionContext, exemptionOf } from "./exemptions";
import { Finding, compareFindings, findingKey, outranks } from "./findings";
import { ProtectionModel } from "./protection-model";
import { MESSAGE_STYLE_ENV, MESSAGE_STYLE_PENDING_ENV, firstSentenceProblem } from "./message-style";
import { CommonRuleConfig, Rule } from "./rule";
import { resolveRuleConfig } from "./rule-config";

/** What evaluating one rule gave: findings (deduplicated, sorted), or why it could not run. */
export interface RuleEvaluation {
  readonly findings: readonly Finding[];
  /** Config errors: the rule did not run. */
  readonly configErrors: readonly string[];
  /** The rule threw: a bug. Reported and failed closed, never swallowed. */
  readonly internalError?: string;
  /** The `onUnresolved` level the config asked for (defaults applied). */
  readonly onUnresolved: "mandatory" | "advisory";
}

/**
 * True when the first-sentence rule is enforced for this rule: the test suites set
 * BACKUP_GUARD_CHECK_MESSAGES=1 so that every message a test makes a rule emit is checked; rules whose
 * messages are still being rewritten are listed in BACKUP_GUARD_MESSAGE_STYLE_PENDING.
 */
function messageStyleChecked(ruleId: string): boolean {
  if (process.env[MESSAGE_STYLE_ENV] !== "1") return false;
  return !(process.env[MESSAGE_STYLE_PENDING_ENV] ?? "").split(",").includes(ruleId);
}

/** Makes a message that breaks the first-sentence rule a failure of the rule (so tests see it). */
function checkMessageStyle(finding: Finding): void {
  const problem = firstSentenceProblem(finding.message);
  if (problem) throw new Error(`message of ${finding.ruleId} (${finding.code}) breaks the first-sentence rule: ${problem}: ${JSON.stringify(finding.message.slice(0, 200))}`);
}

function withExemption(finding: Finding, context: ExemptionContext | undefined): Finding {
  const exemption = context ? exemptionOf(finding, context) : undefined;
  return exemption ? { ...finding, exemption } : finding;
}

/**
 * Runs a rule over a model with a raw config. Never throws: config errors and rule crashes come back
 * as data so that every consumer (the Pulumi pack, the CLI) can fail closed with a clear message.
 * With an exemption context, each finding that an exemption tag or config entry names carries what the
 * exemption decided; without one, nothing is exempted.
 */
export function evaluateRule<C extends CommonRuleConfig>(
  rule: Rule<C>,
  model: ProtectionModel,
  rawConfig: Readonly<Record<string, unknown>> | undefined,
  exemptions?: ExemptionContext,
): RuleEvaluation {
  const resolved = resolveRuleConfig<C>(rule.meta, rawConfig);
  if (!resolved.ok) {
    return { findings: [], configErrors: resolved.errors, onUnresolved: "mandatory" };
  }
  const invalid = rule.validate?.(resolved.config) ?? [];
  if (invalid.length > 0) return { findings: [], configErrors: [...invalid], onUnresolved: "mandatory" };
  const findings = new Map<string, Finding>();
  const checkMessages = messageStyleChecked(rule.meta.id);
  let sorted: Finding[];
  try {
    rule.check(model, {
      config: resolved.config,
      ...(exemptions ? { today: exemptions.today } : {}),
      report(finding) {
        const full: Finding = { ruleId: rule.meta.id, ...finding };
        if (checkMessages) checkMessageStyle(full);
        const key = findingKey(full);
        const seen = findings.get(key);
        // The same problem reached through two routes is one finding; a violation outranks unresolved, which outranks advisory.
        if (!seen || outranks(full.outcome, seen.outcome)) findings.set(key, full);
      },
    });
    sorted = [...findings.values()].sort(compareFindings).map((finding) => withExemption(finding, exemptions));
  } catch (error) {
    return {
      findings: [],
      configErrors: [],
      internalError: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      onUnresolved: resolved.config.onUnresolved,
    };
  }
  return { findings: sorted, configErrors: [], onUnresolved: resolved.config.onUnresolved };
}
