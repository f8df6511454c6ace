import { Fact, known, unknown } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { ZoneFact, multiZone, unknownZone } from "../core/protection-model";
import { readArray, readString } from "../core/raw-values";
import { readBooleanSetting, readStringSetting } from "../core/settings";
import { AWS_TYPES, FSX_FILE_SYSTEM_TYPES, S3_BUCKET_TYPES } from "./type-tokens";

/** Types that keep their data across the zones of a region by design. */
const REGIONAL_TYPES: ReadonlySet<string> = new Set([
  AWS_TYPES.backupVault,
  AWS_TYPES.backupLogicallyAirGappedVault,
  ...S3_BUCKET_TYPES,
  AWS_TYPES.rdsSnapshot,
  AWS_TYPES.rdsClusterSnapshot,
  AWS_TYPES.rdsSnapshotCopy,
  AWS_TYPES.rdsClusterSnapshotCopy,
  AWS_TYPES.rdsAutomatedBackupsReplication,
  AWS_TYPES.ebsSnapshot,
  AWS_TYPES.ebsSnapshotCopy,
  AWS_TYPES.fsxBackup,
  AWS_TYPES.glacierVault,
  "aws:dynamodb/table:Table",
]);

/** The zone fact of each regional type met so far. */
const REGIONAL_ZONES = new Map<string, ZoneFact>();

function single(zone: Fact<string>, basis: string): ZoneFact {
  return { state: "single-zone", zone, basis };
}

/** The availability zone of the subnet a resource is placed in, through the in-stack subnet. */
function subnetZone(resource: PlannedResource, index: StackIndex | undefined, property: string): Fact<string> {
  const subnets = index ? index.dependenciesOf(resource, property).filter((r) => r.type === AWS_TYPES.ec2Subnet) : [];
  if (subnets.length === 1) {
    const subnet = subnets[0];
    for (const key of ["availabilityZone", "availabilityZoneId"]) {
      const zone = readString(subnet.props, [key]);
      if (zone.state === "known") return known(zone.value, `${key} of subnet "${subnet.name}" (${property})`);
    }
    return unknown(`the zone of subnet "${subnet.name}" is unknown during preview`);
  }
  return unknown(`${property} is not a subnet declared in this stack with a known availability zone`);
}

/** A zone setting: known, or unknown in preview but computed from an in-stack subnet's zone. */
function zoneSetting(resource: PlannedResource, index: StackIndex | undefined, property: string): Fact<string> {
  const zone = readStringSetting(resource, [property]);
  // Outputs of an existing resource carry an unset zone as "".
  if (zone.state === "known" && zone.value === "") return { state: "absent", basis: `${property} is empty` };
  if (zone.state !== "unknown") return zone.state === "known" ? known(zone.value, property) : zone;
  const fromSubnet = subnetZone(resource, index, property);
  return fromSubnet.state === "known" ? fromSubnet : zone;
}

/**
 * Which availability zones a resource's data lives in. Single-zone: EFS One Zone (`availabilityZoneName`),
 * FSx `SINGLE_AZ_*` (and Lustre scratch/persistent, which are single-AZ), S3 directory buckets (Express
 * One Zone), RDS instances without `multiAz`, EBS volumes. Zones come from the resource or its subnet.
 */
export function awsZoneOf(resource: PlannedResource, index?: StackIndex): ZoneFact {
  const type = resource.type;
  if (REGIONAL_TYPES.has(type)) {
    // The same fact for every resource of a regional type: built once per type.
    let fact = REGIONAL_ZONES.get(type);
    if (!fact) REGIONAL_ZONES.set(type, (fact = multiZone(`${type.split(":").pop()} keeps data across the zones of its region`)));
    return fact;
  }
  switch (type) {
    case AWS_TYPES.efsFileSystem: {
      const zone = zoneSetting(resource, index, "availabilityZoneName");
      if (zone.state === "absent") return multiZone("EFS Regional file system (no availabilityZoneName)");
      return single(zone, "EFS One Zone file system");
    }
    case AWS_TYPES.s3DirectoryBucket: {
      const zone = readString(resource.props, ["location", "name"]);
      return single(zone.state === "known" ? known(zone.value, "location.name") : unknown(`location.name: ${zone.basis}`), "S3 directory bucket (Express One Zone)");
    }
    case AWS_TYPES.ebsVolume: {
      const zone = zoneSetting(resource, index, "availabilityZone");
      return single(zone.state === "absent" ? unknown("availabilityZone not set") : zone, "EBS volume");
    }
    case AWS_TYPES.rdsInstance: {
      const multiAz = readBooleanSetting(resource, ["multiAz"]);
      if (multiAz.state === "known" && multiAz.value) return multiZone("RDS Multi-AZ instance");
      if (multiAz.state === "unknown") return unknownZone(`multiAz of RDS instance "${resource.name}" is unknown during preview`);
      const zone = zoneSetting(resource, index, "availabilityZone");
      return single(zone.state === "absent" ? unknown("availabilityZone chosen by AWS") : zone, "RDS instance without multiAz");
    }
    case AWS_TYPES.rdsCluster:
      return multiZone("RDS/Aurora cluster storage spans the zones of its region");
    default:
      break;
  }
  if (FSX_FILE_SYSTEM_TYPES.includes(type)) {
    const deployment = readStringSetting(resource, ["deploymentType"]);
    if (deployment.state === "unknown") return unknownZone(`deploymentType of ${resource.name} is unknown during preview`);
    const value = deployment.state === "known" ? deployment.value : type === AWS_TYPES.fsxLustre ? "SCRATCH_1" : "SINGLE_AZ_1";
    if (/^MULTI_AZ/.test(value)) return multiZone(`FSx ${value} deployment`);
    const basis = `FSx ${value} deployment${deployment.state === "absent" ? " (the default)" : ""}`;
    const preferred = readStringSetting(resource, ["preferredSubnetId"]);
    if (preferred.state !== "absent") return single(subnetZone(resource, index, "preferredSubnetId"), basis);
    const subnets = readArray(resource.props, ["subnetIds"]);
    if (subnets.state === "known" && subnets.value.length > 1) {
      return single(unknown("several subnetIds; the file system is in one of them"), basis);
    }
    return single(subnetZone(resource, index, "subnetIds"), basis);
  }
  if (type === AWS_TYPES.ec2Instance) {
    const zone = zoneSetting(resource, index, "availabilityZone");
    if (zone.state === "known") return single(zone, "EC2 instance");
    return single(subnetZone(resource, index, "subnetId"), "EC2 instance");
  }
  return unknownZone(`backup-guard does not know whether ${type} is confined to one zone`);
}
