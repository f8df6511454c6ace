import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { outcomesOf } from "../support/evaluate";
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
    b.add(
      AWS_TYPES.backupPlan,
      "plan",
      { rules: [{ ruleName: "daily", targetVaultName: "primary", recoveryPointTags: { vault: UNKNOWN }, copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
      { propertyDependencies: { rules: [primary, dr] } },
    );
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual(['unresolved ambiguous-destination plan rule "daily"']);
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
    expect(model.problems).toEqual([{ urn: "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan", message: 'rules[0].copyActions[0].destinationVaultArn "not-an-arn" is not an AWS Backup vault ARN' }]);
    expect(outcomesOf("backup-cross-region-copy", b.stack())).toEqual(['unresolved unresolved-region plan rule "daily"']);
  });
});
