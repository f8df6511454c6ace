import { Fact } from "./facts";
import { Immutability, Placement, StoreDeclaration } from "./protection-model";

/** How a vault receives recovery points from one backup route. */
export interface VaultReceipt {
  /** The route's resource (e.g. the backup plan). */
  readonly routeUrn: string;
  /** For messages, e.g. `rule "daily" of backup plan "plan"`. */
  readonly routeLabel: string;
  /** `source`: the route makes its backups into the vault; `copy`: the route copies recovery points into it. */
  readonly role: "source" | "copy";
  /**
   * False when the vault receives them in some readings of the route only (references unknown in
   * preview that may mean other vaults), or when the route itself may not exist.
   */
  readonly certain: boolean;
}

/**
 * Whether an access policy denies deleting recovery points and changing their lifecycle.
 * `all-principals`: both are denied to every principal, unconditionally. `partial`: something is denied,
 * but not both actions, not to everyone, or not unconditionally. `none`: neither is denied (or the
 * document cannot be read as a policy). `unknown`: the document is not known during preview.
 */
export type DeletionDenial = "all-principals" | "partial" | "none" | "unknown";

/** A resource that sets a vault's access policy, and what its document denies. */
export interface VaultAccessPolicy {
  readonly urn: string;
  /** For messages, e.g. `vault policy "dr-policy"`. */
  readonly label: string;
  readonly deletionDenied: DeletionDenial;
  /** What decided it: what the document denies, what it misses, or what is unknown. */
  readonly evidence: readonly string[];
  /** How the policy was matched to the vault, e.g. `backupVaultName "dr"`. */
  readonly attachedVia: string;
}

/** A restore-testing selection of a restore-testing plan: which kind of resource it restores. */
export interface RestoreTestSelection {
  readonly urn: string;
  /** For messages, e.g. `restore testing selection "rds"`. */
  readonly label: string;
  /** `yes`: proven to belong to the plan; `unknown`: may belong to it (its plan name is unknown in preview). */
  readonly linked: "yes" | "unknown";
  readonly linkedVia: string;
  /** The AWS Backup resource type it restores (`RDS`, `Aurora`, `DynamoDB`, `EFS`, `EBS`, `FSx`, `S3`, ...). */
  readonly resourceType: Fact<string>;
}

/** A restore-testing plan and whether it picks recovery points from the vault. */
export interface RestoreTestPlan {
  readonly urn: string;
  /** For messages, e.g. `restore testing plan "weekly"`. */
  readonly label: string;
  /** `yes`/`no`: proven to (not) pick recovery points from the vault; `unknown`: cannot be told in preview. */
  readonly covers: "yes" | "no" | "unknown";
  /** Why, for messages (e.g. `includeVaults "*" in the vault's region and account`). */
  readonly coversVia: string;
  readonly selections: readonly RestoreTestSelection[];
}

/**
 * What governs a vault that holds backups: who may delete its recovery points (its access policy) and
 * the restore tests that read it. One entry per vault declared in the stack, and one per vault outside
 * the stack that a route names (by ARN or by name).
 */
export interface VaultGovernance {
  /** The key of the vault's `BackupStore` in the routes (the URN of an in-stack vault). */
  readonly key: string;
  /** The in-stack vault resource; absent for a vault declared elsewhere. */
  readonly urn?: string;
  /** For a vault outside the stack that the organisation declares in the pack's config: what it declares. */
  readonly declaration?: StoreDeclaration;
  /** For messages, e.g. `vault "dr"`. */
  readonly label: string;
  readonly placement: Placement;
  /** The routes that put recovery points into the vault. */
  readonly receipts: readonly VaultReceipt[];
  /** How the vault's recovery points are locked, when a route names the vault. */
  readonly immutability?: Immutability;
  /** The access policies in this stack that attach to the vault (AWS keeps one per vault: the last one applied). */
  readonly accessPolicies: readonly VaultAccessPolicy[];
  /** Set when an access policy whose vault is unknown during preview may attach to this vault. */
  readonly accessPolicyUndecided?: string;
  /** The restore-testing plans that may run in the vault's region, with whether they cover it (and why, for messages). */
  readonly restoreTests: readonly RestoreTestPlan[];
  /** Restore-testing plans of the stack that run in other regions (they cannot test this vault): labels. */
  readonly restoreTestsElsewhere: readonly string[];
}
