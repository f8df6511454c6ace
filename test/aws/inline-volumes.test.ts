import { JsonObject } from "../../policies/core/json";
import { PlannedResource, StackIndex } from "../../policies/core/planned-stack";
import { encryptionKeyOf } from "../../policies/aws/encryption-keys";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { RULES } from "../../policies/rules";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ACCOUNT = "111111111111";
const STACK_CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([ACCOUNT]) };
const WEB = "urn:pulumi:dev::proj::aws:ec2/instance:Instance::web";
const INSTANCE: JsonObject = { ami: "ami-1", instanceType: "t3.micro", availabilityZone: "eu-west-3a" };
const WHERE = `region eu-west-3 (default provider default_7_48_0, stack config aws:region), account ${ACCOUNT} (default provider default_7_48_0 allowedAccountIds)`;

/** An instance, and what the test adds beside it (a backup plan and selection, a DLM policy). */
function design(props: JsonObject, extra?: (b: PlannedStackBuilder, web: PlannedResource) => void): PlannedStackBuilder {
  const b = new PlannedStackBuilder(STACK_CONFIG);
  const web = b.add(AWS_TYPES.ec2Instance, "web", { ...INSTANCE, ...props });
  extra?.(b, web);
  return b;
}

/** An AWS Backup plan (daily snapshots, 35 days) in the instance's account and a selection with `props`. */
function backupSelection(props: JsonObject, deps: (web: PlannedResource) => Record<string, PlannedResource[]> = () => ({})) {
  return (b: PlannedStackBuilder, web: PlannedResource): void => {
    const vault = b.add(AWS_TYPES.backupVault, "vault", { name: "vault" });
    const plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", id: UNKNOWN, rules: [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 } }] }, { propertyDependencies: { rules: [vault] } });
    b.add(AWS_TYPES.backupSelection, "selection", { name: "selection", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, planId: UNKNOWN, ...props }, { propertyDependencies: { planId: [plan], ...deps(web) } });
  };
}

function dlm(details: JsonObject, props: JsonObject = {}) {
  return (b: PlannedStackBuilder): void => {
    b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
      policyDetails: { targetTags: { backup: "daily" }, schedules: [{ name: "daily", createRule: { interval: 24 }, retainRule: { count: 35 } }], ...details },
      ...props,
    });
  };
}

const ROOT_DEFAULT = "rootBlockDevice.deleteOnTermination is not set, and the default is true";
const destroysLast = (device: string, basis: string) => ({
  ruleId: "backup-retention-minimum",
  urn: WEB,
  outcome: "violation",
  code: "destroys-backups-on-delete",
  subject: `${device}.deleteOnTermination`,
  message:
    `EBS storage of Instance "web" takes its last backups with it when deleted or replaced (${device}.deleteOnTermination). It is a protected data store (resourceTypes). ` +
    `Since ${basis}, terminating or replacing Instance "web" deletes the volume ${device} with it, and with it whatever was written since its last snapshot. ` +
    `No AWS Backup recovery point, snapshot copy or other lasting copy outlives it. Set ${device}.deleteOnTermination: false so that the volume outlives the instance, or keep snapshots of it that outlive it (an AWS Backup selection of the instance, a DLM policy).`,
});

describe("EBS volumes declared inline in an EC2 instance", () => {
  it("are a data store of the instance: not backed up, deleted with it by default, in one zone (whole findings)", () => {
    const stack = design({ rootBlockDevice: { volumeSize: 20 } }).stack();
    expect(findingsOf("backup-coverage", stack)).toEqual([
      {
        ruleId: "backup-coverage",
        urn: WEB,
        outcome: "violation",
        code: "not-backed-up",
        subject: "",
        message:
          `Nothing backs up EBS storage of Instance "web" in eu-west-3, account ${ACCOUNT}. It is a protected data store (resourceTypes) in ${WHERE}; no AWS Backup selection of its region and account selects it and no native copy mechanism copies it. ` +
          "If the data is deleted, encrypted or its region lost, it cannot be restored. Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.",
      },
    ]);
    expect(findingsOf("backup-retention-minimum", stack)).toEqual([destroysLast("rootBlockDevice", ROOT_DEFAULT)]);
    expect(findingsOf("backup-zone-separation", stack)).toEqual([
      {
        ruleId: "backup-zone-separation",
        urn: WEB,
        outcome: "violation",
        code: "no-copy-outside-zone",
        subject: "",
        message:
          'EBS storage of Instance "web" has no backup or copy outside zone eu-west-3a. It keeps its data in availability zone eu-west-3a (EC2 instance), and nothing in this stack backs it up or copies it. The loss of that zone destroys the data and every copy. Keep at least one backup or copy outside the primary\'s availability zone: back it up with AWS Backup (vaults span the zones of their region), turn on the service\'s automatic backups, or replicate into another zone or region.',
      },
    ]);
  });

  it("judges each device's deleteOnTermination: false keeps the volume, true or omitted deletes it", () => {
    const stack = design({ rootBlockDevice: { deleteOnTermination: false }, ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 100 }, { deviceName: "/dev/sdg", deleteOnTermination: true }] }).stack();
    expect(findingsOf("backup-retention-minimum", stack)).toEqual([
      destroysLast("ebsBlockDevices[0]", "ebsBlockDevices[0].deleteOnTermination is not set, and the default is true"),
      destroysLast("ebsBlockDevices[1]", "ebsBlockDevices[1].deleteOnTermination is true"),
    ]);
  });

  it("is unresolved when deleteOnTermination or the device list is unknown during preview", () => {
    // A nested value computed from a resource (here a config resource) is the program's, unknown until apply.
    const fromResource = design({}, (b) => b.add(AWS_TYPES.ec2Instance, "sized", { ...INSTANCE, rootBlockDevice: { deleteOnTermination: UNKNOWN } }, { propertyDependencies: { rootBlockDevice: [b.stack().resources[0]] } }));
    expect(outcomesOf("backup-retention-minimum", fromResource.stack())).toEqual([
      "unresolved destroys-backups-on-delete sized rootBlockDevice.deleteOnTermination",
    ]);
    // Left out by the program, the provider computes it in planned outputs: the default (true) applies.
    expect(outcomesOf("backup-retention-minimum", design({ rootBlockDevice: { deleteOnTermination: UNKNOWN } }).stack())).toEqual([
      "violation destroys-backups-on-delete web rootBlockDevice.deleteOnTermination",
    ]);
    const unknownList = design({}, (b) => b.add(AWS_TYPES.ec2Instance, "web2", { ...INSTANCE, ebsBlockDevices: UNKNOWN }, { origin: "inputs" })).stack();
    expect(outcomesOf("backup-retention-minimum", unknownList)).toEqual(["unresolved destroys-backups-on-delete web2 ebsBlockDevices.deleteOnTermination"]);
    expect(outcomesOf("backup-coverage", unknownList)).toEqual(["violation not-backed-up web2"]);
  });

  it("does not make an instance that declares no volume inline a data store", () => {
    const stack = design({}).stack();
    for (const rule of RULES) expect(findingsOf(rule.meta.id, stack)).toEqual([]);
  });

  it("can be taken out of scope by the instance's tags (excludeTags)", () => {
    const stack = design({ rootBlockDevice: {}, tags: { "data-class": "scratch" } }).stack();
    for (const id of ["backup-coverage", "backup-retention-minimum"]) expect(findingsOf(id, stack, { excludeTags: ["data-class=scratch"] })).toEqual([]);
  });

  describe("AWS Backup selections", () => {
    it.each([
      ["a reference to the instance", backupSelection({ resources: [UNKNOWN] }, (web) => ({ resources: [web] }))],
      ["the instance's tags", backupSelection({ selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] })],
      ["the volumes' own tags (volumeTags)", backupSelection({ selectionTags: [{ type: "STRINGEQUALS", key: "tier", value: "gold" }] })],
      ['"*"', backupSelection({ resources: ["*"] })],
    ])("protect the volumes when they select them by %s, and deleteOnTermination is then advisory", (_, selection) => {
      const stack = design({ rootBlockDevice: { volumeSize: 20 }, tags: { backup: "daily" }, volumeTags: { tier: "gold" } }, selection).stack();
      expect(findingsOf("backup-coverage", stack)).toEqual([]);
      expect(findingsOf("backup-zone-separation", stack)).toEqual([]);
      expect(findingsOf("backup-retention-minimum", stack)).toEqual([
        {
          ruleId: "backup-retention-minimum",
          urn: WEB,
          outcome: "advisory",
          code: "destroys-backups-on-delete",
          subject: "rootBlockDevice.deleteOnTermination",
          message:
            'EBS storage of Instance "web" deletes backups with it when deleted or replaced (rootBlockDevice.deleteOnTermination), but another copy outlives it. ' +
            `Since ${ROOT_DEFAULT}, terminating or replacing Instance "web" deletes the volume rootBlockDevice with it, and with it whatever was written since its last snapshot. ` +
            'What survives: the recovery points of AWS Backup selection "selection", kept in their vault whatever becomes of the store. What is still lost: the volume rootBlockDevice itself, i.e. the data written since its last snapshot. ' +
            "Set rootBlockDevice.deleteOnTermination: false so that the volume outlives the instance, or keep snapshots of it that outlive it (an AWS Backup selection of the instance, a DLM policy).",
        },
      ]);
    });

    it("do not protect them when the tags match neither the instance nor every volume", () => {
      const selection = backupSelection({ selectionTags: [{ type: "STRINGEQUALS", key: "tier", value: "gold" }] });
      const stack = design({ rootBlockDevice: { tags: { tier: "gold" } }, ebsBlockDevices: [{ deviceName: "/dev/sdf", tags: { tier: "bronze" } }] }, selection).stack();
      expect(outcomesOf("backup-coverage", stack)).toEqual(["violation not-backed-up web"]);
    });

    it("leave coverage undecided when the instance's tags are unknown during preview", () => {
      const selection = backupSelection({ selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] });
      expect(outcomesOf("backup-coverage", design({ rootBlockDevice: {}, tags: UNKNOWN }, selection).stack())).toEqual(["unresolved coverage-undecided web"]);
    });

    it("do not select an instance of another region (explicit provider)", () => {
      const stack = design({ rootBlockDevice: {} }, (b, web) => backupSelection({ resources: ["*"] })(b, web)).stack();
      const b = new PlannedStackBuilder(STACK_CONFIG);
      const us = b.provider("us", { region: "us-east-1" });
      b.add(AWS_TYPES.ec2Instance, "web", { ...INSTANCE, availabilityZone: "us-east-1a", rootBlockDevice: {} }, { provider: us });
      backupSelection({ resources: ["*"] })(b, b.stack().resources[0]);
      expect(outcomesOf("backup-coverage", b.stack())).toEqual(["violation not-backed-up web"]);
      expect(outcomesOf("backup-coverage", stack)).toEqual([]);
    });
  });

  describe("DLM policies", () => {
    it.each([
      ["INSTANCE by the instance's tags", dlm({ resourceTypes: ["INSTANCE"] }), { tags: { backup: "daily" } }],
      ["VOLUME by volumeTags", dlm({ resourceTypes: ["VOLUME"] }), { volumeTags: { backup: "daily" } }],
      ["VOLUME by every device's own tags", dlm({ resourceTypes: ["VOLUME"] }), { rootBlockDevice: { tags: { backup: "daily" } }, ebsBlockDevices: [{ deviceName: "/dev/sdf", tags: { backup: "daily", x: "y" } }] }],
    ])("protect the volumes when they target %s", (_, policy, props) => {
      const stack = design({ rootBlockDevice: {}, ...props }, policy).stack();
      expect(findingsOf("backup-coverage", stack)).toEqual([]);
      expect(findingsOf("backup-zone-separation", stack)).toEqual([]);
      expect(outcomesOf("backup-retention-minimum", stack)).toEqual(
        "ebsBlockDevices" in props
          ? ["advisory destroys-backups-on-delete web ebsBlockDevices[0].deleteOnTermination", "advisory destroys-backups-on-delete web rootBlockDevice.deleteOnTermination"]
          : ["advisory destroys-backups-on-delete web rootBlockDevice.deleteOnTermination"],
      );
      expect(findingsOf("backup-retention-minimum", stack).map((f) => f.message)[0]).toContain('What survives: the EBS snapshots of schedule "daily" of lifecycle policy "dlm", which deleting the volume leaves alone.');
    });

    it.each([
      ["VOLUME targets by the instance's tags only", dlm({ resourceTypes: ["VOLUME"] }), { tags: { backup: "daily" } }],
      ["INSTANCE targets by volume tags only", dlm({ resourceTypes: ["INSTANCE"] }), { volumeTags: { backup: "daily" } }],
      ["a volume that lacks the target tag", dlm({ resourceTypes: ["VOLUME"] }), { rootBlockDevice: { tags: { backup: "daily" } }, ebsBlockDevices: [{ deviceName: "/dev/sdf" }] }],
      ["a DISABLED policy", dlm({ resourceTypes: ["INSTANCE"] }, { state: "DISABLED" }), { tags: { backup: "daily" } }],
    ])("do not protect them with %s", (_, policy, props) => {
      const stack = design({ rootBlockDevice: {}, ...props }, policy).stack();
      expect(outcomesOf("backup-coverage", stack)).toEqual(["violation not-backed-up web"]);
    });

    // As for standalone volumes: volumes whose tags are unknown may be DLM targets or not, so their
    // coverage is undecided (fails closed under onUnresolved), never "nothing backs them up".
    it("leave the coverage of volumes whose tags are unknown during preview undecided", () => {
      const b = new PlannedStackBuilder(STACK_CONFIG);
      b.add(AWS_TYPES.ec2Instance, "web", { ...INSTANCE, rootBlockDevice: {}, volumeTags: UNKNOWN }, { origin: "inputs" });
      dlm({ resourceTypes: ["VOLUME"] })(b);
      const stack = b.stack();
      expect(outcomesOf("backup-coverage", stack)).toEqual(["unresolved coverage-undecided web"]);
    });
  });

  describe("zone", () => {
    it("is the instance's subnet's zone, and unknown fails closed", () => {
      const b = new PlannedStackBuilder(STACK_CONFIG);
      const subnet = b.add(AWS_TYPES.ec2Subnet, "subnet", { availabilityZone: "eu-west-3b" });
      b.add(AWS_TYPES.ec2Instance, "web", { ami: "ami-1", subnetId: UNKNOWN, rootBlockDevice: {} }, { propertyDependencies: { subnetId: [subnet] } });
      expect(findingsOf("backup-zone-separation", b.stack()).map((f) => f.message)[0]).toMatch(/^EBS storage of Instance "web" has no backup or copy outside zone eu-west-3b\. It keeps its data in availability zone eu-west-3b \(EC2 instance\)/);
      const unknownZone = design({ availabilityZone: UNKNOWN, rootBlockDevice: {} }).stack();
      expect(outcomesOf("backup-zone-separation", unknownZone)).toEqual(["violation no-copy-outside-zone web"]);
    });
  });

  describe("encryption", () => {
    const keyOf = (props: JsonObject, options = {}) => {
      const b = new PlannedStackBuilder(STACK_CONFIG);
      const web = b.add(AWS_TYPES.ec2Instance, "web", { ...INSTANCE, ...props }, options);
      const index = new StackIndex(b.stack());
      return encryptionKeyOf(index, index.byUrn(web.urn) as PlannedResource);
    };
    const KEY = `arn:aws:kms:eu-west-3:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

    it("reads each device's encrypted and kmsKeyId", () => {
      expect(keyOf({ rootBlockDevice: {} })).toEqual({ state: "unencrypted", basis: 'rootBlockDevice of Instance "web" does not set encrypted' });
      expect(keyOf({ rootBlockDevice: { encrypted: true } })).toEqual({ state: "service-default", basis: 'rootBlockDevice of Instance "web" sets encrypted without kmsKeyId: the account\'s default EBS key' });
      const key = keyOf({ rootBlockDevice: { encrypted: true, kmsKeyId: KEY }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: KEY }] });
      expect(key.state === "customer-key" && key.key).toBe(KEY);
    });

    it("is unknown when the devices use different keys, or a device's encrypted is unknown during preview", () => {
      expect(keyOf({ rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: KEY }] })).toEqual({
        state: "unknown",
        basis: `the inline volumes of Instance "web" use different keys (rootBlockDevice: service-default, ebsBlockDevices[0]: ${KEY}), which are judged together`,
      });
      expect(keyOf({ rootBlockDevice: { encrypted: UNKNOWN } }, { origin: "inputs" }).state).toBe("unknown");
    });
  });
});
