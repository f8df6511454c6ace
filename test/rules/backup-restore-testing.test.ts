import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedProvider, PlannedResource } from "../../policies/core/planned-stack";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { BackupDesign, BuiltDesign, backupDesign } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-restore-testing";
const PRIMARY = "urn:pulumi:dev::proj::aws:backup/vault:Vault::primary";
const DR = "urn:pulumi:dev::proj::aws:backup/vault:Vault::dr";
const PLAN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";
const PRIMARY_ARN = "arn:aws:backup:eu-west-3:111111111111:backup-vault:primary";
const FIX =
  'Add an aws.backup.RestoreTestingPlan in the vault\'s region and account whose recoveryPointSelection.includeVaults lists the vault\'s ARN (or "*"), ' +
  'and an aws.backup.RestoreTestingSelection with restoreTestingPlanName set to the plan\'s name and protectedResourceType "RDS".';

/** Options of a restore testing plan and its selection. */
interface RestoreTest {
  readonly provider?: PlannedProvider;
  /** The vault `includeVaults: [vault.arn]` refers to (through propertyDependencies). */
  readonly vault?: PlannedResource;
  readonly includeVaults?: JsonValue;
  readonly excludeVaults?: JsonValue;
  readonly recoveryPointSelection?: JsonValue;
  readonly planProps?: JsonObject;
  /** The selection's protectedResourceType; `false`: no selection. */
  readonly type?: JsonValue | false;
  /** The selection's restoreTestingPlanName; default: the plan's name, by reference. */
  readonly planName?: JsonValue;
  readonly planNameByReference?: boolean;
}

function addRestoreTest(b: PlannedStackBuilder, name: string, test: RestoreTest): PlannedResource {
  const selection: JsonObject = { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: test.includeVaults ?? [UNKNOWN], recoveryPointTypes: ["SNAPSHOT"] };
  if (test.excludeVaults !== undefined) selection["excludeVaults"] = test.excludeVaults;
  const plan = b.add(
    AWS_TYPES.restoreTestingPlan,
    name,
    { name, scheduleExpression: "cron(0 6 ? * SUN *)", recoveryPointSelection: test.recoveryPointSelection ?? selection, ...test.planProps },
    { provider: test.provider, propertyDependencies: test.vault ? { recoveryPointSelection: [test.vault] } : {} },
  );
  if (test.type !== false) {
    b.add(
      AWS_TYPES.restoreTestingSelection,
      `${name}-selection`,
      {
        name: `${name}_selection`,
        restoreTestingPlanName: test.planName ?? name,
        protectedResourceType: test.type ?? "RDS",
        iamRoleArn: "arn:aws:iam::111111111111:role/restore",
        protectedResourceArns: ["*"],
      },
      { provider: test.provider, propertyDependencies: test.planNameByReference === false ? {} : { restoreTestingPlanName: [plan] } },
    );
  }
  return plan;
}

/**
 * The AWS Backup design (vault "primary" in eu-west-3, production account; copy to vault "dr" in
 * us-west-2, backup account) backing up an RDS instance selected by reference, with restore tests.
 */
function design(
  tests: { primary?: RestoreTest | false; dr?: RestoreTest | false } = {},
  options: { design?: BackupDesign; store?: { type?: string; props?: JsonObject }; selection?: JsonObject; selectionByReference?: boolean } = {},
): BuiltDesign {
  const built = backupDesign(options.design);
  const b = built.builder;
  const db = b.add(options.store?.type ?? AWS_TYPES.rdsInstance, "db", { engine: "postgres", ...options.store?.props });
  b.add(
    AWS_TYPES.backupSelection,
    "sel",
    { name: "sel", planId: UNKNOWN, iamRoleArn: "arn:aws:iam::111111111111:role/backup", resources: [UNKNOWN], ...options.selection },
    { propertyDependencies: options.selectionByReference === false ? { planId: [built.plan] } : { planId: [built.plan], resources: [db] } },
  );
  if (tests.primary !== false) addRestoreTest(b, "weekly", { vault: built.source, ...tests.primary });
  if (tests.dr !== false) addRestoreTest(b, "dr-weekly", { vault: built.destination, provider: built.destination.provider, ...tests.dr });
  return built;
}

function outcomes(...args: Parameters<typeof design>): string[] {
  return outcomesOf(ID, design(...args).builder.stack());
}

describe("backup-restore-testing", () => {
  it("flags each vault receiving backups of a protected store that no restore test covers", () => {
    expect(findingsOf(ID, design({ primary: false, dr: false }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: DR,
        outcome: "violation",
        code: "no-restore-test",
        subject: "RDS",
        message:
          'No restore test reads the RDS backups in vault "dr". It receives backups of Instance "db" (RDS) from rule "daily" of backup plan "plan", but no restore test reads them: there is no aws.backup.RestoreTestingPlan in this stack. ' +
          `Nobody would learn that these backups cannot be restored until they are needed. ${FIX}`,
      },
      {
        ruleId: ID,
        urn: PRIMARY,
        outcome: "violation",
        code: "no-restore-test",
        subject: "RDS",
        message:
          'No restore test reads the RDS backups in vault "primary". It receives backups of Instance "db" (RDS) from rule "daily" of backup plan "plan", but no restore test reads them: there is no aws.backup.RestoreTestingPlan in this stack. ' +
          `Nobody would learn that these backups cannot be restored until they are needed. ${FIX}`,
      },
    ]);
  });

  it("passes vaults covered by a restore testing plan (includeVaults by reference) with an RDS selection", () => {
    expect(outcomes()).toEqual([]);
  });

  it("requires tests in copy vaults unless requireForCopyVaults is off", () => {
    const built = design({ dr: false });
    expect(outcomesOf(ID, built.builder.stack())).toEqual(["violation no-restore-test dr RDS"]);
    expect(outcomesOf(ID, built.builder.stack(), { requireForCopyVaults: false })).toEqual([]);
  });

  it('accepts "*" and ARN patterns in includeVaults only in the vault\'s own region and account', () => {
    expect(outcomes({ primary: { includeVaults: ["*"] } })).toEqual([]);
    expect(outcomes({ primary: { includeVaults: ["arn:aws:backup:eu-west-3:111111111111:backup-vault:prim*"] } })).toEqual([]);
    expect(outcomes({ primary: { includeVaults: [PRIMARY_ARN] } })).toEqual([]);
    // One "*" plan in eu-west-3 does not test the copy vault in us-west-2.
    const star = design({ primary: { includeVaults: ["*"] }, dr: false });
    expect(findingsOf(ID, star.builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: DR,
        outcome: "violation",
        code: "no-restore-test",
        subject: "RDS",
        message:
          'No restore test reads the RDS backups in vault "dr". It receives backups of Instance "db" (RDS) from rule "daily" of backup plan "plan", but no restore test reads them: ' +
          'there is no aws.backup.RestoreTestingPlan in its region: restore testing plan "weekly" (region eu-west-3) runs in another region and cannot test it. ' +
          `Nobody would learn that these backups cannot be restored until they are needed. ${FIX}`,
      },
    ]);
  });

  it("flags a plan that names other vaults or excludes this one", () => {
    expect(outcomes({ primary: { includeVaults: ["arn:aws:backup:eu-west-3:111111111111:backup-vault:other"] } })).toEqual([
      "violation no-restore-test primary RDS",
    ]);
    expect(outcomes({ primary: { includeVaults: ["*"], excludeVaults: [PRIMARY_ARN] } })).toEqual(["violation no-restore-test primary RDS"]);
    expect(findingsOf(ID, design({ primary: { includeVaults: ["*"], excludeVaults: ["arn:aws:backup:*:*:backup-vault:prim*"] } }).builder.stack())[0].message).toContain(
      'restore testing plan "weekly" does not cover it (vault "primary" is excluded: excludeVaults "arn:aws:backup:*:*:backup-vault:prim*" matches arn:aws:backup:eu-west-3:111111111111:backup-vault:primary)',
    );
  });

  it("flags a covering plan without a selection for the store's resource type", () => {
    expect(findingsOf(ID, design({ primary: { type: "DynamoDB" } }).builder.stack())[0].message).toContain(
      'restore testing plan "weekly" covers it (an entry of includeVaults is computed from vault "primary" (propertyDependencies.recoveryPointSelection)), but its selections test DynamoDB, not RDS',
    );
    expect(findingsOf(ID, design({ primary: { type: false } }).builder.stack())[0].message).toContain("but it has no restore testing selection");
  });

  it("links a selection to its plan by literal name in the same region and account", () => {
    expect(outcomes({ primary: { planName: "weekly", planNameByReference: false } })).toEqual([]);
    expect(outcomes({ primary: { planName: "monthly", planNameByReference: false } })).toEqual(["violation no-restore-test primary RDS"]);
  });

  it("reports values unknown in preview as unresolved: includeVaults, recoveryPointSelection, plan name, resource type", () => {
    const undecided = ["unresolved restore-test-undecided primary RDS"];
    const b = design({ primary: { includeVaults: [UNKNOWN] } });
    // includeVaults unknown and computed from nothing in the stack: it may name the vault.
    const stack = b.builder.stack();
    const plan = stack.resources.find((r) => r.name === "weekly");
    const unlinked = { ...stack, resources: stack.resources.map((r) => (r === plan ? { ...r, propertyDependencies: {} } : r)) };
    expect(findingsOf(ID, unlinked)).toEqual([
      {
        ruleId: ID,
        urn: PRIMARY,
        outcome: "unresolved",
        code: "restore-test-undecided",
        subject: "RDS",
        message:
          'Cannot tell whether restores of the RDS backups in vault "primary" are tested. They are backups of Instance "db", from rule "daily" of backup plan "plan": ' +
          'restore testing selection "weekly-selection" of restore testing plan "weekly" may test them (whether the plan covers the vault: an entry of includeVaults is unknown during preview). ' +
          FIX,
      },
    ]);
    expect(outcomes({ primary: { recoveryPointSelection: UNKNOWN } })).toEqual(undecided);
    expect(outcomes({ primary: { type: UNKNOWN } })).toEqual(undecided);
    expect(outcomes({ primary: { planName: UNKNOWN, planNameByReference: false } })).toEqual(undecided);
    expect(outcomes({ primary: { planName: "weekly", planNameByReference: false, planProps: { name: UNKNOWN } } })).toEqual(undecided);
    // The vault's reference may sit in excludeVaults as well.
    expect(outcomes({ primary: { includeVaults: [UNKNOWN], excludeVaults: [UNKNOWN] } })).toEqual(undecided);
    // includeVaults computed from another resource only does not name this vault.
    expect(outcomes({ primary: { vault: stack.resources.find((r) => r.name === "dr") } })).toEqual(["violation no-restore-test primary RDS"]);
  });

  it("reports a vault that may receive the backups (selection or scope unknown) as unresolved", () => {
    const tagsUnknown = design({ primary: false, dr: false }, { store: { props: { tags: UNKNOWN } } });
    expect(outcomesOf(ID, tagsUnknown.builder.stack(), { excludeTags: ["data-class=scratch"] })).toEqual([
      "unresolved restore-test-undecided dr RDS",
      "unresolved restore-test-undecided primary RDS",
    ]);
    expect(findingsOf(ID, tagsUnknown.builder.stack(), { excludeTags: ["data-class=scratch"] })[1].message).toBe(
      'Cannot tell whether vault "primary" receives RDS backups that no restore test reads. It may receive backups of Instance "db" (RDS) from rule "daily" of backup plan "plan" (whether Instance "db" is a protected data store depends on its tags, unknown during preview), ' +
        `and no restore test reads them: there is no aws.backup.RestoreTestingPlan in this stack. ${FIX}`,
    );
    // A selection whose resources are unknown and computed from nothing in the stack may select the store.
    expect(outcomes({ primary: false, dr: false }, { selectionByReference: false })).toEqual([
      "unresolved restore-test-undecided dr RDS",
      "unresolved restore-test-undecided primary RDS",
    ]);
  });

  it("does not judge stores out of scope, nor a resource analysed alone", () => {
    const scratch = design({ primary: false, dr: false }, { store: { props: { tags: { "data-class": "scratch" } } } });
    expect(outcomesOf(ID, scratch.builder.stack(), { excludeTags: ["data-class=scratch"] })).toEqual([]);
    expect(outcomesOf(ID, scratch.builder.single(scratch.source))).toEqual([]);
  });

  it("asks for the store's own resource type: Aurora for an Aurora cluster", () => {
    const aurora = { store: { type: AWS_TYPES.rdsCluster, props: { engine: "aurora-postgresql" } } };
    expect(outcomes({}, aurora)).toEqual(["violation no-restore-test dr Aurora", "violation no-restore-test primary Aurora"]);
    expect(outcomes({ primary: { type: "Aurora" }, dr: { type: "Aurora" } }, aurora)).toEqual([]);
  });

  it("judges a vault outside the stack named by targetVaultName, on the backup plan", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) });
    const db = b.add(AWS_TYPES.dynamodbTable, "orders", { name: "orders" });
    const plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "Default", lifecycle: { deleteAfter: 35 } }] });
    b.add(AWS_TYPES.backupSelection, "sel", { name: "sel", planId: UNKNOWN, iamRoleArn: "arn:aws:iam::111111111111:role/backup", resources: [UNKNOWN] }, { propertyDependencies: { planId: [plan], resources: [db] } });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "no-restore-test",
        subject: "DynamoDB in vault:Default@eu-west-3",
        message:
          'No restore test reads the DynamoDB backups in vault "Default" (outside this stack). It receives backups of Table "orders" (DynamoDB) from rule "daily" of backup plan "plan", but no restore test reads them: there is no aws.backup.RestoreTestingPlan in this stack. ' +
          "Nobody would learn that these backups cannot be restored until they are needed. " +
          FIX.replace('"RDS"', '"DynamoDB"'),
      },
    ]);
    addRestoreTest(b, "weekly", { includeVaults: ["arn:aws:backup:eu-west-3:111111111111:backup-vault:Default"], type: "DynamoDB" });
    expect(outcomesOf(ID, b.stack())).toEqual([]);
  });

  it("reports a plan whose vaults cannot be told (rules unknown in preview) as unresolved on the plan", () => {
    const built = design({ primary: false, dr: false });
    const stack = built.builder.stack();
    const unknownRules = { ...stack, resources: stack.resources.map((r) => (r === built.plan ? { ...r, props: { ...r.props, rules: UNKNOWN } } : r)) };
    expect(findingsOf(ID, unknownRules)).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unresolved-vault",
        subject: "rules",
        message:
          'Cannot tell which vaults receive the backups of backup plan "plan", so their restore tests cannot be checked. Backups of Instance "db": its rules are unknown during preview. ' +
          "Reference each vault unambiguously (e.g. targetVaultName: vault.name, destinationVaultArn: vault.arn).",
      },
    ]);
  });

  it("does not count a restore testing plan of another region or account for the copy vault", () => {
    // Through the default provider: eu-west-3, the production account.
    expect(outcomes({ dr: { provider: undefined } })).toEqual(["violation no-restore-test dr RDS"]);
    // A region input moves it to us-west-2, still in the production account.
    const moved = design({ dr: { provider: undefined, planProps: { region: "us-west-2" } } });
    expect(findingsOf(ID, moved.builder.stack()).map((f) => f.message)).toEqual([
      expect.stringContaining('restore testing plan "dr-weekly" does not cover it (it runs in another account than the vault)'),
    ]);
  });

  it("never throws on malformed shapes: recoveryPointSelection or includeVaults of the wrong type, an odd resource type", () => {
    const flagged = ["violation no-restore-test primary RDS"];
    expect(outcomes({ primary: { recoveryPointSelection: "all" } })).toEqual(flagged);
    expect(outcomes({ primary: { includeVaults: "*" } })).toEqual(flagged);
    expect(outcomes({ primary: { includeVaults: [5, null, { arn: "*" }] } })).toEqual(flagged);
    expect(outcomes({ primary: { type: 5 } })).toEqual(flagged);
    expect(findingsOf(ID, design({ primary: { type: 5 } }).builder.stack())[0].message).toContain("but its selections test nothing (protectedResourceType is not a string), not RDS");
    expect(findingsOf(ID, design({ primary: { includeVaults: "*" } }).builder.stack())[0].message).toContain(
      'restore testing plan "weekly" does not cover it (recoveryPointSelection.includeVaults is not a list)',
    );
  });
});
