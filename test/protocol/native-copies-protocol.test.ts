import type { PolicyPreviewResult } from "../../harness/run-preview";
import { UNKNOWN_STRING } from "../../harness/wire-values";
import type { CapturedResource } from "../../harness/capture-program";
import { outputOnlyAttributes } from "../../harness/computed-attributes";
import { optionalComputedAttributes } from "../support/optional-computed";
import { type RunOptions, summary, usePackUnderTest, PLACEMENT_POLICIES_ONLY } from "../support/protocol-preview";
import {
  DLM_POLICY_URN,
  EFS_FS_URN,
  EFS_REPLICATION_URN,
  RDS_REPLICATION_URN,
  S3_REPLICA_LOCK_URN,
  S3_REPLICA_URN,
  S3_REPLICATION_URN,
  S3_SOURCE_URN,
  EBS_COPY_URN,
  FSX_URN,
  dlmDesign,
  fsxSingleAzDesign,
  ebsSnapshotCopyDesign,
  efsReplicationDesign,
  rdsDesign,
  s3ReplicationDesign,
} from "../programs/native-designs";

/** The remediation every backup-cross-region-copy message about a native copy ends with. */
const NATIVE_CROSS_REGION =
  'A regional disaster would destroy the data and its copies together. Send the copy to another region: create the destination (replica bucket, replica file system, snapshot copy) through a provider for that region (e.g. new aws.Provider("dr", { region: "eu-central-1" })) or set its region input, destination.region or the DLM rule\'s target.';
/** The remediation every backup-offline-copy message about a native copy ends with. */
const NATIVE_OFFLINE =
  'Whoever holds the production credentials (or ransomware running with them) can delete every copy. Copy at least once into a separate backup account: S3 replication with destination.account (and accessControlTranslation.owner "Destination") into a bucket of that account, or a snapshot copy owned by that account (created through a provider that assumes a role there, or by a DLM event-based policy of that account that copies the snapshots shared with it: a share alone leaves them owned by this account); or back the data up with AWS Backup into a logically air-gapped vault.';
/** How backup-immutable tells to lock an S3 replica bucket. */
const S3_LOCK_HOWTO =
  "Create the replica bucket with objectLockEnabled: true and an aws.s3.BucketObjectLockConfiguration whose rule.defaultRetention has mode COMPLIANCE and days (or years), so replicas cannot be deleted or overwritten before they expire.";

/** The message of the only diagnostic with this phase, policy and URN. */
function messageOf(result: PolicyPreviewResult, phase: string, policy: string, urn: string): string {
  const found = result.diagnostics.filter((d) => d.phase === phase && d.policyName === policy && d.urn === urn);
  expect(found).toHaveLength(1);
  return found[0].message;
}

/** The properties AnalyzeStack received for a URN. */
function stackProperties(result: PolicyPreviewResult, urn: string): Record<string, unknown> {
  const resource = result.requests.analyzeStack.find((r) => r.urn === urn);
  if (!resource) throw new Error(`${urn} was not sent to AnalyzeStack`);
  return resource.properties as Record<string, unknown>;
}

describe("native copy mechanisms over the Analyzer protocol, started by run-policy-pack like the Pulumi CLI", () => {
  const packUnderTest = usePackUnderTest({}, PLACEMENT_POLICIES_ONLY);

  // The SDK warns when a program uses the deprecated V2 family of S3 classes, which one design does on purpose.
  const warn = console.warn;
  beforeAll(() => {
    jest.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
      if (!args.some((a) => typeof a === "string" && /(BucketV2|BucketVersioningV2|BucketObjectLockConfigurationV2) is deprecated/.test(a))) warn(...args);
    });
  });
  afterAll(() => jest.restoreAllMocks());
  const run = (program: () => void, options: RunOptions = {}) => packUnderTest.run(program, options);
  const preview = (program: () => void, extra: Omit<RunOptions, "preview"> = {}) => run(program, extra);
  const update = (program: () => void) => run(program, { preview: false });

  const passingDesigns: Array<[string, () => void]> = [
    ["S3 replication into a compliance-locked bucket of the backup account in eu-central-1", s3ReplicationDesign()],
    ["the same S3 replication configured inline on the source bucket", s3ReplicationDesign({ inline: true })],
    ["the same S3 replication with the deprecated BucketV2 token family", s3ReplicationDesign({ legacyTokens: true })],
    ["an EBS snapshot copied into the backup account in eu-central-1 under a locked Recycle Bin rule", ebsSnapshotCopyDesign()],
    ["an FSx single-AZ file system with automatic backups", fsxSingleAzDesign()],
    ["EFS One Zone replicated to eu-central-1, backed up into a logically air-gapped vault", efsReplicationDesign()],
    ["DLM copies to eu-central-1 under a locked Recycle Bin rule, shared with the backup account, which copies them", dlmDesign()],
    ["RDS automated backups replicated to eu-central-1, backed up into a logically air-gapped vault", rdsDesign()],
  ];

  describe.each([false, true])("passing designs (collapseNestedUnknowns: %s)", (collapseNestedUnknowns) => {
    it.each(passingDesigns)("raises no diagnostic for %s", async (_name, program) => {
      const result = await preview(program, { collapseNestedUnknowns });
      expect(summary(result)).toEqual([]);
      expect(result.blocked).toBe(false);
    });
  });

  describe("with every optional attribute the provider computes left unknown, as a real preview plans them", () => {
    // e.g. a new bucket's replicationConfiguration, objectLockEnabled and versioning, an EFS file system's
    // availabilityZoneName, an RDS instance's multiAz and backupRetentionPeriod, every resource's region
    const computedAttributes = (resource: CapturedResource): readonly string[] => [
      ...(outputOnlyAttributes(resource.type) ?? []),
      ...optionalComputedAttributes(resource.type),
    ];

    it.each(passingDesigns)("raises no diagnostic for %s", async (_name, program) => {
      const result = await preview(program, { computedAttributes });
      const bucket = result.requests.analyzeStack.find((r) => r.type === "aws:s3/bucket:Bucket");
      if (bucket) expect(bucket.properties["versioning"]).toBe(UNKNOWN_STRING); // the simulation is in effect
      expect(summary(result)).toEqual([]);
    });

    it.each([
      ["S3 replication into the source's region", s3ReplicationDesign({ destinationRegion: "same" }), [`analyzeStack mandatory backup-cross-region-copy ${S3_REPLICATION_URN}`]],
      ["an unlocked replica bucket", s3ReplicationDesign({ lock: "none" }), [`analyzeStack mandatory backup-immutable ${S3_REPLICA_URN}`]],
      ["a One Zone replica in the source's zone", efsReplicationDesign({ destination: { availabilityZoneName: "eu-west-3a" } }), [`analyzeStack mandatory backup-zone-separation ${EFS_REPLICATION_URN}`]],
    ])("still blocks %s", async (_name, program, expected) => {
      expect(summary(await preview(program, { computedAttributes }))).toEqual(expected);
    });
  });

  describe("S3 replication", () => {
    /** The placement policies and backup-coverage. */
    const withCoverage = { policyConfig: { ...PLACEMENT_POLICIES_ONLY, "backup-coverage": "mandatory" as const } };

    it("blocks a protected bucket whose only replication rule copies part of it (a filter prefix)", async () => {
      const result = await preview(s3ReplicationDesign({ protectedSource: true, filter: { prefix: "exports/" } }), withCoverage);
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${S3_SOURCE_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-coverage", S3_SOURCE_URN)).toMatch(
        /no native copy mechanism copies it whole \(replication rule "dr" of replication configuration "replication" of bucket "source": it replicates only the objects matching rules\[0\]\.filter\.prefix "exports\/", so the rest of the data has no copy\)\./,
      );
      expect(result.blocked).toBe(true);
    });

    it("passes the protected bucket when the filter is empty (the whole bucket), and fails closed when the prefix is unknown in preview", async () => {
      expect(summary(await preview(s3ReplicationDesign({ protectedSource: true, filter: { prefix: "" } }), withCoverage))).toEqual([]);
      const result = await preview(s3ReplicationDesign({ protectedSource: true, filter: "from-parameter" }), withCoverage);
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${S3_SOURCE_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-coverage", S3_SOURCE_URN)).toMatch(
        /^Cannot tell whether Bucket "source" is backed up\. It may be backed up by replication rule "dr" of replication configuration "replication" of bucket "source" \(which objects it replicates cannot be told: rules\[0\]\.filter\.prefix is unknown during preview\)\. /,
      );
    });

    it("blocks replication into the primary's region while the destination ARN is unknown in preview", async () => {
      const result = await preview(s3ReplicationDesign({ destinationRegion: "same" }));
      const rules = stackProperties(result, S3_REPLICATION_URN)["rules"] as Array<{ destination: { bucket: unknown } }>;
      expect(rules[0].destination.bucket).toBe(UNKNOWN_STRING);
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${S3_REPLICATION_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'replication rule "dr" of replication configuration "replication" of bucket "source" copies the data only within the same region (eu-west-3). Copies: ' +
          'replica → bucket "replica" in eu-west-3 (provider dr region), the region of bucket "source". ' +
          NATIVE_CROSS_REGION,
      );
      expect(result.blocked).toBe(true);
    });

    it("blocks the same-region replica when the replication is configured inline on the source bucket", async () => {
      const result = await preview(s3ReplicationDesign({ destinationRegion: "same", inline: true }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${S3_SOURCE_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'replication rule "dr" of the replication configuration of bucket "source" copies the data only within the same region (eu-west-3). Copies: ' +
          'replica → bucket "replica" in eu-west-3 (provider dr region), the region of bucket "source". ' +
          NATIVE_CROSS_REGION,
      );
    });

    it.each([
      ["the standalone configuration", false, S3_REPLICATION_URN, "rules"],
      ["the inline configuration", true, S3_SOURCE_URN, "replicationConfiguration"],
    ])("still blocks the same-region replica when preview outputs lose %s (decided from the Analyze inputs)", async (_name, inline, urn, property) => {
      const result = await preview(s3ReplicationDesign({ destinationRegion: "same", inline }), { collapseNestedUnknowns: true });
      expect(stackProperties(result, urn)[property]).toBe(UNKNOWN_STRING);
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${urn}`]);
    });

    it("blocks a replica bucket without Object Lock", async () => {
      const result = await preview(s3ReplicationDesign({ lock: "none" }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-immutable ${S3_REPLICA_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'Replica bucket "replica" is not immutable: replication is not a backup. It receives a replica from replication rule "dr" of replication configuration "replication" of bucket "source", ' +
          'but bucket "replica" does not enable S3 Object Lock (versioning Enabled by "replica-versioning"). ' +
          "Deletions, overwrites and encryption by an attacker using the production credentials are replicated too, or the replica is emptied directly. " +
          S3_LOCK_HOWTO,
      );
    });

    it("blocks a replica bucket whose Object Lock is in GOVERNANCE mode, on the lock configuration", async () => {
      const result = await preview(s3ReplicationDesign({ lock: "governance" }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-immutable ${S3_REPLICA_LOCK_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'Bucket "replica" is not immutable: its lock can be removed or bypassed. It receives the replica of replication rule "dr" of replication configuration "replication" of bucket "source", ' +
          'but Object Lock configuration "replica-lock" keeps replicas in GOVERNANCE mode: anyone allowed s3:BypassGovernanceRetention ' +
          "(or able to grant it with the production credentials) can delete or overwrite them. Set rule.defaultRetention.mode to COMPLIANCE.",
      );
    });

    it("blocks replicas stored in ONEZONE_IA, already in Analyze, on the replication rule that asks for it", async () => {
      const result = await preview(s3ReplicationDesign({ storageClass: "ONEZONE_IA" }));
      expect(summary(result)).toEqual([
        `analyze mandatory backup-zone-separation ${S3_REPLICATION_URN}`,
        `analyzeStack mandatory backup-zone-separation ${S3_REPLICATION_URN}`,
      ]);
      expect(messageOf(result, "analyzeStack", "backup-zone-separation", S3_REPLICATION_URN)).toBe(
        'replication rule "dr" of replication configuration "replication" of bucket "source" keeps its copies in one zone (S3 One Zone-IA). ' +
          'Destination bucket "replica": rules[0].destination.storageClass is ONEZONE_IA. S3 One Zone-IA stores one copy of the data in one zone chosen by AWS, and the loss of that zone destroys it. ' +
          "Keep backup copies in a storage class that spans zones (STANDARD_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE).",
      );
    });

    it("fails closed on a replica bucket outside the stack, and reports it as advisory when onUnresolved says so", async () => {
      const program = s3ReplicationDesign({ literalDestinationArn: "arn:aws:s3:::external-replica" });
      const strict = await preview(program);
      expect(summary(strict)).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${S3_REPLICATION_URN}`,
        `analyzeStack mandatory backup-immutable ${S3_REPLICATION_URN}`,
      ]);
      expect(strict.blocked).toBe(true);
      expect(messageOf(strict, "analyzeStack", "backup-cross-region-copy", S3_REPLICATION_URN)).toBe(
        'cannot prove that replication rule "dr" of replication configuration "replication" of bucket "source" copies the data to another region. Undecided: ' +
          'replica → bucket "external-replica" (outside this stack) in unknown region (bucket "external-replica" is not declared in this stack and S3 bucket ARNs carry no region); ' +
          'rules[0].destination.bucket "arn:aws:s3:::external-replica". Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack. ' +
          "[unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]",
      );

      const relaxedRegion = await preview(program, { policyConfig: { "backup-cross-region-copy": { onUnresolved: "advisory" } } });
      expect(summary(relaxedRegion)).toEqual([
        `analyzeStack advisory backup-cross-region-copy ${S3_REPLICATION_URN}`,
        `analyzeStack mandatory backup-immutable ${S3_REPLICATION_URN}`,
      ]);

      const relaxed = await preview(program, {
        policyConfig: { "backup-cross-region-copy": { onUnresolved: "advisory" }, "backup-immutable": { onUnresolved: "advisory" } },
      });
      expect(summary(relaxed)).toEqual([
        `analyzeStack advisory backup-cross-region-copy ${S3_REPLICATION_URN}`,
        `analyzeStack advisory backup-immutable ${S3_REPLICATION_URN}`,
      ]);
      expect(messageOf(relaxed, "analyzeStack", "backup-immutable", S3_REPLICATION_URN)).toBe(
        'Cannot prove that bucket "external-replica" (outside this stack) is immutable. It receives the replica of replication rule "dr" of replication configuration "replication" of bucket "source": ' +
          'bucket "external-replica" is not declared in this stack, so its Object Lock cannot be seen. ' +
          S3_LOCK_HOWTO +
          " [unresolved before deployment; reported as advisory (onUnresolved: advisory)]",
      );
      expect(relaxed.blocked).toBe(false);
    });
  });

  describe("EFS replication", () => {
    it("blocks a One Zone file system replicated into its own zone, even when AWS Backup copies it to another region", async () => {
      const result = await preview(efsReplicationDesign({ destination: { availabilityZoneName: "eu-west-3a" } }));
      // The AWS Backup copy in eu-central-1 takes the data out of the region, so only the zone is wrong.
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-zone-separation ${EFS_REPLICATION_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-zone-separation", EFS_REPLICATION_URN)).toBe(
        'EFS replication "files-replication" of FileSystem "files" copies a single-zone primary into the same zone (eu-west-3a). Copies: ' +
          'replica → the replica file system of "files-replication": both in availability zone eu-west-3a, like FileSystem "files". ' +
          "One zone failure (fire, flood, power) destroys the data and its copy together. " +
          "Replicate into another region (destination.region), or at least into another availability zone.",
      );
    });

    it("blocks a One Zone file system replicated into its own zone as its only copy: region, zone and account", async () => {
      const result = await preview(efsReplicationDesign({ destination: { availabilityZoneName: "eu-west-3a" }, offlineBackup: false }));
      expect(summary(result)).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${EFS_REPLICATION_URN}`,
        `analyzeStack mandatory backup-offline-copy ${EFS_REPLICATION_URN}`,
        `analyzeStack mandatory backup-zone-separation ${EFS_FS_URN}`,
        `analyzeStack mandatory backup-zone-separation ${EFS_REPLICATION_URN}`,
      ]);
      expect(messageOf(result, "analyzeStack", "backup-cross-region-copy", EFS_REPLICATION_URN)).toBe(
        'EFS replication "files-replication" of FileSystem "files" copies the data only within the same region (eu-west-3). Copies: ' +
          'replica → the replica file system of "files-replication" in eu-west-3 (region of destination.availabilityZoneName), availability zone eu-west-3a (EFS One Zone replica), ' +
          'the region of FileSystem "files". ' +
          NATIVE_CROSS_REGION,
      );
    });

    // A replica in another zone covers a zone failure; the air-gapped copy in eu-central-1 a regional one.
    it("passes a One Zone file system replicated into another zone of its region when AWS Backup copies it to another region", async () => {
      const result = await preview(efsReplicationDesign({ destination: { availabilityZoneName: "eu-west-3b" } }));
      expect(summary(result)).toEqual([]);
    });

    it("needs the air-gapped backup: EFS replication alone stays in the production account", async () => {
      const result = await preview(efsReplicationDesign({ offlineBackup: false }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${EFS_REPLICATION_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        `EFS replication "files-replication" of FileSystem "files" has no offline copy: all in account 111111111111. Copies: ` +
          'replica → the replica file system of "files-replication" in account 111111111111 (default provider default_7_48_0 allowedAccountIds), ' +
          'which is also the account of source FileSystem "files" (default provider default_7_48_0 allowedAccountIds). ' +
          NATIVE_OFFLINE,
      );
    });
  });

  describe("deprecated S3 token family (BucketV2, BucketVersioningV2, BucketObjectLockConfigurationV2)", () => {
    it("blocks a same-region replica and a GOVERNANCE lock like the current tokens", async () => {
      const v2 = (name: string) => S3_REPLICA_URN.replace("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2").replace("::replica", `::${name}`);
      expect(summary(await preview(s3ReplicationDesign({ legacyTokens: true, destinationRegion: "same" })))).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${S3_REPLICATION_URN}`,
      ]);
      expect(summary(await preview(s3ReplicationDesign({ legacyTokens: true, lock: "governance" })))).toEqual([
        `analyzeStack mandatory backup-immutable ${S3_REPLICA_LOCK_URN.replace("bucketObjectLockConfiguration:BucketObjectLockConfiguration", "bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2")}`,
      ]);
      expect(summary(await preview(s3ReplicationDesign({ legacyTokens: true, lock: "none" })))).toEqual([`analyzeStack mandatory backup-immutable ${v2("replica")}`]);
    });
  });

  describe("EBS snapshot copies", () => {
    it("blocks a copy made in the source's region and account, where no Recycle Bin rule keeps it", async () => {
      expect(summary(await preview(ebsSnapshotCopyDesign({ copyProvider: "default", recycleBin: "none" })))).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${EBS_COPY_URN}`,
        `analyzeStack mandatory backup-immutable ${EBS_COPY_URN}`,
        `analyzeStack mandatory backup-offline-copy ${EBS_COPY_URN}`,
      ]);
    });

    it("blocks a copy kept by an unlocked Recycle Bin rule, on the rule", async () => {
      expect(summary(await preview(ebsSnapshotCopyDesign({ recycleBin: "unlocked" })))).toEqual([
        `analyzeStack mandatory backup-immutable ${EBS_COPY_URN.replace("ebs/snapshotCopy:SnapshotCopy::data-copy", "rbin/rule:Rule::copy-bin")}`,
      ]);
    });
  });

  describe("FSx single-AZ file systems", () => {
    it("blocks one without automatic backups, locating its zone (eu-west-3a) through its subnet", async () => {
      const result = await preview(fsxSingleAzDesign({ automaticBackupRetentionDays: 0 }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-zone-separation ${FSX_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        'WindowsFileSystem "shares" has no backup or copy outside zone eu-west-3a. It keeps its data in availability zone eu-west-3a (FSx SINGLE_AZ_2 deployment), and nothing in this stack backs it up or copies it. ' +
          "The loss of that zone destroys the data and every copy. Keep at least one backup or copy outside the primary's availability zone: back it up with AWS Backup (vaults span the zones of their region), turn on the service's automatic backups, or replicate into another zone or region.",
      );
    });
  });

  describe("DLM", () => {
    it("blocks a cross-region copy rule targeting the policy's own region", async () => {
      const result = await preview(dlmDesign({ copyTarget: "eu-west-3" }));
      // Alone, the policy cannot show that no other route copies its volumes out of the region: AnalyzeStack decides.
      expect(summary(result)).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${DLM_POLICY_URN}`,
        // The locked Recycle Bin rule is in eu-central-1: nothing locks the copies made in eu-west-3.
        `analyzeStack mandatory backup-immutable ${DLM_POLICY_URN}`,
      ]);
      const crossRegion =
        'schedule "daily" of lifecycle policy "snapshots" copies the data only within the same region (eu-west-3). Copies: ' +
        "cross-region copy crossRegionCopyRules[0] → the DLM copy destination eu-west-3 (policyDetails.schedules[0].crossRegionCopyRules[0]) in eu-west-3 " +
        '(policyDetails.schedules[0].crossRegionCopyRules[0].target), the region of the snapshots of schedule "daily"; ' +
        "share with account 222222222222 → snapshots shared with account 222222222222 in eu-west-3 (default provider default_7_48_0, stack config aws:region), " +
        'the region of the snapshots of schedule "daily". ' +
        NATIVE_CROSS_REGION;
      expect(messageOf(result, "analyzeStack", "backup-cross-region-copy", DLM_POLICY_URN)).toBe(crossRegion);
      expect(messageOf(result, "analyzeStack", "backup-immutable", DLM_POLICY_URN)).toMatch(
        /^The DLM copy destination eu-west-3 is not immutable, yet it holds recovery points of schedule "daily" of lifecycle policy "snapshots"\. In full: the DLM copy destination eu-west-3 \(policyDetails\.schedules\[0\]\.crossRegionCopyRules\[0\]\)\. Not locked: no Recycle Bin rule with a lock \(aws\.rbin\.Rule, resourceType EBS_SNAPSHOT\) retains deleted snapshots in eu-west-3, /,
      );
    });

    it("blocks a share with the backup account that no policy of that account copies: the shared snapshots stay the production account's", async () => {
      const result = await preview(dlmDesign({ backupAccountCopies: false }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${DLM_POLICY_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-offline-copy", DLM_POLICY_URN)).toBe(
        'schedule "daily" of lifecycle policy "snapshots" has no offline copy: all in account 111111111111. Copies: ' +
          "cross-region copy crossRegionCopyRules[0] → the DLM copy destination eu-central-1 (policyDetails.schedules[0].crossRegionCopyRules[0]) in account 111111111111 (default provider default_7_48_0 allowedAccountIds), " +
          'which is also the account of source the snapshots of schedule "daily" (default provider default_7_48_0 allowedAccountIds); ' +
          "share with account 222222222222 → snapshots shared with account 222222222222 in account 111111111111 (a shared snapshot stays owned by the sharing account, which can delete it for everyone: default provider default_7_48_0 allowedAccountIds), " +
          'which is also the account of source the snapshots of schedule "daily" (default provider default_7_48_0 allowedAccountIds). ' +
          NATIVE_OFFLINE,
      );
    });
  });

  describe("RDS automated-backup replication", () => {
    it("blocks a replication created in the source instance's region", async () => {
      const result = await preview(rdsDesign({ replicationProvider: "default", offlineBackup: false }));
      expect(summary(result)).toEqual([
        `analyzeStack mandatory backup-cross-region-copy ${RDS_REPLICATION_URN}`,
        `analyzeStack mandatory backup-offline-copy ${RDS_REPLICATION_URN}`,
      ]);
      expect(result.diagnostics[0].message).toBe(
        'automated-backup replication "db-backups-dr" of Instance "db" copies the data only within the same region (eu-west-3). Copies: ' +
          'replicated automated backups → automated-backup replica "db-backups-dr" in eu-west-3 (default provider default_7_48_0, stack config aws:region), the region of Instance "db". ' +
          NATIVE_CROSS_REGION,
      );
    });

    it("accepts a same-region replication when AWS Backup copies the database to another region and account", async () => {
      expect(summary(await preview(rdsDesign({ replicationProvider: "default" })))).toEqual([]);
    });

    it("needs the air-gapped backup: automated-backup replication stays in the production account", async () => {
      const result = await preview(rdsDesign({ offlineBackup: false }));
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-offline-copy ${RDS_REPLICATION_URN}`]);
      expect(result.diagnostics[0].message).toBe(
        `automated-backup replication "db-backups-dr" of Instance "db" has no offline copy: all in account 111111111111. Copies: ` +
          'replicated automated backups → automated-backup replica "db-backups-dr" in account 111111111111 (provider dr-region allowedAccountIds), ' +
          'which is also the account of source Instance "db" (default provider default_7_48_0 allowedAccountIds). ' +
          NATIVE_OFFLINE,
      );
    });
  });

  describe("in an update (no preview: ARNs and ids are known)", () => {
    it.each(passingDesigns)("raises no diagnostic for %s", async (_name, program) => {
      const result = await update(program);
      expect(summary(result)).toEqual([]);
      expect(result.analyzeStackRan).toBe(true);
    });

    it("blocks S3 replication into the primary's region, now that the destination ARN is known", async () => {
      const result = await update(s3ReplicationDesign({ destinationRegion: "same" }));
      const rules = stackProperties(result, S3_REPLICATION_URN)["rules"] as Array<{ destination: { bucket: unknown } }>;
      expect(rules[0].destination.bucket).toBe("arn:aws:s3:::prod-data-replica");
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${S3_REPLICATION_URN}`]);
    });

    it.each([
      ["a DLM copy rule targeting its own region", dlmDesign({ copyTarget: "eu-west-3" }), DLM_POLICY_URN, "backup-immutable"],
      ["an RDS replication in the source's region (source ARN known)", rdsDesign({ replicationProvider: "default", offlineBackup: false }), RDS_REPLICATION_URN, "backup-offline-copy"],
    ])("blocks %s in AnalyzeStack (alone, a native copy cannot show that no other copy leaves the region)", async (_name, program, urn, other) => {
      const result = await update(program);
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-cross-region-copy ${urn}`, `analyzeStack mandatory ${other} ${urn}`]);
      expect(result.analyzeStackRan).toBe(true);
    });
  });
  describe("S3 replication of a bucket encrypted with SSE-KMS (objects S3 replicates only when the rule asks)", () => {
    const withCoverage = { policyConfig: { ...PLACEMENT_POLICIES_ONLY, "backup-coverage": "mandatory" as const } };

    it("passes the protected bucket when its rule replicates SSE-KMS objects with a replica key of the backup account", async () => {
      expect(summary(await preview(s3ReplicationDesign({ protectedSource: true, sourceKms: "replicated" }), withCoverage))).toEqual([]);
    });

    it("blocks it when the rule leaves SSE-KMS objects out: the replica holds none of the bucket's new objects", async () => {
      const result = await preview(s3ReplicationDesign({ protectedSource: true, sourceKms: "left-out" }), withCoverage);
      expect(summary(result)).toEqual([`analyzeStack mandatory backup-coverage ${S3_SOURCE_URN}`]);
      expect(messageOf(result, "analyzeStack", "backup-coverage", S3_SOURCE_URN)).toContain(
          'it leaves out the objects encrypted with SSE-KMS, and bucket "source" encrypts new objects with SSE-KMS by default (KMS Key "source-key"',
      );
    });
  });
});
