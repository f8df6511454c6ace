import { JsonObject } from "../../policies/core/json";
import { PlannedResource } from "../../policies/core/planned-stack";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-coverage";
const ACCOUNT = "111111111111";
const DB_ARN = `arn:aws:rds:eu-west-3:${ACCOUNT}:db:orders`;
const STACK_CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([ACCOUNT]) };

/** A database (known ARN as in an update, or unknown as in a create) and an optional selection. */
function design(
  selection?: (db: PlannedResource, plan: PlannedResource) => { props: JsonObject; deps?: Record<string, PlannedResource[]>; provider?: "other-region" },
  dbProps: JsonObject = { arn: DB_ARN, identifier: "orders", tags: { app: "orders", backup: "daily" } },
) {
  const b = new PlannedStackBuilder(STACK_CONFIG);
  const db = b.add(AWS_TYPES.rdsInstance, "orders", dbProps);
  const vault = b.add(AWS_TYPES.backupVault, "vault", { name: "vault" });
  const plan = b.add(
    AWS_TYPES.backupPlan,
    "plan",
    { name: "plan", id: UNKNOWN, rules: [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)" }] },
    { propertyDependencies: { rules: [vault] } },
  );
  if (selection) {
    const s = selection(db, plan);
    const provider = s.provider === "other-region" ? b.provider("us", { region: "us-east-1" }) : undefined;
    b.add(
      AWS_TYPES.backupSelection,
      "selection",
      { name: "selection", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, planId: UNKNOWN, ...s.props },
      { propertyDependencies: { planId: [plan], ...(s.deps ?? {}) }, provider },
    );
  }
  return b;
}

const DB_URN = "urn:pulumi:dev::proj::aws:rds/instance:Instance::orders";

describe("backup-coverage", () => {
  it("flags an unprotected database with the whole finding", () => {
    expect(findingsOf(ID, design().stack())).toEqual([
      {
        ruleId: ID,
        urn: DB_URN,
        outcome: "violation",
        code: "not-backed-up",
        subject: "",
        message:
          `Nothing backs up Instance "orders" in eu-west-3, account ${ACCOUNT}. It is a protected data store (resourceTypes) in region eu-west-3 (default provider default_7_48_0, stack config aws:region), account ${ACCOUNT} (ARN of orders); no AWS Backup selection of its region and account selects it and no native copy mechanism copies it. ` +
          "If the data is deleted, encrypted or its region lost, it cannot be restored. Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.",
      },
    ]);
  });

  it.each([
    ["a reference in resources", (db: PlannedResource) => ({ props: { resources: [UNKNOWN] }, deps: { resources: [db] } })],
    ["a literal ARN", () => ({ props: { resources: [DB_ARN] } })],
    ['"*"', () => ({ props: { resources: ["*"] } })],
    ["an ARN wildcard", () => ({ props: { resources: [`arn:aws:rds:eu-west-3:${ACCOUNT}:db:*`] } })],
    ["selectionTags", () => ({ props: { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] } })],
    [
      "a wildcard narrowed by conditions that hold",
      () => ({ props: { resources: ["*"], conditions: [{ stringEquals: [{ key: "aws:ResourceTag/app", value: "orders" }] }] } }),
    ],
    ["stringLikes conditions", () => ({ props: { resources: ["*"], conditions: [{ stringLikes: [{ key: "aws:ResourceTag/app", value: "ord*" }] }] } })],
  ])("passes a database covered by %s", (_name, selection) => {
    expect(findingsOf(ID, design(selection).stack())).toEqual([]);
  });

  it.each([
    ["selectionTags that do not match", () => ({ props: { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "weekly" }] } })],
    ["a wildcard for another service", () => ({ props: { resources: [`arn:aws:dynamodb:eu-west-3:${ACCOUNT}:table/*`] } })],
    ["conditions that exclude it", () => ({ props: { resources: ["*"], conditions: [{ stringNotEquals: [{ key: "aws:ResourceTag/app", value: "orders" }] }] } })],
    ["notResources naming it", () => ({ props: { resources: ["*"], notResources: [DB_ARN] } })],
    ["notResources referencing it", (db: PlannedResource) => ({ props: { resources: ["*"], notResources: [UNKNOWN] }, deps: { notResources: [db] } })],
    ["a selection in another region", () => ({ props: { resources: ["*"] }, provider: "other-region" as const })],
  ])("flags a database left out by %s", (_name, selection) => {
    expect(outcomesOf(ID, design(selection).stack())).toEqual(["violation not-backed-up orders"]);
  });

  it("reports coverage as undecided when the selection's resources are unknown during preview (no dependencies)", () => {
    const findings = findingsOf(ID, design(() => ({ props: { resources: UNKNOWN } })).stack());
    expect(findings.map((f) => `${f.outcome} ${f.code}`)).toEqual(["unresolved coverage-undecided"]);
    expect(findings[0].message).toContain(`AWS Backup selection "selection" (its resources, tags or conditions, or the store's tags, are unknown during preview)`);
  });

  it("counts notResources and conditions the provider computes (unknown in planned outputs, left out by the program) as not set", () => {
    const b = design(() => ({ props: { resources: [DB_ARN], notResources: UNKNOWN, conditions: UNKNOWN } }));
    expect(outcomesOf(ID, b.stack())).toEqual([]);
  });

  it("reports coverage as undecided when the program sets notResources to a value unknown during preview", () => {
    const stack = design(() => ({ props: { resources: [DB_ARN], notResources: UNKNOWN } })).stack();
    const programSet = { ...stack, resources: stack.resources.map((r) => (r.name === "selection" ? { ...r, unknownInInputs: ["notResources"] } : r)) };
    expect(outcomesOf(ID, programSet)).toEqual(["unresolved coverage-undecided orders"]);
  });

  it("reports coverage as undecided when the database's tags are unknown and a tag selection exists", () => {
    const b = design(() => ({ props: { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] } }), { arn: DB_ARN, tags: UNKNOWN });
    expect(outcomesOf(ID, b.stack())).toEqual(["unresolved coverage-undecided orders"]);
  });

  describe("a database created in this deployment (ARN unknown in preview)", () => {
    const created = { arn: UNKNOWN, identifier: "orders" };
    it.each([
      ["a literal ARN built from its identifier", DB_ARN],
      ["an ARN wildcard", `arn:aws:rds:eu-west-3:${ACCOUNT}:db:*`],
    ])("is covered by %s: its ARN follows from identifier, region and account", (_name, arn) => {
      expect(findingsOf(ID, design(() => ({ props: { resources: [arn] } }), created).stack())).toEqual([]);
    });

    it.each([
      ["another identifier", `arn:aws:rds:eu-west-3:${ACCOUNT}:db:invoices`],
      ["another region", `arn:aws:rds:eu-central-1:${ACCOUNT}:db:orders`],
      ["another account", "arn:aws:rds:eu-west-3:999999999999:db:orders"],
    ])("is not covered by a literal ARN with %s", (_name, arn) => {
      expect(outcomesOf(ID, design(() => ({ props: { resources: [arn] } }), created).stack())).toEqual(["violation not-backed-up orders"]);
    });

    it("is undecided when its identifier is chosen by the provider and a wildcard may match it", () => {
      const b = design(() => ({ props: { resources: [`arn:aws:rds:eu-west-3:${ACCOUNT}:db:*`] } }), { arn: UNKNOWN });
      expect(outcomesOf(ID, b.stack())).toEqual(["unresolved coverage-undecided orders"]);
    });
  });

  describe('notResources left out of resources: ["*"] (AWS Backup excludes whatever it matches)', () => {
    const NOT_RESOURCES_UNDECIDED =
      `Cannot tell whether Instance "orders" is backed up. It may be backed up by AWS Backup selection "selection" (its notResources may name the store: the store's ARN or name, or an entry, is not known before the deployment runs, and AWS Backup leaves out whatever notResources matches). ` +
      "Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.";
    const except = (entries: string[]) => () => ({ props: { resources: ["*"], notResources: entries } });

    it.each([
      ["a literal ARN built from its identifier (ARN unknown in preview)", [DB_ARN], { arn: UNKNOWN, identifier: "orders" }],
      ["a literal ARN (ARN not reported)", [DB_ARN], { identifier: "orders" }],
      ["a wildcard (ARN unknown in preview)", [`arn:aws:rds:*:*:db:ord*`], { arn: UNKNOWN, identifier: "orders" }],
      ["a wildcard (ARN known, as in an update)", [`arn:aws:rds:*:${ACCOUNT}:db:*`], { arn: DB_ARN, identifier: "orders" }],
      ['"*"', ["*"], { arn: UNKNOWN, identifier: "orders" }],
    ])("flags a database excluded by %s", (_name, entries, dbProps) => {
      expect(outcomesOf(ID, design(except(entries), dbProps).stack())).toEqual(["violation not-backed-up orders"]);
    });

    it.each([
      ["another identifier", [`arn:aws:rds:eu-west-3:${ACCOUNT}:db:invoices`]],
      ["another region", [`arn:aws:rds:eu-central-1:${ACCOUNT}:db:orders`]],
      ["another account", ["arn:aws:rds:eu-west-3:999999999999:db:orders"]],
      ["a wildcard of another service", [`arn:aws:dynamodb:*:*:table/*`]],
    ])("keeps a database that a notResources entry with %s does not match", (_name, entries) => {
      expect(findingsOf(ID, design(except(entries), { arn: UNKNOWN, identifier: "orders" }).stack())).toEqual([]);
    });

    it("fails closed when the database's identifier is chosen by the provider and a literal ARN of its service, region and account may name it", () => {
      expect(findingsOf(ID, design(except([DB_ARN]), { arn: UNKNOWN }).stack())).toEqual([
        { ruleId: ID, urn: DB_URN, outcome: "unresolved", code: "coverage-undecided", subject: "", message: NOT_RESOURCES_UNDECIDED },
      ]);
    });

    it("fails closed when the identifier is unknown in preview, or an entry is unknown and explained by no dependency", () => {
      expect(outcomesOf(ID, design(except([DB_ARN]), { arn: UNKNOWN, identifier: UNKNOWN }).stack())).toEqual(["unresolved coverage-undecided orders"]);
      expect(outcomesOf(ID, design(() => ({ props: { resources: ["*"], notResources: [UNKNOWN] } }), { arn: UNKNOWN, identifier: "orders" }).stack())).toEqual([
        "unresolved coverage-undecided orders",
      ]);
    });

    it("compares the entry with the account and region of an explicit provider that creates both", () => {
      const stack = (entry: string) => {
        const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
        const fra = b.provider("fra", { region: "eu-central-1", allowedAccountIds: [ACCOUNT] });
        b.add(AWS_TYPES.rdsInstance, "orders", { arn: UNKNOWN, identifier: "orders" }, { provider: fra });
        b.add(AWS_TYPES.backupSelection, "selection", { name: "s", planId: "plan-1", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/b`, resources: ["*"], notResources: [entry] }, { provider: fra });
        return b.stack();
      };
      expect(outcomesOf(ID, stack(`arn:aws:rds:eu-central-1:${ACCOUNT}:db:orders`))).toEqual(["violation not-backed-up orders"]);
      expect(outcomesOf(ID, stack(DB_ARN))).toEqual([]);
    });

    it("reports EBS volumes and EFS file systems (ids picked by AWS) as excluded by a wildcard of their service only", () => {
      const b = new PlannedStackBuilder(STACK_CONFIG);
      b.add(AWS_TYPES.ebsVolume, "volume", { arn: UNKNOWN, availabilityZone: "eu-west-3a", size: 10 });
      b.add(AWS_TYPES.efsFileSystem, "fs", { arn: UNKNOWN });
      b.add(AWS_TYPES.backupSelection, "selection", { name: "s", planId: "plan-1", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/b`, resources: ["*"], notResources: [`arn:aws:ec2:*:*:volume/*`] });
      expect(outcomesOf(ID, b.stack())).toEqual(["unresolved coverage-undecided volume"]);
    });
  });

  it("does not count the database's own automated backups unless acceptServiceBackups", () => {
    const b = design(undefined, { arn: DB_ARN, backupRetentionPeriod: 7 });
    const findings = findingsOf(ID, b.stack());
    expect(findings.map((f) => f.code)).toEqual(["not-backed-up"]);
    expect(findingsOf(ID, b.stack(), { acceptServiceBackups: true })).toEqual([]);
  });

  it("with acceptServiceBackups, cannot tell whether a database is backed up when the retention of its automated backups is unknown", () => {
    const b = new PlannedStackBuilder(STACK_CONFIG);
    const settings = b.add("random:index/randomInteger:RandomInteger", "retention", { result: UNKNOWN });
    b.add(AWS_TYPES.rdsInstance, "orders", { arn: DB_ARN, backupRetentionPeriod: UNKNOWN }, { propertyDependencies: { backupRetentionPeriod: [settings] } });
    expect(findingsOf(ID, b.stack(), { acceptServiceBackups: true }).map((f) => [f.code, f.message])).toEqual([
      [
        "coverage-undecided",
        'Cannot tell whether Instance "orders" is backed up. The retention of its automated backups is unknown during preview, and nothing else backs it up. ' +
          "Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.",
      ],
    ]);
  });

  it("does not judge read replicas, nor a resource analysed alone", () => {
    const b = new PlannedStackBuilder(STACK_CONFIG);
    const db = b.add(AWS_TYPES.rdsInstance, "replica", { replicateSourceDb: "orders" });
    expect(findingsOf(ID, b.stack())).toEqual([]);
    const single = new PlannedStackBuilder(STACK_CONFIG);
    const alone = single.add(AWS_TYPES.rdsInstance, "orders", { identifier: "orders" });
    expect(findingsOf(ID, single.single(alone))).toEqual([]);
    expect(db.type).toBe(AWS_TYPES.rdsInstance);
  });

  describe("scope", () => {
    function stores(tags: JsonObject | string) {
      const b = new PlannedStackBuilder(STACK_CONFIG);
      b.add(AWS_TYPES.s3Bucket, "bucket", { bucket: "data", tags });
      b.add(AWS_TYPES.dynamodbTable, "table", { name: "orders", tags });
      b.add(AWS_TYPES.efsFileSystem, "fs", { tags });
      b.add(AWS_TYPES.ebsVolume, "volume", { availabilityZone: "eu-west-3a", size: 10, tags });
      b.add(AWS_TYPES.fsxWindows, "windows", { storageCapacity: 32, tags });
      b.add(AWS_TYPES.rdsCluster, "aurora", { engine: "aurora-postgresql", tags });
      return b.stack();
    }

    it("protects databases, file systems and volumes by default, buckets only when tagged", () => {
      expect(outcomesOf(ID, stores({}))).toEqual([
        "violation not-backed-up table",
        "violation not-backed-up volume",
        "violation not-backed-up fs",
        "violation not-backed-up windows",
        "violation not-backed-up aurora",
      ]);
      expect(outcomesOf(ID, stores({ "backup-guard:protected": "true" }))).toContain("violation not-backed-up bucket");
    });

    it("takes resources out of scope with excludeTags (key or key=value)", () => {
      expect(outcomesOf(ID, stores({ "data-class": "scratch" }), { excludeTags: ["data-class=scratch"] })).toEqual([]);
      expect(outcomesOf(ID, stores({ "data-class": "gold" }), { excludeTags: ["data-class=scratch"] })).toHaveLength(5);
      expect(outcomesOf(ID, stores({ ephemeral: "" }), { excludeTags: ["ephemeral"] })).toEqual([]);
    });

    it("narrows the types with resourceTypes and the tag with includeTags", () => {
      expect(outcomesOf(ID, stores({ keep: "yes" }), { resourceTypes: ["aws:dynamodb/table:Table"], includeTags: ["keep=yes"] })).toEqual([
        "violation not-backed-up table",
        "violation not-backed-up bucket",
      ]);
    });

    it("reports stores whose tags are unknown as undecided when tags decide the scope", () => {
      expect(outcomesOf(ID, stores(UNKNOWN), { excludeTags: ["data-class=scratch"] })).toEqual([
        "unresolved scope-undecided table",
        "unresolved scope-undecided volume",
        "unresolved scope-undecided fs",
        "unresolved scope-undecided windows",
        "unresolved scope-undecided aurora",
        "unresolved scope-undecided bucket",
      ]);
      // Without excludeTags the types alone decide; only the bucket depends on its tags.
      expect(outcomesOf(ID, stores(UNKNOWN))).toContain("unresolved scope-undecided bucket");
    });

    it("refuses a resource type it cannot judge and an unknown key, naming them", () => {
      expect(() => findingsOf(ID, stores({}), { resourceTypes: ["aws:ec2/instance:Instance"] })).toThrow(/backup-coverage: config key "resourceTypes.0" is "aws:ec2\/instance:Instance", which is not one of/);
      expect(() => findingsOf(ID, stores({}), { resourceType: [] })).toThrow('backup-coverage: unknown config key "resourceType"');
    });
  });

  describe("native copies", () => {
    it("counts S3 replication of a protected bucket, not the replica itself", () => {
      const b = new PlannedStackBuilder(STACK_CONFIG);
      const source = b.add(AWS_TYPES.s3Bucket, "source", { bucket: "source", tags: { "backup-guard:protected": "yes" } });
      const replica = b.add(AWS_TYPES.s3Bucket, "replica", { bucket: "replica", tags: { "backup-guard:protected": "yes" } }, { provider: b.provider("dr", { region: "eu-central-1" }) });
      b.add(
        AWS_TYPES.s3ReplicationConfig,
        "replication",
        { bucket: UNKNOWN, role: "arn:aws:iam::111111111111:role/r", rules: [{ id: "all", status: "Enabled", destination: { bucket: UNKNOWN } }] },
        { propertyDependencies: { bucket: [source], rules: [replica] } },
      );
      expect(findingsOf(ID, b.stack())).toEqual([]);
    });

    it("counts an RDS automated-backup replication of the database", () => {
      const b = new PlannedStackBuilder(STACK_CONFIG);
      const db = b.add(AWS_TYPES.rdsInstance, "orders", { arn: UNKNOWN, backupRetentionPeriod: 7 });
      b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "dr", { sourceDbInstanceArn: UNKNOWN, retentionPeriod: 14 }, {
        provider: b.provider("dr", { region: "eu-central-1" }),
        propertyDependencies: { sourceDbInstanceArn: [db] },
      });
      expect(findingsOf(ID, b.stack())).toEqual([]);
    });
  });
});

describe("backup-coverage: long names", () => {
  it("keeps the first sentence within 160 characters when the store's name is long, and names the store in full after it", () => {
    const name = `orders-${"archive-".repeat(20)}eu`;
    const b = new PlannedStackBuilder(STACK_CONFIG);
    b.add(AWS_TYPES.dynamodbTable, name, { name });
    expect(findingsOf(ID, b.stack()).map((f) => [f.code, f.message])).toEqual([
      [
        "not-backed-up",
        `Nothing backs up Table "orders-archive-archive-archive-archive-archive-archive-…" in eu-west-3, account ${ACCOUNT}. In full: Table "${name}". ` +
          `It is a protected data store (resourceTypes) in region eu-west-3 (default provider default_7_48_0, stack config aws:region), account ${ACCOUNT} (default provider default_7_48_0 allowedAccountIds); no AWS Backup selection of its region and account selects it and no native copy mechanism copies it. ` +
          "If the data is deleted, encrypted or its region lost, it cannot be restored. Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.",
      ],
    ]);
  });
});

describe("backup-coverage: DocumentDB and Neptune clusters (opt-in types)", () => {
  const clusters = () => {
    const b = new PlannedStackBuilder(STACK_CONFIG);
    b.add(AWS_TYPES.docdbCluster, "docs", { clusterIdentifier: "docs", arn: UNKNOWN });
    b.add(AWS_TYPES.neptuneCluster, "graph", { clusterIdentifier: "graph", arn: UNKNOWN });
    return b.stack();
  };

  it("does not judge them by default", () => {
    expect(findingsOf(ID, clusters())).toEqual([]);
  });

  it("judges them once listed in resourceTypes", () => {
    const config = { resourceTypes: ["aws:docdb/cluster:Cluster", "aws:neptune/cluster:Cluster"] };
    expect(outcomesOf(ID, clusters(), config)).toEqual(["violation not-backed-up docs", "violation not-backed-up graph"]);
  });
});
