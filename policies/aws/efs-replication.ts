import { Fact, known } from "../core/facts";
import { isJsonObject } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { BackupStore, Placement, ProtectedResource, ProtectionRoute, ZoneFact, multiZone, unknownZone } from "../core/protection-model";
import { readRaw, readString } from "../core/raw-values";
import { encryptionKeyOf, nestedKey, serviceDefaultKey } from "./encryption-keys";
import { describeResource, nativeRoute, primaryStore, unreadableNativeRoute } from "./native-routes";
import { AwsPlacement } from "./placement";
import { AWS_TYPES } from "./type-tokens";

/** The region of an availability zone name (`eu-west-3a` -> `eu-west-3`). */
export function regionOfZoneName(zone: string): string | undefined {
  const match = /^([a-z]{2}(-[a-z]+)+-\d+)[a-z]$/.exec(zone);
  return match ? match[1] : undefined;
}

/** Routes of EFS replication (`aws.efs.ReplicationConfiguration`). */
export class EfsReplicationRoutes {
  constructor(
    private readonly index: StackIndex,
    private readonly placement: AwsPlacement,
  ) {}

  routes(): ProtectionRoute[] {
    return this.index.ofTypes([AWS_TYPES.efsReplication]).map((replication) => this.route(replication));
  }

  private fileSystem(from: PlannedResource, property: string, id: Fact<string>): PlannedResource | undefined {
    const deps = this.index.dependenciesOf(from, property).filter((r) => r.type === AWS_TYPES.efsFileSystem);
    if (deps.length === 1) return deps[0];
    if (id.state !== "known") return undefined;
    const byId = this.index.ofTypes([AWS_TYPES.efsFileSystem]).filter((fs) => {
      const own = readString(fs.props, ["id"]);
      return own.state === "known" && own.value === id.value;
    });
    return byId.length === 1 ? byId[0] : undefined;
  }

  private route(replication: PlannedResource): ProtectionRoute {
    const own = this.placement.placement(replication);
    const sourceId = readString(replication.props, ["sourceFileSystemId"]);
    const sourceFs = this.fileSystem(replication, "sourceFileSystemId", sourceId);
    const sourcePlacement: Placement = sourceFs
      ? this.placement.placement(sourceFs)
      : { ...own, zone: unknownZone("the source file system is not declared in this stack") };
    const primary: ProtectedResource = {
      label: sourceFs ? describeResource(sourceFs) : sourceId.state === "known" ? `file system ${sourceId.value}` : "the source file system",
      urn: sourceFs?.urn,
      placement: sourcePlacement,
    };
    const destination = readRaw(replication.props, ["destination"]);
    if (destination.state === "known" && !isJsonObject(destination.value)) {
      return unreadableNativeRoute({
        urn: replication.urn,
        label: `EFS replication "${replication.name}" of ${primary.label}`,
        subject: "",
        primaries: [primary],
        reason: "its destination has an unexpected shape (expected an object)",
      });
    }
    const destinationFs = this.fileSystem(replication, "destination", readString(replication.props, ["destination", "fileSystemId"]));
    const zoneName = readString(replication.props, ["destination", "availabilityZoneName"]);
    const regionInput = readString(replication.props, ["destination", "region"]);
    let region: Fact<string>;
    let zone: ZoneFact;
    let via: string;
    if (destinationFs) {
      const at = this.placement.placement(destinationFs);
      region = regionInput.state === "known" ? known(regionInput.value, "destination.region") : at.region;
      zone = at.zone;
      via = `destination.fileSystemId refers to ${describeResource(destinationFs)}`;
    } else {
      const sourceRegion = sourcePlacement.region;
      const fromZone = zoneName.state === "known" ? regionOfZoneName(zoneName.value) : undefined;
      region =
        regionInput.state === "known"
          ? known(regionInput.value, "destination.region")
          : regionInput.state === "unknown" || destination.state === "unknown"
            ? { state: "unknown", basis: "destination.region is unknown during preview" }
            : fromZone
              ? known(fromZone, "region of destination.availabilityZoneName")
              : sourceRegion.state === "known"
                ? known(sourceRegion.value, "destination.region not set: EFS creates the replica in the source's region")
                : sourceRegion;
      zone =
        zoneName.state === "known"
          ? { state: "single-zone", zone: known(zoneName.value, "destination.availabilityZoneName"), basis: "EFS One Zone replica" }
          : zoneName.state === "unknown" || destination.state === "unknown"
            ? { state: "single-zone", zone: { state: "unknown", basis: "destination.availabilityZoneName is unknown during preview" }, basis: "EFS One Zone replica" }
            : multiZone("EFS Regional replica (no destination.availabilityZoneName)");
      via = "destination.region / destination.availabilityZoneName";
    }
    const store: BackupStore = {
      key: destinationFs?.urn ?? `efs-replica:${replication.urn}`,
      kind: "replica",
      label: destinationFs ? `replica ${describeResource(destinationFs)}` : `the replica file system of "${replication.name}"`,
      urn: destinationFs?.urn,
      placement: { region, account: destinationFs ? this.placement.account(destinationFs) : own.account, zone },
      airGapped: known(false, "EFS file systems are administrable by their account"),
      immutability: { state: "not-applicable", basis: "EFS offers no lock; back the file system up with AWS Backup into a locked vault" },
      resolvedVia: via,
      encryptionKey: destinationFs
        ? encryptionKeyOf(this.index, destinationFs, this.placement)
        : nestedKey(this.index, this.placement, replication, "destination", readRaw(replication.props, ["destination", "kmsKeyId"]), ["destination", "kmsKeyId"], { region, account: own.account, zone }, serviceDefaultKey("destination.kmsKeyId not set: the replica uses the AWS managed key aws/elasticfilesystem of its region")),
    };
    return nativeRoute({
      urn: replication.urn,
      label: `EFS replication "${replication.name}" of ${primary.label}`,
      subject: "",
      primaries: [primary],
      source: primaryStore(primary, sourceFs?.urn ?? `efs-source:${replication.urn}`),
      readings: [[{ label: "replica", store, retentionDays: { state: "absent", basis: "a live replica" } }]],
    });
  }
}
