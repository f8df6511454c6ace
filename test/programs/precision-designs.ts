// Real @pulumi/aws programs for issue 10 (precision): the most common plan shape (a daily and a monthly
// rule copying to one vault), a DR provider that only sets a region, and a central vault outside the stack.
import * as aws from "@pulumi/aws";
import { BACKUP_ACCOUNT, PROD_ACCOUNT, urnOf } from "./backup-designs";

/** The central vault of the organisation's backup account, created by another stack. */
export const CENTRAL_VAULT_ARN = `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:central`;
export const TWO_RULE_PLAN_URN = urnOf("aws:backup/plan:Plan", "two-rules");

/** Where both rules copy. */
export interface TwoRuleOptions {
  /**
   * `backup-account`: an in-stack vault "dr" through a provider that assumes a role in the backup account;
   * `region-only`: the same vault through a provider that only sets a region (the production account);
   * `central`: the central vault, by its literal ARN.
   */
  readonly copyTo: "backup-account" | "region-only" | "central";
  /** Region of the DR provider (default eu-central-1). */
  readonly drRegion?: string;
}

/**
 * A primary vault (auto-named: its name is unknown in preview) with a compliance lock, and a plan whose
 * daily and monthly rules both back up into it and copy to one destination (`dr.arn`, unknown in preview,
 * or the central vault's literal ARN).
 */
export function twoRuleDesign(options: TwoRuleOptions): () => void {
  return () => {
    const primary = new aws.backup.Vault("primary", {});
    new aws.backup.VaultLockConfiguration("primary-lock", { backupVaultName: primary.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 400 });
    let destination: aws.backup.Vault["arn"] | string = CENTRAL_VAULT_ARN;
    if (options.copyTo !== "central") {
      const region = options.drRegion ?? "eu-central-1";
      const provider = new aws.Provider(
        "dr",
        options.copyTo === "region-only" ? { region } : { region, assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup-copy` }] },
      );
      const dr = new aws.backup.Vault("dr", { name: "dr" }, { provider });
      new aws.backup.VaultLockConfiguration("dr-lock", { backupVaultName: dr.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 400 }, { provider });
      destination = dr.arn;
    }
    // Each rule keeps its recovery points, and their copies, as long as its schedule says.
    const rule = (ruleName: string, schedule: string, days: number) => ({
      ruleName,
      targetVaultName: primary.name,
      schedule,
      lifecycle: { deleteAfter: days },
      copyActions: [{ destinationVaultArn: destination, lifecycle: { deleteAfter: days } }],
    });
    new aws.backup.Plan("two-rules", { rules: [rule("daily", "cron(0 5 * * ? *)", 35), rule("monthly", "cron(0 5 1 * ? *)", 365)] });
  };
}

export const ORDERS_DB_URN = urnOf("aws:rds/instance:Instance", "orders-db");
export const EXPORTS_REPLICATION_URN = urnOf("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "exports-replication");

/** What else keeps a copy of the database "orders-db" (issue 10 item 3). */
export type DatabaseCopy = "none" | "aws-backup" | "continuous-only" | "snapshot-copy";

/**
 * A database that leaves deleteAutomatedBackups out (the provider's default, true) and sets
 * skipFinalSnapshot: so it takes its automated backups with it and no final snapshot. Whether that
 * destroys the last copy depends on `copy`: an AWS Backup plan of snapshots, a plan of continuous backups
 * only (which are the database's own automated backups), or a manual snapshot copied to eu-central-1.
 */
export function destructiveSettingsDesign(copy: DatabaseCopy): () => void {
  return () => {
    const db = new aws.rds.Instance("orders-db", {
      engine: "postgres",
      instanceClass: "db.t4g.micro",
      allocatedStorage: 20,
      username: "app",
      manageMasterUserPassword: true,
      multiAz: true,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      skipFinalSnapshot: true,
    });
    if (copy === "aws-backup" || copy === "continuous-only") {
      const vault = new aws.backup.Vault("orders-vault", {});
      const plan = new aws.backup.Plan("orders-plan", {
        rules: [
          {
            ruleName: copy === "aws-backup" ? "daily" : "pitr",
            targetVaultName: vault.name,
            schedule: "cron(0 5 * * ? *)",
            lifecycle: { deleteAfter: 35 },
            ...(copy === "continuous-only" ? { enableContinuousBackup: true } : {}),
          },
        ],
      });
      new aws.backup.Selection("orders-selection", { planId: plan.id, iamRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/backup`, resources: [db.arn] });
    }
    if (copy === "snapshot-copy") {
      const snapshot = new aws.rds.Snapshot("orders-snapshot", { dbInstanceIdentifier: db.identifier, dbSnapshotIdentifier: "orders-snapshot" });
      new aws.rds.SnapshotCopy("orders-snapshot-dr", { sourceDbSnapshotIdentifier: snapshot.dbSnapshotArn, targetDbSnapshotIdentifier: "orders-snapshot-dr", destinationRegion: "eu-central-1" });
    }
  };
}

/**
 * Bucket "exports" encrypted with a multi-Region key of the production account, replicated to eu-central-1
 * with its replicas encrypted by a replica of that key (replicaKmsKeyId), which the production account owns
 * (AWS creates replicas in the primary key's account). The replica bucket is in the production account, or
 * in the backup account (`replicaBucketIn`) (issue 10 item 5).
 */
export function replicaKeyReplicationDesign(replicaBucketIn: "production" | "backup"): () => void {
  return () => {
    const key = new aws.kms.Key("exports-key", { description: "exports", multiRegion: true, deletionWindowInDays: 30 });
    const prodDr = new aws.Provider("dr-prod", { region: "eu-central-1" });
    const backupDr = new aws.Provider("dr-backup", { region: "eu-central-1", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/replication` }] });
    const replicaKey = new aws.kms.ReplicaKey("exports-key-replica", { primaryKeyArn: key.arn, deletionWindowInDays: 30 }, { provider: prodDr });
    const source = new aws.s3.BucketV2("exports", { bucket: "orders-exports" });
    new aws.s3.BucketServerSideEncryptionConfigurationV2("exports-sse", {
      bucket: source.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
    });
    const replicaProvider = replicaBucketIn === "production" ? prodDr : backupDr;
    const replica = new aws.s3.BucketV2("exports-replica", { bucket: "orders-exports-replica" }, { provider: replicaProvider });
    new aws.s3.BucketReplicationConfig("exports-replication", {
      bucket: source.id,
      role: `arn:aws:iam::${PROD_ACCOUNT}:role/replication`,
      rules: [
        {
          id: "everything",
          status: "Enabled",
          filter: {},
          deleteMarkerReplication: { status: "Disabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: { bucket: replica.arn, encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn } },
        },
      ],
    });
  };
}

export const WEB_INSTANCE_URN = urnOf("aws:ec2/instance:Instance", "web");

/** What keeps copies of the web server's inline volumes (issue 10 item 10). */
export type InlineVolumeCopy = "none" | "aws-backup-by-tag" | "dlm-volume-tags" | "volumes-kept";

/**
 * A web server whose data lives on EBS volumes declared inline (rootBlockDevice, ebsBlockDevices, both
 * leaving deleteOnTermination at its default, true), in zone eu-west-3a; `copy` says what keeps copies of
 * them: nothing, an AWS Backup selection by the instance's tag, a DLM policy targeting VOLUME by
 * volumeTags, or nothing but deleteOnTermination: false on both devices.
 */
export function inlineVolumesDesign(copy: InlineVolumeCopy): () => void {
  return () => {
    const kept = copy === "volumes-kept" ? { deleteOnTermination: false } : {};
    new aws.ec2.Instance("web", {
      ami: "ami-0123456789abcdef0",
      instanceType: "t3.micro",
      availabilityZone: "eu-west-3a",
      tags: { app: "web", backup: "daily" },
      volumeTags: { app: "web", snapshots: "daily" },
      rootBlockDevice: { volumeSize: 20, encrypted: true, ...kept },
      ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 100, encrypted: true, ...kept }],
    });
    if (copy === "aws-backup-by-tag") {
      const vault = new aws.backup.Vault("web-vault", {});
      const plan = new aws.backup.Plan("web-plan", { rules: [{ ruleName: "daily", targetVaultName: vault.name, schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 } }] });
      new aws.backup.Selection("web-selection", {
        planId: plan.id,
        iamRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/backup`,
        selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }],
      });
    }
    if (copy === "dlm-volume-tags") {
      new aws.dlm.LifecyclePolicy("web-snapshots", {
        description: "daily snapshots of the web volumes",
        executionRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/dlm`,
        state: "ENABLED",
        policyDetails: {
          resourceTypes: ["VOLUME"],
          targetTags: { snapshots: "daily" },
          schedules: [{ name: "daily", createRule: { interval: 24, intervalUnit: "HOURS", times: "03:00" }, retainRule: { count: 35 } }],
        },
      });
    }
  };
}

export const FRA_PLAN_URN = urnOf("aws:backup/plan:Plan", "fra-plan");

/**
 * A plan made through a provider that only sets a region (eu-central-1, the production account's ambient
 * credentials) whose rule copies to a literal vault ARN of the production account (issue 10 item 11).
 * Analyze sees the plan alone; AnalyzeStack also learns the account of its source vault.
 */
export function ambientSourceDesign(): () => void {
  return () => {
    const fra = new aws.Provider("fra", { region: "eu-central-1" });
    const vault = new aws.backup.Vault("fra-primary", { name: "fra-primary" }, { provider: fra });
    const plan = new aws.backup.Plan(
      "fra-plan",
      {
        rules: [
          {
            ruleName: "daily",
            targetVaultName: vault.name,
            schedule: "cron(0 5 * * ? *)",
            lifecycle: { deleteAfter: 35 },
            copyActions: [{ destinationVaultArn: `arn:aws:backup:eu-central-1:${PROD_ACCOUNT}:backup-vault:near`, lifecycle: { deleteAfter: 35 } }],
          },
        ],
      },
      { provider: fra },
    );
    new aws.backup.Selection("fra-selection", { planId: plan.id, iamRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/backup`, resources: ["*"] }, { provider: fra });
  };
}
