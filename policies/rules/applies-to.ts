/** Resource types the placement rules judge, for docs (`appliesTo`). */
export const AWS_BACKUP_ROUTE_TYPES: readonly string[] = [
  "aws:backup/plan:Plan",
  "aws:backup/vault:Vault",
  "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
  "aws:backup/selection:Selection",
];

/** Native copy mechanisms. */
export const NATIVE_COPY_TYPES: readonly string[] = [
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  "aws:rds/snapshotCopy:SnapshotCopy",
  "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
  "aws:ebs/snapshotCopy:SnapshotCopy",
  "aws:dlm/lifecyclePolicy:LifecyclePolicy",
  "aws:efs/replicationConfiguration:ReplicationConfiguration",
];
