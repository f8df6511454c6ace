import { Fact, absent, known, unknown } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { Placement, ProtectedResource, ProtectionRoute } from "../core/protection-model";
import { PropertyPath, readNumber, readString } from "../core/raw-values";
import { readSetting } from "../core/settings";
import { SourceVocabulary } from "../core/source-vocabulary";
import { sameRegionBackupAdvice } from "./advice";
import { OvhPlacement } from "./placement";
import { nativeRoute, ovhLabel, primaryStore, serviceBackupStore } from "./stores";
import { OVH_SOURCE_TYPES, OVH_TYPES } from "./type-tokens";

/** Volume types a volume backup may name through `volumeId`. */
const VOLUME_TYPES = [OVH_SOURCE_TYPES.volume, OVH_SOURCE_TYPES.blockVolume];

/** Days between two runs of a cron schedule, when it is plainly daily (`m h * * *`) or weekly (`m h * * d`). */
function cronIntervalDays(cron: string): number | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.slice(0, 2).every((f) => /^\d+$/.test(f)) || fields[2] !== "*" || fields[3] !== "*") return undefined;
  if (fields[4] === "*") return 1;
  return /^\d$/.test(fields[4] as string) ? 7 : undefined;
}

/** How long `rotation` backups taken on `cron` reach back. */
function rotationDays(resource: PlannedResource, base: PropertyPath): Fact<number> {
  const rotation = readNumber(resource.props, [...base, "rotation"]);
  const cron = readString(resource.props, [...base, "cron"]);
  if (rotation.state !== "known") return rotation.state === "absent" ? unknown(`${rotation.basis}`) : rotation;
  if (cron.state !== "known") return cron.state === "absent" ? unknown(cron.basis) : cron;
  const interval = cronIntervalDays(cron.value);
  if (interval === undefined) return unknown(`cron "${cron.value}" is not a plain daily or weekly schedule, so how long ${rotation.value} backups reach back cannot be told`);
  return known(rotation.value * interval, `rotation ${rotation.value} × ${interval === 1 ? "daily" : "weekly"} cron "${cron.value}"`);
}

/** A route whose only copy OVHcloud keeps in the region of its source. */
function sameRegionRoute(
  resource: PlannedResource,
  label: string,
  subject: string,
  primary: ProtectedResource,
  backupPlacement: Placement,
  retention: Fact<number>,
  words: SourceVocabulary,
): ProtectionRoute {
  return {
    ...nativeRoute(resource, label, subject, primary, sameRegionBackupAdvice(words)),
    declaredCopies: known(1, subject),
    views: [
      {
        source: primaryStore(resource, primary.label, primary.placement),
        sourceRetentionDays: absent("the primary's live data"),
        copies: [{ label: "backup", store: serviceBackupStore(`${resource.urn}#backup`, `the backups of ${label}`, backupPlacement, "stored by OVHcloud in the source's region"), retentionDays: retention }],
      },
    ],
  };
}

/** The source a backup resource names by id: the in-stack resource it was computed from, if any. */
function sourceOf(index: StackIndex, resource: PlannedResource, property: string, types: readonly string[]): PlannedResource | undefined {
  return index.dependenciesOf(resource, property).find((r) => types.includes(r.type));
}

/**
 * Instance and volume backups: an instance's `autoBackup`, `WorkflowBackup`, `VolumeBackup` and
 * `CloudStorageBlockVolumeBackup`. OVHcloud stores them in the region of their source, on its site.
 */
export function instanceBackupRoutes(index: StackIndex, placement: OvhPlacement): ProtectionRoute[] {
  const routes: ProtectionRoute[] = [];
  for (const instance of index.ofTypes([OVH_TYPES.instance])) {
    const auto = readSetting(instance, ["autoBackup"]);
    if (auto.state === "absent") continue;
    const at = placement.placement(instance, ["region"], ["availabilityZone"]);
    const label = ovhLabel("instance", instance);
    routes.push({
      ...sameRegionRoute(instance, `autoBackup of ${label}`, "autoBackup", { label, urn: instance.urn, placement: at }, placement.placementAt(readString(instance.props, ["region"]), at.account), rotationDays(instance, ["autoBackup"]), placement.words),
      ...(auto.state === "unknown" ? { conditional: `autoBackup is ${auto.basis}` } : {}),
    });
  }
  for (const workflow of index.ofTypes([OVH_TYPES.workflowBackup])) {
    const instance = sourceOf(index, workflow, "instanceId", [OVH_TYPES.instance, OVH_SOURCE_TYPES.cloudInstance]);
    const here = placement.placement(workflow, ["regionName"]);
    const primary = instance
      ? { label: ovhLabel("instance", instance), urn: instance.urn, placement: placement.placement(instance, ["region"], ["availabilityZone"]) }
      : { label: `instance ${describeId(workflow, "instanceId")}`, placement: here };
    routes.push(sameRegionRoute(workflow, `${ovhLabel("workflow backup", workflow)} of ${primary.label}`, "", primary, here, rotationDays(workflow, []), placement.words));
  }
  for (const backup of index.ofTypes([OVH_TYPES.volumeBackup, OVH_TYPES.blockVolumeBackup])) {
    const regionPath = backup.type === OVH_TYPES.volumeBackup ? "regionName" : "region";
    const volume = sourceOf(index, backup, "volumeId", VOLUME_TYPES);
    const here = placement.placement(backup, [regionPath]);
    const primary = volume
      ? {
          label: ovhLabel("volume", volume),
          urn: volume.urn,
          placement: placement.placement(volume, [volume.type === VOLUME_TYPES[0] ? "regionName" : "region"], ["availabilityZone"]),
        }
      : { label: `volume ${describeId(backup, "volumeId")}`, placement: here };
    routes.push(sameRegionRoute(backup, `${ovhLabel("volume backup", backup)} of ${primary.label}`, "", primary, here, absent("a one-off backup, kept until deleted"), placement.words));
  }
  return routes;
}

function describeId(resource: PlannedResource, property: string): string {
  const id = readString(resource.props, [property]);
  return id.state === "known" ? id.value : `(${property} ${id.state === "unknown" ? "unknown during preview" : "not set"})`;
}
