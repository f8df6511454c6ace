import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { JsonObject } from "../../policies/core/json";
import { PlannedResource } from "../../policies/core/planned-stack";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const CROSS = "backup-cross-region-copy";
const IMMUTABLE = "backup-immutable";
const OFFLINE = "backup-offline-copy";
const ZONES = "backup-zone-separation";
const RULE_IDS = [CROSS, IMMUTABLE, OFFLINE, ZONES];

/** The production stack: region eu-west-3, account 111111111111 declared in stack config. */
const PROD = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) };
const DEFAULT_REGION = "eu-west-3 (default provider default_7_48_0, stack config aws:region)";
const PROD_ACCOUNT = "account 111111111111 (default provider default_7_48_0 allowedAccountIds)";

const NATIVE_REQUIREMENT =
  'Send the copy to another region: create the destination (replica bucket, replica file system, snapshot copy) through a provider for that region (e.g. new aws.Provider("dr", { region: "eu-central-1" })) or set its region input, destination.region or the DLM rule\'s target.';
const OFFLINE_REQUIREMENT =
  'Copy at least once into a separate backup account: S3 replication with destination.account (and accessControlTranslation.owner "Destination") into a bucket of that account, or a snapshot copy owned by that account (created through a provider that assumes a role there, or by a DLM event-based policy of that account that copies the snapshots shared with it: a share alone leaves them owned by this account); or back the data up with AWS Backup into a logically air-gapped vault.';
const RBIN_HOWTO =
  'Retain deleted EBS snapshots in the copy\'s region with a locked Recycle Bin rule: new aws.rbin.Rule(..., { resourceType: "EBS_SNAPSHOT", retentionPeriod: {...}, lockConfiguration: { unlockDelay: { unlockDelayUnit: "DAYS", unlockDelayValue: 7 } } }) through a provider for that region.';
const REGIONAL_DISASTER = "A regional disaster would destroy the data and its copies together.";
const CREDENTIALS = "Whoever holds the production credentials (or ransomware running with them) can delete every copy.";

function urn(type: string, name: string): string {
  return `urn:pulumi:dev::proj::${type}::${name}`;
}

/** A production stack with a provider `dr` in eu-central-1 that assumes a role in backup account 222222222222. */
function prod() {
  const b = new PlannedStackBuilder(PROD);
  const dr = b.provider("dr", { region: "eu-central-1", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/x" }] });
  return { b, dr };
}

/** Every finding of the four placement rules. */
function allFindings(stack: ReturnType<PlannedStackBuilder["stack"]>) {
  return RULE_IDS.flatMap((id) => findingsOf(id, stack));
}

const LOCKED_RULE: JsonObject = {
  resourceType: "EBS_SNAPSHOT",
  retentionPeriod: { retentionPeriodValue: 14, retentionPeriodUnit: "DAYS" },
  lockConfiguration: { unlockDelay: { unlockDelayValue: 7, unlockDelayUnit: "DAYS" } },
};
const UNLOCKED_RULE: JsonObject = { resourceType: "EBS_SNAPSHOT", retentionPeriod: { retentionPeriodValue: 14, retentionPeriodUnit: "DAYS" } };

describe("RDS automated-backup replication", () => {
  const REPL = urn(AWS_TYPES.rdsAutomatedBackupsReplication, "repl");

  /** An in-stack single-AZ instance (backups on) and its replication, the ARN unknown in preview. */
  function design(replicationProps: JsonObject = {}, provider?: "dr") {
    const { b, dr } = prod();
    const db = b.add(AWS_TYPES.rdsInstance, "db", { identifier: "db", arn: UNKNOWN, backupRetentionPeriod: 7 });
    const repl = b.add(
      AWS_TYPES.rdsAutomatedBackupsReplication,
      "repl",
      { sourceDbInstanceArn: UNKNOWN, ...replicationProps },
      { propertyDependencies: { sourceDbInstanceArn: [db] }, provider: provider === "dr" ? dr : undefined },
    );
    return { b, db, repl };
  }

  it("passes a replication created through a provider in another region and account", () => {
    // The replica is placed where the replication resource is created (its provider's region and account).
    const { b } = design({}, "dr");
    expect(allFindings(b.stack())).toEqual([]);
  });

  it("models the instance as primary and the replica in the replication's region, retention 7 days when retentionPeriod is omitted", () => {
    const { b, db } = design({}, "dr");
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    expect(route.kind).toBe("native-copy");
    expect(route.primaries.map((p) => p.urn)).toEqual([db.urn]);
    expect(route.primaries[0].placement.region).toEqual({ state: "known", value: "eu-west-3", basis: "default provider default_7_48_0, stack config aws:region" });
    const [copy] = route.views[0].copies;
    expect(copy.store.placement.region).toEqual({ state: "known", value: "eu-central-1", basis: "provider dr region" });
    expect(copy.store.placement.account).toEqual({ state: "known", accountIds: ["222222222222"], basis: "provider dr assumeRoles[0].roleArn" });
    expect(copy.retentionDays).toEqual({ state: "known", value: 7, basis: "retentionPeriod default" });
  });

  it("reads an explicit retentionPeriod", () => {
    const { b } = design({ retentionPeriod: 14 }, "dr");
    expect(buildAwsProtectionModel(b.stack()).routes[0].views[0].copies[0].retentionDays).toEqual({ state: "known", value: 14, basis: "retentionPeriod" });
  });

  it("flags a replication in the instance's own region (source resolved through propertyDependencies), and no copy out of the account", () => {
    const { b } = design();
    expect(findingsOf(CROSS, b.stack())).toEqual([
      {
        ruleId: CROSS,
        urn: REPL,
        outcome: "violation",
        code: "same-region-copy",
        subject: "",
        message:
          `automated-backup replication "repl" of Instance "db" copies the data only within the same region (eu-west-3). Copies: replicated automated backups → automated-backup replica "repl" in ${DEFAULT_REGION}, the region of Instance "db". ` +
          `${REGIONAL_DISASTER} ${NATIVE_REQUIREMENT}`,
      },
    ]);
    expect(findingsOf(OFFLINE, b.stack())).toEqual([
      {
        ruleId: OFFLINE,
        urn: REPL,
        outcome: "violation",
        code: "no-offline-copy",
        subject: "",
        message:
          `automated-backup replication "repl" of Instance "db" has no offline copy: all in account 111111111111. Copies: replicated automated backups → automated-backup replica "repl" in ${PROD_ACCOUNT}, which is also the account of source Instance "db" (default provider default_7_48_0 allowedAccountIds). ` +
          `${CREDENTIALS} ${OFFLINE_REQUIREMENT}`,
      },
    ]);
  });

  it("never asks RDS copies for a lock (backup-immutable has nothing to say)", () => {
    expect(findingsOf(IMMUTABLE, design().b.stack())).toEqual([]);
  });

  it("takes the replication's own region input over its provider's", () => {
    expect(outcomesOf(CROSS, design({ region: "eu-central-1" }).b.stack())).toEqual([]);
    expect(outcomesOf(CROSS, design({ region: "eu-west-3" }, "dr").b.stack())).toEqual(["violation same-region-copy repl"]);
  });

  it("locates an instance declared through a provider in another region", () => {
    const { b } = prod();
    const db = b.add(AWS_TYPES.rdsInstance, "db", { arn: UNKNOWN }, { provider: b.provider("frankfurt", { region: "eu-central-1" }) });
    b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "repl", { sourceDbInstanceArn: UNKNOWN }, { propertyDependencies: { sourceDbInstanceArn: [db] } });
    expect(outcomesOf(CROSS, b.stack())).toEqual([]);
  });

  it("reads the source region and account from a literal instance ARN", () => {
    const arn = (region: string) => `arn:aws:rds:${region}:111111111111:db:x`;
    const stackWith = (source: string, useDr: boolean) => {
      const { b, dr } = prod();
      b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "repl", { sourceDbInstanceArn: source }, useDr ? { provider: dr } : {});
      return b.stack();
    };
    expect(outcomesOf(CROSS, stackWith(arn("eu-west-3"), false))).toEqual(["violation same-region-copy repl"]);
    expect(outcomesOf(OFFLINE, stackWith(arn("eu-west-3"), false))).toEqual(["violation no-offline-copy repl"]);
    expect(outcomesOf(CROSS, stackWith(arn("eu-central-1"), false))).toEqual([]);
    expect([...outcomesOf(CROSS, stackWith(arn("eu-west-3"), true)), ...outcomesOf(OFFLINE, stackWith(arn("eu-west-3"), true))]).toEqual([]);
  });

  it("reports unresolved when the source ARN is unknown in preview and computed from nothing in the stack", () => {
    const { b } = prod();
    b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "repl", { sourceDbInstanceArn: UNKNOWN });
    expect(findingsOf(CROSS, b.stack())).toEqual([
      {
        ruleId: CROSS,
        urn: REPL,
        outcome: "unresolved",
        code: "unresolved-region",
        subject: "",
        message:
          `cannot prove that automated-backup replication "repl" of the source at sourceDbInstanceArn copies the data to another region. Undecided: replicated automated backups → automated-backup replica "repl" in ${DEFAULT_REGION}, ` +
          "but whether it shares the region of the source at sourceDbInstanceArn is undecided: unknown region (sourceDbInstanceArn is unknown during preview and not computed from a resource in this stack). " +
          "Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack.",
      },
    ]);
    expect(outcomesOf(OFFLINE, b.stack())).toEqual(["unresolved unresolved-account repl"]);
  });
});

describe("RDS snapshot copies", () => {
  const COPY = urn(AWS_TYPES.rdsSnapshotCopy, "copy");
  const CLUSTER_COPY = urn(AWS_TYPES.rdsClusterSnapshotCopy, "copy");

  function copyOf(source: string, extra: JsonObject = {}, useDr = false) {
    const { b, dr } = prod();
    b.add(AWS_TYPES.rdsSnapshotCopy, "copy", { sourceDbSnapshotIdentifier: source, targetDbSnapshotIdentifier: "copy", ...extra }, useDr ? { provider: dr } : {});
    return b.stack();
  }

  it("flags a copy of a plain snapshot identifier without destinationRegion: source and copy are both in the copy's region", () => {
    expect(findingsOf(CROSS, copyOf("my-snap"))).toEqual([
      {
        ruleId: CROSS,
        urn: COPY,
        outcome: "violation",
        code: "same-region-copy",
        subject: "",
        message:
          `snapshot copy "copy" of "my-snap" copies the data only within the same region (eu-west-3). Copies: snapshot copy → snapshot copy "copy" in ${DEFAULT_REGION}, the region of "my-snap". ` +
          `${REGIONAL_DISASTER} ${NATIVE_REQUIREMENT}`,
      },
    ]);
  });

  it("passes a plain identifier copied into destinationRegion, and flags a destinationRegion equal to its own region", () => {
    expect(outcomesOf(CROSS, copyOf("my-snap", { destinationRegion: "eu-central-1" }))).toEqual([]);
    expect(outcomesOf(CROSS, copyOf("my-snap", { destinationRegion: "eu-west-3" }))).toEqual(["violation same-region-copy copy"]);
  });

  it("models the copy in destinationRegion, else in its own region", () => {
    const region = (stack: ReturnType<PlannedStackBuilder["stack"]>) => buildAwsProtectionModel(stack).routes[0].views[0].copies[0].store.placement.region;
    expect(region(copyOf("my-snap", { destinationRegion: "eu-central-1" }))).toEqual({ state: "known", value: "eu-central-1", basis: "destinationRegion" });
    expect(region(copyOf("my-snap", {}, true))).toEqual({ state: "known", value: "eu-central-1", basis: "provider dr region" });
  });

  it("reads the source region from a snapshot ARN", () => {
    expect(outcomesOf(CROSS, copyOf("arn:aws:rds:eu-central-1:111111111111:snapshot:s"))).toEqual([]);
    expect(outcomesOf(CROSS, copyOf("arn:aws:rds:eu-west-3:111111111111:snapshot:s"))).toEqual(["violation same-region-copy copy"]);
    expect(outcomesOf(CROSS, copyOf("arn:aws:rds:eu-west-3:111111111111:snapshot:s", {}, true))).toEqual([]);
  });

  it("reports unresolved when destinationRegion is unknown in preview", () => {
    expect(outcomesOf(CROSS, copyOf("my-snap", { destinationRegion: UNKNOWN }))).toEqual(["unresolved unresolved-region copy"]);
  });

  it("reports unresolved when the source is unknown and computed from nothing in the stack, resolved when it comes from an in-stack snapshot", () => {
    expect(outcomesOf(CROSS, copyOf(UNKNOWN))).toEqual(["unresolved unresolved-region copy"]);
    const { b, dr } = prod();
    const db = b.add(AWS_TYPES.rdsInstance, "db", { identifier: "db", multiAz: true });
    const snap = b.add(AWS_TYPES.rdsSnapshot, "snap", { dbInstanceIdentifier: UNKNOWN, dbSnapshotIdentifier: "snap" }, { propertyDependencies: { dbInstanceIdentifier: [db] } });
    const add = (name: string, provider?: typeof dr) =>
      b.add(AWS_TYPES.rdsSnapshotCopy, name, { sourceDbSnapshotIdentifier: UNKNOWN, targetDbSnapshotIdentifier: name }, { propertyDependencies: { sourceDbSnapshotIdentifier: [snap] }, provider });
    add("local");
    add("remote", dr);
    const stack = b.stack();
    // the remote copy takes the database out of the region and the account, so the local copy of the same
    // database is accepted by both rules (a nearby copy for quick restores is not a risk)
    expect(outcomesOf(CROSS, stack)).toEqual([]);
    expect(outcomesOf(OFFLINE, stack)).toEqual([]);
    expect(findingsOf(IMMUTABLE, stack)).toEqual([]);
    const routes = buildAwsProtectionModel(stack).routes;
    expect(routes.map((r) => [r.label, r.primaries.map((p) => p.urn)])).toEqual([
      ['snapshot copy "local" of Snapshot "snap"', [db.urn]],
      ['snapshot copy "remote" of Snapshot "snap"', [db.urn]],
    ]);
  });

  it("flags a cluster snapshot copy in the region of its source ARN, passes one with destinationRegion", () => {
    const cluster = (extra: JsonObject) => {
      const { b } = prod();
      b.add(AWS_TYPES.rdsClusterSnapshotCopy, "copy", {
        sourceDbClusterSnapshotIdentifier: "arn:aws:rds:eu-west-3:111111111111:cluster-snapshot:s",
        targetDbClusterSnapshotIdentifier: "copy",
        ...extra,
      });
      return b.stack();
    };
    const arn = "arn:aws:rds:eu-west-3:111111111111:cluster-snapshot:s";
    expect(findingsOf(CROSS, cluster({}))).toEqual([
      {
        ruleId: CROSS,
        urn: CLUSTER_COPY,
        outcome: "violation",
        code: "same-region-copy",
        subject: "",
        message:
          `cluster snapshot copy "copy" of "${arn}" copies the data only within the same region (eu-west-3). Copies: snapshot copy → snapshot copy "copy" in ${DEFAULT_REGION}, the region of "${arn}". ` +
          `${REGIONAL_DISASTER} ${NATIVE_REQUIREMENT}`,
      },
    ]);
    expect(outcomesOf(CROSS, cluster({ destinationRegion: "eu-central-1" }))).toEqual([]);
  });

  it("resolves a cluster snapshot copy to its in-stack cluster snapshot and cluster", () => {
    const { b, dr } = prod();
    const cluster = b.add(AWS_TYPES.rdsCluster, "aurora", { clusterIdentifier: "aurora" });
    const snap = b.add(AWS_TYPES.rdsClusterSnapshot, "snap", { dbClusterIdentifier: UNKNOWN }, { propertyDependencies: { dbClusterIdentifier: [cluster] } });
    b.add(
      AWS_TYPES.rdsClusterSnapshotCopy,
      "copy",
      { sourceDbClusterSnapshotIdentifier: UNKNOWN, targetDbClusterSnapshotIdentifier: "copy" },
      { propertyDependencies: { sourceDbClusterSnapshotIdentifier: [snap] }, provider: dr },
    );
    expect(allFindings(b.stack())).toEqual([]);
    expect(buildAwsProtectionModel(b.stack()).routes[0].primaries.map((p) => p.urn)).toEqual([cluster.urn]);
  });
});

describe("EBS snapshot copies", () => {
  const COPY = urn(AWS_TYPES.ebsSnapshotCopy, "copy");
  const RULE = urn(AWS_TYPES.rbinRule, "keep");

  /** A volume, its snapshot, and a copy of the snapshot (the source snapshot id unknown in preview). */
  function design(copyProps: JsonObject = { sourceRegion: "eu-west-3" }, useDr = false) {
    const { b, dr } = prod();
    const vol = b.add(AWS_TYPES.ebsVolume, "vol", { availabilityZone: "eu-west-3a", size: 10 });
    const snap = b.add(AWS_TYPES.ebsSnapshot, "snap", { volumeId: UNKNOWN }, { propertyDependencies: { volumeId: [vol] } });
    const copy = b.add(AWS_TYPES.ebsSnapshotCopy, "copy", { sourceSnapshotId: UNKNOWN, ...copyProps }, { propertyDependencies: { sourceSnapshotId: [snap] }, provider: useDr ? dr : undefined });
    return { b, dr, vol, snap, copy };
  }

  it("passes a copy through a provider in another region and account, kept by a locked Recycle Bin rule there", () => {
    const { b, dr } = design(undefined, true);
    b.add(AWS_TYPES.rbinRule, "keep", LOCKED_RULE, { provider: dr });
    expect(allFindings(b.stack())).toEqual([]);
  });

  it("models the volume as the primary, the source snapshot as source, the copy in its own region", () => {
    const { b, vol, snap } = design(undefined, true);
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    expect(route.primaries.map((p) => p.urn)).toEqual([vol.urn]);
    expect(route.views[0].source.urn).toBe(snap.urn);
    expect(route.views[0].source.placement.region).toEqual({ state: "known", value: "eu-west-3", basis: "sourceRegion" });
    expect(route.views[0].copies[0].store.placement.region).toEqual({ state: "known", value: "eu-central-1", basis: "provider dr region" });
  });

  it("flags a copy made in its sourceRegion", () => {
    expect(findingsOf(CROSS, design().b.stack())).toEqual([
      {
        ruleId: CROSS,
        urn: COPY,
        outcome: "violation",
        code: "same-region-copy",
        subject: "",
        message:
          `snapshot copy "copy" of Snapshot "snap" copies the data only within the same region (eu-west-3). Copies: snapshot copy → snapshot copy "copy" in ${DEFAULT_REGION}, the region of Snapshot "snap". ` +
          `${REGIONAL_DISASTER} ${NATIVE_REQUIREMENT}`,
      },
    ]);
  });

  it("places the copy by its region input, and its source by sourceRegion", () => {
    expect(outcomesOf(CROSS, design({ sourceRegion: "eu-west-3", region: "eu-central-1" }).b.stack())).toEqual([]);
    const literal = (sourceRegion: string) => {
      const { b } = prod();
      b.add(AWS_TYPES.ebsSnapshotCopy, "copy", { sourceSnapshotId: "snap-0123", sourceRegion });
      return outcomesOf(CROSS, b.stack());
    };
    expect(literal("eu-central-1")).toEqual([]);
    expect(literal("eu-west-3")).toEqual(["violation same-region-copy copy"]);
  });

  it("takes the in-stack snapshot's region when sourceRegion is omitted; unresolved without either", () => {
    expect(outcomesOf(CROSS, design({}).b.stack())).toEqual(["violation same-region-copy copy"]);
    const { b } = prod();
    b.add(AWS_TYPES.ebsSnapshotCopy, "copy", { sourceSnapshotId: "snap-0123" });
    expect(outcomesOf(CROSS, b.stack())).toEqual(["unresolved unresolved-region copy"]);
  });

  it("flags a copy no locked Recycle Bin rule retains", () => {
    expect(findingsOf(IMMUTABLE, design().b.stack())).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: COPY,
        outcome: "violation",
        code: "not-locked",
        subject: COPY,
        message:
          'Snapshot copy "copy" is not immutable, yet it holds recovery points of snapshot copy "copy" of Snapshot "snap". Not locked: no Recycle Bin rule with a lock (aws.rbin.Rule, resourceType EBS_SNAPSHOT) retains deleted snapshots in eu-west-3, so whoever can delete the copy can destroy it. ' +
          `Anyone with the account's backup permissions, or ransomware using them, can delete or shorten the backups. ${RBIN_HOWTO}`,
      },
    ]);
  });

  it("flags a Recycle Bin rule without lockConfiguration, on the rule", () => {
    const { b } = design();
    b.add(AWS_TYPES.rbinRule, "keep", UNLOCKED_RULE);
    expect(findingsOf(IMMUTABLE, b.stack())).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: RULE,
        outcome: "violation",
        code: "governance-lock",
        subject: COPY,
        message:
          'Snapshot copy "copy" is not immutable: its lock can be removed or bypassed. It receives the snapshot copy of snapshot copy "copy" of Snapshot "snap", but Recycle Bin rule "keep" is not locked (no lockConfiguration): anyone allowed rbin:DeleteRule or rbin:UpdateRule can remove it and then delete the snapshots for good. Add lockConfiguration.unlockDelay.',
      },
    ]);
  });

  it("counts only a locked EBS_SNAPSHOT rule of the copy's region", () => {
    const withRule = (props: JsonObject, regionInput?: string) => {
      const { b } = design();
      b.add(AWS_TYPES.rbinRule, "keep", regionInput ? { ...props, region: regionInput } : props);
      return outcomesOf(IMMUTABLE, b.stack());
    };
    expect(withRule(LOCKED_RULE)).toEqual([]);
    expect(withRule(LOCKED_RULE, "eu-central-1")).toEqual([`violation not-locked copy ${COPY}`]);
    expect(withRule({ ...LOCKED_RULE, resourceType: "EC2_IMAGE" })).toEqual([`violation not-locked copy ${COPY}`]);
  });

  it("matches the rule's tag filters against the copy's tags", () => {
    const tagged = (copyTags: JsonObject | string, ruleExtra: JsonObject) => {
      const { b } = design({ sourceRegion: "eu-west-3", tags: copyTags });
      b.add(AWS_TYPES.rbinRule, "keep", { ...LOCKED_RULE, ...ruleExtra });
      return outcomesOf(IMMUTABLE, b.stack());
    };
    const include = { resourceTags: [{ resourceTagKey: "backup", resourceTagValue: "dr" }] };
    expect(tagged({ backup: "dr" }, include)).toEqual([]);
    expect(tagged({ backup: "daily" }, include)).toEqual([`violation not-locked copy ${COPY}`]);
    expect(tagged(UNKNOWN, include)).toEqual([`unresolved unresolved-lock copy  → ${COPY}`]);
    expect(tagged({ backup: "dr" }, { excludeResourceTags: [{ resourceTagKey: "backup", resourceTagValue: "dr" }] })).toEqual([`violation not-locked copy ${COPY}`]);
  });

  it("reports unresolved when the rule's lockConfiguration is unknown in preview", () => {
    const { b } = design();
    b.add(AWS_TYPES.rbinRule, "keep", { ...LOCKED_RULE, lockConfiguration: UNKNOWN });
    expect(outcomesOf(IMMUTABLE, b.stack())).toEqual([`unresolved unresolved-lock copy  → ${COPY}`]);
  });

  it("seen alone (Analyze) a copy cannot show that no rule retains it", () => {
    const { b, copy } = design();
    b.add(AWS_TYPES.rbinRule, "keep", LOCKED_RULE);
    expect(outcomesOf(IMMUTABLE, b.single(copy))).toEqual([`unresolved unresolved-lock copy  → ${COPY}`]);
    // alone, a copy cannot show that no other copy of its volume leaves the region
    expect(outcomesOf(CROSS, b.single(copy))).toEqual(["unresolved same-region-copy copy"]);
    expect(outcomesOf(OFFLINE, b.single(copy))).toEqual(["unresolved unresolved-account copy"]);
  });

  it("does not take a rule whose account cannot be compared with the copy's for the copy's lock", () => {
    const { b } = design(undefined, true);
    // its own profile: this rule may live in the production account, not in the backup account of the copy
    b.add(AWS_TYPES.rbinRule, "keep", LOCKED_RULE, { provider: b.provider("profiled", { region: "eu-central-1", profile: "ops" }) });
    expect(outcomesOf(IMMUTABLE, b.stack())).toEqual([`unresolved unresolved-lock copy  → ${COPY}`]);
  });

  it("does not take a rule deployed with the production account's ambient credentials (a provider that only sets a region) for a copy in the backup account", () => {
    const { b } = design(undefined, true);
    b.add(AWS_TYPES.rbinRule, "keep", LOCKED_RULE, { provider: b.provider("ambient", { region: "eu-central-1" }) });
    expect(outcomesOf(IMMUTABLE, b.stack())).toEqual([`violation not-locked copy ${COPY}`]);
  });

  it("ignores a locked rule in another account of the same region", () => {
    const { b } = design(undefined, true);
    b.add(AWS_TYPES.rbinRule, "keep", { ...LOCKED_RULE, region: "eu-central-1" });
    expect(outcomesOf(IMMUTABLE, b.stack())).toEqual([`violation not-locked copy ${COPY}`]);
  });

  it("flags a copy kept in the production account", () => {
    expect(findingsOf(OFFLINE, design().b.stack())).toEqual([
      {
        ruleId: OFFLINE,
        urn: COPY,
        outcome: "violation",
        code: "no-offline-copy",
        subject: "",
        message:
          `snapshot copy "copy" of Snapshot "snap" has no offline copy: all in account 111111111111. Copies: snapshot copy → snapshot copy "copy" in ${PROD_ACCOUNT}, which is also the account of source Snapshot "snap" (default provider default_7_48_0 allowedAccountIds). ` +
          `${CREDENTIALS} ${OFFLINE_REQUIREMENT}`,
      },
    ]);
  });

  it("accepts a same-account copy of a volume that another copy keeps in the backup account", () => {
    const { b, dr, snap } = design();
    b.add(AWS_TYPES.ebsSnapshotCopy, "offsite", { sourceSnapshotId: UNKNOWN, sourceRegion: "eu-west-3" }, { propertyDependencies: { sourceSnapshotId: [snap] }, provider: dr });
    expect(outcomesOf(OFFLINE, b.stack())).toEqual([]);
  });
});

describe("DLM lifecycle policies", () => {
  const POLICY = urn(AWS_TYPES.dlmLifecyclePolicy, "dlm");

  function schedule(extra: JsonObject = {}): JsonObject {
    return { name: "daily", createRule: { interval: 24 }, retainRule: { count: 7 }, ...extra };
  }
  function copyRule(target: string, key = "target"): JsonObject {
    return { [key]: target, encrypted: true, retainRule: { interval: 7, intervalUnit: "DAYS" } };
  }
  function policy(schedules: JsonObject[] | string, extra: JsonObject = {}) {
    const { b, dr } = prod();
    const vol = b.add(AWS_TYPES.ebsVolume, "vol", { availabilityZone: "eu-west-3a", tags: { backup: "yes" } });
    const dlm = b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
      executionRoleArn: "arn:aws:iam::111111111111:role/dlm",
      policyDetails: { resourceTypes: ["VOLUME"], targetTags: { backup: "yes" }, schedules },
      ...extra,
    });
    return { b, dr, vol, dlm };
  }

  it("passes a cross-region copy rule, and targets the tagged volume", () => {
    const { b, vol, dr } = policy([schedule({ crossRegionCopyRules: [copyRule("eu-central-1")], shareRule: { targetAccounts: ["222222222222"] } })]);
    b.add(AWS_TYPES.rbinRule, "keep", { ...LOCKED_RULE, region: "eu-central-1" });
    b.add(AWS_TYPES.rbinRule, "keep-copies", LOCKED_RULE, { provider: dr });
    copier(b, ["111111111111"]);
    expect(allFindings(b.stack())).toEqual([]);
    const [route] = buildAwsProtectionModel(b.stack()).routes;
    expect(route.subject).toBe('schedule "daily"');
    expect(route.primaries.map((p) => p.urn)).toEqual([vol.urn]);
    expect(route.views[0].copies.map((c) => [c.label, c.store.placement.region.state === "known" ? c.store.placement.region.value : "?"])).toEqual([
      ["cross-region copy crossRegionCopyRules[0]", "eu-central-1"],
      ["share with account 222222222222", "eu-west-3"],
    ]);
  });

  it("flags a cross-region copy rule that targets the policy's own region (unresolved on the policy alone)", () => {
    const { b, dlm } = policy([schedule({ crossRegionCopyRules: [copyRule("eu-west-3")] })]);
    const finding = {
      ruleId: CROSS,
      urn: POLICY,
      outcome: "violation",
      code: "same-region-copy",
      subject: 'schedule "daily"',
      message:
        'schedule "daily" of lifecycle policy "dlm" copies the data only within the same region (eu-west-3). Copies: cross-region copy crossRegionCopyRules[0] → the DLM copy destination eu-west-3 (policyDetails.schedules[0].crossRegionCopyRules[0]) in eu-west-3 (policyDetails.schedules[0].crossRegionCopyRules[0].target), the region of the snapshots of schedule "daily". ' +
        `${REGIONAL_DISASTER} ${NATIVE_REQUIREMENT}`,
    };
    expect(findingsOf(CROSS, b.stack())).toEqual([finding]);
    // alone, the policy cannot show that no other route copies its volumes out of the region
    expect(findingsOf(CROSS, b.single(dlm))).toEqual([{ ...finding, outcome: "unresolved" }]);
  });

  it("flags a schedule without copy rules", () => {
    const { b } = policy([schedule()]);
    expect(findingsOf(CROSS, b.stack())).toEqual([
      {
        ruleId: CROSS,
        urn: POLICY,
        outcome: "violation",
        code: "no-copy",
        subject: 'schedule "daily"',
        message: `schedule "daily" of lifecycle policy "dlm" makes no copy outside eu-west-3. The data and its snapshots stay in ${DEFAULT_REGION}: a regional disaster destroys them together. ${NATIVE_REQUIREMENT}`,
      },
    ]);
    expect(findingsOf(OFFLINE, b.stack())).toEqual([
      {
        ruleId: OFFLINE,
        urn: POLICY,
        outcome: "violation",
        code: "no-copy",
        subject: 'schedule "daily"',
        message: `schedule "daily" of lifecycle policy "dlm" makes no copy out of account 111111111111. The data and its copies stay in ${PROD_ACCOUNT}, administrable with the production account's credentials. ${OFFLINE_REQUIREMENT}`,
      },
    ]);
  });

  it("reads targetRegion when target is omitted", () => {
    expect(outcomesOf(CROSS, policy([schedule({ crossRegionCopyRules: [copyRule("eu-central-1", "targetRegion")] })]).b.stack())).toEqual([]);
    expect(outcomesOf(CROSS, policy([schedule({ crossRegionCopyRules: [copyRule("eu-west-3", "targetRegion")] })]).b.stack())).toEqual([
      'violation same-region-copy dlm schedule "daily"',
    ]);
  });

  it("places a policy created through a provider in another region in that region", () => {
    const inFrankfurt = (target: string) => {
      const { b } = prod();
      b.add(AWS_TYPES.ebsVolume, "vol", { availabilityZone: "eu-west-3a", tags: { backup: "yes" } });
      b.add(
        AWS_TYPES.dlmLifecyclePolicy,
        "dlm",
        { policyDetails: { resourceTypes: ["VOLUME"], targetTags: { backup: "yes" }, schedules: [schedule({ crossRegionCopyRules: [copyRule(target)] })] } },
        { provider: b.provider("frankfurt", { region: "eu-central-1" }) },
      );
      return b.stack();
    };
    expect(outcomesOf(CROSS, inFrankfurt("eu-west-3"))).toEqual([]);
    expect(outcomesOf(CROSS, inFrankfurt("eu-central-1"))).toEqual(['violation same-region-copy dlm schedule "daily"']);
    // the Paris volume is not a target of a Frankfurt policy
    expect(buildAwsProtectionModel(inFrankfurt("eu-west-3")).routes[0].primaries).toEqual([
      { label: 'the resources lifecycle policy "dlm" targets', placement: expect.objectContaining({ region: { state: "known", value: "eu-central-1", basis: "provider frankfurt region" } }) },
    ]);
  });

  it("reports unresolved when a copy rule names no target region at all", () => {
    expect(outcomesOf(CROSS, policy([schedule({ crossRegionCopyRules: [{ encrypted: true }] })]).b.stack())).toEqual(['unresolved unresolved-region dlm schedule "daily"']);
  });

  it("judges each schedule, and accepts a same-region schedule when another schedule copies the same volumes out of the region", () => {
    const { b } = policy([
      schedule({ crossRegionCopyRules: [copyRule("eu-west-3"), copyRule("eu-central-1")] }),
      schedule({ name: "hourly", crossRegionCopyRules: [copyRule("eu-west-3")] }),
    ]);
    expect(outcomesOf(CROSS, b.stack())).toEqual([]);
    const alone = policy([schedule({ name: "hourly", crossRegionCopyRules: [copyRule("eu-west-3")] })]);
    expect(outcomesOf(CROSS, alone.b.stack())).toEqual(['violation same-region-copy dlm schedule "hourly"']);
  });

  it("reports unresolved when a rule's target is unknown in preview", () => {
    expect(outcomesOf(CROSS, policy([schedule({ crossRegionCopyRules: [copyRule(UNKNOWN)] })]).b.stack())).toEqual([
      'unresolved unresolved-region dlm schedule "daily"',
    ]);
  });

  it("flags an unlocked cross-region copy (no Recycle Bin rule in the target region)", () => {
    const { b } = policy([schedule({ crossRegionCopyRules: [copyRule("eu-central-1")] })]);
    b.add(AWS_TYPES.rbinRule, "keep", LOCKED_RULE); // eu-west-3: not where the copies are
    const key = `dlm-copy:${POLICY}:policyDetails.schedules[0].crossRegionCopyRules[0]`;
    expect(findingsOf(IMMUTABLE, b.stack())).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: POLICY,
        outcome: "violation",
        code: "not-locked",
        subject: key,
        message:
          'The DLM copy destination eu-central-1 is not immutable, yet it holds recovery points of schedule "daily" of lifecycle policy "dlm". In full: the DLM copy destination eu-central-1 (policyDetails.schedules[0].crossRegionCopyRules[0]). Not locked: no Recycle Bin rule with a lock (aws.rbin.Rule, resourceType EBS_SNAPSHOT) retains deleted snapshots in eu-central-1, so whoever can delete the copy can destroy it. ' +
          `Anyone with the account's backup permissions, or ransomware using them, can delete or shorten the backups. ${RBIN_HOWTO}`,
      },
    ]);
  });

  /** An event-based policy of the backup account, in the production region, copying snapshots shared by `owners` to eu-central-1. */
  function copier(b: PlannedStackBuilder, owners: JsonObject[string], extra: JsonObject = {}, account = "222222222222", region = "eu-west-3"): void {
    const provider = b.provider(`backup-${account}-${region}`, { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/dlm` }] });
    b.add(
      AWS_TYPES.dlmLifecyclePolicy,
      "copier",
      {
        policyDetails: {
          policyType: "EVENT_BASED_POLICY",
          eventSource: { type: "MANAGED_CWE", parameters: { eventType: "shareSnapshot", snapshotOwners: owners } },
          action: { name: "copy", crossRegionCopies: [{ target: "eu-central-1", encryptionConfiguration: { encrypted: true }, retainRule: { interval: 7, intervalUnit: "DAYS" } }] },
        },
        ...extra,
      },
      { provider },
    );
  }
  const SHARE_ONLY_MESSAGE =
    `schedule "daily" of lifecycle policy "dlm" has no offline copy: all in account 111111111111. Copies: cross-region copy crossRegionCopyRules[0] → the DLM copy destination eu-central-1 (policyDetails.schedules[0].crossRegionCopyRules[0]) in ${PROD_ACCOUNT}, which is also the account of source the snapshots of schedule "daily" (default provider default_7_48_0 allowedAccountIds); ` +
    "share with account 222222222222 → snapshots shared with account 222222222222 in account 111111111111 (a shared snapshot stays owned by the sharing account, which can delete it for everyone: default provider default_7_48_0 allowedAccountIds), which is also the account of source the snapshots of schedule \"daily\" (default provider default_7_48_0 allowedAccountIds). " +
    `${CREDENTIALS} ${OFFLINE_REQUIREMENT}`;
  const shared = () => policy([schedule({ crossRegionCopyRules: [copyRule("eu-central-1")], shareRule: { targetAccounts: ["222222222222"] } })]);

  it("flags a share alone: the shared snapshots stay owned by the production account", () => {
    expect(findingsOf(OFFLINE, shared().b.stack())).toEqual([
      { ruleId: OFFLINE, urn: POLICY, outcome: "violation", code: "no-offline-copy", subject: 'schedule "daily"', message: SHARE_ONLY_MESSAGE },
    ]);
  });

  it("flags a schedule without share or copy into another account", () => {
    const { b } = policy([schedule({ crossRegionCopyRules: [copyRule("eu-central-1")] })]);
    expect(findingsOf(OFFLINE, b.stack())).toEqual([
      {
        ruleId: OFFLINE,
        urn: POLICY,
        outcome: "violation",
        code: "no-offline-copy",
        subject: 'schedule "daily"',
        message:
          `schedule "daily" of lifecycle policy "dlm" has no offline copy: all in account 111111111111. Copies: cross-region copy crossRegionCopyRules[0] → the DLM copy destination eu-central-1 (policyDetails.schedules[0].crossRegionCopyRules[0]) in ${PROD_ACCOUNT}, which is also the account of source the snapshots of schedule "daily" (default provider default_7_48_0 allowedAccountIds). ` +
          `${CREDENTIALS} ${OFFLINE_REQUIREMENT}`,
      },
    ]);
  });

  it("counts a share that an event-based policy of the target account (explicit provider) copies", () => {
    const { b } = shared();
    copier(b, ["111111111111"]);
    expect(findingsOf(OFFLINE, b.stack())).toEqual([]);
    const route = buildAwsProtectionModel(b.stack()).routes.find((r) => r.subject === 'schedule "daily"');
    expect(route?.views[0].copies[1].store.placement.account).toEqual({
      state: "known",
      accountIds: ["222222222222"],
      basis: 'lifecycle policy "copier" of account 222222222222 copies the snapshots shared with it',
    });
  });

  it("does not count a share when the target account's copier copies other owners' snapshots, is disabled, in another region, or its state or owners are unknown", () => {
    for (const [owners, extra, region] of [
      [["333333333333"], {}, "eu-west-3"],
      [["111111111111"], { state: "DISABLED" }, "eu-west-3"],
      [["111111111111"], { state: UNKNOWN }, "eu-west-3"],
      [UNKNOWN, {}, "eu-west-3"],
      [["111111111111"], {}, "eu-central-1"],
    ] as Array<[JsonObject[string], JsonObject, string]>) {
      const { b } = shared();
      copier(b, owners, extra, "222222222222", region);
      expect(findingsOf(OFFLINE, b.stack()).filter((f) => f.urn === POLICY)).toEqual([
        { ruleId: OFFLINE, urn: POLICY, outcome: "violation", code: "no-offline-copy", subject: 'schedule "daily"', message: SHARE_ONLY_MESSAGE },
      ]);
    }
  });

  it("does not count a share copied by an event-based policy of the production account itself", () => {
    const { b } = shared();
    copier(b, ["111111111111"], {}, "111111111111");
    expect(findingsOf(OFFLINE, b.stack()).filter((f) => f.urn === POLICY)).toEqual([
      { ruleId: OFFLINE, urn: POLICY, outcome: "violation", code: "no-offline-copy", subject: 'schedule "daily"', message: SHARE_ONLY_MESSAGE },
    ]);
  });

  it("reports unresolved when the schedules are unknown in preview", () => {
    expect(findingsOf(CROSS, policy(UNKNOWN).b.stack())).toEqual([
      {
        ruleId: CROSS,
        urn: POLICY,
        outcome: "unresolved",
        code: "unreadable-route",
        subject: "policyDetails.schedules",
        message: `cannot check lifecycle policy "dlm": its schedules are unknown during preview. ${NATIVE_REQUIREMENT}`,
      },
    ]);
    expect(outcomesOf(CROSS, policy([schedule({ crossRegionCopyRules: UNKNOWN })]).b.stack())).toEqual(['unresolved unreadable-route dlm schedule "daily"']);
  });

  it("does not judge a DISABLED policy", () => {
    const { b } = policy([schedule({ crossRegionCopyRules: [copyRule("eu-west-3")] })], { state: "DISABLED" });
    expect(outcomesOf(CROSS, b.stack())).toEqual([]);
    expect(outcomesOf(IMMUTABLE, b.stack())).toEqual([]);
    expect(outcomesOf(OFFLINE, b.stack())).toEqual([]);
    expect(buildAwsProtectionModel(b.stack()).routes).toEqual([]);
  });

  describe("event-based policies (copies of snapshots shared by another account)", () => {
    function eventPolicy(target: string, owners?: string[]) {
      const { b } = prod();
      b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
        policyDetails: {
          policyType: "EVENT_BASED_POLICY",
          eventSource: { type: "MANAGED_CWE", parameters: owners ? { eventType: "shareSnapshot", snapshotOwners: owners } : { eventType: "shareSnapshot" } },
          action: { name: "copy", crossRegionCopies: [{ target, encryptionConfiguration: { encrypted: true }, retainRule: { interval: 7, intervalUnit: "DAYS" } }] },
        },
      });
      return b.stack();
    }

    it("flags a copy action into the policy's own region", () => {
      expect(findingsOf(CROSS, eventPolicy("eu-west-3", ["222222222222"]))).toEqual([
        {
          ruleId: CROSS,
          urn: POLICY,
          outcome: "violation",
          code: "same-region-copy",
          subject: "action",
          message:
            'the event-based copy action of lifecycle policy "dlm" copies the data only within the same region (eu-west-3). Copies: cross-region copy crossRegionCopies[0] → the DLM copy destination eu-west-3 (policyDetails.action.crossRegionCopies[0]) in eu-west-3 (policyDetails.action.crossRegionCopies[0].target), the region of the shared snapshots. ' +
            `${REGIONAL_DISASTER} ${NATIVE_REQUIREMENT}`,
        },
      ]);
    });

    it("passes a copy into another region; the snapshotOwners are the source accounts", () => {
      expect(outcomesOf(CROSS, eventPolicy("eu-central-1", ["222222222222"]))).toEqual([]);
      expect(outcomesOf(OFFLINE, eventPolicy("eu-central-1", ["222222222222"]))).toEqual([]);
      expect(outcomesOf(OFFLINE, eventPolicy("eu-central-1", ["111111111111"]))).toEqual(["violation no-offline-copy dlm action"]);
      expect(outcomesOf(OFFLINE, eventPolicy("eu-central-1"))).toEqual(["unresolved unresolved-account dlm action"]);
    });
  });
});

describe("EFS replication", () => {
  const REPL = urn(AWS_TYPES.efsReplication, "repl");

  function replicate(destination: JsonObject | string, fsProvider?: "frankfurt") {
    const { b } = prod();
    const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { id: UNKNOWN }, fsProvider ? { provider: b.provider("frankfurt", { region: "eu-central-1" }) } : {});
    b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination }, { propertyDependencies: { sourceFileSystemId: [fs] } });
    return b.stack();
  }

  it("flags a replication without destination.region: the replica is made in the source's region", () => {
    expect(findingsOf(CROSS, replicate({}))).toEqual([
      {
        ruleId: CROSS,
        urn: REPL,
        outcome: "violation",
        code: "same-region-copy",
        subject: "",
        message:
          'EFS replication "repl" of FileSystem "fs" copies the data only within the same region (eu-west-3). Copies: replica → the replica file system of "repl" in eu-west-3 (destination.region not set: EFS creates the replica in the source\'s region), the region of FileSystem "fs". ' +
          `${REGIONAL_DISASTER} ${NATIVE_REQUIREMENT}`,
      },
    ]);
    expect(findingsOf(IMMUTABLE, replicate({}))).toEqual([]);
  });

  it("takes the source's region, not the replication's, when destination.region is omitted", () => {
    expect(outcomesOf(CROSS, replicate({}, "frankfurt"))).toEqual(["violation same-region-copy repl"]);
    expect(outcomesOf(CROSS, replicate({ region: "eu-west-3" }, "frankfurt"))).toEqual([]);
  });

  it("passes destination.region in another region", () => {
    expect(outcomesOf(CROSS, replicate({ region: "eu-central-1" }))).toEqual([]);
  });

  it("derives the replica's region from destination.availabilityZoneName", () => {
    expect(outcomesOf(CROSS, replicate({ availabilityZoneName: "eu-central-1a" }))).toEqual([]);
    expect(outcomesOf(CROSS, replicate({ availabilityZoneName: "eu-west-3b" }))).toEqual(["violation same-region-copy repl"]);
    const copy = buildAwsProtectionModel(replicate({ availabilityZoneName: "eu-central-1a" })).routes[0].views[0].copies[0];
    expect(copy.store.placement.region).toEqual({ state: "known", value: "eu-central-1", basis: "region of destination.availabilityZoneName" });
    expect(copy.store.placement.zone).toEqual({ state: "single-zone", zone: { state: "known", value: "eu-central-1a", basis: "destination.availabilityZoneName" }, basis: "EFS One Zone replica" });
  });

  it("reports unresolved when the destination is unknown in preview", () => {
    expect(outcomesOf(CROSS, replicate(UNKNOWN))).toEqual(["unresolved unresolved-region repl"]);
    expect(outcomesOf(CROSS, replicate({ region: UNKNOWN }))).toEqual(["unresolved unresolved-region repl"]);
  });

  it("places a source file system outside the stack in the replication's region", () => {
    const { b, dr } = prod();
    b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: "fs-0123", destination: {} });
    b.add(AWS_TYPES.efsReplication, "remote", { sourceFileSystemId: "fs-0123", destination: {} }, { provider: dr });
    expect(outcomesOf(CROSS, b.stack())).toEqual(["violation same-region-copy remote", "violation same-region-copy repl"]);
    expect(buildAwsProtectionModel(b.stack()).routes[0].label).toBe('EFS replication "repl" of file system fs-0123');
  });

  it("locates a destination file system declared in the stack, through a provider in another region and account", () => {
    const { b, dr } = prod();
    const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { id: UNKNOWN });
    const replica = b.add(AWS_TYPES.efsFileSystem, "replica", { id: UNKNOWN }, { provider: dr });
    b.add(
      AWS_TYPES.efsReplication,
      "repl",
      { sourceFileSystemId: UNKNOWN, destination: { fileSystemId: UNKNOWN } },
      { propertyDependencies: { sourceFileSystemId: [fs], destination: [replica] } },
    );
    expect(allFindings(b.stack())).toEqual([]);
    expect(buildAwsProtectionModel(b.stack()).routes[0].views[0].copies[0].store.label).toBe('replica FileSystem "replica"');
  });

  it("flags a replica in the production account", () => {
    expect(outcomesOf(OFFLINE, replicate({ region: "eu-central-1" }))).toEqual(["violation no-offline-copy repl"]);
  });
});

describe("Glacier vault locks", () => {
  const LOCK = urn(AWS_TYPES.glacierVaultLock, "lock");

  function lock(props: JsonObject): { b: PlannedStackBuilder; lock: PlannedResource } {
    const b = new PlannedStackBuilder(PROD);
    return { b, lock: b.add(AWS_TYPES.glacierVaultLock, "lock", { vaultName: "archive", policy: "{}", ...props }) };
  }

  it("flags a lock that is not completed, also on the lock alone (Analyze)", () => {
    const { b, lock: l } = lock({ completeLock: false });
    const finding = {
      ruleId: IMMUTABLE,
      urn: LOCK,
      outcome: "violation",
      code: "governance-lock",
      subject: "",
      message:
        'Glacier vault lock "lock" is not completed, so it can be aborted. Its completeLock is not true: the lock stays in its 24-hour in-progress state, can be aborted, and the vault\'s archives stay deletable. ' +
        "Set completeLock: true once the policy is tested, so the lock policy becomes immutable.",
    };
    expect(findingsOf(IMMUTABLE, b.stack())).toEqual([finding]);
    expect(findingsOf(IMMUTABLE, b.single(l))).toEqual([finding]);
  });

  it("flags a lock whose completeLock is omitted", () => {
    expect(outcomesOf(IMMUTABLE, lock({}).b.stack())).toEqual(["violation governance-lock lock"]);
  });

  it("passes a completed lock", () => {
    expect(findingsOf(IMMUTABLE, lock({ completeLock: true }).b.stack())).toEqual([]);
    expect(findingsOf(IMMUTABLE, lock({ completeLock: "true" }).b.stack())).toEqual([]);
  });

  it("reports unresolved when completeLock is unknown in preview", () => {
    expect(findingsOf(IMMUTABLE, lock({ completeLock: UNKNOWN }).b.stack())).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: LOCK,
        outcome: "unresolved",
        code: "unresolved-lock-mode",
        subject: "",
        message: 'Cannot tell whether Glacier vault lock "lock" is in compliance mode. Undecided: completeLock unknown during preview.',
      },
    ]);
  });
});
