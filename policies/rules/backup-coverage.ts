import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = "backup-coverage";

/** STUB: to be written. */
export const backupCoverage = defineRule<CommonRuleConfig>({
  meta: {
    id: ID,
    title: "Every protected data store is backed up",
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
