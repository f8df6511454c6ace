// Terraform plans (format 1.2, as `terraform show -json PLANFILE` prints them) of the OVHcloud designs of
// test/ovh/ovh-designs.ts, written with the ovh provider (registry.terraform.io/ovh/ovh): the shapes come
// from the provider's schema (SDKv2 blocks as arrays, plugin-framework nested attributes as objects;
// Optional+Computed attributes left out of the configuration are unknown at create).
import { JsonObject, JsonValue } from "../../../policies/core/json";
import { PROD_PROJECT } from "../../ovh/ovh-designs";

const OVH_PROVIDER = "registry.terraform.io/ovh/ovh";

export const constant = (value: JsonValue): JsonObject => ({ constant_value: value });
export const refs = (...references: string[]): JsonObject => ({ references });

/** One resource created by the plan. */
export interface OvhResource {
  readonly type: string;
  readonly name: string;
  readonly after: JsonObject;
  readonly afterUnknown: JsonObject;
  readonly expressions: JsonObject;
}

/** The plan of OVHcloud resources (plus any AWS plan's content to mix in), with the root variable `project`. */
export function ovhPlan(resources: readonly OvhResource[], mixWith?: JsonObject): JsonObject {
  const base = (mixWith ?? {}) as { resource_changes?: JsonObject[]; configuration?: { provider_config?: JsonObject; root_module?: { resources?: JsonObject[] } }; variables?: JsonObject };
  const changes = resources.map((r) => ({
    address: `${r.type}.${r.name}`,
    mode: "managed",
    type: r.type,
    name: r.name,
    provider_name: OVH_PROVIDER,
    change: { actions: ["create"], before: null, after: r.after, after_unknown: r.afterUnknown, before_sensitive: false, after_sensitive: sensitivity(r.after) },
  }));
  const configured = resources.map((r) => ({
    address: `${r.type}.${r.name}`,
    mode: "managed",
    type: r.type,
    name: r.name,
    provider_config_key: "ovh",
    expressions: r.expressions,
    schema_version: 0,
  }));
  return {
    format_version: "1.2",
    terraform_version: "1.9.8",
    variables: { ...(base.variables ?? {}), project: { value: PROD_PROJECT } },
    resource_changes: [...(base.resource_changes ?? []), ...changes],
    configuration: {
      provider_config: {
        ...(base.configuration?.provider_config ?? {}),
        ovh: { name: "ovh", full_name: OVH_PROVIDER, version_constraint: "~> 2.7", expressions: { endpoint: constant("ovh-eu") } },
      },
      root_module: {
        ...(base.configuration?.root_module ?? {}),
        resources: [...(base.configuration?.root_module?.resources ?? []), ...configured],
        variables: { ...((base.configuration?.root_module as { variables?: JsonObject } | undefined)?.variables ?? {}), project: { description: "The Public Cloud project (serviceName)" } },
      },
    },
    timestamp: "2026-12-02T14:00:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** `after_sensitive` of a value without sensitive leaves: the same containers, empty. */
function sensitivity(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === "object" ? sensitivity(v) : false));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && typeof v === "object").map(([k, v]) => [k, sensitivity(v as JsonValue)]));
  }
  return false;
}

/** The Strasbourg case: `ovh_cloud_project_database.orders`, nodes in `nodeRegion`, backups in `backupRegions` (a variable). */
export function strasbourgDatabase(backupRegions: readonly string[], nodeRegion = "SBG", name = "orders"): OvhResource {
  const node = { region: nodeRegion, network_id: null, subnet_id: null };
  return {
    type: "ovh_cloud_project_database",
    name,
    after: {
      service_name: PROD_PROJECT,
      description: "orders",
      engine: "postgresql",
      version: "16",
      plan: "business",
      flavor: "db1-7",
      nodes: [node, node],
      backup_regions: [...backupRegions],
      backup_time: "02:00:00",
      deletion_protection: true,
      ip_restrictions: [],
      kafka_rest_api: null,
      kafka_schema_registry: null,
      opensearch_acls_enabled: null,
      timeouts: null,
    },
    afterUnknown: {
      id: true,
      advanced_configuration: true,
      created_at: true,
      disk_size: true,
      disk_type: true,
      endpoints: true,
      maintenance_time: true,
      network_type: true,
      status: true,
      nodes: [{}, {}],
      backup_regions: backupRegions.map(() => false),
      ip_restrictions: [],
    },
    expressions: {
      service_name: refs("var.project"),
      description: constant("orders"),
      engine: constant("postgresql"),
      version: constant("16"),
      plan: constant("business"),
      flavor: constant("db1-7"),
      nodes: [{ region: constant(nodeRegion) }, { region: constant(nodeRegion) }],
      backup_regions: refs("var.backup_regions"),
      backup_time: constant("02:00:00"),
      deletion_protection: constant(true),
    },
  };
}

/** `ovh_cloud_project_instance.web` in `region`, and its nightly `ovh_cloud_project_workflow_backup` whose instance_id is the instance's id (unknown until apply). */
export function workflowResources(region = "SBG5", rotation = 35): OvhResource[] {
  return [
    {
      type: "ovh_cloud_project_instance",
      name: "web",
      after: {
        service_name: PROD_PROJECT,
        region,
        name: "web",
        billing_period: "hourly",
        auto_backup: [],
        boot_from: [{ image_id: "debian-12", volume_id: null }],
        bulk: null,
        flavor: [{ flavor_id: "b3-8" }],
        group: [],
        network: [{ public: true, private: [] }],
        ssh_key: [],
        ssh_key_create: [],
        user_data: null,
      },
      afterUnknown: {
        id: true,
        addresses: true,
        attached_volumes: true,
        availability_zone: true,
        flavor_id: true,
        flavor_name: true,
        image_id: true,
        status: true,
        task_state: true,
        auto_backup: [],
        boot_from: [{}],
        flavor: [{}],
        group: [],
        network: [{ private: [] }],
        ssh_key: [],
        ssh_key_create: [],
      },
      expressions: {
        service_name: refs("var.project"),
        region: constant(region),
        name: constant("web"),
        billing_period: constant("hourly"),
        boot_from: [{ image_id: constant("debian-12") }],
        flavor: [{ flavor_id: constant("b3-8") }],
        network: [{ public: constant(true) }],
      },
    },
    {
      type: "ovh_cloud_project_workflow_backup",
      name: "nightly",
      after: { service_name: PROD_PROJECT, region_name: region, name: "nightly", cron: "0 2 * * *", rotation, backup_name: "web-nightly", max_execution_count: null },
      afterUnknown: { id: true, created_at: true, instance_id: true },
      expressions: {
        service_name: refs("var.project"),
        region_name: constant(region),
        name: constant("nightly"),
        instance_id: refs("ovh_cloud_project_instance.web.id", "ovh_cloud_project_instance.web"),
        cron: constant("0 2 * * *"),
        rotation: constant(rotation),
        backup_name: constant("web-nightly"),
      },
    },
  ];
}

/** How the Object Storage design replicates and locks (as in ovh-designs.ts). */
export interface ReplicationPlanOptions {
  readonly sourceRegion?: string;
  readonly destinationRegion?: string;
  readonly lockMode?: "compliance" | "governance";
  readonly period?: string;
}

/** `ovh_cloud_project_storage.exports` replicated into `ovh_cloud_project_storage.exports-replica` (plugin-framework nested attributes). */
export function replicationResources(options: ReplicationPlanOptions = {}): OvhResource[] {
  const { sourceRegion = "SBG", destinationRegion = "GRA", lockMode = "compliance", period = "P30D" } = options;
  const computed = { id: true, created_at: true, encryption: true, limit: true, marker: true, objects: true, objects_count: true, objects_size: true, owner_id: true, prefix: true, region: true, tags: true, virtual_host: true };
  const lock = { status: "enabled", rule: { mode: lockMode, period } };
  const destination = { name: "exports-replica", region: destinationRegion.toLowerCase(), remove_on_main_bucket_deletion: false };
  return [
    {
      type: "ovh_cloud_project_storage",
      name: "exports-replica",
      after: { service_name: PROD_PROJECT, region_name: destinationRegion, name: "exports-replica", hide_objects: null, versioning: { status: "enabled" }, object_lock: lock },
      afterUnknown: { ...computed, replication: true, versioning: {}, object_lock: { rule: {} } },
      expressions: {
        service_name: refs("var.project"),
        region_name: constant(destinationRegion),
        name: constant("exports-replica"),
        versioning: constant({ status: "enabled" }),
        object_lock: constant(lock),
      },
    },
    {
      type: "ovh_cloud_project_storage",
      name: "exports",
      after: {
        service_name: PROD_PROJECT,
        region_name: sourceRegion,
        name: "exports",
        hide_objects: null,
        versioning: { status: "enabled" },
        replication: { rules: [{ id: "dr", priority: 1, status: "enabled", delete_marker_replication: "disabled", destination }] },
      },
      afterUnknown: {
        ...computed,
        object_lock: true,
        versioning: {},
        // The rule's storage_class and filter are Optional+Computed and left out: unknown until apply.
        replication: { rules: [{ destination: { storage_class: true }, filter: true }] },
      },
      expressions: {
        service_name: refs("var.project"),
        region_name: constant(sourceRegion),
        name: constant("exports"),
        versioning: constant({ status: "enabled" }),
        replication: {
          references: ["ovh_cloud_project_storage.exports-replica.name", "ovh_cloud_project_storage.exports-replica"],
        },
      },
    },
  ];
}

/**
 * `ovh_cloud_project_volume.data` in `region` and its backups by both resources (plugin framework):
 * `ovh_cloud_project_volume_backup` (region_name) and `ovh_cloud_storage_block_volume_backup` (region),
 * each with volume_id the volume's id, unknown until apply.
 */
export function volumeBackupResources(region = "GRA11"): OvhResource[] {
  const volumeId = refs("ovh_cloud_project_volume.data.id", "ovh_cloud_project_volume.data");
  return [
    {
      type: "ovh_cloud_project_volume",
      name: "data",
      after: { service_name: PROD_PROJECT, region_name: region, size: 100, type: "classic" },
      afterUnknown: {
        id: true, action: true, availability_zone: true, completed_at: true, created_at: true, description: true, encryption: true, image_id: true, instance_id: true,
        name: true, progress: true, regions: true, resource_id: true, snapshot_id: true, started_at: true, status: true, sub_operations: true, volume_id: true,
      },
      expressions: { service_name: refs("var.project"), region_name: constant(region), size: constant(100), type: constant("classic") },
    },
    {
      type: "ovh_cloud_project_volume_backup",
      name: "data-backup",
      after: { service_name: PROD_PROJECT, region_name: region, name: "data-backup" },
      afterUnknown: { id: true, creation_date: true, region: true, size: true, status: true, volume_id: true },
      expressions: { service_name: refs("var.project"), region_name: constant(region), volume_id: volumeId, name: constant("data-backup") },
    },
    {
      type: "ovh_cloud_storage_block_volume_backup",
      name: "block-backup",
      after: { service_name: PROD_PROJECT, region, name: "block-backup" },
      afterUnknown: { id: true, checksum: true, created_at: true, current_state: true, description: true, resource_status: true, updated_at: true, volume_id: true },
      expressions: { service_name: refs("var.project"), region: constant(region), volume_id: volumeId, name: constant("block-backup") },
    },
  ];
}
