// A real @pulumi/aws program that meets every backup-guard policy, and the mutations the governance
// policies of issue 4 must catch (unprotected database, copy outside the allowed regions, short copy
// retention, vault without a deletion-denying policy, exemptions).
import * as aws from "@pulumi/aws";
import { BACKUP_ACCOUNT, PROD_ACCOUNT, urnOf } from "./backup-designs";

export const GOV_DB_URN = urnOf("aws:rds/instance:Instance", "orders");
export const GOV_PLAN_URN = urnOf("aws:backup/plan:Plan", "orders-plan");
export const GOV_SOURCE_VAULT_URN = urnOf("aws:backup/vault:Vault", "orders-vault");
export const GOV_DR_VAULT_URN = urnOf("aws:backup/vault:Vault", "orders-dr");
export const GOV_DR_POLICY_URN = urnOf("aws:backup/vaultPolicy:VaultPolicy", "orders-dr-policy");

/** A vault access policy that denies deleting recovery points and changing their lifecycle to everyone. */
export const DENY_DELETION_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyRecoveryPointDeletion",
      Effect: "Deny",
      Principal: "*",
      Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"],
      Resource: "*",
    },
  ],
});

/** What to change in the compliant design. */
export interface GovernanceOptions {
  /** No AWS Backup selection for the database. */
  readonly unprotected?: boolean;
  /** Region of the copy vault (default eu-central-1). */
  readonly copyRegion?: string;
  /** Days the copies are kept (default 35). */
  readonly copyDeleteAfter?: number;
  /** No access policy on the copy vault. */
  readonly noCopyVaultPolicy?: boolean;
  /** Tags of the database (e.g. an exemption). */
  readonly databaseTags?: Record<string, string>;
}

/**
 * A Multi-AZ, encrypted PostgreSQL database with deletion protection and 7 days of automated backups,
 * backed up daily by AWS Backup into a compliance-locked vault of the production account (eu-west-3)
 * and copied into a compliance-locked vault of the backup account in eu-central-1 encrypted with that
 * account's key; both vaults deny recovery-point deletion to every principal, and restore tests run
 * in both regions.
 */
export function governedDesign(options: GovernanceOptions = {}): () => void {
  return () => {
    const dr = new aws.Provider("dr", {
      region: options.copyRegion ?? "eu-central-1",
      assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup-copy` }],
    });
    const prodKey = new aws.kms.Key("orders-key", { description: "orders database", deletionWindowInDays: 30 });
    const drKey = new aws.kms.Key("orders-dr-key", { description: "orders backups in the backup account", deletionWindowInDays: 30 }, { provider: dr });
    const db = new aws.rds.Instance("orders", {
      identifier: "orders",
      engine: "postgres",
      instanceClass: "db.t4g.micro",
      allocatedStorage: 20,
      username: "app",
      manageMasterUserPassword: true,
      multiAz: true,
      storageEncrypted: true,
      kmsKeyId: prodKey.arn,
      backupRetentionPeriod: 7,
      deleteAutomatedBackups: false,
      deletionProtection: true,
      finalSnapshotIdentifier: "orders-final",
      tags: { app: "orders", ...(options.databaseTags ?? {}) },
    });
    const vault = new aws.backup.Vault("orders-vault", { name: "orders-vault" });
    new aws.backup.VaultLockConfiguration("orders-vault-lock", { backupVaultName: vault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 });
    new aws.backup.VaultPolicy("orders-vault-policy", { backupVaultName: vault.name, policy: DENY_DELETION_POLICY });
    const copyVault = new aws.backup.Vault("orders-dr", { name: "orders-dr", kmsKeyArn: drKey.arn }, { provider: dr });
    new aws.backup.VaultLockConfiguration("orders-dr-lock", { backupVaultName: copyVault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 }, { provider: dr });
    if (!options.noCopyVaultPolicy) {
      new aws.backup.VaultPolicy("orders-dr-policy", { backupVaultName: copyVault.name, policy: DENY_DELETION_POLICY }, { provider: dr });
    }
    const plan = new aws.backup.Plan("orders-plan", {
      name: "orders-plan",
      rules: [
        {
          ruleName: "daily",
          targetVaultName: vault.name,
          schedule: "cron(0 5 * * ? *)",
          lifecycle: { deleteAfter: 35 },
          copyActions: [{ destinationVaultArn: copyVault.arn, lifecycle: { deleteAfter: options.copyDeleteAfter ?? 35 } }],
        },
      ],
    });
    if (!options.unprotected) {
      new aws.backup.Selection("orders-selection", { name: "orders", planId: plan.id, iamRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/backup`, resources: [db.arn] });
    }
    for (const [suffix, provider] of [["", undefined], ["-dr", dr]] as const) {
      const tests = new aws.backup.RestoreTestingPlan(
        `restore-tests${suffix}`,
        {
          name: `restore_tests${suffix.replace("-", "_")}`,
          scheduleExpression: "cron(0 12 ? * MON *)",
          recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 },
        },
        { provider },
      );
      new aws.backup.RestoreTestingSelection(
        `restore-rds${suffix}`,
        {
          name: `restore_rds${suffix.replace("-", "_")}`,
          restoreTestingPlanName: tests.name,
          protectedResourceType: "RDS",
          iamRoleArn: `arn:aws:iam::${provider ? BACKUP_ACCOUNT : PROD_ACCOUNT}:role/restore-testing`,
          protectedResourceArns: ["*"],
        },
        { provider },
      );
    }
  };
}
