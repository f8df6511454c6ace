// The governance policies of issue 4 over the real Analyzer protocol: real @pulumi/aws programs
// (test/programs/governance-variants.ts) previewed through the pack started by run-policy-pack, as the
// Pulumi CLI does. Each variant breaks one property of a compliant design, and each test asserts every
// diagnostic of the run (phase, level, policy, resource) and whole messages.
import type { PolicyPreviewResult } from "../../harness/run-preview";
import { BACKUP_ACCOUNT, PROD_ACCOUNT } from "../programs/backup-designs";
import {
  STORE_URNS,
  VARIANT_COPY_POLICY_URN,
  VARIANT_COPY_VAULT_URN,
  VARIANT_PLAN_URN,
  VARIANT_RDS_REPLICATION_URN,
  VARIANT_S3_REPLICATION_URN,
  VARIANT_SOURCE_VAULT_URN,
  type StoreKind,
  type VariantOptions,
  governanceVariant,
} from "../programs/governance-variants";
import { type RunOptions, summary, usePackUnderTest } from "../support/protocol-preview";

/** The date the pack's clock is fixed to (BACKUP_GUARD_TODAY). */
const TODAY = "2026-11-22";
const EU_RESIDENCY = { "backup-copy-residency": { allowedRegions: ["eu-*"], allowedAccounts: [PROD_ACCOUNT, BACKUP_ACCOUNT] } };
const ALL_STORES: readonly StoreKind[] = ["rds", "aurora", "dynamodb", "efs", "ebs", "s3"];

const DB = STORE_URNS.rds;
const TABLE = STORE_URNS.dynamodb;

/** The messages of one policy's diagnostics, in order. */
function messagesOf(result: PolicyPreviewResult, policy: string): string[] {
  return result.diagnostics.filter((d) => d.policyName === policy).map((d) => d.message);
}

/** A message without the note the pack appends to unresolved findings. */
function withoutUnresolvedNote(message: string): string {
  const at = message.indexOf(" [unresolved before deployment");
  return at < 0 ? message : message.slice(0, at);
}

const UNRESOLVED_MANDATORY = " [unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]";
const UNRESOLVED_ADVISORY = " [unresolved before deployment; reported as advisory (onUnresolved: advisory)]";
const PROD_PLACEMENT =
  "region eu-west-3 (default provider default_7_48_0, stack config aws:region), account 111111111111 (default provider default_7_48_0 allowedAccountIds)";
const COVERAGE_REMEDY =
  "Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.";

/** backup-coverage's not-backed-up message for a store of the production region and account. */
function notBackedUp(store: string, scope: string, serviceBackups?: string): string {
  const note = serviceBackups ? ` Its own backups (${serviceBackups}) stay in its region and account and do not count (acceptServiceBackups is off).` : "";
  return (
    `Nothing backs up ${store} in eu-west-3, account 111111111111. It is a protected data store (${scope}) in ${PROD_PLACEMENT}; no AWS Backup selection of its region and account selects it and no native copy mechanism copies it.${note} ` +
    `If the data is deleted, encrypted or its region lost, it cannot be restored. ${COVERAGE_REMEDY}`
  );
}
const DB_NOT_BACKED_UP = notBackedUp('Instance "orders"', "resourceTypes", "automated backups (backupRetentionPeriod 7)");
const TABLE_NOT_BACKED_UP = notBackedUp('Table "carts"', "resourceTypes", "point-in-time recovery (pointInTimeRecovery.recoveryPeriodInDays 35)");

const LATE_DAMAGE =
  "Damage noticed later than that (data deleted or corrupted by mistake, by a bad release, or by ransomware that waited) can no longer be restored from them";
const POLICY_FIX =
  'Attach an aws.backup.VaultPolicy to the vault (backupVaultName: the vault\'s name) whose policy denies both actions to every principal, without Condition: { Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }.';
/** What a compliance-mode lock (minRetentionDays 7) leaves open when the vault has no deletion-denying access policy. */
const lockGap = (lock: string): string =>
  `its compliance-mode lock (vault lock "${lock}") already stops anyone, the root user included, from deleting its recovery points before their retention ends or shortening it below the lock's minimum. ` +
  "What remains open: anyone allowed backup:UpdateRecoveryPointLifecycle in its account (an administrator, or ransomware using their credentials) can still shorten the retention of its recovery points down to the lock's minimum of 7 days (minRetentionDays), and delete them once that has passed";
const DR_LOCK_GAP = `Its${lockGap("orders-dr-lock").slice(3)}.`;
const NO_DENIAL =
  "no statement denies backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle to every principal, on every recovery point, without condition";
const RESTORE_FIX =
  'Add an aws.backup.RestoreTestingPlan in the vault\'s region and account whose recoveryPointSelection.includeVaults lists the vault\'s ARN (or "*"), and an aws.backup.RestoreTestingSelection with restoreTestingPlanName set to the plan\'s name and protectedResourceType "RDS".';
const NOBODY_WOULD_LEARN = "Nobody would learn that these backups cannot be restored until they are needed.";
const RESIDENCY =
  "Where backups are kept is a commitment to the data's owner (contracts, rules on transfers of personal data, the data locations DORA asks financial entities to record): a copy moved elsewhere breaks it without anyone noticing.";
const KEY_REMEDY =
  "Create a KMS key for the copies in the destination vault's account and region (aws.kms.Key created through that account's provider) and set it as the destination vault's kmsKeyArn (encryptionKeyArn for a logically air-gapped vault); or leave it unset to use AWS Backup's AWS managed key of that account.";
const LEGACY = "Legacy orders database retired in Q1";

describe("governance policies over the Analyzer protocol: variants of a compliant multi-store design", () => {
  const packUnderTest = usePackUnderTest({ BACKUP_GUARD_TODAY: TODAY });
  const preview = (options: VariantOptions = {}, run: RunOptions = {}): Promise<PolicyPreviewResult> => packUnderTest.run(governanceVariant(options), run);

  describe("the compliant baseline", () => {
    it("raises no diagnostic with one database, in preview, in an update and with EU residency configured", async () => {
      for (const run of [{}, { preview: false }, { policyConfig: EU_RESIDENCY }, { collapseNestedUnknowns: true }] as RunOptions[]) {
        const result = await preview({}, run);
        expect(summary(result)).toEqual([]);
        expect(result.blocked).toBe(false);
      }
    });

    it("raises no diagnostic with every kind of store (RDS, Aurora, DynamoDB, EFS, EBS, tagged S3 bucket) and an untagged bucket", async () => {
      const options: VariantOptions = { stores: ALL_STORES, untaggedBucket: true };
      for (const run of [{}, { preview: false }, { policyConfig: EU_RESIDENCY }, { collapseNestedUnknowns: true }] as RunOptions[]) {
        expect(summary(await preview(options, run))).toEqual([]);
      }
    });
  });

  describe("backup-coverage through every AWS Backup selection form", () => {
    it('resources: [store.arn] for a database, an Aurora cluster, a DynamoDB table, an EFS file system and an EBS volume', async () => {
      expect(summary(await preview({ stores: ["rds", "aurora", "dynamodb", "efs", "ebs"] }))).toEqual([]);
    });

    it("a store left out of resources is reported, each kind with its own diagnostic (the EBS volume also by zone separation)", async () => {
      const result = await preview({ stores: ["rds", "aurora", "dynamodb", "efs", "ebs"], selected: ["rds"] });
      expect(summary(result)).toEqual([
        `analyzeStack mandatory backup-coverage ${TABLE}`,
        `analyzeStack mandatory backup-coverage ${STORE_URNS.ebs}`,
        `analyzeStack mandatory backup-coverage ${STORE_URNS.efs}`,
        `analyzeStack mandatory backup-coverage ${STORE_URNS.aurora}`,
        `analyzeStack mandatory backup-zone-separation ${STORE_URNS.ebs}`,
      ]);
      expect(messagesOf(result, "backup-coverage")).toEqual([
        TABLE_NOT_BACKED_UP,
        notBackedUp('Volume "reports"', "resourceTypes"),
        notBackedUp('FileSystem "uploads"', "resourceTypes"),
        notBackedUp('Cluster "ledger"', "resourceTypes", "automated backups (backupRetentionPeriod 7)"),
      ]);
    });

    it('resources: ["*"] covers every store of the plan\'s region and account', async () => {
      const options: VariantOptions = { stores: ALL_STORES, selection: { kind: "all" }, untaggedBucket: true };
      expect(summary(await preview(options))).toEqual([]);
      expect(summary(await preview(options, { collapseNestedUnknowns: true }))).toEqual([]);
    });

    it("a literal ARN covers the database once its ARN is known (an update)", async () => {
      expect(summary(await preview({ selection: { kind: "literal-arn" } }, { preview: false }))).toEqual([]);
      expect(summary(await preview({ stores: ["rds", "aurora", "dynamodb"], selection: { kind: "literal-arn" } }, { preview: false }))).toEqual([]);
    });

    it("a literal ARN covers a database created in the same preview (its ARN follows from identifier, region and account)", async () => {
      expect(summary(await preview({ selection: { kind: "literal-arn" } }))).toEqual([]);
      expect(summary(await preview({ stores: ["rds", "aurora", "dynamodb"], selection: { kind: "literal-arn" } }))).toEqual([]);
    });

    it("an ARN wildcard covers the database, in an update and in a preview (its ARN follows from its identifier)", async () => {
      const selection = { kind: "arn-wildcard", pattern: `arn:aws:rds:eu-west-3:${PROD_ACCOUNT}:db:*` } as const;
      const everything = { stores: ["rds", "dynamodb"], selection: { kind: "arn-wildcard", pattern: `arn:aws:*:eu-west-3:${PROD_ACCOUNT}:*` } } as const;
      expect(summary(await preview({ selection }, { preview: false }))).toEqual([]);
      expect(summary(await preview(everything, { preview: false }))).toEqual([]);
      expect(summary(await preview({ selection }))).toEqual([]);
      expect(summary(await preview(everything))).toEqual([]);
    });

    it("an ARN wildcard of another account leaves the database uncovered", async () => {
      for (const pattern of ["arn:aws:rds:eu-west-3:999999999999:db:*"]) {
        const result = await preview({ selection: { kind: "arn-wildcard", pattern } });
        expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${DB}`]);
      }
    });

    it("selectionTags covers the tagged stores; a tag the stores do not carry covers none", async () => {
      const stores: StoreKind[] = ["rds", "dynamodb", "efs", "ebs"];
      expect(summary(await preview({ stores, selection: { kind: "tags", key: "backup", value: "daily" } }))).toEqual([]);
      expect(summary(await preview({ stores, selection: { kind: "tags", key: "backup", value: "daily" } }, { collapseNestedUnknowns: true }))).toEqual([]);
      const miss = await preview({ stores: ["rds", "dynamodb"], selection: { kind: "tags", key: "backup", value: "weekly" } });
      expect(summary(miss)).toEqual([`analyzeStack mandatory backup-coverage ${TABLE}`, `analyzeStack mandatory backup-coverage ${DB}`]);
      expect(messagesOf(miss, "backup-coverage")).toEqual([TABLE_NOT_BACKED_UP, DB_NOT_BACKED_UP]);
    });

    it("conditions narrow resources: [\"*\"] with stringEquals, stringLikes, stringNotEquals and stringNotLikes", async () => {
      const stores: StoreKind[] = ["rds", "dynamodb"];
      const tag = "aws:ResourceTag/backup";
      const covering = [{ stringEquals: [{ key: tag, value: "daily" }] }, { stringLikes: [{ key: tag, value: "dai*" }] }, { stringNotEquals: [{ key: tag, value: "never" }] }];
      for (const conditions of covering) {
        expect(summary(await preview({ stores, selection: { kind: "conditions", conditions } }))).toEqual([]);
      }
      const excluding = [{ stringEquals: [{ key: tag, value: "weekly" }] }, { stringNotLikes: [{ key: tag, value: "dai*" }] }];
      for (const conditions of excluding) {
        const result = await preview({ stores, selection: { kind: "conditions", conditions } });
        expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${TABLE}`, `analyzeStack mandatory backup-coverage ${DB}`]);
        expect(messagesOf(result, "backup-coverage")).toEqual([TABLE_NOT_BACKED_UP, DB_NOT_BACKED_UP]);
      }
    });

    it('notResources takes the database out of resources: ["*"]; the table stays covered', async () => {
      const result = await preview({ stores: ["rds", "dynamodb"], selection: { kind: "not-resources", excluded: ["rds"] } });
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${DB}`]);
      expect(result.blocked).toBe(true);
      expect(messagesOf(result, "backup-coverage")).toEqual([DB_NOT_BACKED_UP]);
      const table = await preview({ stores: ["rds", "dynamodb"], selection: { kind: "not-resources", excluded: ["dynamodb"] } });
      expect(summary(table)).toEqual([`analyzeStack mandatory backup-coverage ${TABLE}`]);
      expect(messagesOf(table, "backup-coverage")).toEqual([TABLE_NOT_BACKED_UP]);
    });

    it("notResources given as a literal ARN or an ARN wildcard takes the store out too; an entry of another service does not", async () => {
      const stores: StoreKind[] = ["rds", "dynamodb"];
      const literal = await preview({ stores, selection: { kind: "not-resources-arns", patterns: [`arn:aws:rds:eu-west-3:${PROD_ACCOUNT}:db:orders`] } });
      expect(summary(literal)).toEqual([`analyzeStack mandatory backup-coverage ${DB}`]);
      expect(messagesOf(literal, "backup-coverage")).toEqual([DB_NOT_BACKED_UP]);
      const wildcard = await preview({ stores, selection: { kind: "not-resources-arns", patterns: ["arn:aws:dynamodb:*:*:table/*"] } });
      expect(summary(wildcard)).toEqual([`analyzeStack mandatory backup-coverage ${TABLE}`]);
      expect(messagesOf(wildcard, "backup-coverage")).toEqual([TABLE_NOT_BACKED_UP]);
      expect(summary(await preview({ stores, selection: { kind: "not-resources-arns", patterns: ["arn:aws:ec2:*:*:volume/*", `arn:aws:rds:eu-west-3:${PROD_ACCOUNT}:db:legacy`] } }))).toEqual([]);
    });

    it("an S3 bucket tagged backup-guard:protected is covered by S3 replication; an untagged bucket is not judged", async () => {
      expect(summary(await preview({ stores: ["rds", "s3"], untaggedBucket: true }))).toEqual([]);
      const result = await preview({ stores: ["rds", "s3"], s3: { replicated: false }, untaggedBucket: true });
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${STORE_URNS.s3}`]);
      expect(messagesOf(result, "backup-coverage")).toEqual([notBackedUp('Bucket "exports"', "tagged backup-guard:protected")]);
    });

    it("a native RDS automated-backup replication covers the database (it stays in the production account: backup-offline-copy says so)", async () => {
      const result = await preview({ selection: { kind: "none" }, rds: { backupReplication: true } });
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${VARIANT_RDS_REPLICATION_URN}`]);
      expect(summary(await preview({ selection: { kind: "none" }, rds: { backupReplication: true } }, { policyConfig: { "backup-offline-copy": "disabled" } }))).toEqual([]);
      const uncovered = await preview({ selection: { kind: "none" } });
      expect(summary(uncovered)).toEqual([`analyzeStack mandatory backup-coverage ${DB}`]);
      expect(messagesOf(uncovered, "backup-coverage")).toEqual([DB_NOT_BACKED_UP]);
    });
  });

  describe("backup-copy-residency with allowedRegions [\"eu-*\"] and the production and backup accounts", () => {
    it("an AWS Backup copy into us-east-1", async () => {
      const result = await preview({ copy: { region: "us-east-1" } }, { policyConfig: EU_RESIDENCY });
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-copy-residency ${VARIANT_PLAN_URN}`]);
      expect(result.blocked).toBe(true);
      expect(messagesOf(result, "backup-copy-residency")).toEqual([
        `rule "daily" of backup plan "orders-plan" keeps backups in us-east-1, outside the allowed regions. Outside the allowed regions (allowedRegions: "eu-*"): copy action → vault "orders-dr" in us-east-1 (provider dr region). ${RESIDENCY} ` +
          'Create the vault through a provider for an allowed region (e.g. new aws.Provider("eu", { region: "eu-central-1" })) or set its region input, or use a literal destination ARN in an allowed region; if the region is approved, add it to allowedRegions.',
      ]);
      expect(summary(await preview({ copy: { region: "us-east-1" } }))).toEqual([]); // no-op until configured
    });

    it("an S3 replication into a bucket in us-east-1", async () => {
      const result = await preview({ stores: ["rds", "s3"], s3: { replicaRegion: "us-east-1" } }, { policyConfig: EU_RESIDENCY });
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-copy-residency ${VARIANT_S3_REPLICATION_URN}`]);
      expect(messagesOf(result, "backup-copy-residency")).toEqual([
        `replication rule "dr" of replication configuration "exports-replication" of bucket "exports" keeps copies in us-east-1, outside the allowed regions. Outside the allowed regions (allowedRegions: "eu-*"): replica → bucket "exports-replica" in us-east-1 (provider replica region). ${RESIDENCY} ` +
          "Create the destination (replica bucket, replica file system, snapshot copy) through a provider for an allowed region (e.g. new aws.Provider(\"eu\", { region: \"eu-central-1\" })) or set its region input, destination.region or the DLM rule's target to an allowed region; if the region is approved, add it to allowedRegions.",
      ]);
    });

    it("a copy into an account that is not allowed", async () => {
      const result = await preview({ copy: { account: "333333333333" } }, { policyConfig: EU_RESIDENCY });
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-copy-residency ${VARIANT_PLAN_URN}`]);
      expect(messagesOf(result, "backup-copy-residency")).toEqual([
        'rule "daily" of backup plan "orders-plan" keeps backups in account 333333333333, outside the allowed accounts. Outside the allowed accounts (allowedAccounts: "111111111111", "222222222222"): copy action → vault "orders-dr" in account 333333333333 (provider dr assumeRoles[0].roleArn). ' +
          "Whoever administers that account can read, move or delete the copies: data handed to another account or provider without consent is data out of control. " +
          "Send the copy into a vault of an allowed account: create the vault through a provider that assumes a role there (assumeRoles) or sets allowedAccountIds, or use a literal destination ARN in an allowed account; if the account is approved, add it to allowedAccounts.",
      ]);
    });

    it("S3 replication into the backup account when only the production account is allowed: seen by Analyze (destination.account) and AnalyzeStack", async () => {
      const result = await preview({ stores: ["rds", "s3"] }, { policyConfig: { "backup-copy-residency": { allowedRegions: ["eu-*"], allowedAccounts: [PROD_ACCOUNT] } } });
      expect(summary(result)).toEqual([
        `analyze mandatory backup-copy-residency ${VARIANT_S3_REPLICATION_URN}`,
        `analyzeStack mandatory backup-copy-residency ${VARIANT_PLAN_URN}`,
        `analyzeStack mandatory backup-copy-residency ${VARIANT_S3_REPLICATION_URN}`,
      ]);
    });

    describe("a copy vault whose region is another resource's output (unknown in preview)", () => {
      const unknownRegion = { copy: { regionFromOutput: true } } as const;
      const residency =
        'cannot prove that rule "daily" of backup plan "orders-plan" keeps backups in the allowed regions. Undecided for the allowed regions (allowedRegions: "eu-*"): copy action → vault "orders-dr" in unknown region (region input of orders-dr is unknown during preview); rules[0].copyActions[0].destinationVaultArn is unknown during preview and resolved through propertyDependencies.rules to this vault. Give the vault a provider with an explicit region, or use a literal destination ARN.';
      const restore =
        'Cannot tell whether restores of the RDS backups in vault "orders-dr" are tested. They are backups of Instance "orders", from rule "daily" of backup plan "orders-plan": restore testing selection "restore-rds-dr" of restore testing plan "restore-tests-dr" may test them (whether the plan covers the vault: includeVaults "*", but the region is not known (unknown region (region input of orders-dr is unknown during preview))). ' +
        RESTORE_FIX;

      it("is unresolved and mandatory by default (cross-region and restore testing cannot tell either)", async () => {
        const result = await preview(unknownRegion, { policyConfig: EU_RESIDENCY });
        expect(summary(result)).toEqual([
          `analyzeStack mandatory backup-copy-residency ${VARIANT_PLAN_URN}`,
          `analyzeStack mandatory backup-cross-region-copy ${VARIANT_PLAN_URN}`,
          `analyzeStack advisory backup-restore-testing ${VARIANT_COPY_VAULT_URN}`,
        ]);
        expect(messagesOf(result, "backup-copy-residency")).toEqual([`${residency}${UNRESOLVED_MANDATORY}`]);
        expect(messagesOf(result, "backup-restore-testing").map(withoutUnresolvedNote)).toEqual([restore]);
      });

      it("is advisory with onUnresolved advisory (the other policies keep their levels)", async () => {
        const policyConfig = { "backup-copy-residency": { ...EU_RESIDENCY["backup-copy-residency"], onUnresolved: "advisory" } };
        const result = await preview(unknownRegion, { policyConfig });
        expect(summary(result)).toEqual([
          `analyzeStack advisory backup-copy-residency ${VARIANT_PLAN_URN}`,
          `analyzeStack mandatory backup-cross-region-copy ${VARIANT_PLAN_URN}`,
          `analyzeStack advisory backup-restore-testing ${VARIANT_COPY_VAULT_URN}`,
        ]);
        expect(messagesOf(result, "backup-copy-residency")).toEqual([`${residency}${UNRESOLVED_ADVISORY}`]);
      });

      it("gives no residency diagnostic when residency is not configured", async () => {
        expect(summary(await preview(unknownRegion))).toEqual([
          `analyzeStack mandatory backup-cross-region-copy ${VARIANT_PLAN_URN}`,
          `analyzeStack advisory backup-restore-testing ${VARIANT_COPY_VAULT_URN}`,
        ]);
      });
    });
  });

  describe("backup-retention-minimum", () => {
    const copyRemedy = (days: number) =>
      `Set lifecycle.deleteAfter (the copy action's, or the rule's for a logically air-gapped target) to at least ${days} days, or leave it unset to keep the copies until they are deleted.`;
    const ruleRemedy = (days: number) => `Set the rule's lifecycle.deleteAfter to at least ${days} days, or leave it unset to keep its recovery points until they are deleted.`;

    it("copies kept 3 days: from Analyze and AnalyzeStack (below the copy vault lock's minimum too: backup-immutable)", async () => {
      const result = await preview({ copy: { deleteAfter: 3 } });
      expect(summary(result)).toEqual([
        `analyze mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`,
        `analyzeStack mandatory backup-immutable ${VARIANT_PLAN_URN}`,
        `analyzeStack mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`,
      ]);
      expect(messagesOf(result, "backup-retention-minimum")).toEqual([
        `rule "daily" of backup plan "orders-plan" keeps its copies only 3 days, below the required 30 days. Copies: copy action → the vault at rules[0].copyActions[0].destinationVaultArn (lifecycle.deleteAfter). ${LATE_DAMAGE}. ${copyRemedy(30)}`,
        // The same finding from AnalyzeStack keeps the text Analyze gave it (one text per finding).
        `rule "daily" of backup plan "orders-plan" keeps its copies only 3 days, below the required 30 days. Copies: copy action → the vault at rules[0].copyActions[0].destinationVaultArn (lifecycle.deleteAfter). ${LATE_DAMAGE}. ${copyRemedy(30)}`,
      ]);
    });

    it("a rule lifecycle of 7 days", async () => {
      const result = await preview({ ruleDeleteAfter: 7 });
      expect(summary(result)).toEqual([`analyze mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`, `analyzeStack mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`]);
      const [fromAnalyze, fromStack] = messagesOf(result, "backup-retention-minimum");
      expect(fromStack).toBe(`rule "daily" of backup plan "orders-plan" keeps its recovery points only 7 days, below the required 30 days. Recovery points in vault "orders-vault" (lifecycle.deleteAfter). ${LATE_DAMAGE}. ${ruleRemedy(30)}`);
      // Seen alone in Analyze, the plan names its target vault without claiming it is outside the stack.
      expect(fromAnalyze).toBe(fromStack);
    });

    it("RDS backupRetentionPeriod 3", async () => {
      const result = await preview({ rds: { backupRetentionPeriod: 3 } });
      expect(summary(result)).toEqual([`analyze mandatory backup-retention-minimum ${DB}`, `analyzeStack mandatory backup-retention-minimum ${DB}`]);
      const message =
        `Instance "orders" keeps its automated backups only 3 days, below the required 7 days. Retention: backupRetentionPeriod. ${LATE_DAMAGE}. ` +
        "Raise the retention to at least 7 days: set backupRetentionPeriod (RDS keeps automated backups at most 35 days).";
      expect(messagesOf(result, "backup-retention-minimum")).toEqual([message, message]);
    });

    it("a DynamoDB table without point-in-time recovery", async () => {
      const result = await preview({ stores: ["dynamodb"], dynamodb: { pointInTimeRecovery: false } });
      expect(summary(result)).toEqual([`analyze mandatory backup-retention-minimum ${TABLE}`, `analyzeStack mandatory backup-retention-minimum ${TABLE}`]);
      const message =
        'Table "carts" has no point-in-time recovery: pointInTimeRecovery.enabled is false. Data deleted or corrupted by mistake, by a bad release or by ransomware cannot be restored to a moment of the last 7 days. ' +
        "Turn on point-in-time recovery with a retention of at least 7 days: set pointInTimeRecovery: { enabled: true } (it then keeps 35 days unless recoveryPeriodInDays says otherwise).";
      expect(messagesOf(result, "backup-retention-minimum")).toEqual([message, message]);
    });

    // The compliant design backs the database up with AWS Backup and keeps a final snapshot: neither setting
    // destroys the last copy there, so each is advisory, decided with the whole stack (issue 10 item 3).
    it("deleteAutomatedBackups: true, on a database whose final snapshot and AWS Backup recovery points outlive it (advisory)", async () => {
      const result = await preview({ rds: { deleteAutomatedBackups: true } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-retention-minimum ${DB}`]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-retention-minimum")).toEqual([
        'Instance "orders" deletes backups with it when deleted or replaced (deleteAutomatedBackups), but another copy outlives it. ' +
          "Since deleteAutomatedBackups is true, deleting or replacing the instance also deletes its automated backups at once, so its point-in-time history goes with it. " +
          "What survives: the final snapshot taken when the instance is deleted (skipFinalSnapshot is not set, and the provider's default is false), kept until someone deletes it; " +
          `the recovery points of AWS Backup selection "orders-selection", kept in their vault whatever becomes of the store (backup plan "orders-plan"). ` +
          "What is still lost: its automated backups, and with them restores to any point in time of their retention period. " +
          "Set deleteAutomatedBackups: false so that the automated backups are kept until their retention period ends.",
      ]);
    });

    it("skipFinalSnapshot: true, on a database whose AWS Backup recovery points outlive it (advisory)", async () => {
      const result = await preview({ rds: { skipFinalSnapshot: true } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-retention-minimum ${DB}`]);
      expect(result.blocked).toBe(false);
    });

    it("custom minimumDays 60 and minimumPointInTimeDays 14 fail the compliant design's 35 and 7 days", async () => {
      const result = await preview({}, { policyConfig: { "backup-retention-minimum": { minimumDays: 60, minimumPointInTimeDays: 14 } } });
      expect(summary(result)).toEqual([
        `analyze mandatory backup-retention-minimum ${DB}`,
        `analyze mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`,
        `analyze mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`,
        `analyzeStack mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`,
        `analyzeStack mandatory backup-retention-minimum ${VARIANT_PLAN_URN}`,
        `analyzeStack mandatory backup-retention-minimum ${DB}`,
      ]);
      expect(messagesOf(result, "backup-retention-minimum").slice(3)).toEqual([
        `rule "daily" of backup plan "orders-plan" keeps its recovery points only 35 days, below the required 60 days. Recovery points in vault "orders-vault" (lifecycle.deleteAfter). ${LATE_DAMAGE}. ${ruleRemedy(60)}`,
        `rule "daily" of backup plan "orders-plan" keeps its copies only 35 days, below the required 60 days. Copies: copy action → the vault at rules[0].copyActions[0].destinationVaultArn (lifecycle.deleteAfter). ${LATE_DAMAGE}. ${copyRemedy(60)}`,
        `Instance "orders" keeps its automated backups only 7 days, below the required 14 days. Retention: backupRetentionPeriod. ${LATE_DAMAGE}. Raise the retention to at least 14 days: set backupRetentionPeriod (RDS keeps automated backups at most 35 days).`,
      ]);
      expect(summary(await preview({}, { policyConfig: { "backup-retention-minimum": { minimumDays: 35, minimumPointInTimeDays: 7 } } }))).toEqual([]);
    });
  });

  describe("backup-deletion-protection", () => {
    const storeMessage = (store: string, setting: string) =>
      `${store} has no deletion protection. It is a protected data store (resourceTypes), and ${setting} not set (the provider's default is false). ` +
      "One delete call, from a mistaken `pulumi destroy` or replacement or from an attacker using the production credentials, removes the data at once. " +
      `Set ${setting}: true, so that deletion protection has to be turned off, visibly, before the store can be deleted.`;
    const policyLead =
      'Vault policy "orders-dr-policy" does not protect the recovery points in vault "orders-dr". The vault holds copies of rule "daily" of backup plan "orders-plan"; the policy (backupVaultName computed from vault "orders-dr")';

    it("a DynamoDB table without deletionProtectionEnabled: from Analyze and AnalyzeStack", async () => {
      const result = await preview({ stores: ["dynamodb"], dynamodb: { omitDeletionProtection: true } });
      expect(summary(result)).toEqual([`analyze mandatory backup-deletion-protection ${TABLE}`, `analyzeStack mandatory backup-deletion-protection ${TABLE}`]);
      const message = storeMessage('Table "carts"', "deletionProtectionEnabled");
      expect(messagesOf(result, "backup-deletion-protection")).toEqual([message, message]);
    });

    it("an Aurora cluster without deletionProtection", async () => {
      const result = await preview({ stores: ["aurora"], aurora: { omitDeletionProtection: true } });
      const cluster = STORE_URNS.aurora;
      expect(summary(result)).toEqual([`analyze mandatory backup-deletion-protection ${cluster}`, `analyzeStack mandatory backup-deletion-protection ${cluster}`]);
      const message = storeMessage('Cluster "ledger"', "deletionProtection");
      expect(messagesOf(result, "backup-deletion-protection")).toEqual([message, message]);
    });

    it("a copy vault policy whose Deny has a Condition: advisory, as the vault's compliance-mode lock stops early deletion", async () => {
      const result = await preview({ copy: { policy: "deny-with-condition" } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-deletion-protection ${VARIANT_COPY_POLICY_URN}`]);
      expect(messagesOf(result, "backup-deletion-protection")).toEqual([
        `${policyLead}: ${NO_DENIAL}; statement "DenyRecoveryPointDeletion" denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle, but it has a Condition, which exempts every principal and request that does not match it (drop the Condition; if some principal must keep the right, lock the vault in compliance mode instead, with an aws.backup.VaultLockConfiguration with changeableForDays, which binds even the root user). ${DR_LOCK_GAP} ${POLICY_FIX}`,
      ]);
    });

    it("a copy vault policy that only allows (Effect Allow of backup:CopyIntoBackupVault): advisory, as the vault's compliance-mode lock stops early deletion", async () => {
      const result = await preview({ copy: { policy: "allow-copy-into" } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-deletion-protection ${VARIANT_COPY_POLICY_URN}`]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-deletion-protection")).toEqual([`${policyLead}: ${NO_DENIAL}. ${DR_LOCK_GAP} ${POLICY_FIX}`]);
    });

    it("a policy built with pulumi.jsonStringify of vault.arn on a compliance-locked vault: advisory in preview (undecided) and once known (its Resource misses the recovery points)", async () => {
      const result = await preview({ copy: { policy: "json-stringify-arn" } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-deletion-protection ${VARIANT_COPY_POLICY_URN}`]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-deletion-protection")).toEqual([
        'Cannot check that vault policy "orders-dr-policy" protects the recovery points in vault "orders-dr". The vault holds copies of rule "daily" of backup plan "orders-plan"; the policy (backupVaultName computed from vault "orders-dr"): ' +
          "its policy document is unknown during preview (it is built from values computed during the deployment, e.g. with pulumi.jsonStringify or pulumi.interpolate of the vault's ARN). " +
          'Write the document without values computed during the deployment, with Resource: "*" instead of the vault\'s ARN (a vault access policy applies to its own vault only), so that it is known during preview: policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }] }).' +
          ` Its lock limits the risk: ${lockGap("orders-dr-lock")}.`,
      ]);
      const update = await preview({ copy: { policy: "json-stringify-arn" } }, { preview: false });
      expect(summary(update)).toEqual([`analyzeStack advisory backup-deletion-protection ${VARIANT_COPY_POLICY_URN}`]);
      expect(messagesOf(update, "backup-deletion-protection")).toEqual([
        `${policyLead}: ${NO_DENIAL}; statement "DenyRecoveryPointDeletion" denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle, but its Resource (arn:aws:backup:eu-central-1:222222222222:backup-vault:orders-dr) misses recovery points such as arn:aws:backup:eu-central-1:222222222222:recovery-point:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d (use "*": a vault access policy applies to its own vault only). ${DR_LOCK_GAP} ${POLICY_FIX}`,
      ]);
    });

    it("protectSourceVaults also requires the policy on the vault the plan backs up into (advisory: that vault is locked in compliance mode)", async () => {
      expect(summary(await preview({ sourceVaultPolicy: false }))).toEqual([]);
      const result = await preview({ sourceVaultPolicy: false }, { policyConfig: { "backup-deletion-protection": { protectSourceVaults: true } } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-deletion-protection ${VARIANT_SOURCE_VAULT_URN}`]);
      expect(messagesOf(result, "backup-deletion-protection")).toEqual([
        `Vault "orders-vault" has no access policy that denies shortening the retention of its recovery points. It holds the backups of rule "daily" of backup plan "orders-plan", and no aws.backup.VaultPolicy in this stack attaches to it; ${lockGap("orders-vault-lock")}. ${POLICY_FIX}`,
      ]);
      expect(summary(await preview({}, { policyConfig: { "backup-deletion-protection": { protectSourceVaults: true } } }))).toEqual([]);
    });
  });

  describe("backup-restore-testing (advisory)", () => {
    const receives = (vault: string) => `No restore test reads the RDS backups in vault "${vault}". It receives backups of Instance "orders" (RDS) from rule "daily" of backup plan "orders-plan", but no restore test reads them`;

    it("no restore testing plan: each vault receiving the database's backups, advisory, not blocking", async () => {
      const result = await preview({ restoreTests: "none" });
      expect(summary(result)).toEqual([
        `analyzeStack advisory backup-restore-testing ${VARIANT_COPY_VAULT_URN}`,
        `analyzeStack advisory backup-restore-testing ${VARIANT_SOURCE_VAULT_URN}`,
      ]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-restore-testing")).toEqual([
        `${receives("orders-dr")}: there is no aws.backup.RestoreTestingPlan in this stack. ${NOBODY_WOULD_LEARN} ${RESTORE_FIX}`,
        `${receives("orders-vault")}: there is no aws.backup.RestoreTestingPlan in this stack. ${NOBODY_WOULD_LEARN} ${RESTORE_FIX}`,
      ]);
    });

    it("plans whose selections test another resource type", async () => {
      const result = await preview({ restoreTests: "wrong-type" });
      expect(summary(result)).toEqual([
        `analyzeStack advisory backup-restore-testing ${VARIANT_COPY_VAULT_URN}`,
        `analyzeStack advisory backup-restore-testing ${VARIANT_SOURCE_VAULT_URN}`,
      ]);
      expect(messagesOf(result, "backup-restore-testing")).toEqual([
        `${receives("orders-dr")}: restore testing plan "restore-tests-dr" covers it (includeVaults "*"), but its selections test EFS, not RDS; restore testing plan "restore-tests" (region eu-west-3) runs in another region and cannot test it. ${NOBODY_WOULD_LEARN} ${RESTORE_FIX}`,
        `${receives("orders-vault")}: restore testing plan "restore-tests" covers it (includeVaults "*"), but its selections test EFS, not RDS; restore testing plan "restore-tests-dr" (region eu-central-1) runs in another region and cannot test it. ${NOBODY_WOULD_LEARN} ${RESTORE_FIX}`,
      ]);
    });

    it("a plan that excludes the source vault by its literal ARN", async () => {
      const result = await preview({ restoreTests: "exclude-source-vault" });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-restore-testing ${VARIANT_SOURCE_VAULT_URN}`]);
      const arn = `arn:aws:backup:eu-west-3:${PROD_ACCOUNT}:backup-vault:orders-vault`;
      expect(messagesOf(result, "backup-restore-testing")).toEqual([
        `${receives("orders-vault")}: restore testing plan "restore-tests" does not cover it (vault "orders-vault" is excluded: excludeVaults "${arn}" matches ${arn}); restore testing plan "restore-tests-dr" (region eu-central-1) runs in another region and cannot test it. ${NOBODY_WOULD_LEARN} ${RESTORE_FIX}`,
      ]);
    });

    it("a plan that excludes the source vault by reference (vault.arn, unknown in preview): undecided, advisory", async () => {
      const result = await preview({ restoreTests: "exclude-source-vault-by-reference" });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-restore-testing ${VARIANT_SOURCE_VAULT_URN}`]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-restore-testing").map(withoutUnresolvedNote)).toEqual([
        'Cannot tell whether restores of the RDS backups in vault "orders-vault" are tested. They are backups of Instance "orders", from rule "daily" of backup plan "orders-plan": restore testing selection "restore-rds" of restore testing plan "restore-tests" may test them (whether the plan covers the vault: an entry of excludeVaults is computed from vault "orders-vault" (propertyDependencies.recoveryPointSelection)). ' +
          RESTORE_FIX,
      ]);
    });

    it("an unresolved finding of an advisory policy says it is reported at the policy's level, and is advisory", async () => {
      const result = await preview({ restoreTests: "exclude-source-vault-by-reference" });
      const diagnostics = result.diagnostics.filter((d) => d.policyName === "backup-restore-testing");
      expect(diagnostics.map((d) => [d.enforcementLevel, d.message.endsWith(UNRESOLVED_MANDATORY)])).toEqual([["advisory", true]]);
    });
  });

  describe("backup-key-separation (advisory)", () => {
    const lead = 'rule "daily" of backup plan "orders-plan" encrypts its copies with a key shared with production. Shared: copy action → vault "orders-dr" is encrypted with';
    const tail = "Whoever can disable, delete or re-policy that key from production (or ransomware using those permissions) makes the copies unreadable together with the primary data.";
    const dbKey = 'the same key as the one that encrypts Instance "orders" (kmsKeyId of Instance "orders" is unknown during preview, computed from KMS Key "orders-key")';

    it("a copy vault encrypted with the database's aws.kms.Key", async () => {
      const result = await preview({ copy: { key: "database-key" } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-key-separation ${VARIANT_PLAN_URN}`]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-key-separation")).toEqual([
        `${lead} KMS Key "orders-key" (kmsKeyArn of Vault "orders-dr" is unknown during preview, computed from KMS Key "orders-key"), ${dbKey}. ${tail} ${KEY_REMEDY}`,
      ]);
    });

    // A replica key is a key of its own (own key policy and deletion schedule): what matters is the account
    // that owns it, here the production account, while the copies are in the backup account (issue 10 item 5).
    it("a copy vault in the backup account encrypted with a multi-Region replica of the database's key, which the production account owns", async () => {
      const result = await preview({ copy: { key: "database-key-replica" } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-key-separation ${VARIANT_PLAN_URN}`]);
      expect(messagesOf(result, "backup-key-separation")).toEqual([
        'rule "daily" of backup plan "orders-plan" encrypts copies in another account with a production key. ' +
          `Keys: copy action → vault "orders-dr" in account ${BACKUP_ACCOUNT} (provider dr assumeRoles[0].roleArn) is encrypted with KMS ReplicaKey "orders-key-replica" (a multi-Region replica of KMS Key "orders-key") ` +
          `(a multi-Region relative of the key of Instance "orders"), owned by account ${PROD_ACCOUNT} (provider dr-region allowedAccountIds), the account of vault "orders-vault". ` +
          "The production account's administrators (or ransomware using their credentials) can disable the key, schedule its deletion or change its key policy, and the copies become unreadable although they are kept in another account. " +
          KEY_REMEDY,
      ]);
    });
  });

  describe("exemptions over the protocol", () => {
    it("an expired config entry: the finding keeps its mandatory level and says why; backup-exemptions reports the entry", async () => {
      const policyConfig = {
        "backup-exemptions": { exemptions: [{ resources: ["orders"], policies: ["backup-coverage"], reason: LEGACY, until: "2026-10-31", by: "cto@example.com" }] },
      };
      const result = await preview({ selection: { kind: "none" } }, { policyConfig });
      expect(summary(result)).toEqual(["analyzeStack advisory backup-exemptions (stack)", `analyzeStack mandatory backup-coverage ${DB}`]);
      expect(result.blocked).toBe(true);
      expect(messagesOf(result, "backup-exemptions")).toEqual([
        'Entry #1 of the backup-exemptions config exempts nothing: it expired on 2026-10-31. The entry (resources "orders"; policies backup-coverage) expired on 2026-10-31 (today is 2026-11-22), so the findings it names keep their level. Remove the entry, or renew it with a later until date if the exemption is still justified (re-approve it).',
      ]);
      expect(messagesOf(result, "backup-coverage")).toEqual([
        `${DB_NOT_BACKED_UP} [exemption refused, so the finding keeps its level: entry #1 of the backup-exemptions config expired on 2026-10-31 (today is 2026-11-22)]`,
      ]);
    });

    it('an entry with policies ["*"] exempts every finding of the resource, in Analyze and AnalyzeStack, and unblocks', async () => {
      const options: VariantOptions = { stores: ["dynamodb"], selection: { kind: "none" }, dynamodb: { omitDeletionProtection: true, pointInTimeRecovery: false } };
      const unexempted = await preview(options);
      expect(summary(unexempted)).toEqual([
        `analyze mandatory backup-deletion-protection ${TABLE}`,
        `analyze mandatory backup-retention-minimum ${TABLE}`,
        `analyzeStack mandatory backup-coverage ${TABLE}`,
        `analyzeStack mandatory backup-deletion-protection ${TABLE}`,
        `analyzeStack mandatory backup-retention-minimum ${TABLE}`,
      ]);
      const policyConfig = {
        "backup-exemptions": { exemptions: [{ resources: ["carts"], policies: ["*"], reason: "Carts are rebuilt from the order log", until: "2027-01-31", by: "cto@example.com" }] },
      };
      const result = await preview(options, { policyConfig });
      expect(summary(result)).toEqual([
        `analyze advisory backup-deletion-protection ${TABLE}`,
        `analyze advisory backup-retention-minimum ${TABLE}`,
        `analyzeStack advisory backup-coverage ${TABLE}`,
        `analyzeStack advisory backup-deletion-protection ${TABLE}`,
        `analyzeStack advisory backup-retention-minimum ${TABLE}`,
      ]);
      expect(result.blocked).toBe(false);
      const note = (policy: string) =>
        ` [exempt: "carts" is exempted from ${policy} until 2027-01-31 by entry #1 of the backup-exemptions config (approved by cto@example.com), reason: Carts are rebuilt from the order log; reported as advisory until then]`;
      expect(messagesOf(result, "backup-coverage")).toEqual([notBackedUp('Table "carts"', "resourceTypes") + note("backup-coverage")]);
      result.diagnostics.forEach((d, i) => expect(d.message).toBe(`${unexempted.diagnostics[i].message}${note(d.policyName)}`));
    });

    it("a tag exemption on the copy vault exempts its missing deletion-denying policy", async () => {
      const tag = "until=2027-01-31 reason=Backup account policies are managed by the central team ticket SEC-42 by=security@example.com";
      const result = await preview({ copy: { policy: "none", tags: { "backup-guard:exempt:backup-deletion-protection": tag } } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-deletion-protection ${VARIANT_COPY_VAULT_URN}`]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-deletion-protection")).toEqual([
        `Vault "orders-dr" has no access policy that denies shortening the retention of its recovery points. It holds copies of rule "daily" of backup plan "orders-plan", and no aws.backup.VaultPolicy in this stack attaches to it; ${lockGap("orders-dr-lock")}. ` +
          `${POLICY_FIX} [exempt: "orders-dr" is exempted from backup-deletion-protection until 2027-01-31 by tag backup-guard:exempt:backup-deletion-protection of "orders-dr" (approved by security@example.com), reason: Backup account policies are managed by the central team ticket SEC-42; reported as advisory until then]`,
      ]);
      // The vault is locked in compliance mode: without the tag the finding is advisory too (an advisory outcome), unexempted.
      const withoutTag = await preview({ copy: { policy: "none" } });
      expect(summary(withoutTag)).toEqual([`analyzeStack advisory backup-deletion-protection ${VARIANT_COPY_VAULT_URN}`]);
      expect(messagesOf(withoutTag, "backup-deletion-protection")[0]).not.toMatch(/\[exempt/);
    });

    it("an exemption running longer than maxDays is refused, by config entry and by tag", async () => {
      const tooLong = "runs until 2027-06-30, more than 30 days from today (2026-11-22; maxDays of backup-exemptions): the latest expiry allowed is 2026-12-22";
      const entry = { resources: ["orders"], policies: ["backup-coverage"], reason: LEGACY, until: "2027-06-30" };
      const result = await preview({ selection: { kind: "none" } }, { policyConfig: { "backup-exemptions": { maxDays: 30, exemptions: [entry] } } });
      expect(summary(result)).toEqual(["analyzeStack advisory backup-exemptions (stack)", `analyzeStack mandatory backup-coverage ${DB}`]);
      expect(result.blocked).toBe(true);
      expect(messagesOf(result, "backup-exemptions")).toEqual([
        `Entry #1 of the backup-exemptions config exempts nothing: it runs more than 30 days. The entry (resources "orders"; policies backup-coverage) ${tooLong}, so the findings it names keep their level. Set until at most 30 days ahead and renew the exemption when it expires, or raise maxDays.`,
      ]);
      expect(messagesOf(result, "backup-coverage")).toEqual([`${DB_NOT_BACKED_UP} [exemption refused, so the finding keeps its level: entry #1 of the backup-exemptions config ${tooLong}]`]);

      const byTag = await preview(
        { selection: { kind: "none" }, storeTags: { rds: { "backup-guard:exempt:backup-coverage": `until=2027-06-30 reason=${LEGACY}` } } },
        { policyConfig: { "backup-exemptions": { maxDays: 30 } } },
      );
      expect(summary(byTag)).toEqual([`analyzeStack mandatory backup-coverage ${DB}`]);
      expect(messagesOf(byTag, "backup-coverage")).toEqual([
        `${DB_NOT_BACKED_UP} [exemption refused, so the finding keeps its level: tag backup-guard:exempt:backup-coverage of "orders" ${tooLong}]`,
      ]);
    });

    it("a granted exemption (config entry matching the URN by glob) makes result.blocked false", async () => {
      const entry = { resources: ["urn:pulumi:dev::backup-guard-test::aws:rds/instance:Instance::*"], policies: ["backup-coverage"], reason: LEGACY, until: "2026-12-31" };
      const blocked = await preview({ selection: { kind: "none" } });
      expect(blocked.blocked).toBe(true);
      const result = await preview({ selection: { kind: "none" } }, { policyConfig: { "backup-exemptions": { exemptions: [entry] } } });
      expect(summary(result)).toEqual([`analyzeStack advisory backup-coverage ${DB}`]);
      expect(result.blocked).toBe(false);
      expect(messagesOf(result, "backup-coverage")).toEqual([
        `${DB_NOT_BACKED_UP} [exempt: "orders" is exempted from backup-coverage until 2026-12-31 by entry #1 of the backup-exemptions config, reason: ${LEGACY}; reported as advisory until then]`,
      ]);
    });
  });
});
