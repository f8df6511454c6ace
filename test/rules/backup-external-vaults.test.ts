import { ExternalVault, externalVaults } from "../../policies/aws/external-vaults";
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { RULES } from "../../policies/rules";
import { BACKUP_ACCOUNT, PROD_ACCOUNT, backupDesign } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder } from "../support/planned-stack-builder";

const ID = "backup-external-vaults";
const PLAN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";
const CENTRAL = `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:central`;
const ENTRY = { arn: CENTRAL, lockMode: "compliance", minRetentionDays: 7, maxRetentionDays: 400, airGapped: false, deniesDeletion: true, declaredIn: "org/backup/prod" };

function configErrors(config: Record<string, unknown>): readonly string[] {
  const rule = RULES.find((r) => r.meta.id === ID);
  if (!rule) throw new Error("not registered");
  return rule.evaluate(buildAwsProtectionModel(new PlannedStackBuilder().stack()), config).configErrors;
}

/** The vaults a valid config declares. */
function declared(...entries: Array<Record<string, unknown>>): readonly ExternalVault[] {
  expect(configErrors({ vaults: entries })).toEqual([]);
  const parsed = externalVaults(entries as never);
  return parsed.vaults;
}

/** The bundled design, copying to the central vault by its literal ARN. */
const central = (copyDeleteAfter = 35) => backupDesign({ destinationArn: CENTRAL, copyDeleteAfter }).builder.stack();

describe("backup-external-vaults: config", () => {
  it("accepts a complete entry and reports nothing itself", () => {
    expect(configErrors({ vaults: [ENTRY] })).toEqual([]);
    expect(findingsOf(ID, central(), { vaults: [ENTRY] })).toEqual([]);
  });

  it("refuses unknown keys, wrong types and ARNs that are not backup vault ARNs, naming each problem", () => {
    expect(configErrors({ vaults: [{ ...ENTRY, locked: true }] })).toEqual(['backup-external-vaults: unknown config key "vaults.0.locked"']);
    expect(configErrors({ vaults: [{ ...ENTRY, airGapped: "no" }] })).toEqual(['backup-external-vaults: config key "vaults.0.airGapped" must be boolean']);
    expect(configErrors({ vaults: [{ ...ENTRY, lockMode: "strict" }] })).toEqual([
      'backup-external-vaults: config key "vaults.0.lockMode" is "strict", which is not one of "compliance", "governance", "none"',
    ]);
    expect(configErrors({ vaults: [{ ...ENTRY, arn: `arn:aws:s3:::central` }] })).toEqual([
      `backup-external-vaults: config key "vaults.0.arn" must match pattern "${"^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:backup:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:backup-vault:[A-Za-z0-9_-]{2,50}$"}"`,
    ]);
    expect(configErrors({ vaults: [{ arn: CENTRAL }] })).toEqual([
      "backup-external-vaults: config key \"vaults.0\" must have required property 'airGapped'",
      "backup-external-vaults: config key \"vaults.0\" must have required property 'deniesDeletion'",
      "backup-external-vaults: config key \"vaults.0\" must have required property 'lockMode'",
    ]);
    expect(configErrors({ vaults: [{ ...ENTRY, minRetentionDays: 0 }] })).toEqual(['backup-external-vaults: config key "vaults.0.minRetentionDays" must be >= 1']);
  });

  it("refuses entries that cannot be true of a vault", () => {
    expect(configErrors({ vaults: [{ ...ENTRY, minRetentionDays: 30, maxRetentionDays: 7 }] })).toEqual([
      `backup-external-vaults: config key vaults.0 (${CENTRAL}) has minRetentionDays 30 greater than maxRetentionDays 7`,
    ]);
    expect(configErrors({ vaults: [{ ...ENTRY, airGapped: true, lockMode: "governance", maxRetentionDays: undefined }] })).toEqual([
      `backup-external-vaults: config key vaults.0 (${CENTRAL}) is airGapped, so its lockMode must be "compliance" (logically air-gapped vaults are locked in compliance mode), not "governance"`,
      `backup-external-vaults: config key vaults.0 (${CENTRAL}) is airGapped, so it needs minRetentionDays and maxRetentionDays (AWS requires both)`,
    ]);
    expect(configErrors({ vaults: [{ ...ENTRY, lockMode: "none" }] })).toEqual([
      `backup-external-vaults: config key vaults.0 (${CENTRAL}) has lockMode "none" but retention bounds, which only a lock sets`,
    ]);
    expect(configErrors({ vaults: [ENTRY, ENTRY] })).toEqual([`backup-external-vaults: config key vaults.1 (${CENTRAL}) is listed twice`]);
  });
});

describe("backup-external-vaults: the other policies use a declared vault", () => {
  it("decides a copy into a declared compliance-locked vault of the backup account: every policy passes", () => {
    const externalVaults = declared(ENTRY);
    for (const id of ["backup-immutable", "backup-offline-copy", "backup-cross-region-copy", "backup-deletion-protection"]) {
      expect([id, findingsOf(id, central(), {}, { externalVaults })]).toEqual([id, []]);
    }
    expect(outcomesOf("backup-copy-residency", central(), { allowedRegions: ["eu-*"], allowedAccounts: [PROD_ACCOUNT, BACKUP_ACCOUNT] }, { externalVaults })).toEqual([]);
  });

  it("keeps a vault that no entry declares unresolved (fail closed)", () => {
    const externalVaults = declared({ ...ENTRY, arn: `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:other` });
    expect(outcomesOf("backup-immutable", central(), {}, { externalVaults })).toEqual([`unresolved unresolved-lock plan rule "daily" → ${CENTRAL}`]);
  });

  it("flags a declared governance-mode lock, saying where to fix it", () => {
    expect(findingsOf("backup-immutable", central(), {}, { externalVaults: declared({ ...ENTRY, lockMode: "governance" }) })).toEqual([
      {
        ruleId: "backup-immutable",
        urn: PLAN,
        outcome: "violation",
        code: "governance-lock",
        subject: CENTRAL,
        message:
          `Vault "central" (outside this stack) is not immutable: its lock can be removed or bypassed. It receives the copy action of rule "daily" of backup plan "plan", but the lock declared by entry #1 of the backup-external-vaults config, declared in org/backup/prod is in governance mode: anyone allowed backup:DeleteBackupVaultLockConfiguration in account ${BACKUP_ACCOUNT} can remove the lock and then delete the recovery points. ` +
          'Lock vault "central" in compliance mode (changeableForDays) in the stack that declares it, then set its lockMode to "compliance" in the backup-external-vaults config.',
      },
    ]);
  });

  it("flags a declared unlocked vault and a copy retention the declared lock refuses", () => {
    const unlocked = declared({ ...ENTRY, lockMode: "none", minRetentionDays: undefined, maxRetentionDays: undefined });
    expect(outcomesOf("backup-immutable", central(), {}, { externalVaults: unlocked })).toEqual([`violation not-locked plan ${CENTRAL}`]);
    const short = declared({ ...ENTRY, maxRetentionDays: 30 });
    expect(findingsOf("backup-immutable", central(35), {}, { externalVaults: short }).map((f) => f.message)).toEqual([
      'The lock of vault "central" (outside this stack) refuses the retention of rule "daily" of backup plan "plan", so no immutable recovery point is made. The copy action keeps recovery points for 35 days, longer than the lock\'s maxRetentionDays 30: AWS Backup fails such backup and copy jobs. Set the rule\'s lifecycle.deleteAfter (or the copy action\'s) between the lock\'s minRetentionDays and maxRetentionDays.',
    ]);
  });

  it("counts a declared logically air-gapped vault of the production account as offline, and a regular one there as not", () => {
    const prodVault = `arn:aws:backup:eu-central-1:${PROD_ACCOUNT}:backup-vault:central`;
    const stack = backupDesign({ destinationArn: prodVault }).builder.stack();
    const airGapped = declared({ ...ENTRY, arn: prodVault, airGapped: true });
    expect(findingsOf("backup-offline-copy", stack, {}, { externalVaults: airGapped })).toEqual([]);
    const regular = declared({ ...ENTRY, arn: prodVault });
    expect(outcomesOf("backup-offline-copy", stack, {}, { externalVaults: regular })).toEqual(['violation no-offline-copy plan rule "daily"']);
  });

  it("flags copies into a declared vault in governance mode whose access policy does not deny deletion, on the plan", () => {
    expect(findingsOf("backup-deletion-protection", central(), {}, { externalVaults: declared({ ...ENTRY, lockMode: "governance", deniesDeletion: false }) })).toEqual([
      {
        ruleId: "backup-deletion-protection",
        urn: PLAN,
        outcome: "violation",
        code: "no-vault-policy",
        subject: 'vault "central" (outside this stack)',
        message:
          'The declared access policy of vault "central" (outside this stack) does not deny deleting its recovery points. It holds copies of rule "daily" of backup plan "plan", and entry #1 of the backup-external-vaults config, declared in org/backup/prod declares that its access policy does not deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal: anyone allowed them in its account (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention. ' +
          'In the stack that declares the vault, attach an aws.backup.VaultPolicy to the vault (backupVaultName: the vault\'s name) whose policy denies both actions to every principal, without Condition: { Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }. Then set deniesDeletion: true in its entry.',
      },
    ]);
  });

  it("reports a declared vault in compliance mode whose access policy does not deny deletion as advisory, saying what the lock leaves open", () => {
    expect(findingsOf("backup-deletion-protection", central(), {}, { externalVaults: declared({ ...ENTRY, deniesDeletion: false }) })).toEqual([
      {
        ruleId: "backup-deletion-protection",
        urn: PLAN,
        outcome: "advisory",
        code: "no-vault-policy",
        subject: 'vault "central" (outside this stack)',
        message:
          'The declared access policy of vault "central" (outside this stack) does not deny shortening the retention of its recovery points. It holds copies of rule "daily" of backup plan "plan", and entry #1 of the backup-external-vaults config, declared in org/backup/prod declares that its access policy does not deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal; ' +
          "its compliance-mode lock (the lock declared by entry #1 of the backup-external-vaults config, declared in org/backup/prod) already stops anyone, the root user included, from deleting its recovery points before their retention ends or shortening it below the lock's minimum. " +
          "What remains open: anyone allowed backup:UpdateRecoveryPointLifecycle in its account (an administrator, or ransomware using their credentials) can still shorten the retention of its recovery points down to the lock's minimum of 7 days (minRetentionDays), and delete them once that has passed. " +
          'In the stack that declares the vault, attach an aws.backup.VaultPolicy to the vault (backupVaultName: the vault\'s name) whose policy denies both actions to every principal, without Condition: { Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }. Then set deniesDeletion: true in its entry.',
      },
    ]);
  });

  it("matches a targetVaultName to an entry of the plan's own region and account only", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]) });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "daily", targetVaultName: "shared", lifecycle: { deleteAfter: 35 }, copyActions: [] }] });
    const here = declared({ ...ENTRY, arn: `arn:aws:backup:eu-west-3:${PROD_ACCOUNT}:backup-vault:shared` });
    expect(findingsOf("backup-immutable", b.stack(), {}, { externalVaults: here })).toEqual([]);
    const elsewhere = declared({ ...ENTRY, arn: `arn:aws:backup:eu-west-3:${BACKUP_ACCOUNT}:backup-vault:shared` });
    expect(outcomesOf("backup-immutable", b.stack(), {}, { externalVaults: elsewhere })).toEqual(['unresolved unresolved-lock plan rule "daily" → vault:shared@eu-west-3']);
  });

  it("is not used for a plan seen alone (Analyze), where the ARN may name a vault of the stack", () => {
    const b = backupDesign({ destinationArn: CENTRAL, destinationLock: "none" });
    const governance = declared({ ...ENTRY, lockMode: "governance" });
    expect(findingsOf("backup-immutable", b.builder.single(b.plan), {}, { externalVaults: governance }).filter((f) => f.outcome === "violation")).toEqual([]);
  });
});
