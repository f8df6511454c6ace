import { DataStore, KeyFact } from "./data-stores";
import { Fact } from "./facts";
import { SourceVocabulary } from "./source-vocabulary";
import { VaultGovernance } from "./vault-governance";

/**
 * Which account a resource lives in. `principal`: not known as a number, but known to be the same
 * identity as every other resource with the same `principal` key (e.g. two providers that use the same
 * ambient credentials). `unknown`: nothing can be said.
 */
export type AccountFact =
  | { readonly state: "known"; readonly accountIds: readonly string[]; readonly basis: string }
  | { readonly state: "principal"; readonly key: string; readonly basis: string }
  | { readonly state: "unknown"; readonly basis: string };

/**
 * Whether data lives in one availability zone. `multi-zone`: replicated across the zones of its region
 * (S3 Standard, a backup vault, a Multi-AZ file system). `single-zone`: in one zone, whose name
 * ("eu-west-3a") or id ("euw3-az1") may be unknown, e.g. when AWS chooses it.
 */
export type ZoneFact =
  | { readonly state: "multi-zone"; readonly basis: string }
  | { readonly state: "single-zone"; readonly zone: Fact<string>; readonly basis: string }
  | { readonly state: "unknown"; readonly basis: string };

/** Where a resource is: its account, region and whether it is confined to one availability zone. */
export interface Placement {
  readonly region: Fact<string>;
  readonly account: AccountFact;
  readonly zone: ZoneFact;
}

/** A zone fact for resources that are regional by design (vaults, buckets, snapshots). */
export function multiZone(basis: string): ZoneFact {
  return { state: "multi-zone", basis };
}

/** A zone fact that cannot be determined. */
export function unknownZone(basis: string): ZoneFact {
  return { state: "unknown", basis };
}

/** AZ ids ("euw3-az1") and AZ names ("eu-west-3a") name zones differently; only like can be compared. */
function isZoneId(zone: string): boolean {
  return /-az\d+$/.test(zone);
}

/** A placement of which nothing is known. */
export function unresolvedPlacement(why: string): Placement {
  return { region: { state: "unknown", basis: why }, account: { state: "unknown", basis: why }, zone: unknownZone(why) };
}

/** Compares two zones by name or id. */
export function compareZones(a: string, b: string): "same" | "different" | "undecided" {
  if (isZoneId(a) !== isZoneId(b)) return "undecided";
  return a === b ? "same" : "different";
}

/**
 * Does a copy at `copy` survive the loss of the place where `origin` is? `region`: only a copy in
 * another region does. `zone`: a copy in another region does, and so does one in the same region
 * unless both are confined to the same availability zone.
 */
export function separation(
  origin: Placement,
  copy: Placement,
  distance: "zone" | "region",
  place = "region",
): { readonly verdict: "separated" | "shared" | "undecided"; readonly why: string } {
  const a = origin.region;
  const b = copy.region;
  if (a.state === "known" && b.state === "known" && a.value !== b.value) return { verdict: "separated", why: `${place}s ${a.value} and ${b.value}` };
  if (a.state !== "known" || b.state !== "known") {
    return { verdict: "undecided", why: a.state !== "known" ? describeRegion(a, place) : describeRegion(b, place) };
  }
  if (distance === "region") return { verdict: "shared", why: `both in ${place} ${a.value}` };
  const za = origin.zone;
  const zb = copy.zone;
  // Whatever the other one is, a multi-zone place survives the loss of any single zone.
  if (za.state === "multi-zone" || zb.state === "multi-zone") {
    return { verdict: "separated", why: `in ${place} ${a.value}, ${za.state === "multi-zone" ? za.basis : zb.state === "multi-zone" ? zb.basis : ""}` };
  }
  if (za.state === "unknown" || zb.state === "unknown") return { verdict: "undecided", why: za.state === "unknown" ? za.basis : zb.basis };
  if (za.zone.state === "known" && zb.zone.state === "known") {
    const same = compareZones(za.zone.value, zb.zone.value);
    if (same === "different") return { verdict: "separated", why: `zones ${za.zone.value} and ${zb.zone.value}` };
    if (same === "same") return { verdict: "shared", why: `both in availability zone ${za.zone.value}` };
    return { verdict: "undecided", why: `zone name ${za.zone.value} and zone id ${zb.zone.value} cannot be compared` };
  }
  return { verdict: "undecided", why: za.zone.state !== "known" ? za.zone.basis : zb.zone.basis };
}

/** True when two placements may be the same place (region and account not proven different). */
export function mayShare(a: Placement, b: Placement): boolean {
  const regions = a.region.state === "known" && b.region.state === "known" && a.region.value !== b.region.value;
  return !regions && compareAccounts(a.account, b.account) !== "different";
}

/** Renders a zone fact for messages. */
export function describeZone(zone: ZoneFact): string {
  if (zone.state === "single-zone") {
    return zone.zone.state === "known" ? `availability zone ${zone.zone.value} (${zone.basis})` : `a single availability zone (${zone.basis}; ${zone.zone.basis})`;
  }
  return zone.state === "multi-zone" ? `several availability zones (${zone.basis})` : `unknown zones (${zone.basis})`;
}

/** Compares two accounts: `same`, `different`, or `undecided` when that cannot be proven. */
export function compareAccounts(a: AccountFact, b: AccountFact): "same" | "different" | "undecided" {
  if (a.state === "known" && b.state === "known") {
    if (a.accountIds.every((id) => !b.accountIds.includes(id))) return "different";
    if (a.accountIds.length === 1 && b.accountIds.length === 1) return "same";
    return "undecided";
  }
  if (a.state === "principal" && b.state === "principal" && a.key === b.key) return "same";
  return "undecided";
}

/** Renders an account for messages. */
export function describeAccount(account: AccountFact): string {
  switch (account.state) {
    case "known":
      return `account ${account.accountIds.join(" or ")} (${account.basis})`;
    case "principal":
      return `the deploying account (${account.basis})`;
    default:
      return `an unknown account (${account.basis})`;
  }
}

/** Renders a region fact for messages; `place` is what the cloud calls one failure domain ("region", "site"). */
export function describeRegion(region: Fact<string>, place = "region"): string {
  return region.state === "known" ? `${region.value} (${region.basis})` : `unknown ${place} (${region.basis})`;
}

/** How a backup store is protected against deletion or change of its backups. */
export type Immutability =
  /** a lock no one can remove or shorten once its grace time has passed (AWS Backup Vault Lock in compliance mode) */
  | {
      readonly state: "compliance-lock";
      readonly lockUrn?: string;
      readonly lockLabel: string;
      readonly minRetentionDays: Fact<number>;
      readonly maxRetentionDays: Fact<number>;
    }
  /** a lock that privileged users can remove (AWS Backup Vault Lock in governance mode) */
  | {
      readonly state: "governance-lock";
      readonly lockUrn?: string;
      readonly lockLabel: string;
      /** Why the lock is weak and how to fix it, when the lock is not also reported as a control. */
      readonly weakness?: string;
    }
  /** immutable by design (AWS Backup logically air-gapped vault) */
  | {
      readonly state: "immutable-by-design";
      readonly minRetentionDays: Fact<number>;
      readonly maxRetentionDays: Fact<number>;
    }
  | { readonly state: "none"; readonly basis: string }
  | { readonly state: "unknown"; readonly basis: string }
  /** the service offers no lock for this kind of copy (e.g. an RDS automated-backup replica) */
  | { readonly state: "not-applicable"; readonly basis: string };

/** What a store holds: recovery points, a live replica, or the primary's own data (native copies' source). */
export type StoreKind = "backup-vault" | "replica" | "snapshot" | "primary";

/** A place that holds backups or copies (an AWS Backup vault, ...). */
export interface BackupStore {
  /** Unique among the stores of one analysis. */
  readonly key: string;
  /** Absent means `backup-vault`. */
  readonly kind?: StoreKind;
  /** Set when the store keeps its data in one zone whatever its placement (e.g. S3 One Zone-IA). */
  readonly singleZoneStorage?: string;
  /** Set when whether the store keeps its data in one zone is unknown during preview. */
  readonly singleZoneStorageUnknown?: string;
  /** The resource that sets the single-zone storage (e.g. a lifecycle configuration); absent = the route. */
  readonly singleZoneStorageUrn?: string;
  /** For messages, e.g. `vault "dr-vault"`. */
  readonly label: string;
  /** How to make this kind of store immutable (defaults to the AWS Backup vault-lock advice). */
  readonly lockHowto?: string;
  /** The in-stack resource, when the store is declared in this deployment. */
  readonly urn?: string;
  readonly placement: Placement;
  /** Out of reach of the production account by design (a logically air-gapped vault). */
  readonly airGapped: Fact<boolean>;
  readonly immutability: Immutability;
  /** How the reference to the store was resolved (evidence for messages). */
  readonly resolvedVia: string;
  /** The key that encrypts what the store holds; absent when not analysed. */
  readonly encryptionKey?: KeyFact;
  /**
   * Set for a store outside the deployment that the organisation declares in the pack's config (its facts
   * come from that declaration): where it is declared, and whether its access policy denies deletion.
   */
  readonly declaration?: StoreDeclaration;
}

/** What the organisation declares about a store outside the deployment (e.g. a central backup vault). */
export interface StoreDeclaration {
  /** For messages, e.g. `entry #1 of the backup-external-vaults config`. */
  readonly basis: string;
  /** Its access policy denies deleting or shortening what it holds to every principal. */
  readonly deniesDeletion: boolean;
}

/** A copy of the backups produced by a route, into another store. */
export interface CopyEdge {
  /** For messages, e.g. `copy action 1`. */
  readonly label: string;
  readonly store: BackupStore;
  /** Retention of the copies in days; absent = kept until deleted. */
  readonly retentionDays: Fact<number>;
}

/** One consistent reading of a route: the source store and where each copy goes. */
export interface RouteView {
  readonly source: BackupStore;
  /** Retention of the backups in the source store in days; absent = kept until deleted. */
  readonly sourceRetentionDays: Fact<number>;
  readonly copies: readonly CopyEdge[];
}

/** A route that copies only part of its primaries' data (`part`), or of which that cannot be told during preview (`unknown`). */
export interface CopyScope {
  readonly state: "part" | "unknown";
  /** Why, for messages, e.g. `it replicates only the objects matching rules[0].filter.prefix "logs/"`. */
  readonly basis: string;
}

/** A primary resource whose data a route protects. */
export interface ProtectedResource {
  readonly label: string;
  readonly urn?: string;
  readonly placement: Placement;
}

/**
 * Words and remediation a cloud model supplies for its routes, so that rules hold no cloud's vocabulary.
 * A route without advice gets the rules' defaults, which speak of AWS.
 */
export interface RouteAdvice {
  /** What one failure domain is called: "region" (AWS), "site" (OVHcloud, where one site has several region codes). */
  readonly place: string;
  /** How to keep a copy in another place (backup-cross-region-copy). */
  readonly offSite: string;
  /** How to keep a copy out of a single-zone primary's zone (backup-zone-separation). */
  readonly offZone: string;
  /** How to make an undecided place of a copy decidable before the deployment runs. */
  readonly knownPlace: string;
  /** How to keep a copy out of the production account's reach (backup-offline-copy). */
  readonly offline: string;
  /** How to make undecided accounts decidable before the deployment runs. */
  readonly knownAccount: string;
  /** How to keep the route's backups and copies longer (backup-retention-minimum); follows "Keep them at least N days: ". */
  readonly retention: string;
}

/**
 * A backup route: one way backups of primaries are made and copied (an AWS Backup plan rule, ...).
 * When the references cannot be pinned to single stores, `views` holds every consistent reading; rules
 * pass a route only when every view passes.
 */
export interface ProtectionRoute {
  /** `native-copy`: the view's source is the primary itself, not a backup store (S3 replication, ...). */
  readonly kind?: "backup-plan" | "native-copy";
  /** The resource findings about the route are attributed to (e.g. the backup plan). */
  readonly urn: string;
  /** For messages, e.g. `rule "daily" of backup plan "plan"`. */
  readonly label: string;
  /** The part of the resource the route is, e.g. `rule "daily"`. */
  readonly subject: string;
  readonly primaries: readonly ProtectedResource[];
  /** Set when other resources may be primaries too (e.g. a resource whose tags are unknown in preview). */
  readonly primariesIncomplete?: string;
  /** The in-stack resources that may be primaries too, beside `primaries` (why: `primariesIncomplete`). */
  readonly possiblePrimaryUrns?: readonly string[];
  /** Set when the route may not exist at all (e.g. its status is unknown in preview): it is judged, but never vouches for its primaries. */
  readonly conditional?: string;
  /** Set when the route copies, or may copy, only part of its primaries' data (e.g. a replication filter): it is judged, but never vouches for its primaries. */
  readonly scope?: CopyScope;
  /** Number of copies the route declares; known(0) means no copy at all. */
  readonly declaredCopies: Fact<number>;
  readonly views: readonly RouteView[];
  /** Set when no view could be built (e.g. the plan's rules are unknown in preview). */
  readonly unresolvedReason?: string;
  /**
   * Set when the views differ because references unknown in preview may mean several stores: what each
   * may mean and the changes, possible in this program, that would tell them apart (for messages).
   */
  readonly disambiguation?: string;
  /** The cloud's words and remediation for this route; absent: the rules' (AWS) defaults. */
  readonly advice?: RouteAdvice;
}

/** A resource that configures immutability (e.g. a vault lock), checked on its own. */
export interface ImmutabilityControl {
  readonly urn: string;
  readonly label: string;
  /** `compliance` when it cannot be removed; `governance` when privileged users can remove it. */
  readonly mode: Fact<"compliance" | "governance">;
  /**
   * Why a non-compliance mode is weak and how to fix it (defaults to the vault-lock wording): `state` ends
   * the message's first sentence after the control's label (`is not completed, so it can be aborted`),
   * `detail` follows it.
   */
  readonly weakness?: { readonly state: string; readonly detail: string };
  /** Absent when the control has no minimum retention to check (e.g. a Glacier vault lock). */
  readonly minRetentionDays?: Fact<number>;
  readonly maxRetentionDays?: Fact<number>;
}

/** A resource confined to one availability zone, and what keeps its data outside that zone. */
export interface ZonalResource {
  readonly urn: string;
  readonly label: string;
  readonly placement: Placement;
  /** Backups and copies of the resource's data (AWS Backup selections, automatic backups, replicas). */
  readonly protections: readonly Protection[];
  /** Set when protections may exist that the analysis cannot see (e.g. a selection unknown in preview). */
  readonly incomplete?: string;
}

/** A backup or copy of a resource's data and where it is kept. */
export interface Protection {
  readonly label: string;
  readonly placement: Placement;
}

/** The cloud-neutral view the rules read. */
export interface ProtectionModel {
  readonly routes: readonly ProtectionRoute[];
  readonly immutabilityControls: readonly ImmutabilityControl[];
  /** True when the model covers the whole deployment; false for one resource seen alone (`Analyze`). */
  readonly wholeStack: boolean;
  /** Resources confined to one availability zone (only in whole-stack analyses). */
  readonly zonalResources: readonly ZonalResource[];
  /** Data stores (databases, file systems, volumes, buckets): candidates of the governance policies. */
  readonly dataStores: readonly DataStore[];
  /** The stack's backup vaults with their access policies and restore tests. */
  readonly vaults: readonly VaultGovernance[];
  /** Things the model builder could not interpret (malformed shapes); reported, never ignored. */
  readonly problems: readonly ModelProblem[];
  /** The analysed resources' tags by URN (`undefined`: unknown before the deployment), for exemption tags. */
  readonly resourceTags?: ReadonlyMap<string, Readonly<Record<string, string>> | undefined>;
  /** How the source program spells fixes and evidence (the stack's); absent: a Pulumi program. */
  readonly vocabulary?: SourceVocabulary;
}

/** An input the model could not interpret. */
export interface ModelProblem {
  readonly urn: string;
  readonly message: string;
}

/** A copy destination that cannot be identified. */
export function unresolvedStore(key: string, label: string, why: string, placement: Placement = unresolvedPlacement(why)): BackupStore {
  return {
    key,
    label,
    placement,
    airGapped: { state: "unknown", basis: why },
    immutability: { state: "unknown", basis: why },
    resolvedVia: why,
  };
}
