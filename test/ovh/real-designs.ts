// Real OVHcloud designs from public repositories, re-written in our own words as @ovhcloud/pulumi-ovh
// programs (their Terraform twins are in real-plans.ts). Repositories and paths are in real-designs.test.ts.
import * as ovh from "@ovhcloud/pulumi-ovh";
import { urnOf } from "../programs/backup-designs";
import { PROD_PROJECT, VAULT_PROJECT } from "./ovh-designs";

/** ansforge/terraform-module-object-storage ovh/main.tf: a bucket replicated to a bucket the module does not declare. */
export function ansforgeReplication(region = "GRA", replicaRegion = "SBG"): () => void {
  return () => {
    const admin = new ovh.cloudproject.User("s3-admin-user", { serviceName: PROD_PROJECT, description: "S3 operator of bucket documents", roleName: "objectstore_operator" });
    new ovh.cloudproject.Storage("s3principal", {
      serviceName: PROD_PROJECT,
      regionName: region.toUpperCase(),
      name: "documents",
      ownerId: admin.id.apply((id) => Number(id)),
      versioning: { status: "enabled" },
      encryption: { sseAlgorithm: "AES256" },
      replication: {
        rules: [
          {
            id: "replication-rule",
            status: "enabled",
            deleteMarkerReplication: "enabled",
            priority: 1,
            destination: { name: "replica-documents", region: replicaRegion.toUpperCase() },
            filter: { prefix: "" },
          },
        ],
      },
    });
  };
}

/** ovh/terraform-provider-ovh examples/resources/cloud_project_database/example_1.tf: databases that leave backupRegions to OVHcloud. */
export function providerDocsDatabases(): () => void {
  return () => {
    new ovh.cloudproject.Database("mysqldb", { serviceName: PROD_PROJECT, description: "my-first-mysql", engine: "mysql", version: "8", plan: "essential", flavor: "db1-4", nodes: [{ region: "SBG" }] });
    new ovh.cloudproject.Database("pgsqldb", { serviceName: PROD_PROJECT, description: "my-first-postgresql", engine: "postgresql", version: "14", plan: "essential", flavor: "db1-4", nodes: [{ region: "WAW" }] });
    new ovh.cloudproject.Database("mongodb", { serviceName: PROD_PROJECT, description: "my-first-mongodb", engine: "mongodb", version: "5.0", plan: "discovery", flavor: "db1-2", nodes: [{ region: "GRA" }] });
  };
}

/** An instance created outside the stack (a literal id). */
export const EXTERNAL_INSTANCE_ID = "5f0b9a0e-3c1d-4e7a-9b51-2d6c8e4f7a10";

/** ovh/terraform-provider-ovh examples/resources/cloud_project_workflow_backup/example_1.tf: a daily workflow backup kept 7 times. */
export function providerDocsWorkflow(rotation = 7): () => void {
  return () => {
    new ovh.cloudproject.WorkflowBackup("my-backup", {
      serviceName: PROD_PROJECT,
      regionName: "GRA11",
      cron: "50 4 * * *",
      instanceId: EXTERNAL_INSTANCE_ID,
      maxExecutionCount: 0,
      name: "Backup workflow for instance",
      rotation,
    });
  };
}

/**
 * The Strasbourg lesson applied in the Paris 3-AZ region: a database whose nodes are in EU-WEST-PAR with
 * backupRegions adding Gravelines, and a bucket in EU-WEST-PAR replicated ("offsite replication") to a
 * compliance-locked bucket in GRA of the same project. `replicaProject`: where the replica bucket is declared.
 */
export function parisDesign(replicaProject = PROD_PROJECT): () => void {
  return () => {
    new ovh.cloudproject.Database("ledger", {
      serviceName: PROD_PROJECT,
      description: "ledger",
      engine: "postgresql",
      version: "16",
      plan: "production",
      flavor: "b3-8",
      nodes: [{ region: "EU-WEST-PAR" }, { region: "EU-WEST-PAR" }, { region: "EU-WEST-PAR" }],
      backupRegions: ["EU-WEST-PAR", "GRA"],
      backupTime: "03:00:00",
      deletionProtection: true,
    });
    new ovh.cloudproject.Storage("ledger-exports-offsite", {
      serviceName: replicaProject,
      regionName: "GRA",
      name: "ledger-exports-offsite",
      versioning: { status: "enabled" },
      objectLock: { status: "enabled", rule: { mode: "compliance", period: "P90D" } },
    });
    new ovh.cloudproject.Storage("ledger-exports", {
      serviceName: PROD_PROJECT,
      regionName: "EU-WEST-PAR",
      name: "ledger-exports",
      versioning: { status: "enabled" },
      objectLock: { status: "enabled", rule: { mode: "compliance", period: "P30D" } },
      replication: {
        rules: [
          {
            id: "offsite",
            priority: 1,
            status: "enabled",
            deleteMarkerReplication: "disabled",
            destination: { name: "ledger-exports-offsite", region: "GRA", removeOnMainBucketDeletion: false },
          },
        ],
      },
    });
  };
}

export const OTHER_ACCOUNT_PROJECT = VAULT_PROJECT;

export const ANSFORGE_BUCKET_URN = urnOf("ovh:CloudProject/storage:Storage", "s3principal");
export const MYSQL_URN = urnOf("ovh:CloudProject/database:Database", "mysqldb");
export const PGSQL_URN = urnOf("ovh:CloudProject/database:Database", "pgsqldb");
export const MONGO_URN = urnOf("ovh:CloudProject/database:Database", "mongodb");
export const PROVIDER_WORKFLOW_URN = urnOf("ovh:CloudProject/workflowBackup:WorkflowBackup", "my-backup");
export const LEDGER_URN = urnOf("ovh:CloudProject/database:Database", "ledger");
export const LEDGER_EXPORTS_URN = urnOf("ovh:CloudProject/storage:Storage", "ledger-exports");
export const LEDGER_OFFSITE_URN = urnOf("ovh:CloudProject/storage:Storage", "ledger-exports-offsite");
