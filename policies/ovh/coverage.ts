import { CloudCoverage, CloudResourceUse } from "../core/cloud-coverage";
import { OVH_ACCOUNTS_CONFIG_KEY } from "./accounts";
import { OVH_TYPES } from "./type-tokens";

const SITES =
  "Region codes are normalised to sites (failure domains): every SBG code is the Strasbourg site, GRA codes Gravelines, DE/lim Limburg, UK/eri Erith, EU-WEST-PAR and its zones the Paris 3-AZ region; an unknown code is unresolved, naming the code.";

const DATABASE: CloudResourceUse = {
  type: OVH_TYPES.database,
  properties: ["nodes[0].region", "backupRegions[]", "engine", "serviceName"],
  how: "its backups are copies at each backupRegions site; unset, OVHcloud's default off-site location for the nodes' site (GRA and BHS → SBG, SBG/DE/UK/WAW/RBX → GRA, SGP → BHS). Kafka engines make no backups and are not judged.",
};
const INSTANCE: CloudResourceUse = {
  type: OVH_TYPES.instance,
  properties: ["region", "availabilityZone", "autoBackup.cron", "autoBackup.rotation", "serviceName"],
  how: "autoBackup makes backups in the instance's region.",
};
const WORKFLOW: CloudResourceUse = {
  type: OVH_TYPES.workflowBackup,
  properties: ["regionName", "instanceId", "cron", "rotation", "serviceName"],
  how: "backups in regionName, of the instance instanceId refers to; retention = rotation × the cron interval (plain daily or weekly schedules).",
};
const VOLUME_BACKUPS: readonly CloudResourceUse[] = [
  { type: OVH_TYPES.volumeBackup, properties: ["regionName", "volumeId", "serviceName"], how: "a backup in regionName of the volume volumeId refers to (ovh:CloudProject/volume:Volume regionName)." },
  {
    type: OVH_TYPES.blockVolumeBackup,
    properties: ["region", "volumeId", "serviceName"],
    how: "a backup in region of the volume volumeId refers to (ovh:index/cloudStorageBlockVolume:CloudStorageBlockVolume region).",
  },
];
const REPLICATION: CloudResourceUse = {
  type: OVH_TYPES.storage,
  properties: ["regionName", "replication.rules[].status", "replication.rules[].destination.region", "replication.rules[].destination.name", "serviceName"],
  how: "each rule not disabled copies into destination.region; the replica bucket is found by its name among the stack's buckets of the same region and project (OVHcloud replicates only within a project).",
};
const LOCK: CloudResourceUse = {
  type: OVH_TYPES.storage,
  properties: ["objectLock.status", "objectLock.rule.mode", "objectLock.rule.period", "versioning.status"],
  how: 'a replica bucket is immutable only with objectLock.status "enabled" and rule.mode "compliance"; governance mode, no rule or versioning alone is not immutable.',
};
const PLACED = [DATABASE, INSTANCE, WORKFLOW, ...VOLUME_BACKUPS, REPLICATION];

/** The OVHcloud resources each policy judges (`@ovhcloud/pulumi-ovh` 2.19.1). */
export const OVH_COVERAGE: CloudCoverage = {
  cloud: "OVHcloud",
  sdk: "@ovhcloud/pulumi-ovh",
  byPolicy: {
    "backup-cross-region-copy": PLACED.map((use) => ({ ...use, how: `${use.how} ${SITES}` })),
    "backup-zone-separation": PLACED.map((use) => ({ ...use, how: `${use.how} A 1-AZ site is one zone; a 3-AZ region spans three unless an availabilityZone or zone code names one.` })),
    "backup-offline-copy": PLACED.map((use) => ({
      ...use,
      how: `${use.how} The account of a project comes from stack config ${OVH_ACCOUNTS_CONFIG_KEY}; OVHcloud backups and replicas stay in the project's account, so they are never offline.`,
    })),
    "backup-immutable": [LOCK],
    "backup-retention-minimum": [INSTANCE, WORKFLOW, { ...LOCK, how: "objectLock.rule.period (P30D, P1W, P6M, P1Y) of a replica bucket must reach minimumDays." }],
  },
};
