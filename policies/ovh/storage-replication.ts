import { Fact, absent, known, unknown } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { BackupStore, CopyEdge, Immutability, Placement, ProtectionRoute } from "../core/protection-model";
import { readArray, readString } from "../core/raw-values";
import { readSetting, readStringSetting } from "../core/settings";
import { SourceVocabulary } from "../core/source-vocabulary";
import { objectLockHowto, replicationAdvice } from "./advice";
import { OvhPlacement } from "./placement";
import { nativeRoute, ovhLabel, primaryStore } from "./stores";
import { OVH_TYPES } from "./type-tokens";

const UNITS: Readonly<Record<string, number>> = { D: 1, W: 7, M: 30, Y: 365 };

/** Days of an ISO-8601 period such as `P30D`, `P1W`, `P6M`, `P1Y` (a month counted as 30 days, a year as 365). */
export function periodDays(period: string): number | undefined {
  const match = /^P(\d+)([DWMY])$/i.exec(period.trim());
  return match ? Number(match[1]) * (UNITS[(match[2] as string).toUpperCase()] as number) : undefined;
}

/**
 * The lock of a bucket: Object Lock in compliance mode is OVHcloud's only lock nobody can remove
 * (`objectLock.status` "enabled" with `objectLock.rule.mode` "compliance"); governance mode can be
 * bypassed, and versioning alone keeps nothing from deletion.
 */
export function bucketImmutability(bucket: PlannedResource, words: SourceVocabulary): Immutability {
  const label = `the Object Lock of ${ovhLabel("bucket", bucket)}`;
  const status = readStringSetting(bucket, ["objectLock", "status"]);
  if (status.state === "unknown") return { state: "unknown", basis: `objectLock.status is ${status.basis}` };
  if (status.state === "absent" || status.value.toLowerCase() !== "enabled") {
    const versioning = readStringSetting(bucket, ["versioning", "status"]);
    const versioned = versioning.state === "known" && versioning.value.toLowerCase() === "enabled" ? "; versioning alone keeps old versions deletable" : "";
    return { state: "none", basis: `objectLock is not enabled on ${ovhLabel("bucket", bucket)}${versioned}` };
  }
  const mode = readStringSetting(bucket, ["objectLock", "rule", "mode"]);
  if (mode.state === "unknown") return { state: "unknown", basis: `objectLock.rule.mode is ${mode.basis}` };
  if (mode.state === "absent") return { state: "none", basis: `Object Lock is enabled on ${ovhLabel("bucket", bucket)} but sets no default rule (objectLock.rule), so new objects are not locked` };
  if (mode.value.toLowerCase() === "compliance") {
    const period = readStringSetting(bucket, ["objectLock", "rule", "period"]);
    const days: Fact<number> =
      period.state === "known"
        ? (() => {
            const value = periodDays(period.value);
            return value === undefined ? unknown(`objectLock.rule.period "${period.value}" is not an ISO-8601 period in days, weeks, months or years`) : known(value, `objectLock.rule.period ${period.value}`);
          })()
        : period.state === "unknown"
          ? period
          : absent(period.basis);
    return { state: "compliance-lock", lockUrn: bucket.urn, lockLabel: label, minRetentionDays: days, maxRetentionDays: absent("no maximum") };
  }
  return {
    state: "governance-lock",
    lockUrn: bucket.urn,
    lockLabel: label,
    weakness: `is in ${mode.value} mode: anyone allowed s3:BypassGovernanceRetention can delete locked versions. Set ${words.setting("objectLock.rule.mode")} to "compliance".`,
  };
}

/** Whether two facts are both known and differ (region codes compared without case). */
function knownToDiffer(a: Fact<string>, b: Fact<string>, caseless = false): boolean {
  if (a.state !== "known" || b.state !== "known") return false;
  return caseless ? a.value.toUpperCase() !== b.value.toUpperCase() : a.value !== b.value;
}

/**
 * The in-stack bucket a replication destination names, if exactly one: same name, and neither in
 * another region than the rule's destination.region nor in another project than the source (OVHcloud
 * replicates only into a bucket of the source's project, so a namesake declared in another project or
 * region is not the replica and its Object Lock says nothing about it). `elsewhere`: such namesakes.
 */
function destinationBucket(index: StackIndex, source: PlannedResource, name: Fact<string>, region: Fact<string>): { bucket?: PlannedResource; elsewhere: PlannedResource[] } {
  if (name.state !== "known") return { elsewhere: [] };
  const project = readString(source.props, ["serviceName"]);
  const namesakes = index.ofTypes([OVH_TYPES.storage]).filter((b) => {
    const own = readString(b.props, ["name"]);
    return own.state === "known" && own.value === name.value;
  });
  const elsewhere = namesakes.filter((b) => knownToDiffer(readString(b.props, ["regionName"]), region, true) || knownToDiffer(readString(b.props, ["serviceName"]), project));
  const found = namesakes.filter((b) => !elsewhere.includes(b));
  return { ...(found.length === 1 ? { bucket: found[0] } : {}), elsewhere };
}

/** Why a namesake is not the replica: its region or project. */
function notTheReplica(bucket: PlannedResource, source: PlannedResource, region: Fact<string>): string {
  const own = readString(bucket.props, ["regionName"]);
  const label = ovhLabel("bucket", bucket);
  if (knownToDiffer(own, region, true) && own.state === "known" && region.state === "known") return `${label} has that name but is in ${own.value}, not in destination.region ${region.value}`;
  const project = readString(bucket.props, ["serviceName"]);
  const sourceProject = readString(source.props, ["serviceName"]);
  return `${label} has that name but is in project ${project.state === "known" ? project.value : "(unknown)"}, not in the source's project ${sourceProject.state === "known" ? sourceProject.value : "(unknown)"}, and OVHcloud replicates only within a project`;
}

function replicaStore(index: StackIndex, placement: OvhPlacement, source: PlannedResource, rule: number, sourcePlacement: Placement): BackupStore {
  const base = ["replication", "rules", rule, "destination"];
  const name = readString(source.props, [...base, "name"]);
  const region = readString(source.props, [...base, "region"]);
  const { bucket, elsewhere } = destinationBucket(index, source, name, region);
  const label = name.state === "known" ? `replica bucket "${name.value}"` : `the replica bucket of rule ${rule}`;
  const undeclared = elsewhere.length > 0 ? `no bucket of this stack is ${label}: ${elsewhere.map((b) => notTheReplica(b, source, region)).join("; ")}` : `${label} is not declared in this stack`;
  return {
    key: bucket?.urn ?? `${source.urn}#replica:${rule}`,
    kind: "replica",
    label,
    urn: bucket?.urn,
    // Replication cannot leave the project: the replica is in the source's account.
    placement: placement.placementAt(region, sourcePlacement.account),
    airGapped: { state: "known", value: false, basis: "OVHcloud replication stays in the source's project" },
    immutability: bucket ? bucketImmutability(bucket, placement.words) : { state: "unknown", basis: `${undeclared}, so its Object Lock cannot be seen` },
    lockHowto: objectLockHowto(placement.words),
    resolvedVia: bucket ? "declared in this stack" : undeclared,
    encryptionKey: { state: "service-default", basis: "encrypted by OVHcloud" },
  };
}

/** Object Storage replication: each enabled rule of `replication.rules[]` of an `ovh:CloudProject/storage:Storage` bucket. */
export function replicationRoutes(index: StackIndex, placement: OvhPlacement): ProtectionRoute[] {
  const routes: ProtectionRoute[] = [];
  for (const bucket of index.ofTypes([OVH_TYPES.storage])) {
    const replication = readSetting(bucket, ["replication"]);
    if (replication.state === "absent") continue;
    const label = ovhLabel("bucket", bucket);
    const at = placement.placement(bucket, ["regionName"]);
    const route = nativeRoute(bucket, `replication of ${label}`, "replication", { label, urn: bucket.urn, placement: at }, replicationAdvice(placement.words));
    const rules = readArray(bucket.props, ["replication", "rules"]);
    if (rules.state === "unknown" || replication.state === "unknown") {
      const why = replication.state === "unknown" ? replication.basis : rules.basis;
      routes.push({ ...route, declaredCopies: unknown(why), views: [], unresolvedReason: `its replication rules are ${why}` });
      continue;
    }
    const copies: CopyEdge[] = [];
    const list = rules.state === "known" ? rules.value : [];
    let conditional: string | undefined;
    list.forEach((_, i) => {
      const status = readString(bucket.props, ["replication", "rules", i, "status"]);
      if (status.state === "known" && status.value.toLowerCase() === "disabled") return;
      if (status.state === "unknown") conditional = `rule ${i}'s status is ${status.basis}`;
      copies.push({ label: `replication rule ${i}`, store: replicaStore(index, placement, bucket, i, at), retentionDays: absent("replicas are kept until deleted") });
    });
    routes.push({
      ...route,
      declaredCopies: known(copies.length, "replication.rules"),
      views: [{ source: primaryStore(bucket, label, at), sourceRetentionDays: absent("the primary's live data"), copies }],
      ...(conditional !== undefined ? { conditional } : {}),
    });
  }
  return routes;
}
