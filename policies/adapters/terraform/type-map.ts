/**
 * The declared map from Terraform AWS resource types to `@pulumi/aws` v7 type tokens and property
 * shapes (reference: terraform-plan.md §2). Pulumi camelCases every snake_case name; the table only
 * declares what camelCase alone does not give:
 * - `single`: a block with at most one item (a 1-element array in plan JSON) that Pulumi holds as an object;
 * - `list`: a list or set block that Pulumi holds as an array, usually under a pluralised name;
 * - `scalar`: a one-element list of strings that Pulumi holds as a plain string (DLM `resource_locations`).
 * An undeclared array keeps its name (camelCased) and its elements; an object inside an array is a block
 * (keys camelCased); any other object is a map attribute (`tags`, `recovery_point_tags`): keys kept as written.
 */

/** How one nested attribute or block of a Terraform type becomes a Pulumi property. */
export interface FieldShape {
  readonly kind: "single" | "list" | "scalar";
  /** The Pulumi property name when it is not the camelCased Terraform name (pluralised blocks). */
  readonly name?: string;
  /** The shapes of the block's own nested blocks. */
  readonly fields?: BlockShape;
}

/** Nested blocks of a resource or block, by Terraform name. */
export type BlockShape = Readonly<Record<string, FieldShape>>;

/** One Terraform resource type: its Pulumi type token and the shapes of its blocks. */
export interface TerraformTypeMapping {
  readonly token: string;
  readonly fields?: BlockShape;
}

const single = (fields?: BlockShape): FieldShape => ({ kind: "single", ...(fields ? { fields } : {}) });
const list = (name?: string, fields?: BlockShape): FieldShape => ({ kind: "list", ...(name ? { name } : {}), ...(fields ? { fields } : {}) });
const scalar: FieldShape = { kind: "scalar" };

/** `restore_to_point_in_time` and its kin: database blocks with at most one item. */
const DATABASE_SINGLES = { restore_to_point_in_time: single(), s3_import: single() } as const;

/** The S3 legacy `aws_s3_bucket` replication block (`rules` is already plural in Terraform). */
const LEGACY_REPLICATION: BlockShape = {
  rules: list("rules", {
    destination: single({ access_control_translation: single(), metrics: single(), replication_time: single() }),
    filter: single(),
    source_selection_criteria: single({ sse_kms_encrypted_objects: single() }),
  }),
};

const LIFECYCLE_FILTER = single({ and: single(), tag: single() });

/**
 * Every Terraform AWS resource type whose Pulumi twin backup-guard reads. A test checks that every
 * token of `AWS_TYPES` that has a Terraform resource is here.
 */
export const TERRAFORM_AWS_TYPES: Readonly<Record<string, TerraformTypeMapping>> = {
  aws_backup_plan: {
    token: "aws:backup/plan:Plan",
    fields: {
      rule: list("rules", {
        lifecycle: single(),
        copy_action: list("copyActions", { lifecycle: single() }),
        scan_action: list("scanActions"),
      }),
      advanced_backup_setting: list("advancedBackupSettings"),
      scan_setting: list("scanSettings"),
    },
  },
  aws_backup_vault: { token: "aws:backup/vault:Vault" },
  aws_backup_logically_air_gapped_vault: { token: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", fields: { timeouts: single() } },
  aws_backup_vault_lock_configuration: { token: "aws:backup/vaultLockConfiguration:VaultLockConfiguration" },
  aws_backup_selection: {
    token: "aws:backup/selection:Selection",
    fields: {
      selection_tag: list("selectionTags"),
      condition: list("conditions", {
        string_equals: list("stringEquals"),
        string_not_equals: list("stringNotEquals"),
        string_like: list("stringLikes"),
        string_not_like: list("stringNotLikes"),
      }),
    },
  },
  aws_backup_vault_policy: { token: "aws:backup/vaultPolicy:VaultPolicy" },
  aws_backup_restore_testing_plan: { token: "aws:backup/restoreTestingPlan:RestoreTestingPlan", fields: { recovery_point_selection: single() } },
  aws_backup_restore_testing_selection: {
    token: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    fields: { protected_resource_conditions: single({ string_equals: list("stringEquals"), string_not_equals: list("stringNotEquals") }) },
  },
  aws_s3_bucket: {
    token: "aws:s3/bucket:Bucket",
    fields: {
      versioning: single(),
      object_lock_configuration: single({ rule: single({ default_retention: single() }) }),
      replication_configuration: single(LEGACY_REPLICATION),
      server_side_encryption_configuration: single({ rule: single({ apply_server_side_encryption_by_default: single() }) }),
      lifecycle_rule: list("lifecycleRules", {
        expiration: single(),
        noncurrent_version_expiration: single(),
        transition: list("transitions"),
        noncurrent_version_transition: list("noncurrentVersionTransitions"),
      }),
      cors_rule: list("corsRules"),
      grant: list("grants"),
      logging: single(),
      website: single(),
    },
  },
  aws_s3_directory_bucket: { token: "aws:s3/directoryBucket:DirectoryBucket", fields: { location: single() } },
  aws_s3_bucket_replication_configuration: {
    token: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    fields: {
      rule: list("rules", {
        delete_marker_replication: single(),
        destination: single({
          access_control_translation: single(),
          encryption_configuration: single(),
          metrics: single({ event_threshold: single() }),
          replication_time: single({ time: single() }),
        }),
        existing_object_replication: single(),
        filter: LIFECYCLE_FILTER,
        source_selection_criteria: single({ replica_modifications: single(), sse_kms_encrypted_objects: single() }),
      }),
    },
  },
  aws_s3_bucket_object_lock_configuration: {
    token: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    fields: { rule: single({ default_retention: single() }) },
  },
  aws_s3_bucket_versioning: { token: "aws:s3/bucketVersioning:BucketVersioning", fields: { versioning_configuration: single() } },
  aws_s3_bucket_lifecycle_configuration: {
    token: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    fields: {
      rule: list("rules", {
        abort_incomplete_multipart_upload: single(),
        expiration: single(),
        filter: LIFECYCLE_FILTER,
        noncurrent_version_expiration: single(),
        noncurrent_version_transition: list("noncurrentVersionTransitions"),
        transition: list("transitions"),
      }),
      timeouts: single(),
    },
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    token: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    fields: { rule: list("rules", { apply_server_side_encryption_by_default: single() }) },
  },
  aws_kms_key: { token: "aws:kms/key:Key" },
  aws_kms_external_key: { token: "aws:kms/externalKey:ExternalKey" },
  aws_kms_replica_key: { token: "aws:kms/replicaKey:ReplicaKey" },
  aws_kms_replica_external_key: { token: "aws:kms/replicaExternalKey:ReplicaExternalKey" },
  aws_kms_alias: { token: "aws:kms/alias:Alias" },
  aws_db_instance: { token: "aws:rds/instance:Instance", fields: { ...DATABASE_SINGLES, blue_green_update: single() } },
  aws_rds_cluster: {
    token: "aws:rds/cluster:Cluster",
    fields: { ...DATABASE_SINGLES, scaling_configuration: single(), serverlessv2_scaling_configuration: single() },
  },
  aws_docdb_cluster: { token: "aws:docdb/cluster:Cluster", fields: { restore_to_point_in_time: single(), serverless_v2_scaling_configuration: single() } },
  aws_neptune_cluster: { token: "aws:neptune/cluster:Cluster", fields: { serverless_v2_scaling_configuration: single() } },
  aws_db_instance_automated_backups_replication: { token: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication" },
  aws_db_snapshot: { token: "aws:rds/snapshot:Snapshot" },
  aws_db_cluster_snapshot: { token: "aws:rds/clusterSnapshot:ClusterSnapshot" },
  aws_db_snapshot_copy: { token: "aws:rds/snapshotCopy:SnapshotCopy" },
  aws_rds_cluster_snapshot_copy: { token: "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", fields: { timeouts: single() } },
  aws_dynamodb_table: {
    token: "aws:dynamodb/table:Table",
    fields: {
      attribute: list("attributes"),
      global_secondary_index: list("globalSecondaryIndexes", { key_schema: list("keySchemas"), on_demand_throughput: single(), warm_throughput: single() }),
      local_secondary_index: list("localSecondaryIndexes"),
      replica: list("replicas"),
      point_in_time_recovery: single(),
      server_side_encryption: single(),
      ttl: single(),
      global_table_witness: single(),
      import_table: single({ input_format_options: single({ csv: single() }), s3_bucket_source: single() }),
      on_demand_throughput: single(),
      warm_throughput: single(),
    },
  },
  aws_ebs_volume: { token: "aws:ebs/volume:Volume" },
  aws_ebs_snapshot: { token: "aws:ebs/snapshot:Snapshot" },
  aws_ebs_snapshot_copy: { token: "aws:ebs/snapshotCopy:SnapshotCopy" },
  aws_dlm_lifecycle_policy: {
    token: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    fields: {
      policy_details: single({
        resource_locations: scalar,
        action: single({ cross_region_copy: list("crossRegionCopies", { encryption_configuration: single(), retain_rule: single() }) }),
        event_source: single({ parameters: single({ snapshot_owner: list("snapshotOwners") }) }),
        exclusions: single(),
        parameters: single(),
        schedule: list("schedules", {
          archive_rule: single({ archive_retain_rule: single({ retention_archive_tier: single() }) }),
          create_rule: single({ times: scalar, scripts: single() }),
          cross_region_copy_rule: list("crossRegionCopyRules", { deprecate_rule: single(), retain_rule: single() }),
          deprecate_rule: single(),
          fast_restore_rule: single(),
          retain_rule: single(),
          share_rule: single(),
        }),
      }),
    },
  },
  aws_rbin_rule: {
    token: "aws:rbin/rule:Rule",
    fields: {
      resource_tags: list("resourceTags"),
      exclude_resource_tags: list("excludeResourceTags"),
      retention_period: single(),
      lock_configuration: single({ unlock_delay: single() }),
    },
  },
  aws_efs_file_system: { token: "aws:efs/fileSystem:FileSystem", fields: { lifecycle_policy: list("lifecyclePolicies"), protection: single() } },
  aws_efs_replication_configuration: { token: "aws:efs/replicationConfiguration:ReplicationConfiguration", fields: { destination: single() } },
  aws_efs_backup_policy: { token: "aws:efs/backupPolicy:BackupPolicy", fields: { backup_policy: single() } },
  aws_fsx_windows_file_system: {
    token: "aws:fsx/windowsFileSystem:WindowsFileSystem",
    fields: { audit_log_configuration: single(), disk_iops_configuration: single(), self_managed_active_directory: single() },
  },
  aws_fsx_lustre_file_system: {
    token: "aws:fsx/lustreFileSystem:LustreFileSystem",
    fields: {
      subnet_ids: scalar,
      log_configuration: single(),
      metadata_configuration: single(),
      root_squash_configuration: single(),
      data_read_cache_configuration: single(),
    },
  },
  aws_fsx_ontap_file_system: { token: "aws:fsx/ontapFileSystem:OntapFileSystem", fields: { disk_iops_configuration: single() } },
  aws_fsx_openzfs_file_system: {
    token: "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
    fields: {
      disk_iops_configuration: single(),
      read_cache_configuration: single(),
      root_volume_configuration: single({
        nfs_exports: single({ client_configurations: list("clientConfigurations") }),
        user_and_group_quotas: list("userAndGroupQuotas"),
      }),
    },
  },
  aws_fsx_backup: { token: "aws:fsx/backup:Backup" },
  aws_glacier_vault: { token: "aws:glacier/vault:Vault", fields: { notification: single() } },
  aws_glacier_vault_lock: { token: "aws:glacier/vaultLock:VaultLock" },
  aws_subnet: { token: "aws:ec2/subnet:Subnet" },
  aws_instance: {
    token: "aws:ec2/instance:Instance",
    fields: {
      ebs_block_device: list("ebsBlockDevices"),
      ephemeral_block_device: list("ephemeralBlockDevices"),
      network_interface: list("networkInterfaces"),
      root_block_device: single(),
      capacity_reservation_specification: single(),
      cpu_options: single(),
      credit_specification: single(),
      enclave_options: single(),
      instance_market_options: single(),
      launch_template: single(),
      maintenance_options: single(),
      metadata_options: single(),
      private_dns_name_options: single(),
    },
  },
};

/**
 * Pulumi tokens with no Terraform resource of their own: deprecated `…V2` aliases of the same Terraform
 * types (a Terraform plan gives the current token) and the provider, which the adapter builds from
 * `configuration.provider_config`.
 */
export const PULUMI_ONLY_TOKENS: ReadonlySet<string> = new Set([
  "pulumi:providers:aws",
  "aws:s3/bucketV2:BucketV2",
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
]);

/** `copy_action` → `copyAction`; digits stay attached (`serverlessv2_scaling` → `serverlessv2Scaling`). */
export function camelCase(name: string): string {
  let cached = CAMEL_CASE.get(name);
  if (cached === undefined) {
    cached = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    // Attribute names repeat across resources; user-chosen map keys are never camelCased, so this stays small.
    if (CAMEL_CASE.size < 10_000) CAMEL_CASE.set(name, cached);
  }
  return cached;
}

const CAMEL_CASE = new Map<string, string>();
