// Real design D, re-written (not copied) from the documented examples of pulumi/pulumi-aws:
// - sdk/nodejs/rds/instanceAutomatedBackupsReplication.ts, "Encrypting the automated backup with KMS": an
//   instance in the stack's region and an InstanceAutomatedBackupsReplication created through a provider
//   of the replica region, with a KMS key of that region;
// - sdk/nodejs/s3/bucketReplicationConfig.ts, the cross-account variant of "Same-Account replication"
//   (destination.account and accessControlTranslation owner "Destination"), whose destination bucket
//   belongs to the backup account's own stack and reaches this one through a StackReference;
// plus a DynamoDB table that only has point-in-time recovery, as the DynamoDB examples do.
//
// The StackReference's outputs are unknown in this preview and the replication depends on no resource
// of this stack for its destination.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_ACCOUNT, PROD_ACCOUNT, urnOf } from "../backup-designs";

export const TIER_DB_URN = urnOf("aws:rds/instance:Instance", "orders-db");
export const TIER_RDS_REPLICATION_URN = urnOf("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "orders-db-replica");
export const TIER_TABLE_URN = urnOf("aws:dynamodb/table:Table", "sessions");
export const TIER_BUCKET_URN = urnOf("aws:s3/bucketV2:BucketV2", "exports");
export const TIER_S3_REPLICATION_URN = urnOf("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "exports-replication");

export function stackReferenceDataTierDesign(): () => void {
  return () => {
    const backupStack = new pulumi.StackReference("org/backup-account/prod");
    const replicaRegion = new aws.Provider("replica", { region: "eu-central-1" });

    const db = new aws.rds.Instance("orders-db", {
      identifier: "orders",
      engine: "postgres",
      engineVersion: "16.4",
      instanceClass: "db.t4g.medium",
      allocatedStorage: 50,
      username: "orders",
      manageMasterUserPassword: true,
      multiAz: true,
      storageEncrypted: true,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      finalSnapshotIdentifier: "orders-final",
    });
    const replicaKey = new aws.kms.Key("orders-db-replica-key", { description: "Encryption key for automated backups" }, { provider: replicaRegion });
    new aws.rds.InstanceAutomatedBackupsReplication("orders-db-replica", { sourceDbInstanceArn: db.arn, kmsKeyId: replicaKey.arn, retentionPeriod: 14 }, { provider: replicaRegion });

    new aws.dynamodb.Table("sessions", {
      name: "sessions",
      billingMode: "PAY_PER_REQUEST",
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
    });

    const exports = new aws.s3.BucketV2("exports", { bucket: "orders-exports", tags: { "backup-guard:protected": "true" } });
    const versioning = new aws.s3.BucketVersioningV2("exports-versioning", { bucket: exports.id, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.BucketReplicationConfig(
      "exports-replication",
      {
        bucket: exports.id,
        role: `arn:aws:iam::${PROD_ACCOUNT}:role/exports-replication`,
        rules: [
          {
            id: "to-backup-account",
            status: "Enabled",
            filter: {},
            deleteMarkerReplication: { status: "Disabled" },
            destination: {
              bucket: backupStack.getOutput("exportsReplicaBucketArn"),
              account: BACKUP_ACCOUNT,
              storageClass: "STANDARD",
              accessControlTranslation: { owner: "Destination" },
            },
          },
        ],
      },
      { dependsOn: [versioning] },
    );
  };
}
