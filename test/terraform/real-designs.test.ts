// Real AWS backup designs from public Terraform, rewritten in our own words as the plans `terraform show -json`
// would print for them (format 1.2, AWS provider v6; no terraform binary here), judged as a user runs the tool.
// Each test asserts the exact (level, outcome, policy, resource) findings and at least one whole message.
//
// Designs (repository, path):
//  - lgallard-cross-region: lgallard/terraform-aws-backup examples/cross_region_backup/main.tf (commit 8ad5202),
//    the module's main.tf / selection.tf / iam.tf: a vault in us-west-2 created through an aliased provider, the
//    module's vault, plan (rules as `dynamic` blocks) and selection (wildcard ARNs and tags) in us-east-1.
//  - provider-docs-s3-replication: hashicorp/terraform-provider-aws
//    website/docs/r/s3_bucket_replication_configuration.html.markdown, "Using replication configuration": a source
//    bucket in eu-central-1 replicating the prefix "foo" to a versioned bucket in eu-west-1, same credentials.
//  - provider-docs-s3-replication-to-backup-account: the same example built as a backup, as the page's arguments
//    allow: the whole bucket (empty filter), a tagged (backup-guard:protected) source, the replica bucket created
//    through a provider assuming a role in a backup account (destination.account, access_control_translation owner
//    "Destination"), with Object Lock and a COMPLIANCE default retention of 30 days.
//  - provider-docs-rds-backup-replication: hashicorp/terraform-provider-aws
//    website/docs/r/db_instance_automated_backups_replication.html.markdown, "Example including a RDS DB instance".
//  - opg-lpa-aurora-cross-account: ministryofjustice/opg-lpa terraform/environment/modules/rds_cross_region_backup
//    (backup_plan_new.tf, backup_vaults_new.tf, backup_account.tf): daily and monthly rules, each with a written
//    copy_action to a vault in eu-west-2 and a `dynamic "copy_action"` (cross_account_backup_enabled) to a vault
//    of a backup account, locked with changeable_for_days only, whose access policy only allows copies in.
import * as fs from "fs";
import * as path from "path";
import { stackFromDocument } from "../../cli/input-document";
import { JsonObject } from "../../policies/core/json";
import { StackEvaluation, evaluateStack } from "../../policies/evaluate-stack";

const FIXTURES = path.join(__dirname, "..", "fixtures", "terraform", "real");
const TODAY = "2026-12-03";

function readPlan(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.plan.json`), "utf8"));
}

function evaluate(name: string, plan: unknown = readPlan(name)): StackEvaluation {
  return evaluateStack(stackFromDocument(plan).stack, {}, { today: TODAY });
}

function findings(evaluation: StackEvaluation): string[] {
  return evaluation.findings.map((f) => `${f.level} ${f.outcome} ${f.policy} ${f.resource}`);
}

function message(evaluation: StackEvaluation, policy: string, resource: string, subject?: string): string | undefined {
  return evaluation.findings.find((f) => f.policy === policy && f.resource === resource && (subject === undefined || f.subject === subject))?.message;
}

describe("lgallard/terraform-aws-backup cross_region_backup: a copy to another region set in the module's dynamic rule blocks", () => {
  // An SRE reading the configuration sees the copy go to us-west-2, in the same account, to an unlocked vault with no
  // access policy. The plan cannot show it: Terraform leaves `dynamic` blocks out of the configuration, and the vault's
  // ARN is unknown until apply, so every fact about the copy is unresolved (failing closed); what the plan does show,
  // the unlocked source vault, is a violation.
  const evaluation = evaluate("lgallard-cross-region");

  it("blocks it: the copy is undecided, the source vault is not locked", () => {
    expect(findings(evaluation)).toEqual([
      "mandatory unresolved backup-cross-region-copy module.cross_region_backup.aws_backup_plan.ab_plan[0]",
      "mandatory unresolved backup-deletion-protection module.cross_region_backup.aws_backup_plan.ab_plan[0]",
      "mandatory unresolved backup-immutable module.cross_region_backup.aws_backup_plan.ab_plan[0]",
      "advisory unresolved backup-key-separation module.cross_region_backup.aws_backup_plan.ab_plan[0]",
      "mandatory unresolved backup-offline-copy module.cross_region_backup.aws_backup_plan.ab_plan[0]",
      "mandatory violation backup-immutable module.cross_region_backup.aws_backup_vault.ab_vault[0]",
    ]);
  });

  it("says why the source vault is not immutable, in Terraform's words", () => {
    expect(message(evaluation, "backup-immutable", "module.cross_region_backup.aws_backup_vault.ab_vault[0]")).toBe(
      'Vault "module.cross_region_backup.aws_backup_vault.ab_vault[0]" is not immutable, yet it holds recovery points of rule "cross-region-daily-backup". In full: rule "cross-region-daily-backup" of backup plan "module.cross_region_backup.aws_backup_plan.ab_plan[0]". Not locked: no aws_backup_vault_lock_configuration in this stack locks vault "module.cross_region_backup.aws_backup_vault.ab_vault[0]". Anyone with the account\'s backup permissions, or ransomware using them, can delete or shorten the backups. Add an aws_backup_vault_lock_configuration with changeableForDays set (compliance mode) and minRetentionDays/maxRetentionDays that admit the plan\'s retention, or use a logically air-gapped vault.',
    );
  });
});

describe("the same lgallard design with the copy's destination ARN known at plan (written from known parts)", () => {
  // What the README advises for dynamic blocks: the ARN names the in-stack vault in us-west-2, so the copy leaves the
  // region, and that vault is judged: neither locked nor protected by an access policy. Its account (from the ARN)
  // against the source vault's ambient credentials stays undecided.
  it("finds the copy vault and judges it", () => {
    const plan = readPlan("lgallard-cross-region") as { resource_changes: Array<{ type: string; change: { after: JsonObject; after_unknown: JsonObject } }> };
    const change = plan.resource_changes.find((c) => c.type === "aws_backup_plan")?.change;
    if (!change) throw new Error("no backup plan in the fixture");
    const copy = (change.after["rule"] as JsonObject[])[0]["copy_action"] as JsonObject[];
    copy[0]["destination_vault_arn"] = "arn:aws:backup:us-west-2:111111111111:backup-vault:cross-region-backup-vault-secondary";
    delete ((change.after_unknown["rule"] as JsonObject[])[0]["copy_action"] as JsonObject[])[0]["destination_vault_arn"];
    expect(findings(evaluate("lgallard-cross-region", plan))).toEqual([
      "mandatory violation backup-deletion-protection aws_backup_vault.secondary_vault",
      "mandatory violation backup-immutable aws_backup_vault.secondary_vault",
      "mandatory unresolved backup-offline-copy module.cross_region_backup.aws_backup_plan.ab_plan[0]",
      "mandatory violation backup-immutable module.cross_region_backup.aws_backup_vault.ab_vault[0]",
    ]);
  });
});

describe("the AWS provider's S3 replication example: a cross-region replica in the same account, without Object Lock", () => {
  // Cross-region: yes (eu-central-1 → eu-west-1). Offline: no (one set of credentials). Immutable: no Object Lock on the
  // replica. The source bucket is not tagged backup-guard:protected, so coverage does not judge it.
  const evaluation = evaluate("provider-docs-s3-replication");

  it("blocks the replica's lack of Object Lock and of another account, not its region", () => {
    expect(findings(evaluation)).toEqual([
      "mandatory violation backup-immutable aws_s3_bucket.destination",
      "mandatory violation backup-offline-copy aws_s3_bucket_replication_configuration.replication",
    ]);
  });

  it("says that every copy is in the deploying account", () => {
    expect(message(evaluation, "backup-offline-copy", "aws_s3_bucket_replication_configuration.replication")).toBe(
      'replication rule "foobar" has no offline copy: all in the deploying account. Route: replication rule "foobar" of replication configuration "aws_s3_bucket_replication_configuration.replication" of bucket "aws_s3_bucket.source". Copies: replica → bucket "aws_s3_bucket.destination" in the deploying account (provider aws with ambient credentials, no assumeRoles or allowedAccountIds), the same credentials as source bucket "aws_s3_bucket.source". Whoever holds the production credentials (or ransomware running with them) can delete every copy. Copy at least once into a separate backup account: S3 replication with destination.account (and accessControlTranslation.owner "Destination") into a bucket of that account, or a snapshot copy owned by that account (created through a provider that assumes a role there, or by a DLM event-based policy of that account that copies the snapshots shared with it: a share alone leaves them owned by this account); or back the data up with AWS Backup into a logically air-gapped vault.',
    );
  });
});

describe("the AWS provider's S3 replication example built as a backup: another region and account, a COMPLIANCE lock", () => {
  it("passes it: every policy is met", () => {
    expect(findings(evaluate("provider-docs-s3-replication-to-backup-account"))).toEqual([]);
  });

  it("blocks the same design whose replica lock is in governance mode", () => {
    const plan = readPlan("provider-docs-s3-replication-to-backup-account") as { resource_changes: Array<{ address: string; change: { after: { rule: Array<{ default_retention: Array<{ mode: string }> }> } } }> };
    const lock = plan.resource_changes.find((c) => c.address === "aws_s3_bucket_object_lock_configuration.destination");
    if (!lock) throw new Error("no lock configuration in the fixture");
    lock.change.after.rule[0].default_retention[0].mode = "GOVERNANCE";
    expect(findings(evaluate("provider-docs-s3-replication-to-backup-account", plan))).toEqual([
      "mandatory violation backup-immutable aws_s3_bucket_object_lock_configuration.destination",
    ]);
  });
});

describe("the AWS provider's RDS automated-backup replication example", () => {
  // The replication to us-west-2 covers the instance and leaves its region, but stays in the account and keeps 7 days
  // (the resource's default); the instance has no deletion protection, skips its final snapshot and (the provider's
  // default) deletes its automated backups with it, and the replicated backups do not count as a copy that outlives it.
  const evaluation = evaluate("provider-docs-rds-backup-replication");

  it("blocks the instance's destructive settings and the replication's account and retention", () => {
    expect(findings(evaluation)).toEqual([
      "mandatory violation backup-deletion-protection aws_db_instance.default",
      "mandatory violation backup-retention-minimum aws_db_instance.default",
      "mandatory violation backup-retention-minimum aws_db_instance.default",
      "mandatory violation backup-offline-copy aws_db_instance_automated_backups_replication.default",
      "mandatory violation backup-retention-minimum aws_db_instance_automated_backups_replication.default",
    ]);
  });

  it("names Terraform's destroy command in the deletion-protection finding", () => {
    expect(message(evaluation, "backup-deletion-protection", "aws_db_instance.default")).toBe(
      'Instance "aws_db_instance.default" has no deletion protection. It is a protected data store (resourceTypes), and deletionProtection not set (the provider\'s default is false). One delete call, from a mistaken `terraform destroy` or replacement or from an attacker using the production credentials, removes the data at once. Set deletionProtection: true, so that deletion protection has to be turned off, visibly, before the store can be deleted.',
    );
  });
  it("names the replication by its kind in the retention finding's first sentence, its long addresses after it", () => {
    const finding = evaluation.findings.find((f) => f.code === "short-copy-retention");
    expect(finding?.message).toBe(
      'this automated-backup replication keeps its copies only 7 days, below the required 30 days. Route: automated-backup replication "aws_db_instance_automated_backups_replication.default" of Instance "aws_db_instance.default". Copies: replicated automated backups → automated-backup replica "aws_db_instance_automated_backups_replication.default" (retentionPeriod). Damage noticed later than that (data deleted or corrupted by mistake, by a bad release, or by ransomware that waited) can no longer be restored from them. Keep them at least 30 days: the retainRule of a DLM cross-region copy rule (interval and intervalUnit), the retentionPeriod of an RDS automated-backup replication (at most 35 days).',
    );
  });
});

describe("ministryofjustice/opg-lpa Aurora backups: a written copy action next to a dynamic one into a backup account", () => {
  // Each rule plans two copy actions; the configuration shows the written one (to the eu-west-2 vault) and not the
  // dynamic one (to the backup account's vault), and both ARNs are unknown until apply. Which planned copy is which
  // cannot be told (copy_action is a set), so neither destination is known: the copies are undecided, not "both in
  // the eu-west-2 vault of the production account" (which blocked the cross-account copy as missing and hid the
  // backup account's vault from deletion protection). The unlocked source vault and the lock without
  // min_retention_days are proven.
  const evaluation = evaluate("opg-lpa-aurora-cross-account");

  it("leaves both copies of each rule undecided and blocks what the plan proves", () => {
    expect(findings(evaluation)).toEqual([
      "mandatory unresolved backup-cross-region-copy module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-cross-region-copy module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-deletion-protection module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-deletion-protection module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-immutable module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-immutable module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-immutable module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-immutable module.aurora_backup.aws_backup_plan.new",
      "advisory unresolved backup-key-separation module.aurora_backup.aws_backup_plan.new",
      "advisory unresolved backup-key-separation module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-offline-copy module.aurora_backup.aws_backup_plan.new",
      "mandatory unresolved backup-offline-copy module.aurora_backup.aws_backup_plan.new",
      "mandatory violation backup-immutable module.aurora_backup.aws_backup_vault.main",
      "mandatory violation backup-immutable module.aurora_backup.aws_backup_vault_lock_configuration.backup_account",
    ]);
  });

  it("does not claim that every copy of the daily rule stays in the production account", () => {
    expect(message(evaluation, "backup-offline-copy", "module.aurora_backup.aws_backup_plan.new", 'rule "DailyBackups"')).toBe(
      'cannot prove that rule "DailyBackups" of backup plan "module.aurora_backup.aws_backup_plan.new" has an offline copy. Undecided: copy action 1 → the vault at rules[0].copyActions[0].destinationVaultArn: an unknown account (rules[0].copyActions[0].destinationVaultArn is unknown during preview and is not computed from any vault in this stack) vs source vault "module.aurora_backup.aws_backup_vault.main" in account 111111111111 (provider aws assumeRoles[0].roleArn); copy action 2 → the vault at rules[0].copyActions[1].destinationVaultArn: an unknown account (rules[0].copyActions[1].destinationVaultArn is unknown during preview and is not computed from any vault in this stack) vs source vault "module.aurora_backup.aws_backup_vault.main" in account 111111111111 (provider aws assumeRoles[0].roleArn). Make the accounts known (allowed_account_ids or assume_role in each provider block) or copy into a logically air-gapped vault. [unresolved before deployment; reported at the policy\'s enforcement level (onUnresolved: mandatory)]',
    );
  });

  it("proves the backup account's lock has no minimum retention", () => {
    expect(message(evaluation, "backup-immutable", "module.aurora_backup.aws_backup_vault_lock_configuration.backup_account")).toBe(
      'Vault lock "module.aurora_backup.aws_backup_vault_lock_configu…" sets no minRetentionDays: recovery points can be deleted as soon as they are made. In full: vault lock "module.aurora_backup.aws_backup_vault_lock_configuration.backup_account". Set minRetentionDays to at least 7.',
    );
  });
});
