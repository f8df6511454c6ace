import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { backupDesign, BACKUP_ACCOUNT } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-immutable";
const LOCK_HOWTO =
  "Add an aws.backup.VaultLockConfiguration with changeableForDays set (compliance mode) and minRetentionDays/maxRetentionDays that admit the plan's retention, or use a logically air-gapped vault.";

describe("backup-immutable", () => {
  it("passes compliance-mode locks on the source and the destination", () => {
    expect(findingsOf(ID, backupDesign().builder.stack())).toEqual([]);
  });

  it("passes a copy into a logically air-gapped vault", () => {
    expect(findingsOf(ID, backupDesign({ destinationAirGapped: true }).builder.stack())).toEqual([]);
  });

  it("flags a governance-mode lock (changeableForDays omitted), also on the lock alone (Analyze)", () => {
    const b = backupDesign({ destinationLock: "governance" });
    const finding = {
      ruleId: ID,
      urn: "urn:pulumi:dev::proj::aws:backup/vaultLockConfiguration:VaultLockConfiguration::dr-lock",
      outcome: "violation",
      code: "governance-lock",
      subject: "",
      message:
        'Vault lock "dr-lock" is in governance mode, so it can be removed. Its changeableForDays is not set: anyone allowed backup:DeleteBackupVaultLockConfiguration can remove the lock and then delete the recovery points. ' +
        "Set changeableForDays (at least 3) so the lock becomes immutable in compliance mode once that grace time has passed.",
    };
    expect(findingsOf(ID, b.builder.stack())).toEqual([finding]);
    expect(findingsOf(ID, b.builder.single(b.locks[1]))).toEqual([finding]);
  });

  it("flags a destination vault without any lock", () => {
    expect(findingsOf(ID, backupDesign({ destinationLock: "none" }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:backup/vault:Vault::dr",
        outcome: "violation",
        code: "not-locked",
        subject: "urn:pulumi:dev::proj::aws:backup/vault:Vault::dr",
        message:
          'Vault "dr" is not immutable, yet it holds recovery points of rule "daily" of backup plan "plan". Not locked: no aws.backup.VaultLockConfiguration in this stack locks vault "dr". ' +
          `Anyone with the account's backup permissions, or ransomware using them, can delete or shorten the backups. ${LOCK_HOWTO}`,
      },
    ]);
  });

  it("flags an unlocked source vault", () => {
    expect(outcomesOf(ID, backupDesign({ sourceLock: "none" }).builder.stack())).toEqual([
      "violation not-locked primary urn:pulumi:dev::proj::aws:backup/vault:Vault::primary",
    ]);
  });

  it("matches a lock to its vault by name when the lock names it literally", () => {
    const b = new PlannedStackBuilder();
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    b.add(AWS_TYPES.backupVaultLockConfiguration, "lock", { backupVaultName: "primary", changeableForDays: 3, minRetentionDays: 7 });
    const lag = b.add(AWS_TYPES.backupLogicallyAirGappedVault, "lag", { minRetentionDays: 7, maxRetentionDays: 100 }, { provider: b.provider("dr", { region: "us-east-1" }) });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "d", targetVaultName: "primary", lifecycle: { deleteAfter: 30 }, copyActions: [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 30 } }] }] }, { propertyDependencies: { rules: [primary, lag] } });
    expect(findingsOf(ID, b.stack())).toEqual([]);
  });

  it("does not take a same-named lock in another region for the vault's lock", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    b.add(AWS_TYPES.backupVaultLockConfiguration, "lock", { backupVaultName: "primary", changeableForDays: 3, minRetentionDays: 7 }, { provider: b.provider("dr", { region: "us-east-1" }) });
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "d", targetVaultName: "primary", lifecycle: { deleteAfter: 30 } }] });
    expect(outcomesOf(ID, b.stack())).toEqual(["violation not-locked primary urn:pulumi:dev::proj::aws:backup/vault:Vault::primary"]);
  });

  it("flags a lock whose minRetentionDays is below the configured minimum, and one without minRetentionDays", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.backupVaultLockConfiguration, "short", { backupVaultName: "a", changeableForDays: 3, minRetentionDays: 3 });
    b.add(AWS_TYPES.backupVaultLockConfiguration, "open", { backupVaultName: "b", changeableForDays: 3 });
    expect(findingsOf(ID, b.stack(), { minRetentionDays: 14 })).toEqual([
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:backup/vaultLockConfiguration:VaultLockConfiguration::open",
        outcome: "violation",
        code: "no-minimum-retention",
        subject: "",
        message: 'Vault lock "open" sets no minRetentionDays: recovery points can be deleted as soon as they are made. Set minRetentionDays to at least 14.',
      },
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:backup/vaultLockConfiguration:VaultLockConfiguration::short",
        outcome: "violation",
        code: "minimum-retention-too-low",
        subject: "",
        message: 'Vault lock "short" keeps recovery points at least 3 days (minRetentionDays), below the required 14. Raise minRetentionDays to at least 14.',
      },
    ]);
    expect(outcomesOf(ID, b.stack())).toEqual(["violation no-minimum-retention open", "violation minimum-retention-too-low short"]);
  });

  it("flags a copy whose retention the destination lock does not admit", () => {
    expect(findingsOf(ID, backupDesign({ copyDeleteAfter: 3 }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan",
        outcome: "violation",
        code: "retention-not-admitted",
        subject: 'rule "daily" → urn:pulumi:dev::proj::aws:backup/vault:Vault::dr',
        message:
          'The lock of vault "dr" refuses the retention of rule "daily" of backup plan "plan", so no immutable recovery point is made. The copy action keeps recovery points for 3 days, shorter than the lock\'s minRetentionDays 7: AWS Backup fails such backup and copy jobs. ' +
          "Set the rule's lifecycle.deleteAfter (or the copy action's) between the lock's minRetentionDays and maxRetentionDays.",
      },
    ]);
    expect(outcomesOf(ID, backupDesign({ copyDeleteAfter: 400 }).builder.stack())).toEqual([
      'violation retention-not-admitted plan rule "daily" → urn:pulumi:dev::proj::aws:backup/vault:Vault::dr',
    ]);
  });

  it("flags a copy kept forever into a vault whose lock sets a maximum", () => {
    const b = backupDesign();
    const plan = b.builder.stack().resources.find((r) => r.name === "plan");
    expect(plan).toBeDefined();
    const builder = new PlannedStackBuilder();
    const v = builder.add(AWS_TYPES.backupVault, "v", { name: "v" });
    builder.add(AWS_TYPES.backupVaultLockConfiguration, "l", { backupVaultName: "v", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 30 }, { propertyDependencies: { backupVaultName: [v] } });
    builder.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "d", targetVaultName: "v" }] });
    const [finding] = findingsOf(ID, builder.stack());
    expect([finding.code, finding.outcome]).toEqual(["retention-not-admitted", "violation"]);
    expect(finding.message).toContain("The backups keep recovery points for no expiry (kept until deleted), but the lock allows at most 30 days (maxRetentionDays)");
  });

  it("reports unresolved when changeableForDays is unknown in preview", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.backupVaultLockConfiguration, "l", { backupVaultName: "v", changeableForDays: UNKNOWN, minRetentionDays: 7 });
    expect(outcomesOf(ID, b.stack())).toEqual(["unresolved unresolved-lock-mode l"]);
  });

  it("reports unresolved for a destination vault outside the stack (literal ARN)", () => {
    const arn = `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:central`;
    expect(findingsOf(ID, backupDesign({ destinationArn: arn }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan",
        outcome: "unresolved",
        code: "unresolved-lock",
        subject: `rule "daily" → ${arn}`,
        message: `Cannot prove that vault "central" (outside this stack) is immutable. It receives the copy action of rule "daily" of backup plan "plan": vault "central" is not declared in this stack, so its lock cannot be seen (if it is the organisation's vault, declare it with its lock in the backup-external-vaults config). ${LOCK_HOWTO}`,
      },
    ]);
  });

  it("reports nothing about a plan on its own (Analyze) when its vaults are not visible", () => {
    const b = backupDesign({ sourceLock: "none", destinationLock: "none" });
    const single = findingsOf(ID, b.builder.single(b.plan));
    expect(single.every((f) => f.outcome === "unresolved")).toBe(true);
  });
});

describe("backup-immutable: long names", () => {
  it("keeps each first sentence within 160 characters when names are long, and names the resources in full after it", () => {
    const name = `orders-${"archive-".repeat(20)}eu`;
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) });
    const vault = b.add(AWS_TYPES.backupVault, name, { name });
    b.add(AWS_TYPES.backupVaultLockConfiguration, `${name}-lock`, { backupVaultName: name, minRetentionDays: 7 }, { propertyDependencies: { backupVaultName: [vault] } });
    const copies = b.add(AWS_TYPES.backupVault, `${name}-copies`, { name: `${name}-copies` });
    const rule = { ruleName: "daily", targetVaultName: name, schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 35 } }] };
    b.add(AWS_TYPES.backupPlan, `${name}-plan`, { name: `${name}-plan`, rules: [rule] }, { propertyDependencies: { rules: [vault, copies] } });
    expect(findingsOf(ID, b.stack()).map((f) => [f.code, f.message])).toEqual([
      [
        "not-locked",
        'Vault "orders-archive-archive-archive-archive-archive-archive-…" is not immutable, yet it holds recovery points of rule "daily". ' +
          `In full: vault "${name}-copies"; rule "daily" of backup plan "${name}-plan". ` +
          `Not locked: no aws.backup.VaultLockConfiguration in this stack locks vault "${name}-copies". ` +
          `Anyone with the account's backup permissions, or ransomware using them, can delete or shorten the backups. ${LOCK_HOWTO}`,
      ],
      [
        "governance-lock",
        'Vault lock "orders-archive-archive-archive-archive-archive-arc…" is in governance mode, so it can be removed. ' +
          `In full: vault lock "${name}-lock". ` +
          "Its changeableForDays is not set: anyone allowed backup:DeleteBackupVaultLockConfiguration can remove the lock and then delete the recovery points. " +
          "Set changeableForDays (at least 3) so the lock becomes immutable in compliance mode once that grace time has passed.",
      ],
    ]);
  });
});
