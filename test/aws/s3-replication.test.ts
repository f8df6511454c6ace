import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedProvider, PlannedResource } from "../../policies/core/planned-stack";
import { replicationScope } from "../../policies/aws/s3-replication-scope";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const CROSS_REGION = "backup-cross-region-copy";
const IMMUTABLE = "backup-immutable";
const OFFLINE = "backup-offline-copy";
const ZONES = "backup-zone-separation";
const ALL_RULES = [CROSS_REGION, IMMUTABLE, OFFLINE, ZONES];

const PROD = "111111111111";
const BACKUP = "222222222222";

const urnOf = (type: string, name: string): string => `urn:pulumi:dev::proj::${type}::${name}`;
const REPLICATION = urnOf(AWS_TYPES.s3ReplicationConfig, "replication");
const SOURCE = urnOf(AWS_TYPES.s3Bucket, "source");
const REPLICA = urnOf(AWS_TYPES.s3Bucket, "replica");
const REPLICA_LOCK = urnOf(AWS_TYPES.s3ObjectLock, "replica-lock");

const NATIVE_REGION_REMEDY =
  'Send the copy to another region: create the destination (replica bucket, replica file system, snapshot copy) through a provider for that region (e.g. new aws.Provider("dr", { region: "eu-central-1" })) or set its region input, destination.region or the DLM rule\'s target.';
const S3_LOCK_HOWTO =
  "Create the replica bucket with objectLockEnabled: true and an aws.s3.BucketObjectLockConfiguration whose rule.defaultRetention has mode COMPLIANCE and days (or years), so replicas cannot be deleted or overwritten before they expire.";
const NATIVE_OFFLINE_REMEDY =
  'Copy at least once into a separate backup account: S3 replication with destination.account (and accessControlTranslation.owner "Destination") into a bucket of that account, or a snapshot copy owned by that account (created through a provider that assumes a role there, or by a DLM event-based policy of that account that copies the snapshots shared with it: a share alone leaves them owned by this account); or back the data up with AWS Backup into a logically air-gapped vault.';

/** Where the replica bucket is created. */
type ReplicaHome =
  /** eu-central-1, through a role in the backup account (the passing design) */
  | "dr"
  /** the source's region (eu-west-3), through a role in the backup account */
  | "backup-same-region"
  /** eu-central-1 with the production account's credentials */
  | "prod-far"
  /** the default provider: eu-west-3, the production account */
  | "default";

/** Options of the S3 replication design; the defaults pass every rule and each test changes one thing. */
interface ReplicationDesign {
  /** Where the source bucket keeps its replication configuration (default: a standalone BucketReplicationConfig). */
  readonly style?: "standalone" | "inline-bucket" | "inline-bucketV2";
  readonly replicaHome?: ReplicaHome;
  /** Extra properties of the replica bucket (inline lock or lifecycle, region input, ...). */
  readonly replicaProps?: JsonObject;
  /** The default retention of a standalone Object Lock configuration of the replica; "none": no Object Lock at all. */
  readonly lock?: JsonObject | "none";
  /** Token of the standalone lock (default BucketObjectLockConfiguration). */
  readonly lockType?: string;
  /** Extra fields of the replication rule's destination (account, storageClass, ...). */
  readonly destination?: JsonObject;
  /** Replaces the enabled rule's status. */
  readonly status?: string;
  /** Is the production account known (stack config aws:allowedAccountIds)? Default true. */
  readonly prodAccountKnown?: boolean;
}

interface BuiltReplication {
  readonly builder: PlannedStackBuilder;
  readonly source: PlannedResource;
  readonly replica: PlannedResource;
  /** The standalone BucketReplicationConfig (the source bucket for inline styles). */
  readonly replication: PlannedResource;
}

function providerFor(builder: PlannedStackBuilder, home: ReplicaHome): PlannedProvider {
  const backupRole = [{ roleArn: `arn:aws:iam::${BACKUP}:role/replica-admin` }];
  switch (home) {
    case "dr":
      return builder.provider("dr", { region: "eu-central-1", assumeRoles: backupRole });
    case "backup-same-region":
      return builder.provider("backup", { region: "eu-west-3", assumeRoles: backupRole });
    case "prod-far":
      return builder.provider("prod-far", { region: "eu-central-1", allowedAccountIds: [PROD] });
    case "default":
      return builder.defaultProvider;
  }
}

/**
 * A source bucket "src" in eu-west-3 (production account) replicated into bucket "rep", whose ARN is
 * unknown in preview, so the engine sends propertyDependencies from the rules to the replica.
 */
function replicationDesign(options: ReplicationDesign = {}): BuiltReplication {
  const style = options.style ?? "standalone";
  const builder = new PlannedStackBuilder(
    options.prodAccountKnown === false ? { "aws:region": "eu-west-3" } : { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) },
  );
  const provider = providerFor(builder, options.replicaHome ?? "dr");
  const bucketType = style === "inline-bucketV2" ? AWS_TYPES.s3BucketV2 : AWS_TYPES.s3Bucket;
  const lock = options.lock ?? { mode: "COMPLIANCE", days: 30 };
  const replica = builder.add(
    bucketType,
    "replica",
    { bucket: "rep", ...(lock === "none" ? {} : { objectLockEnabled: true }), ...options.replicaProps },
    { provider },
  );
  if (lock !== "none" && Object.keys(lock).length > 0) {
    builder.add(
      options.lockType ?? AWS_TYPES.s3ObjectLock,
      "replica-lock",
      { bucket: UNKNOWN, rule: { defaultRetention: lock } },
      { provider, propertyDependencies: { bucket: [replica] } },
    );
  }
  const destination: JsonObject = { bucket: UNKNOWN, ...options.destination };
  const status = options.status ?? "Enabled";
  if (style === "inline-bucket") {
    const source = builder.add(
      bucketType,
      "source",
      { bucket: "src", replicationConfiguration: { role: `arn:aws:iam::${PROD}:role/replication`, rules: [{ id: "to-dr", status, destination }] } },
      { propertyDependencies: { replicationConfiguration: [replica] } },
    );
    return { builder, source, replica, replication: source };
  }
  if (style === "inline-bucketV2") {
    const source = builder.add(
      bucketType,
      "source",
      { bucket: "src", replicationConfigurations: [{ role: `arn:aws:iam::${PROD}:role/replication`, rules: [{ status, destinations: [destination] }] }] },
      { propertyDependencies: { replicationConfigurations: [replica] } },
    );
    return { builder, source, replica, replication: source };
  }
  const source = builder.add(bucketType, "source", { bucket: "src" });
  const replication = builder.add(
    AWS_TYPES.s3ReplicationConfig,
    "replication",
    { bucket: UNKNOWN, role: `arn:aws:iam::${PROD}:role/replication`, rules: [{ id: "to-dr", status, destination }] },
    { propertyDependencies: { bucket: [source], rules: [replica] } },
  );
  return { builder, source, replica, replication };
}

/** A source bucket "src" with a standalone replication configuration whose rules are given as is. */
function rulesDesign(rules: JsonValue, extra: (builder: PlannedStackBuilder) => PlannedResource[] = () => []): BuiltReplication & { readonly others: PlannedResource[] } {
  const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
  const source = builder.add(AWS_TYPES.s3Bucket, "source", { bucket: "src" });
  const replica = builder.add(AWS_TYPES.s3Bucket, "replica", { bucket: "rep" });
  const others = extra(builder);
  const replication = builder.add(AWS_TYPES.s3ReplicationConfig, "replication", { bucket: UNKNOWN, role: "arn:aws:iam::111111111111:role/replication", rules }, {
    propertyDependencies: { bucket: [source], rules: [replica, ...others] },
  });
  return { builder, source, replica, replication, others };
}

/** Every rule's outcomes, prefixed with the rule id. */
function allOutcomes(built: BuiltReplication, scope: "stack" | PlannedResource = "stack"): string[] {
  const stack = scope === "stack" ? built.builder.stack() : built.builder.single(scope);
  return ALL_RULES.flatMap((id) => outcomesOf(id, stack).map((o) => `${id}: ${o}`));
}

describe("a replica in another region and account, locked in COMPLIANCE mode, on multi-zone storage", () => {
  it.each<[string, ReplicationDesign]>([
    ["a standalone BucketReplicationConfig", {}],
    ["the inline replicationConfiguration of aws.s3.Bucket", { style: "inline-bucket" }],
    ["the inline replicationConfigurations of the deprecated BucketV2", { style: "inline-bucketV2" }],
  ])("passes every rule with %s", (_label, options) => {
    expect(allOutcomes(replicationDesign(options))).toEqual([]);
  });

  it("never asks the source bucket to be locked (it is the live data, not a copy)", () => {
    const built = replicationDesign({ replicaProps: {} });
    const stack = built.builder.stack();
    expect(built.source.props["objectLockEnabled"]).toBeUndefined();
    expect(findingsOf(IMMUTABLE, stack)).toEqual([]);
    // and when the replica is unlocked, only the replica is reported
    expect(outcomesOf(IMMUTABLE, replicationDesign({ lock: "none" }).builder.stack())).toEqual([`violation not-locked replica ${REPLICA}`]);
  });
});

describe("backup-cross-region-copy: every enabled replication rule lands in another region", () => {
  it("flags a replica created in the source's region, on the replication configuration", () => {
    expect(findingsOf(CROSS_REGION, replicationDesign({ replicaHome: "default" }).builder.stack())).toEqual([
      {
        ruleId: CROSS_REGION,
        urn: REPLICATION,
        outcome: "violation",
        code: "same-region-copy",
        subject: 'replication rule "to-dr"',
        message:
          'replication rule "to-dr" of replication configuration "replication" of bucket "source" copies the data only within the same region (eu-west-3). Copies: replica → bucket "replica" in eu-west-3 (default provider default_7_48_0, stack config aws:region), the region of bucket "source". ' +
          `A regional disaster would destroy the data and its copies together. ${NATIVE_REGION_REMEDY}`,
      },
    ]);
  });

  it("flags inline configurations on the source bucket, by rule id or by rule path", () => {
    expect(outcomesOf(CROSS_REGION, replicationDesign({ style: "inline-bucket", replicaHome: "default" }).builder.stack())).toEqual([
      'violation same-region-copy source replication rule "to-dr"',
    ]);
    expect(outcomesOf(CROSS_REGION, replicationDesign({ style: "inline-bucketV2", replicaHome: "default" }).builder.stack())).toEqual([
      "violation same-region-copy source replicationConfigurations[0].rules[0]",
    ]);
  });

  it("reads the replica's region from its explicit provider, in another account too", () => {
    expect(outcomesOf(CROSS_REGION, replicationDesign({ replicaHome: "backup-same-region" }).builder.stack())).toEqual([
      'violation same-region-copy replication replication rule "to-dr"',
    ]);
    expect(outcomesOf(CROSS_REGION, replicationDesign({ replicaHome: "prod-far" }).builder.stack())).toEqual([]);
  });

  it("prefers a bucket's own region input over its provider's region", () => {
    // the replica's region input brings it back into the source's region
    expect(outcomesOf(CROSS_REGION, replicationDesign({ replicaProps: { objectLockEnabled: true, region: "eu-west-3" } }).builder.stack())).toEqual([
      'violation same-region-copy replication replication rule "to-dr"',
    ]);
    // the source's region input moves it into the replica's region
    const built = replicationDesign();
    const moved = { ...built.source, props: { ...built.source.props, region: "eu-central-1" } };
    const stack = built.builder.stack();
    const [finding] = findingsOf(CROSS_REGION, { ...stack, resources: stack.resources.map((r) => (r.urn === SOURCE ? moved : r)) });
    expect([finding.code, finding.urn]).toEqual(["same-region-copy", REPLICATION]);
    expect(finding.message).toContain('bucket "replica" in eu-central-1 (provider dr region), the region of bucket "source"');
  });

  it("finds source and replica by their literal names when no propertyDependencies are sent", () => {
    for (const [home, expected] of [
      ["default", ['violation same-region-copy replication replication rule "to-dr"']],
      ["dr", []],
    ] as const) {
      const builder = new PlannedStackBuilder();
      builder.add(AWS_TYPES.s3Bucket, "source", { bucket: "src" });
      builder.add(AWS_TYPES.s3Bucket, "replica", { bucket: "rep" }, { provider: providerFor(builder, home) });
      builder.add(AWS_TYPES.s3ReplicationConfig, "replication", {
        bucket: "src",
        role: "arn:aws:iam::111111111111:role/replication",
        rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep" } }],
      });
      expect(outcomesOf(CROSS_REGION, builder.stack())).toEqual(expected);
    }
  });

  it("cannot locate a destination bucket declared outside the stack (S3 ARNs carry no region)", () => {
    const builder = new PlannedStackBuilder();
    builder.add(AWS_TYPES.s3Bucket, "source", {
      bucket: "src",
      replicationConfiguration: { role: "arn:aws:iam::111111111111:role/replication", rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] },
    });
    expect(findingsOf(CROSS_REGION, builder.stack())).toEqual([
      {
        ruleId: CROSS_REGION,
        urn: SOURCE,
        outcome: "unresolved",
        code: "unresolved-region",
        subject: 'replication rule "to-dr"',
        message:
          'cannot prove that replication rule "to-dr" of the replication configuration of bucket "source" copies the data to another region. Undecided: ' +
          'replica → bucket "elsewhere" (outside this stack) in unknown region (bucket "elsewhere" is not declared in this stack and S3 bucket ARNs carry no region); ' +
          'replicationConfiguration.rules[0].destination.bucket "arn:aws:s3:::elsewhere". ' +
          "Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack.",
      },
    ]);
  });

  it("reports a destination unknown in preview and computed from no bucket of the stack as unresolved", () => {
    const built = replicationDesign();
    const stack = built.builder.stack();
    const orphan = stack.resources.map((r) => (r.urn === REPLICATION ? { ...r, propertyDependencies: { bucket: [SOURCE] } } : r));
    const [finding] = findingsOf(CROSS_REGION, { ...stack, resources: orphan });
    expect([finding.outcome, finding.code, finding.urn, finding.subject]).toEqual(["unresolved", "unresolved-region", REPLICATION, 'replication rule "to-dr"']);
    expect(finding.message).toContain("rules[0].destination.bucket is unknown during preview and is not computed from any bucket in this stack");
  });

  it("does not judge a disabled rule", () => {
    expect(allOutcomes(replicationDesign({ replicaHome: "default", lock: "none", status: "Disabled" }))).toEqual([]);
    const built = rulesDesign([
      { id: "off", status: "Disabled", destination: { bucket: "arn:aws:s3:::rep" } },
      { id: "on", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep" } },
    ]);
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual(['violation same-region-copy replication replication rule "on"']);
  });

  it("accepts a same-region rule when another rule of the same bucket leaves the region", () => {
    const built = rulesDesign(
      [
        { id: "near", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep" } },
        { id: "far", status: "Enabled", destination: { bucket: "arn:aws:s3:::far-away" } },
      ],
      (b) => [b.add(AWS_TYPES.s3Bucket, "far", { bucket: "far-away" }, { provider: providerFor(b, "dr") })],
    );
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual([]);
  });

  it("reports a destination that may be either of several buckets, with different verdicts, as ambiguous", () => {
    const built = rulesDesign([{ id: "either", status: "Enabled", destination: { bucket: UNKNOWN } }], (b) => [
      b.add(AWS_TYPES.s3Bucket, "far", { bucket: "far-away" }, { provider: providerFor(b, "dr") }),
    ]);
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual(['unresolved ambiguous-destination replication replication rule "either"']);
  });

  it("reports rules unknown in preview as unreadable, in every placement rule", () => {
    const built = rulesDesign(UNKNOWN);
    expect(findingsOf(CROSS_REGION, built.builder.stack())).toEqual([
      {
        ruleId: CROSS_REGION,
        urn: REPLICATION,
        outcome: "unresolved",
        code: "unreadable-route",
        subject: "rules",
        message: `cannot check replication configuration "replication" of bucket "source": its rules are unknown during preview. ${NATIVE_REGION_REMEDY}`,
      },
    ]);
    expect(allOutcomes(built)).toEqual([
      `${CROSS_REGION}: unresolved unreadable-route replication rules`,
      `${IMMUTABLE}: unresolved unreadable-route replication rules`,
      `${OFFLINE}: unresolved unreadable-route replication rules`,
    ]);
    const inline = new PlannedStackBuilder();
    inline.add(AWS_TYPES.s3Bucket, "source", { bucket: "src", replicationConfiguration: { role: "arn:aws:iam::111111111111:role/replication", rules: UNKNOWN } });
    expect(outcomesOf(CROSS_REGION, inline.stack())).toEqual(["unresolved unreadable-route source replicationConfiguration.rules"]);
  });
});

describe("backup-immutable: replication is not a backup unless the replica is locked in COMPLIANCE mode", () => {
  it("flags a replica bucket without Object Lock, on the replica", () => {
    expect(findingsOf(IMMUTABLE, replicationDesign({ lock: "none" }).builder.stack())).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: REPLICA,
        outcome: "violation",
        code: "not-locked",
        subject: REPLICA,
        message:
          'Replica bucket "replica" is not immutable: replication is not a backup. It receives a replica from replication rule "to-dr" of replication configuration "replication" of bucket "source", but bucket "replica" does not enable S3 Object Lock (versioning not enabled). ' +
          `Deletions, overwrites and encryption by an attacker using the production credentials are replicated too, or the replica is emptied directly. ${S3_LOCK_HOWTO}`,
      },
    ]);
  });

  it("flags a replica whose Object Lock has no default retention", () => {
    const [finding] = findingsOf(IMMUTABLE, replicationDesign({ lock: {} }).builder.stack());
    expect([finding.outcome, finding.code, finding.urn]).toEqual(["violation", "not-locked", REPLICA]);
    expect(finding.message).toMatch(/^Replica bucket "replica" is not immutable: replication is not a backup\. /);
    expect(finding.message).toContain('bucket "replica" enables Object Lock but sets no default retention in COMPLIANCE mode with days or years');
    // a COMPLIANCE default retention without days or years locks nothing either
    expect(outcomesOf(IMMUTABLE, replicationDesign({ lock: { mode: "COMPLIANCE" } }).builder.stack())).toEqual([`violation not-locked replica ${REPLICA}`]);
  });

  it("flags a GOVERNANCE-mode default retention, on the lock configuration", () => {
    expect(findingsOf(IMMUTABLE, replicationDesign({ lock: { mode: "GOVERNANCE", days: 30 } }).builder.stack())).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: REPLICA_LOCK,
        outcome: "violation",
        code: "governance-lock",
        subject: REPLICA,
        message:
          'Bucket "replica" is not immutable: its lock can be removed or bypassed. It receives the replica of replication rule "to-dr" of replication configuration "replication" of bucket "source", but Object Lock configuration "replica-lock" keeps replicas in GOVERNANCE mode: ' +
          "anyone allowed s3:BypassGovernanceRetention (or able to grant it with the production credentials) can delete or overwrite them. Set rule.defaultRetention.mode to COMPLIANCE.",
      },
    ]);
  });

  it("flags a COMPLIANCE retention shorter than minRetentionDays (default 7)", () => {
    const stack = replicationDesign({ lock: { mode: "COMPLIANCE", days: 3 } }).builder.stack();
    expect(findingsOf(IMMUTABLE, stack)).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: REPLICA,
        outcome: "violation",
        code: "minimum-retention-too-low",
        subject: REPLICA,
        message: 'Object Lock configuration "replica-lock" locks the replicas in bucket "replica" for 3 days, below the required 7. They come from replication rule "to-dr" of replication configuration "replication" of bucket "source". Raise the default retention to at least 7 days.',
      },
    ]);
    expect(findingsOf(IMMUTABLE, stack, { minRetentionDays: 3 })).toEqual([]);
  });

  it("counts years of retention as 365 days each", () => {
    const stack = replicationDesign({ lock: { mode: "COMPLIANCE", years: 1 } }).builder.stack();
    expect(findingsOf(IMMUTABLE, stack, { minRetentionDays: 365 })).toEqual([]);
    const [finding] = findingsOf(IMMUTABLE, stack, { minRetentionDays: 400 });
    expect([finding.code, finding.message]).toEqual([
      "minimum-retention-too-low",
      'Object Lock configuration "replica-lock" locks the replicas in bucket "replica" for 365 days, below the required 400. They come from replication rule "to-dr" of replication configuration "replication" of bucket "source". Raise the default retention to at least 400 days.',
    ]);
  });

  it.each<[string, ReplicationDesign]>([
    ["a standalone BucketObjectLockConfiguration", {}],
    ["a standalone BucketObjectLockConfigurationV2", { lockType: AWS_TYPES.s3ObjectLockV2 }],
    [
      "the inline objectLockConfiguration of aws.s3.Bucket",
      { lock: "none", replicaProps: { objectLockEnabled: true, objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } } } },
    ],
    [
      "the inline objectLockConfiguration of BucketV2",
      {
        style: "inline-bucketV2",
        lock: "none",
        replicaProps: { objectLockConfiguration: { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [{ mode: "COMPLIANCE", days: 30 }] }] } },
      },
    ],
  ])("accepts a 30-day COMPLIANCE default retention set by %s", (_label, options) => {
    const built = replicationDesign(options);
    expect(findingsOf(IMMUTABLE, built.builder.stack())).toEqual([]);
    // the same design with GOVERNANCE mode is flagged, so the lock above was really read
    const governance = JSON.parse(JSON.stringify(options).replace('"COMPLIANCE"', '"GOVERNANCE"')) as ReplicationDesign;
    const weak = replicationDesign(options.lock === undefined ? { ...options, lock: { mode: "GOVERNANCE", days: 30 } } : governance);
    expect(findingsOf(IMMUTABLE, weak.builder.stack()).map((f) => f.code)).toEqual(["governance-lock"]);
  });

  it("joins a standalone lock to its bucket by a literal bucket name, in the bucket's region only", () => {
    const lockNamed = (provider: "dr" | "default") => {
      const built = replicationDesign({ lock: {} });
      built.builder.add(AWS_TYPES.s3ObjectLock, "replica-lock", { bucket: "rep", rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } }, { provider: providerFor(built.builder, provider) });
      return built.builder.stack();
    };
    expect(findingsOf(IMMUTABLE, lockNamed("dr"))).toEqual([]);
    expect(outcomesOf(IMMUTABLE, lockNamed("default"))).toEqual([`violation not-locked replica ${REPLICA}`]);
  });

  it("reports a retention mode unknown in preview as unresolved", () => {
    expect(outcomesOf(IMMUTABLE, replicationDesign({ lock: { mode: UNKNOWN, days: 30 } }).builder.stack())).toEqual([
      `unresolved unresolved-lock replication replication rule "to-dr" → ${REPLICA}`,
    ]);
  });

  it("cannot see the Object Lock of a replica bucket declared outside the stack", () => {
    const builder = new PlannedStackBuilder();
    builder.add(AWS_TYPES.s3Bucket, "source", {
      bucket: "src",
      replicationConfiguration: { role: "arn:aws:iam::111111111111:role/replication", rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] },
    });
    expect(findingsOf(IMMUTABLE, builder.stack())).toEqual([
      {
        ruleId: IMMUTABLE,
        urn: SOURCE,
        outcome: "unresolved",
        code: "unresolved-lock",
        subject: 'replication rule "to-dr" → s3:elsewhere',
        message:
          'Cannot prove that bucket "elsewhere" (outside this stack) is immutable. It receives the replica of replication rule "to-dr" of the replication configuration of bucket "source": ' +
          `bucket "elsewhere" is not declared in this stack, so its Object Lock cannot be seen. ${S3_LOCK_HOWTO}`,
      },
    ]);
  });
});

describe("backup-offline-copy: a replica out of the production account's reach", () => {
  it("passes a replica bucket created through a provider that assumes a role in the backup account", () => {
    expect(findingsOf(OFFLINE, replicationDesign().builder.stack())).toEqual([]);
  });

  it("flags a replica in the production account", () => {
    expect(findingsOf(OFFLINE, replicationDesign({ replicaHome: "prod-far" }).builder.stack())).toEqual([
      {
        ruleId: OFFLINE,
        urn: REPLICATION,
        outcome: "violation",
        code: "no-offline-copy",
        subject: 'replication rule "to-dr"',
        message:
          'replication rule "to-dr" of replication configuration "replication" of bucket "source" has no offline copy: all in account 111111111111. Copies: ' +
          'replica → bucket "replica" in account 111111111111 (provider prod-far allowedAccountIds), which is also the account of source bucket "source" (default provider default_7_48_0 allowedAccountIds). ' +
          `Whoever holds the production credentials (or ransomware running with them) can delete every copy. ${NATIVE_OFFLINE_REMEDY}`,
      },
    ]);
    expect(outcomesOf(OFFLINE, replicationDesign({ replicaHome: "default", style: "inline-bucketV2" }).builder.stack())).toEqual([
      "violation no-offline-copy source replicationConfigurations[0].rules[0]",
    ]);
  });

  it("takes the replica's account from destination.account (or accountId) when its provider does not tell", () => {
    const external = (destination: JsonObject) => {
      const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
      builder.add(AWS_TYPES.s3Bucket, "source", {
        bucket: "src",
        replicationConfiguration: { role: "arn:aws:iam::111111111111:role/replication", rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere", ...destination } }] },
      });
      return builder.stack();
    };
    expect(findingsOf(OFFLINE, external({ accountId: BACKUP }))).toEqual([]);
    expect(outcomesOf(OFFLINE, external({ accountId: PROD }))).toEqual(['violation no-offline-copy source replication rule "to-dr"']);
    expect(outcomesOf(OFFLINE, external({}))).toEqual(['unresolved unresolved-account source replication rule "to-dr"']);
    // an in-stack replica whose provider's account cannot be told (its own profile), declared in the backup account by the rule
    const ambient = replicationDesign({ destination: { account: BACKUP, accessControlTranslation: { owner: "Destination" } } });
    const stack = ambient.builder.stack();
    const withProfile = stack.resources.map((r) => (r.urn === REPLICA ? { ...r, provider: ambient.builder.provider("dr", { region: "eu-central-1", profile: "backup" }) } : r));
    expect(findingsOf(OFFLINE, { ...stack, resources: withProfile })).toEqual([]);
    // a provider that only sets a region uses the production account's ambient credentials: the bucket is there, whatever destination.account says
    const withAmbient = stack.resources.map((r) => (r.urn === REPLICA ? { ...r, provider: ambient.builder.provider("dr", { region: "eu-central-1" }) } : r));
    expect(outcomesOf(OFFLINE, { ...stack, resources: withAmbient })).toEqual(['violation no-offline-copy replication replication rule "to-dr"']);
  });

  it("accepts a same-account replica when another rule of the same bucket copies into another account", () => {
    const near = { id: "near", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep" } };
    const far = (account: string) => ({ id: "far", status: "Enabled", destination: { bucket: "arn:aws:s3:::vault-bucket", account } });
    expect(outcomesOf(OFFLINE, rulesDesign([near, far(BACKUP)]).builder.stack())).toEqual([]);
    expect(outcomesOf(OFFLINE, rulesDesign([near, far(PROD)]).builder.stack())).toEqual([
      'violation no-offline-copy replication replication rule "far"',
      'violation no-offline-copy replication replication rule "near"',
    ]);
  });

  it("accepts a same-account replica when another replication configuration of the same bucket is offline", () => {
    const built = rulesDesign([{ id: "near", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep" } }]);
    expect(outcomesOf(OFFLINE, built.builder.stack())).toEqual(['violation no-offline-copy replication replication rule "near"']);
    built.builder.add(AWS_TYPES.s3ReplicationConfig, "replication-far", {
      bucket: "src",
      role: "arn:aws:iam::111111111111:role/replication",
      rules: [{ id: "far", status: "Enabled", destination: { bucket: "arn:aws:s3:::vault-bucket", account: BACKUP } }],
    });
    expect(outcomesOf(OFFLINE, built.builder.stack())).toEqual([]);
  });

  it("cannot compare accounts when the production account is unknown", () => {
    expect(outcomesOf(OFFLINE, replicationDesign({ prodAccountKnown: false }).builder.stack())).toEqual([
      'unresolved unresolved-account replication replication rule "to-dr"',
    ]);
  });
});

describe("backup-zone-separation: replicas are not kept in S3 One Zone-IA", () => {
  const oneZoneLifecycle = { id: "cold", status: "Enabled", transitions: [{ days: 30, storageClass: "ONEZONE_IA" }] };

  it("flags a replication rule that stores replicas in ONEZONE_IA, on the replication rule that sets it", () => {
    const stack = replicationDesign({ destination: { storageClass: "ONEZONE_IA" } }).builder.stack();
    expect(findingsOf(ZONES, stack)).toEqual([
      {
        ruleId: ZONES,
        urn: REPLICATION,
        outcome: "violation",
        code: "single-zone-storage",
        subject: `replication rule "to-dr" → ${REPLICA}`,
        message:
          'replication rule "to-dr" of replication configuration "replication" of bucket "source" keeps its copies in one zone (S3 One Zone-IA). Destination bucket "replica": rules[0].destination.storageClass is ONEZONE_IA. ' +
          "S3 One Zone-IA stores one copy of the data in one zone chosen by AWS, and the loss of that zone destroys it. Keep backup copies in a storage class that spans zones (STANDARD_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE).",
      },
    ]);
    expect(findingsOf(ZONES, stack, { allowSingleZoneCopyStorage: true })).toEqual([]);
    expect(findingsOf(ZONES, replicationDesign({ destination: { storageClass: "STANDARD_IA" } }).builder.stack())).toEqual([]);
  });

  it("flags a replica bucket whose lifecycle moves objects to ONEZONE_IA, inline or standalone, on the lifecycle's resource", () => {
    const inline = replicationDesign({ replicaProps: { objectLockEnabled: true, lifecycleRules: [{ enabled: true, transitions: [{ days: 30, storageClass: "ONEZONE_IA" }] }] } });
    const [finding] = findingsOf(ZONES, inline.builder.stack());
    expect([finding.code, finding.urn]).toEqual(["single-zone-storage", REPLICA]);
    expect(finding.message).toContain('Destination bucket "replica": lifecycleRules[0] of bucket "replica" moves objects to ONEZONE_IA (transitions). S3 One Zone-IA');
    expect(outcomesOf(ZONES, inline.builder.stack(), { allowSingleZoneCopyStorage: true })).toEqual([]);

    for (const type of [AWS_TYPES.s3Lifecycle, AWS_TYPES.s3LifecycleV2]) {
      const built = replicationDesign();
      built.builder.add(type, "replica-lifecycle", { bucket: UNKNOWN, rules: [oneZoneLifecycle] }, { provider: providerFor(built.builder, "dr"), propertyDependencies: { bucket: [built.replica] } });
      const stack = built.builder.stack();
      expect(outcomesOf(ZONES, stack)).toEqual([`violation single-zone-storage replica-lifecycle replication rule "to-dr" → ${REPLICA}`]);
      expect(findingsOf(ZONES, stack)[0].message).toContain('Destination bucket "replica": rules[0] of lifecycle configuration "replica-lifecycle" moves objects to ONEZONE_IA (transitions). S3 One Zone-IA');
      expect(outcomesOf(ZONES, stack, { allowSingleZoneCopyStorage: true })).toEqual([]);
    }
  });

  it("ignores disabled lifecycle rules and the source bucket's own lifecycle", () => {
    const built = replicationDesign({ replicaProps: { objectLockEnabled: true, lifecycleRules: [{ enabled: false, transitions: [{ days: 30, storageClass: "ONEZONE_IA" }] }] } });
    built.builder.add(AWS_TYPES.s3Lifecycle, "replica-lifecycle", { bucket: UNKNOWN, rules: [{ ...oneZoneLifecycle, status: "Disabled" }] }, {
      provider: providerFor(built.builder, "dr"),
      propertyDependencies: { bucket: [built.replica] },
    });
    built.builder.add(AWS_TYPES.s3Lifecycle, "source-lifecycle", { bucket: UNKNOWN, rules: [oneZoneLifecycle] }, { propertyDependencies: { bucket: [built.source] } });
    expect(findingsOf(ZONES, built.builder.stack())).toEqual([]);
  });
});

describe("Analyze: a replication configuration seen alone reports only what it proves by itself", () => {
  it("leaves everything that depends on the replica bucket unresolved", () => {
    const built = replicationDesign({ replicaHome: "default", lock: "none" });
    expect(allOutcomes(built)).toEqual([
      `${CROSS_REGION}: violation same-region-copy replication replication rule "to-dr"`,
      `${IMMUTABLE}: violation not-locked replica ${REPLICA}`,
      `${OFFLINE}: violation no-offline-copy replication replication rule "to-dr"`,
    ]);
    const alone = allOutcomes(built, built.replication);
    expect(alone.filter((o) => o.includes(": violation "))).toEqual([]);
    expect(alone).toEqual([
      `${CROSS_REGION}: unresolved unresolved-region replication replication rule "to-dr"`,
      `${IMMUTABLE}: unresolved unresolved-lock replication replication rule "to-dr" → unresolved:${REPLICATION}:rules[0].destination.bucket`,
      `${OFFLINE}: unresolved unresolved-account replication replication rule "to-dr"`,
      `${ZONES}: unresolved unresolved-storage replication replication rule "to-dr" → unresolved:${REPLICATION}:rules[0].destination.bucket`,
    ]);
    // the buckets alone have nothing to report
    expect(allOutcomes(built, built.replica)).toEqual([]);
    expect(allOutcomes(built, built.source)).toEqual([]);
  });

  it("does not report a same-account replica as a violation: another route of the bucket may be offline", () => {
    const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
    const source = builder.add(AWS_TYPES.s3Bucket, "source", {
      bucket: "src",
      replicationConfiguration: { role: "arn:aws:iam::111111111111:role/replication", rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere", accountId: PROD } }] },
    });
    expect(outcomesOf(OFFLINE, builder.stack())).toEqual(['violation no-offline-copy source replication rule "to-dr"']);
    expect(outcomesOf(OFFLINE, builder.single(source))).toEqual(['unresolved no-offline-copy source replication rule "to-dr"']);
  });

  it("flags ONEZONE_IA replica storage that the rule itself sets, when the destination is a literal ARN", () => {
    const builder = new PlannedStackBuilder();
    const replication = builder.add(AWS_TYPES.s3ReplicationConfig, "replication", {
      bucket: "src",
      role: "arn:aws:iam::111111111111:role/replication",
      rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere", storageClass: "ONEZONE_IA" } }],
    });
    expect(outcomesOf(ZONES, builder.single(replication))).toEqual(['violation single-zone-storage replication replication rule "to-dr" → s3:elsewhere']);
  });

  it("flags ONEZONE_IA replica storage that the rule itself sets, also when the destination bucket is unknown in preview", () => {
    // Bug: an unresolved destination store drops the rule's own storageClass, so ONEZONE_IA goes unreported.
    const built = replicationDesign({ destination: { storageClass: "ONEZONE_IA" } });
    const stack = built.builder.stack();
    const orphan = { ...stack, resources: stack.resources.map((r) => (r.urn === REPLICATION ? { ...r, propertyDependencies: { bucket: [SOURCE] } } : r)) };
    for (const scoped of [built.builder.single(built.replication), orphan]) {
      const findings = findingsOf(ZONES, scoped);
      expect(findings.map((f) => [f.outcome, f.code, f.urn])).toEqual([["violation", "single-zone-storage", REPLICATION]]);
      expect(findings[0].message).toContain("rules[0].destination.storageClass is ONEZONE_IA");
    }
  });
});

describe("unknown values never excuse a replication (fail closed)", () => {
  it("takes a destination computed from a non-bucket resource (a parameter) for an unknown bucket when no other unknown value explains it", () => {
    const built = rulesDesign([{ id: "to-dr", status: "Enabled", destination: { bucket: UNKNOWN } }], (b) => [b.add("aws:ssm/parameter:Parameter", "replica-arn", { value: UNKNOWN })]);
    // the replica bucket "rep" is in the same region: the parameter may hold another bucket's ARN
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual(['unresolved ambiguous-destination replication replication rule "to-dr"']);
  });

  it("keeps a KMS key dependency explained by the rule's unknown replicaKmsKeyId, so the destination stays the bucket", () => {
    const built = rulesDesign(
      [{ id: "to-dr", status: "Enabled", destination: { bucket: UNKNOWN, encryptionConfiguration: { replicaKmsKeyId: UNKNOWN } } }],
      (b) => [b.add("aws:kms/key:Key", "replica-key", { arn: UNKNOWN })],
    );
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual(['violation same-region-copy replication replication rule "to-dr"']);
  });

  it("reports a storage class unknown in preview, and the lifecycle of a destination that cannot be identified, as unresolved zone storage", () => {
    const unknownClass = rulesDesign([{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep", storageClass: UNKNOWN } }]);
    expect(outcomesOf(ZONES, unknownClass.builder.stack())).toEqual([`unresolved unresolved-storage replication replication rule "to-dr" → ${urnOf(AWS_TYPES.s3Bucket, "replica")}`]);
    const nobody = rulesDesign([{ id: "to-dr", status: "Enabled", destination: { bucket: UNKNOWN } }]);
    const stack = nobody.builder.stack();
    const withoutBucketDependency = { ...stack, resources: stack.resources.map((r) => (r.type === AWS_TYPES.s3ReplicationConfig ? { ...r, propertyDependencies: { bucket: r.propertyDependencies["bucket"] ?? [] } } : r)) };
    expect(outcomesOf(ZONES, withoutBucketDependency)).toEqual([
      `unresolved unresolved-storage replication replication rule "to-dr" → unresolved:${REPLICATION}:rules[0].destination.bucket`,
    ]);
  });

  it("never lets a rule whose status is unknown vouch for the same bucket's same-region rule", () => {
    const built = rulesDesign(
      [
        { id: "maybe", status: UNKNOWN, destination: { bucket: "arn:aws:s3:::far-away" } },
        { id: "near", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep" } },
      ],
      (b) => [b.add(AWS_TYPES.s3Bucket, "far", { bucket: "far-away" }, { provider: providerFor(b, "dr") })],
    );
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual(['violation same-region-copy replication replication rule "near"']);
  });
});

describe("a filtered replication rule copies part of the bucket: it is judged, but is no backup of the bucket", () => {
  const path = ["rules", 0];
  it.each<[string, JsonObject]>([
    ["no filter", {}],
    ["an empty filter", { filter: {} }],
    ["an empty filter prefix", { filter: { prefix: "" } }],
    ["an empty legacy prefix (as replication time control requires)", { prefix: "" }],
    ["an empty and block", { filter: { and: { prefix: "", tags: {} } } }],
    ["empty inline tags", { filter: { prefix: "", tags: {} } }],
  ])("takes %s for the whole bucket", (_label, rule) => {
    expect(replicationScope({ id: "r", ...rule }, path)).toBeUndefined();
  });

  it.each<[string, JsonObject, string]>([
    ["a filter prefix", { filter: { prefix: "logs/" } }, 'it replicates only the objects matching rules[0].filter.prefix "logs/"'],
    ["a legacy prefix", { prefix: "exports/" }, 'it replicates only the objects matching rules[0].prefix "exports/"'],
    ["a tag", { filter: { tag: { key: "replicate", value: "yes" } } }, 'it replicates only the objects matching rules[0].filter.tag {"key":"replicate","value":"yes"}'],
    ["a tag whose value is unknown", { filter: { tag: { key: "replicate", value: UNKNOWN } } }, 'it replicates only the objects matching rules[0].filter.tag {"key":"replicate","value":"(unknown during preview)"}'],
    ["an and block", { filter: { and: { prefix: "a/", tags: { t: "1" } } } }, 'it replicates only the objects matching rules[0].filter.and.prefix "a/" and rules[0].filter.and.tags {"t":"1"}'],
    ["inline tags", { filter: { tags: { t: "1" } } }, 'it replicates only the objects matching rules[0].filter.tags {"t":"1"}'],
  ])("takes %s for part of the bucket", (_label, rule, basis) => {
    expect(replicationScope(rule, path)).toEqual({ state: "part", basis });
  });

  it.each<[string, JsonObject, string]>([
    ["a filter unknown in preview", { filter: UNKNOWN }, "rules[0].filter is unknown during preview"],
    ["a prefix unknown in preview", { filter: { prefix: UNKNOWN } }, "rules[0].filter.prefix is unknown during preview"],
    ["tags unknown in preview", { filter: { and: { tags: UNKNOWN } } }, "rules[0].filter.and.tags is unknown during preview"],
    ["a legacy prefix of another type", { prefix: 3 }, "rules[0].prefix is not a string"],
  ])("cannot judge %s", (_label, rule, why) => {
    expect(replicationScope(rule, path)).toEqual({ state: "unknown", basis: `which objects it replicates cannot be told: ${why}` });
  });

  /** `near` replicates everything in the region; `far` (a filtered rule) replicates to eu-central-1 in the backup account. */
  function nearAndFar(far: JsonObject) {
    return rulesDesign(
      [
        { id: "near", status: "Enabled", destination: { bucket: "arn:aws:s3:::rep" } },
        { id: "far", status: "Enabled", destination: { bucket: "arn:aws:s3:::far-away" }, ...far },
      ],
      (b) => [b.add(AWS_TYPES.s3Bucket, "far", { bucket: "far-away", objectLockEnabled: true }, { provider: providerFor(b, "dr") })],
    );
  }

  it("does not let a rule that replicates part of the bucket out of the region and account vouch for the bucket's same-region rule", () => {
    const built = nearAndFar({ filter: { prefix: "logs/" } });
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual(['violation same-region-copy replication replication rule "near"']);
    expect(outcomesOf(OFFLINE, built.builder.stack())).toEqual(['violation no-offline-copy replication replication rule "near"']);
  });

  it("fails closed when the filter of the far rule is unknown in preview", () => {
    const built = nearAndFar({ filter: { prefix: UNKNOWN } });
    expect(outcomesOf(CROSS_REGION, built.builder.stack())).toEqual(['violation same-region-copy replication replication rule "near"']);
  });

  it("lets a rule with an empty filter (the whole bucket) vouch for the same-region rule", () => {
    expect(outcomesOf(CROSS_REGION, nearAndFar({ filter: {}, deleteMarkerReplication: { status: "Disabled" } }).builder.stack())).toEqual([]);
    expect(outcomesOf(CROSS_REGION, nearAndFar({ filter: { prefix: "" } }).builder.stack())).toEqual([]);
  });

  /** A protected source bucket replicated by one rule with the given filter, inline (on the bucket) or standalone. */
  function protectedBucket(rule: JsonObject, style: "standalone" | "inline") {
    const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
    const replica = builder.add(AWS_TYPES.s3Bucket, "replica", { bucket: "rep" }, { provider: providerFor(builder, "dr") });
    const rules = [{ id: "part", status: "Enabled", destination: { bucket: UNKNOWN }, ...rule }];
    const tags = { "backup-guard:protected": "true" };
    if (style === "inline") {
      builder.add(AWS_TYPES.s3Bucket, "source", { bucket: "src", tags, replicationConfiguration: { role: "arn:aws:iam::111111111111:role/r", rules } }, { propertyDependencies: { replicationConfiguration: [replica] } });
    } else {
      const source = builder.add(AWS_TYPES.s3Bucket, "source", { bucket: "src", tags });
      builder.add(AWS_TYPES.s3ReplicationConfig, "replication", { bucket: UNKNOWN, role: "arn:aws:iam::111111111111:role/r", rules }, { propertyDependencies: { bucket: [source], rules: [replica] } });
    }
    return builder.stack();
  }
  const COVERAGE_REMEDY =
    "Back it up: add it to an aws.backup.Selection of a backup plan in its region and account (by reference in `resources`, by ARN or wildcard, or by `selectionTags`), or give it a native copy (S3 replication, RDS automated-backup replication, a DLM policy, EFS replication). If it holds nothing worth restoring, take it out of scope with an excludeTags tag or exempt it with a reason and an expiry.";

  it("reports a protected bucket whose only replication is filtered as not backed up, naming the filter", () => {
    expect(findingsOf("backup-coverage", protectedBucket({ filter: { prefix: "logs/" } }, "standalone"))).toEqual([
      {
        ruleId: "backup-coverage",
        urn: SOURCE,
        outcome: "violation",
        code: "not-backed-up",
        subject: "",
        message:
          'Nothing backs up Bucket "source" in eu-west-3, account 111111111111. It is a protected data store (tagged backup-guard:protected) in region eu-west-3 (default provider default_7_48_0, stack config aws:region), account 111111111111 (default provider default_7_48_0 allowedAccountIds); no AWS Backup selection of its region and account selects it and no native copy mechanism copies it whole ' +
          '(replication rule "part" of replication configuration "replication" of bucket "source": it replicates only the objects matching rules[0].filter.prefix "logs/", so the rest of the data has no copy). ' +
          `If the data is deleted, encrypted or its region lost, it cannot be restored. ${COVERAGE_REMEDY}`,
      },
    ]);
    expect(outcomesOf("backup-coverage", protectedBucket({ filter: { tags: { class: "keep" } } }, "inline"))).toEqual(["violation not-backed-up source"]);
  });

  it("counts an empty filter as a backup of the whole bucket, and leaves an unknown filter undecided", () => {
    expect(findingsOf("backup-coverage", protectedBucket({ filter: {} }, "standalone"))).toEqual([]);
    expect(findingsOf("backup-coverage", protectedBucket({ prefix: "" }, "inline"))).toEqual([]);
    expect(findingsOf("backup-coverage", protectedBucket({ filter: UNKNOWN }, "standalone"))).toEqual([
      {
        ruleId: "backup-coverage",
        urn: SOURCE,
        outcome: "unresolved",
        code: "coverage-undecided",
        subject: "",
        message:
          'Cannot tell whether Bucket "source" is backed up. It may be backed up by replication rule "part" of replication configuration "replication" of bucket "source" (which objects it replicates cannot be told: rules[0].filter is unknown during preview). ' +
          COVERAGE_REMEDY,
      },
    ]);
  });
});
