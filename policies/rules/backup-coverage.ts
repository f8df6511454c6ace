import { DataStore, ServiceBackup } from "../core/data-stores";
import { headline, named } from "../core/headline";
import { AccountFact, describeAccount, describeRegion } from "../core/protection-model";
import { Fact } from "../core/facts";
import { CommonRuleConfig, defineRule } from "../core/rule";
import { STORE_SCOPE_PROPERTIES, StoreScopeConfig, inScope, scopeReason } from "../core/store-scope";
import { DEFAULT_PROTECTED_TYPES, DEFAULT_TAGGED_TYPES } from "../core/store-scope";

const ID = "backup-coverage";
const REMEDY =
  "Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.";

/** Config of backup-coverage. */
export interface CoverageConfig extends CommonRuleConfig, StoreScopeConfig {
  /** Count the service's own automatic backups as coverage. */
  readonly acceptServiceBackups: boolean;
}

function activeServiceBackups(store: DataStore): ServiceBackup[] {
  return store.serviceBackups.filter((b) => b.retentionDays.state === "known" && b.retentionDays.value > 0);
}

function describeServiceBackup(backup: ServiceBackup): string {
  return backup.retentionDays.state === "known" ? `${backup.label} (${backup.setting} ${backup.retentionDays.value})` : backup.label;
}

function where(store: DataStore): string {
  return `region ${describeRegion(store.placement.region)}, ${describeAccount(store.placement.account)}`;
}

/** A region in a few words, for a first sentence: `eu-west-3`, `an unknown region`. */
function regionName(region: Fact<string>): string {
  return region.state === "known" ? region.value : "an unknown region";
}

/** An account in a few words, for a first sentence: `account 111111111111`, `the deploying account`. */
function accountName(account: AccountFact): string {
  if (account.state === "known") return `account ${account.accountIds.join(" or ")}`;
  return account.state === "principal" ? "the deploying account" : "an unknown account";
}

function partialNote(store: DataStore): string {
  const partial = store.partialCopies ?? [];
  return partial.length > 0 ? ` whole (${partial.join("; ")}, so the rest of the data has no copy)` : "";
}

/** Every protected data store is backed up by AWS Backup or a native copy mechanism. */
export const backupCoverage = defineRule<CoverageConfig>({
  meta: {
    id: ID,
    title: "Every protected data store is backed up",
    description:
      "Every protected data store of the stack (by default RDS instances that are not read replicas, RDS/Aurora clusters, DynamoDB tables, EFS and FSx file systems, EBS volumes (also those an EC2 instance declares inline in rootBlockDevice and ebsBlockDevices, one store per instance, selected through the instance or by the tags every one of them carries), and S3 buckets tagged `backup-guard:protected`) must be backed up: selected by an AWS Backup selection of its own region and account (by reference or literal ARN in `resources`, `\"*\"` and ARN wildcards, `selectionTags`, narrowed by `conditions`, minus `notResources`), or copied by a native mechanism (S3 replication, RDS automated-backup replication, DLM, EFS replication, snapshot copies). A service's own automatic backups (RDS automated backups, DynamoDB point-in-time recovery, FSx automatic backups) do not count by default: they stay in the store's region and account, are often deleted with it, and no placement policy can judge them. Whole-stack analysis only: a resource seen alone cannot show that nothing else backs it up.",
    rationale:
      "A data store that no backup route covers escapes every other backup policy: no copy in another region, no lock, no offline copy. An outsourcer could not restore 200 000 lost files; the first question of any disaster recovery is whether a backup exists at all.",
    severity: "critical",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9", title: "System backup" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(1)", title: "Backup policies and procedures" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.2", title: "Recovery infrastructure and data backup" },
    ],
    remediation: [
      "Add the resource to an `aws.backup.Selection` (in the same region and account) of a backup plan whose rules copy to another region and an offline vault, e.g. `resources: [db.arn]` or `selectionTags: [{ type: \"STRINGEQUALS\", key: \"backup\", value: \"daily\" }]` with the tag on the resource.",
      "Or give it a native copy: S3 replication, `aws.rds.InstanceAutomatedBackupsReplication`, a DLM policy targeting its tags, EFS replication.",
      "For data that needs no backup, tag it with one of `excludeTags` (e.g. configure `excludeTags: [\"data-class=scratch\"]`), or exempt it with tag `backup-guard:exempt:backup-coverage` = `until=YYYY-MM-DD reason=<why>`.",
    ],
    limits: [
      "Resources outside this stack (selected by ARN from another stack) are not judged; a selection in another stack that covers a resource of this one cannot be seen, so such a resource is reported.",
      "A DLM policy covers the volumes whose tags it targets only when their tags are known during preview; a volume or instance whose tags are unknown (or any, when the policy's target tags or resource types are) may be a target, so its coverage is undecided (reported under onUnresolved).",
      "An EC2 instance's inline volumes count as backed up only when one selection or DLM policy takes all of them (a DLM VOLUME target by a tag every one carries); a root volume the program leaves to the AMI (no rootBlockDevice) is not judged, and scope (includeTags/excludeTags) reads the instance's tags.",
      "A selection whose `resources`, `selectionTags` or `conditions` are unknown during preview leaves coverage undecided (reported under onUnresolved).",
      "An S3 replication rule with a non-empty `filter` or `prefix` copies part of the bucket and does not count; one whose filter is unknown during preview leaves coverage undecided. Several filtered rules that together cover the whole bucket are not recognised. A rule that does not set `sourceSelectionCriteria.sseKmsEncryptedObjects` (status Enabled) leaves out the objects encrypted with SSE-KMS, so it does not count for a bucket whose default encryption is SSE-KMS (undecided when either is unknown; source buckets outside the stack are not judged for it).",
    ],
    appliesTo: [...DEFAULT_PROTECTED_TYPES, ...DEFAULT_TAGGED_TYPES, "aws:ec2/instance:Instance", "aws:backup/selection:Selection"],
    config: {
      ...STORE_SCOPE_PROPERTIES,
      acceptServiceBackups: {
        type: "boolean",
        default: false,
        description:
          "Also count the service's own automatic backups (RDS backupRetentionPeriod > 0, DynamoDB point-in-time recovery, FSx automatic backups, an EFS backup policy) as coverage. They stay in the store's region and account, so the placement policies cannot judge them.",
      },
    },
  },
  check(model, context) {
    const config = context.config;
    if (!model.wholeStack) return;
    const stores = model.dataStores;
    // An index loop: it visits every store of the stack, and for..of allocates an iterator result per store until optimised.
    for (let i = 0; i < stores.length; i++) {
      const store = stores[i];
      const scope = inScope(store, config);
      if (scope === "no") continue;
      if (store.backups.some((b) => b.state === "yes")) continue;
      const service = activeServiceBackups(store);
      if (config.acceptServiceBackups && service.length > 0) continue;
      const maybe = store.backups.filter((b) => b.state === "unknown");
      if (maybe.length > 0) {
        context.report({
          urn: store.urn,
          outcome: "unresolved",
          code: "coverage-undecided",
          subject: "",
          message:
            headline([named(store.label)], (s) => `Cannot tell whether ${s} is backed up.`) +
            ` It may be backed up by ${maybe.map((b) => `${b.label} (${b.why})`).join("; ")}. ${REMEDY}`,
        });
        continue;
      }
      if (config.acceptServiceBackups && store.serviceBackups.some((b) => b.retentionDays.state === "unknown")) {
        context.report({
          urn: store.urn,
          outcome: "unresolved",
          code: "coverage-undecided",
          subject: "",
          message:
            headline([named(store.label)], (s) => `Cannot tell whether ${s} is backed up.`) +
            ` The retention of its ${store.serviceBackups.filter((b) => b.retentionDays.state === "unknown").map((b) => b.label).join(", ")} is unknown during preview, and nothing else backs it up. ${REMEDY}`,
        });
        continue;
      }
      if (scope === "unknown") {
        context.report({
          urn: store.urn,
          outcome: "unresolved",
          code: "scope-undecided",
          subject: "",
          message:
            headline([named(store.label)], (s) => `Cannot tell whether ${s}, which nothing backs up, must be backed up.`) +
            ` Its tags are unknown during preview and includeTags/excludeTags decide it. ${REMEDY}`,
        });
        continue;
      }
      const serviceNote =
        service.length > 0
          ? ` Its own backups (${service.map(describeServiceBackup).join(", ")}) stay in its region and account and do not count (acceptServiceBackups is off).`
          : "";
      context.report({
        urn: store.urn,
        outcome: "violation",
        code: "not-backed-up",
        subject: "",
        message:
          headline([named(store.label)], (s) => `Nothing backs up ${s} in ${regionName(store.placement.region)}, ${accountName(store.placement.account)}.`) +
          ` It is ${scopeReason(store, config)} in ${where(store)}; no AWS Backup selection of its region and account selects it and no native copy mechanism copies it${partialNote(store)}.${serviceNote} ` +
          `If the data is deleted, encrypted or its region lost, it cannot be restored. ${REMEDY}`,
      });
    }
  },
});
