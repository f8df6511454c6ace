import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { backupDesign, BACKUP_ACCOUNT, LONG_PLAN_NAME, PROD_ACCOUNT, longNamedPlanStack } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-offline-copy";
const PLAN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";
const REQUIREMENT =
  "Copy at least once into a logically air-gapped vault (aws.backup.LogicallyAirGappedVault) or into a vault in a separate backup account (a provider that assumes a role there).";

describe("backup-offline-copy", () => {
  it("passes a copy into another account (destination provider assumes a role there)", () => {
    expect(findingsOf(ID, backupDesign().builder.stack())).toEqual([]);
  });

  it("passes a copy into a logically air-gapped vault in the same account", () => {
    const b = backupDesign({ destinationAirGapped: true, destinationProvider: new PlannedStackBuilder().provider("dr", { region: "us-west-2" }) });
    expect(findingsOf(ID, b.builder.stack())).toEqual([]);
  });

  it("passes a literal destination ARN in another account", () => {
    expect(findingsOf(ID, backupDesign({ destinationArn: `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:x` }).builder.stack())).toEqual([]);
  });

  it("flags a copy only within the same account", () => {
    expect(findingsOf(ID, backupDesign({ destinationProvider: "default" }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "no-offline-copy",
        subject: 'rule "daily"',
        message:
          `rule "daily" of backup plan "plan" has no offline copy: all in account ${PROD_ACCOUNT}. Copies: copy action → vault "dr" in account ${PROD_ACCOUNT} (default provider default_7_48_0 allowedAccountIds), which is also the account of source vault "primary" (default provider default_7_48_0 allowedAccountIds). ` +
          `Whoever holds the production credentials (or ransomware running with them) can delete every copy. ${REQUIREMENT}`,
      },
    ]);
  });

  it("flags a copy through another provider with the same ambient credentials (same account)", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = b.add(AWS_TYPES.backupVault, "dr", {}, { provider: b.provider("dr", { region: "us-west-2" }) });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [primary, dr] } });
    expect(outcomesOf(ID, b.stack())).toEqual(['violation no-offline-copy plan rule "daily"']);
    expect(findingsOf(ID, b.stack())[0].message).toContain(
      "the deploying account (provider dr with ambient credentials, no assumeRoles or allowedAccountIds)",
    );
  });

  it("flags a copy through a provider that only sets a region: same credentials, so the default provider's allowedAccountIds account", () => {
    const b = backupDesign({ destinationProvider: new PlannedStackBuilder().provider("fra", { region: "eu-central-1" }) });
    expect(findingsOf(ID, b.builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "no-offline-copy",
        subject: 'rule "daily"',
        message:
          `rule "daily" of backup plan "plan" has no offline copy: all in account ${PROD_ACCOUNT}. Copies: copy action → vault "dr" in account ${PROD_ACCOUNT} (same credentials as default provider default_7_48_0 allowedAccountIds), which is also the account of source vault "primary" (default provider default_7_48_0 allowedAccountIds). ` +
          `Whoever holds the production credentials (or ransomware running with them) can delete every copy. ${REQUIREMENT}`,
      },
    ]);
  });

  it("passes a copy through a provider that assumes a role in another account while the default provider pins allowedAccountIds", () => {
    const provider = new PlannedStackBuilder().provider("fra", { region: "eu-central-1", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup` }] });
    expect(findingsOf(ID, backupDesign({ destinationProvider: provider }).builder.stack())).toEqual([]);
  });

  it("flags a literal destination ARN in the production account, also on the plan alone", () => {
    const b = backupDesign({ destinationArn: `arn:aws:backup:eu-central-1:${PROD_ACCOUNT}:backup-vault:x` });
    // The ARN cannot tell whether "x" is logically air-gapped: unresolved, mandatory by default.
    expect(outcomesOf(ID, b.builder.stack())).toEqual(['unresolved unresolved-account plan rule "daily"']);
  });

  it("flags a plan rule without copy action", () => {
    expect(outcomesOf(ID, backupDesign({ noCopy: true }).builder.stack())).toEqual(['violation no-copy plan rule "daily"']);
  });

  it("reports unresolved when the source account cannot be compared with the destination's", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = b.add(AWS_TYPES.backupVault, "dr", {}, { provider: b.provider("dr", { region: "us-west-2", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/b` }] }) });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [primary, dr] } });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unresolved-account",
        subject: 'rule "daily"',
        message:
          `cannot prove that rule "daily" of backup plan "plan" has an offline copy. Undecided: copy action → vault "dr": account ${BACKUP_ACCOUNT} (provider dr assumeRoles[0].roleArn) vs source vault "primary" in the deploying account (default provider default_7_48_0 with ambient credentials, no assumeRoles or allowedAccountIds). ` +
          "Make the accounts known (provider assumeRoles or allowedAccountIds, e.g. stack config aws:allowedAccountIds) or copy into a logically air-gapped vault.",
      },
    ]);
  });

  it("learns the source account from a backup selection's literal iamRoleArn (same credentials)", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = b.add(AWS_TYPES.backupVault, "dr", {}, { provider: b.provider("dr", { region: "us-west-2", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/b` }] }) });
    const plan = b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [primary, dr] } });
    b.add(AWS_TYPES.backupSelection, "sel", { planId: UNKNOWN, iamRoleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/backup`, resources: [] }, { propertyDependencies: { planId: [plan] } });
    expect(findingsOf(ID, b.stack())).toEqual([]);
    // The same role in the backup account means both vaults are in one account.
    const same = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const p2 = same.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const d2 = same.add(AWS_TYPES.backupVault, "dr", {}, { provider: same.provider("dr", { region: "us-west-2", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/b` }] }) });
    const plan2 = same.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [p2, d2] } });
    same.add(AWS_TYPES.backupSelection, "sel", { planId: UNKNOWN, iamRoleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup`, resources: [] }, { propertyDependencies: { planId: [plan2] } });
    expect(findingsOf(ID, same.stack())[0].message).toContain(
      `copy action → vault "dr" in account ${BACKUP_ACCOUNT} (provider dr assumeRoles[0].roleArn), which is also the account of source vault "primary" (iamRoleArn of backup selection sel, deployed with the same credentials)`,
    );
  });

  it("counts a copy into a trusted backup account even when the source account is unknown", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = b.add(AWS_TYPES.backupVault, "dr", {}, { provider: b.provider("dr", { region: "us-west-2", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/b` }] }) });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [primary, dr] } });
    expect(outcomesOf(ID, b.stack())).toEqual(['unresolved unresolved-account plan rule "daily"']);
    expect(outcomesOf(ID, b.stack(), { trustedAccounts: [BACKUP_ACCOUNT] })).toEqual([]);
  });

  it("counts only trustedAccounts when configured", () => {
    const stack = backupDesign().builder.stack();
    expect(outcomesOf(ID, stack, { trustedAccounts: [BACKUP_ACCOUNT] })).toEqual([]);
    expect(findingsOf(ID, stack, { trustedAccounts: ["333333333333"] })[0].message).toContain(
      `copy action → vault "dr" in account ${BACKUP_ACCOUNT} (provider dr assumeRoles[0].roleArn), which is not in trustedAccounts (333333333333)`,
    );
  });

  it("takes the last role of an assumeRoles chain as the provider's account", () => {
    const provider = new PlannedStackBuilder().provider("dr", {
      region: "us-west-2",
      assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/hop` }, { roleArn: `arn:aws:iam::${PROD_ACCOUNT}:role/back` }],
    });
    expect(outcomesOf(ID, backupDesign({ destinationProvider: provider }).builder.stack())).toEqual(['violation no-offline-copy plan rule "daily"']);
  });

  it("reports unresolved when the destination provider's role is unknown in preview", () => {
    const provider = new PlannedStackBuilder().provider("dr", { region: "us-west-2", assumeRoles: UNKNOWN });
    expect(outcomesOf(ID, backupDesign({ destinationProvider: provider }).builder.stack())).toEqual(['unresolved unresolved-account plan rule "daily"']);
  });
});

describe("backup-offline-copy: a long plan name", () => {
  it("names the plan rule by itself in the first sentence and the route in full after it", () => {
    const long = LONG_PLAN_NAME;
    expect(findingsOf(ID, longNamedPlanStack())).toEqual([
      {
        ruleId: ID,
        urn: `urn:pulumi:dev::proj::aws:backup/plan:Plan::${long}`,
        outcome: "violation",
        code: "no-offline-copy",
        subject: 'rule "daily"',
        message:
          `rule "daily" has no offline copy: all in account ${PROD_ACCOUNT}. Route: rule "daily" of backup plan "${long}". ` +
          `Copies: copy action → vault "dr" in account ${PROD_ACCOUNT} (same credentials as default provider default_7_48_0 allowedAccountIds), which is also the account of source vault "primary" (default provider default_7_48_0 allowedAccountIds). ` +
          `Whoever holds the production credentials (or ransomware running with them) can delete every copy. ${REQUIREMENT}`,
      },
    ]);
  });
});
