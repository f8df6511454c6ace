import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = "backup-deletion-protection";

/** STUB: to be written. */
export const backupDeletionProtection = defineRule<CommonRuleConfig>({
  meta: {
    id: ID,
    title: "Backups and data stores cannot be deleted by anyone",
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
