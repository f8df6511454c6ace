import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = "backup-copy-residency";

/** STUB: to be written. */
export const backupCopyResidency = defineRule<CommonRuleConfig>({
  meta: {
    id: ID,
    title: "Copies stay in allowed regions and accounts",
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
