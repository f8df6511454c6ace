import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedResource } from "../../policies/core/planned-stack";
import { backupDesign } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, ResourceOptions, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-retention-minimum";
const urnOf = (type: string, name: string): string => `urn:pulumi:dev::proj::${type}::${name}`;
const PLAN = urnOf(AWS_TYPES.backupPlan, "plan");
const DB = urnOf(AWS_TYPES.rdsInstance, "db");
const LATE_DAMAGE =
  "Damage noticed later than that (data deleted or corrupted by mistake, by a bad release, or by ransomware that waited) can no longer be restored from them.";
const PLAN_COPY_REMEDY =
  "Set lifecycle.deleteAfter (the copy action's, or the rule's for a logically air-gapped target) to at least 30 days, or leave it unset to keep the copies until they are deleted.";
const PLAN_RULE_REMEDY = "Set the rule's lifecycle.deleteAfter to at least 30 days, or leave it unset to keep its recovery points until they are deleted.";
const NATIVE_COPY_REMEDY =
  "Keep them at least 30 days: the retainRule of a DLM cross-region copy rule (interval and intervalUnit), the retentionPeriod of an RDS automated-backup replication (at most 35 days).";
const RDS_REMEDY = "set backupRetentionPeriod (RDS keeps automated backups at most 35 days)";
const DESTINATION_ARN = "arn:aws:backup:eu-central-1:222222222222:backup-vault:dr";
/** A value computed from another resource: unknown in preview, with propertyDependencies. */
const SOURCE_OF_VALUES = new PlannedStackBuilder().add(AWS_TYPES.ec2Instance, "config-source", {});

/** A backup plan "plan" with the given rules, its target vault "primary" in the stack. */
function planWith(rules: JsonValue, options: ResourceOptions = {}) {
  const b = new PlannedStackBuilder();
  const vault = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
  const plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules }, { propertyDependencies: { rules: [vault] }, ...options });
  return { b, plan };
}

/** One rule "daily" into vault "primary", copied to a vault of the backup account in eu-central-1. */
function dailyRule(lifecycle: JsonValue | undefined, copyLifecycle: JsonValue | undefined, extra: JsonObject = {}): JsonObject {
  const copy: JsonObject = { destinationVaultArn: DESTINATION_ARN };
  if (copyLifecycle !== undefined) copy["lifecycle"] = copyLifecycle;
  const rule: JsonObject = { ruleName: "daily", targetVaultName: "primary", schedule: "cron(0 5 * * ? *)", copyActions: [copy], ...extra };
  if (lifecycle !== undefined) rule["lifecycle"] = lifecycle;
  return rule;
}

/** A data store alone in a stack (plus the resources `more` adds). */
function storeStack(type: string, props: JsonObject, options: ResourceOptions = {}, more: (b: PlannedStackBuilder, store: PlannedResource) => void = () => undefined) {
  const b = new PlannedStackBuilder();
  const store = b.add(type, type === AWS_TYPES.rdsInstance ? "db" : "store", props, options);
  more(b, store);
  return { b, store };
}

/** An RDS instance that keeps its automated backups on deletion, with the given props. */
function db(props: JsonObject, options: ResourceOptions = {}) {
  return storeStack(AWS_TYPES.rdsInstance, { deleteAutomatedBackups: false, ...props }, options).b.stack();
}

describe("backup-retention-minimum: AWS Backup plans", () => {
  it("flags a copy kept 3 days (the issue's done-when)", () => {
    expect(findingsOf(ID, backupDesign({ copyDeleteAfter: 3 }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "short-copy-retention",
        subject: 'rule "daily" → copy action',
        message: `rule "daily" of backup plan "plan" keeps its copies only 3 days, below the required 30 days. Copies: copy action → vault "dr" (lifecycle.deleteAfter). ${LATE_DAMAGE} ${PLAN_COPY_REMEDY}`,
      },
    ]);
  });

  it("passes copies kept 30 days or more, and recovery points and copies with no lifecycle (kept until deleted)", () => {
    expect(findingsOf(ID, backupDesign({ copyDeleteAfter: 30 }).builder.stack())).toEqual([]);
    expect(findingsOf(ID, backupDesign().builder.stack())).toEqual([]);
    expect(findingsOf(ID, planWith([dailyRule(undefined, undefined)]).b.stack())).toEqual([]);
    expect(findingsOf(ID, planWith([dailyRule({ coldStorageAfter: 30 }, {})]).b.stack())).toEqual([]);
  });

  it("flags recovery points of the rule itself kept too briefly", () => {
    expect(findingsOf(ID, planWith([dailyRule({ deleteAfter: 10 }, { deleteAfter: 35 })]).b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "short-backup-retention",
        subject: 'rule "daily"',
        message: `rule "daily" of backup plan "plan" keeps its recovery points only 10 days, below the required 30 days. Recovery points in vault "primary" (lifecycle.deleteAfter). ${LATE_DAMAGE} ${PLAN_RULE_REMEDY}`,
      },
    ]);
  });

  it("reports a retention unknown in preview as unresolved", () => {
    expect(findingsOf(ID, planWith([dailyRule({ deleteAfter: 35 }, { deleteAfter: UNKNOWN })]).b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "short-copy-retention",
        subject: 'rule "daily" → copy action',
        message: `cannot check how long rule "daily" of backup plan "plan" keeps its copies. Copies: copy action → vault "dr" (outside this stack) (lifecycle.deleteAfter unknown during preview). ${PLAN_COPY_REMEDY}`,
      },
    ]);
    expect(outcomesOf(ID, planWith([dailyRule(UNKNOWN, { deleteAfter: 35 })]).b.stack())).toEqual(['unresolved short-backup-retention plan rule "daily"']);
  });

  it("reports a retention of an unexpected type as unresolved, never as kept until deleted", () => {
    expect(findingsOf(ID, planWith([dailyRule({ deleteAfter: 35 }, { deleteAfter: "soon" })]).b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "short-copy-retention",
        subject: 'rule "daily" → copy action',
        message: `cannot check how long rule "daily" of backup plan "plan" keeps its copies. Copies: copy action → vault "dr" (outside this stack) (lifecycle.deleteAfter is not a number: an unexpected shape, so it cannot be judged). ${PLAN_COPY_REMEDY}`,
      },
    ]);
    expect(outcomesOf(ID, planWith([dailyRule({ deleteAfter: { days: 3 } }, { deleteAfter: 35 })]).b.stack())).toEqual(['unresolved short-backup-retention plan rule "daily"']);
  });

  it("judges a logically air-gapped target by the rule's lifecycle, like its recovery points", () => {
    const rule = dailyRule({ deleteAfter: 14 }, { deleteAfter: 35 }, { targetLogicallyAirGappedBackupVaultArn: "arn:aws:backup:eu-west-3:111111111111:backup-vault:airgapped" });
    expect(outcomesOf(ID, planWith([rule]).b.stack())).toEqual([
      'violation short-backup-retention plan rule "daily"',
      'violation short-copy-retention plan rule "daily" → logically air-gapped target',
    ]);
  });

  it("judges continuous backups (enableContinuousBackup) against minimumDays like every recovery point", () => {
    expect(outcomesOf(ID, planWith([dailyRule({ deleteAfter: 35 }, { deleteAfter: 35 }, { enableContinuousBackup: true })]).b.stack())).toEqual([]);
    expect(outcomesOf(ID, planWith([dailyRule({ deleteAfter: 14 }, { deleteAfter: 35 }, { enableContinuousBackup: true })]).b.stack())).toEqual([
      'violation short-backup-retention plan rule "daily"',
    ]);
  });

  it("applies a custom minimumDays", () => {
    expect(outcomesOf(ID, backupDesign().builder.stack(), { minimumDays: 60 })).toEqual([
      'violation short-backup-retention plan rule "daily"',
      'violation short-copy-retention plan rule "daily" → copy action',
    ]);
    expect(outcomesOf(ID, backupDesign({ copyDeleteAfter: 3 }).builder.stack(), { minimumDays: 3 })).toEqual([]);
  });

  it("judges a plan declared through an explicit provider in another region the same way", () => {
    const b = new PlannedStackBuilder();
    const frankfurt = b.provider("frankfurt", { region: "eu-central-1", assumeRoles: [{ roleArn: "arn:aws:iam::333333333333:role/x" }] });
    b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules: [dailyRule({ deleteAfter: 35 }, { deleteAfter: 3 })] }, { provider: frankfurt });
    expect(outcomesOf(ID, b.stack())).toEqual(['violation short-copy-retention plan rule "daily" → copy action']);
  });

  it("decides on the plan alone (Analyze)", () => {
    const { builder, plan } = backupDesign({ copyDeleteAfter: 3 });
    expect(outcomesOf(ID, builder.single(plan))).toEqual(['violation short-copy-retention plan rule "daily" → copy action']);
  });

  it("reports the same short retention once when the copy destination may be one of several vaults", () => {
    const b = new PlannedStackBuilder();
    const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr1 = b.add(AWS_TYPES.backupVault, "dr1", { name: "dr1" }, { provider: b.provider("dr", { region: "eu-central-1" }) });
    const dr2 = b.add(AWS_TYPES.backupVault, "dr2", { name: "dr2" }, { provider: b.provider("dr2", { region: "us-east-1" }) });
    b.add(
      AWS_TYPES.backupPlan,
      "plan",
      { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary", lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 3 } }] }] },
      { propertyDependencies: { rules: [primary, dr1, dr2] } },
    );
    expect(outcomesOf(ID, b.stack())).toEqual(['violation short-copy-retention plan rule "daily" → copy action']);
  });

  it("reports a plan whose rules cannot be read as unresolved", () => {
    expect(findingsOf(ID, planWith(UNKNOWN).b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unreadable-route",
        subject: "rules",
        message:
          'cannot check backup plan "plan": its rules are unknown during preview. Backups and copies must be kept at least 30 days; give their retention literal values so that it can be checked before the deployment runs.',
      },
    ]);
    expect(outcomesOf(ID, planWith("daily").b.stack())).toEqual(["unresolved unreadable-route plan rules"]);
    expect(outcomesOf(ID, planWith([42]).b.stack())).toEqual(["unresolved unreadable-route plan rules[0]"]);
    expect(outcomesOf(ID, planWith([dailyRule({ deleteAfter: 35 }, { deleteAfter: 35 }, { copyActions: UNKNOWN })]).b.stack())).toEqual([
      'unresolved unreadable-route plan rule "daily"',
    ]);
  });

  it.each<[string, JsonValue]>([
    ["lifecycle a string", [dailyRule("forever", "forever")]],
    ["copyActions entries of odd types", [dailyRule({ deleteAfter: 35 }, undefined, { copyActions: [null, "x", { lifecycle: [] }] })]],
    ["deleteAfter an object", [dailyRule({ deleteAfter: { days: 3 } }, { deleteAfter: true })]],
  ])("never throws on malformed shapes (%s)", (_name, rules) => {
    expect(() => findingsOf(ID, planWith(rules).b.stack())).not.toThrow();
  });
});

describe("backup-retention-minimum: native copies", () => {
  function replication(props: JsonObject, options: ResourceOptions = {}) {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "repl", { sourceDbInstanceArn: "arn:aws:rds:eu-west-3:111111111111:db:orders", ...props }, options);
    return b.stack();
  }

  it("flags an RDS automated-backup replication that keeps its copies the default 7 days", () => {
    expect(findingsOf(ID, replication({}))).toEqual([
      {
        ruleId: ID,
        urn: urnOf(AWS_TYPES.rdsAutomatedBackupsReplication, "repl"),
        outcome: "violation",
        code: "short-copy-retention",
        subject: "replicated automated backups",
        message:
          'automated-backup replication "repl" of "arn:aws:rds:eu-west-3:111111111111:db:orders" keeps its copies only 7 days, below the required 30 days. ' +
          `Copies: replicated automated backups → automated-backup replica "repl" (retentionPeriod default). ${LATE_DAMAGE} ${NATIVE_COPY_REMEDY}`,
      },
    ]);
    expect(outcomesOf(ID, replication({ retentionPeriod: 35 }))).toEqual([]);
    expect(outcomesOf(ID, replication({ retentionPeriod: UNKNOWN }, { propertyDependencies: { retentionPeriod: [SOURCE_OF_VALUES] } }))).toEqual([
      "unresolved short-copy-retention repl replicated automated backups",
    ]);
  });

  describe("DLM lifecycle policies", () => {
    const POLICY = urnOf(AWS_TYPES.dlmLifecyclePolicy, "dlm");

    function dlm(schedule: JsonObject, extra: JsonObject = {}) {
      const b = new PlannedStackBuilder();
      b.add(AWS_TYPES.ebsVolume, "vol", { availabilityZone: "eu-west-3a", tags: { backup: "yes" } });
      b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
        executionRoleArn: "arn:aws:iam::111111111111:role/dlm",
        policyDetails: { resourceTypes: ["VOLUME"], targetTags: { backup: "yes" }, schedules: [{ name: "daily", createRule: { interval: 24 }, ...schedule }] },
        ...extra,
      });
      return b.stack();
    }
    const longCopy = { target: "eu-central-1", encrypted: true, retainRule: { interval: 5, intervalUnit: "WEEKS" } };

    it("flags a schedule that keeps 7 daily snapshots (count × interval), and a copy rule that keeps its copies 7 days", () => {
      const stack = dlm({ retainRule: { count: 7 }, crossRegionCopyRules: [{ ...longCopy, retainRule: { interval: 7, intervalUnit: "DAYS" } }] });
      expect(findingsOf(ID, stack)).toEqual([
        {
          ruleId: ID,
          urn: POLICY,
          outcome: "violation",
          code: "short-backup-retention",
          subject: 'schedule "daily"',
          message:
            'schedule "daily" of lifecycle policy "dlm" keeps its snapshots only 7 days, below the required 30 days. The snapshots of schedule "daily" (retainRule.count 7 × createRule.interval 24 hours). ' +
            `${LATE_DAMAGE} Keep them at least 30 days: set the schedule's retainRule (interval and intervalUnit, or a count of snapshots that spans as many days).`,
        },
        {
          ruleId: ID,
          urn: POLICY,
          outcome: "violation",
          code: "short-copy-retention",
          subject: 'schedule "daily" → cross-region copy crossRegionCopyRules[0]',
          message:
            'schedule "daily" of lifecycle policy "dlm" keeps its copies only 7 days, below the required 30 days. ' +
            "Copies: cross-region copy crossRegionCopyRules[0] → the DLM copy destination eu-central-1 (policyDetails.schedules[0].crossRegionCopyRules[0]) (7 DAYS). " +
            `${LATE_DAMAGE} ${NATIVE_COPY_REMEDY}`,
        },
      ]);
    });

    it("passes schedules and copy rules that keep 30 days or more", () => {
      expect(outcomesOf(ID, dlm({ retainRule: { count: 30 }, crossRegionCopyRules: [longCopy] }))).toEqual([]);
      expect(outcomesOf(ID, dlm({ retainRule: { interval: 1, intervalUnit: "MONTHS" }, crossRegionCopyRules: [longCopy] }))).toEqual([]);
      expect(outcomesOf(ID, dlm({ createRule: { interval: 12, intervalUnit: "HOURS" }, retainRule: { count: 60 } }))).toEqual([]);
    });

    it("cannot convert a count of cron-scheduled snapshots, nor an unknown retain rule", () => {
      expect(outcomesOf(ID, dlm({ createRule: { cronExpression: "cron(0 5 ? * MON *)" }, retainRule: { count: 8 } }))).toEqual([
        'unresolved short-backup-retention dlm schedule "daily"',
      ]);
      expect(outcomesOf(ID, dlm({ retainRule: UNKNOWN }))).toEqual(['unresolved short-backup-retention dlm schedule "daily"']);
    });

    it("reports what a policy whose state is unknown would keep too briefly as unresolved", () => {
      const [finding] = findingsOf(ID, dlm({ retainRule: { count: 7 } }, { state: UNKNOWN }));
      expect(finding).toEqual(expect.objectContaining({ outcome: "unresolved", code: "short-backup-retention", subject: 'schedule "daily"' }));
      expect(finding.message).toMatch(/^schedule "daily" of lifecycle policy "dlm" keeps its snapshots only 7 days, below the required 30 days\. .* \(This applies only if schedule "daily" of lifecycle policy "dlm" is in effect: its state \(ENABLED or DISABLED\) is unknown during preview\.\)$/);
      expect(outcomesOf(ID, dlm({ retainRule: { count: 7 } }, { state: "DISABLED" }))).toEqual([]);
    });

    it("reports schedules unknown in preview as unresolved", () => {
      const b = new PlannedStackBuilder();
      b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", { policyDetails: { resourceTypes: ["VOLUME"], targetTags: { backup: "yes" }, schedules: UNKNOWN } });
      expect(outcomesOf(ID, b.stack())).toEqual(["unresolved unreadable-route dlm policyDetails.schedules"]);
    });
  });

  describe("S3 replica buckets", () => {
    const REPLICA = urnOf(AWS_TYPES.s3Bucket, "replica");

    /** Bucket "source" replicated into bucket "replica" (eu-central-1) with the given Object Lock default retention. */
    function replicated(defaultRetention?: JsonObject) {
      const b = new PlannedStackBuilder();
      const dr = b.provider("dr", { region: "eu-central-1" });
      const replica = b.add(AWS_TYPES.s3Bucket, "replica", { bucket: "rep", objectLockEnabled: true }, { provider: dr });
      if (defaultRetention) {
        b.add(AWS_TYPES.s3ObjectLock, "replica-lock", { bucket: UNKNOWN, rule: { defaultRetention } }, { provider: dr, propertyDependencies: { bucket: [replica] } });
      }
      const source = b.add(AWS_TYPES.s3Bucket, "source", { bucket: "src" });
      b.add(
        AWS_TYPES.s3ReplicationConfig,
        "replication",
        { bucket: UNKNOWN, role: "arn:aws:iam::111111111111:role/replication", rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: UNKNOWN } }] },
        { propertyDependencies: { bucket: [source], rules: [replica] } },
      );
      return b.stack();
    }

    it("flags a replica bucket whose COMPLIANCE lock keeps replicas 3 days", () => {
      expect(findingsOf(ID, replicated({ mode: "COMPLIANCE", days: 3 }))).toEqual([
        {
          ruleId: ID,
          urn: REPLICA,
          outcome: "violation",
          code: "short-replica-lock",
          subject: 'Object Lock configuration "replica-lock"',
          message:
            'Object Lock configuration "replica-lock" locks the replicas in bucket "replica" for only 3 days, below the required 30 days. ' +
            'They come from replication rule "to-dr" of replication configuration "replication" of bucket "source", and its default retention is 3 days: ' +
            "after that, whoever holds the production credentials (or ransomware using them) can delete or overwrite them, and the replication copies the damage. " +
            'Raise the default retention of Object Lock configuration "replica-lock" (rule.defaultRetention.days or years, mode COMPLIANCE) to at least 30 days.',
        },
      ]);
    });

    it("passes a lock of 30 days or a year, and leaves unlocked or GOVERNANCE replicas to backup-immutable", () => {
      expect(outcomesOf(ID, replicated({ mode: "COMPLIANCE", days: 30 }))).toEqual([]);
      expect(outcomesOf(ID, replicated({ mode: "COMPLIANCE", years: 1 }))).toEqual([]);
      expect(outcomesOf(ID, replicated({ mode: "GOVERNANCE", days: 3 }))).toEqual([]);
      expect(outcomesOf(ID, replicated())).toEqual([]);
    });

    it("reports a lock retention unknown in preview as unresolved", () => {
      expect(outcomesOf(ID, replicated({ mode: "COMPLIANCE", days: UNKNOWN }))).toEqual(['unresolved short-replica-lock replica Object Lock configuration "replica-lock"']);
    });
  });

  it("passes copies kept until deleted (EBS snapshot copies, EFS replicas)", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.ebsSnapshotCopy, "copy", { sourceSnapshotId: "snap-0123", sourceRegion: "eu-west-3" });
    const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { id: UNKNOWN });
    b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination: { region: "eu-central-1" } }, { propertyDependencies: { sourceFileSystemId: [fs] } });
    expect(outcomesOf(ID, b.stack())).toEqual([]);
  });
});

describe("backup-retention-minimum: the data stores' own backups", () => {
  it("flags an RDS instance without automated backups (backupRetentionPeriod omitted)", () => {
    expect(findingsOf(ID, db({}))).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "violation",
        code: "no-point-in-time-backups",
        subject: "backupRetentionPeriod",
        message:
          'Instance "db" has no automated backups: backupRetentionPeriod default (automated backups off). Data deleted or corrupted by mistake, by a bad release or by ransomware cannot be restored to a moment of the last 7 days. ' +
          `Turn on automated backups with a retention of at least 7 days: ${RDS_REMEDY}.`,
      },
    ]);
  });

  it("flags automated backups kept 3 days, passes 7", () => {
    expect(findingsOf(ID, db({ backupRetentionPeriod: 3 }))).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "violation",
        code: "short-point-in-time-retention",
        subject: "backupRetentionPeriod",
        message: `Instance "db" keeps its automated backups only 3 days, below the required 7 days. Retention: backupRetentionPeriod. ${LATE_DAMAGE} Raise the retention to at least 7 days: ${RDS_REMEDY}.`,
      },
    ]);
    expect(findingsOf(ID, db({ backupRetentionPeriod: 7 }))).toEqual([]);
  });

  it("reports a retention computed from another resource as unresolved; one the provider computes is its default", () => {
    expect(findingsOf(ID, db({ backupRetentionPeriod: UNKNOWN }, { propertyDependencies: { backupRetentionPeriod: [SOURCE_OF_VALUES] } }))).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "unresolved",
        code: "short-point-in-time-retention",
        subject: "backupRetentionPeriod",
        message: `cannot check how long Instance "db" keeps its automated backups. Its retention is not known: backupRetentionPeriod unknown during preview. The retention must be at least 7 days: ${RDS_REMEDY}.`,
      },
    ]);
    expect(outcomesOf(ID, db({ backupRetentionPeriod: UNKNOWN }))).toEqual(["violation no-point-in-time-backups db backupRetentionPeriod"]);
  });

  it("flags an Aurora cluster that keeps the default single day", () => {
    const cluster = storeStack(AWS_TYPES.rdsCluster, { engine: "aurora-postgresql", deleteAutomatedBackups: false });
    expect(outcomesOf(ID, cluster.b.stack())).toEqual(["violation short-point-in-time-retention store backupRetentionPeriod"]);
  });

  it("flags a DynamoDB table without point-in-time recovery, or with a 3-day recovery period; passes the default 35", () => {
    const table = (props: JsonObject) => storeStack(AWS_TYPES.dynamodbTable, { hashKey: "id", ...props }).b.stack();
    expect(findingsOf(ID, table({}))).toEqual([
      {
        ruleId: ID,
        urn: urnOf(AWS_TYPES.dynamodbTable, "store"),
        outcome: "violation",
        code: "no-point-in-time-backups",
        subject: "pointInTimeRecovery",
        message:
          'Table "store" has no point-in-time recovery: pointInTimeRecovery is not set, and it is off by default. Data deleted or corrupted by mistake, by a bad release or by ransomware cannot be restored to a moment of the last 7 days. ' +
          "Turn on point-in-time recovery with a retention of at least 7 days: set pointInTimeRecovery: { enabled: true } (it then keeps 35 days unless recoveryPeriodInDays says otherwise).",
      },
    ]);
    expect(outcomesOf(ID, table({ pointInTimeRecovery: { enabled: false } }))).toEqual(["violation no-point-in-time-backups store pointInTimeRecovery"]);
    expect(outcomesOf(ID, table({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 } }))).toEqual([
      "violation short-point-in-time-retention store pointInTimeRecovery.recoveryPeriodInDays",
    ]);
    expect(outcomesOf(ID, table({ pointInTimeRecovery: { enabled: true } }))).toEqual([]);
    expect(outcomesOf(ID, table({ pointInTimeRecovery: { enabled: UNKNOWN } }))).toEqual(["unresolved short-point-in-time-retention store pointInTimeRecovery.enabled"]);
    expect(outcomesOf(ID, table({ pointInTimeRecovery: "on" }))).toEqual(["unresolved short-point-in-time-retention store pointInTimeRecovery"]);
  });

  it("judges FSx automatic backups and final backups", () => {
    const fsx = (type: string, props: JsonObject) => outcomesOf(ID, storeStack(type, props).b.stack());
    expect(fsx(AWS_TYPES.fsxWindows, {})).toEqual([]);
    expect(fsx(AWS_TYPES.fsxWindows, { automaticBackupRetentionDays: 3 })).toEqual(["violation short-point-in-time-retention store automaticBackupRetentionDays"]);
    expect(fsx(AWS_TYPES.fsxOntap, { deploymentType: "MULTI_AZ_1" })).toEqual(["violation no-point-in-time-backups store automaticBackupRetentionDays"]);
    expect(fsx(AWS_TYPES.fsxOpenZfs, { automaticBackupRetentionDays: 30, skipFinalBackup: true })).toEqual(["violation destroys-backups-on-delete store skipFinalBackup"]);
    expect(fsx(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_2", automaticBackupRetentionDays: 10 })).toEqual(["violation destroys-backups-on-delete store skipFinalBackup"]);
    expect(fsx(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_2", automaticBackupRetentionDays: 10, skipFinalBackup: false })).toEqual([]);
    // A scratch file system cannot keep backups: nothing for this policy to tune (backup-coverage judges it).
    expect(fsx(AWS_TYPES.fsxLustre, {})).toEqual([]);
  });

  it("judges EFS automatic backups (35 days) only against a minimum above that", () => {
    const efs = storeStack(AWS_TYPES.efsFileSystem, { id: UNKNOWN }, {}, (b, fs) => {
      b.add(AWS_TYPES.efsBackupPolicy, "policy", { fileSystemId: UNKNOWN, backupPolicy: { status: "ENABLED" } }, { propertyDependencies: { fileSystemId: [fs] } });
    }).b.stack();
    expect(outcomesOf(ID, efs)).toEqual([]);
    const [finding] = findingsOf(ID, efs, { minimumPointInTimeDays: 40 });
    expect(finding.message).toBe(
      'FileSystem "store" keeps its automatic backups (backup policy "policy") only 35 days, below the required 40 days. Retention: backup policy "policy" ENABLED: the EFS automatic-backup plan keeps daily backups 35 days. ' +
        `${LATE_DAMAGE} Raise the retention to at least 40 days: the EFS backup policy keeps its daily backups 35 days, which cannot be changed: back the file system up with an AWS Backup plan whose rule keeps them longer.`,
    );
  });

  it("applies a custom minimumPointInTimeDays", () => {
    expect(outcomesOf(ID, db({ backupRetentionPeriod: 7 }), { minimumPointInTimeDays: 14 })).toEqual(["violation short-point-in-time-retention db backupRetentionPeriod"]);
    expect(outcomesOf(ID, db({ backupRetentionPeriod: 3 }), { minimumPointInTimeDays: 3 })).toEqual([]);
  });

  it("decides on the store alone (Analyze), and for a store declared through a provider in another region", () => {
    const { b, store } = storeStack(AWS_TYPES.rdsInstance, { backupRetentionPeriod: 3, deleteAutomatedBackups: false });
    expect(outcomesOf(ID, b.single(store))).toEqual(["violation short-point-in-time-retention db backupRetentionPeriod"]);
    const far = new PlannedStackBuilder();
    far.add(AWS_TYPES.rdsInstance, "db", { backupRetentionPeriod: 3, deleteAutomatedBackups: false }, { provider: far.provider("virginia", { region: "us-east-1" }) });
    expect(outcomesOf(ID, far.stack())).toEqual(["violation short-point-in-time-retention db backupRetentionPeriod"]);
  });
});

describe("backup-retention-minimum: settings that destroy backups", () => {
  const ACCOUNT = "111111111111";
  const CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([ACCOUNT]) };
  const DAB_EFFECT = "deleting or replacing the instance also deletes its automated backups at once, so its point-in-time history goes with it.";
  const DAB_REMEDY = "Set deleteAutomatedBackups: false so that the automated backups are kept until their retention period ends.";
  const DAB_LOST = "its automated backups, and with them restores to any point in time of their retention period.";
  const SFS_EFFECT = "deleting or replacing the instance takes no final snapshot, so nothing of the database outlives it but what other backups hold.";
  const SFS_REMEDY = "Set skipFinalSnapshot: false and a finalSnapshotIdentifier so that a last snapshot is kept when the database is deleted.";
  const NO_COPY = "No AWS Backup recovery point, snapshot copy or other lasting copy outlives it.";
  const SELECTION_SURVIVES = 'the recovery points of AWS Backup selection "selection", kept in their vault whatever becomes of the store (backup plan "plan")';

  /**
   * An RDS instance "db" (ARN known, as in an update) with the given props, and what `more` adds: an AWS
   * Backup plan and selection, a snapshot copy, a replication.
   */
  function instance(props: JsonObject, more: (b: PlannedStackBuilder, db: PlannedResource) => void = () => undefined, options: ResourceOptions = {}) {
    const b = new PlannedStackBuilder(CONFIG);
    const db = b.add(AWS_TYPES.rdsInstance, "db", { arn: `arn:aws:rds:eu-west-3:${ACCOUNT}:db:db`, identifier: "db", backupRetentionPeriod: 7, ...props }, options);
    more(b, db);
    return b;
  }

  /** A plan with the given rules into vault "vault", and a selection of `db` by reference (from `provider` when given). */
  function awsBackup(rules: JsonValue, selectionProps: JsonObject = {}, provider?: { region: string; account?: string }, byReference = true) {
    return (b: PlannedStackBuilder, db: PlannedResource): void => {
      const p = provider
        ? b.provider("other", { region: provider.region, ...(provider.account ? { assumeRoles: [{ roleArn: `arn:aws:iam::${provider.account}:role/backup` }] } : {}) })
        : undefined;
      const vault = b.add(AWS_TYPES.backupVault, "vault", { name: "vault" }, { provider: p });
      const plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", id: UNKNOWN, rules }, { propertyDependencies: { rules: [vault] }, provider: p });
      b.add(
        AWS_TYPES.backupSelection,
        "selection",
        { name: "selection", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, planId: UNKNOWN, resources: [UNKNOWN], ...selectionProps },
        { propertyDependencies: { planId: [plan], ...(byReference ? { resources: [db] } : {}) }, provider: p },
      );
    };
  }
  const SNAPSHOT_RULE = [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 } }];
  const CONTINUOUS_RULE = [{ ruleName: "pitr", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", enableContinuousBackup: true, lifecycle: { deleteAfter: 35 } }];

  it("flags deleteAutomatedBackups and skipFinalSnapshot on a store with no other copy: its backups are the last copy", () => {
    expect(findingsOf(ID, instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }).stack())).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "violation",
        code: "destroys-backups-on-delete",
        subject: "deleteAutomatedBackups",
        message:
          'Instance "db" takes its last backups with it when deleted or replaced (deleteAutomatedBackups). It is a protected data store (resourceTypes). ' +
          `Since deleteAutomatedBackups is true, ${DAB_EFFECT} ${NO_COPY} ${DAB_REMEDY}`,
      },
      {
        ruleId: ID,
        urn: DB,
        outcome: "violation",
        code: "destroys-backups-on-delete",
        subject: "skipFinalSnapshot",
        message:
          'Instance "db" takes its last backups with it when deleted or replaced (skipFinalSnapshot). It is a protected data store (resourceTypes). ' +
          `Since skipFinalSnapshot is true, ${SFS_EFFECT} ${NO_COPY} ${SFS_REMEDY}`,
      },
    ]);
    const cluster = storeStack(AWS_TYPES.rdsCluster, { backupRetentionPeriod: 7, deleteAutomatedBackups: false, skipFinalSnapshot: "true" });
    expect(outcomesOf(ID, cluster.b.stack())).toEqual(["violation destroys-backups-on-delete store skipFinalSnapshot"]);
  });

  it("reports deleteAutomatedBackups (omitted: the provider's default is true) as advisory when the final snapshot is kept", () => {
    expect(findingsOf(ID, instance({}).stack())).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "advisory",
        code: "destroys-backups-on-delete",
        subject: "deleteAutomatedBackups",
        message:
          'Instance "db" deletes backups with it when deleted or replaced (deleteAutomatedBackups), but another copy outlives it. ' +
          `Since deleteAutomatedBackups is not set, and the provider's default is true, ${DAB_EFFECT} ` +
          "What survives: the final snapshot taken when the instance is deleted (skipFinalSnapshot is not set, and the provider's default is false), kept until someone deletes it. " +
          `What is still lost: ${DAB_LOST} ${DAB_REMEDY}`,
      },
    ]);
    expect(outcomesOf(ID, instance({ deleteAutomatedBackups: true, skipFinalSnapshot: false }).stack())).toEqual(["advisory destroys-backups-on-delete db deleteAutomatedBackups"]);
    expect(outcomesOf(ID, instance({ deleteAutomatedBackups: false, skipFinalSnapshot: false }).stack())).toEqual([]);
  });

  it("reports both settings as advisory when AWS Backup recovery points of the store outlive it", () => {
    const stack = instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, awsBackup(SNAPSHOT_RULE)).stack();
    expect(findingsOf(ID, stack)).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "advisory",
        code: "destroys-backups-on-delete",
        subject: "deleteAutomatedBackups",
        message:
          'Instance "db" deletes backups with it when deleted or replaced (deleteAutomatedBackups), but another copy outlives it. ' +
          `Since deleteAutomatedBackups is true, ${DAB_EFFECT} What survives: ${SELECTION_SURVIVES}. What is still lost: ${DAB_LOST} ${DAB_REMEDY}`,
      },
      {
        ruleId: ID,
        urn: DB,
        outcome: "advisory",
        code: "destroys-backups-on-delete",
        subject: "skipFinalSnapshot",
        message:
          'Instance "db" deletes backups with it when deleted or replaced (skipFinalSnapshot), but another copy outlives it. ' +
          `Since skipFinalSnapshot is true, ${SFS_EFFECT} What survives: ${SELECTION_SURVIVES}. ` +
          `What is still lost: the final snapshot, i.e. the data written since the last backup that outlives it. ${SFS_REMEDY}`,
      },
    ]);
  });

  it("keeps them mandatory when the AWS Backup plan makes only continuous backups (the database's own automated backups)", () => {
    const stack = instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, awsBackup(CONTINUOUS_RULE)).stack();
    expect(outcomesOf(ID, stack)).toEqual([
      "violation destroys-backups-on-delete db deleteAutomatedBackups",
      "violation destroys-backups-on-delete db skipFinalSnapshot",
    ]);
    // A continuous rule's copies are snapshots in another vault: they outlive the database.
    const copied = [{ ...CONTINUOUS_RULE[0], copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-central-1:222222222222:backup-vault:dr" }] }];
    expect(outcomesOf(ID, instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, awsBackup(copied)).stack())).toEqual([
      "advisory destroys-backups-on-delete db deleteAutomatedBackups",
      "advisory destroys-backups-on-delete db skipFinalSnapshot",
    ]);
  });

  it("fails closed when the selection may not cover the store, or the plan's rules are unknown in preview", () => {
    const unsure = instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, (b, db) => {
      awsBackup(SNAPSHOT_RULE, { resources: [], selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: UNKNOWN }] }, undefined, false)(b, db);
    }).stack();
    const [first] = findingsOf(ID, unsure);
    expect(first).toEqual({
      ruleId: ID,
      urn: DB,
      outcome: "unresolved",
      code: "destroys-backups-on-delete",
      subject: "deleteAutomatedBackups",
      message:
        'cannot tell whether any copy of Instance "db" outlives it, and deleteAutomatedBackups deletes its backups with it. ' +
        `Since deleteAutomatedBackups is true, ${DAB_EFFECT} Copies that may outlive it: AWS Backup selection "selection", which may not cover it: ` +
        `its resources, tags or conditions, or the store's tags, are unknown during preview. ${DAB_REMEDY}`,
    });
    expect(outcomesOf(ID, instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, awsBackup(UNKNOWN)).stack())).toEqual([
      "unresolved unreadable-route plan rules",
      "unresolved destroys-backups-on-delete db deleteAutomatedBackups",
      "unresolved destroys-backups-on-delete db skipFinalSnapshot",
    ]);
  });

  it("counts a selection through an explicit provider in another region or account for nothing: AWS Backup selects its own region and account only", () => {
    for (const provider of [{ region: "us-east-1" }, { region: "eu-west-3", account: "222222222222" }]) {
      const stack = instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, awsBackup(SNAPSHOT_RULE, {}, provider)).stack();
      expect(outcomesOf(ID, stack)).toEqual([
        "violation destroys-backups-on-delete db deleteAutomatedBackups",
        "violation destroys-backups-on-delete db skipFinalSnapshot",
      ]);
    }
  });

  it("counts an RDS snapshot copy (a manual snapshot) but not replicated automated backups, which go with the instance's", () => {
    const snapshotCopy = instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, (b, db) => {
      const snapshot = b.add(AWS_TYPES.rdsSnapshot, "snap", { dbInstanceIdentifier: UNKNOWN, dbSnapshotIdentifier: "snap" }, { propertyDependencies: { dbInstanceIdentifier: [db] } });
      b.add(
        AWS_TYPES.rdsSnapshotCopy,
        "copy",
        { sourceDbSnapshotIdentifier: UNKNOWN, targetDbSnapshotIdentifier: "copy", destinationRegion: "eu-central-1" },
        { propertyDependencies: { sourceDbSnapshotIdentifier: [snapshot] } },
      );
    }).stack();
    const findings = findingsOf(ID, snapshotCopy).filter((f) => f.code === "destroys-backups-on-delete");
    expect(findings.map((f) => `${f.outcome} ${f.subject}`)).toEqual(["advisory deleteAutomatedBackups", "advisory skipFinalSnapshot"]);
    expect(findings[0].message).toContain('What survives: snapshot copy "copy" of Snapshot "snap", a manual snapshot that deleting the database leaves alone.');
    const replicated = instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true }, (b, db) => {
      const far = b.provider("far", { region: "eu-central-1" });
      b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "repl", { sourceDbInstanceArn: UNKNOWN, retentionPeriod: 35 }, { provider: far, propertyDependencies: { sourceDbInstanceArn: [db] } });
    }).stack();
    expect(outcomesOf(ID, replicated)).toEqual([
      "violation destroys-backups-on-delete db deleteAutomatedBackups",
      "violation destroys-backups-on-delete db skipFinalSnapshot",
    ]);
  });

  it("reports FSx skipFinalBackup as advisory when AWS Backup keeps the file system's backups", () => {
    const b = new PlannedStackBuilder(CONFIG);
    const fs = b.add(AWS_TYPES.fsxOpenZfs, "fs", { arn: `arn:aws:fsx:eu-west-3:${ACCOUNT}:file-system/fs-1`, automaticBackupRetentionDays: 30, skipFinalBackup: true });
    awsBackup(SNAPSHOT_RULE)(b, fs);
    const [finding] = findingsOf(ID, b.stack());
    expect(finding).toEqual({
      ruleId: ID,
      urn: urnOf(AWS_TYPES.fsxOpenZfs, "fs"),
      outcome: "advisory",
      code: "destroys-backups-on-delete",
      subject: "skipFinalBackup",
      message:
        'OpenZfsFileSystem "fs" deletes backups with it when deleted or replaced (skipFinalBackup), but another copy outlives it. ' +
        "Since skipFinalBackup is true, deleting or replacing the file system takes no final backup, and its automatic backups are deleted with it. " +
        'What survives: the recovery points of AWS Backup selection "selection", kept in their vault whatever becomes of the store. ' +
        "What is still lost: the final backup and the automatic backups, i.e. the data written since the last backup that outlives it and the daily backups. " +
        "Set skipFinalBackup: false so that a final backup is kept when the file system is deleted.",
    });
  });

  it("reports a setting computed from another resource as unresolved, or as advisory when another copy outlives the store anyway", () => {
    const stack = db({ backupRetentionPeriod: 7, skipFinalSnapshot: UNKNOWN }, { propertyDependencies: { skipFinalSnapshot: [SOURCE_OF_VALUES] } });
    expect(findingsOf(ID, stack)).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "unresolved",
        code: "destroys-backups-on-delete",
        subject: "skipFinalSnapshot",
        message:
          'cannot tell whether Instance "db" keeps its backups when it is deleted (skipFinalSnapshot). ' +
          `The setting cannot be read during preview (skipFinalSnapshot unknown during preview); if it is true, ${SFS_EFFECT} ${SFS_REMEDY}`,
      },
    ]);
    const covered = instance({ deleteAutomatedBackups: false, skipFinalSnapshot: UNKNOWN }, awsBackup(SNAPSHOT_RULE), { propertyDependencies: { skipFinalSnapshot: [SOURCE_OF_VALUES] } });
    expect(outcomesOf(ID, covered.stack())).toEqual(["advisory destroys-backups-on-delete db skipFinalSnapshot"]);
  });

  it("proves nothing on the store alone (Analyze): its other copies are judged with the whole stack", () => {
    const b = instance({ deleteAutomatedBackups: true, skipFinalSnapshot: true });
    const [store] = b.stack().resources;
    expect(outcomesOf(ID, b.single(store))).toEqual([
      "unresolved destroys-backups-on-delete db deleteAutomatedBackups",
      "unresolved destroys-backups-on-delete db skipFinalSnapshot",
    ]);
  });

  it("does not judge destructive settings with flagDestructiveSettings off", () => {
    expect(outcomesOf(ID, db({ backupRetentionPeriod: 7, deleteAutomatedBackups: true, skipFinalSnapshot: true }), { flagDestructiveSettings: false })).toEqual([]);
  });
});

describe("backup-retention-minimum: which stores are protected", () => {
  const tagged = (tags: JsonValue) => db({ tags });

  it("does not judge a store excluded by tag, nor a type out of resourceTypes", () => {
    expect(outcomesOf(ID, tagged({ "data-class": "scratch" }), { excludeTags: ["data-class=scratch"] })).toEqual([]);
    expect(outcomesOf(ID, tagged({ "data-class": "orders" }), { excludeTags: ["data-class=scratch"] })).toEqual(["violation no-point-in-time-backups db backupRetentionPeriod"]);
    expect(outcomesOf(ID, db({}), { resourceTypes: ["aws:dynamodb/table:Table"] })).toEqual([]);
  });

  it("reports a store whose tags are unknown in preview as unresolved when tags decide its scope", () => {
    const [finding] = findingsOf(ID, tagged(UNKNOWN), { excludeTags: ["data-class=scratch"] });
    expect(finding).toEqual({
      ruleId: ID,
      urn: DB,
      outcome: "unresolved",
      code: "no-point-in-time-backups",
      subject: "backupRetentionPeriod",
      message:
        'cannot tell whether Instance "db" must be protected: its tags are unknown during preview and includeTags/excludeTags decide it. If it must: Instance "db" has no automated backups: backupRetentionPeriod default (automated backups off). ' +
        `Data deleted or corrupted by mistake, by a bad release or by ransomware cannot be restored to a moment of the last 7 days. Turn on automated backups with a retention of at least 7 days: ${RDS_REMEDY}.`,
    });
    expect(outcomesOf(ID, tagged(UNKNOWN))).toEqual(["violation no-point-in-time-backups db backupRetentionPeriod"]);
  });

  it("has nothing to say about a protected bucket's own backups (S3 keeps none)", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.s3Bucket, "orders", { bucket: "orders", tags: { "backup-guard:protected": "yes" } });
    expect(outcomesOf(ID, b.stack())).toEqual([]);
  });
});

describe("backup-retention-minimum: config", () => {
  it("refuses unknown keys and invalid values, naming them", () => {
    expect(() => findingsOf(ID, db({}), { minimumDay: 30 })).toThrow('backup-retention-minimum: unknown config key "minimumDay"');
    expect(() => findingsOf(ID, db({}), { minimumDays: 0 })).toThrow('backup-retention-minimum: config key "minimumDays" must be >= 1');
    expect(() => findingsOf(ID, db({}), { minimumPointInTimeDays: 7.5 })).toThrow('backup-retention-minimum: config key "minimumPointInTimeDays" must be integer');
    expect(() => findingsOf(ID, db({}), { flagDestructiveSettings: "no" })).toThrow('backup-retention-minimum: config key "flagDestructiveSettings" must be boolean');
  });

  it("has the documented defaults", () => {
    expect(outcomesOf(ID, backupDesign({ copyDeleteAfter: 29 }).builder.stack())).toEqual(['violation short-copy-retention plan rule "daily" → copy action']);
    expect(outcomesOf(ID, db({ backupRetentionPeriod: 6 }))).toEqual(["violation short-point-in-time-retention db backupRetentionPeriod"]);
  });
});

describe("backup-retention-minimum: S3 replicas whose lock cannot be read", () => {
  it("reports a replica bucket outside the stack as unresolved: its Object Lock retention cannot be checked", () => {
    const b = new PlannedStackBuilder();
    const source = b.add(AWS_TYPES.s3Bucket, "source", { bucket: "source" });
    b.add(
      AWS_TYPES.s3ReplicationConfig,
      "replication",
      { bucket: UNKNOWN, role: "arn:aws:iam::111111111111:role/r", rules: [{ id: "all", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] },
      { propertyDependencies: { bucket: [source] } },
    );
    expect(outcomesOf(ID, b.stack())).toEqual(['unresolved short-replica-lock replication Object Lock']);
  });

  it("reports an in-stack replica whose lock mode is unknown during preview as unresolved", () => {
    const b = new PlannedStackBuilder();
    const role = b.add(AWS_TYPES.ec2Instance, "config-source", {});
    const source = b.add(AWS_TYPES.s3Bucket, "source", { bucket: "source" });
    const replica = b.add(AWS_TYPES.s3Bucket, "replica", { bucket: "replica", objectLockEnabled: true }, { provider: b.provider("dr", { region: "eu-central-1" }) });
    b.add(AWS_TYPES.s3ObjectLock, "replica-lock", { bucket: UNKNOWN, rule: { defaultRetention: { mode: UNKNOWN, days: 3 } } }, { propertyDependencies: { bucket: [replica], rule: [role] } });
    b.add(
      AWS_TYPES.s3ReplicationConfig,
      "replication",
      { bucket: UNKNOWN, role: "arn:aws:iam::111111111111:role/r", rules: [{ id: "all", status: "Enabled", destination: { bucket: UNKNOWN } }] },
      { propertyDependencies: { bucket: [source], rules: [replica] } },
    );
    expect(outcomesOf(ID, b.stack())).toEqual(["unresolved short-replica-lock replica Object Lock"]);
  });
});

describe("backup-retention-minimum: DocumentDB and Neptune clusters (opt-in types)", () => {
  it("judges a listed cluster's backupRetentionPeriod (default 1 day) and skipFinalSnapshot", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.docdbCluster, "docs", { clusterIdentifier: "docs", skipFinalSnapshot: true });
    b.add(AWS_TYPES.neptuneCluster, "graph", { clusterIdentifier: "graph", backupRetentionPeriod: 14 });
    const config = { resourceTypes: ["aws:docdb/cluster:Cluster", "aws:neptune/cluster:Cluster"] };
    expect(outcomesOf(ID, b.stack(), config)).toEqual([
      "violation short-point-in-time-retention docs backupRetentionPeriod",
      "violation destroys-backups-on-delete docs skipFinalSnapshot",
    ]);
  });
});
