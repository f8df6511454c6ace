import { encryptionKeyOf } from "../../policies/aws/encryption-keys";
import { AwsPlacement } from "../../policies/aws/placement";
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { destructiveSettingsOf, serviceBackupsOf } from "../../policies/aws/service-backups";
import { deleteOnTerminationSettings } from "../../policies/aws/inline-volumes";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { known } from "../../policies/core/facts";
import { PlannedStack, StackIndex } from "../../policies/core/planned-stack";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ACCOUNT = "111111111111";
const CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([ACCOUNT]) };

function design(): { stack: PlannedStack; b: PlannedStackBuilder } {
  const b = new PlannedStackBuilder(CONFIG);
  b.add(AWS_TYPES.rdsInstance, "db", { engine: "postgres", backupRetentionPeriod: 7, deletionProtection: true, skipFinalSnapshot: true, storageEncrypted: true, tags: { env: "prod" }, arn: UNKNOWN });
  b.add(AWS_TYPES.s3Bucket, "logs", { bucket: "logs", tags: UNKNOWN, arn: UNKNOWN, region: "eu-central-1" });
  b.add(AWS_TYPES.ec2Instance, "web", { ami: "ami-1", instanceType: "t3.micro", availabilityZone: "eu-west-3a", rootBlockDevice: { deleteOnTermination: true, encrypted: true } });
  return { stack: b.stack(), b };
}

describe("the AWS model's data stores, whose facts are worked out on first read", () => {
  it("give each store the facts its resource has: label, type, placement, tags, backups of the service, settings, key", () => {
    const { stack } = design();
    const [db, logs, web] = stack.resources;
    const stores = buildAwsProtectionModel(stack).dataStores;
    expect(stores.map((s) => [s.urn, s.label, s.type, s.backupResourceType])).toEqual([
      [db.urn, 'Instance "db"', AWS_TYPES.rdsInstance, "RDS"],
      [logs.urn, 'Bucket "logs"', AWS_TYPES.s3Bucket, "S3"],
      [web.urn, 'EBS storage of Instance "web"', AWS_TYPES.ebsVolume, "EC2"],
    ]);
    const [dbStore, logsStore, webStore] = stores;
    expect(dbStore.tags).toEqual({ env: "prod" });
    expect(logsStore.tags).toBeUndefined();
    expect(webStore.tags).toEqual({});
    expect(logsStore.placement.region).toEqual(known("eu-central-1", "region input of logs"));
    const placement = new AwsPlacement(stack.stackConfig, new StackIndex(stack));
    placement.learnAccounts(stack.resources);
    expect(stores.map((s) => s.placement)).toEqual([db, logs, web].map((r) => placement.placement(r)));
    const index = new StackIndex(stack);
    expect(dbStore.serviceBackups).toEqual(serviceBackupsOf(index, db));
    expect(dbStore.serviceBackups.map((s) => s.retentionDays)).toEqual([known(7, "backupRetentionPeriod")]);
    expect(logsStore.serviceBackups).toEqual([]);
    expect(webStore.serviceBackups).toEqual([]);
    expect(dbStore.destructiveSettings).toEqual(destructiveSettingsOf(db));
    expect(dbStore.destructiveSettings.map((s) => s.setting)).toEqual(["deleteAutomatedBackups", "skipFinalSnapshot"]);
    expect(webStore.destructiveSettings).toEqual(deleteOnTerminationSettings(web));
    expect(webStore.destructiveSettings.map((s) => s.setting)).toEqual(["rootBlockDevice.deleteOnTermination"]);
    expect(dbStore.deletionProtection).toEqual({ setting: "deletionProtection", enabled: known(true, "deletionProtection") });
    expect(logsStore.deletionProtection).toBeUndefined();
    expect(webStore.deletionProtection).toBeUndefined();
    expect(stores.map((s) => s.encryptionKey)).toEqual([db, logs, web].map((r) => encryptionKeyOf(new StackIndex(stack), r)));
    expect(logsStore.encryptionKey).toEqual({ state: "service-default", basis: 'no server-side encryption configuration for Bucket "logs": S3 encrypts new objects with S3 managed keys (SSE-S3)' });
    expect(stores.map((s) => [s.partialCopies, s.backupsUndecided, s.backups])).toEqual([
      [undefined, undefined, []],
      [undefined, undefined, []],
      [undefined, undefined, []],
    ]);
  });

  it("say that the backups of a store analysed alone are judged with the whole stack", () => {
    const { stack, b } = design();
    const [store] = buildAwsProtectionModel(b.single(stack.resources[0])).dataStores;
    expect(store.backupsUndecided).toBe("only this resource is analysed; its backups are judged with the whole stack");
  });
});
