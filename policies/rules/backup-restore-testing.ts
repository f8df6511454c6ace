import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = "backup-restore-testing";

/** STUB: to be written. */
export const backupRestoreTesting = defineRule<CommonRuleConfig>({
  meta: {
    id: ID,
    title: "Vaults receiving backups have restore tests",
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
