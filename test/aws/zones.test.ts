import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { awsZoneOf } from "../../policies/aws/zones";
import { known } from "../../policies/core/facts";
import { JsonObject } from "../../policies/core/json";
import { PlannedResource, StackIndex } from "../../policies/core/planned-stack";
import { Placement, ZoneFact, compareZones, separation } from "../../policies/core/protection-model";
import { PlannedStackBuilder, ResourceOptions, UNKNOWN } from "../support/planned-stack-builder";

/** The zone fact of one resource, seen in the whole stack built so far. */
function zoneOf(b: PlannedStackBuilder, resource: PlannedResource): ZoneFact {
  return awsZoneOf(resource, new StackIndex(b.stack()));
}

function singleKnown(zone: string, zoneBasis: string, basis: string): ZoneFact {
  return { state: "single-zone", zone: known(zone, zoneBasis), basis };
}

function singleUnknown(zoneBasis: string, basis: string): ZoneFact {
  return { state: "single-zone", zone: { state: "unknown", basis: zoneBasis }, basis };
}

describe("AWS zones: EFS file systems", () => {
  /** `computed`: availabilityZoneName is computed from another resource (e.g. a subnet's zone). */
  const efs = (props: JsonObject, { computed = false, origin = "outputs" }: { computed?: boolean; origin?: ResourceOptions["origin"] } = {}) => {
    const b = new PlannedStackBuilder();
    const subnet = b.add(AWS_TYPES.ec2Subnet, "sub", { availabilityZone: UNKNOWN });
    return zoneOf(b, b.add(AWS_TYPES.efsFileSystem, "fs", props, { origin, propertyDependencies: computed ? { availabilityZoneName: [subnet] } : {} }));
  };

  it("is One Zone in its availabilityZoneName", () => {
    expect(efs({ availabilityZoneName: "eu-west-3a" })).toEqual(singleKnown("eu-west-3a", "availabilityZoneName", "EFS One Zone file system"));
  });

  it("is Regional without availabilityZoneName", () => {
    expect(efs({})).toEqual({ state: "multi-zone", basis: "EFS Regional file system (no availabilityZoneName)" });
  });

  it("is Regional when planned outputs leave availabilityZoneName unknown without propertyDependencies (computed by the provider)", () => {
    expect(efs({ availabilityZoneName: UNKNOWN })).toEqual({ state: "multi-zone", basis: "EFS Regional file system (no availabilityZoneName)" });
  });

  it("is One Zone in an unknown zone when availabilityZoneName is computed from another resource", () => {
    expect(efs({ availabilityZoneName: UNKNOWN }, { computed: true })).toEqual(
      singleUnknown("availabilityZoneName unknown during preview", "EFS One Zone file system"),
    );
  });

  it("is One Zone in an unknown zone when the program's input is unknown (Analyze)", () => {
    expect(efs({ availabilityZoneName: UNKNOWN }, { origin: "inputs" })).toEqual(singleUnknown("availabilityZoneName unknown during preview", "EFS One Zone file system"));
  });

  it("is Regional when the state of a Regional file system holds an empty availabilityZoneName", () => {
    // Outputs of an existing Regional file system carry the unset attribute as "" (no zone is named "").
    expect(efs({ availabilityZoneName: "" }).state).toBe("multi-zone");
  });
});

describe("AWS zones: FSx file systems", () => {
  function fsx(type: string, props: JsonObject, subnet?: JsonObject, via: "subnetIds" | "preferredSubnetId" = "subnetIds") {
    const b = new PlannedStackBuilder();
    const deps: Record<string, PlannedResource[]> = {};
    if (subnet) deps[via] = [b.add(AWS_TYPES.ec2Subnet, "sub", subnet)];
    return zoneOf(b, b.add(type, "fs", props, { propertyDependencies: deps }));
  }

  it("is single-zone for SINGLE_AZ deployments, in the zone of its only subnet", () => {
    expect(fsx(AWS_TYPES.fsxWindows, { deploymentType: "SINGLE_AZ_2", subnetIds: [UNKNOWN] }, { availabilityZone: "eu-west-3b" })).toEqual(
      singleKnown("eu-west-3b", 'availabilityZone of subnet "sub" (subnetIds)', "FSx SINGLE_AZ_2 deployment"),
    );
    expect(fsx(AWS_TYPES.fsxOpenZfs, { deploymentType: "SINGLE_AZ_HA_2", subnetIds: [UNKNOWN] }, { availabilityZoneId: "euw3-az2", availabilityZone: UNKNOWN })).toEqual(
      singleKnown("euw3-az2", 'availabilityZoneId of subnet "sub" (subnetIds)', "FSx SINGLE_AZ_HA_2 deployment"),
    );
  });

  it("defaults Windows (and other non-Lustre) file systems to SINGLE_AZ_1", () => {
    expect(fsx(AWS_TYPES.fsxWindows, { subnetIds: [UNKNOWN] }, { availabilityZone: "eu-west-3a" })).toEqual(
      singleKnown("eu-west-3a", 'availabilityZone of subnet "sub" (subnetIds)', "FSx SINGLE_AZ_1 deployment (the default)"),
    );
  });

  it("is multi-zone for MULTI_AZ deployments", () => {
    expect(fsx(AWS_TYPES.fsxWindows, { deploymentType: "MULTI_AZ_1", subnetIds: [UNKNOWN, UNKNOWN], preferredSubnetId: UNKNOWN })).toEqual({ state: "multi-zone", basis: "FSx MULTI_AZ_1 deployment" });
    expect(fsx(AWS_TYPES.fsxOntap, { deploymentType: "MULTI_AZ_2" })).toEqual({ state: "multi-zone", basis: "FSx MULTI_AZ_2 deployment" });
    expect(fsx(AWS_TYPES.fsxOpenZfs, { deploymentType: "MULTI_AZ_1" })).toEqual({ state: "multi-zone", basis: "FSx MULTI_AZ_1 deployment" });
  });

  it("is always single-zone for Lustre (SCRATCH_1 by default)", () => {
    expect(fsx(AWS_TYPES.fsxLustre, { subnetIds: [UNKNOWN] }, { availabilityZone: "eu-west-3c" })).toEqual(
      singleKnown("eu-west-3c", 'availabilityZone of subnet "sub" (subnetIds)', "FSx SCRATCH_1 deployment (the default)"),
    );
    expect(fsx(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_2", subnetIds: ["subnet-0123"] })).toEqual(
      singleUnknown("subnetIds is not a subnet declared in this stack with a known availability zone", "FSx PERSISTENT_2 deployment"),
    );
  });

  it("takes the zone of preferredSubnetId when it is set", () => {
    expect(fsx(AWS_TYPES.fsxOntap, { deploymentType: "SINGLE_AZ_1", subnetIds: [UNKNOWN], preferredSubnetId: UNKNOWN }, { availabilityZone: "eu-west-3b" }, "preferredSubnetId")).toEqual(
      singleKnown("eu-west-3b", 'availabilityZone of subnet "sub" (preferredSubnetId)', "FSx SINGLE_AZ_1 deployment"),
    );
  });

  it("does not know the zone among several subnets, nor of a subnet whose zone is unknown", () => {
    expect(fsx(AWS_TYPES.fsxOntap, { deploymentType: "SINGLE_AZ_1", subnetIds: ["subnet-a", "subnet-b"] })).toEqual(
      singleUnknown("several subnetIds; the file system is in one of them", "FSx SINGLE_AZ_1 deployment"),
    );
    expect(fsx(AWS_TYPES.fsxWindows, { deploymentType: "SINGLE_AZ_1", subnetIds: [UNKNOWN] }, { availabilityZone: UNKNOWN })).toEqual(
      singleUnknown('the zone of subnet "sub" is unknown during preview', "FSx SINGLE_AZ_1 deployment"),
    );
  });

  it("is undecided when deploymentType is computed from another resource", () => {
    const b = new PlannedStackBuilder();
    const config = b.add("aws:ssm/parameter:Parameter", "cfg", { value: UNKNOWN });
    const fs = b.add(AWS_TYPES.fsxOntap, "fs", { deploymentType: UNKNOWN }, { propertyDependencies: { deploymentType: [config] } });
    expect(zoneOf(b, fs)).toEqual({ state: "unknown", basis: "deploymentType of fs is unknown during preview" });
  });
});

describe("AWS zones: S3 directory buckets, RDS instances, EBS volumes", () => {
  it("places a directory bucket in the zone id of location.name", () => {
    const b = new PlannedStackBuilder();
    expect(zoneOf(b, b.add(AWS_TYPES.s3DirectoryBucket, "d", { bucket: "d--euw3-az1--x-s3", location: { name: "euw3-az1", type: "AvailabilityZone" } }))).toEqual(
      singleKnown("euw3-az1", "location.name", "S3 directory bucket (Express One Zone)"),
    );
    expect(zoneOf(b, b.add(AWS_TYPES.s3DirectoryBucket, "e", { bucket: "e", location: { name: UNKNOWN } }))).toEqual(
      singleUnknown("location.name: location.name unknown during preview", "S3 directory bucket (Express One Zone)"),
    );
  });

  it("reads RDS multiAz: true is multi-zone; false, omitted or left to the provider is single-zone", () => {
    const b = new PlannedStackBuilder();
    const single = singleUnknown("availabilityZone chosen by AWS", "RDS instance without multiAz");
    expect(zoneOf(b, b.add(AWS_TYPES.rdsInstance, "a", { multiAz: true }))).toEqual({ state: "multi-zone", basis: "RDS Multi-AZ instance" });
    expect(zoneOf(b, b.add(AWS_TYPES.rdsInstance, "b", { multiAz: false }))).toEqual(single);
    expect(zoneOf(b, b.add(AWS_TYPES.rdsInstance, "c", {}))).toEqual(single);
    expect(zoneOf(b, b.add(AWS_TYPES.rdsInstance, "d", { multiAz: UNKNOWN, availabilityZone: UNKNOWN }))).toEqual(single);
  });

  it("is undecided when multiAz is computed from another resource", () => {
    const b = new PlannedStackBuilder();
    const config = b.add("aws:ssm/parameter:Parameter", "cfg", { value: UNKNOWN });
    const db = b.add(AWS_TYPES.rdsInstance, "db", { multiAz: UNKNOWN }, { propertyDependencies: { multiAz: [config] } });
    expect(zoneOf(b, db)).toEqual({ state: "unknown", basis: 'multiAz of RDS instance "db" is unknown during preview' });
  });

  it("takes an RDS instance's availabilityZone", () => {
    const b = new PlannedStackBuilder();
    expect(zoneOf(b, b.add(AWS_TYPES.rdsInstance, "a", { multiAz: false, availabilityZone: "eu-west-3c" }))).toEqual(
      singleKnown("eu-west-3c", "availabilityZone", "RDS instance without multiAz"),
    );
  });

  it("places an EBS volume in its availabilityZone", () => {
    const b = new PlannedStackBuilder();
    expect(zoneOf(b, b.add(AWS_TYPES.ebsVolume, "v", { availabilityZone: "eu-west-3a" }))).toEqual(singleKnown("eu-west-3a", "availabilityZone", "EBS volume"));
  });

  it("treats snapshots, copies and vaults as regional, and unknown types as unknown", () => {
    const b = new PlannedStackBuilder();
    expect(zoneOf(b, b.add(AWS_TYPES.ebsSnapshotCopy, "c", {}))).toEqual({ state: "multi-zone", basis: "SnapshotCopy keeps data across the zones of its region" });
    expect(zoneOf(b, b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "r", {}))).toEqual({
      state: "multi-zone",
      basis: "InstanceAutomatedBackupsReplication keeps data across the zones of its region",
    });
    expect(zoneOf(b, b.add("aws:elasticache/cluster:Cluster", "x", {}))).toEqual({
      state: "unknown",
      basis: "backup-guard does not know whether aws:elasticache/cluster:Cluster is confined to one zone",
    });
  });
});

describe("comparing zones", () => {
  it("compares names with names and ids with ids, never a name with an id", () => {
    expect(compareZones("eu-west-3a", "eu-west-3a")).toBe("same");
    expect(compareZones("eu-west-3a", "eu-west-3b")).toBe("different");
    expect(compareZones("euw3-az1", "euw3-az1")).toBe("same");
    expect(compareZones("euw3-az1", "euw3-az2")).toBe("different");
    expect(compareZones("eu-west-3a", "euw3-az1")).toBe("undecided");
    expect(compareZones("euw3-az1", "eu-west-3a")).toBe("undecided");
  });

  it("leaves a zone name and a zone id in the same region undecided in separation()", () => {
    const at = (zone: string): Placement => ({
      region: known("eu-west-3", "test"),
      account: { state: "unknown", basis: "test" },
      zone: singleKnown(zone, "test", "test"),
    });
    expect(separation(at("eu-west-3a"), at("euw3-az1"), "zone")).toEqual({ verdict: "undecided", why: "zone name eu-west-3a and zone id euw3-az1 cannot be compared" });
    expect(separation(at("eu-west-3a"), at("eu-west-3a"), "zone")).toEqual({ verdict: "shared", why: "both in availability zone eu-west-3a" });
    expect(separation(at("euw3-az1"), at("euw3-az2"), "zone")).toEqual({ verdict: "separated", why: "zones euw3-az1 and euw3-az2" });
  });
});
