import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

/** A plan whose target and copy references are both unknown in preview (vault names auto-generated). */
function allUnknown(drRegion: string, extraRule: Record<string, unknown> = {}) {
  const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
  const primary = b.add(AWS_TYPES.backupVault, "primary", {});
  const dr = b.add(AWS_TYPES.backupVault, "dr", {}, { provider: b.provider("dr", { region: drRegion }) });
  const plan = b.add(
    AWS_TYPES.backupPlan,
    "plan",
    { rules: [{ ruleName: "daily", targetVaultName: UNKNOWN, copyActions: [{ destinationVaultArn: UNKNOWN }], ...extraRule }] },
    { propertyDependencies: { rules: [primary, dr] } },
  );
  return { b, primary, dr, plan };
}

describe("AWS Backup plan references", () => {
  it("pins an unknown target to the vault in the plan's region and the copy to the other one", () => {
    const { b } = allUnknown("us-west-2");
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    expect(route.views.map((v) => [v.source.label, v.copies.map((c) => c.store.label)])).toEqual([['vault "primary"', ['vault "dr"']]]);
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual([]);
  });

  it("proves a same-region copy when every reading of the unknown references is in one region", () => {
    const { b } = allUnknown("eu-west-3");
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    expect(route.views).toHaveLength(2);
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual(['violation same-region-copy plan rule "daily"']);
  });

  it("cannot pin the copy when another unknown value in the rules could be the vault reference", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = b.add(AWS_TYPES.backupVault, "dr", {}, { provider: b.provider("dr", { region: "us-west-2" }) });
    const local = b.add(AWS_TYPES.backupVault, "local", {});
    b.add(
      AWS_TYPES.backupPlan,
      "plan",
      { rules: [{ ruleName: "daily", targetVaultName: "primary", recoveryPointTags: { vault: UNKNOWN }, copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
      { propertyDependencies: { rules: [primary, dr, local] } },
    );
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual(['unresolved ambiguous-destination plan rule "daily"']);
  });

  it("never reads a copy destination as its own rule's source vault, even when another unknown value may explain a vault", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = b.add(AWS_TYPES.backupVault, "dr", {}, { provider: b.provider("dr", { region: "us-west-2" }) });
    b.add(
      AWS_TYPES.backupPlan,
      "plan",
      { rules: [{ ruleName: "daily", targetVaultName: "primary", recoveryPointTags: { vault: UNKNOWN }, copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
      { propertyDependencies: { rules: [primary, dr] } },
    );
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    expect(route.views.map((v) => [v.source.label, v.copies.map((c) => c.store.label)])).toEqual([['vault "primary"', ['vault "dr"']]]);
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual([]);
  });

  it("treats a reference computed from a non-vault resource as unresolved", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const random = b.add("random:index/randomId:RandomId", "suffix", {});
    b.add(
      AWS_TYPES.backupPlan,
      "plan",
      { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
      { propertyDependencies: { rules: [random] } },
    );
    const findings = outcomesOf("backup-cross-region-copy", b.stack());
    expect(findings).toEqual(['unresolved unresolved-region plan rule "daily"']);
  });

  it("keeps several copy actions merged under one propertyDependencies key apart", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const near = b.add(AWS_TYPES.backupVault, "near", {});
    const far = b.add(AWS_TYPES.backupLogicallyAirGappedVault, "far", { minRetentionDays: 7, maxRetentionDays: 90 }, { provider: b.provider("far", { region: "eu-north-1" }) });
    b.add(
      AWS_TYPES.backupPlan,
      "plan",
      { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }, { destinationVaultArn: UNKNOWN }] }] },
      { propertyDependencies: { rules: [primary, near, far] } },
    );
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    // Two copies, three candidate vaults: a reading that leaves a vault unreferenced is impossible, so
    // the copies go to "near" and "far" in either order.
    expect(route.views.map((v) => v.copies.map((c) => c.store.label))).toEqual([
      ['logically air-gapped vault "far"', 'vault "near"'],
      ['vault "near"', 'logically air-gapped vault "far"'],
    ]);
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual([]);
    expect(outcomesOf("backup-offline-copy", b.stack())).toEqual([]);
  });

  it("resolves a copy ARN written literally to the in-stack vault of that name", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    b.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: b.provider("dr", { region: "us-west-2" }) });
    b.add(AWS_TYPES.backupPlan, "plan", {
      rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: "arn:aws:backup:us-west-2:111111111111:backup-vault:dr" }] }],
    });
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    expect(route.views[0].copies[0].store.urn).toBe("urn:pulumi:dev::proj::aws:backup/vault:Vault::dr");
  });

  it("reports an ARN that is not a backup vault ARN as a problem and an unresolved destination", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: "not-an-arn" }] }] });
    const model = buildAwsProtectionModel(b.stack());
    expect(model.problems).toEqual([{ urn: "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan", message: 'rules[0].copyActions[0].destinationVaultArn "not-an-arn" is not an AWS Backup vault ARN: it does not have the form arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME' }]);
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual(['unresolved unresolved-region plan rule "daily"']);
  });

  describe("several rules of one plan copying to the same destination", () => {
    /** A daily and a monthly rule backing up into "primary" and copying to "dr" (its ARN unknown in preview). */
    function twoRules(options: { drRegion?: string; named?: boolean; plans?: number } = {}) {
      const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": '["111111111111"]' });
      const named = options.named ?? true;
      const primary = b.add(AWS_TYPES.backupVault, "primary", named ? { name: "primary" } : {});
      const dr = b.add(AWS_TYPES.backupVault, "dr", named ? { name: "dr" } : {}, {
        provider: b.provider("dr", { region: options.drRegion ?? "eu-central-1", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/backup" }] }),
      });
      const target = named ? "primary" : UNKNOWN;
      for (let i = 0; i < (options.plans ?? 1); i++) {
        b.add(
          AWS_TYPES.backupPlan,
          i === 0 ? "plan" : `plan${i}`,
          {
            rules: [
              { ruleName: "daily", targetVaultName: target, lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 35 } }] },
              { ruleName: "monthly", targetVaultName: target, lifecycle: { deleteAfter: 365 }, copyActions: [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 365 } }] },
            ],
          },
          { propertyDependencies: { rules: [primary, dr] } },
        );
      }
      return b;
    }

    it("reads each copy as going to the one vault that is not the rule's source (target named literally)", () => {
      const routes = buildAwsProtectionModel(twoRules().stack()).routes;
      expect(routes.map((r) => [r.subject, r.views.map((v) => [v.source.label, ...v.copies.map((c) => c.store.label)])])).toEqual([
        ['rule "daily"', [['vault "primary"', 'vault "dr"']]],
        ['rule "monthly"', [['vault "primary"', 'vault "dr"']]],
      ]);
      expect(outcomesOf("backup-cross-region-copy", twoRules().stack())).toEqual([]);
      expect(outcomesOf("backup-offline-copy", twoRules().stack())).toEqual([]);
    });

    it("decides it too when the vault names are unknown during preview (auto-named vaults)", () => {
      const stack = twoRules({ named: false }).stack();
      expect(buildAwsProtectionModel(stack).routes.map((r) => r.views.length)).toEqual([1, 1]);
      expect(outcomesOf("backup-cross-region-copy", stack)).toEqual([]);
      expect(outcomesOf("backup-offline-copy", stack)).toEqual([]);
    });

    it("decides it for several plans sharing the same vaults", () => {
      const stack = twoRules({ plans: 2 }).stack();
      expect(outcomesOf("backup-cross-region-copy", stack)).toEqual([]);
    });

    it("flags both rules when the one destination is in the source's region", () => {
      const stack = twoRules({ drRegion: "eu-west-3" }).stack();
      expect(outcomesOf("backup-cross-region-copy", stack)).toEqual(['violation same-region-copy plan rule "daily"', 'violation same-region-copy plan rule "monthly"']);
      expect(outcomesOf("backup-cross-region-copy", twoRules({ drRegion: "eu-west-3", named: false }).stack())).toEqual([
        'violation same-region-copy plan rule "daily"',
        'violation same-region-copy plan rule "monthly"',
      ]);
    });

    it("stays undecided when the rules back up into different vaults (a copy may go to the other rule's target) and says which fixes work", () => {
      const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
      const daily = b.add(AWS_TYPES.backupVault, "daily", { name: "daily" });
      const archive = b.add(AWS_TYPES.backupVault, "archive", { name: "archive" });
      const dr = b.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: b.provider("dr", { region: "eu-central-1" }) });
      b.add(
        AWS_TYPES.backupPlan,
        "plan",
        {
          rules: [
            { ruleName: "daily", targetVaultName: "daily", copyActions: [{ destinationVaultArn: UNKNOWN }] },
            { ruleName: "monthly", targetVaultName: "archive", copyActions: [{ destinationVaultArn: UNKNOWN }] },
          ],
        },
        { propertyDependencies: { rules: [daily, archive, dr] } },
      );
      const findings = findingsOf("backup-cross-region-copy", b.stack());
      expect(findings.map((f) => `${f.outcome} ${f.code} ${f.subject}`)).toEqual(['unresolved ambiguous-destination rule "daily"', 'unresolved ambiguous-destination rule "monthly"']);
      expect(findings[0].message).toBe(
        'cannot decide rule "daily" of backup plan "plan" before the deployment runs. References unknown in preview could resolve to (1) vault "daily" → vault "dr"; (2) vault "daily" → vault "archive", and the verdict differs between them. ' +
          'rules[0].copyActions[0].destinationVaultArn may be vault "dr" or vault "archive". To decide it: put the rules that back up into different vaults in separate aws.backup.Plan resources (one plan\'s rules share one dependency list, so their copy destinations cannot be told apart); ' +
          "or write rules[0].copyActions[0].destinationVaultArn so that it is known during preview: the vault's ARN built from literal parts, e.g. pulumi.interpolate`arn:aws:backup:<region>:<account id>:backup-vault:${vault.name}` with the vault's literal name, region and account.",
      );
    });
  });
});
