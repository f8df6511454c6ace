import { BlockShape, FieldShape, TerraformTypeMapping } from "./type-map";

/**
 * The declared map from the Terraform OVH provider's resource types (registry.terraform.io/ovh/ovh) to
 * `@ovhcloud/pulumi-ovh` type tokens and property shapes, in the style of `TERRAFORM_AWS_TYPES`.
 * Names and nesting read from the provider's schema (terraform-provider-ovh `ovh/resource_*.go`, v2.19)
 * and the Pulumi bridge's metadata (pulumi-ovh `bridge-metadata.json`: `auto-aliasing` gives each
 * Terraform type's token and its max-one blocks). Two schema styles meet here, and `single` reads both:
 * - SDKv2 resources (database, instance, workflow backup, project) write blocks as arrays, max-one
 *   blocks (`auto_backup`, `flavor`, `network`, `plan`) as one-element arrays that Pulumi holds as objects;
 * - plugin-framework resources (storage, volumes, volume backups, the new instance) write nested
 *   attributes: a single nested attribute (`replication`, `object_lock`, `destination`) is a JSON object,
 *   a list nested attribute (`replication.rules`) an array of objects.
 * A single nested attribute must be declared (`single`) so that its keys are camelCased: an undeclared
 * object is a map attribute whose keys are kept as written (`tags`, `advanced_configuration`).
 */

const single = (fields?: BlockShape): FieldShape => ({ kind: "single", ...(fields ? { fields } : {}) });
const list = (name?: string, fields?: BlockShape): FieldShape => ({ kind: "list", ...(name ? { name } : {}), ...(fields ? { fields } : {}) });

/** `ovh_cloud_project_instance` `network`: every nested block is max-one (bridge metadata `maxItemsOne: true`). */
const INSTANCE_NETWORK = single({
  private: single({
    floating_ip: single(),
    floating_ip_create: single(),
    gateway: single(),
    gateway_create: single(),
    network: single(),
    network_create: single({ subnet: single() }),
  }),
});

/**
 * Every Terraform OVH resource type whose Pulumi twin the OVHcloud model reads: the backups it judges,
 * the sources they name by id (instances, volumes: for their placement) and the project (the origin of
 * an unknown `service_name`). A test checks every token of `OVH_TYPES` and `OVH_SOURCE_TYPES` is here.
 */
export const TERRAFORM_OVH_TYPES: Readonly<Record<string, TerraformTypeMapping>> = {
  // SDKv2: `nodes` (list, required), `ip_restrictions` (set), `endpoints` (computed list) are block lists.
  ovh_cloud_project_database: {
    token: "ovh:CloudProject/database:Database",
    fields: { nodes: list("nodes"), ip_restrictions: list("ipRestrictions"), endpoints: list("endpoints") },
  },
  // SDKv2: max-one sets (`auto_backup`, `boot_from`, `flavor`, `group`, `network`, `ssh_key`, `ssh_key_create`).
  ovh_cloud_project_instance: {
    token: "ovh:CloudProject/instance:Instance",
    fields: {
      auto_backup: single(),
      boot_from: single(),
      flavor: single(),
      group: single(),
      network: INSTANCE_NETWORK,
      ssh_key: single(),
      ssh_key_create: single(),
      addresses: list("addresses"),
      attached_volumes: list("attachedVolumes"),
    },
  },
  // SDKv2, flat: service_name, region_name, instance_id, cron, rotation, name, backup_name, max_execution_count.
  ovh_cloud_project_workflow_backup: { token: "ovh:CloudProject/workflowBackup:WorkflowBackup" },
  // Plugin framework, flat: service_name, region_name, volume_id, name.
  ovh_cloud_project_volume_backup: { token: "ovh:CloudProject/volumeBackup:VolumeBackup" },
  // Plugin framework: service_name, region, volume_id, name; `current_state` is computed.
  ovh_cloud_storage_block_volume_backup: {
    token: "ovh:index/cloudStorageBlockVolumeBackup:CloudStorageBlockVolumeBackup",
    fields: { current_state: single({ location: single() }) },
  },
  // Plugin framework: single nested attributes `encryption`, `object_lock` (with `rule`), `versioning`,
  // `replication` (with the list nested `rules`, each with `destination` and `filter`).
  ovh_cloud_project_storage: {
    token: "ovh:CloudProject/storage:Storage",
    fields: {
      encryption: single(),
      object_lock: single({ rule: single() }),
      versioning: single(),
      replication: single({ rules: list("rules", { destination: single(), filter: single() }) }),
      objects: list("objects"),
    },
  },
  // SDKv2: `plan` is max-one; `order` and `plan_option` are lists Pulumi pluralises.
  ovh_cloud_project: {
    token: "ovh:CloudProject/project:Project",
    fields: {
      plan: single({ configuration: list("configurations") }),
      plan_option: list("planOptions", { configuration: list("configurations") }),
      order: list("orders", { details: list("details") }),
    },
  },
  // Sources of volume backups and workflow backups (read for their placement only).
  ovh_cloud_project_volume: { token: "ovh:CloudProject/volume:Volume", fields: { encryption: single({ kms: single() }), sub_operations: list("subOperations") } },
  ovh_cloud_storage_block_volume: {
    token: "ovh:index/cloudStorageBlockVolume:CloudStorageBlockVolume",
    fields: { encryption: single(), create_from: single(), current_state: single({ location: single() }) },
  },
  ovh_cloud_instance: { token: "ovh:index/cloudInstance:CloudInstance", fields: { networks: list("networks"), shares: list("shares") } },
};
