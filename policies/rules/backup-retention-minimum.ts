import { DataStore, DestructiveSetting, ServiceBackup } from "../core/data-stores";
import { Fact } from "../core/facts";
import { CopyEdge, ProtectionRoute, RouteView } from "../core/protection-model";
import { CommonRuleConfig, FindingReport, RuleContext, defineRule } from "../core/rule";
import { DEFAULT_PROTECTED_TYPES, DEFAULT_TAGGED_TYPES, STORE_SCOPE_PROPERTIES, StoreScopeConfig, inScope, scopeReason } from "../core/store-scope";
import { routeHeadSentence } from "./route-names";
import { Issue, reportAcrossViews, reportUnreadableRoute, storeUrn } from "./route-verdicts";

const ID = "backup-retention-minimum";
const LATE_DAMAGE = "Damage noticed later than that (data deleted or corrupted by mistake, by a bad release, or by ransomware that waited) can no longer be restored from them.";

/** Config of backup-retention-minimum. */
export interface RetentionMinimumConfig extends CommonRuleConfig, StoreScopeConfig {
  /** Days every AWS Backup recovery point and every copy must be kept. */
  readonly minimumDays: number;
  /** Days the data stores' own point-in-time and automatic backups must reach back. */
  readonly minimumPointInTimeDays: number;
  /** Flag settings that delete a protected store's backups together with it. */
  readonly flagDestructiveSettings: boolean;
}

function days(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return `${rounded} ${rounded === 1 ? "day" : "days"}`;
}

/** How to lengthen the retention of a route's own backups (`source`) or of its copies. */
function routeRemedy(route: ProtectionRoute, role: "source" | "copy", minimum: number): string {
  const least = days(minimum);
  if (route.advice) return `Keep them at least ${least}: ${route.advice.retention}`;
  if (route.kind === "native-copy") {
    return role === "source"
      ? `Keep them at least ${least}: set the schedule's retainRule (interval and intervalUnit, or a count of snapshots that spans as many days).`
      : `Keep them at least ${least}: the retainRule of a DLM cross-region copy rule (interval and intervalUnit), the retentionPeriod of an RDS automated-backup replication (at most 35 days).`;
  }
  return role === "source"
    ? `Set the rule's lifecycle.deleteAfter to at least ${least}, or leave it unset to keep its recovery points until they are deleted.`
    : `Set lifecycle.deleteAfter (the copy action's, or the rule's for a logically air-gapped target) to at least ${least}, or leave it unset to keep the copies until they are deleted.`;
}

/**
 * Judges one retention against the minimum: `what` names the backups in the first sentence ("its copies"),
 * `where` says which ones they are ("copy action → vault "dr""). Absent = kept until deleted (passes);
 * unknown = unresolved.
 */
function retentionIssue(
  route: ProtectionRoute,
  role: "source" | "copy",
  retention: Fact<number>,
  minimum: number,
  subject: string,
  what: string,
  where: string,
): Issue | undefined {
  const code = role === "source" ? "short-backup-retention" : "short-copy-retention";
  if (retention.state === "absent") return undefined;
  if (retention.state === "unknown") {
    return {
      urn: route.urn,
      outcome: "unresolved",
      code,
      subject,
      message: `${routeHeadSentence(route, (name) => `cannot check how long ${name} keeps ${what}.`)} ${where} (${retention.basis}). ${routeRemedy(route, role, minimum)}`,
    };
  }
  if (retention.value >= minimum) return undefined;
  return {
    urn: route.urn,
    outcome: "violation",
    code,
    subject,
    message:
      `${routeHeadSentence(route, (name) => `${name} keeps ${what} only ${days(retention.value)}, below the required ${days(minimum)}.`)} ${where} (${retention.basis}). ${LATE_DAMAGE} ` +
      routeRemedy(route, role, minimum),
  };
}

/** An S3 replica's Object Lock default retention: how long the replicas are guaranteed to survive. */
function replicaLockIssue(route: ProtectionRoute, copy: CopyEdge, minimum: number): Issue | undefined {
  const store = copy.store;
  const lock = store.immutability;
  if (store.kind === "replica" && lock.state === "unknown") {
    // A replica bucket whose lock cannot be read (or that cannot be identified) may be locked too briefly.
    return {
      urn: storeUrn(store, route),
      outcome: "unresolved",
      code: "short-replica-lock",
      subject: "Object Lock",
      message: `cannot check how long the replicas in ${store.label} are locked. They come from ${route.label}, and ${lock.basis}. Give the replica bucket a COMPLIANCE-mode Object Lock whose default retention is known during preview and at least ${days(minimum)}.`,
    };
  }
  if (store.kind !== "replica" || lock.state !== "compliance-lock") return undefined; // no lock: backup-immutable's business
  const floor = lock.minRetentionDays;
  const howto = route.advice
    ? `Keep the replicas locked at least ${days(minimum)}: ${route.advice.retention}`
    : `Raise the default retention of ${lock.lockLabel} (rule.defaultRetention.days or years, mode COMPLIANCE) to at least ${days(minimum)}.`;
  if (floor.state === "absent") return undefined;
  if (floor.state === "unknown") {
    return {
      urn: storeUrn(store, route),
      outcome: "unresolved",
      code: "short-replica-lock",
      subject: lock.lockLabel,
      message: `cannot check how long ${lock.lockLabel} keeps the replicas in ${store.label}. They come from ${route.label}, and ${floor.basis}. ${howto}`,
    };
  }
  if (floor.value >= minimum) return undefined;
  return {
    urn: storeUrn(store, route),
    outcome: "violation",
    code: "short-replica-lock",
    subject: lock.lockLabel,
    message:
      `${lock.lockLabel} locks the replicas in ${store.label} for only ${days(floor.value)}, below the required ${days(minimum)}. ` +
      `They come from ${route.label}, and its default retention is ${days(floor.value)}: after that, whoever holds the production credentials (or ransomware using them) can delete or overwrite them, and the replication copies the damage. ${howto}`,
  };
}

function judgeView(route: ProtectionRoute, view: RouteView, minimum: number): Issue[] {
  const issues: Array<Issue | undefined> = [];
  // A native copy's source is the primary's live data (absent), except a DLM schedule's own snapshots.
  if (route.kind !== "native-copy" || view.sourceRetentionDays.state !== "absent") {
    const native = route.kind === "native-copy";
    const what = native ? "its snapshots" : "its recovery points";
    const where = native ? capitalize(view.source.label) : `Recovery points in ${view.source.label}`;
    issues.push(retentionIssue(route, "source", view.sourceRetentionDays, minimum, route.subject, what, where));
  }
  for (const copy of view.copies) {
    const subject = route.subject === "" ? copy.label : `${route.subject} → ${copy.label}`;
    issues.push(retentionIssue(route, "copy", copy.retentionDays, minimum, subject, "its copies", `Copies: ${copy.label} → ${copy.store.label}`));
    issues.push(replicaLockIssue(route, copy, minimum));
  }
  return issues.filter((issue): issue is Issue => issue !== undefined);
}

function judgeRoutes(routes: readonly ProtectionRoute[], context: RuleContext<RetentionMinimumConfig>): void {
  const config = context.config;
  const requirement = `Backups and copies must be kept at least ${days(config.minimumDays)}; give their retention literal values so that it can be checked before the deployment runs.`;
  for (const route of routes) {
    if (reportUnreadableRoute(route, context, requirement, false)) continue;
    reportAcrossViews(ID, route, context, (view) => {
      const issues = judgeView(route, view, config.minimumDays);
      if (route.conditional === undefined) return issues;
      // A route that may not exist: what it would keep too briefly cannot be decided yet.
      return issues.map((issue) => ({ ...issue, outcome: "unresolved" as const, message: `${issue.message} (This applies only if ${route.label} is in effect: ${route.conditional}.)` }));
    });
  }
}

function serviceBackupIssue(store: DataStore, backup: ServiceBackup, minimum: number): FindingReport | undefined {
  const retention = backup.retentionDays;
  const base = { urn: store.urn, subject: backup.setting };
  const least = days(minimum);
  if (retention.state !== "known") {
    return {
      ...base,
      outcome: "unresolved",
      code: "short-point-in-time-retention",
      message: `cannot check how long ${store.label} keeps its ${backup.label}. Its retention is not known: ${retention.basis}. The retention must be at least ${least}: ${backup.remedy}.`,
    };
  }
  if (retention.value <= 0) {
    return {
      ...base,
      outcome: "violation",
      code: "no-point-in-time-backups",
      message:
        `${store.label} has no ${backup.label}: ${retention.basis}. Data deleted or corrupted by mistake, by a bad release or by ransomware cannot be restored to a moment of the last ${least}. ` +
        `Turn on ${backup.label} with a retention of at least ${least}: ${backup.remedy}.`,
    };
  }
  if (retention.value >= minimum) return undefined;
  return {
    ...base,
    outcome: "violation",
    code: "short-point-in-time-retention",
    message: `${store.label} keeps its ${backup.label} only ${days(retention.value)}, below the required ${least}. Retention: ${retention.basis}. ${LATE_DAMAGE} Raise the retention to at least ${least}: ${backup.remedy}.`,
  };
}

/** The copies of a store that outlive its deletion (`survivors`), and those that may (`undecided`), for messages. */
function survivorsOf(store: DataStore, setting: DestructiveSetting): { readonly survivors: string[]; readonly undecided: string[] } {
  const survivors: string[] = [];
  const undecided: string[] = [];
  const final = setting.finalCopy;
  if (final?.state === "known" && final.value) survivors.push(final.basis);
  else if (final?.state === "unknown") undecided.push(`a final snapshot (${final.basis})`);
  for (const backup of store.backups) {
    const outlives = backup.outlivesStore;
    if (outlives === undefined || (outlives.state === "known" && !outlives.value) || outlives.state === "absent") continue;
    if (backup.state === "yes" && outlives.state === "known") survivors.push(outlives.basis);
    else undecided.push(backup.state === "yes" ? outlives.basis : `${backup.label}, which may not cover it: ${backup.why}`);
  }
  if (store.backupsUndecided !== undefined) undecided.push(`backups the analysis cannot see yet (${store.backupsUndecided})`);
  return { survivors, undecided };
}

/**
 * A setting that deletes a store's backups with it. Mandatory (violation) when they are the last copy;
 * advisory when another copy outlives the store (AWS Backup recovery points, a snapshot copy, the final
 * snapshot), saying which and what is still lost; unresolved when that cannot be told.
 */
function destructiveIssue(store: DataStore, setting: DestructiveSetting, config: RetentionMinimumConfig): FindingReport | undefined {
  const enabled = setting.enabled;
  if (enabled.state === "absent" || (enabled.state === "known" && !enabled.value)) return undefined;
  const base = { urn: store.urn, code: "destroys-backups-on-delete", subject: setting.setting };
  const { survivors, undecided } = survivorsOf(store, setting);
  const unique = (list: readonly string[]): string => [...new Set(list)].join("; ");
  // What the setting does, as a sentence: certain when it is known, conditional when unknown in preview.
  const does =
    enabled.state === "known"
      ? `Since ${enabled.basis}, ${setting.effect}.`
      : `The setting cannot be read during preview (${enabled.basis}); if it is true, ${setting.effect}.`;
  if (survivors.length > 0) {
    return {
      ...base,
      outcome: "advisory",
      message:
        `${store.label} deletes backups with it when deleted or replaced (${setting.setting}), but another copy outlives it. ` +
        `${does} What survives: ${unique(survivors)}. What is still lost: ${setting.lost}. ${setting.remedy}`,
    };
  }
  if (enabled.state === "unknown") {
    return {
      ...base,
      outcome: "unresolved",
      message:
        `cannot tell whether ${store.label} keeps its backups when it is deleted (${setting.setting}). ${does}` +
        (undecided.length > 0 ? ` Copies that may outlive it: ${unique(undecided)}.` : "") +
        ` ${setting.remedy}`,
    };
  }
  if (undecided.length > 0) {
    return {
      ...base,
      outcome: "unresolved",
      message:
        `cannot tell whether any copy of ${store.label} outlives it, and ${setting.setting} deletes its backups with it. ` +
        `${does} Copies that may outlive it: ${unique(undecided)}. ${setting.remedy}`,
    };
  }
  return {
    ...base,
    outcome: "violation",
    message:
      `${store.label} takes its last backups with it when deleted or replaced (${setting.setting}). ` +
      `It is ${scopeReason(store, config)}. ${does} No AWS Backup recovery point, snapshot copy or other lasting copy outlives it. ${setting.remedy}`,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function judgeStores(stores: readonly DataStore[], context: RuleContext<RetentionMinimumConfig>): void {
  const config = context.config;
  // An index loop: it visits every store of the stack, and for..of allocates an iterator result per store until optimised.
  for (let i = 0; i < stores.length; i++) {
    const store = stores[i];
    const scope = inScope(store, config);
    if (scope === "no") continue;
    const issues: Array<FindingReport | undefined> = store.serviceBackups.map((backup) => serviceBackupIssue(store, backup, config.minimumPointInTimeDays));
    if (config.flagDestructiveSettings) issues.push(...store.destructiveSettings.map((setting) => destructiveIssue(store, setting, config)));
    for (const issue of issues) {
      if (!issue) continue;
      if (scope === "yes") context.report(issue);
      else {
        context.report({
          ...issue,
          outcome: "unresolved",
          message: `cannot tell whether ${store.label} must be protected: its tags are unknown during preview and includeTags/excludeTags decide it. If it must: ${issue.message}`,
        });
      }
    }
  }
}

/** Backups and copies are kept at least a minimum number of days, and protected stores do not take their backups with them. */
export const backupRetentionMinimum = defineRule<RetentionMinimumConfig>({
  meta: {
    id: ID,
    title: "Backups and copies are kept long enough",
    description:
      "Every backup and copy must be kept at least `minimumDays` (default 30): the recovery points of each AWS Backup plan rule (lifecycle.deleteAfter; continuous backups included) and of each copy action (its own lifecycle.deleteAfter) and logically air-gapped target, the snapshots of a DLM schedule (retainRule: interval, or count × the createRule interval) and of its cross-region copy rules, the backups an RDS automated-backup replication keeps in the other region (retentionPeriod, default 7), and the Object Lock default retention (COMPLIANCE mode) of S3 replica buckets. A retention that is not set keeps backups until they are deleted and passes. " +
      "The protected data stores' own point-in-time and automatic backups must reach back at least `minimumPointInTimeDays` (default 7): RDS instances and clusters (backupRetentionPeriod; omitted is 0, i.e. off, for instances and 1 for clusters), DynamoDB tables (point-in-time recovery, off unless pointInTimeRecovery.enabled, then recoveryPeriodInDays, default 35), FSx file systems (automaticBackupRetentionDays; omitted is 7 for Windows and 0, i.e. off, for ONTAP, OpenZFS and Lustre) and EFS file systems with an ENABLED backup policy (35 days). " +
      "Settings that delete a protected store's backups together with it are flagged too: RDS deleteAutomatedBackups (true unless set to false: the provider's default is true) and skipFinalSnapshot, FSx skipFinalBackup (Lustre's default is true), and deleteOnTermination of the EBS volumes an EC2 instance declares inline (rootBlockDevice, each of ebsBlockDevices; true by default), which deletes the volume with the instance. Such a setting is mandatory (a violation) when what it deletes is the store's last copy; it is advisory, naming the copy that survives and what is still lost, when another copy outlives the store's deletion: recovery points of an AWS Backup selection that covers the store (for RDS and Aurora, a plan that makes snapshots, or copies, not only continuous backups, which are the database's own automated backups), an RDS snapshot copy (a manual snapshot), EBS snapshots of a DLM policy that targets the volumes (by the instance's tags as INSTANCE or the volumes' tags as VOLUME), or, for deleteAutomatedBackups, the final snapshot skipFinalSnapshot: false takes. RDS automated-backup replication does not count (its replicated automated backups go with the instance's, or expire within their retention period), nor does a read replica. When a survivor cannot be proven (a selection whose coverage or rules are unknown in preview) the finding is unresolved; seen alone in Analyze a store proves nothing here, its other copies being judged with the whole stack. Retention values and settings unknown during preview are unresolved. Which data stores are protected is decided by resourceTypes, taggedResourceTypes, includeTags and excludeTags; backup and copy routes are judged whatever they back up.",
    rationale:
      "Damage is often found late: a corruption after a long weekend, a deletion noticed at month end, ransomware that waits weeks before it encrypts. Backups and copies that expire after a few days are gone by then, and a database deleted or replaced with its automated backups (RDS deletes them by default) takes its whole point-in-time history with it.",
    severity: "high",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9", title: "System backup" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(1)", title: "Backup policies and procedures" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.2", title: "Recovery infrastructure and data backup" },
    ],
    remediation: [
      "AWS Backup: set `lifecycle.deleteAfter` of each plan rule and of each copy action to at least `minimumDays` (or leave it unset to keep recovery points until deleted).",
      "Native copies: a DLM schedule's and cross-region copy rule's `retainRule` (e.g. `{ interval: 35, intervalUnit: \"DAYS\" }`), an `aws.rds.InstanceAutomatedBackupsReplication`'s `retentionPeriod` (at most 35), and the replica bucket's Object Lock `rule.defaultRetention` (`mode: \"COMPLIANCE\"`, `days` ≥ minimumDays).",
      "Data stores: `backupRetentionPeriod` ≥ minimumPointInTimeDays on RDS instances and clusters, `pointInTimeRecovery: { enabled: true }` on DynamoDB tables, `automaticBackupRetentionDays` on FSx file systems.",
      "Keep the backups when a store is deleted: `deleteAutomatedBackups: false` and `skipFinalSnapshot: false` (with a `finalSnapshotIdentifier`) on RDS, `skipFinalBackup: false` on FSx, `deleteOnTermination: false` on an instance's inline volumes (or snapshots of them by AWS Backup or DLM).",
    ],
    limits: [
      "An omitted RDS `deleteAutomatedBackups` counts as true: that is the provider's default, and a real preview carries it as true (the Pulumi bridge fills Terraform defaults into the checked inputs), so an omitted value cannot be told from an explicit one. Where the final snapshot (skipFinalSnapshot omitted or false) or another copy outlives the database it is advisory; set it to false, or turn flagDestructiveSettings off.",
      "A copy outside this stack (AWS Backup selections, snapshot copies or vaults of another stack) cannot show that it outlives a store: a destructive setting on a store whose only other copies are elsewhere stays mandatory (exempt it with a reason). In-stack aws.rds.Snapshot and aws.fsx.Backup resources (one-off snapshots) are not counted as surviving copies; retained automated backups (deleteAutomatedBackups: false) do not excuse skipFinalSnapshot, since they expire with their retention period.",
      "AWS Backup continuous backups (enableContinuousBackup) are judged against minimumDays like every recovery point; AWS keeps them at most 35 days, so with a minimumDays above 35 a continuous rule cannot pass (keep the long retention in a snapshot rule and exempt the continuous one).",
      "Only a COMPLIANCE-mode Object Lock default retention of an S3 replica bucket is judged; a GOVERNANCE-mode lock is reported by backup-immutable, and lifecycle expiration rules on the replica bucket are not read.",
      "A DLM schedule that keeps a count of snapshots made by a cron expression cannot be converted into days and is unresolved.",
      "RDS `backupRetentionPeriod` omitted on an instance is taken as 0 (automated backups off), as the SDK documents it.",
      "DynamoDB global table replicas (`replicas[].pointInTimeRecovery`) and RDS instances outside this stack are not judged; EFS automatic backups keep 35 days, which cannot be changed.",
      "Backup and copy routes are judged whatever data stores they back up: store scope (resourceTypes, tags) applies to the stores' own backups and settings only.",
    ],
    appliesTo: [
      ...DEFAULT_PROTECTED_TYPES,
      ...DEFAULT_TAGGED_TYPES,
      "aws:backup/plan:Plan",
      "aws:dlm/lifecyclePolicy:LifecyclePolicy",
      "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      "aws:efs/backupPolicy:BackupPolicy",
      "aws:ec2/instance:Instance",
    ],
    config: {
      minimumDays: {
        type: "integer",
        minimum: 1,
        default: 30,
        description:
          "Days every backup and copy must be kept: AWS Backup recovery points (rule lifecycle.deleteAfter) and copies (copy action lifecycle), DLM schedule and cross-region copy retain rules, RDS automated-backup replication retentionPeriod, and the Object Lock default retention of S3 replica buckets.",
      },
      minimumPointInTimeDays: {
        type: "integer",
        minimum: 1,
        default: 7,
        description:
          "Days the protected data stores' own point-in-time and automatic backups must reach back: RDS backupRetentionPeriod (at most 35), DynamoDB point-in-time recovery (recoveryPeriodInDays, at most 35), FSx automaticBackupRetentionDays (at most 90), EFS automatic backups (35).",
      },
      flagDestructiveSettings: {
        type: "boolean",
        default: true,
        description:
          "Flag settings that delete a protected store's backups when it is deleted or replaced: RDS deleteAutomatedBackups (true by default) and skipFinalSnapshot, FSx skipFinalBackup, deleteOnTermination of an EC2 instance's inline EBS volumes (true by default).",
      },
      ...STORE_SCOPE_PROPERTIES,
    },
  },
  check(model, context) {
    judgeStores(model.dataStores, context);
    judgeRoutes(model.routes, context);
  },
});
