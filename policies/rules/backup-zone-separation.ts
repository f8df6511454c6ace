import { Placement, ProtectionRoute, RouteView, ZonalResource, ZoneFact, describeZone, separation } from "../core/protection-model";
import { CommonRuleConfig, FindingReport, defineRule } from "../core/rule";
import { Distance, separationProperty, sharedPlace } from "./backup-cross-region-copy";
import { fewNames, resourceSentence, routeSentence } from "./route-names";
import { Issue, reportAcrossViews } from "./route-verdicts";

const ID = "backup-zone-separation";
const REQUIREMENT =
  "Keep at least one backup or copy outside the primary's availability zone: back it up with AWS Backup (vaults span the zones of their region), turn on the service's automatic backups, or replicate into another zone or region.";

/** Config of backup-zone-separation. */
export interface ZoneSeparationConfig extends CommonRuleConfig {
  readonly requiredSeparation: Distance;
  readonly allowSingleZoneCopyStorage: boolean;
}

function zonal(placement: Placement): boolean {
  return placement.zone.state === "single-zone";
}

/** A zone in a few words, for a first sentence: `zone eu-west-3a`, `its single zone`, `its zone`. */
function zoneName(zone: ZoneFact): string {
  if (zone.state === "single-zone") return zone.zone.state === "known" ? `zone ${zone.zone.value}` : "its single zone";
  return "its zone";
}

function routeIssues(route: ProtectionRoute, view: RouteView, config: ZoneSeparationConfig): Issue[] {
  const issues: Issue[] = [];
  const say = (sentence: (name: string) => string): string => routeSentence(route, sentence);
  if (!config.allowSingleZoneCopyStorage) {
    for (const copy of view.copies) {
      if (copy.store.singleZoneStorage === undefined && copy.store.singleZoneStorageUnknown !== undefined) {
        issues.push({
          urn: route.urn,
          outcome: "unresolved",
          code: "unresolved-storage",
          subject: `${route.subject} → ${copy.store.key}`,
          message: `${say((name) => `cannot prove that ${name} keeps its copies across zones.`)} Destination ${copy.store.label}: ${copy.store.singleZoneStorageUnknown}.`,
        });
      }
      if (copy.store.singleZoneStorage === undefined) continue;
      issues.push({
        urn: copy.store.singleZoneStorageUrn ?? route.urn,
        outcome: "violation",
        code: "single-zone-storage",
        subject: `${route.subject} → ${copy.store.key}`,
        message:
          `${say((name) => `${name} keeps its copies in one zone (S3 One Zone-IA).`)} ` +
          `Destination ${copy.store.label}: ${copy.store.singleZoneStorage}. S3 One Zone-IA stores one copy of the data in one zone chosen by AWS, and the loss of that zone destroys it. ` +
          "Keep backup copies in a storage class that spans zones (STANDARD_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE).",
      });
    }
  }
  if (route.kind !== "native-copy" || view.copies.length === 0) return issues;
  // Origins that are, or may be, confined to one zone.
  const origins = [view.source, ...route.primaries].filter((o) => zonal(o.placement) || (o.placement.zone.state === "unknown" && o.urn !== undefined));
  if (origins.length === 0) return issues;
  const shared: string[] = [];
  const sharedPlaces: string[] = [];
  const undecided: string[] = [];
  for (const copy of view.copies) {
    const verdicts = origins.map((origin) => ({ origin, verdict: separation(origin.placement, copy.store.placement, config.requiredSeparation) }));
    const clash = verdicts.find((v) => v.verdict.verdict === "shared");
    const open = verdicts.find((v) => v.verdict.verdict === "undecided");
    if (clash) {
      shared.push(`${copy.label} → ${copy.store.label}: ${clash.verdict.why}, like ${clash.origin.label}`);
      const place = sharedPlace(copy.store.placement, config.requiredSeparation);
      if (place !== undefined) sharedPlaces.push(place);
    }
    else if (open) undecided.push(`${copy.label} → ${copy.store.label}: ${open.verdict.why}`);
    else return issues;
  }
  if (undecided.length > 0) {
    issues.push({
      urn: route.urn,
      outcome: "unresolved",
      code: "unresolved-zone",
      subject: route.subject,
      message:
        `${say((name) => `cannot prove that ${name} copies the data out of ${zoneName(origins[0].placement.zone)}.`)} ` +
        `The primary ${origins[0].label} is in ${describeZone(origins[0].placement.zone)}: ${[...undecided, ...shared].join("; ")}. Set the destination's availability zone (or region) explicitly.`,
    });
    return issues;
  }
  const within = sharedPlaces.length > 0 ? ` (${fewNames(sharedPlaces)})` : "";
  issues.push({
    urn: route.urn,
    outcome: "violation",
    code: config.requiredSeparation === "zone" ? "same-zone-copy" : "same-region-copy",
    subject: route.subject,
    message:
      `${say((name) => `${name} copies a single-zone primary into the same ${config.requiredSeparation === "zone" ? "zone" : "region"}${within}.`)} Copies: ${shared.join("; ")}. ` +
      `One ${config.requiredSeparation === "zone" ? "zone" : "regional"} failure (fire, flood, power) destroys the data and its copy together. ${route.advice?.offZone ?? "Replicate into another region (destination.region), or at least into another availability zone."}`,
  });
  return issues;
}

/** ` (eu-west-3)` when the region is known. */
function regionOf(placement: Placement): string {
  return placement.region.state === "known" ? ` (${placement.region.value})` : "";
}

function resourceFindings(resource: ZonalResource, config: ZoneSeparationConfig): FindingReport[] {
  const distance = config.requiredSeparation;
  const undecided: string[] = [];
  const inside: string[] = [];
  for (const protection of resource.protections) {
    const verdict = separation(resource.placement, protection.placement, distance);
    if (verdict.verdict === "separated") return [];
    (verdict.verdict === "shared" ? inside : undecided).push(`${protection.label} (${verdict.why})`);
  }
  const where = describeZone(resource.placement.zone);
  const say = (sentence: (name: string) => string): string => resourceSentence(resource.label, sentence);
  if (undecided.length > 0 || resource.incomplete !== undefined || resource.placement.zone.state === "unknown") {
    return [
      {
        urn: resource.urn,
        outcome: "unresolved",
        code: "unresolved-zone",
        subject: "",
        message:
          `${say((name) => `cannot prove that ${name} has a backup or copy outside ${distance === "zone" ? zoneName(resource.placement.zone) : "its region"}.`)} ` +
          `It is in ${where}: ` +
          [...undecided, ...(resource.incomplete ? [resource.incomplete] : []), ...(undecided.length === 0 && !resource.incomplete ? ["it may be confined to one zone, and nothing in this stack keeps a copy elsewhere"] : [])].join("; ") +
          `. ${REQUIREMENT}`,
      },
    ];
  }
  return [
    {
      urn: resource.urn,
      outcome: "violation",
      code: distance === "zone" ? "no-copy-outside-zone" : "no-copy-outside-region",
      subject: "",
      message:
        `${say((name) => `${name} has no backup or copy outside ${distance === "zone" ? zoneName(resource.placement.zone) : `its region${regionOf(resource.placement)}`}.`)} ` +
        `It keeps its data in ${where}, and ${inside.length === 0 ? "nothing in this stack backs it up or copies it" : `its only backups and copies stay there too: ${inside.join("; ")}`}. ` +
        `The loss of that ${distance === "zone" ? "zone" : "region"} destroys the data and every copy. ${REQUIREMENT}`,
    },
  ];
}

/** Copies and backups do not share the failure zone of what they protect. */
export const backupZoneSeparation = defineRule<ZoneSeparationConfig>({
  meta: {
    id: ID,
    title: "Backups and copies do not share their primary's availability zone",
    description:
      "A resource confined to one availability zone — an EFS One Zone file system (availabilityZoneName), an FSx SINGLE_AZ_* (or Lustre) file system, an S3 directory bucket (Express One Zone), an RDS instance without multiAz, an EBS volume (also those an EC2 instance declares inline, in the instance's zone) — must have at least one backup or copy outside that zone: an AWS Backup selection that covers it (vaults span the zones of their region), the service's automatic backups (RDS backupRetentionPeriod, FSx automaticBackupRetentionDays, an enabled EFS backup policy), snapshots, or a replica in another zone or region. A native copy of a single-zone primary must not land in the primary's own zone (e.g. an EFS One Zone replica in the same zone), and copy destinations must not keep the copies in S3 One Zone-IA (replication storageClass or a lifecycle transition). Zones are read from the resource, or from its subnet when only a subnet is given.",
    rationale:
      "A datacenter fire destroys everything in one building: a file system in one availability zone and a replica in the same zone are lost together, as the Strasbourg fire of 2021 showed for servers and backups kept side by side.",
    severity: "high",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-6(1)", title: "Alternate storage site: separation from primary site" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(3)", title: "Backups physically segregated from the source" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.2", title: "Data backup processes and recovery infrastructure" },
    ],
    remediation: [
      "Back single-zone resources up with AWS Backup: add them to an `aws.backup.Selection` (by reference, ARN or tag).",
      "Or turn on the service's own backups: `backupRetentionPeriod` on RDS, `automaticBackupRetentionDays` on FSx, an `aws.efs.BackupPolicy` with status ENABLED.",
      "Replicate One Zone file systems into another region (`destination: { region: \"eu-central-1\" }`, which backup-cross-region-copy also asks for), or at least into another `availabilityZoneName`.",
      "Do not move copies to ONEZONE_IA: use STANDARD_IA, GLACIER_IR, GLACIER or DEEP_ARCHIVE in replication `storageClass` and lifecycle transitions.",
    ],
    appliesTo: [
      "aws:efs/fileSystem:FileSystem",
      "aws:efs/replicationConfiguration:ReplicationConfiguration",
      "aws:efs/backupPolicy:BackupPolicy",
      "aws:fsx/windowsFileSystem:WindowsFileSystem",
      "aws:fsx/lustreFileSystem:LustreFileSystem",
      "aws:fsx/ontapFileSystem:OntapFileSystem",
      "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
      "aws:fsx/backup:Backup",
      "aws:s3/directoryBucket:DirectoryBucket",
      "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:rds/instance:Instance",
      "aws:ebs/volume:Volume",
      "aws:ebs/snapshot:Snapshot",
      "aws:ec2/instance:Instance",
      "aws:ec2/subnet:Subnet",
      "aws:backup/selection:Selection",
    ],
    limits: [
      "Availability zone names (eu-west-3a) are mapped to physical zones per account; zones of resources in different accounts are compared by name only when both are given the same way.",
      "An RDS instance whose zone AWS chooses (no availabilityZone) is single-zone with an unknown zone: a replica of it in a single zone is unresolved.",
      "Zones derived from subnets need the subnet to be declared in this stack with a known availabilityZone.",
      "S3 directory buckets (Express One Zone) have no copy mechanism this rule recognises, so each one is flagged; keep only re-creatable data there.",
      "The lifecycle of a replica bucket outside this stack cannot be seen; only the replication rule's own storageClass is judged for it.",
    ],
    config: {
      requiredSeparation: separationProperty("zone", "a backup or copy of a single-zone resource"),
      allowSingleZoneCopyStorage: {
        type: "boolean",
        default: false,
        description: "Accept copy destinations that keep copies in S3 One Zone-IA (e.g. secondary copies of re-creatable data).",
      },
    },
  },
  check(model, context) {
    for (const route of model.routes) {
      if (route.views.length === 0) continue; // unreadable routes are reported by the placement rules
      reportAcrossViews(ID, route, context, (view) => routeIssues(route, view, context.config));
    }
    for (const resource of model.zonalResources) {
      for (const finding of resourceFindings(resource, context.config)) context.report(finding);
    }
  },
});
