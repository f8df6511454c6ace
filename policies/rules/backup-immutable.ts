import { Fact } from "../core/facts";
import { HeadlineName, capitalize, headline, named } from "../core/headline";
import { BackupStore, ImmutabilityControl, ProtectionRoute, RouteView } from "../core/protection-model";
import { CommonRuleConfig, FindingReport, RuleContext, defineRule } from "../core/rule";
import { AWS_BACKUP_ROUTE_TYPES } from "./applies-to";
import { routeHead } from "./route-names";
import { Issue, reportAcrossViews, storeUrn } from "./route-verdicts";

const ID = "backup-immutable";
const LOCK_HOWTO =
  "Add an aws.backup.VaultLockConfiguration with changeableForDays set (compliance mode) and minRetentionDays/maxRetentionDays that admit the plan's retention, or use a logically air-gapped vault.";

const NATIVE_LOCK_HOWTO =
  "Make every copy destination immutable: S3 replica buckets with Object Lock in COMPLIANCE mode and a default retention, EBS snapshot copies kept by a locked Recycle Bin rule in their region.";

/** What a vault lock in governance mode leaves open, and the fix (the default of a control's weakness). */
const VAULT_LOCK_WEAKNESS = {
  state: "is in governance mode, so it can be removed",
  detail:
    "Its changeableForDays is not set: anyone allowed backup:DeleteBackupVaultLockConfiguration can remove the lock and then delete the recovery points. " +
    "Set changeableForDays (at least 3) so the lock becomes immutable in compliance mode once that grace time has passed.",
};

/** Config of backup-immutable. */
export interface ImmutableConfig extends CommonRuleConfig {
  /** The smallest acceptable `minRetentionDays` of a lock. */
  readonly minRetentionDays: number;
}

/** A route as a name for a first sentence: its label, or the part the finding is attributed to when that is long. */
function routeName(route: ProtectionRoute): HeadlineName {
  return { text: routeHead(route), full: route.label };
}

function describeDays(fact: Fact<number>): string {
  if (fact.state === "known") return `${fact.value} days`;
  return fact.state === "absent" ? "no expiry (kept until deleted)" : "unknown during preview";
}

/** Does the store's lock admit the retention the route gives its recovery points? */
function admissionIssues(
  route: ProtectionRoute,
  store: BackupStore,
  role: string,
  retention: Fact<number>,
  minDays: Fact<number>,
  maxDays: Fact<number>,
): Issue[] {
  const subject = `${route.subject} → ${store.key}`;
  const undecided = (why: string): Issue => ({
    urn: route.urn,
    outcome: "unresolved",
    code: "unresolved-retention",
    subject,
    message:
      headline([named(store.label), routeName(route)], (s, r) => `Cannot check that the lock of ${s} admits the retention of ${r}.`) +
      ` Undecided for the ${role}: ${why}.`,
  });
  const refused = (why: string): Issue => ({
    urn: route.urn,
    outcome: "violation",
    code: "retention-not-admitted",
    subject,
    message:
      headline([named(store.label), routeName(route)], (s, r) => `The lock of ${s} refuses the retention of ${r}, so no immutable recovery point is made.`) +
      ` The ${role} ${role.endsWith("s") ? "keep" : "keeps"} recovery points for ${describeDays(retention)}, ${why}: AWS Backup fails such backup and copy jobs. ` +
      "Set the rule's lifecycle.deleteAfter (or the copy action's) between the lock's minRetentionDays and maxRetentionDays.",
  });
  if (retention.state === "unknown") return [undecided(`its retention is ${retention.basis}`)];
  if (retention.state === "absent") {
    if (maxDays.state === "known") return [refused(`but the lock allows at most ${maxDays.value} days (maxRetentionDays)`)];
    if (maxDays.state === "unknown") return [undecided(`the lock's maxRetentionDays is ${maxDays.basis}`)];
    return [];
  }
  const days = retention.value;
  if (minDays.state === "unknown") return [undecided(`the lock's minRetentionDays is ${minDays.basis}`)];
  if (minDays.state === "known" && days < minDays.value) {
    return [refused(`shorter than the lock's minRetentionDays ${minDays.value}`)];
  }
  if (maxDays.state === "unknown") return [undecided(`the lock's maxRetentionDays is ${maxDays.basis}`)];
  if (maxDays.state === "known" && days > maxDays.value) {
    return [refused(`longer than the lock's maxRetentionDays ${maxDays.value}`)];
  }
  return [];
}

function storeIssues(route: ProtectionRoute, store: BackupStore, role: string, retention: Fact<number>, config: ImmutableConfig): Issue[] {
  const lock = store.immutability;
  const howto = store.lockHowto ?? LOCK_HOWTO;
  switch (lock.state) {
    case "compliance-lock":
    case "immutable-by-design":
      if ((store.kind ?? "backup-vault") === "backup-vault") {
        return admissionIssues(route, store, role, retention, lock.minRetentionDays, lock.maxRetentionDays);
      }
      return lockRetentionIssues(route, store, "lockLabel" in lock ? lock.lockLabel : store.label, lock.minRetentionDays, config);
    case "governance-lock":
      if (lock.weakness === undefined) return []; // reported on the lock itself, once, by the control check
      return [
        {
          urn: lock.lockUrn ?? storeUrn(store, route),
          outcome: "violation",
          code: "governance-lock",
          subject: store.key,
          message:
            headline([named(store.label)], (s) => `${capitalize(s)} is not immutable: its lock can be removed or bypassed.`) +
            ` It receives the ${role} of ${route.label}, but ${lock.lockLabel} ${lock.weakness}`,
        },
      ];
    case "not-applicable":
      return [];
    case "none":
      return [
        {
          urn: storeUrn(store, route),
          outcome: "violation",
          code: "not-locked",
          subject: store.key,
          message:
            store.kind === "replica"
              ? headline([named(store.label)], (s) => `${/^replica /i.test(s) ? capitalize(s) : `Replica ${s}`} is not immutable: replication is not a backup.`) +
                ` It receives a replica from ${route.label}, but ${lock.basis}. ` +
                `Deletions, overwrites and encryption by an attacker using the production credentials are replicated too, or the replica is emptied directly. ${howto}`
              : headline([named(store.label), routeName(route)], (s, r) => `${capitalize(s)} is not immutable, yet it holds recovery points of ${r}.`) +
                ` Not locked: ${lock.basis}. ` +
                `Anyone with the account's backup permissions, or ransomware using them, can delete or shorten the backups. ${howto}`,
        },
      ];
    default:
      return [
        {
          urn: route.urn,
          outcome: "unresolved",
          code: "unresolved-lock",
          subject: `${route.subject} → ${store.key}`,
          message: headline([named(store.label)], (s) => `Cannot prove that ${s} is immutable.`) + ` It receives the ${role} of ${route.label}: ${lock.basis}. ${howto}`,
        },
      ];
  }
}

/** A native lock (S3 Object Lock default retention) that locks for fewer days than required. */
function lockRetentionIssues(route: ProtectionRoute, store: BackupStore, lockLabel: string, minDays: Fact<number>, config: ImmutableConfig): Issue[] {
  if (store.kind !== "replica" || minDays.state === "absent") return [];
  if (minDays.state === "unknown") {
    return [
      {
        urn: route.urn,
        outcome: "unresolved",
        code: "unresolved-retention",
        subject: `${route.subject} → ${store.key}`,
        message: headline([named(lockLabel), named(store.label)], (l, s) => `Cannot check how long ${l} locks the replicas in ${s}.`) + ` Undecided: ${minDays.basis}.`,
      },
    ];
  }
  if (minDays.value >= config.minRetentionDays) return [];
  return [
    {
      urn: storeUrn(store, route),
      outcome: "violation",
      code: "minimum-retention-too-low",
      subject: store.key,
      message:
        headline([named(lockLabel), named(store.label)], (l, s) => `${capitalize(l)} locks the replicas in ${s} for ${minDays.value} days, below the required ${config.minRetentionDays}.`) +
        ` They come from ${route.label}. Raise the default retention to at least ${config.minRetentionDays} days.`,
    },
  ];
}

function judge(route: ProtectionRoute, view: RouteView, config: ImmutableConfig): Issue[] {
  // A native copy's source is the live primary, which is not expected to be locked.
  const issues = route.kind === "native-copy" ? [] : storeIssues(route, view.source, "backups", view.sourceRetentionDays, config);
  for (const copy of view.copies) {
    issues.push(...storeIssues(route, copy.store, copy.label, copy.retentionDays, config));
  }
  return issues;
}

function controlFindings(control: ImmutabilityControl, config: ImmutableConfig): FindingReport[] {
  const out: FindingReport[] = [];
  const at = (code: string, outcome: "violation" | "unresolved", message: string): FindingReport => ({
    urn: control.urn,
    outcome,
    code,
    subject: "",
    message,
  });
  const name = named(control.label);
  if (control.mode.state === "unknown") {
    out.push(at("unresolved-lock-mode", "unresolved", headline([name], (l) => `Cannot tell whether ${l} is in compliance mode.`) + ` Undecided: ${control.mode.basis}.`));
  } else if (control.mode.state === "known" && control.mode.value === "governance") {
    const weakness = control.weakness ?? VAULT_LOCK_WEAKNESS;
    out.push(at("governance-lock", "violation", headline([name], (l) => `${capitalize(l)} ${weakness.state}.`) + ` ${weakness.detail}`));
  }
  const min = control.minRetentionDays;
  if (min === undefined) return out;
  if (min.state === "absent") {
    out.push(
      at(
        "no-minimum-retention",
        "violation",
        headline([name], (l) => `${capitalize(l)} sets no minRetentionDays: recovery points can be deleted as soon as they are made.`) +
          ` Set minRetentionDays to at least ${config.minRetentionDays}.`,
      ),
    );
  } else if (min.state === "unknown") {
    out.push(at("unresolved-minimum-retention", "unresolved", headline([name], (l) => `Cannot check the minRetentionDays of ${l}.`) + ` Undecided: ${min.basis}.`));
  } else if (min.value < config.minRetentionDays) {
    out.push(
      at(
        "minimum-retention-too-low",
        "violation",
        headline([name], (l) => `${capitalize(l)} keeps recovery points at least ${min.value} days (minRetentionDays), below the required ${config.minRetentionDays}.`) +
          ` Raise minRetentionDays to at least ${config.minRetentionDays}.`,
      ),
    );
  }
  return out;
}

/** Reports a route that could not be read at all (no view), as unresolved; true when it had no view. */
function reportUnreadable(route: ProtectionRoute, context: RuleContext<ImmutableConfig>): boolean {
  if (route.views.length > 0) return false;
  const native = route.kind === "native-copy";
  context.report({
    urn: route.urn,
    outcome: "unresolved",
    code: "unreadable-route",
    subject: route.subject,
    message:
      headline([routeName(route)], (r) => `Cannot check that the ${native ? "copies" : "backups and copies"} of ${r} are immutable.`) +
      ` It cannot be read: ${route.unresolvedReason ?? "its configuration is unknown"}. ${native ? NATIVE_LOCK_HOWTO : LOCK_HOWTO}`,
  });
  return true;
}

/** Every store that receives backups or copies is immutable and admits the route's retention. */
export const backupImmutable = defineRule<ImmutableConfig>({
  meta: {
    id: ID,
    title: "Backups and their copies are immutable",
    description:
      "The source vault and every copy destination of every AWS Backup plan rule must be immutable: locked by an aws.backup.VaultLockConfiguration in compliance mode (changeableForDays set) whose minRetentionDays/maxRetentionDays admit the rule's retention (lifecycle.deleteAfter), or a logically air-gapped vault. Governance mode, no lock, or a lock with minRetentionDays below the configured minimum is a violation. Native copies are judged too, because replication is not a backup: an S3 replication destination bucket must enable Object Lock with a default retention in COMPLIANCE mode (standalone aws.s3.BucketObjectLockConfiguration(V2) or inline objectLockConfiguration) of at least minRetentionDays; EBS snapshot copies (aws.ebs.SnapshotCopy, DLM cross-region copies) must be retained by a locked Recycle Bin rule (aws.rbin.Rule with lockConfiguration) in their region; a Glacier vault lock must be completed (completeLock: true). RDS and EFS copies have no lock and are not judged here.",
    rationale:
      "Ransomware operators delete or encrypt backups before they strike. A vault that an administrator (or stolen credentials) can unlock or empty does not survive that attack.",
    severity: "critical",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9", title: "System backup: protect the integrity of backup information" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(1)", title: "Backup policies and restoration" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.2", title: "Data backup processes and recovery infrastructure" },
    ],
    remediation: [
      "Lock every vault that receives backups or copies: `new aws.backup.VaultLockConfiguration(\"lock\", { backupVaultName: vault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 })` — create it through the same provider as the vault.",
      "Keep each rule's `lifecycle.deleteAfter` (and each copy action's) between the lock's minRetentionDays and maxRetentionDays.",
      "Or copy into an `aws.backup.LogicallyAirGappedVault`, which is immutable by design.",
      "For S3 replicas: create the destination bucket with `objectLockEnabled: true` and `new aws.s3.BucketObjectLockConfiguration(\"lock\", { bucket: replica.bucket, rule: { defaultRetention: { mode: \"COMPLIANCE\", days: 30 } } })`.",
      "For EBS snapshot copies: add a locked Recycle Bin rule in the copy's region: `new aws.rbin.Rule(\"keep\", { resourceType: \"EBS_SNAPSHOT\", retentionPeriod: { retentionPeriodValue: 14, retentionPeriodUnit: \"DAYS\" }, lockConfiguration: { unlockDelay: { unlockDelayValue: 7, unlockDelayUnit: \"DAYS\" } } })`.",
      "For Glacier: set `completeLock: true` on the `aws.glacier.VaultLock` once its policy is tested.",
    ],
    appliesTo: [
      ...AWS_BACKUP_ROUTE_TYPES,
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
      "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketV2:BucketV2",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
      "aws:ebs/snapshotCopy:SnapshotCopy",
      "aws:dlm/lifecyclePolicy:LifecyclePolicy",
      "aws:rbin/rule:Rule",
      "aws:glacier/vaultLock:VaultLock",
    ],
    limits: [
      "A vault outside this stack cannot be shown to be locked; findings about it are unresolved (see onUnresolved), unless the organisation declares its lock in the backup-external-vaults config.",
      "The compliance-mode grace time (changeableForDays) is not bounded from above.",
      "A replica bucket outside this stack cannot be shown to be locked (unresolved). Object Lock retention set per object by the writer is not seen; only the bucket's default retention counts.",
      "A Recycle Bin rule's tag filters are matched against the copy's own tags; tags copied from the source snapshot (copyTags) are not seen.",
    ],
    config: {
      minRetentionDays: {
        type: "integer",
        minimum: 1,
        default: 7,
        description: "The smallest acceptable minRetentionDays of a vault lock or logically air-gapped vault, and the smallest default retention (in days) of the Object Lock of an S3 replica bucket.",
      },
    },
  },
  check(model, context) {
    for (const control of model.immutabilityControls) {
      for (const finding of controlFindings(control, context.config)) context.report(finding);
    }
    for (const route of model.routes) {
      if (reportUnreadable(route, context)) continue;
      reportAcrossViews(ID, route, context, (view) => judge(route, view, context.config));
    }
  },
});
