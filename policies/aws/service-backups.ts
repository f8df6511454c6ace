import { DestructiveSetting, ServiceBackup } from "../core/data-stores";
import { Fact, absent, known, unknown } from "../core/facts";
import { isJsonObject } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { readBoolean, readNumber, readString } from "../core/raw-values";
import { readBooleanSetting, readNumberSetting, readSetting, readStringSetting } from "../core/settings";
import { rdsBackupRetention } from "./rds-copies";
import { AWS_TYPES, FSX_FILE_SYSTEM_TYPES } from "./type-tokens";

/** Days DynamoDB keeps point-in-time recovery data when `recoveryPeriodInDays` is omitted. */
const DYNAMODB_DEFAULT_RECOVERY_DAYS = 35;
/** Days the EFS automatic-backup plan (`aws/efs/automatic-backup-plan`) keeps its daily backups. */
const EFS_AUTOMATIC_BACKUP_DAYS = 35;

const RDS_REMEDY = "set backupRetentionPeriod (RDS keeps automated backups at most 35 days)";
const FSX_REMEDY = "set automaticBackupRetentionDays (FSx keeps automatic backups at most 90 days)";

/**
 * `automaticBackupRetentionDays` when the program omits it. The provider's defaults: 7 for Windows
 * (Terraform `Default: 7`), 0 for ONTAP and OpenZFS (`Default: 0`, sent to the API); Lustre leaves it to
 * the FSx API, whose default is 0.
 */
const FSX_DEFAULT_DAYS: Readonly<Record<string, number>> = {
  [AWS_TYPES.fsxWindows]: 7,
  [AWS_TYPES.fsxLustre]: 0,
  [AWS_TYPES.fsxOntap]: 0,
  [AWS_TYPES.fsxOpenZfs]: 0,
};

/**
 * A nested value that is unknown in planned outputs although the program did not compute it from any
 * resource (no `propertyDependencies` on its top-level property, not filled from the checked inputs):
 * the provider computes it because the program left it out, like `settledProps` for top-level values.
 */
function settledNested<T>(resource: PlannedResource, top: string, fact: Fact<T>): Fact<T> {
  if (fact.state !== "unknown") return fact;
  const providerComputed =
    resource.origin === "outputs" &&
    !resource.filledFromInputs?.includes(top) &&
    !resource.unknownInInputs?.includes(top) &&
    (resource.propertyDependencies[top] ?? []).length === 0;
  return providerComputed ? absent(`${fact.basis}, computed by the provider because the program leaves it out`) : fact;
}

/** Lustre scratch file systems cannot keep automatic backups; `deploymentType` defaults to `SCRATCH_1`. */
function lustreScratch(resource: PlannedResource): Fact<boolean> {
  const deployment = readStringSetting(resource, ["deploymentType"]);
  if (deployment.state === "unknown") return deployment;
  if (deployment.state === "absent") return known(true, "deploymentType not set (the provider's default is SCRATCH_1)");
  return known(deployment.value.toUpperCase().startsWith("SCRATCH"), `deploymentType ${deployment.value}`);
}

function rdsAutomatedBackups(resource: PlannedResource): ServiceBackup {
  return { label: "automated backups", setting: "backupRetentionPeriod", retentionDays: rdsBackupRetention(resource), remedy: RDS_REMEDY };
}

/** DynamoDB point-in-time recovery: off unless `pointInTimeRecovery.enabled`, then `recoveryPeriodInDays` (default 35). */
function dynamodbPointInTimeRecovery(resource: PlannedResource): ServiceBackup {
  const label = "point-in-time recovery";
  const turnOn = "set pointInTimeRecovery: { enabled: true } (it then keeps 35 days unless recoveryPeriodInDays says otherwise)";
  const block = readSetting(resource, ["pointInTimeRecovery"]);
  if (block.state === "absent") {
    return { label, setting: "pointInTimeRecovery", retentionDays: known(0, "pointInTimeRecovery is not set, and it is off by default"), remedy: turnOn };
  }
  if (block.state === "unknown") return { label, setting: "pointInTimeRecovery", retentionDays: block, remedy: turnOn };
  if (!isJsonObject(block.value)) {
    return { label, setting: "pointInTimeRecovery", retentionDays: unknown("pointInTimeRecovery has an unexpected shape (expected an object)"), remedy: turnOn };
  }
  const enabled = readBoolean(block.value, ["enabled"]);
  if (enabled.state === "unknown") return { label, setting: "pointInTimeRecovery.enabled", retentionDays: unknown(`pointInTimeRecovery.${enabled.basis}`), remedy: turnOn };
  if (enabled.state === "absent" || !enabled.value) {
    const why = enabled.state === "absent" ? "pointInTimeRecovery.enabled is not set" : "pointInTimeRecovery.enabled is false";
    return { label, setting: "pointInTimeRecovery", retentionDays: known(0, why), remedy: turnOn };
  }
  const period = settledNested(resource, "pointInTimeRecovery", readNumber(block.value, ["recoveryPeriodInDays"]));
  const setting = "pointInTimeRecovery.recoveryPeriodInDays";
  const remedy = "set pointInTimeRecovery.recoveryPeriodInDays (at most 35 days), or leave it unset for 35 days";
  if (period.state === "known") return { label, setting, retentionDays: known(period.value, setting), remedy };
  if (period.state === "unknown") return { label, setting, retentionDays: unknown(`pointInTimeRecovery.${period.basis}`), remedy };
  return { label, setting, retentionDays: known(DYNAMODB_DEFAULT_RECOVERY_DAYS, "recoveryPeriodInDays not set (default 35)"), remedy };
}

/** FSx automatic backups (`automaticBackupRetentionDays`, 0 = off); none for scratch Lustre file systems. */
function fsxAutomaticBackups(resource: PlannedResource): ServiceBackup[] {
  const label = "automatic backups";
  const setting = "automaticBackupRetentionDays";
  const days = readNumberSetting(resource, [setting]);
  if (resource.type === AWS_TYPES.fsxLustre) {
    const scratch = lustreScratch(resource);
    if (scratch.state === "known" && scratch.value) return []; // scratch file systems cannot keep backups
    if (scratch.state === "unknown" && days.state !== "known") {
      const why = `${scratch.basis}: a persistent file system keeps no automatic backups unless automaticBackupRetentionDays is set, a scratch one cannot keep any`;
      return [{ label, setting, retentionDays: unknown(why), remedy: FSX_REMEDY }];
    }
  }
  if (days.state !== "absent") return [{ label, setting, retentionDays: days, remedy: FSX_REMEDY }];
  const fallback = FSX_DEFAULT_DAYS[resource.type] ?? 0;
  const basis = fallback === 0 ? `${setting} not set (the provider's default is 0: automatic backups off)` : `${setting} not set (the provider's default is ${fallback})`;
  return [{ label, setting, retentionDays: known(fallback, basis), remedy: FSX_REMEDY }];
}

/** EFS automatic backups: an `aws.efs.BackupPolicy` with status ENABLED puts the file system in the AWS Backup default plan. */
function efsAutomaticBackups(index: StackIndex, resource: PlannedResource): ServiceBackup[] {
  const out: ServiceBackup[] = [];
  for (const policy of index.dependentsOf(resource, "fileSystemId").filter((r) => r.type === AWS_TYPES.efsBackupPolicy)) {
    const status = readString(policy.props, ["backupPolicy", "status"]);
    const base = {
      label: `automatic backups (backup policy "${policy.name}")`,
      setting: `backup policy "${policy.name}"`,
      remedy:
        "the EFS backup policy keeps its daily backups 35 days, which cannot be changed: back the file system up with an AWS Backup plan whose rule keeps them longer",
    };
    if (status.state === "unknown") out.push({ ...base, retentionDays: unknown(`backupPolicy.status of backup policy "${policy.name}" is unknown during preview`) });
    if (status.state === "known" && status.value.toUpperCase() === "ENABLED") {
      out.push({ ...base, retentionDays: known(EFS_AUTOMATIC_BACKUP_DAYS, `backup policy "${policy.name}" ENABLED: the EFS automatic-backup plan keeps daily backups 35 days`) });
    }
  }
  return out;
}

/**
 * A data store's own automatic backups: RDS automated backups (`backupRetentionPeriod`; omitted is 0 for
 * instances, 1 for clusters), DynamoDB point-in-time recovery, FSx automatic backups
 * (`automaticBackupRetentionDays`; none for scratch Lustre), and EFS automatic backups (an
 * `aws.efs.BackupPolicy` of the file system in this stack). A value unknown in preview is an unknown
 * retention, never a pass.
 */
export function serviceBackupsOf(index: StackIndex, resource: PlannedResource): ServiceBackup[] {
  switch (resource.type) {
    case AWS_TYPES.rdsInstance:
    case AWS_TYPES.rdsCluster:
    case AWS_TYPES.docdbCluster:
    case AWS_TYPES.neptuneCluster:
      return [rdsAutomatedBackups(resource)];
    case AWS_TYPES.dynamodbTable:
      return [dynamodbPointInTimeRecovery(resource)];
    case AWS_TYPES.efsFileSystem:
      return efsAutomaticBackups(index, resource);
    default:
      return FSX_FILE_SYSTEM_TYPES.includes(resource.type) ? fsxAutomaticBackups(resource) : [];
  }
}

/**
 * A boolean setting that destroys backups when true. `known` when set or when the provider's default
 * applies (a real preview carries the Terraform default in place of an omitted value, so the two cannot
 * be told apart); the basis says which, in words fit for a message.
 */
function booleanSetting(resource: PlannedResource, setting: string, providerDefault: boolean): Fact<boolean> {
  const value = readBooleanSetting(resource, [setting]);
  return value.state === "known"
    ? known(value.value, `${setting} is ${value.value}`)
    : value.state === "absent"
      ? known(providerDefault, `${setting} is not set, and the provider's default is ${providerDefault}`)
      : value;
}

function destructive(resource: PlannedResource, setting: string, providerDefault: boolean, effect: string, remedy: string, lost: string): DestructiveSetting {
  return { setting, enabled: booleanSetting(resource, setting, providerDefault), effect, remedy, lost };
}

/**
 * The final snapshot an RDS instance or cluster takes when it is deleted (`skipFinalSnapshot` false, the
 * provider's default): a manual snapshot, which outlives the database and its automated backups.
 */
function finalSnapshot(resource: PlannedResource, what: string): Fact<boolean> {
  const skip = booleanSetting(resource, "skipFinalSnapshot", false);
  if (skip.state !== "known") return skip;
  return skip.value
    ? known(false, `${skip.basis}: no final snapshot is taken`)
    : known(true, `the final snapshot taken when the ${what} is deleted (${skip.basis}), kept until someone deletes it`);
}

/**
 * Settings of a data store that destroy its backups when it is deleted or replaced: RDS instances and
 * clusters with `deleteAutomatedBackups` (provider default true) or `skipFinalSnapshot` (default false);
 * FSx Windows, Lustre (persistent) and OpenZFS file systems with `skipFinalBackup` (default false, true for
 * Lustre), whose automatic backups are deleted with them.
 */
export function destructiveSettingsOf(resource: PlannedResource): DestructiveSetting[] {
  const what = resource.type === AWS_TYPES.rdsCluster ? "cluster" : "instance";
  switch (resource.type) {
    case AWS_TYPES.rdsInstance:
    case AWS_TYPES.rdsCluster:
      return [
        {
          ...destructive(
            resource,
            "deleteAutomatedBackups",
            true,
            `deleting or replacing the ${what} also deletes its automated backups at once, so its point-in-time history goes with it`,
            "Set deleteAutomatedBackups: false so that the automated backups are kept until their retention period ends.",
            "its automated backups, and with them restores to any point in time of their retention period",
          ),
          finalCopy: finalSnapshot(resource, what),
        },
        destructive(
          resource,
          "skipFinalSnapshot",
          false,
          `deleting or replacing the ${what} takes no final snapshot, so nothing of the database outlives it but what other backups hold`,
          "Set skipFinalSnapshot: false and a finalSnapshotIdentifier so that a last snapshot is kept when the database is deleted.",
          "the final snapshot, i.e. the data written since the last backup that outlives it",
        ),
      ];
    case AWS_TYPES.docdbCluster:
    case AWS_TYPES.neptuneCluster:
      return [
        destructive(
          resource,
          "skipFinalSnapshot",
          false,
          "deleting or replacing the cluster takes no final snapshot, and its automated backups are deleted with it",
          "Set skipFinalSnapshot: false and a finalSnapshotIdentifier so that a last snapshot is kept when the cluster is deleted.",
          "the final snapshot and the automated backups, i.e. the data written since the last backup that outlives it and restores to any point in time",
        ),
      ];
    case AWS_TYPES.fsxWindows:
    case AWS_TYPES.fsxLustre:
    case AWS_TYPES.fsxOpenZfs: {
      const lustre = resource.type === AWS_TYPES.fsxLustre;
      const scratch: Fact<boolean> = lustre ? lustreScratch(resource) : known(false, "not a Lustre file system");
      if (scratch.state === "known" && scratch.value) return []; // scratch file systems never take a final backup
      const setting = destructive(
        resource,
        "skipFinalBackup",
        lustre,
        "deleting or replacing the file system takes no final backup, and its automatic backups are deleted with it",
        "Set skipFinalBackup: false so that a final backup is kept when the file system is deleted.",
        "the final backup and the automatic backups, i.e. the data written since the last backup that outlives it and the daily backups",
      );
      // Whether a final backup can be taken at all depends on the deployment type.
      if (scratch.state === "unknown" && setting.enabled.state === "known" && setting.enabled.value) {
        return [{ ...setting, enabled: unknown(`${setting.enabled.basis}, and ${scratch.basis} (a persistent file system would be deleted without a final backup)`) }];
      }
      return [setting];
    }
    default:
      return [];
  }
}
