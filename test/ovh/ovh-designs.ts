// Real @ovhcloud/pulumi-ovh programs used by the OVHcloud tests: the Strasbourg case and one design per
// mechanism, each mutated by options into its blocked and its passing form.
import * as ovh from "@ovhcloud/pulumi-ovh";
import { urnOf } from "../programs/backup-designs";

/** The production Public Cloud project (a literal serviceName, as programs write it from config). */
export const PROD_PROJECT = "0123456789abcdef0123456789abcdef";
/** A project of another OVHcloud account. */
export const VAULT_PROJECT = "fedcba9876543210fedcba9876543210";
/** Stack config naming the projects' accounts. */
export const OVH_ACCOUNTS = JSON.stringify({ "ab12345-ovh": [PROD_PROJECT], "cd67890-ovh": [VAULT_PROJECT] });

export const DB_URN = urnOf("ovh:CloudProject/database:Database", "orders-db");
export const WORKFLOW_URN = urnOf("ovh:CloudProject/workflowBackup:WorkflowBackup", "nightly");
export const INSTANCE_URN = urnOf("ovh:CloudProject/instance:Instance", "web");
export const VOLUME_BACKUP_URN = urnOf("ovh:CloudProject/volumeBackup:VolumeBackup", "data-backup");
export const BLOCK_VOLUME_BACKUP_URN = urnOf("ovh:index/cloudStorageBlockVolumeBackup:CloudStorageBlockVolumeBackup", "block-backup");
export const BUCKET_URN = urnOf("ovh:CloudProject/storage:Storage", "exports");
export const REPLICA_URN = urnOf("ovh:CloudProject/storage:Storage", "exports-replica");

/** The Strasbourg case: a PostgreSQL database whose nodes are in Strasbourg. */
export function strasbourgDesign(backupRegions: readonly string[] | undefined, nodeRegion = "SBG"): () => void {
  return () => {
    new ovh.cloudproject.Database("orders-db", {
      serviceName: PROD_PROJECT,
      description: "orders",
      engine: "postgresql",
      version: "16",
      plan: "business",
      flavor: "db1-7",
      nodes: [{ region: nodeRegion }, { region: nodeRegion }],
      ...(backupRegions ? { backupRegions: [...backupRegions] } : {}),
      backupTime: "02:00:00",
      deletionProtection: true,
    });
  };
}

/** An instance backed up nightly by a workflow (instanceId: the instance's id, unknown in preview). */
export function workflowDesign(region = "SBG5", rotation = 35): () => void {
  return () => {
    const web = new ovh.cloudproject.Instance("web", {
      serviceName: PROD_PROJECT,
      region,
      billingPeriod: "hourly",
      flavor: { flavorId: "b3-8" },
      bootFrom: { imageId: "debian-12" },
      network: { public: true },
    });
    new ovh.cloudproject.WorkflowBackup("nightly", {
      serviceName: PROD_PROJECT,
      regionName: region,
      instanceId: web.id,
      cron: "0 2 * * *",
      rotation,
      backupName: "web-nightly",
    });
  };
}

/** A volume and its backups, with the v1 and the new volume backup resources. */
export function volumeBackupDesign(region = "GRA11"): () => void {
  return () => {
    const data = new ovh.cloudproject.Volume("data", { serviceName: PROD_PROJECT, regionName: region, size: 100, type: "classic" });
    new ovh.cloudproject.VolumeBackup("data-backup", { serviceName: PROD_PROJECT, regionName: region, volumeId: data.id, name: "data-backup" });
    new ovh.CloudStorageBlockVolumeBackup("block-backup", { serviceName: PROD_PROJECT, region, volumeId: data.id, name: "block-backup" });
  };
}

/** How the Object Storage design replicates and locks. */
export interface ReplicationOptions {
  readonly sourceRegion?: string;
  readonly destinationRegion?: string;
  readonly lockMode?: "compliance" | "governance" | "none";
  readonly period?: string;
}

/** An exports bucket replicated into a replica bucket declared in the same program. */
export function replicationDesign(options: ReplicationOptions = {}): () => void {
  const { sourceRegion = "SBG", destinationRegion = "GRA", lockMode = "compliance", period = "P30D" } = options;
  return () => {
    new ovh.cloudproject.Storage("exports-replica", {
      serviceName: PROD_PROJECT,
      regionName: destinationRegion,
      name: "exports-replica",
      versioning: { status: "enabled" },
      ...(lockMode === "none" ? {} : { objectLock: { status: "enabled", rule: { mode: lockMode, period } } }),
    });
    new ovh.cloudproject.Storage("exports", {
      serviceName: PROD_PROJECT,
      regionName: sourceRegion,
      name: "exports",
      versioning: { status: "enabled" },
      replication: {
        rules: [
          {
            id: "dr",
            priority: 1,
            status: "enabled",
            deleteMarkerReplication: "disabled",
            destination: { name: "exports-replica", region: destinationRegion.toLowerCase(), removeOnMainBucketDeletion: false },
          },
        ],
      },
    });
  };
}
