/**
 * The catalogue of AWS copy mechanisms backup-guard models: what each reads and how it is judged.
 * Documentation metadata (rendered into docs/policies/copy-mechanisms.md); the code that reads these
 * properties is in the module named by `module`.
 */
export interface CopyMechanism {
  readonly name: string;
  readonly module: string;
  readonly types: readonly string[];
  /** Property paths read, with what they decide. */
  readonly reads: readonly string[];
  /** Which policies judge it and how. */
  readonly judgedBy: readonly string[];
  readonly notCovered: readonly string[];
}

export const COPY_MECHANISMS: readonly CopyMechanism[] = [
  {
    name: "AWS Backup plans",
    module: "policies/aws/backup-plans.ts, backup-vaults.ts",
    types: [
      "aws:backup/plan:Plan",
      "aws:backup/selection:Selection",
      "aws:backup/vault:Vault",
      "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    ],
    reads: [
      "Plan `rules[].targetVaultName`, `rules[].copyActions[].destinationVaultArn`, `rules[].targetLogicallyAirGappedBackupVaultArn`, `rules[].lifecycle.deleteAfter`, `rules[].copyActions[].lifecycle.deleteAfter`; unknown references through `propertyDependencies.rules`",
      "Selection `planId` (or `propertyDependencies.planId`), `resources[]`, `notResources[]`, `selectionTags[]`, `conditions[]`, `iamRoleArn` (account)",
      "VaultLockConfiguration `backupVaultName`, `changeableForDays` (compliance vs governance), `minRetentionDays`, `maxRetentionDays`; LogicallyAirGappedVault `minRetentionDays`, `maxRetentionDays`",
    ],
    judgedBy: [
      "backup-cross-region-copy: each plan rule copies to a vault in another region than the source vault and the selected resources",
      "backup-immutable: source and copy vaults locked in compliance mode, retention admitted by the lock",
      "backup-offline-copy: a copy into a logically air-gapped vault or another account",
      "backup-zone-separation: a selection covering a single-zone resource keeps its backups out of the zone",
    ],
    notCovered: ["Vaults outside the stack cannot be shown to be locked or air-gapped (unresolved)."],
  },
  {
    name: "S3 replication",
    module: "policies/aws/s3-replication.ts, s3-buckets.ts",
    types: [
      "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketV2:BucketV2",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
      "aws:s3/bucketVersioning:BucketVersioning",
      "aws:s3/bucketVersioningV2:BucketVersioningV2",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    ],
    reads: [
      "BucketReplicationConfig `bucket` (source, or `propertyDependencies.bucket`), `rules[].status`, `rules[].id`, `rules[].destination.{bucket, account, storageClass}`; an unknown destination through `propertyDependencies.rules`",
      "Replication scope: `rules[].filter.{prefix, tag, and.{prefix, tags}}` and legacy `rules[].prefix` (inline: `filter.{prefix, tags}`): an empty filter is the whole bucket; a non-empty prefix or any tag copies part of it, which is judged like any copy but is no backup of the bucket (it never vouches for the bucket's other rules nor covers it); an unknown filter is undecided",
      "Inline `Bucket.replicationConfiguration.rules[].destination.{bucket, accountId, storageClass}` and `BucketV2.replicationConfigurations[0].rules[].destinations[0].*`",
      "Destination bucket: `bucket` (name), `region` input / provider / stack config (S3 ARNs carry no region), provider account",
      "Object Lock: `Bucket.objectLockEnabled`, inline `objectLockConfiguration.{objectLockEnabled, rule(s).defaultRetention(s).{mode, days, years}}`, standalone `BucketObjectLockConfiguration(V2).{bucket, objectLockEnabled, rule.defaultRetention.{mode, days, years}}`",
      "Versioning (for messages): `BucketVersioning(V2).versioningConfiguration.status`, inline `versioning(s).enabled`",
      "Lifecycle: inline `lifecycleRules[]` and `BucketLifecycleConfiguration(V2).rules[]` `{status/enabled, transitions[], noncurrentVersionTransitions[]}.storageClass` = ONEZONE_IA",
    ],
    judgedBy: [
      "backup-cross-region-copy: every enabled rule lands in another region than the source bucket",
      "backup-immutable: the destination has Object Lock with a COMPLIANCE default retention of at least minRetentionDays (\"replication is not a backup\")",
      "backup-offline-copy: the destination is in another account (`destination.account`, or the bucket's provider)",
      "backup-zone-separation: no ONEZONE_IA storage class in the rule or in the destination's lifecycle",
    ],
    notCovered: [
      "A destination bucket outside the stack has no known region and no visible lock (unresolved).",
      "Per-object retention set by writers. Several filtered rules that together cover the whole bucket are not recognised as a copy of it.",
      "Multi-Region Access Points and S3 Batch Replication.",
    ],
  },
  {
    name: "RDS automated-backup replication",
    module: "policies/aws/rds-copies.ts",
    types: ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "aws:rds/instance:Instance"],
    reads: [
      "`sourceDbInstanceArn` (literal ARN region/account, or the in-stack instance through `propertyDependencies.sourceDbInstanceArn`)",
      "the replication's `region` input or provider region (AWS creates it in the destination region), provider account; `retentionPeriod` (default 7)",
    ],
    judgedBy: ["backup-cross-region-copy: the destination region differs from the source instance's", "backup-offline-copy: another account"],
    notCovered: ["RDS offers no lock for replicated backups; backup-immutable does not judge them."],
  },
  {
    name: "RDS and Aurora snapshot copies",
    module: "policies/aws/rds-copies.ts",
    types: [
      "aws:rds/snapshotCopy:SnapshotCopy",
      "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
      "aws:rds/snapshot:Snapshot",
      "aws:rds/clusterSnapshot:ClusterSnapshot",
      "aws:rds/cluster:Cluster",
    ],
    reads: [
      "`sourceDbSnapshotIdentifier` / `sourceDbClusterSnapshotIdentifier` (ARN region, in-stack snapshot by dependency or identifier, else the copy's own region)",
      "`destinationRegion` (else the copy's own region), provider account; the snapshot's `dbInstanceIdentifier` / `dbClusterIdentifier` for the primary",
    ],
    judgedBy: ["backup-cross-region-copy", "backup-offline-copy: a copy made through a provider in another account"],
    notCovered: ["`sharedAccounts` (sharing without copying) is not counted as an offline copy."],
  },
  {
    name: "EBS snapshot copies and Recycle Bin",
    module: "policies/aws/ebs-copies.ts",
    types: ["aws:ebs/snapshotCopy:SnapshotCopy", "aws:ebs/snapshot:Snapshot", "aws:ebs/volume:Volume", "aws:rbin/rule:Rule"],
    reads: [
      "SnapshotCopy `sourceRegion`, `sourceSnapshotId` (in-stack snapshot and its `volumeId`), own `region` / provider (destination), `tags`",
      "Recycle Bin rule `resourceType`, `resourceTags[]`, `excludeResourceTags[]`, `lockConfiguration`, region and account",
    ],
    judgedBy: [
      "backup-cross-region-copy, backup-offline-copy",
      "backup-immutable: a locked Recycle Bin rule for EBS_SNAPSHOT retains the copy in its region and account",
    ],
    notCovered: ["Tags copied from the source snapshot are not seen when matching Recycle Bin tag filters."],
  },
  {
    name: "Data Lifecycle Manager",
    module: "policies/aws/ebs-copies.ts",
    types: ["aws:dlm/lifecyclePolicy:LifecyclePolicy"],
    reads: [
      "`state`, `policyDetails.{policyType, resourceTypes, targetTags}` (targeted in-stack volumes and instances)",
      "`policyDetails.schedules[].{name, retainRule, crossRegionCopyRules[].{target | targetRegion, retainRule}, shareRule.targetAccounts}`",
      "event-based `policyDetails.action.crossRegionCopies[].target` and `policyDetails.eventSource.parameters.snapshotOwners`",
    ],
    judgedBy: [
      "backup-cross-region-copy: each schedule copies to another region (a share stays in the region)",
      "backup-offline-copy: snapshots copied from another owner account (event-based policy); a `shareRule.targetAccounts` share only when an event-based policy of that account in this stack copies the shared snapshots",
      "backup-immutable: copies retained by a locked Recycle Bin rule (EC2_IMAGE for IMAGE_MANAGEMENT policies) in the target region",
      "backup-zone-separation: targeted volumes count as backed up",
    ],
    notCovered: ["Default policies (`defaultPolicy`) and copies to Outposts (unresolved)."],
  },
  {
    name: "EFS replication and backups",
    module: "policies/aws/efs-replication.ts, zonal-resources.ts",
    types: ["aws:efs/replicationConfiguration:ReplicationConfiguration", "aws:efs/fileSystem:FileSystem", "aws:efs/backupPolicy:BackupPolicy"],
    reads: [
      "`sourceFileSystemId` (in-stack file system), `destination.{region, availabilityZoneName, fileSystemId}` (no region: the source's region; region derived from the zone name)",
      "FileSystem `availabilityZoneName` (One Zone; from a subnet when computed from one); BackupPolicy `backupPolicy.status`",
    ],
    judgedBy: [
      "backup-cross-region-copy, backup-offline-copy",
      "backup-zone-separation: a One Zone replica not in the source's zone; a One Zone file system with a backup or copy outside its zone",
    ],
    notCovered: ["EFS offers no lock; backup-immutable does not judge EFS replicas."],
  },
  {
    name: "Single-zone resources",
    module: "policies/aws/zones.ts, zonal-resources.ts",
    types: [
      "aws:fsx/windowsFileSystem:WindowsFileSystem",
      "aws:fsx/lustreFileSystem:LustreFileSystem",
      "aws:fsx/ontapFileSystem:OntapFileSystem",
      "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
      "aws:fsx/backup:Backup",
      "aws:s3/directoryBucket:DirectoryBucket",
      "aws:rds/instance:Instance",
      "aws:ebs/volume:Volume",
      "aws:ec2/instance:Instance",
      "aws:ec2/subnet:Subnet",
    ],
    reads: [
      "FSx `deploymentType` (SINGLE_AZ_*, Lustre), `preferredSubnetId` / `subnetIds` → subnet `availabilityZone(Id)`, `automaticBackupRetentionDays`; FSx Backup `fileSystemId`",
      "S3 directory bucket `location.name`; RDS `multiAz`, `availabilityZone`, `backupRetentionPeriod`, read replicas' `replicateSourceDb`; EBS `availabilityZone`, snapshots' `volumeId`; EC2 instances that declare EBS volumes inline: `availabilityZone` or `subnetId` → subnet zone",
    ],
    judgedBy: ["backup-zone-separation: at least one backup or copy outside the resource's zone"],
    notCovered: ["AZ names are compared as names: the same name may be another physical zone in another account."],
  },
  {
    name: "Data stores (governance policies)",
    module: "policies/aws/data-stores.ts, service-backups.ts, deletion-protection.ts, encryption-keys.ts",
    types: [
      "aws:rds/instance:Instance",
      "aws:rds/cluster:Cluster",
      "aws:dynamodb/table:Table",
      "aws:efs/fileSystem:FileSystem",
      "aws:ebs/volume:Volume",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketV2:BucketV2",
      "aws:fsx/windowsFileSystem:WindowsFileSystem",
      "aws:fsx/lustreFileSystem:LustreFileSystem",
      "aws:fsx/ontapFileSystem:OntapFileSystem",
      "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
      "aws:docdb/cluster:Cluster",
      "aws:neptune/cluster:Cluster",
      "aws:ec2/instance:Instance",
    ],
    reads: [
      "EC2 instance EBS volumes declared inline (module `inline-volumes.ts`): `rootBlockDevice` and `ebsBlockDevices[]` `.{deleteOnTermination (default true), encrypted, kmsKeyId, tags}`, `volumeTags`, the instance's `tags`, `availabilityZone` / `subnetId`: one store of type aws:ebs/volume:Volume per instance (backup type EC2), selected through the instance (reference, ARN, its tags) or by the tags every inline volume carries; DLM INSTANCE targets by the instance's tags, VOLUME targets by the volumes' tags",
      "`tags` (scope: resourceTypes, taggedResourceTypes, includeTags, excludeTags); AWS Backup selections and native copy routes whose primary the store is (coverage)",
      "DocumentDB and Neptune clusters (when listed in resourceTypes): `backupRetentionPeriod` (default 1), `skipFinalSnapshot`, `deletionProtection`, `storageEncrypted`, `kmsKeyId` (Neptune `kmsKeyArn`)",
      "RDS `backupRetentionPeriod`, `deleteAutomatedBackups`, `skipFinalSnapshot`, `deletionProtection`, `replicateSourceDb`, `kmsKeyId`, `storageEncrypted`; cluster `engine`",
      "DynamoDB `pointInTimeRecovery.{enabled,recoveryPeriodInDays}`, `deletionProtectionEnabled`, `serverSideEncryption.{enabled,kmsKeyArn}`; FSx `automaticBackupRetentionDays`, `skipFinalBackup`; EFS backup policy `status`",
    ],
    judgedBy: [
      "backup-coverage: every protected store is selected by AWS Backup or copied natively",
      "backup-retention-minimum: point-in-time retention, settings that delete backups with the store",
      "backup-deletion-protection: deletion protection where the service offers it",
      "backup-key-separation: the primary's key differs from the copies' keys",
    ],
    notCovered: ["Stores outside this stack; Redshift clusters are not data stores yet; an EC2 instance is a data store only through the EBS volumes it declares inline (a root volume left to the AMI is not judged), all of them judged as one store (scope by the instance's tags; coverage by an AWS Backup selection or DLM target that takes every one of them); instance store volumes and disableApiTermination are not judged; DocumentDB and Neptune clusters are judged only when listed in resourceTypes."],
  },
  {
    name: "Vault access policies and restore tests",
    module: "policies/aws/vault-governance.ts",
    types: [
      "aws:backup/vaultPolicy:VaultPolicy",
      "aws:backup/restoreTestingPlan:RestoreTestingPlan",
      "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    ],
    reads: [
      "VaultPolicy `backupVaultName` (or `propertyDependencies.backupVaultName`), `policy` (JSON: Deny statements, Principal, Action, Resource, Condition)",
      "RestoreTestingPlan `name`, `recoveryPointSelection.{includeVaults,excludeVaults}`; RestoreTestingSelection `restoreTestingPlanName`, `protectedResourceType`",
    ],
    judgedBy: [
      "backup-deletion-protection: vaults holding copies deny DeleteRecoveryPoint and UpdateRecoveryPointLifecycle to every principal",
      "backup-restore-testing: vaults receiving backups of protected stores are restore-tested for those resource types",
    ],
    notCovered: ["A policy document computed from outputs is unknown in preview (unresolved); write it as a literal with `Resource: \"*\"`."],
  },
  {
    name: "Encryption keys",
    module: "policies/aws/encryption-keys.ts",
    types: [
      "aws:kms/key:Key",
      "aws:kms/externalKey:ExternalKey",
      "aws:kms/replicaKey:ReplicaKey",
      "aws:kms/replicaExternalKey:ReplicaExternalKey",
      "aws:kms/alias:Alias",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    reads: [
      "Keys by literal ARN/id/alias or by `propertyDependencies` to an in-stack key; the key's account from its ARN or provider",
      "Vault `kmsKeyArn`, logically air-gapped vault `encryptionKeyArn`, S3 replication `destination.encryptionConfiguration.replicaKmsKeyId`, copies' `kmsKeyId`, DLM `cmkArn`; bucket SSE `rule[].applyServerSideEncryptionByDefault.kmsMasterKeyId`",
    ],
    judgedBy: ["backup-key-separation: copies are encrypted with a key other than the primaries', owned by the copy's account"],
    notCovered: ["An alias and a key id cannot be compared (undecided)."],
  },
  {
    name: "Glacier vault lock",
    module: "policies/aws/glacier-locks.ts",
    types: ["aws:glacier/vaultLock:VaultLock", "aws:glacier/vault:Vault"],
    reads: ["`completeLock`"],
    judgedBy: ["backup-immutable: the lock is completed (`completeLock: true`)"],
    notCovered: ["The lock policy's content (its deny conditions) is not read."],
  },
];
