// Real design B, re-written (not copied) from a public SST v3 (Pulumi) TypeScript app: its `sst.config.ts`
// (public code index, find_string id 68290640276, "DatabaseBackupVault"; the index does not name its
// repository). SST's `sst.aws.Aurora` is a Pulumi component resource that owns the aws.rds.Cluster; it
// is written here as a component of our own ("sst:aws:Aurora") that parents the cluster.
//
// What it builds, in the production stage with `offsiteBackups` on: a KMS key for RDS; the Aurora cluster
// (encrypted with it, backups kept 14 days, deletion protection, final snapshot); a replica vault through
// a provider that only sets the replica region; the backup vault (the RDS key) with a vault lock that
// sets no changeableForDays (governance mode); a daily rule kept 35 days copying to the replica vault
// (copies kept 90 days); a selection of the cluster by its ARN.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { STACK, PROJECT, urnOf } from "../backup-designs";

export const OFFSITE_PLAN_URN = urnOf("aws:backup/plan:Plan", "DatabaseBackupPlan");
export const OFFSITE_VAULT_URN = urnOf("aws:backup/vault:Vault", "DatabaseBackupVault");
export const OFFSITE_REPLICA_VAULT_URN = urnOf("aws:backup/vault:Vault", "DatabaseBackupReplicaVault");
export const OFFSITE_LOCK_URN = urnOf("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "DatabaseBackupVaultLock");
/** The cluster's URN: a child of the Aurora component (the MockMonitor qualifies it by the parent's type). */
export const OFFSITE_CLUSTER_URN = `urn:pulumi:${STACK}::${PROJECT}::sst:aws:Aurora$aws:rds/cluster:Cluster::MainDatabaseCluster`;

/** A stand-in for `sst.aws.Aurora`: a component that owns the cluster. */
class Aurora extends pulumi.ComponentResource {
  readonly clusterArn: pulumi.Output<string>;
  constructor(name: string, args: { kmsKeyId: pulumi.Input<string>; backupRetentionDays: number; deletionProtection: boolean }, opts?: pulumi.ComponentResourceOptions) {
    super("sst:aws:Aurora", name, {}, opts);
    const cluster = new aws.rds.Cluster(
      `${name}Cluster`,
      {
        engine: "aurora-postgresql",
        engineMode: "provisioned",
        masterUsername: "postgres",
        manageMasterUserPassword: true,
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyId,
        backupRetentionPeriod: args.backupRetentionDays,
        preferredBackupWindow: "01:00-02:00",
        copyTagsToSnapshot: true,
        deletionProtection: args.deletionProtection,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: "app-production-final",
        serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 4 },
      },
      { parent: this },
    );
    this.clusterArn = cluster.arn;
    this.registerOutputs({ clusterArn: this.clusterArn });
  }
}

/** The app's backup settings: where the replica goes. */
export interface OffsiteAuroraOptions {
  readonly replicaRegion?: string;
}

export function offsiteAuroraDesign(options: OffsiteAuroraOptions = {}): () => void {
  return () => {
    const rdsKmsKey = new aws.kms.Key("RdsKmsKey", { description: "RDS encryption", deletionWindowInDays: 30, enableKeyRotation: true });
    const aurora = new Aurora("MainDatabase", { kmsKeyId: rdsKmsKey.arn, backupRetentionDays: 14, deletionProtection: true });

    const replicaProvider = new aws.Provider("BackupReplicaProvider", { region: (options.replicaRegion ?? "eu-central-1") as aws.Region });
    const replicaVault = new aws.backup.Vault("DatabaseBackupReplicaVault", { name: "app-production-replica" }, { provider: replicaProvider });
    const backupVault = new aws.backup.Vault("DatabaseBackupVault", { name: "app-production", kmsKeyArn: rdsKmsKey.arn });
    new aws.backup.VaultLockConfiguration("DatabaseBackupVaultLock", { backupVaultName: backupVault.name, minRetentionDays: 7, maxRetentionDays: 400 });

    const backupRole = new aws.iam.Role("DatabaseBackupRole", {
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    });
    new aws.iam.RolePolicyAttachment("DatabaseBackupRolePolicy", { role: backupRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup" });
    const backupPlan = new aws.backup.Plan("DatabaseBackupPlan", {
      name: "app-production-database",
      rules: [
        {
          ruleName: "daily",
          targetVaultName: backupVault.name,
          schedule: "cron(0 4 * * ? *)",
          startWindow: 60,
          completionWindow: 300,
          lifecycle: { deleteAfter: 35 },
          copyActions: [{ destinationVaultArn: replicaVault.arn, lifecycle: { deleteAfter: 90 } }],
        },
      ],
    });
    new aws.backup.Selection("DatabaseBackupSelection", { name: "app-production-database", iamRoleArn: backupRole.arn, planId: backupPlan.id, resources: [aurora.clusterArn] });
  };
}
