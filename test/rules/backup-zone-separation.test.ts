import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-zone-separation";
const FS = "urn:pulumi:dev::proj::aws:efs/fileSystem:FileSystem::fs";
const REPLICATION = "urn:pulumi:dev::proj::aws:efs/replicationConfiguration:ReplicationConfiguration::repl";

/** A One Zone file system in eu-west-3a replicated with the given destination. */
function efsDesign(destination: Record<string, string>, fsProps: Record<string, string> = { availabilityZoneName: "eu-west-3a" }) {
  const b = new PlannedStackBuilder();
  const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { ...fsProps, id: UNKNOWN });
  b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination }, { propertyDependencies: { sourceFileSystemId: [fs] } });
  return b;
}

describe("backup-zone-separation", () => {
  it("flags an EFS One Zone file system replicated into its own zone, on the file system and on the replication", () => {
    expect(findingsOf(ID, efsDesign({ availabilityZoneName: "eu-west-3a" }).stack())).toEqual([
      {
        ruleId: ID,
        urn: FS,
        outcome: "violation",
        code: "no-copy-outside-zone",
        subject: "",
        message:
          'FileSystem "fs" has no backup or copy outside zone eu-west-3a. It keeps its data in availability zone eu-west-3a (EFS One Zone file system), and its only backups and copies stay there too: replica → the replica file system of "repl" (both in availability zone eu-west-3a). ' +
          "The loss of that zone destroys the data and every copy. Keep at least one backup or copy outside the primary's availability zone: back it up with AWS Backup (vaults span the zones of their region), turn on the service's automatic backups, or replicate into another zone or region.",
      },
      {
        ruleId: ID,
        urn: REPLICATION,
        outcome: "violation",
        code: "same-zone-copy",
        subject: "",
        message:
          'EFS replication "repl" of FileSystem "fs" copies a single-zone primary into the same zone (eu-west-3a). Copies: replica → the replica file system of "repl": both in availability zone eu-west-3a, like FileSystem "fs". ' +
          "One zone failure (fire, flood, power) destroys the data and its copy together. Replicate into another region (destination.region), or at least into another availability zone.",
      },
    ]);
  });

  it("passes a One Zone replica in another zone, and a Regional replica", () => {
    expect(findingsOf(ID, efsDesign({ availabilityZoneName: "eu-west-3b" }).stack())).toEqual([]);
    expect(findingsOf(ID, efsDesign({ region: "eu-central-1" }).stack())).toEqual([]);
    expect(findingsOf(ID, efsDesign({}).stack())).toEqual([]);
  });

  it("does not judge a Regional (multi-zone) file system", () => {
    expect(findingsOf(ID, efsDesign({ availabilityZoneName: "eu-west-3a" }, {}).stack())).toEqual([]);
  });

  it("reports a replica zone unknown in preview as unresolved", () => {
    expect(outcomesOf(ID, efsDesign({ availabilityZoneName: UNKNOWN }).stack())).toEqual([
      "unresolved unresolved-zone fs",
      "unresolved unresolved-zone repl",
    ]);
  });

  it("with requiredSeparation region, a replica in another zone of the same region is not enough", () => {
    expect(outcomesOf(ID, efsDesign({ availabilityZoneName: "eu-west-3b" }).stack(), { requiredSeparation: "region" })).toEqual([
      "violation no-copy-outside-region fs",
      "violation same-region-copy repl",
    ]);
  });
});

const REQUIREMENT =
  "Keep at least one backup or copy outside the primary's availability zone: back it up with AWS Backup (vaults span the zones of their region), turn on the service's automatic backups, or replicate into another zone or region.";
const VOLUME = "urn:pulumi:dev::proj::aws:ebs/volume:Volume::vol";
const VOLUME_ARN = "arn:aws:ec2:eu-west-3:111111111111:volume/vol-0123";
/** Property values of a fixture resource. */
type Props = Parameters<PlannedStackBuilder["add"]>[2];

describe("backup-zone-separation: single-zone resources and their backups", () => {
  /** An EBS volume in eu-west-3a and, optionally, an AWS Backup selection. */
  function volumeDesign(volumeProps: Props = {}, selection?: { props: Props; byReference?: "resources" | "notResources"; region?: string }) {
    const b = new PlannedStackBuilder();
    const vol = b.add(AWS_TYPES.ebsVolume, "vol", { availabilityZone: "eu-west-3a", size: 10, arn: VOLUME_ARN, ...volumeProps });
    if (selection) {
      b.add(
        AWS_TYPES.backupSelection,
        "sel",
        { iamRoleArn: "arn:aws:iam::111111111111:role/backup", planId: "plan-1", name: "sel", ...selection.props },
        {
          propertyDependencies: selection.byReference ? { [selection.byReference]: [vol] } : {},
          provider: selection.region ? b.provider("other", { region: selection.region }) : undefined,
        },
      );
    }
    return b;
  }

  it("flags a single-zone volume that nothing backs up", () => {
    expect(findingsOf(ID, volumeDesign().stack())).toEqual([
      {
        ruleId: ID,
        urn: VOLUME,
        outcome: "violation",
        code: "no-copy-outside-zone",
        subject: "",
        message:
          'Volume "vol" has no backup or copy outside zone eu-west-3a. It keeps its data in availability zone eu-west-3a (EBS volume), and nothing in this stack backs it up or copies it. ' +
          `The loss of that zone destroys the data and every copy. ${REQUIREMENT}`,
      },
    ]);
  });

  it("passes a volume an AWS Backup selection lists by reference, literal ARN, '*' or ARN wildcard", () => {
    expect(findingsOf(ID, volumeDesign({}, { props: { resources: [UNKNOWN] }, byReference: "resources" }).stack())).toEqual([]);
    expect(findingsOf(ID, volumeDesign({}, { props: { resources: [VOLUME_ARN] } }).stack())).toEqual([]);
    expect(findingsOf(ID, volumeDesign({}, { props: { resources: ["*"] } }).stack())).toEqual([]);
    expect(findingsOf(ID, volumeDesign({}, { props: { resources: ["arn:aws:ec2:eu-west-3:111111111111:volume/*"] } }).stack())).toEqual([]);
  });

  it("flags a volume a selection does not list", () => {
    expect(outcomesOf(ID, volumeDesign({}, { props: { resources: ["arn:aws:ec2:eu-west-3:111111111111:volume/vol-other"] } }).stack())).toEqual([
      "violation no-copy-outside-zone vol",
    ]);
    expect(outcomesOf(ID, volumeDesign({}, { props: { resources: ["arn:aws:rds:*"] } }).stack())).toEqual(["violation no-copy-outside-zone vol"]);
  });

  it("reports unresolved when an ARN wildcard meets a volume ARN unknown in preview", () => {
    expect(outcomesOf(ID, volumeDesign({ arn: UNKNOWN }, { props: { resources: ["arn:aws:ec2:eu-west-3:111111111111:volume/*"] } }).stack())).toEqual([
      "unresolved unresolved-zone vol",
    ]);
  });

  it("matches selectionTags (STRINGEQUALS) against the volume's tags", () => {
    const byTag = { props: { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] } };
    expect(findingsOf(ID, volumeDesign({ tags: { backup: "daily" } }, byTag).stack())).toEqual([]);
    expect(outcomesOf(ID, volumeDesign({ tags: { backup: "weekly" } }, byTag).stack())).toEqual(["violation no-copy-outside-zone vol"]);
    expect(outcomesOf(ID, volumeDesign({}, byTag).stack())).toEqual(["violation no-copy-outside-zone vol"]);
    expect(outcomesOf(ID, volumeDesign({ tags: UNKNOWN }, byTag).stack())).toEqual(["unresolved unresolved-zone vol"]);
  });

  it("narrows a selection by conditions.stringEquals on aws:ResourceTag/<key>", () => {
    const conditioned = { props: { resources: ["*"], conditions: [{ stringEquals: [{ key: "aws:ResourceTag/env", value: "prod" }] }] } };
    expect(findingsOf(ID, volumeDesign({ tags: { env: "prod" } }, conditioned).stack())).toEqual([]);
    expect(outcomesOf(ID, volumeDesign({ tags: { env: "dev" } }, conditioned).stack())).toEqual(["violation no-copy-outside-zone vol"]);
  });

  it("removes notResources from a selection", () => {
    expect(outcomesOf(ID, volumeDesign({}, { props: { resources: ["*"], notResources: [UNKNOWN] }, byReference: "notResources" }).stack())).toEqual([
      "violation no-copy-outside-zone vol",
    ]);
    expect(outcomesOf(ID, volumeDesign({}, { props: { resources: ["*"], notResources: [VOLUME_ARN] } }).stack())).toEqual(["violation no-copy-outside-zone vol"]);
  });

  it("reports unresolved when a selection's resources are unknown in preview and computed from nothing in the stack", () => {
    expect(findingsOf(ID, volumeDesign({}, { props: { resources: [UNKNOWN] } }).stack())).toEqual([
      {
        ruleId: ID,
        urn: VOLUME,
        outcome: "unresolved",
        code: "unresolved-zone",
        subject: "",
        message:
          'cannot prove that Volume "vol" has a backup or copy outside zone eu-west-3a. It is in availability zone eu-west-3a (EBS volume): whether AWS Backup selection "sel" covers it is unknown during preview. ' +
          REQUIREMENT,
      },
    ]);
  });

  it("does not count a selection of another region: AWS Backup only selects resources of its own region", () => {
    expect(outcomesOf(ID, volumeDesign({}, { props: { resources: ["*"] }, region: "eu-central-1" }).stack())).toEqual(["violation no-copy-outside-zone vol"]);
  });

  it("with requiredSeparation region, a backup in the volume's region is not enough", () => {
    expect(findingsOf(ID, volumeDesign({}, { props: { resources: ["*"] } }).stack(), { requiredSeparation: "region" })).toEqual([
      {
        ruleId: ID,
        urn: VOLUME,
        outcome: "violation",
        code: "no-copy-outside-region",
        subject: "",
        message:
          'Volume "vol" has no backup or copy outside its region (eu-west-3). It keeps its data in availability zone eu-west-3a (EBS volume), and its only backups and copies stay there too: AWS Backup selection "sel" (both in region eu-west-3). ' +
          `The loss of that region destroys the data and every copy. ${REQUIREMENT}`,
      },
    ]);
  });

  it("passes a volume with an EBS snapshot of it", () => {
    const b = volumeDesign();
    const vol = b.stack().resources[0];
    b.add(AWS_TYPES.ebsSnapshot, "snap", { volumeId: UNKNOWN }, { propertyDependencies: { volumeId: [vol] } });
    expect(findingsOf(ID, b.stack())).toEqual([]);
  });

  describe("DLM policies", () => {
    function dlm(policy: Props) {
      const b = volumeDesign({ tags: { backup: "yes" } });
      b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
        policyDetails: { resourceTypes: ["VOLUME"], targetTags: { backup: "yes" }, schedules: [{ name: "daily", createRule: { interval: 24 }, retainRule: { count: 7 } }] },
        ...policy,
      });
      return b.stack();
    }

    it("passes a volume a DLM policy snapshots by tag, not when the policy is DISABLED", () => {
      expect(findingsOf(ID, dlm({}))).toEqual([]);
      expect(outcomesOf(ID, dlm({ state: "DISABLED" }))).toEqual(["violation no-copy-outside-zone vol"]);
    });

    it("does not count a policy that targets instances for a tagged volume", () => {
      const instances = {
        policyDetails: { resourceTypes: ["INSTANCE"], targetTags: { backup: "yes" }, schedules: [{ name: "daily", createRule: { interval: 24 }, retainRule: { count: 7 } }] },
      };
      expect(outcomesOf(ID, dlm(instances))).toEqual(["violation no-copy-outside-zone vol"]);
    });
  });

  describe("FSx automatic backups", () => {
    const WIN = "urn:pulumi:dev::proj::aws:fsx/windowsFileSystem:WindowsFileSystem::win";
    function fsx(type: string, props: Props) {
      const b = new PlannedStackBuilder();
      const subnet = b.add(AWS_TYPES.ec2Subnet, "sub", { availabilityZone: "eu-west-3b" });
      const fs = b.add(type, "win", { subnetIds: [UNKNOWN], ...props }, { propertyDependencies: { subnetIds: [subnet] } });
      return { b, fs };
    }

    it("flags a single-AZ file system with automaticBackupRetentionDays 0", () => {
      expect(findingsOf(ID, fsx(AWS_TYPES.fsxWindows, { deploymentType: "SINGLE_AZ_2", automaticBackupRetentionDays: 0 }).b.stack())).toEqual([
        {
          ruleId: ID,
          urn: WIN,
          outcome: "violation",
          code: "no-copy-outside-zone",
          subject: "",
          message:
            'WindowsFileSystem "win" has no backup or copy outside zone eu-west-3b. It keeps its data in availability zone eu-west-3b (FSx SINGLE_AZ_2 deployment), and nothing in this stack backs it up or copies it. ' +
            `The loss of that zone destroys the data and every copy. ${REQUIREMENT}`,
        },
      ]);
    });

    it("passes automatic backups (set or by default), and an FSx backup of the file system", () => {
      expect(outcomesOf(ID, fsx(AWS_TYPES.fsxWindows, { deploymentType: "SINGLE_AZ_2", automaticBackupRetentionDays: 7 }).b.stack())).toEqual([]);
      expect(outcomesOf(ID, fsx(AWS_TYPES.fsxWindows, { deploymentType: "SINGLE_AZ_2" }).b.stack())).toEqual([]);
      expect(outcomesOf(ID, fsx(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_2", automaticBackupRetentionDays: 7 }).b.stack())).toEqual([]);
      const { b, fs } = fsx(AWS_TYPES.fsxOntap, { deploymentType: "SINGLE_AZ_1", automaticBackupRetentionDays: 0 });
      b.add(AWS_TYPES.fsxBackup, "manual", { fileSystemId: UNKNOWN }, { propertyDependencies: { fileSystemId: [fs] } });
      expect(outcomesOf(ID, b.stack())).toEqual([]);
    });

    it("flags a Lustre scratch file system, which has no automatic backups, and a persistent one that does not ask for any", () => {
      expect(outcomesOf(ID, fsx(AWS_TYPES.fsxLustre, {}).b.stack())).toEqual(["violation no-copy-outside-zone win"]);
      expect(outcomesOf(ID, fsx(AWS_TYPES.fsxLustre, { deploymentType: "PERSISTENT_2" }).b.stack())).toEqual(["violation no-copy-outside-zone win"]);
      expect(outcomesOf(ID, fsx(AWS_TYPES.fsxLustre, { deploymentType: "SCRATCH_2" }).b.stack())).toEqual(["violation no-copy-outside-zone win"]);
    });

    it("does not judge a Multi-AZ file system", () => {
      expect(outcomesOf(ID, fsx(AWS_TYPES.fsxWindows, { deploymentType: "MULTI_AZ_1", automaticBackupRetentionDays: 0 }).b.stack())).toEqual([]);
    });
  });

  describe("RDS automated backups", () => {
    const DB = "urn:pulumi:dev::proj::aws:rds/instance:Instance::db";
    const db = (props: Props) => {
      const b = new PlannedStackBuilder();
      b.add(AWS_TYPES.rdsInstance, "db", { identifier: "db", ...props });
      return b.stack();
    };

    it("flags a single-AZ instance with backupRetentionPeriod 0", () => {
      expect(findingsOf(ID, db({ multiAz: false, backupRetentionPeriod: 0 }))).toEqual([
        {
          ruleId: ID,
          urn: DB,
          outcome: "violation",
          code: "no-copy-outside-zone",
          subject: "",
          message:
            'Instance "db" has no backup or copy outside its single zone. It keeps its data in a single availability zone (RDS instance without multiAz; availabilityZone chosen by AWS), and nothing in this stack backs it up or copies it. ' +
            `The loss of that zone destroys the data and every copy. ${REQUIREMENT}`,
        },
      ]);
    });

    it("treats an omitted backupRetentionPeriod as 0, and passes a positive one", () => {
      expect(outcomesOf(ID, db({}))).toEqual(["violation no-copy-outside-zone db"]);
      expect(outcomesOf(ID, db({ backupRetentionPeriod: 7 }))).toEqual([]);
      expect(outcomesOf(ID, db({ multiAz: true, backupRetentionPeriod: 0 }))).toEqual([]);
    });

    it("reports unresolved, not nothing, when multiAz is computed from another resource and nothing backs the instance up", () => {
      const b = new PlannedStackBuilder();
      const config = b.add("aws:ssm/parameter:Parameter", "ha", { value: UNKNOWN });
      b.add(AWS_TYPES.rdsInstance, "db", { identifier: "db", multiAz: UNKNOWN, backupRetentionPeriod: 0 }, { propertyDependencies: { multiAz: [config] } });
      expect(outcomesOf(ID, b.stack())).toEqual(["unresolved unresolved-zone db"]);
    });

    it("does not judge a read replica as a primary: its data is a copy of its source", () => {
      const b = new PlannedStackBuilder();
      const source = b.add(AWS_TYPES.rdsInstance, "db", { identifier: "db", multiAz: true, backupRetentionPeriod: 7 });
      b.add(AWS_TYPES.rdsInstance, "replica", { replicateSourceDb: UNKNOWN, backupRetentionPeriod: 0 }, { propertyDependencies: { replicateSourceDb: [source] } });
      expect(outcomesOf(ID, b.stack())).toEqual([]);
    });
  });

  describe("EFS replicas", () => {
    it("does not judge an in-stack One Zone replica file system as a primary of its own", () => {
      const b = new PlannedStackBuilder();
      const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { availabilityZoneName: "eu-west-3a" });
      const replica = b.add(AWS_TYPES.efsFileSystem, "replica", { availabilityZoneName: "eu-west-3b", protection: { replicationOverwrite: "DISABLED" } });
      b.add(
        AWS_TYPES.efsReplication,
        "repl",
        { sourceFileSystemId: UNKNOWN, destination: { fileSystemId: UNKNOWN } },
        { propertyDependencies: { sourceFileSystemId: [fs], destination: [replica] } },
      );
      expect(outcomesOf(ID, b.stack())).toEqual([]);
      // without the replication, the second file system is a primary like any other
      const alone = new PlannedStackBuilder();
      alone.add(AWS_TYPES.efsFileSystem, "replica", { availabilityZoneName: "eu-west-3b" });
      expect(outcomesOf(ID, alone.stack())).toEqual(["violation no-copy-outside-zone replica"]);
    });
  });

  describe("EFS backup policies", () => {
    function withPolicy(status: string) {
      const b = efsDesign({ region: "eu-west-3", availabilityZoneName: "eu-west-3a" });
      const fs = b.stack().resources[0];
      b.add(AWS_TYPES.efsBackupPolicy, "backup", { fileSystemId: UNKNOWN, backupPolicy: { status } }, { propertyDependencies: { fileSystemId: [fs] } });
      return b.stack();
    }

    it("passes a One Zone file system whose backup policy is ENABLED, even with a replica in its own zone", () => {
      expect(outcomesOf(ID, withPolicy("ENABLED"))).toEqual(["violation same-zone-copy repl"]);
    });

    it("flags it when the backup policy is DISABLED", () => {
      expect(outcomesOf(ID, withPolicy("DISABLED"))).toEqual(["violation no-copy-outside-zone fs", "violation same-zone-copy repl"]);
    });
  });
});

describe("backup-zone-separation: long names", () => {
  const long = `orders-${"x".repeat(120)}`;

  it("names a single-zone resource by its type in the first sentence and in full after it", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.ebsVolume, long, { availabilityZone: "eu-west-3a", size: 10 });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: `urn:pulumi:dev::proj::aws:ebs/volume:Volume::${long}`,
        outcome: "violation",
        code: "no-copy-outside-zone",
        subject: "",
        message:
          `this Volume has no backup or copy outside zone eu-west-3a. Resource: Volume "${long}". ` +
          `It keeps its data in availability zone eu-west-3a (EBS volume), and nothing in this stack backs it up or copies it. The loss of that zone destroys the data and every copy. ${REQUIREMENT}`,
      },
    ]);
  });

  it("names a replication by its kind in the first sentence and the route in full after it", () => {
    const b = new PlannedStackBuilder();
    const fs = b.add(AWS_TYPES.efsFileSystem, long, { availabilityZoneName: "eu-west-3a", id: UNKNOWN });
    b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination: { availabilityZoneName: "eu-west-3a" } }, { propertyDependencies: { sourceFileSystemId: [fs] } });
    expect(findingsOf(ID, b.stack()).filter((f) => f.code === "same-zone-copy")).toEqual([
      {
        ruleId: ID,
        urn: REPLICATION,
        outcome: "violation",
        code: "same-zone-copy",
        subject: "",
        message:
          `EFS replication "repl" copies a single-zone primary into the same zone (eu-west-3a). Route: EFS replication "repl" of FileSystem "${long}". ` +
          `Copies: replica → the replica file system of "repl": both in availability zone eu-west-3a, like FileSystem "${long}". ` +
          "One zone failure (fire, flood, power) destroys the data and its copy together. Replicate into another region (destination.region), or at least into another availability zone.",
      },
    ]);
  });
});
