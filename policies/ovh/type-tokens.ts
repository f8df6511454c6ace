/** `@ovhcloud/pulumi-ovh` 2.19.1 type tokens backup-guard reads (reference: multicloud.md §3). */
export const OVH_TYPES = {
  project: "ovh:CloudProject/project:Project",
  database: "ovh:CloudProject/database:Database",
  instance: "ovh:CloudProject/instance:Instance",
  workflowBackup: "ovh:CloudProject/workflowBackup:WorkflowBackup",
  volumeBackup: "ovh:CloudProject/volumeBackup:VolumeBackup",
  blockVolumeBackup: "ovh:index/cloudStorageBlockVolumeBackup:CloudStorageBlockVolumeBackup",
  storage: "ovh:CloudProject/storage:Storage",
} as const;

/** Every OVHcloud type whose properties can change a finding (what the pack converts and judges). */
export const OVH_ANALYSED_TYPES: ReadonlySet<string> = new Set(Object.values(OVH_TYPES).filter((type) => type !== OVH_TYPES.project));

/**
 * Types read only as the source a backup names by id (`volumeId`, `instanceId`), for the source's
 * placement: they are not judged themselves.
 */
export const OVH_SOURCE_TYPES = {
  volume: "ovh:CloudProject/volume:Volume",
  blockVolume: "ovh:index/cloudStorageBlockVolume:CloudStorageBlockVolume",
  cloudInstance: "ovh:index/cloudInstance:CloudInstance",
} as const;
