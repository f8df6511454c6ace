// Adversarial designs (test/programs/real/adversarial-designs.ts, written for this audit) through the pack as
// `pulumi preview --policy-pack` runs them. Exact (phase, level, policy, resource) findings and a whole message.
import { ADV_DR_VAULT_URN, ADV_PLAN_URN, ADV_PRIMARY_VAULT_URN, adversarialDesign } from "../programs/real/adversarial-designs";
import { summary, usePackUnderTest } from "../support/protocol-preview";

const RESTORE = [`analyzeStack advisory backup-restore-testing ${ADV_PRIMARY_VAULT_URN}`, `analyzeStack advisory backup-restore-testing ${ADV_DR_VAULT_URN}`];

describe("adversarial designs through the pack", () => {
  const packUnderTest = usePackUnderTest({ BACKUP_GUARD_TODAY: "2026-12-03" });

  it("passes the base design: the DR vault inherits the component's providers map (us-west-2, backup account)", async () => {
    expect(summary(await packUnderTest.run(adversarialDesign()))).toEqual(RESTORE);
  });

  it("does not let a lock by the literal name \"dr\" in the stack's region lock the same-named copy vault in us-west-2", async () => {
    expect(summary(await packUnderTest.run(adversarialDesign({ lock: "name-only" })))).toEqual([`analyzeStack mandatory backup-immutable ${ADV_DR_VAULT_URN}`, ...RESTORE]);
  });

  it("blocks a copy shorter than the DR lock's minimum", async () => {
    expect(summary(await packUnderTest.run(adversarialDesign({ copyDeleteAfter: 30 })))).toEqual([`analyzeStack mandatory backup-immutable ${ADV_PLAN_URN}`, ...RESTORE]);
  });

  it("a vault whose own provider overrides the parent's providers map is not locked nor protected by the component's lock and policy made in us-west-2", async () => {
    const result = await packUnderTest.run(adversarialDesign({ drProvider: "child-override" }));
    expect(summary(result)).toEqual([
      `analyzeStack mandatory backup-cross-region-copy ${ADV_PLAN_URN}`,
      `analyzeStack mandatory backup-deletion-protection ${ADV_DR_VAULT_URN}`,
      `analyzeStack mandatory backup-immutable ${ADV_DR_VAULT_URN}`,
      ...RESTORE,
    ]);
    expect(result.diagnostics.find((d) => d.policyName === "backup-immutable")?.message).toBe(
      'Vault "adv-dr" is not immutable, yet it holds recovery points of rule "daily" of backup plan "adv-plan". Not locked: no aws.backup.VaultLockConfiguration in this stack locks vault "adv-dr"; vault lock "adv-dr-lock" takes its name but is created in us-west-2 (provider adv-dr-provider region), account 222222222222 (provider adv-dr-provider assumeRoles[0].roleArn), not in the vault\'s eu-west-3 (provider adv-home region), account 222222222222 (provider adv-home assumeRoles[0].roleArn), so it would lock a vault of that name there. Anyone with the account\'s backup permissions, or ransomware using them, can delete or shorten the backups. Add an aws.backup.VaultLockConfiguration with changeableForDays set (compliance mode) and minRetentionDays/maxRetentionDays that admit the plan\'s retention, or use a logically air-gapped vault.',
    );
  });
});
