import { Fact, absent, known, unknown } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { AccountFact, BackupStore, Placement, ProtectedResource, ProtectionRoute, multiZone, unknownZone } from "../core/protection-model";
import { readString } from "../core/raw-values";
import { readNumberSetting } from "../core/settings";
import { parseArn } from "./arn";
import { inheritedKey, keySetting, serviceDefaultKey } from "./encryption-keys";
import { describeResource, nativeRoute, primaryStore } from "./native-routes";
import { AwsPlacement } from "./placement";
import { AWS_TYPES } from "./type-tokens";

const RDS_BACKUP_HOWTO = "RDS offers no lock for these copies; also back the database up with AWS Backup into a locked vault.";

/** Where an RDS resource referred to by ARN or identifier is, with the in-stack resource when there is one. */
interface RdsSource {
  readonly placement: Placement;
  readonly resource?: PlannedResource;
  readonly label: string;
}

/** Routes of RDS native copies: automated-backup replication and (cluster) snapshot copies. */
export class RdsCopyRoutes {
  constructor(
    private readonly index: StackIndex,
    private readonly placement: AwsPlacement,
  ) {}

  routes(): ProtectionRoute[] {
    const out: ProtectionRoute[] = [];
    for (const replication of this.index.ofTypes([AWS_TYPES.rdsAutomatedBackupsReplication])) out.push(this.automatedBackups(replication));
    for (const copy of this.index.ofTypes([AWS_TYPES.rdsSnapshotCopy, AWS_TYPES.rdsClusterSnapshotCopy])) out.push(this.snapshotCopy(copy));
    return out;
  }

  /** Resolves a source named by ARN or identifier in `property` of `from`. */
  private source(from: PlannedResource, property: string, types: readonly string[], sameRegionIfIdentifier: boolean): RdsSource {
    const value = readString(from.props, [property]);
    const deps = this.index.dependenciesOf(from, property).filter((r) => types.includes(r.type));
    const byArn =
      value.state === "known"
        ? this.index.ofTypes(types).filter((r) => {
            return ["arn", "identifier", "dbSnapshotIdentifier", "dbSnapshotArn", "dbClusterSnapshotIdentifier", "dbClusterSnapshotArn"].some((key) => {
              const own = readString(r.props, [key]);
              return own.state === "known" && own.value === value.value;
            });
          })
        : [];
    const found = deps.length === 1 ? deps[0] : byArn.length === 1 ? byArn[0] : undefined;
    if (found) return { placement: this.placement.placement(found), resource: found, label: describeResource(found) };
    if (value.state === "known") {
      const arn = parseArn(value.value);
      if (arn && arn.region !== "") {
        const account: AccountFact = arn.account ? { state: "known", accountIds: [arn.account], basis: `${property} ARN` } : this.placement.account(from);
        return { placement: { region: known(arn.region, `${property} ARN ${value.value}`), account, zone: unknownZone(`${value.value} is not declared in this stack`) }, label: `"${value.value}"` };
      }
      if (sameRegionIfIdentifier) {
        // A plain identifier names a resource in the copy's own region and account.
        return { placement: { ...this.placement.placement(from), zone: unknownZone(`"${value.value}" is not declared in this stack`) }, label: `"${value.value}"` };
      }
    }
    const why = value.state === "unknown" ? `${property} is unknown during preview and not computed from a resource in this stack` : `${property} is not an ARN`;
    return {
      placement: { region: unknown(why), account: { state: "unknown", basis: why }, zone: unknownZone(why) },
      label: `the source at ${property}`,
    };
  }

  private automatedBackups(replication: PlannedResource): ProtectionRoute {
    const source = this.source(replication, "sourceDbInstanceArn", [AWS_TYPES.rdsInstance], false);
    const primary: ProtectedResource = { label: source.label, urn: source.resource?.urn, placement: source.placement };
    const destination = this.placement.placement(replication);
    const store: BackupStore = {
      key: replication.urn,
      kind: "snapshot",
      label: `automated-backup replica "${replication.name}"`,
      urn: replication.urn,
      // The replica is where the replication resource is created: its region and its provider's account.
      placement: { ...destination, zone: multiZone("RDS backups are kept across the zones of their region") },
      airGapped: known(false, "RDS automated backups are administrable by their account"),
      immutability: { state: "not-applicable", basis: RDS_BACKUP_HOWTO },
      resolvedVia: "the replication is created in its destination region (its region or provider)",
      encryptionKey: keySetting(this.index, this.placement, replication, "kmsKeyId", destination, serviceDefaultKey("kmsKeyId not set: no customer managed key (an encrypted source needs one in the destination region)")),
    };
    const retention = readNumberSetting(replication, ["retentionPeriod"]);
    return nativeRoute({
      urn: replication.urn,
      label: `automated-backup replication "${replication.name}" of ${source.label}`,
      subject: "",
      primaries: [primary],
      source: primaryStore(primary, primary.urn ?? `rds-source:${replication.urn}`),
      readings: [[{ label: "replicated automated backups", store, retentionDays: retention.state === "absent" ? known(7, "retentionPeriod default") : retention }]],
    });
  }

  private snapshotCopy(copy: PlannedResource): ProtectionRoute {
    const cluster = copy.type === AWS_TYPES.rdsClusterSnapshotCopy;
    const property = cluster ? "sourceDbClusterSnapshotIdentifier" : "sourceDbSnapshotIdentifier";
    const own = this.placement.placement(copy);
    const destinationRegion = readString(copy.props, ["destinationRegion"]);
    const snapshotTypes = cluster ? [AWS_TYPES.rdsClusterSnapshot] : [AWS_TYPES.rdsSnapshot];
    const snapshot = this.source(copy, property, snapshotTypes, true);
    // With destinationRegion the copy is made from the resource's region into destinationRegion.
    const sourcePlacement: Placement =
      destinationRegion.state === "absent" ? snapshot.placement : snapshot.resource ? snapshot.placement : { ...snapshot.placement, region: own.region };
    const copyRegion: Fact<string> =
      destinationRegion.state === "known" ? known(destinationRegion.value, "destinationRegion") : destinationRegion.state === "unknown" ? destinationRegion : own.region;
    const database = snapshot.resource ? this.databaseOf(snapshot.resource, cluster) : undefined;
    const primary: ProtectedResource = database ?? { label: snapshot.label, urn: snapshot.resource?.urn, placement: sourcePlacement };
    const store: BackupStore = {
      key: copy.urn,
      kind: "snapshot",
      label: `snapshot copy "${copy.name}"`,
      urn: copy.urn,
      placement: { region: copyRegion, account: own.account, zone: multiZone("RDS snapshots are kept across the zones of their region") },
      airGapped: known(false, "RDS snapshots are administrable by their account"),
      immutability: { state: "not-applicable", basis: RDS_BACKUP_HOWTO },
      resolvedVia: destinationRegion.state === "absent" ? "the copy is made in its own region" : "destinationRegion",
      encryptionKey: keySetting(this.index, this.placement, copy, "kmsKeyId", { ...own, region: copyRegion }, inheritedKey("kmsKeyId not set: the copy keeps the key of its source snapshot")),
    };
    return nativeRoute({
      urn: copy.urn,
      label: `${cluster ? "cluster snapshot" : "snapshot"} copy "${copy.name}" of ${snapshot.label}`,
      subject: "",
      primaries: [primary],
      source: primaryStore({ label: snapshot.label, urn: snapshot.resource?.urn, placement: sourcePlacement }, snapshot.resource?.urn ?? `rds-snapshot:${copy.urn}`),
      readings: [[{ label: "snapshot copy", store, retentionDays: absent("kept until deleted") }]],
    });
  }

  private databaseOf(snapshot: PlannedResource, cluster: boolean): ProtectedResource | undefined {
    const property = cluster ? "dbClusterIdentifier" : "dbInstanceIdentifier";
    const deps = this.index.dependenciesOf(snapshot, property).filter((r) => r.type === (cluster ? AWS_TYPES.rdsCluster : AWS_TYPES.rdsInstance));
    return deps.length === 1 ? { label: describeResource(deps[0]), urn: deps[0].urn, placement: this.placement.placement(deps[0]) } : undefined;
  }
}

/** Retention of RDS automated backups in days (`backupRetentionPeriod`, 0 = off). */
export function rdsBackupRetention(resource: PlannedResource): Fact<number> {
  const value = readNumberSetting(resource, ["backupRetentionPeriod"]);
  if (value.state !== "absent") return value;
  return resource.type !== AWS_TYPES.rdsInstance ? known(1, "backupRetentionPeriod default for clusters") : known(0, "backupRetentionPeriod default (automated backups off)");
}

