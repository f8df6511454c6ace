import * as selectionCoverage from "../../policies/aws/selection-coverage";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { buildProtectionModel } from "../../policies/clouds/protection-model";
import { PlannedStack } from "../../policies/core/planned-stack";
import { evaluateStack } from "../../policies/evaluate-stack";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ACCOUNT = "111111111111";
const STACK_CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([ACCOUNT]) };

/**
 * `designs` backup designs (a DynamoDB table, a vault, a plan, and a selection whose `resources` are
 * unknown until apply, computed from the table: it may select any store of its region and account), and
 * `buckets` untagged S3 buckets (not protected by default, encrypted with SSE-S3), as in the CLI bench.
 */
function stack(designs: number, buckets: number, extraTables = 0): PlannedStack {
  const b = new PlannedStackBuilder(STACK_CONFIG);
  for (let i = 0; i < designs; i++) {
    const table = b.add(AWS_TYPES.dynamodbTable, `orders-${i}`, { name: `orders-${i}`, arn: UNKNOWN, tags: { team: "data" } });
    const vault = b.add(AWS_TYPES.backupVault, `vault-${i}`, { name: `vault-${i}`, arn: UNKNOWN });
    const plan = b.add(
      AWS_TYPES.backupPlan,
      `plan-${i}`,
      { name: `plan-${i}`, id: UNKNOWN, rules: [{ ruleName: "daily", targetVaultName: `vault-${i}`, schedule: "cron(0 5 * * ? *)" }] },
      { propertyDependencies: { rules: [vault] } },
    );
    b.add(
      AWS_TYPES.backupSelection,
      `selection-${i}`,
      { name: `selection-${i}`, iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, planId: UNKNOWN, resources: UNKNOWN },
      { propertyDependencies: { planId: [plan], resources: [table] } },
    );
  }
  for (let i = 0; i < extraTables; i++) b.add(AWS_TYPES.dynamodbTable, `other-${i}`, { name: `other-${i}`, arn: UNKNOWN });
  for (let i = 0; i < buckets; i++) b.add(AWS_TYPES.s3Bucket, `bucket-${i}`, { bucket: `bucket-${i}`, arn: UNKNOWN, tags: { team: "web" } });
  return b.stack();
}

/** How many (selection, store) pairs are matched while `run` runs. */
function pairsMatched(run: () => void): number {
  const spy = jest.spyOn(selectionCoverage, "selectionCovers");
  try {
    run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

const evaluate = (s: PlannedStack) => evaluateStack(s, undefined, { today: "2026-12-02" });

describe("AWS Backup selections that may cover every store (resources unknown until apply)", () => {
  it("are matched against no store while the model is built", () => {
    expect(pairsMatched(() => buildProtectionModel(stack(5, 200)))).toBe(0);
  });

  it("are matched only against the stores a policy judges: twice the buckets, no more pairs", () => {
    // Every table is protected and may be backed up by every selection: 5 × 5 pairs, whatever the buckets.
    const small = pairsMatched(() => evaluate(stack(5, 200)));
    const large = pairsMatched(() => evaluate(stack(5, 400)));
    expect([small, large]).toEqual([25, 25]);
  });

  it("cost one match per judged store and selection: twice the protected stores, twice the pairs", () => {
    expect([pairsMatched(() => evaluate(stack(1, 0, 100))), pairsMatched(() => evaluate(stack(1, 0, 200)))]).toEqual([101, 201]);
  });

  it("give the same findings however many unprotected buckets there are, every selection still counted", () => {
    const findings = (buckets: number) => evaluate(stack(3, buckets)).findings;
    expect(findings(50)).toEqual(findings(0));
    expect(findings(0).find((f) => f.policy === "backup-restore-testing")).toEqual({
      policy: "backup-restore-testing",
      level: "advisory",
      outcome: "violation",
      resource: "urn:pulumi:dev::proj::aws:backup/vault:Vault::vault-0",
      code: "no-restore-test",
      subject: "DynamoDB",
      message:
        'No restore test reads the DynamoDB backups in vault "vault-0". It receives backups of Table "orders-0", Table "orders-1", Table "orders-2" (DynamoDB) from rule "daily" of backup plan "plan-0", ' +
        "but no restore test reads them: there is no aws.backup.RestoreTestingPlan in this stack. Nobody would learn that these backups cannot be restored until they are needed. " +
        'Add an aws.backup.RestoreTestingPlan in the vault\'s region and account whose recoveryPointSelection.includeVaults lists the vault\'s ARN (or "*"), and an aws.backup.RestoreTestingSelection with restoreTestingPlanName set to the plan\'s name and protectedResourceType "DynamoDB".',
    });
  });
});
