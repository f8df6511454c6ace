import { backupCopyResidency } from "./backup-copy-residency";
import { backupCoverage } from "./backup-coverage";
import { backupCrossRegionCopy } from "./backup-cross-region-copy";
import { backupDeletionProtection } from "./backup-deletion-protection";
import { backupExemptions } from "./backup-exemptions";
import { backupExternalVaults } from "./backup-external-vaults";
import { backupImmutable } from "./backup-immutable";
import { backupKeySeparation } from "./backup-key-separation";
import { backupOfflineCopy } from "./backup-offline-copy";
import { backupRestoreTesting } from "./backup-restore-testing";
import { backupRetentionMinimum } from "./backup-retention-minimum";
import { backupZoneSeparation } from "./backup-zone-separation";
import { RuleEvaluation, evaluateRule } from "../core/evaluate-rule";
import { ExemptionContext } from "../core/exemptions";
import { ProtectionModel } from "../core/protection-model";
import { CommonRuleConfig, Rule, RuleMeta } from "../core/rule";

/** A rule in the registry: its metadata and a config-checking entry point. */
export interface RegisteredRule {
  readonly meta: RuleMeta;
  evaluate(model: ProtectionModel, rawConfig: Readonly<Record<string, unknown>> | undefined, exemptions?: ExemptionContext): RuleEvaluation;
}

function register<C extends CommonRuleConfig>(rule: Rule<C>): RegisteredRule {
  return { meta: rule.meta, evaluate: (model, rawConfig, exemptions) => evaluateRule(rule, model, rawConfig, exemptions) };
}

/** Every rule of backup-guard, sorted by id. A new rule is added here; a meta-test checks the rest. */
export const RULES: readonly RegisteredRule[] = [
  register(backupCopyResidency),
  register(backupCoverage),
  register(backupCrossRegionCopy),
  register(backupDeletionProtection),
  register(backupExemptions),
  register(backupExternalVaults),
  register(backupImmutable),
  register(backupKeySeparation),
  register(backupOfflineCopy),
  register(backupRestoreTesting),
  register(backupRetentionMinimum),
  register(backupZoneSeparation),
];

export {
  backupCopyResidency,
  backupCoverage,
  backupCrossRegionCopy,
  backupDeletionProtection,
  backupExemptions,
  backupExternalVaults,
  backupImmutable,
  backupKeySeparation,
  backupOfflineCopy,
  backupRestoreTesting,
  backupRetentionMinimum,
  backupZoneSeparation,
};
