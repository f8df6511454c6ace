// The Terraform plans (format 1.2, ovh provider) of the real OVHcloud designs of real-designs.ts, as
// `terraform show -json` prints them: Optional+Computed attributes left out are unknown at create,
// SDKv2 blocks are arrays, plugin-framework nested attributes objects.
import { JsonObject } from "../../policies/core/json";
import { OvhResource, constant, ovhPlan, refs } from "../adapters/terraform/ovh-plans";
import { PROD_PROJECT } from "./ovh-designs";
import { EXTERNAL_INSTANCE_ID, OTHER_ACCOUNT_PROJECT } from "./real-designs";

const STORAGE_COMPUTED = { id: true, created_at: true, limit: true, marker: true, objects: true, objects_count: true, objects_size: true, prefix: true, region: true, tags: true, virtual_host: true };

/** ansforge/terraform-module-object-storage ovh/main.tf, with s3 = { region = "gra", replica_region = "sbg", ... }. */
export function ansforgePlan(): JsonObject {
  const rule = {
    id: "replication-rule",
    status: "enabled",
    delete_marker_replication: "enabled",
    priority: 1,
    destination: { name: "replica-documents", region: "SBG" },
    filter: { prefix: "" },
  };
  const resources: OvhResource[] = [
    {
      type: "ovh_cloud_project_user",
      name: "s3_admin_user",
      after: { service_name: PROD_PROJECT, description: "S3 operator of bucket documents", role_name: "objectstore_operator", role_names: null },
      afterUnknown: { id: true, creation_date: true, openstack_rc: true, password: true, roles: true, status: true, username: true },
      expressions: { service_name: refs("var.ovh.project_id", "var.ovh"), description: refs("var.s3.bucket_name", "var.s3"), role_name: constant("objectstore_operator") },
    },
    {
      type: "ovh_cloud_project_storage",
      name: "s3principal",
      after: {
        service_name: PROD_PROJECT,
        region_name: "GRA",
        name: "documents",
        hide_objects: null,
        versioning: { status: "enabled" },
        encryption: { sse_algorithm: "AES256" },
        replication: { rules: [rule] },
      },
      afterUnknown: { ...STORAGE_COMPUTED, owner_id: true, object_lock: true, versioning: {}, encryption: {}, replication: { rules: [{ destination: { storage_class: true, remove_on_main_bucket_deletion: true }, filter: { tags: true } }] } },
      expressions: {
        service_name: refs("var.ovh.project_id", "var.ovh"),
        region_name: refs("var.s3.region", "var.s3"),
        name: refs("var.s3.bucket_name", "var.s3"),
        owner_id: refs("ovh_cloud_project_user.s3_admin_user.id", "ovh_cloud_project_user.s3_admin_user"),
        versioning: refs("var.s3.enable_versioning", "var.s3"),
        encryption: refs("var.s3.enable_encryption", "var.s3"),
        replication: refs("var.s3.enable_replication", "var.s3", "var.s3.bucket_name", "var.s3.replica_region"),
      },
    },
  ];
  return ovhPlan(resources);
}

function database(name: string, engine: string, version: string, plan: string, flavor: string, region: string): OvhResource {
  const node = { region, network_id: null, subnet_id: null };
  return {
    type: "ovh_cloud_project_database",
    name,
    after: {
      service_name: PROD_PROJECT,
      description: `my-first-${engine === "postgresql" ? "postgresql" : engine}`,
      engine,
      version,
      plan,
      flavor,
      nodes: [node],
      ip_restrictions: [],
      kafka_rest_api: null,
      kafka_schema_registry: null,
      opensearch_acls_enabled: null,
      timeouts: null,
    },
    afterUnknown: {
      id: true, advanced_configuration: true, backup_regions: true, backup_time: true, created_at: true, deletion_protection: true, disk_size: true, disk_type: true,
      endpoints: true, maintenance_time: true, network_type: true, status: true, nodes: [{}], ip_restrictions: [],
    },
    expressions: {
      service_name: refs("var.project"),
      description: constant(`my-first-${engine}`),
      engine: constant(engine),
      version: constant(version),
      plan: constant(plan),
      flavor: constant(flavor),
      nodes: [{ region: constant(region) }],
    },
  };
}

/** ovh/terraform-provider-ovh examples/resources/cloud_project_database/example_1.tf: mysqldb, pgsqldb and mongodb. */
export function providerDocsDatabasesPlan(): JsonObject {
  return ovhPlan([
    database("mysqldb", "mysql", "8", "essential", "db1-4", "SBG"),
    database("pgsqldb", "postgresql", "14", "essential", "db1-4", "WAW"),
    database("mongodb", "mongodb", "5.0", "discovery", "db1-2", "GRA"),
  ]);
}

/** ovh/terraform-provider-ovh examples/resources/cloud_project_workflow_backup/example_1.tf. */
export function providerDocsWorkflowPlan(rotation = 7): JsonObject {
  return ovhPlan([
    {
      type: "ovh_cloud_project_workflow_backup",
      name: "my_backup",
      after: { service_name: PROD_PROJECT, region_name: "GRA11", cron: "50 4 * * *", instance_id: EXTERNAL_INSTANCE_ID, max_execution_count: 0, name: "Backup workflow for instance", rotation },
      afterUnknown: { id: true, backup_name: true, created_at: true },
      expressions: {
        service_name: refs("var.project"),
        region_name: constant("GRA11"),
        cron: constant("50 4 * * *"),
        instance_id: constant(EXTERNAL_INSTANCE_ID),
        max_execution_count: constant("0"),
        name: constant("Backup workflow for instance"),
        rotation: constant(String(rotation)),
      },
    },
  ]);
}

/** The Paris 3-AZ design of real-designs.ts (`parisDesign`). */
export function parisPlan(replicaProject = PROD_PROJECT): JsonObject {
  const node = { region: "EU-WEST-PAR", network_id: null, subnet_id: null };
  const offsiteLock = { status: "enabled", rule: { mode: "compliance", period: "P90D" } };
  const sourceLock = { status: "enabled", rule: { mode: "compliance", period: "P30D" } };
  const destination = { name: "ledger-exports-offsite", region: "GRA", remove_on_main_bucket_deletion: false };
  return ovhPlan([
    {
      type: "ovh_cloud_project_database",
      name: "ledger",
      after: {
        service_name: PROD_PROJECT, description: "ledger", engine: "postgresql", version: "16", plan: "production", flavor: "b3-8",
        nodes: [node, node, node], backup_regions: ["EU-WEST-PAR", "GRA"], backup_time: "03:00:00", deletion_protection: true,
        ip_restrictions: [], kafka_rest_api: null, kafka_schema_registry: null, opensearch_acls_enabled: null, timeouts: null,
      },
      afterUnknown: {
        id: true, advanced_configuration: true, created_at: true, disk_size: true, disk_type: true, endpoints: true, maintenance_time: true, network_type: true, status: true,
        nodes: [{}, {}, {}], backup_regions: [false, false], ip_restrictions: [],
      },
      expressions: {
        service_name: refs("var.project"), description: constant("ledger"), engine: constant("postgresql"), version: constant("16"), plan: constant("production"), flavor: constant("b3-8"),
        nodes: [{ region: constant("EU-WEST-PAR") }, { region: constant("EU-WEST-PAR") }, { region: constant("EU-WEST-PAR") }],
        backup_regions: constant(["EU-WEST-PAR", "GRA"]), backup_time: constant("03:00:00"), deletion_protection: constant(true),
      },
    },
    {
      type: "ovh_cloud_project_storage",
      name: "ledger_exports_offsite",
      after: { service_name: replicaProject, region_name: "GRA", name: "ledger-exports-offsite", hide_objects: null, versioning: { status: "enabled" }, object_lock: offsiteLock },
      afterUnknown: { ...STORAGE_COMPUTED, encryption: true, owner_id: true, replication: true, versioning: {}, object_lock: { rule: {} } },
      expressions: {
        service_name: replicaProject === PROD_PROJECT ? refs("var.project") : constant(OTHER_ACCOUNT_PROJECT),
        region_name: constant("GRA"), name: constant("ledger-exports-offsite"), versioning: constant({ status: "enabled" }), object_lock: constant(offsiteLock),
      },
    },
    {
      type: "ovh_cloud_project_storage",
      name: "ledger_exports",
      after: {
        service_name: PROD_PROJECT, region_name: "EU-WEST-PAR", name: "ledger-exports", hide_objects: null, versioning: { status: "enabled" }, object_lock: sourceLock,
        replication: { rules: [{ id: "offsite", priority: 1, status: "enabled", delete_marker_replication: "disabled", destination }] },
      },
      afterUnknown: { ...STORAGE_COMPUTED, encryption: true, owner_id: true, versioning: {}, object_lock: { rule: {} }, replication: { rules: [{ destination: { storage_class: true }, filter: true }] } },
      expressions: {
        service_name: refs("var.project"), region_name: constant("EU-WEST-PAR"), name: constant("ledger-exports"), versioning: constant({ status: "enabled" }), object_lock: constant(sourceLock),
        replication: { references: ["ovh_cloud_project_storage.ledger_exports_offsite.name", "ovh_cloud_project_storage.ledger_exports_offsite"] },
      },
    },
  ]);
}
