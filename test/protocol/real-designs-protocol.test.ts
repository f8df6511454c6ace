// Audit with real Pulumi programs (test/programs/real/): public designs re-written in our own words, run
// through the pack exactly as `pulumi preview --policy-pack` would (mocks in preview mode, the real
// run-policy-pack launcher, every policy at its default config). Each test asserts every diagnostic
// (phase, level, policy, resource) and at least one whole message. The expectations were written from
// the policies' documentation before running; where the tool disagreed and was right, the comment says why.
import { PROD_ACCOUNT } from "../programs/backup-designs";
import { OFFSITE_CLUSTER_URN, OFFSITE_LOCK_URN, OFFSITE_PLAN_URN, OFFSITE_REPLICA_VAULT_URN, OFFSITE_VAULT_URN, offsiteAuroraDesign } from "../programs/real/offsite-aurora";
import { PAYMENT_CLUSTER_URN, PAYMENT_COPY_ARN, PAYMENT_PLAN_URN, PAYMENT_VAULT_URN, paymentBackupStackDesign } from "../programs/real/payment-backup-stack";
import { PLATFORM_CLUSTER_URN, PLATFORM_PLAN_URN, PLATFORM_REPLICA_VAULT_URN, platformBackupDesign } from "../programs/real/platform-backup";
import {
  TIER_DB_URN,
  TIER_RDS_REPLICATION_URN,
  TIER_S3_REPLICATION_URN,
  TIER_TABLE_URN,
  stackReferenceDataTierDesign,
} from "../programs/real/stack-reference-data-tier";
import { summary, usePackUnderTest } from "../support/protocol-preview";

const UNRESOLVED = " [unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]";
const PROD_DEFAULT = `(default provider default_7_48_0 allowedAccountIds)`;

describe("real Pulumi designs through the pack, over the Analyzer protocol", () => {
  const packUnderTest = usePackUnderTest({ BACKUP_GUARD_TODAY: "2026-11-22" });

  describe("A: compliance-locked primary and replica vaults, the replica in another region of the same account, keys a multi-Region pair", () => {
    it("blocks only the missing offline copy; the lifecycle gap, the shared key owner and the untested replica are advisory", async () => {
      const result = await packUnderTest.run(platformBackupDesign());
      // Expected beforehand: deletion-protection mandatory on the replica vault. The tool reports it advisory,
      // rightly: the compliance-mode lock already forbids deleting recovery points early, so only shortening
      // retention down to minRetentionDays (35) remains open (docs/policies/backup-deletion-protection.md).
      expect(summary(result)).toEqual([
        `analyzeStack advisory backup-deletion-protection ${PLATFORM_REPLICA_VAULT_URN}`,
        `analyzeStack advisory backup-key-separation ${PLATFORM_PLAN_URN}`,
        `analyzeStack mandatory backup-offline-copy ${PLATFORM_PLAN_URN}`,
        `analyzeStack advisory backup-restore-testing ${PLATFORM_REPLICA_VAULT_URN}`,
        `analyzeStack advisory backup-retention-minimum ${PLATFORM_CLUSTER_URN}`,
      ]);
      expect(result.diagnostics.find((d) => d.policyName === "backup-offline-copy")?.message).toBe(
        `rule "daily-with-cross-region-copy" of backup plan "platform-backup-plan" has no offline copy: all in account ${PROD_ACCOUNT}. ` +
          `Copies: copy action → vault "platform-backup-replica-vault" in account ${PROD_ACCOUNT} (same credentials as default provider default_7_48_0 allowedAccountIds), ` +
          `which is also the account of source vault "platform-backup-primary-vault" ${PROD_DEFAULT}. ` +
          "Whoever holds the production credentials (or ransomware running with them) can delete every copy. " +
          "Copy at least once into a logically air-gapped vault (aws.backup.LogicallyAirGappedVault) or into a vault in a separate backup account (a provider that assumes a role there).",
      );
      expect(result.diagnostics.find((d) => d.policyName === "backup-restore-testing")?.message).toContain(
        'there is no aws.backup.RestoreTestingPlan in its region: restore testing plan "platform-backup-restore-test-30d" (region eu-west-3) runs in another region and cannot test it.',
      );
    });

    it("passes the same design once the replica vault is in the backup account, with its own key and a deletion-denying policy", async () => {
      const result = await packUnderTest.run(platformBackupDesign({ replica: "backup-account" }));
      expect(summary(result)).toEqual([`analyzeStack advisory backup-restore-testing ${PLATFORM_REPLICA_VAULT_URN}`, `analyzeStack advisory backup-retention-minimum ${PLATFORM_CLUSTER_URN}`]);
      expect(result.blocked).toBe(false);
    });
  });

  describe("B: an Aurora cluster inside a component, a governance-mode lock, an unlocked replica vault in another region", () => {
    it("blocks the governance lock in Analyze and AnalyzeStack with one text, the unlocked replica, the missing offline copy and vault policy", async () => {
      const result = await packUnderTest.run(offsiteAuroraDesign());
      expect(summary(result)).toEqual([
        `analyze mandatory backup-immutable ${OFFSITE_LOCK_URN}`,
        `analyzeStack mandatory backup-deletion-protection ${OFFSITE_REPLICA_VAULT_URN}`,
        `analyzeStack mandatory backup-immutable ${OFFSITE_REPLICA_VAULT_URN}`,
        `analyzeStack mandatory backup-immutable ${OFFSITE_LOCK_URN}`,
        `analyzeStack mandatory backup-offline-copy ${OFFSITE_PLAN_URN}`,
        `analyzeStack advisory backup-restore-testing ${OFFSITE_REPLICA_VAULT_URN}`,
        `analyzeStack advisory backup-restore-testing ${OFFSITE_VAULT_URN}`,
        `analyzeStack advisory backup-retention-minimum ${OFFSITE_CLUSTER_URN}`,
      ]);
      const lock =
        'Vault lock "DatabaseBackupVaultLock" is in governance mode, so it can be removed. Its changeableForDays is not set: anyone allowed backup:DeleteBackupVaultLockConfiguration can remove the lock and then delete the recovery points. ' +
        "Set changeableForDays (at least 3) so the lock becomes immutable in compliance mode once that grace time has passed.";
      expect(result.diagnostics.filter((d) => d.urn === OFFSITE_LOCK_URN).map((d) => d.message)).toEqual([lock, lock]);
      // The cluster is a child of the component; the selection reaches it through the component's output.
      expect(result.diagnostics.find((d) => d.policyName === "backup-restore-testing")?.message).toContain('It receives backups of Cluster "MainDatabaseCluster" (Aurora) from rule "daily"');
    });
  });

  describe("C: components whose copy action interpolates a Promise into a literal vault ARN", () => {
    it("never reads the text \"[object Promise]\" as an account: every copy check fails closed and names the interpolated Promise", async () => {
      const result = await packUnderTest.run(paymentBackupStackDesign());
      expect(summary(result)).toEqual([
        `analyze mandatory backup-deletion-protection ${PAYMENT_CLUSTER_URN}`,
        `analyzeStack mandatory backup-cross-region-copy ${PAYMENT_PLAN_URN}`,
        `analyzeStack mandatory backup-deletion-protection ${PAYMENT_PLAN_URN}`,
        `analyzeStack mandatory backup-deletion-protection ${PAYMENT_CLUSTER_URN}`,
        `analyzeStack mandatory backup-immutable ${PAYMENT_PLAN_URN}`,
        `analyzeStack mandatory backup-immutable ${PAYMENT_VAULT_URN}`,
        `analyzeStack advisory backup-key-separation ${PAYMENT_PLAN_URN}`,
        `analyzeStack mandatory backup-offline-copy ${PAYMENT_PLAN_URN}`,
        `analyzeStack advisory backup-restore-testing ${PAYMENT_PLAN_URN}`,
        `analyzeStack advisory backup-restore-testing ${PAYMENT_VAULT_URN}`,
        `analyzeStack advisory backup-retention-minimum ${PAYMENT_CLUSTER_URN}`,
        `analyzeStack advisory backup-retention-minimum ${PAYMENT_CLUSTER_URN}`,
      ]);
      const invalid =
        `rules[0].copyActions[0].destinationVaultArn "${PAYMENT_COPY_ARN}" is not a backup vault ARN: its account "[object Promise]" is not a 12-digit account ID: ` +
        "a Promise or an Output was interpolated into the string (build it with pulumi.interpolate or apply)";
      expect(result.diagnostics.find((d) => d.policyName === "backup-offline-copy")?.message).toBe(
        `cannot prove that rule "DailyBackup" of backup plan "payment-backup-plan-prod" has an offline copy. Undecided: copy action → "${PAYMENT_COPY_ARN}": an unknown account (${invalid}) ` +
          `vs source vault "payment-backup-vault-prod" in account ${PROD_ACCOUNT} ${PROD_DEFAULT}. ` +
          `Make the accounts known (provider assumeRoles or allowedAccountIds, e.g. stack config aws:allowedAccountIds) or copy into a logically air-gapped vault.${UNRESOLVED}`,
      );
      // Each reason is said once (it used to be repeated: "is unknown (the key of ... is unknown (...))").
      expect(result.diagnostics.find((d) => d.policyName === "backup-key-separation")?.message).toBe(
        `cannot tell whether rule "DailyBackup" of backup plan "payment-backup-plan-prod" shares keys with production. Undecided: the key of copy action → "${PAYMENT_COPY_ARN}" is unknown (${invalid}). ` +
          `Name the keys so that they can be compared during preview: reference keys declared in this stack (aws.kms.Key, aws.kms.Alias) or write key ARNs.${UNRESOLVED}`,
      );
    });
  });

  describe("D: native copies: RDS automated-backup replication, DynamoDB PITR, S3 replication to a bucket of another stack (StackReference)", () => {
    it("blocks the same-account, 14-day RDS replica, the table nothing copies, and fails closed on the bucket the stack cannot see", async () => {
      const result = await packUnderTest.run(stackReferenceDataTierDesign());
      expect(summary(result)).toEqual([
        `analyze mandatory backup-retention-minimum ${TIER_RDS_REPLICATION_URN}`,
        `analyzeStack mandatory backup-coverage ${TIER_TABLE_URN}`,
        `analyzeStack mandatory backup-cross-region-copy ${TIER_S3_REPLICATION_URN}`,
        `analyzeStack mandatory backup-immutable ${TIER_S3_REPLICATION_URN}`,
        `analyzeStack mandatory backup-offline-copy ${TIER_RDS_REPLICATION_URN}`,
        `analyzeStack advisory backup-retention-minimum ${TIER_DB_URN}`,
        `analyzeStack mandatory backup-retention-minimum ${TIER_RDS_REPLICATION_URN}`,
        `analyzeStack mandatory backup-retention-minimum ${TIER_S3_REPLICATION_URN}`,
        `analyzeStack mandatory backup-zone-separation ${TIER_S3_REPLICATION_URN}`,
      ]);
      // The destination account is literal (destination.account): the S3 route's offline copy is proven.
      expect(result.diagnostics.filter((d) => d.urn === TIER_S3_REPLICATION_URN && d.policyName === "backup-offline-copy")).toEqual([]);
      expect(result.diagnostics.find((d) => d.policyName === "backup-cross-region-copy")?.message).toBe(
        'cannot prove that replication rule "to-backup-account" of replication configuration "exports-replication" of bucket "exports" copies the data to another region. ' +
          "Undecided: replica → the destination bucket at rules[0].destination.bucket in unknown region (rules[0].destination.bucket is unknown during preview and is not computed from any bucket in this stack). " +
          `Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack.${UNRESOLVED}`,
      );
      expect(result.diagnostics.find((d) => d.policyName === "backup-coverage")?.message).toBe(
        `Nothing backs up Table "sessions" in eu-west-3, account ${PROD_ACCOUNT}. It is a protected data store (resourceTypes) in region eu-west-3 (default provider default_7_48_0, stack config aws:region), account ${PROD_ACCOUNT} ${PROD_DEFAULT}; ` +
          "no AWS Backup selection of its region and account selects it and no native copy mechanism copies it. Its own backups (point-in-time recovery (pointInTimeRecovery.recoveryPeriodInDays 35)) stay in its region and account and do not count (acceptServiceBackups is off). " +
          "If the data is deleted, encrypted or its region lost, it cannot be restored. " +
          "Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). " +
          "If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.",
      );
    });
  });
});
