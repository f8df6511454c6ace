import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = "backup-key-separation";

/** STUB: to be written. */
export const backupKeySeparation = defineRule<CommonRuleConfig>({
  meta: {
    id: ID,
    title: "Copies are encrypted with keys separate from production",
    description: "TODO",
    rationale: "TODO",
    severity: "high",
    defaultLevel: "advisory",
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
