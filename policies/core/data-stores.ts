import { Fact } from "./facts";
import { AccountFact, Placement } from "./protection-model";

/**
 * The key that encrypts some data. `customer-key`: a KMS key the program names (an ARN, key id or
 * alias; `keyUrn` when it is a key declared in the stack). `service-default`: a key AWS manages or owns
 * (the service's AWS managed key of the resource's account, SSE-S3, an AWS owned key). `inherited`: a
 * copy that keeps the key of its source (e.g. a snapshot copy without kmsKeyId). `unknown`: cannot be
 * told during preview.
 */
export type KeyFact =
  | {
      readonly state: "customer-key";
      /** The key as written (ARN, id, alias), or a description when only its resource is known. */
      readonly key: string;
      /** The in-stack key resource the value was computed from (a multi-Region replica key is a key of its own). */
      readonly keyUrn?: string;
      /**
       * The multi-Region key family the key belongs to, when known: the primary key's URN when it is in the
       * stack, else `mrk:<key id>`. Related keys share key material but each has its own key policy,
       * key state and deletion schedule.
       */
      readonly family?: string;
      /** The key id or alias as written (`1234abcd-...`, `mrk-...`, `alias/backup`), when the value is literal. */
      readonly ref?: string;
      /** The key's region (KMS keys are regional). */
      readonly region: Fact<string>;
      /** The account that owns the key: from its ARN, its resource's provider, or the resource that uses it. */
      readonly account: AccountFact;
      /** True when the key is or may be a multi-Region key, whose replicas in other regions share its key material. */
      readonly multiRegion: boolean;
      readonly basis: string;
    }
  | {
      readonly state: "service-default";
      readonly basis: string;
      /** True for S3 data encrypted with SSE-KMS under the AWS managed key aws/s3 (not SSE-S3). */
      readonly sseKms?: boolean;
    }
  | { readonly state: "inherited"; readonly basis: string }
  | { readonly state: "unencrypted"; readonly basis: string }
  | {
      readonly state: "unknown";
      readonly basis: string;
      /** True when the key is unknown but the data is surely encrypted with SSE-KMS (S3 `sseAlgorithm` aws:kms). */
      readonly sseKms?: boolean;
    };

/** A backup or copy mechanism that takes a data store's data into a backup route. */
export interface StoreBackup {
  /** For messages, e.g. `AWS Backup selection "db-selection"`. */
  readonly label: string;
  readonly kind: "aws-backup" | "native-copy";
  /** `yes`: proven to cover the store; `unknown`: may cover it (a value unknown during preview). */
  readonly state: "yes" | "unknown";
  /** Why it covers the store, or why that cannot be told. */
  readonly why: string;
  /** The resources whose routes make the backups (backup plans, replication configurations, ...). */
  readonly routeUrns: readonly string[];
  /**
   * Whether what it keeps outlives the store's deletion (AWS Backup recovery points, a snapshot copy do;
   * RDS replicated automated backups do not): the basis says why, for messages. Absent: not known to.
   */
  readonly outlivesStore?: Fact<boolean>;
}

/** A service's own automatic backups of a store (RDS automated backups, DynamoDB PITR, FSx automatic backups). */
export interface ServiceBackup {
  /** For messages, e.g. `automated backups`. */
  readonly label: string;
  /** The setting that sets the retention, e.g. `backupRetentionPeriod`. */
  readonly setting: string;
  /** Days the backups are kept; known(0) means the backups are off. */
  readonly retentionDays: Fact<number>;
  /** How to turn them on or keep them longer, for messages: e.g. `set backupRetentionPeriod (at most 35 days)`. */
  readonly remedy: string;
}

/** A setting that destroys backups when the store is deleted (e.g. RDS `deleteAutomatedBackups`). */
export interface DestructiveSetting {
  readonly setting: string;
  /** `known(true)`: the setting is on and destroys backups. */
  readonly enabled: Fact<boolean>;
  /** What happens, for messages: e.g. `deletes the instance's automated backups together with it`. */
  readonly effect: string;
  /** How to fix it. */
  readonly remedy: string;
  /** What is lost even when another copy outlives the store, for messages: e.g. `its point-in-time history (restores to any second of the last days)`. */
  readonly lost: string;
  /**
   * A last copy another setting of the store keeps although this one is on (RDS `deleteAutomatedBackups`:
   * the final snapshot `skipFinalSnapshot: false` takes); `known(true)`'s basis names it. Absent: none.
   */
  readonly finalCopy?: Fact<boolean>;
}

/**
 * A resource whose data must survive a disaster (database, file system, volume, bucket): the candidates
 * of the governance policies, which pick the protected ones by type and tags (see `store-scope.ts`).
 * A model may work its facts out on first read, as getters (the AWS model does: stacks hold tens of
 * thousands of buckets, and rules judge few of them in depth), so a spread copy of a store loses them.
 */
export interface DataStore {
  readonly urn: string;
  /** For messages, e.g. `Instance "orders-db"`. */
  readonly label: string;
  /** The provider's type token (what `resourceTypes` config matches). */
  readonly type: string;
  /** The AWS Backup resource type (`RDS`, `Aurora`, `DynamoDB`, `EFS`, `EBS`, `FSx`, `S3`): what restore tests select. */
  readonly backupResourceType: string;
  readonly placement: Placement;
  /** Tags; `undefined` when unknown during preview. */
  readonly tags: Readonly<Record<string, string>> | undefined;
  /**
   * The backup mechanisms that cover it. A model may compute this on first read (the AWS model does): a
   * selection whose `resources` are unknown until apply may back up every store of its region and account,
   * so reading every store's backups costs stores × selections. Rules read it only for the stores they judge
   * (in scope, or whose key can matter), after the cheaper tests.
   */
  readonly backups: readonly StoreBackup[];
  /** Native copies that copy only part of its data (e.g. a filtered replication rule): not backups of it, named in messages. */
  readonly partialCopies?: readonly string[];
  /** Set when further backups may exist that the analysis cannot see (e.g. only this resource is analysed). */
  readonly backupsUndecided?: string;
  /** The service's own automatic backups; these stay in the store's region and account. */
  readonly serviceBackups: readonly ServiceBackup[];
  readonly destructiveSettings: readonly DestructiveSetting[];
  /** Deletion protection; absent when the service offers none. */
  readonly deletionProtection?: { readonly setting: string; readonly enabled: Fact<boolean> };
  readonly encryptionKey: KeyFact;
}
