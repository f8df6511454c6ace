import type { PolicyPreviewResult } from "../../harness/run-preview";
import { BACKUP_ACCOUNT, PROD_ACCOUNT } from "../programs/backup-designs";
import { GOV_DB_URN, GOV_DR_VAULT_URN, GOV_PLAN_URN, governedDesign } from "../programs/governance-designs";
import { type RunOptions, summary, usePackUnderTest } from "../support/protocol-preview";

/** The date the pack's clock is fixed to. */
const TODAY = "2026-11-22";
const EU_RESIDENCY = { "backup-copy-residency": { allowedRegions: ["eu-*"], allowedAccounts: [PROD_ACCOUNT, BACKUP_ACCOUNT] } };
const LEGACY = "reason=Legacy orders database retired in Q1 ticket OPS-1234";

/** The diagnostics of one policy. */
function of(result: PolicyPreviewResult, policy: string) {
  return result.diagnostics.filter((d) => d.policyName === policy);
}

describe("governance policies over the Analyzer protocol, started by run-policy-pack like the Pulumi CLI", () => {
  const packUnderTest = usePackUnderTest({ BACKUP_GUARD_TODAY: TODAY });
  const preview = (program: () => void, options: RunOptions = {}) => packUnderTest.run(program, options);

  it("raises no diagnostic at all for the compliant design, with and without EU residency", async () => {
    for (const policyConfig of [undefined, EU_RESIDENCY]) {
      const result = await preview(governedDesign(), { policyConfig });
      expect(summary(result)).toEqual([]);
      expect(result.blocked).toBe(false);
    }
  });

  it("raises no diagnostic for the compliant design with collapseNestedUnknowns, nor in an update", async () => {
    expect(summary(await preview(governedDesign(), { collapseNestedUnknowns: true }))).toEqual([]);
    expect(summary(await preview(governedDesign(), { preview: false }))).toEqual([]);
  });

  describe("done-when: each broken design gives a mandatory diagnostic from the named policy", () => {
    it("an unprotected database: backup-coverage", async () => {
      const result = await preview(governedDesign({ unprotected: true }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${GOV_DB_URN}`]);
      expect(result.blocked).toBe(true);
    });

    it("a copy outside the allowed regions: backup-copy-residency", async () => {
      const result = await preview(governedDesign({ copyRegion: "us-east-1" }), { policyConfig: EU_RESIDENCY });
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-copy-residency ${GOV_PLAN_URN}`]);
      expect(of(result, "backup-copy-residency")[0].message).toMatch(/us-east-1/);
    });

    it("a copy kept 3 days: backup-retention-minimum", async () => {
      const result = await preview(governedDesign({ copyDeleteAfter: 3 }));
      const retention = of(result, "backup-retention-minimum");
      expect(retention.map((d) => `${d.phase} ${d.enforcementLevel} ${d.urn}`)).toEqual([
        `analyze mandatory ${GOV_PLAN_URN}`,
        `analyzeStack mandatory ${GOV_PLAN_URN}`,
      ]);
      expect(retention[0].message).toMatch(/3 days/);
    });

    it("a compliance-locked vault holding copies without a deletion-denying access policy: backup-deletion-protection, advisory (the lock stops early deletion)", async () => {
      const result = await preview(governedDesign({ noCopyVaultPolicy: true }));
      expect(summary(result)).toEqual([`analyzeStack advisory backup-deletion-protection ${GOV_DR_VAULT_URN}`]);
      expect(result.diagnostics[0].message).toMatch(
        /^Vault "orders-dr" has no access policy that denies shortening the retention of its recovery points\. It holds copies of rule "daily" of backup plan "orders-plan", and no aws\.backup\.VaultPolicy in this stack attaches to it; its compliance-mode lock \(vault lock "orders-dr-lock"\) already stops anyone, the root user included, from deleting its recovery points before their retention ends or shortening it below the lock's minimum\. What remains open: .* can still shorten the retention of its recovery points down to the lock's minimum of 7 days \(minRetentionDays\), and delete them once that has passed\. /,
      );
      expect(result.blocked).toBe(false);
    });

    it("an expired exemption: the finding keeps its mandatory level and says why the exemption was refused", async () => {
      const result = await preview(governedDesign({ unprotected: true, databaseTags: { "backup-guard:exempt:backup-coverage": `until=2026-10-31 ${LEGACY}` } }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${GOV_DB_URN}`]);
      expect(of(result, "backup-coverage")[0].message).toMatch(/expired/);
      expect(of(result, "backup-coverage")[0].message).toMatch(/2026-10-31/);
    });
  });

  describe("exemptions", () => {
    it("a valid tag exemption turns the finding advisory and says who, why and until when", async () => {
      const result = await preview(governedDesign({ unprotected: true, databaseTags: { "backup-guard:exempt:backup-coverage": `until=2027-01-31 ${LEGACY}` } }));
      expect(summary(result)).toEqual([`analyzeStack advisory backup-coverage ${GOV_DB_URN}`]);
      expect(result.blocked).toBe(false);
      const message = of(result, "backup-coverage")[0].message;
      expect(message).toMatch(/2027-01-31/);
      expect(message).toMatch(/Legacy orders database retired in Q1 ticket OPS-1234/);
    });

    it("an exemption without a reason, or for another policy, exempts nothing", async () => {
      const variants: Array<Record<string, string>> = [
        { "backup-guard:exempt:backup-coverage": "until=2027-01-31" },
        { "backup-guard:exempt:backup-retention-minimum": `until=2027-01-31 ${LEGACY}` },
      ];
      for (const tags of variants) {
        const result = await preview(governedDesign({ unprotected: true, databaseTags: tags }));
        expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${GOV_DB_URN}`]);
      }
    });

    it("a config exemption in backup-exemptions naming the policy and the resource by glob", async () => {
      const policyConfig = {
        "backup-exemptions": {
          exemptions: [{ resources: ["*::orders"], policies: ["backup-coverage"], reason: "migrated to the new cluster next sprint", until: "2027-01-31" }],
        },
      };
      const result = await preview(governedDesign({ unprotected: true }), { policyConfig });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-coverage ${GOV_DB_URN}`]);
    });
  });

  it("refuses a config with an unknown key, naming it, and fails closed", async () => {
    const result = await preview(governedDesign(), { policyConfig: { "backup-coverage": { resourceType: ["aws:rds/instance:Instance"] } } });
    const diagnostics = of(result, "backup-coverage");
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.enforcementLevel).toBe("mandatory");
      expect(d.message).toContain('unknown config key "resourceType"');
    }
    expect(result.blocked).toBe(true);
  });
});
