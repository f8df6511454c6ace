import { backupCrossRegionCopy } from "./backup-cross-region-copy";
import { backupImmutable } from "./backup-immutable";
import { backupOfflineCopy } from "./backup-offline-copy";
import { backupZoneSeparation } from "./backup-zone-separation";
import { RuleEvaluation, evaluateRule } from "../core/evaluate-rule";
import { ProtectionModel } from "../core/protection-model";
import { CommonRuleConfig, Rule, RuleMeta } from "../core/rule";

/** A rule in the registry: its metadata and a config-checking entry point. */
export interface RegisteredRule {
  readonly meta: RuleMeta;
  evaluate(model: ProtectionModel, rawConfig: Readonly<Record<string, unknown>> | undefined): RuleEvaluation;
}

function register<C extends CommonRuleConfig>(rule: Rule<C>): RegisteredRule {
  return { meta: rule.meta, evaluate: (model, rawConfig) => evaluateRule(rule, model, rawConfig) };
}

/** Every rule of backup-guard, sorted by id. A new rule is added here; a meta-test checks the rest. */
export const RULES: readonly RegisteredRule[] = [
  register(backupCrossRegionCopy),
  register(backupImmutable),
  register(backupOfflineCopy),
  register(backupZoneSeparation),
];

export { backupCrossRegionCopy, backupImmutable, backupOfflineCopy, backupZoneSeparation };
