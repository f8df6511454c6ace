import { Finding, compareFindings, findingKey } from "./findings";
import { ProtectionModel } from "./protection-model";
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
 * Runs a rule over a model with a raw config. Never throws: config errors and rule crashes come back
 * as data so that every consumer (the Pulumi pack, the CLI) can fail closed with a clear message.
 */
export function evaluateRule<C extends CommonRuleConfig>(
  rule: Rule<C>,
  model: ProtectionModel,
  rawConfig: Readonly<Record<string, unknown>> | undefined,
): RuleEvaluation {
  const resolved = resolveRuleConfig<C>(rule.meta, rawConfig);
  if (!resolved.ok) {
    return { findings: [], configErrors: resolved.errors, onUnresolved: "mandatory" };
  }
  const findings = new Map<string, Finding>();
  try {
    rule.check(model, {
      config: resolved.config,
      report(finding) {
        const full: Finding = { ruleId: rule.meta.id, ...finding };
        const key = findingKey(full);
        const seen = findings.get(key);
        // The same problem reached through two routes is one finding; a violation outranks unresolved.
        if (!seen || (seen.outcome === "unresolved" && full.outcome === "violation")) findings.set(key, full);
      },
    });
  } catch (error) {
    return {
      findings: [],
      configErrors: [],
      internalError: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      onUnresolved: resolved.config.onUnresolved,
    };
  }
  return { findings: [...findings.values()].sort(compareFindings), configErrors: [], onUnresolved: resolved.config.onUnresolved };
}
