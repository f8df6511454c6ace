import { dlmScheduleRetention } from "../../policies/aws/dlm-retention";
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { destructiveSettingsOf, serviceBackupsOf } from "../../policies/aws/service-backups";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { absent, known, unknown } from "../../policies/core/facts";
import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedResource, StackIndex } from "../../policies/core/planned-stack";
import { PlannedStackBuilder, ResourceOptions, UNKNOWN } from "../support/planned-stack-builder";

/** The service backups of one resource declared alone (plus `others`) in a stack. */
function backupsOf(type: string, props: JsonObject, options: ResourceOptions = {}, others: (b: PlannedStackBuilder, r: PlannedResource) => void = () => undefined) {
  const b = new PlannedStackBuilder();
  const resource = b.add(type, "store", props, options);
  others(b, resource);
  return serviceBackupsOf(new StackIndex(b.stack()), resource);
}

function retentionOf(type: string, props: JsonObject, options: ResourceOptions = {}) {
  const backups = backupsOf(type, props, options);
  expect(backups).toHaveLength(1);
  return backups[0].retentionDays;
}

function destructiveOf(type: string, props: JsonObject, options: ResourceOptions = {}) {
  const b = new PlannedStackBuilder();
  return destructiveSettingsOf(b.add(type, "store", props, options)).map((s) => [s.setting, s.enabled]);
}

/** A resource the fixtures can name in propertyDependencies (a value computed from another resource). */
function upstream(): PlannedResource {
  return new PlannedStackBuilder().add(AWS_TYPES.ec2Instance, "config-source", {});
}

describe("serviceBackupsOf: RDS automated backups", () => {
  it("reads backupRetentionPeriod, 0 (off) when an instance omits it and 1 when a cluster does", () => {
    expect(backupsOf(AWS_TYPES.rdsInstance, { backupRetentionPeriod: 3 })).toEqual([
      { label: "automated backups", setting: "backupRetentionPeriod", retentionDays: known(3, "backupRetentionPeriod"), remedy: "set backupRetentionPeriod (RDS keeps automated backups at most 35 days)" },
    ]);
    expect(retentionOf(AWS_TYPES.rdsInstance, {})).toEqual(known(0, "backupRetentionPeriod default (automated backups off)"));
    expect(retentionOf(AWS_TYPES.rdsCluster, {})).toEqual(known(1, "backupRetentionPeriod default for clusters"));
    expect(retentionOf(AWS_TYPES.rdsCluster, { backupRetentionPeriod: "14" })).toEqual(known(14, "backupRetentionPeriod"));
  });

  it("takes an unknown value computed by the provider (no propertyDependencies) as omitted, and one computed from a resource as unknown", () => {
    expect(retentionOf(AWS_TYPES.rdsInstance, { backupRetentionPeriod: UNKNOWN })).toEqual(known(0, "backupRetentionPeriod default (automated backups off)"));
    expect(retentionOf(AWS_TYPES.rdsInstance, { backupRetentionPeriod: UNKNOWN }, { propertyDependencies: { backupRetentionPeriod: [upstream()] } })).toEqual(
      unknown("backupRetentionPeriod unknown during preview"),
    );
    expect(retentionOf(AWS_TYPES.rdsInstance, { backupRetentionPeriod: UNKNOWN }, { origin: "inputs" })).toEqual(unknown("backupRetentionPeriod unknown during preview"));
  });
});

describe("serviceBackupsOf: DynamoDB point-in-time recovery", () => {
  const TABLE = AWS_TYPES.dynamodbTable;

  it("is off unless pointInTimeRecovery.enabled", () => {
    expect(backupsOf(TABLE, {})).toEqual([
      {
        label: "point-in-time recovery",
        setting: "pointInTimeRecovery",
        retentionDays: known(0, "pointInTimeRecovery is not set, and it is off by default"),
        remedy: "set pointInTimeRecovery: { enabled: true } (it then keeps 35 days unless recoveryPeriodInDays says otherwise)",
      },
    ]);
    expect(retentionOf(TABLE, { pointInTimeRecovery: { enabled: false } })).toEqual(known(0, "pointInTimeRecovery.enabled is false"));
    expect(retentionOf(TABLE, { pointInTimeRecovery: {} })).toEqual(known(0, "pointInTimeRecovery.enabled is not set"));
    // Omitted, the block is computed by the provider: unknown in planned outputs without propertyDependencies.
    expect(retentionOf(TABLE, { pointInTimeRecovery: UNKNOWN })).toEqual(known(0, "pointInTimeRecovery is not set, and it is off by default"));
  });

  it("keeps recoveryPeriodInDays days when on, 35 by default", () => {
    expect(backupsOf(TABLE, { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 } })).toEqual([
      {
        label: "point-in-time recovery",
        setting: "pointInTimeRecovery.recoveryPeriodInDays",
        retentionDays: known(3, "pointInTimeRecovery.recoveryPeriodInDays"),
        remedy: "set pointInTimeRecovery.recoveryPeriodInDays (at most 35 days), or leave it unset for 35 days",
      },
    ]);
    expect(retentionOf(TABLE, { pointInTimeRecovery: { enabled: true } })).toEqual(known(35, "recoveryPeriodInDays not set (default 35)"));
    expect(retentionOf(TABLE, { pointInTimeRecovery: { enabled: "true", recoveryPeriodInDays: "10" } })).toEqual(known(10, "pointInTimeRecovery.recoveryPeriodInDays"));
  });

  it("takes a recoveryPeriodInDays the provider computes (unknown, nothing it depends on) as the default, and one computed from a resource as unknown", () => {
    expect(retentionOf(TABLE, { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: UNKNOWN } })).toEqual(known(35, "recoveryPeriodInDays not set (default 35)"));
    const computed = { propertyDependencies: { pointInTimeRecovery: [upstream()] } };
    expect(retentionOf(TABLE, { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: UNKNOWN } }, computed)).toEqual(
      unknown("pointInTimeRecovery.recoveryPeriodInDays unknown during preview"),
    );
    expect(retentionOf(TABLE, { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: UNKNOWN } }, { origin: "inputs" })).toEqual(
      unknown("pointInTimeRecovery.recoveryPeriodInDays unknown during preview"),
    );
  });

  it("is unknown when enabled or the block is computed from another resource", () => {
    expect(backupsOf(TABLE, { pointInTimeRecovery: { enabled: UNKNOWN } })[0]).toEqual(
      expect.objectContaining({ setting: "pointInTimeRecovery.enabled", retentionDays: unknown("pointInTimeRecovery.enabled unknown during preview") }),
    );
    expect(retentionOf(TABLE, { pointInTimeRecovery: UNKNOWN }, { propertyDependencies: { pointInTimeRecovery: [upstream()] } })).toEqual(
      unknown("pointInTimeRecovery unknown during preview"),
    );
  });

  it.each<[string, JsonValue]>([
    ["a string", "yes"],
    ["a list", [{ enabled: true }]],
    ["a number", 7],
  ])("never passes a malformed pointInTimeRecovery (%s)", (_name, value) => {
    expect(retentionOf(TABLE, { pointInTimeRecovery: value })).toEqual(unknown("pointInTimeRecovery has an unexpected shape (expected an object)"));
  });
});

describe("serviceBackupsOf: FSx automatic backups", () => {
  it("reads automaticBackupRetentionDays, with the provider's defaults when omitted: 7 for Windows, 0 for ONTAP and OpenZFS", () => {
    expect(backupsOf(AWS_TYPES.fsxWindows, {})).toEqual([
      {
        label: "automatic backups",
        setting: "automaticBackupRetentionDays",
        retentionDays: known(7, "automaticBackupRetentionDays not set (the provider's default is 7)"),
        remedy: "set automaticBackupRetentionDays (FSx keeps automatic backups at most 90 days)",
      },
    ]);
    const off = known(0, "automaticBackupRetentionDays not set (the provider's default is 0: automatic backups off)");
    expect(retentionOf(AWS_TYPES.fsxOntap, { deploymentType: "MULTI_AZ_1" })).toEqual(off);
    expect(retentionOf(AWS_TYPES.fsxOpenZfs, { deploymentType: "SINGLE_AZ_1" })).toEqual(off);
    expect(retentionOf(AWS_TYPES.fsxOpenZfs, { automaticBackupRetentionDays: 14 })).toEqual(known(14, "automaticBackupRetentionDays"));
    expect(retentionOf(AWS_TYPES.fsxWindows, { automaticBackupRetentionDays: UNKNOWN }, { origin: "inputs" })).toEqual(unknown("automaticBackupRetentionDays unknown during preview"));
  });

  it("gives scratch Lustre file systems (the default deployment type) no automatic backups, persistent ones 0 unless set", () => {
    expect(backupsOf(AWS_TYPES.fsxLustre, {})).toEqual([]);
    expect(backupsOf(AWS_TYPES.fsxLustre, { deploymentType: "SCRATCH_2", automaticBackupRetentionDays: 0 })).toEqual([]);
    expect(retentionOf(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_2" })).toEqual(
      known(0, "automaticBackupRetentionDays not set (the provider's default is 0: automatic backups off)"),
    );
    expect(retentionOf(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_1", automaticBackupRetentionDays: 10 })).toEqual(known(10, "automaticBackupRetentionDays"));
    // Computed by the provider in planned outputs: the default (0 for persistent file systems).
    expect(retentionOf(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_1", automaticBackupRetentionDays: UNKNOWN })).toEqual(
      known(0, "automaticBackupRetentionDays not set (the provider's default is 0: automatic backups off)"),
    );
  });

  it("cannot tell a Lustre file system whose deployment type is unknown", () => {
    expect(retentionOf(AWS_TYPES.fsxLustre, { deploymentType: UNKNOWN }, { origin: "inputs" })).toEqual(
      unknown(
        "deploymentType unknown during preview: a persistent file system keeps no automatic backups unless automaticBackupRetentionDays is set, a scratch one cannot keep any",
      ),
    );
    expect(retentionOf(AWS_TYPES.fsxLustre, { deploymentType: UNKNOWN, automaticBackupRetentionDays: 7 }, { origin: "inputs" })).toEqual(
      known(7, "automaticBackupRetentionDays"),
    );
  });
});

describe("serviceBackupsOf: EFS automatic backups", () => {
  function efs(policy?: JsonObject) {
    return backupsOf(AWS_TYPES.efsFileSystem, { id: UNKNOWN }, {}, (b, fs) => {
      if (policy) b.add(AWS_TYPES.efsBackupPolicy, "policy", { fileSystemId: UNKNOWN, backupPolicy: policy }, { propertyDependencies: { fileSystemId: [fs] } });
    });
  }

  it("counts an ENABLED backup policy of the file system as 35 days, nothing otherwise", () => {
    expect(efs({ status: "ENABLED" })).toEqual([
      {
        label: 'automatic backups (backup policy "policy")',
        setting: 'backup policy "policy"',
        retentionDays: known(35, 'backup policy "policy" ENABLED: the EFS automatic-backup plan keeps daily backups 35 days'),
        remedy:
          "the EFS backup policy keeps its daily backups 35 days, which cannot be changed: back the file system up with an AWS Backup plan whose rule keeps them longer",
      },
    ]);
    expect(efs({ status: "DISABLED" })).toEqual([]);
    expect(efs()).toEqual([]);
    expect(efs({ status: UNKNOWN }).map((b) => b.retentionDays)).toEqual([unknown('backupPolicy.status of backup policy "policy" is unknown during preview')]);
  });
});

describe("serviceBackupsOf: other types", () => {
  it("gives volumes and buckets none", () => {
    expect(backupsOf(AWS_TYPES.ebsVolume, { availabilityZone: "eu-west-3a" })).toEqual([]);
    expect(backupsOf(AWS_TYPES.s3Bucket, {})).toEqual([]);
  });

  it("fills the data stores of the model", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.rdsInstance, "db", { backupRetentionPeriod: 7, deleteAutomatedBackups: false });
    const [store] = buildAwsProtectionModel(b.stack()).dataStores;
    expect(store.serviceBackups.map((s) => s.retentionDays)).toEqual([known(7, "backupRetentionPeriod")]);
    expect(store.destructiveSettings.map((s) => [s.setting, s.enabled])).toEqual([
      ["deleteAutomatedBackups", known(false, "deleteAutomatedBackups is false")],
      ["skipFinalSnapshot", known(false, "skipFinalSnapshot is not set, and the provider's default is false")],
    ]);
  });
});

describe("destructiveSettingsOf", () => {
  it("reads RDS deleteAutomatedBackups (default true) and skipFinalSnapshot (default false) on instances and clusters", () => {
    for (const type of [AWS_TYPES.rdsInstance, AWS_TYPES.rdsCluster]) {
      expect(destructiveOf(type, {})).toEqual([
        ["deleteAutomatedBackups", known(true, "deleteAutomatedBackups is not set, and the provider's default is true")],
        ["skipFinalSnapshot", known(false, "skipFinalSnapshot is not set, and the provider's default is false")],
      ]);
      expect(destructiveOf(type, { deleteAutomatedBackups: false, skipFinalSnapshot: "true" })).toEqual([
        ["deleteAutomatedBackups", known(false, "deleteAutomatedBackups is false")],
        ["skipFinalSnapshot", known(true, "skipFinalSnapshot is true")],
      ]);
    }
    const [deleteSetting] = destructiveSettingsOf(new PlannedStackBuilder().add(AWS_TYPES.rdsInstance, "db", {}));
    expect(deleteSetting.effect).toBe("deleting or replacing the instance also deletes its automated backups at once, so its point-in-time history goes with it");
  });

  it("keeps a value computed from another resource unknown", () => {
    expect(destructiveOf(AWS_TYPES.rdsInstance, { deleteAutomatedBackups: UNKNOWN, skipFinalSnapshot: UNKNOWN }, { propertyDependencies: { deleteAutomatedBackups: [upstream()] } })).toEqual([
      ["deleteAutomatedBackups", unknown("deleteAutomatedBackups unknown during preview")],
      ["skipFinalSnapshot", known(false, "skipFinalSnapshot is not set, and the provider's default is false")],
    ]);
  });

  it("reads FSx skipFinalBackup: false by default, true for persistent Lustre, nothing for scratch Lustre or ONTAP", () => {
    expect(destructiveOf(AWS_TYPES.fsxWindows, {})).toEqual([["skipFinalBackup", known(false, "skipFinalBackup is not set, and the provider's default is false")]]);
    expect(destructiveOf(AWS_TYPES.fsxOpenZfs, { skipFinalBackup: true })).toEqual([["skipFinalBackup", known(true, "skipFinalBackup is true")]]);
    expect(destructiveOf(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_2" })).toEqual([
      ["skipFinalBackup", known(true, "skipFinalBackup is not set, and the provider's default is true")],
    ]);
    expect(destructiveOf(AWS_TYPES.fsxLustre, {})).toEqual([]);
    expect(destructiveOf(AWS_TYPES.fsxOntap, { deploymentType: "MULTI_AZ_1" })).toEqual([]);
    expect(destructiveOf(AWS_TYPES.fsxLustre, { deploymentType: UNKNOWN }, { origin: "inputs" })).toEqual([
      [
        "skipFinalBackup",
        unknown(
          "skipFinalBackup is not set, and the provider's default is true, and deploymentType unknown during preview (a persistent file system would be deleted without a final backup)",
        ),
      ],
    ]);
    expect(destructiveOf(AWS_TYPES.fsxLustre, { deploymentType: UNKNOWN, skipFinalBackup: false }, { origin: "inputs" })).toEqual([
      ["skipFinalBackup", known(false, "skipFinalBackup is false")],
    ]);
  });

  it("has nothing for types without such settings", () => {
    expect(destructiveOf(AWS_TYPES.dynamodbTable, {})).toEqual([]);
    expect(destructiveOf(AWS_TYPES.ebsVolume, {})).toEqual([]);
  });
});

describe("dlmScheduleRetention", () => {
  const none = absent("retainRule.interval not set");

  it("keeps an interval-based retention as computed", () => {
    expect(dlmScheduleRetention({}, known(14, "2 WEEKS"))).toEqual(known(14, "2 WEEKS"));
    expect(dlmScheduleRetention({}, unknown("retainRule.interval unknown during preview"))).toEqual(unknown("retainRule.interval unknown during preview"));
  });

  it("turns a count of snapshots into the days they span", () => {
    expect(dlmScheduleRetention({ createRule: { interval: 24, intervalUnit: "HOURS" }, retainRule: { count: 7 } }, none)).toEqual(
      known(7, "retainRule.count 7 × createRule.interval 24 hours"),
    );
    expect(dlmScheduleRetention({ createRule: { interval: 12 }, retainRule: { count: 5 } }, none)).toEqual(known(2.5, "retainRule.count 5 × createRule.interval 12 hours"));
  });

  it("cannot convert a count of cron-scheduled snapshots, unknown values or a missing retain rule", () => {
    expect(dlmScheduleRetention({ createRule: { cronExpression: "cron(0 5 ? * MON *)" }, retainRule: { count: 4 } }, none)).toEqual(
      unknown('retainRule.count 4 keeps the last 4 snapshots of the cron schedule "cron(0 5 ? * MON *)", whose span in days is not computed'),
    );
    expect(dlmScheduleRetention({ createRule: { interval: 24 }, retainRule: { count: UNKNOWN } }, none)).toEqual(unknown("retainRule.count unknown during preview"));
    expect(dlmScheduleRetention({ createRule: { interval: UNKNOWN }, retainRule: { count: 3 } }, none).state).toBe("unknown");
    expect(dlmScheduleRetention({ createRule: { interval: 1, intervalUnit: "DAYS" }, retainRule: { count: 3 } }, none).state).toBe("unknown");
    expect(dlmScheduleRetention({ createRule: {} }, none)).toEqual(unknown("the schedule's retainRule sets neither interval nor count"));
    expect(dlmScheduleRetention({ retainRule: UNKNOWN }, none)).toEqual(unknown("retainRule unknown during preview"));
    expect(dlmScheduleRetention("malformed", none)).toEqual(unknown("the schedule's retainRule sets neither interval nor count"));
  });
});
