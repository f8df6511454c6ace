import { PlannedResource, StackIndex } from "../core/planned-stack";
import { Placement, Protection, ProtectionRoute, ZonalResource, compareAccounts, multiZone } from "../core/protection-model";
import { readRaw, readString } from "../core/raw-values";
import { inlineStorageLabel, inlineVolumes, inlineVolumesAsVolume } from "./inline-volumes";
import { describeResource } from "./native-routes";
import { AwsPlacement } from "./placement";
import { rdsBackupRetention } from "./rds-copies";
import { SelectionIndex, selectionCovers } from "./selection-coverage";
import { serviceBackupsOf } from "./service-backups";
import { AWS_TYPES, FSX_FILE_SYSTEM_TYPES } from "./type-tokens";

/** Types that can be confined to one availability zone and hold data worth protecting. */
const ZONAL_CANDIDATES: readonly string[] = [
  AWS_TYPES.efsFileSystem,
  AWS_TYPES.s3DirectoryBucket,
  AWS_TYPES.rdsInstance,
  AWS_TYPES.ebsVolume,
  ...FSX_FILE_SYSTEM_TYPES,
];

const REGIONAL_BACKUPS = multiZone("backups are kept across the zones of their region");

/**
 * The stack's single-zone resources and every backup or copy of their data: AWS Backup selections,
 * service automatic backups (RDS, FSx), EFS backup policies, EBS snapshots, read replicas, and the
 * native copy routes whose primary they are.
 */
export function zonalResources(index: StackIndex, placement: AwsPlacement, routes: readonly ProtectionRoute[]): ZonalResource[] {
  const out: ZonalResource[] = [];
  const selections = new SelectionIndex(index, index.ofTypes([AWS_TYPES.backupSelection]));
  const routesByPrimary = new Map<string, ProtectionRoute[]>();
  for (const route of routes) {
    for (const primary of route.primaries) {
      if (!primary.urn) continue;
      const list = routesByPrimary.get(primary.urn);
      if (list) list.push(route);
      else routesByPrimary.set(primary.urn, [route]);
    }
  }
  // Copies are judged as copies, not as primaries: replicas of an in-stack replication and read replicas.
  const copies = new Set<string>();
  for (const route of routes) for (const view of route.views) for (const copy of view.copies) if (copy.store.urn) copies.add(copy.store.urn);
  // An instance's inline EBS volumes (rootBlockDevice, ebsBlockDevices) are in the instance's zone, like standalone volumes.
  const instances = index.ofTypes([AWS_TYPES.ec2Instance]).filter((instance) => inlineVolumes(instance).length > 0);
  for (const resource of [...index.ofTypes(ZONAL_CANDIDATES), ...instances]) {
    if (copies.has(resource.urn)) continue;
    if (resource.type === AWS_TYPES.rdsInstance && readRaw(resource.props, ["replicateSourceDb"]).state !== "absent") continue;
    const at = placement.placement(resource);
    // Resources that may be single-zone are judged too: not knowing is not passing.
    if (at.zone.state === "multi-zone") continue;
    const protections: Protection[] = [];
    let incomplete: string | undefined;
    const regional = (label: string, from: PlannedResource = resource): Protection => ({
      label,
      placement: { region: placement.region(from), account: placement.account(from), zone: REGIONAL_BACKUPS },
    });
    // Inline volumes are selected through their instance or as EBS volumes by their own tags.
    const selected = resource.type === AWS_TYPES.ec2Instance ? [resource, inlineVolumesAsVolume(resource)] : [resource];
    const covered = new Set<PlannedResource>();
    for (const [selection, target] of selected.flatMap((r) => selections.candidates(r).map((s): [PlannedResource, PlannedResource] => [s, r]))) {
      // AWS Backup selects resources of its own region and account only.
      const where = placement.placement(selection);
      if (at.region.state === "known" && where.region.state === "known" && at.region.value !== where.region.value) continue;
      if (compareAccounts(at.account, where.account) === "different") continue;
      if (covered.has(selection)) continue;
      const covers = selectionCovers(index, selection, target, at);
      if (covers === "yes") covered.add(selection);
      if (covers === "yes") protections.push(regional(`AWS Backup selection "${selection.name}"`, selection));
      if (covers === "unknown") incomplete = `whether AWS Backup selection "${selection.name}" covers it is unknown during preview`;
    }
    for (const route of routesByPrimary.get(resource.urn) ?? []) {
      if (route.conditional !== undefined) {
        incomplete = `${route.label} may not exist: ${route.conditional}`;
        continue;
      }
      if (route.scope !== undefined) {
        // A copy of part of the data does not protect the rest; one that may be whole cannot be told.
        if (route.scope.state === "unknown") incomplete = `${route.label} may copy part of the data only: ${route.scope.basis}`;
        continue;
      }
      if (route.views.length !== 1) {
        incomplete = `${route.label} cannot be read before the deployment runs`;
        continue;
      }
      const view = route.views[0];
      if (view.source.urn !== resource.urn) protections.push({ label: view.source.label, placement: view.source.placement });
      for (const copy of view.copies) protections.push({ label: `${copy.label} → ${copy.store.label}`, placement: copy.store.placement });
    }
    protections.push(...nativeBackups(index, placement, resource, at));
    const label = resource.type === AWS_TYPES.ec2Instance ? inlineStorageLabel(resource) : describeResource(resource);
    out.push({ urn: resource.urn, label, placement: at, protections, incomplete });
  }
  return out;
}

function nativeBackups(index: StackIndex, placement: AwsPlacement, resource: PlannedResource, at: Placement): Protection[] {
  const out: Protection[] = [];
  const inRegion = (label: string): Protection => ({ label, placement: { ...at, zone: REGIONAL_BACKUPS } });
  const dependents = (types: readonly string[], property: string): PlannedResource[] =>
    index.dependentsOf(resource, property).filter((r) => types.includes(r.type));
  switch (resource.type) {
    case AWS_TYPES.rdsInstance: {
      const retention = rdsBackupRetention(resource);
      if (retention.state === "known" && retention.value > 0) out.push(inRegion(`automated backups (backupRetentionPeriod ${retention.value})`));
      for (const replica of dependents([AWS_TYPES.rdsInstance], "replicateSourceDb")) {
        out.push({ label: `read replica ${describeResource(replica)}`, placement: placement.placement(replica) });
      }
      for (const snapshot of dependents([AWS_TYPES.rdsSnapshot], "dbInstanceIdentifier")) out.push(inRegion(describeResource(snapshot)));
      break;
    }
    case AWS_TYPES.efsFileSystem:
      for (const policy of dependents([AWS_TYPES.efsBackupPolicy], "fileSystemId")) {
        const status = readString(policy.props, ["backupPolicy", "status"]);
        if (status.state === "known" && status.value === "ENABLED") out.push(inRegion(`EFS automatic backups (backup policy "${policy.name}")`));
      }
      break;
    case AWS_TYPES.ebsVolume:
      for (const snapshot of dependents([AWS_TYPES.ebsSnapshot], "volumeId")) out.push(inRegion(describeResource(snapshot)));
      break;
    default:
      if (FSX_FILE_SYSTEM_TYPES.includes(resource.type)) {
        // The same reading of automaticBackupRetentionDays (and its provider defaults) as the retention policy.
        for (const backup of serviceBackupsOf(index, resource)) {
          if (backup.retentionDays.state === "known" && backup.retentionDays.value > 0) {
            out.push(inRegion(`FSx automatic backups (${backup.setting} ${backup.retentionDays.value}, ${backup.retentionDays.basis})`));
          }
        }
        for (const backup of dependents([AWS_TYPES.fsxBackup], "fileSystemId")) out.push(inRegion(describeResource(backup)));
      }
  }
  return out;
}
