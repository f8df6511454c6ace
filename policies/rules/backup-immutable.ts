import { Fact } from "../core/facts";
import { BackupStore, ImmutabilityControl, ProtectionRoute, RouteView } from "../core/protection-model";
import { CommonRuleConfig, FindingReport, defineRule } from "../core/rule";
import { Issue, reportAcrossViews, reportUnreadableRoute, storeUrn } from "./route-verdicts";

const ID = "backup-immutable";
const LOCK_HOWTO =
  "Add an aws.backup.VaultLockConfiguration with changeableForDays set (compliance mode) and minRetentionDays/maxRetentionDays that admit the plan's retention, or use a logically air-gapped vault.";

/** Config of backup-immutable. */
export interface ImmutableConfig extends CommonRuleConfig {
  /** The smallest acceptable `minRetentionDays` of a lock. */
  readonly minRetentionDays: number;
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
  const what = `${role} of ${route.label} into ${store.label}`;
  const undecided = (why: string): Issue => ({
    urn: route.urn,
    outcome: "unresolved",
    code: "unresolved-retention",
    subject,
    message: `cannot check that the lock of ${store.label} admits the ${what}: ${why}.`,
  });
  const refused = (why: string): Issue => ({
    urn: route.urn,
    outcome: "violation",
    code: "retention-not-admitted",
    subject,
    message:
      `the ${what} keeps recovery points for ${describeDays(retention)}, ${why}: AWS Backup fails such backup and copy jobs, so no immutable recovery point is made. ` +
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

function storeIssues(route: ProtectionRoute, store: BackupStore, role: string, retention: Fact<number>): Issue[] {
  const lock = store.immutability;
  switch (lock.state) {
    case "compliance-lock":
    case "immutable-by-design":
      return admissionIssues(route, store, role, retention, lock.minRetentionDays, lock.maxRetentionDays);
    case "governance-lock":
      return []; // reported on the lock itself, once, by the control check
    case "none":
      return [
        {
          urn: storeUrn(store, route),
          outcome: "violation",
          code: "not-locked",
          subject: store.key,
          message:
            `${store.label} holds recovery points of ${route.label} but is not immutable: ${lock.basis}. ` +
            `Anyone with the account's backup permissions, or ransomware using them, can delete or shorten the backups. ${LOCK_HOWTO}`,
        },
      ];
    default:
      return [
        {
          urn: route.urn,
          outcome: "unresolved",
          code: "unresolved-lock",
          subject: `${route.subject} → ${store.key}`,
          message: `cannot prove that ${store.label} (${role} of ${route.label}) is immutable: ${lock.basis}. ${LOCK_HOWTO}`,
        },
      ];
  }
}

function judge(route: ProtectionRoute, view: RouteView): Issue[] {
  const issues = storeIssues(route, view.source, "backups", view.sourceRetentionDays);
  for (const copy of view.copies) {
    issues.push(...storeIssues(route, copy.store, copy.label, copy.retentionDays));
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
  if (control.mode.state === "unknown") {
    out.push(at("unresolved-lock-mode", "unresolved", `cannot tell whether ${control.label} is in compliance mode: ${control.mode.basis}.`));
  } else if (control.mode.state === "known" && control.mode.value === "governance") {
    out.push(
      at(
        "governance-lock",
        "violation",
        `${control.label} is in governance mode (changeableForDays is not set): anyone allowed backup:DeleteBackupVaultLockConfiguration can remove the lock and then delete the recovery points. ` +
          "Set changeableForDays (at least 3) so the lock becomes immutable in compliance mode once that grace time has passed.",
      ),
    );
  }
  const min = control.minRetentionDays;
  if (min.state === "absent") {
    out.push(
      at(
        "no-minimum-retention",
        "violation",
        `${control.label} sets no minRetentionDays: recovery points can be deleted as soon as they are made. Set minRetentionDays to at least ${config.minRetentionDays}.`,
      ),
    );
  } else if (min.state === "unknown") {
    out.push(at("unresolved-minimum-retention", "unresolved", `cannot check the minRetentionDays of ${control.label}: ${min.basis}.`));
  } else if (min.value < config.minRetentionDays) {
    out.push(
      at(
        "minimum-retention-too-low",
        "violation",
        `${control.label} keeps recovery points at least ${min.value} days (minRetentionDays), below the required ${config.minRetentionDays}. Raise minRetentionDays to at least ${config.minRetentionDays}.`,
      ),
    );
  }
  return out;
}

/** Every store that receives backups or copies is immutable and admits the route's retention. */
export const backupImmutable = defineRule<ImmutableConfig>({
  meta: {
    id: ID,
    title: "Backups and their copies are immutable",
    description:
      "The source vault and every copy destination of every AWS Backup plan rule must be immutable: locked by an aws.backup.VaultLockConfiguration in compliance mode (changeableForDays set) whose minRetentionDays/maxRetentionDays admit the rule's retention (lifecycle.deleteAfter), or a logically air-gapped vault. Governance mode, no lock, or a lock with minRetentionDays below the configured minimum is a violation.",
    rationale:
      "Ransomware operators delete or encrypt backups before they strike. A vault that an administrator (or stolen credentials) can unlock or empty does not survive that attack.",
    severity: "critical",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9(8)", title: "System backup: protection of backup information" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(1)", title: "Backup policies and restoration" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
    ],
    remediation: [
      "Lock every vault that receives backups or copies: `new aws.backup.VaultLockConfiguration(\"lock\", { backupVaultName: vault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 })` — create it through the same provider as the vault.",
      "Keep each rule's `lifecycle.deleteAfter` (and each copy action's) between the lock's minRetentionDays and maxRetentionDays.",
      "Or copy into an `aws.backup.LogicallyAirGappedVault`, which is immutable by design.",
    ],
    appliesTo: ["aws:backup/plan:Plan", "aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "aws:backup/selection:Selection"],
    limits: [
      "A vault outside this stack cannot be shown to be locked; findings about it are unresolved (see onUnresolved).",
      "The compliance-mode grace time (changeableForDays) is not bounded from above.",
    ],
    config: {
      minRetentionDays: {
        type: "integer",
        minimum: 1,
        default: 7,
        description: "The smallest acceptable minRetentionDays of a vault lock or logically air-gapped vault.",
      },
    },
  },
  check(model, context) {
    for (const control of model.immutabilityControls) {
      for (const finding of controlFindings(control, context.config)) context.report(finding);
    }
    for (const route of model.routes) {
      if (reportUnreadableRoute(route, context, LOCK_HOWTO, false)) continue;
      reportAcrossViews(ID, route, context, (view) => judge(route, view));
    }
  },
});
