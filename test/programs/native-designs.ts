// Real @pulumi/aws programs that protect data with the services' own copy mechanisms (S3 replication,
// EFS replication, DLM cross-region copies, RDS automated-backup replication). Each design's default
// options are a passing design; options break one property at a time.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { BACKUP_ACCOUNT, PROD_ACCOUNT, urnOf } from "./backup-designs";

/** The region the copies go to. */
export const DR_REGION = "eu-central-1";
/** The stack's own region (STACK_CONFIG aws:region). */
export const PRIMARY_REGION = "eu-west-3";

/** A provider in the backup account and another region: where offline, cross-region copies go. */
function backupAccountProvider(region: string = DR_REGION): aws.Provider {
  return new aws.Provider("dr", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup` }] });
}

/**
 * A provider in the production account and another region: for what AWS only does within one account
 * (RDS automated-backup replication, Recycle Bin rules for the account's own snapshots, a logically
 * air-gapped vault).
 */
function sameAccountDrProvider(): aws.Provider {
  return new aws.Provider("dr-region", { region: DR_REGION, allowedAccountIds: [PROD_ACCOUNT] });
}

export const AIR_GAPPED_PLAN_URN = urnOf("aws:backup/plan:Plan", "offline-plan");

/**
 * An AWS Backup plan whose daily rule backs `selected` up into a compliance-locked vault of the
 * production region and copies it into a logically air-gapped vault in another region: the offline copy
 * a native copy mechanism cannot make (EFS and RDS replication stay in the production account).
 */
function airGappedBackup(selected: pulumi.Input<string>[], drRegion: aws.Provider): void {
  const primary = new aws.backup.Vault("primary", { name: "primary" });
  new aws.backup.VaultLockConfiguration("primary-lock", { backupVaultName: primary.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 });
  const airGapped = new aws.backup.LogicallyAirGappedVault("air-gapped", { name: "air-gapped", minRetentionDays: 7, maxRetentionDays: 365 }, { provider: drRegion });
  const plan = new aws.backup.Plan("offline-plan", {
    rules: [
      {
        ruleName: "daily",
        targetVaultName: primary.name,
        schedule: "cron(0 5 * * ? *)",
        lifecycle: { deleteAfter: 35 },
        copyActions: [{ destinationVaultArn: airGapped.arn, lifecycle: { deleteAfter: 35 } }],
      },
    ],
  });
  new aws.backup.Selection("offline-selection", {
    planId: plan.id,
    iamRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/aws-backup`,
    resources: selected,
  });
}

// ---------------------------------------------------------------------------------------------------
// S3 replication

export const S3_SOURCE_URN = urnOf("aws:s3/bucket:Bucket", "source");
export const S3_REPLICA_URN = urnOf("aws:s3/bucket:Bucket", "replica");
export const S3_REPLICA_LOCK_URN = urnOf("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "replica-lock");
export const S3_REPLICATION_URN = urnOf("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication");

/** How the S3 replication design is varied. */
export interface S3DesignOptions {
  /** Region of the replica's provider: `dr` = eu-central-1, `same` = the primary's region eu-west-3 (both in the backup account). */
  readonly destinationRegion?: "dr" | "same";
  /** Object Lock of the replica bucket. */
  readonly lock?: "compliance" | "governance" | "none";
  /** Replication configured inline on the source bucket instead of a BucketReplicationConfig. */
  readonly inline?: boolean;
  /** Storage class of the replicas. */
  readonly storageClass?: "STANDARD_IA" | "ONEZONE_IA";
  /** Replicate into a bucket not declared in this stack, given by its literal ARN (no replica bucket is created). */
  readonly literalDestinationArn?: string;
  /** Use the deprecated token family: aws.s3.BucketV2, BucketVersioningV2, BucketObjectLockConfigurationV2. */
  readonly legacyTokens?: boolean;
  /** The standalone rule's filter (default `{}`, the whole bucket); `"from-parameter"`: a prefix read from an SSM parameter (unknown in preview). */
  readonly filter?: aws.types.input.s3.BucketReplicationConfigRuleFilter | "from-parameter";
  /** Tag the source bucket backup-guard:protected, so that backup-coverage requires a backup of it. */
  readonly protectedSource?: boolean;
  /**
   * Encrypt the standalone design's source bucket with SSE-KMS under a customer key of the stack: `"left-out"`
   * without asking the rule for SSE-KMS objects, `"replicated"` with sourceSelectionCriteria.sseKmsEncryptedObjects
   * Enabled and a replica key of the backup account.
   */
  readonly sourceKms?: "left-out" | "replicated";
}

/**
 * A versioned source bucket "source" (default provider: eu-west-3, production account) replicated by
 * rule "dr" into bucket "replica" of the backup account (destination.account, owner Destination) in
 * eu-central-1, created with Object Lock, a COMPLIANCE default retention of 30 days and versioning.
 * The rule's destination is `replica.arn`, unknown in preview.
 */
export function s3ReplicationDesign(options: S3DesignOptions = {}): () => void {
  return () => {
    let destinationArn: pulumi.Input<string>;
    if (options.literalDestinationArn !== undefined) {
      destinationArn = options.literalDestinationArn;
    } else {
      const dr = backupAccountProvider(options.destinationRegion === "same" ? PRIMARY_REGION : DR_REGION);
      const lock = options.lock ?? "compliance";
      const legacy = options.legacyTokens ?? false;
      const BucketClass = legacy ? aws.s3.BucketV2 : aws.s3.Bucket;
      const VersioningClass = legacy ? aws.s3.BucketVersioningV2 : aws.s3.BucketVersioning;
      const LockClass = legacy ? aws.s3.BucketObjectLockConfigurationV2 : aws.s3.BucketObjectLockConfiguration;
      const replica = new BucketClass("replica", { bucket: "prod-data-replica", ...(lock === "none" ? {} : { objectLockEnabled: true }) }, { provider: dr });
      new VersioningClass("replica-versioning", { bucket: replica.id, versioningConfiguration: { status: "Enabled" } }, { provider: dr });
      if (lock !== "none") {
        new LockClass(
          "replica-lock",
          { bucket: replica.id, rule: { defaultRetention: { mode: lock === "compliance" ? "COMPLIANCE" : "GOVERNANCE", days: 30 } } },
          { provider: dr },
        );
      }
      destinationArn = replica.arn;
    }
    const role = `arn:aws:iam::${PROD_ACCOUNT}:role/s3-replication`;
    const storageClass = options.storageClass ?? "STANDARD_IA";
    if (options.inline) {
      // The (deprecated) inline replication block of aws.s3.Bucket, with inline versioning.
      new aws.s3.Bucket("source", {
        bucket: "prod-data",
        versioning: { enabled: true },
        replicationConfiguration: {
          role,
          rules: [
            {
              id: "dr",
              status: "Enabled",
              destination: { bucket: destinationArn, accountId: BACKUP_ACCOUNT, storageClass, accessControlTranslation: { owner: "Destination" } },
            },
          ],
        },
      });
      return;
    }
    const sourceArgs = { bucket: "prod-data", ...(options.protectedSource ? { tags: { "backup-guard:protected": "true" } } : {}) };
    const source = options.legacyTokens ? new aws.s3.BucketV2("source", sourceArgs) : new aws.s3.Bucket("source", sourceArgs);
    const sourceVersioning = options.legacyTokens
      ? new aws.s3.BucketVersioningV2("source-versioning", { bucket: source.id, versioningConfiguration: { status: "Enabled" } })
      : new aws.s3.BucketVersioning("source-versioning", { bucket: source.id, versioningConfiguration: { status: "Enabled" } });
    if (options.sourceKms) {
      const key = new aws.kms.Key("source-key", { description: "prod-data objects", deletionWindowInDays: 30 });
      new aws.s3.BucketServerSideEncryptionConfiguration("source-sse", {
        bucket: source.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
      });
    }
    const kmsObjects =
      options.sourceKms === "replicated"
        ? {
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            encryptionConfiguration: { replicaKmsKeyId: `arn:aws:kms:${DR_REGION}:${BACKUP_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
          }
        : undefined;
    new aws.s3.BucketReplicationConfig(
      "replication",
      {
        bucket: source.id,
        role,
        rules: [
          {
            id: "dr",
            status: "Enabled",
            filter:
              options.filter === "from-parameter"
                ? { prefix: new aws.ssm.Parameter("replicated-prefix", { type: "String", value: "exports/" }).version.apply((v) => `v${v}/`) }
                : (options.filter ?? {}),
            deleteMarkerReplication: { status: "Disabled" },
            ...(kmsObjects ? { sourceSelectionCriteria: kmsObjects.sourceSelectionCriteria } : {}),
            destination: {
              bucket: destinationArn,
              account: BACKUP_ACCOUNT,
              storageClass,
              accessControlTranslation: { owner: "Destination" },
              ...(kmsObjects ? { encryptionConfiguration: kmsObjects.encryptionConfiguration } : {}),
            },
          },
        ],
      },
      { dependsOn: [sourceVersioning] },
    );
  };
}

// ---------------------------------------------------------------------------------------------------
// EFS replication

export const EFS_FS_URN = urnOf("aws:efs/fileSystem:FileSystem", "files");
export const EFS_REPLICATION_URN = urnOf("aws:efs/replicationConfiguration:ReplicationConfiguration", "files-replication");

/** How the EFS design is varied. */
export interface EfsDesignOptions {
  /** The replication's destination block (default: a Regional replica in eu-central-1). */
  readonly destination?: { readonly region?: string; readonly availabilityZoneName?: string };
  /** Also back the file system up into a logically air-gapped vault (default true). */
  readonly offlineBackup?: boolean;
}

/**
 * An EFS One Zone file system "files" in eu-west-3a, replicated into eu-central-1. EFS replication
 * stays in the production account, so the file system is also backed up by an AWS Backup plan that
 * copies into a logically air-gapped vault in eu-central-1 (the offline copy).
 */
export function efsReplicationDesign(options: EfsDesignOptions = {}): () => void {
  return () => {
    const drRegion = sameAccountDrProvider();
    const files = new aws.efs.FileSystem("files", { availabilityZoneName: `${PRIMARY_REGION}a`, encrypted: true });
    new aws.efs.ReplicationConfiguration("files-replication", {
      sourceFileSystemId: files.id,
      destination: options.destination ?? { region: DR_REGION },
    });
    if (options.offlineBackup ?? true) airGappedBackup([files.arn], drRegion);
  };
}

// ---------------------------------------------------------------------------------------------------
// DLM

export const EBS_VOLUME_URN = urnOf("aws:ebs/volume:Volume", "data");
export const DLM_POLICY_URN = urnOf("aws:dlm/lifecyclePolicy:LifecyclePolicy", "snapshots");
export const RBIN_RULE_URN = urnOf("aws:rbin/rule:Rule", "snapshot-bin");

/** How the DLM design is varied. */
export interface DlmDesignOptions {
  /** The region of the schedule's cross-region copy rule (default eu-central-1). */
  readonly copyTarget?: string;
  /** Whether the backup account copies the shared snapshots with an event-based policy (default true). */
  readonly backupAccountCopies?: boolean;
}

/**
 * An EBS volume "data" (eu-west-3a, tagged backup=daily) snapshotted daily by DLM policy "snapshots",
 * whose schedule copies each snapshot to eu-central-1 (kept 30 days) and shares it with the backup
 * account; a Recycle Bin rule with a lock retains deleted snapshots in eu-central-1. The backup account
 * copies the shared snapshots (an event-based policy in the production region, to eu-central-1, kept by
 * a locked Recycle Bin rule there): the share alone would leave them owned by the production account.
 */
export function dlmDesign(options: DlmDesignOptions = {}): () => void {
  return () => {
    const drRegion = sameAccountDrProvider();
    new aws.ebs.Volume("data", { availabilityZone: `${PRIMARY_REGION}a`, size: 100, type: "gp3", encrypted: true, tags: { backup: "daily" } });
    new aws.dlm.LifecyclePolicy("snapshots", {
      description: "Daily EBS snapshots, copied to another region and shared with the backup account",
      executionRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/AWSDataLifecycleManagerDefaultRole`,
      state: "ENABLED",
      policyDetails: {
        resourceTypes: ["VOLUME"],
        targetTags: { backup: "daily" },
        schedules: [
          {
            name: "daily",
            copyTags: true,
            createRule: { interval: 24, intervalUnit: "HOURS", times: "03:00" },
            retainRule: { count: 14 },
            crossRegionCopyRules: [{ target: options.copyTarget ?? DR_REGION, encrypted: true, copyTags: true, retainRule: { interval: 30, intervalUnit: "DAYS" } }],
            shareRule: { targetAccounts: [BACKUP_ACCOUNT] },
          },
        ],
      },
    });
    new aws.rbin.Rule(
      "snapshot-bin",
      {
        description: "Keep deleted EBS snapshots for 14 days",
        resourceType: "EBS_SNAPSHOT",
        retentionPeriod: { retentionPeriodValue: 14, retentionPeriodUnit: "DAYS" },
        lockConfiguration: { unlockDelay: { unlockDelayUnit: "DAYS", unlockDelayValue: 7 } },
      },
      { provider: drRegion },
    );
    if (options.backupAccountCopies ?? true) {
      const role = { roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup` };
      const backupHere = new aws.Provider("backup-primary-region", { region: PRIMARY_REGION, assumeRoles: [role] });
      const backupDr = new aws.Provider("backup-dr-region", { region: DR_REGION, assumeRoles: [role] });
      new aws.dlm.LifecyclePolicy(
        "shared-snapshot-copies",
        {
          description: "Copy the snapshots production shares with the backup account",
          executionRoleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/AWSDataLifecycleManagerDefaultRole`,
          state: "ENABLED",
          policyDetails: {
            policyType: "EVENT_BASED_POLICY",
            eventSource: { type: "MANAGED_CWE", parameters: { eventType: "shareSnapshot", snapshotOwners: [PROD_ACCOUNT], descriptionRegex: ".*" } },
            action: {
              name: "copy-shared",
              crossRegionCopies: [{ target: DR_REGION, encryptionConfiguration: { encrypted: true }, retainRule: { interval: 30, intervalUnit: "DAYS" } }],
            },
          },
        },
        { provider: backupHere },
      );
      new aws.rbin.Rule(
        "backup-snapshot-bin",
        {
          resourceType: "EBS_SNAPSHOT",
          retentionPeriod: { retentionPeriodValue: 14, retentionPeriodUnit: "DAYS" },
          lockConfiguration: { unlockDelay: { unlockDelayUnit: "DAYS", unlockDelayValue: 7 } },
        },
        { provider: backupDr },
      );
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// RDS automated-backup replication

export const RDS_INSTANCE_URN = urnOf("aws:rds/instance:Instance", "db");
export const RDS_REPLICATION_URN = urnOf("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "db-backups-dr");

/** How the RDS design is varied. */
export interface RdsDesignOptions {
  /** Where the replication is created: `dr-region` (eu-central-1, production account) or `default` (the source's region). */
  readonly replicationProvider?: "dr-region" | "default";
  /** Also back the instance up into a logically air-gapped vault (default true). */
  readonly offlineBackup?: boolean;
}

/**
 * A Multi-AZ PostgreSQL instance "db" with 7 days of automated backups, replicated to eu-central-1 by
 * an InstanceAutomatedBackupsReplication created there (RDS only replicates within the account). The
 * offline copy comes from an AWS Backup plan copying the instance into a logically air-gapped vault.
 */
export function rdsDesign(options: RdsDesignOptions = {}): () => void {
  return () => {
    const drRegion = sameAccountDrProvider();
    const db = new aws.rds.Instance("db", {
      identifier: "orders",
      engine: "postgres",
      engineVersion: "16.4",
      instanceClass: "db.t4g.medium",
      allocatedStorage: 50,
      username: "orders",
      manageMasterUserPassword: true,
      multiAz: true,
      backupRetentionPeriod: 7,
      finalSnapshotIdentifier: "orders-final",
    });
    new aws.rds.InstanceAutomatedBackupsReplication(
      "db-backups-dr",
      { sourceDbInstanceArn: db.arn, retentionPeriod: 14 },
      (options.replicationProvider ?? "dr-region") === "dr-region" ? { provider: drRegion } : {},
    );
    if (options.offlineBackup ?? true) airGappedBackup([db.arn], drRegion);
  };
}

// ---------------------------------------------------------------------------------------------------
// EBS snapshot copy

export const EBS_COPY_URN = urnOf("aws:ebs/snapshotCopy:SnapshotCopy", "data-copy");

/** How the EBS snapshot-copy design is varied. */
export interface EbsCopyDesignOptions {
  /** Where the copy is made: the backup account in eu-central-1 (`dr`), or the source's region and account (`default`). */
  readonly copyProvider?: "dr" | "default";
  /** A locked Recycle Bin rule where the copy is. */
  readonly recycleBin?: "locked" | "unlocked" | "none";
}

/**
 * An EBS volume in eu-west-3a, a snapshot of it, and a copy of the snapshot made through a provider of
 * the backup account in eu-central-1, kept there by a locked Recycle Bin rule.
 */
export function ebsSnapshotCopyDesign(options: EbsCopyDesignOptions = {}): () => void {
  return () => {
    const volume = new aws.ebs.Volume("data", { availabilityZone: `${PRIMARY_REGION}a`, size: 20 });
    const snapshot = new aws.ebs.Snapshot("data-snapshot", { volumeId: volume.id });
    const provider = (options.copyProvider ?? "dr") === "dr" ? backupAccountProvider() : undefined;
    new aws.ebs.SnapshotCopy("data-copy", { sourceSnapshotId: snapshot.id, sourceRegion: PRIMARY_REGION, encrypted: true }, { provider });
    const bin = options.recycleBin ?? "locked";
    if (bin !== "none") {
      new aws.rbin.Rule(
        "copy-bin",
        {
          resourceType: "EBS_SNAPSHOT",
          retentionPeriod: { retentionPeriodValue: 14, retentionPeriodUnit: "DAYS" },
          ...(bin === "locked" ? { lockConfiguration: { unlockDelay: { unlockDelayValue: 7, unlockDelayUnit: "DAYS" } } } : {}),
        },
        { provider },
      );
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// FSx single-AZ file system

export const FSX_URN = urnOf("aws:fsx/windowsFileSystem:WindowsFileSystem", "shares");

/**
 * An FSx for Windows file system in one subnet (SINGLE_AZ_2, zone from the subnet's availabilityZone)
 * with daily automatic backups, which FSx keeps across the zones of the region.
 */
export function fsxSingleAzDesign(options: { readonly automaticBackupRetentionDays?: number } = {}): () => void {
  return () => {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    const subnet = new aws.ec2.Subnet("subnet-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: `${PRIMARY_REGION}a` });
    new aws.fsx.WindowsFileSystem("shares", {
      deploymentType: "SINGLE_AZ_2",
      storageCapacity: 32,
      throughputCapacity: 32,
      subnetIds: [subnet.id],
      activeDirectoryId: "d-1234567890",
      automaticBackupRetentionDays: options.automaticBackupRetentionDays ?? 7,
    });
  };
}
