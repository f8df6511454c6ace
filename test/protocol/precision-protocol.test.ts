// Issue 10 (precision) over the real Analyzer protocol: real @pulumi/aws programs previewed through the pack
// started by run-policy-pack, as the Pulumi CLI does, with the placement policies enabled.
import { BACKUP_ACCOUNT, PROD_ACCOUNT } from "../programs/backup-designs";
import { CENTRAL_VAULT_ARN, TWO_RULE_PLAN_URN, twoRuleDesign } from "../programs/precision-designs";
import { PLACEMENT_POLICIES_ONLY, summary, usePackUnderTest } from "../support/protocol-preview";

const CENTRAL = { arn: CENTRAL_VAULT_ARN, lockMode: "compliance", minRetentionDays: 7, maxRetentionDays: 400, airGapped: false, deniesDeletion: true, declaredIn: "org/backup/prod" };

describe("precision of the placement policies on real programs, over the Analyzer protocol", () => {
  const packUnderTest = usePackUnderTest({}, PLACEMENT_POLICIES_ONLY);

  it("passes a daily and a monthly rule that both copy to one vault in another region and account (its ARN unknown in preview)", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "backup-account" }));
    expect(summary(result)).toEqual([]);
    expect(result.blocked).toBe(false);
  });

  it("blocks both rules when that one vault is in the primary's region", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "backup-account", drRegion: "eu-west-3" }));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${TWO_RULE_PLAN_URN}`, `analyzeStack mandatory backup-cross-region-copy ${TWO_RULE_PLAN_URN}`]);
  });

  it("blocks copies through a provider that only sets a region: same credentials, same account as the default provider", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "region-only" }));
    expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${TWO_RULE_PLAN_URN}`, `analyzeStack mandatory backup-offline-copy ${TWO_RULE_PLAN_URN}`]);
    expect(result.diagnostics[0].message).toBe(
      `rule "daily" of backup plan "two-rules" has no copy out of the production account's reach: copy action → vault "dr" in account ${PROD_ACCOUNT} (same credentials as default provider default_7_48_0 allowedAccountIds), which is also the account of source vault "primary" (default provider default_7_48_0 allowedAccountIds). ` +
        "Whoever holds the production credentials (or ransomware running with them) can delete every copy. Copy at least once into a logically air-gapped vault (aws.backup.LogicallyAirGappedVault) or into a vault in a separate backup account (a provider that assumes a role there).",
    );
  });

  it("fails closed on a central vault outside the stack that no config declares", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }));
    expect(summary(result)).toEqual([
      `analyzeStack mandatory backup-immutable ${TWO_RULE_PLAN_URN}`,
      `analyzeStack mandatory backup-immutable ${TWO_RULE_PLAN_URN}`,
    ]);
  });

  it("passes the central vault once backup-external-vaults declares it (Configure with the config)", async () => {
    const result = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }), { policyConfig: { "backup-external-vaults": { vaults: [CENTRAL] } } });
    expect(summary(result)).toEqual([]);
    expect(result.blocked).toBe(false);
  });

  it("blocks a declared governance-mode central vault, and fails closed when the declaration is invalid", async () => {
    const governance = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }), {
      policyConfig: { "backup-external-vaults": { vaults: [{ ...CENTRAL, lockMode: "governance" }] } },
    });
    expect(summary(governance)).toEqual([`analyzeStack mandatory backup-immutable ${TWO_RULE_PLAN_URN}`]);
    expect(governance.diagnostics[0].message).toContain(`anyone allowed backup:DeleteBackupVaultLockConfiguration in account ${BACKUP_ACCOUNT} can remove the lock`);
    const invalid = await packUnderTest.run(twoRuleDesign({ copyTo: "central" }), {
      policyConfig: { "backup-external-vaults": { vaults: [{ ...CENTRAL, minRetentionDays: 500 }] } },
    });
    expect(invalid.blocked).toBe(true);
    expect(invalid.diagnostics.filter((d) => d.policyName === "backup-external-vaults").map((d) => d.enforcementLevel)).toContain("mandatory");
    expect(invalid.diagnostics.filter((d) => d.policyName === "backup-immutable").map((d) => d.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
  });
});
