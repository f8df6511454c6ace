// Real design A, re-written (not copied) from a public Pulumi TypeScript program: `src/backup.ts` of a
// platform blueprint found in the public code index (find_string id 66814742685, "createBackupStack"; its
// test, id 66432659564, gives the values used here). The index does not name its repository.
//
// What it builds: a multi-Region KMS key of the production account and a ReplicaKey of it in the replica
// region; a primary vault (that key) and a replica vault (the ReplicaKey) through a provider that only
// sets the replica region, both locked in compliance mode (changeableForDays 3, 35..2555 days); one daily
// rule with continuous backup, cold storage after 90 days, kept 365 days, copying to the replica vault;
// a selection by tag Backup=required; a restore-testing plan over the primary vault only, with an "Aurora"
// restore-testing selection. The blueprint's Aurora cluster (tagged Backup=required) is added so that
// the selection protects something. The `backup-account` option is the same design with
// what backup-guard asks for, to show that it then passes.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_ACCOUNT, urnOf } from "../backup-designs";

export const PLATFORM_PLAN_URN = urnOf("aws:backup/plan:Plan", "platform-backup-plan");
export const PLATFORM_PRIMARY_VAULT_URN = urnOf("aws:backup/vault:Vault", "platform-backup-primary-vault");
export const PLATFORM_CLUSTER_URN = urnOf("aws:rds/cluster:Cluster", "platform-db");
export const PLATFORM_REPLICA_VAULT_URN = urnOf("aws:backup/vault:Vault", "platform-backup-replica-vault");

/**
 * `as-published`: the design as written. `backup-account`: what its findings ask for: the replica vault in
 * the backup account (its provider assumes a role there), encrypted with a key of that account (a
 * multi-Region replica key can only live in its primary key's account), with a VaultPolicy denying
 * recovery-point deletion and lifecycle changes to everyone.
 */
export interface PlatformBackupOptions {
  readonly replica?: "as-published" | "backup-account";
}

function keyPolicy(accountId: pulumi.Input<string>, partition: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.all([accountId, partition]).apply(([account, part]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:${part}:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
        {
          Sid: "Backup",
          Effect: "Allow",
          Principal: { Service: "backup.amazonaws.com" },
          Action: ["kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
          Resource: "*",
        },
      ],
    }),
  );
}

export function platformBackupDesign(options: PlatformBackupOptions = {}): () => void {
  return () => {
    const replicaRegion = "us-west-2";
    const inBackupAccount = options.replica === "backup-account";
    const lock = { minRetentionDays: 35, maxRetentionDays: 2555, changeableForDays: 3 };
    const identity = aws.getCallerIdentityOutput({});
    const partition = aws.getPartitionOutput({});
    const policy = keyPolicy(identity.accountId, partition.partition);

    new aws.rds.Cluster("platform-db", {
      clusterIdentifier: "platform-db",
      engine: "aurora-postgresql",
      masterUsername: "app",
      manageMasterUserPassword: true,
      storageEncrypted: true,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      finalSnapshotIdentifier: "platform-db-final",
      tags: { Backup: "required" },
    });

    const primaryKey = new aws.kms.Key("platform-backup-primary-key", { enableKeyRotation: true, deletionWindowInDays: 30, multiRegion: true, policy });
    const primaryVault = new aws.backup.Vault("platform-backup-primary-vault", { name: "platform-backup-primary-vault", kmsKeyArn: primaryKey.arn, forceDestroy: false });
    new aws.backup.VaultLockConfiguration("platform-backup-primary-vault-lock", { backupVaultName: primaryVault.name, ...lock });

    const replicaProvider = new aws.Provider("platform-backup-replica-provider", {
      region: replicaRegion as aws.Region,
      ...(inBackupAccount ? { assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup-copies` }] } : {}),
    });
    const replicaKey = inBackupAccount
      ? new aws.kms.Key("platform-backup-replica-key", { enableKeyRotation: true, deletionWindowInDays: 30 }, { provider: replicaProvider })
      : new aws.kms.ReplicaKey("platform-backup-replica-key", { primaryKeyArn: primaryKey.arn, deletionWindowInDays: 30, policy }, { provider: replicaProvider });
    const replicaVault = new aws.backup.Vault(
      "platform-backup-replica-vault",
      { name: "platform-backup-replica-vault", kmsKeyArn: replicaKey.arn, forceDestroy: false },
      { provider: replicaProvider },
    );
    if (inBackupAccount) {
      new aws.backup.VaultPolicy(
        "platform-backup-replica-vault-policy",
        {
          backupVaultName: replicaVault.name,
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }],
          }),
        },
        { provider: replicaProvider },
      );
    }
    new aws.backup.VaultLockConfiguration("platform-backup-replica-vault-lock", { backupVaultName: replicaVault.name, ...lock }, { provider: replicaProvider });

    const lifecycle = { coldStorageAfter: 90, deleteAfter: 365 };
    const plan = new aws.backup.Plan("platform-backup-plan", {
      name: "platform-backup-plan",
      rules: [
        {
          ruleName: "daily-with-cross-region-copy",
          targetVaultName: primaryVault.name,
          schedule: "cron(0 5 ? * * *)",
          startWindow: 60,
          completionWindow: 360,
          enableContinuousBackup: true,
          lifecycle,
          copyActions: [{ destinationVaultArn: replicaVault.arn, lifecycle }],
        },
      ],
    });
    const role = new aws.iam.Role("platform-backup-selection-role", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "backup.amazonaws.com" }) });
    new aws.backup.Selection("platform-backup-selection", {
      name: "platform-backup-selection",
      iamRoleArn: role.arn,
      planId: plan.id,
      selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "required" }],
    });

    const restorePlan = new aws.backup.RestoreTestingPlan("platform-backup-restore-test-30d", {
      name: "platform_backup_restore_test_30d",
      recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: [primaryVault.arn], recoveryPointTypes: ["CONTINUOUS", "SNAPSHOT"], selectionWindowDays: 30 },
      scheduleExpression: "cron(0 6 1 * ? *)",
      startWindowHours: 24,
    });
    new aws.backup.RestoreTestingSelection("platform-backup-restore-30d-aurora", {
      name: "restore_30d_Aurora",
      restoreTestingPlanName: restorePlan.name,
      protectedResourceType: "Aurora",
      iamRoleArn: role.arn,
      protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "required" }] },
      validationWindowHours: 24,
    });
  };
}
