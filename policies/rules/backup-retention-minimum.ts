import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = "backup-retention-minimum";

/** STUB: to be written. */
export const backupRetentionMinimum = defineRule<CommonRuleConfig>({
  meta: {
    id: ID,
    title: "Backups and copies are kept long enough",
    description: "TODO",
    rationale: "TODO",
    severity: "high",
    defaultLevel: "mandatory",
    frameworks: [],
    remediation: ["TODO"],
    limits: [],
    appliesTo: [],
    config: {},
  },
  check() {
    // not written yet
  },
});
