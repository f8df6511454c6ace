import { Fact } from "./facts";

/**
 * Which account a resource lives in. `principal`: not known as a number, but known to be the same
 * identity as every other resource with the same `principal` key (e.g. two providers that use the same
 * ambient credentials). `unknown`: nothing can be said.
 */
export type AccountFact =
  | { readonly state: "known"; readonly accountIds: readonly string[]; readonly basis: string }
  | { readonly state: "principal"; readonly key: string; readonly basis: string }
  | { readonly state: "unknown"; readonly basis: string };

/** Where a resource is: its account, region and (for single-zone resources) availability zone. */
export interface Placement {
  readonly region: Fact<string>;
  readonly account: AccountFact;
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

/** Renders a region fact for messages. */
export function describeRegion(region: Fact<string>): string {
  return region.state === "known" ? `${region.value} (${region.basis})` : `unknown region (${region.basis})`;
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
  | { readonly state: "governance-lock"; readonly lockUrn?: string; readonly lockLabel: string }
  /** immutable by design (AWS Backup logically air-gapped vault) */
  | {
      readonly state: "immutable-by-design";
      readonly minRetentionDays: Fact<number>;
      readonly maxRetentionDays: Fact<number>;
    }
  | { readonly state: "none"; readonly basis: string }
  | { readonly state: "unknown"; readonly basis: string };

/** A place that holds backups or copies (an AWS Backup vault, ...). */
export interface BackupStore {
  /** Unique among the stores of one analysis. */
  readonly key: string;
  /** For messages, e.g. `vault "dr-vault"`. */
  readonly label: string;
  /** The in-stack resource, when the store is declared in this deployment. */
  readonly urn?: string;
  readonly placement: Placement;
  /** Out of reach of the production account by design (a logically air-gapped vault). */
  readonly airGapped: Fact<boolean>;
  readonly immutability: Immutability;
  /** How the reference to the store was resolved (evidence for messages). */
  readonly resolvedVia: string;
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

/** A primary resource whose data a route protects. */
export interface ProtectedResource {
  readonly label: string;
  readonly urn?: string;
  readonly placement: Placement;
}

/**
 * A backup route: one way backups of primaries are made and copied (an AWS Backup plan rule, ...).
 * When the references cannot be pinned to single stores, `views` holds every consistent reading; rules
 * pass a route only when every view passes.
 */
export interface ProtectionRoute {
  /** The resource findings about the route are attributed to (e.g. the backup plan). */
  readonly urn: string;
  /** For messages, e.g. `rule "daily" of backup plan "plan"`. */
  readonly label: string;
  /** The part of the resource the route is, e.g. `rule "daily"`. */
  readonly subject: string;
  readonly primaries: readonly ProtectedResource[];
  /** Number of copies the route declares; known(0) means no copy at all. */
  readonly declaredCopies: Fact<number>;
  readonly views: readonly RouteView[];
  /** Set when no view could be built (e.g. the plan's rules are unknown in preview). */
  readonly unresolvedReason?: string;
}

/** A resource that configures immutability (e.g. a vault lock), checked on its own. */
export interface ImmutabilityControl {
  readonly urn: string;
  readonly label: string;
  /** `compliance` when it cannot be removed; `governance` when privileged users can remove it. */
  readonly mode: Fact<"compliance" | "governance">;
  readonly minRetentionDays: Fact<number>;
  readonly maxRetentionDays: Fact<number>;
}

/** The cloud-neutral view the rules read. */
export interface ProtectionModel {
  readonly routes: readonly ProtectionRoute[];
  readonly immutabilityControls: readonly ImmutabilityControl[];
  /** Things the model builder could not interpret (malformed shapes); reported, never ignored. */
  readonly problems: readonly ModelProblem[];
}

/** An input the model could not interpret. */
export interface ModelProblem {
  readonly urn: string;
  readonly message: string;
}
