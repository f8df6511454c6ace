import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { judgeVaultPolicyDocument } from "../../policies/aws/vault-governance";
import { JsonValue } from "../../policies/core/json";
import { PlannedStack } from "../../policies/core/planned-stack";
import { Placement, multiZone } from "../../policies/core/protection-model";
import { known } from "../../policies/core/facts";
import { backupDesign } from "../support/aws-backup-fixtures";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const PLACEMENT: Placement = {
  region: known("eu-west-3", "test"),
  account: { state: "known", accountIds: ["111111111111"], basis: "test" },
  zone: multiZone("test"),
};
const DENY = { Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" };

function verdict(policy: JsonValue, airGapped = false) {
  const resource = new PlannedStackBuilder().add(AWS_TYPES.backupVaultPolicy, "p", { backupVaultName: "v", policy });
  return judgeVaultPolicyDocument(resource, PLACEMENT, airGapped);
}

function doc(...statements: JsonValue[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function vaultsOf(stack: PlannedStack) {
  return buildAwsProtectionModel(stack).vaults;
}

describe("judgeVaultPolicyDocument", () => {
  it("recognises a document that denies both actions to every principal", () => {
    expect(verdict(doc(DENY))).toEqual({
      deletionDenied: "all-principals",
      evidence: ["it denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal"],
    });
  });

  it("tells partial denials from none", () => {
    expect(verdict(doc({ ...DENY, Action: "backup:DeleteRecoveryPoint" })).deletionDenied).toBe("partial");
    expect(verdict(doc({ ...DENY, Principal: { AWS: "arn:aws:iam::111111111111:role/x" } }))).toEqual({
      deletionDenied: "partial",
      evidence: [
        "no statement denies backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle to every principal, on every recovery point, without condition",
        'Statement[0] denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle only to principal {"AWS":"arn:aws:iam::111111111111:role/x"}, not to every principal ("*")',
      ],
    });
    expect(verdict(doc({ ...DENY, Effect: "Allow" })).deletionDenied).toBe("none");
    expect(verdict(doc({ ...DENY, Action: "s3:*" })).deletionDenied).toBe("none");
  });

  it("checks that Resource covers service snapshots too, except in a logically air-gapped vault", () => {
    const narrow = doc({ ...DENY, Resource: "arn:aws:backup:eu-west-3:111111111111:recovery-point:*" });
    expect(verdict(narrow).evidence[1]).toBe(
      'Statement[0] denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle, but its Resource (arn:aws:backup:eu-west-3:111111111111:recovery-point:*) misses recovery points such as arn:aws:ec2:eu-west-3::snapshot/snap-0123456789abcdef0 (use "*": a vault access policy applies to its own vault only)',
    );
    expect(verdict(narrow, true).deletionDenied).toBe("all-principals");
  });

  it("is unknown when the document or a deciding part of it is unknown in preview", () => {
    expect(verdict(UNKNOWN).deletionDenied).toBe("unknown");
    expect(verdict(doc({ ...DENY, Condition: UNKNOWN }))).toEqual({ deletionDenied: "unknown", evidence: ["the Condition of Statement[0] is unknown during preview"] });
    expect(verdict(JSON.stringify({ Statement: [UNKNOWN] }))).toEqual({ deletionDenied: "unknown", evidence: ["Statement[0] is unknown during preview"] });
  });

  it("never throws on malformed documents", () => {
    const shapes: JsonValue[] = ["", "{", "null", "[1,2]", "true", JSON.stringify({ Statement: 3 }), doc([DENY] as JsonValue), { Statement: [DENY] }, null];
    for (const shape of shapes) {
      const result = verdict(shape);
      expect(["none", "partial", "all-principals"]).toContain(result.deletionDenied);
      expect(result.evidence.length).toBeGreaterThan(0);
    }
    // An already-decoded document (not a JSON string) is read as is.
    expect(verdict({ Statement: [DENY] }).deletionDenied).toBe("all-principals");
    expect(verdict("").evidence).toEqual(["its policy is not valid JSON"]);
    expect(verdict(null).evidence).toEqual(["it has no policy document"]);
  });
});

describe("vaultGovernance", () => {
  it("lists the stack's vaults with the routes that fill them and their built ARNs", () => {
    const { builder } = backupDesign();
    builder.add(AWS_TYPES.restoreTestingPlan, "t", {
      name: "t",
      recoveryPointSelection: { algorithm: "RANDOM_WITHIN_WINDOW", includeVaults: ["arn:aws:backup:eu-west-3:111111111111:backup-vault:primary"], recoveryPointTypes: ["SNAPSHOT"] },
    });
    const vaults = vaultsOf(builder.stack());
    expect(vaults.map((v) => [v.key.split("::").pop(), v.label, v.receipts.map((r) => `${r.role} ${r.routeLabel} ${r.certain}`)])).toEqual([
      ["primary", 'vault "primary"', ['source rule "daily" of backup plan "plan" true']],
      ["dr", 'vault "dr"', ['copy rule "daily" of backup plan "plan" true']],
    ]);
    // The ARN of "primary" is unknown in preview; it is built from its name, region and account.
    expect(vaults[0].restoreTests.map((t) => [t.covers, t.coversVia])).toEqual([
      ["yes", 'includeVaults "arn:aws:backup:eu-west-3:111111111111:backup-vault:primary" matches arn:aws:backup:eu-west-3:111111111111:backup-vault:primary'],
    ]);
    // The plan runs in eu-west-3: it cannot cover the dr vault in us-west-2, whatever it names.
    expect(vaults[1].restoreTests).toEqual([]);
    expect(vaults[1].restoreTestsElsewhere).toEqual(['restore testing plan "t" (region eu-west-3)']);
  });

  it("adds vaults outside the stack that a plan names by name or by ARN", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) });
    b.add(AWS_TYPES.backupPlan, "plan", {
      name: "plan",
      rules: [{ ruleName: "daily", targetVaultName: "Default", copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-central-1:333333333333:backup-vault:central" }] }],
    });
    expect(vaultsOf(b.stack()).map((v) => [v.key, v.urn, v.label, v.receipts.map((r) => r.role)])).toEqual([
      ["vault:Default@eu-west-3", undefined, 'vault "Default" (outside this stack)', ["source"]],
      ["arn:aws:backup:eu-central-1:333333333333:backup-vault:central", undefined, 'vault "central" (outside this stack)', ["copy"]],
    ]);
  });

  it("attaches access policies by reference or by name and place, and marks vaults an unknown name may mean", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const vault = b.add(AWS_TYPES.backupVault, "a", { name: "a" });
    b.add(AWS_TYPES.backupVault, "b", { name: "b" });
    b.add(AWS_TYPES.backupVault, "far", { name: "a" }, { provider: b.provider("far", { region: "us-east-1" }) });
    b.add(AWS_TYPES.backupVaultPolicy, "by-ref", { backupVaultName: UNKNOWN, policy: doc(DENY) }, { propertyDependencies: { backupVaultName: [vault] } });
    b.add(AWS_TYPES.backupVaultPolicy, "by-name", { backupVaultName: "a", policy: doc(DENY) });
    b.add(AWS_TYPES.backupVaultPolicy, "floating", { backupVaultName: UNKNOWN, policy: doc(DENY) });
    const vaults = vaultsOf(b.stack());
    expect(vaults.map((v) => [v.label, v.accessPolicies.map((p) => `${p.label}: ${p.attachedVia}`), v.accessPolicyUndecided])).toEqual([
      ['vault "a"', ['vault policy "by-ref": backupVaultName computed from vault "a"', 'vault policy "by-name": backupVaultName "a"'], expect.stringContaining('vault policy "floating"')],
      ['vault "b"', [], expect.stringContaining('vault policy "floating"')],
      ['vault "far"', [], undefined],
    ]);
  });

  it("links restore testing selections to plans by reference, by name, or possibly when the name is unknown", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    b.add(AWS_TYPES.backupVault, "v", { name: "v" });
    const plan = b.add(AWS_TYPES.restoreTestingPlan, "t", { name: "t", recoveryPointSelection: { includeVaults: ["*"] } });
    b.add(AWS_TYPES.restoreTestingSelection, "by-ref", { restoreTestingPlanName: UNKNOWN, protectedResourceType: "EBS" }, { propertyDependencies: { restoreTestingPlanName: [plan] } });
    b.add(AWS_TYPES.restoreTestingSelection, "by-name", { restoreTestingPlanName: "t", protectedResourceType: "EFS" });
    b.add(AWS_TYPES.restoreTestingSelection, "other", { restoreTestingPlanName: "u", protectedResourceType: "EFS" });
    b.add(AWS_TYPES.restoreTestingSelection, "maybe", { restoreTestingPlanName: UNKNOWN, protectedResourceType: UNKNOWN });
    const [vault] = vaultsOf(b.stack());
    expect(vault.restoreTests.map((t) => [t.covers, t.coversVia])).toEqual([["yes", 'includeVaults "*"']]);
    expect(vault.restoreTests[0].selections.map((s) => [s.label, s.linked, s.resourceType.state === "known" ? s.resourceType.value : s.resourceType.state])).toEqual([
      ['restore testing selection "by-ref"', "yes", "EBS"],
      ['restore testing selection "by-name"', "yes", "EFS"],
      ['restore testing selection "maybe"', "unknown", "unknown"],
    ]);
  });

  it("matches includeVaults against a vault whose ARN cannot be built (account unknown) by name only, and leaves the rest undecided", () => {
    const covers = (includeVaults: JsonValue) => {
      const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
      b.add(AWS_TYPES.backupVault, "v", { name: "v", arn: UNKNOWN });
      b.add(AWS_TYPES.restoreTestingPlan, "t", { name: "t", recoveryPointSelection: { includeVaults } });
      const [vault] = vaultsOf(b.stack());
      return [vault.restoreTests[0].covers, vault.restoreTests[0].coversVia];
    };
    expect(covers(["arn:aws:backup:eu-west-3:111111111111:backup-vault:v"])).toEqual([
      "unknown",
      'includeVaults "arn:aws:backup:eu-west-3:111111111111:backup-vault:v" may match vault "v", whose ARN is unknown during preview',
    ]);
    expect(covers(["arn:aws:backup:eu-west-3:111111111111:backup-vault:*"])[0]).toBe("unknown");
    expect(covers(["arn:aws:backup:eu-west-3:111111111111:backup-vault:w", "not-an-arn"])).toEqual([
      "no",
      'includeVaults ["arn:aws:backup:eu-west-3:111111111111:backup-vault:w", "not-an-arn"] does not name vault "v"',
    ]);
    expect(covers(["*"])).toEqual(["yes", 'includeVaults "*"']);
  });

  it("is empty for a stack without vaults or backup plans", () => {
    expect(vaultsOf(new PlannedStackBuilder().stack())).toEqual([]);
  });
});
