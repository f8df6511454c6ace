/** `@pulumi/aws` v7 type tokens backup-guard reads (see docs/reference: pulumi-tech.md §3). */
export const AWS_TYPES = {
  provider: "pulumi:providers:aws",
  backupPlan: "aws:backup/plan:Plan",
  backupVault: "aws:backup/vault:Vault",
  backupLogicallyAirGappedVault: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
  backupVaultLockConfiguration: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  backupSelection: "aws:backup/selection:Selection",
  backupVaultPolicy: "aws:backup/vaultPolicy:VaultPolicy",
  restoreTestingPlan: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
  restoreTestingSelection: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
  s3Bucket: "aws:s3/bucket:Bucket",
  s3BucketV2: "aws:s3/bucketV2:BucketV2",
  s3DirectoryBucket: "aws:s3/directoryBucket:DirectoryBucket",
  s3ReplicationConfig: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  s3ObjectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  s3ObjectLockV2: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  s3Versioning: "aws:s3/bucketVersioning:BucketVersioning",
  s3VersioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
  s3Lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  s3LifecycleV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  s3Encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  s3EncryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  kmsKey: "aws:kms/key:Key",
  kmsExternalKey: "aws:kms/externalKey:ExternalKey",
  kmsReplicaKey: "aws:kms/replicaKey:ReplicaKey",
  kmsReplicaExternalKey: "aws:kms/replicaExternalKey:ReplicaExternalKey",
  kmsAlias: "aws:kms/alias:Alias",
  rdsInstance: "aws:rds/instance:Instance",
  dynamodbTable: "aws:dynamodb/table:Table",
  rdsCluster: "aws:rds/cluster:Cluster",
  docdbCluster: "aws:docdb/cluster:Cluster",
  neptuneCluster: "aws:neptune/cluster:Cluster",
  rdsAutomatedBackupsReplication: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  rdsSnapshot: "aws:rds/snapshot:Snapshot",
  rdsClusterSnapshot: "aws:rds/clusterSnapshot:ClusterSnapshot",
  rdsSnapshotCopy: "aws:rds/snapshotCopy:SnapshotCopy",
  rdsClusterSnapshotCopy: "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
  ebsVolume: "aws:ebs/volume:Volume",
  ebsSnapshot: "aws:ebs/snapshot:Snapshot",
  ebsSnapshotCopy: "aws:ebs/snapshotCopy:SnapshotCopy",
  dlmLifecyclePolicy: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
  rbinRule: "aws:rbin/rule:Rule",
  efsFileSystem: "aws:efs/fileSystem:FileSystem",
  efsReplication: "aws:efs/replicationConfiguration:ReplicationConfiguration",
  efsBackupPolicy: "aws:efs/backupPolicy:BackupPolicy",
  fsxWindows: "aws:fsx/windowsFileSystem:WindowsFileSystem",
  fsxLustre: "aws:fsx/lustreFileSystem:LustreFileSystem",
  fsxOntap: "aws:fsx/ontapFileSystem:OntapFileSystem",
  fsxOpenZfs: "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
  fsxBackup: "aws:fsx/backup:Backup",
  glacierVault: "aws:glacier/vault:Vault",
  glacierVaultLock: "aws:glacier/vaultLock:VaultLock",
  ec2Subnet: "aws:ec2/subnet:Subnet",
  ec2Instance: "aws:ec2/instance:Instance",
} as const;

/** S3 bucket types (the current token and its deprecated alias). */
export const S3_BUCKET_TYPES: readonly string[] = [AWS_TYPES.s3Bucket, AWS_TYPES.s3BucketV2];
/** FSx file system types. */
export const FSX_FILE_SYSTEM_TYPES: readonly string[] = [AWS_TYPES.fsxWindows, AWS_TYPES.fsxLustre, AWS_TYPES.fsxOntap, AWS_TYPES.fsxOpenZfs];

/** AWS Backup types. */
export const AWS_BACKUP_TYPES: ReadonlySet<string> = new Set([
  AWS_TYPES.backupPlan,
  AWS_TYPES.backupVault,
  AWS_TYPES.backupLogicallyAirGappedVault,
  AWS_TYPES.backupVaultLockConfiguration,
  AWS_TYPES.backupSelection,
]);

/**
 * Every type whose properties can change a finding. `Analyze` judges these alone, keeps their checked
 * inputs to complete planned outputs in `AnalyzeStack`, and `AnalyzeStack` converts them and whatever
 * their properties were computed from (providers and other resources are not needed).
 */
export const AWS_ANALYSED_TYPES: ReadonlySet<string> = new Set(
  Object.values(AWS_TYPES).filter((type) => type !== AWS_TYPES.provider && type !== AWS_TYPES.ec2Subnet),
);
