import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { backupDesign, BACKUP_ACCOUNT } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-cross-region-copy";
const PLAN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";
const REMEDY =
  'Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. new aws.Provider("dr", { region: "eu-central-1" })).';

describe("backup-cross-region-copy", () => {
  it("passes a copy to a vault created through a provider in another region (ARN unknown in preview)", () => {
    expect(findingsOf(ID, backupDesign().builder.stack())).toEqual([]);
  });

  it("passes a copy to a logically air-gapped vault in another region", () => {
    expect(findingsOf(ID, backupDesign({ destinationAirGapped: true }).builder.stack())).toEqual([]);
  });

  it("passes a literal destination ARN in another region", () => {
    const stack = backupDesign({ destinationArn: `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:vault-x` }).builder.stack();
    expect(findingsOf(ID, stack)).toEqual([]);
  });

  it("flags a copy to a vault in the primary's region when the ARN is unknown (default provider)", () => {
    expect(findingsOf(ID, backupDesign({ destinationProvider: "default" }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "same-region-copy",
        subject: 'rule "daily"',
        message:
          'rule "daily" of backup plan "plan" copies its recovery points only within the same region (eu-west-3). Copies: copy action → vault "dr" in eu-west-3 (default provider default_7_48_0, stack config aws:region), the region of source vault "primary". ' +
          `A regional disaster would destroy the backups and their copies together. ${REMEDY}`,
      },
    ]);
  });

  it("flags a copy to a vault whose explicit provider is in the source region", () => {
    const b = backupDesign({ destinationProvider: new PlannedStackBuilder().provider("same", { region: "eu-west-3" }) });
    expect(outcomesOf(ID, b.builder.stack())).toEqual(['violation same-region-copy plan rule "daily"']);
  });

  it("flags a literal destination ARN in the plan's own region, also on the plan alone (Analyze)", () => {
    const b = backupDesign({ destinationArn: `arn:aws:backup:eu-west-3:${BACKUP_ACCOUNT}:backup-vault:near` });
    const expected = [
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "same-region-copy",
        subject: 'rule "daily"',
        message:
          `rule "daily" of backup plan "plan" copies its recovery points only within the same region (eu-west-3). Copies: copy action → vault "near" (outside this stack) in eu-west-3 (destination ARN arn:aws:backup:eu-west-3:${BACKUP_ACCOUNT}:backup-vault:near), the region of source vault "primary". ` +
          `A regional disaster would destroy the backups and their copies together. ${REMEDY}`,
      },
    ];
    expect(findingsOf(ID, b.builder.stack())).toEqual(expected);
    // Seen alone, the plan cannot tell whether vault "near" is in the stack, and does not claim it is not.
    expect(findingsOf(ID, b.builder.single(b.plan))).toEqual([{ ...expected[0], message: expected[0].message.replace('vault "near" (outside this stack)', 'vault "near"') }]);
  });

  it("flags a plan rule without copy action, also on the plan alone", () => {
    const b = backupDesign({ noCopy: true });
    const finding = {
      ruleId: ID,
      urn: PLAN,
      outcome: "violation",
      code: "no-copy",
      subject: 'rule "daily"',
      message: `rule "daily" of backup plan "plan" has no copy action: its recovery points stay in eu-west-3. They stay in vault "primary" in eu-west-3 (default provider default_7_48_0, stack config aws:region), where a regional disaster destroys them together with the primaries. ${REMEDY}`,
    };
    expect(findingsOf(ID, b.builder.stack())).toEqual([finding]);
    expect(outcomesOf(ID, b.builder.single(b.plan))).toEqual(['violation no-copy plan rule "daily"']);
  });

  it("treats an omitted copyActions like an empty one", () => {
    const builder = new PlannedStackBuilder();
    builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    builder.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary" }] });
    expect(outcomesOf(ID, builder.stack())).toEqual(['violation no-copy plan rule "daily"']);
  });

  it("flags a copy that leaves the source region for the region of a selected primary", () => {
    const b = backupDesign();
    const db = b.builder.add("aws:rds/instance:Instance", "db", { region: "us-west-2" });
    b.builder.add(AWS_TYPES.backupSelection, "sel", { planId: UNKNOWN, resources: [UNKNOWN] }, { propertyDependencies: { planId: [b.plan], resources: [db] } });
    const findings = findingsOf(ID, b.builder.stack());
    expect(findings.map((f) => [f.code, f.outcome])).toEqual([["same-region-copy", "violation"]]);
    expect(findings[0].message).toContain('copy action → vault "dr" in us-west-2 (provider dr region), the region of protected resource Instance "db"');
  });

  it("reports unresolved, at the level onUnresolved sets, when the destination provider's region is unknown", () => {
    const b = backupDesign({ destinationProvider: new PlannedStackBuilder().provider("dr", { region: UNKNOWN }) });
    expect(findingsOf(ID, b.builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unresolved-region",
        subject: 'rule "daily"',
        message:
          'cannot prove that rule "daily" of backup plan "plan" copies its recovery points to another region. Undecided: copy action → vault "dr" in unknown region (the region of provider dr is unknown during preview); ' +
          "rules[0].copyActions[0].destinationVaultArn is unknown during preview and resolved through propertyDependencies.rules to this vault. Give the destination vault a provider with an explicit region, or use a literal destination ARN.",
      },
    ]);
  });

  it("reports unresolved when an explicit provider sets no region", () => {
    const b = backupDesign({ destinationProvider: new PlannedStackBuilder().provider("dr", {}) });
    const [finding] = findingsOf(ID, b.builder.stack());
    expect([finding.outcome, finding.code]).toEqual(["unresolved", "unresolved-region"]);
    expect(finding.message).toContain("provider dr sets no region: it would use AWS_REGION of the deploying environment");
  });

  it("uses the vault's own region input over its provider's", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = b.add(AWS_TYPES.backupVault, "dr", { name: "dr", region: "eu-west-3" }, { provider: b.provider("dr", { region: "us-east-1" }) });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [dr] } });
    expect(outcomesOf(ID, b.stack())).toEqual(['violation same-region-copy plan rule "daily"']);
  });

  it("fails closed when the plan's rules are unknown in preview outputs and no inputs were seen", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.backupPlan, "plan", { rules: UNKNOWN });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unreadable-route",
        subject: "rules",
        message: `cannot check backup plan "plan": its rules are unknown during preview. ${REMEDY}`,
      },
    ]);
  });

  it("judges each rule of a plan separately", () => {
    const b = backupDesign();
    const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const far = builder.add(AWS_TYPES.backupVault, "far", { name: "far" }, { provider: builder.provider("far", { region: "eu-north-1" }) });
    builder.add(
      AWS_TYPES.backupPlan,
      "plan",
      {
        rules: [
          { ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] },
          { ruleName: "weekly", targetVaultName: "primary", copyActions: [] },
        ],
      },
      { propertyDependencies: { rules: [primary, far] } },
    );
    expect(b).toBeDefined();
    expect(outcomesOf(ID, builder.stack())).toEqual(['violation no-copy plan rule "weekly"']);
  });
});

describe("backup-cross-region-copy: primaries named by ARN in a selection", () => {
  function withSelectedArn(arn: string) {
    const b = backupDesign();
    b.builder.add(
      AWS_TYPES.backupSelection,
      "selection",
      { name: "s", planId: UNKNOWN, iamRoleArn: "arn:aws:iam::111111111111:role/b", resources: [arn] },
      { propertyDependencies: { planId: [b.plan] } },
    );
    return b.builder.stack();
  }

  it("does not take a resource named by an ARN of another region for a primary: AWS Backup selects its own region only", () => {
    // The design copies into us-west-2. A primary there would share the copy's region, but a selection in
    // eu-west-3 cannot select a us-west-2 database: the ARN selects nothing.
    expect(findingsOf(ID, withSelectedArn("arn:aws:rds:us-west-2:111111111111:db:orders"))).toEqual([]);
  });
});

describe("backup-cross-region-copy: a long plan name", () => {
  it("names the plan rule by itself in the first sentence and the route in full after it", () => {
    const long = `orders-${"x".repeat(120)}`;
    const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    builder.add(AWS_TYPES.backupPlan, long, { name: long, rules: [{ ruleName: "daily", targetVaultName: "primary" }] });
    expect(findingsOf(ID, builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: `urn:pulumi:dev::proj::aws:backup/plan:Plan::${long}`,
        outcome: "violation",
        code: "no-copy",
        subject: 'rule "daily"',
        message:
          `rule "daily" has no copy action: its recovery points stay in eu-west-3. Route: rule "daily" of backup plan "${long}". ` +
          `They stay in vault "primary" in eu-west-3 (default provider default_7_48_0, stack config aws:region), where a regional disaster destroys them together with the primaries. ${REMEDY}`,
      },
    ]);
  });
});

describe("backup-cross-region-copy with requiredSeparation zone", () => {
  /** A One Zone file system in eu-west-3a replicated with the given destination. */
  function efs(destination: Record<string, string>) {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { availabilityZoneName: "eu-west-3a", id: UNKNOWN });
    b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination }, { propertyDependencies: { sourceFileSystemId: [fs] } });
    return b.stack();
  }
  const ZONE = { requiredSeparation: "zone" };
  // With requiredSeparation zone, the fix asks for another zone (or region), not for another region.
  const NATIVE_REMEDY =
    'Send the copy out of the primary\'s availability zone: into a store of another zone (e.g. destination.availabilityZoneName, or a regional store that spans the zones) or of another region (e.g. new aws.Provider("dr", { region: "eu-central-1" })).';

  it("flags a One Zone replica in its source's zone, naming the zone", () => {
    expect(findingsOf(ID, efs({ availabilityZoneName: "eu-west-3a" }), ZONE)).toEqual([
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:efs/replicationConfiguration:ReplicationConfiguration::repl",
        outcome: "violation",
        code: "same-zone-copy",
        subject: "",
        message:
          'EFS replication "repl" of FileSystem "fs" copies the data only within the same zone (eu-west-3a). Copies: replica → the replica file system of "repl" in eu-west-3 (region of destination.availabilityZoneName), ' +
          'availability zone eu-west-3a (EFS One Zone replica), the zone of FileSystem "fs". A zone disaster would destroy the data and its copies together. ' +
          `${NATIVE_REMEDY}`,
      },
    ]);
    expect(findingsOf(ID, efs({ availabilityZoneName: "eu-west-3b" }), ZONE)).toEqual([]);
  });

  it("reports a replica zone unknown in preview as unresolved", () => {
    expect(findingsOf(ID, efs({ availabilityZoneName: UNKNOWN }), ZONE)).toEqual([
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:efs/replicationConfiguration:ReplicationConfiguration::repl",
        outcome: "unresolved",
        code: "unresolved-region",
        subject: "",
        message:
          'cannot prove that EFS replication "repl" of FileSystem "fs" copies the data out of its source\'s zone. Undecided: replica → the replica file system of "repl" in eu-west-3 (destination.region not set: EFS creates the replica in the source\'s region), ' +
          'a single availability zone (EFS One Zone replica; destination.availabilityZoneName is unknown during preview), but whether it shares the zone of FileSystem "fs" is undecided: destination.availabilityZoneName is unknown during preview. ' +
          "Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack.",
      },
    ]);
  });
});
