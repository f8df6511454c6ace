import fc from "fast-check";
import { AWS_TYPES, S3_BUCKET_TYPES } from "../../policies/aws/type-tokens";
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { JsonObject, JsonValue, isJsonObject } from "../../policies/core/json";
import { PlannedProvider, PlannedResource, PlannedStack } from "../../policies/core/planned-stack";
import { isUnknown } from "../../policies/core/unknowns";
import { RULES } from "../../policies/rules";
import { expectEveryPolicyRunsCleanly } from "../support/policy-runtime";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

/** Fixed so that CI is deterministic; set FC_SEED to explore other designs locally. */
const SEED = process.env["FC_SEED"] ? Number(process.env["FC_SEED"]) : 20261123;

const PROD = "111111111111";
const BACKUP = "222222222222";
const REGIONS = ["eu-west-3", "eu-central-1", "us-west-2"] as const;
type Region = (typeof REGIONS)[number];
/** The typed sentinels the engine sends for unknown numbers and booleans (strings use UNKNOWN). */
const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

/** An explicit provider; index -1 everywhere below is the default provider (eu-west-3, account PROD). */
interface ProviderSpec {
  readonly region: Region | null;
  readonly account: string | null;
}
interface ReplicaSpec {
  readonly provider: number;
  readonly lock: "none" | "GOVERNANCE" | "COMPLIANCE";
  readonly days: number;
  readonly inlineLock: boolean;
  readonly oneZoneLifecycle: boolean;
}
interface S3RuleSpec {
  /** Index of a replica of the same design, or -1: a literal ARN of a bucket outside the stack. */
  readonly to: number;
  /** An in-stack destination written as a literal ARN (else unknown, explained by propertyDependencies). */
  readonly literal: boolean;
  readonly status: "Enabled" | "Disabled";
  readonly storageClass: "ONEZONE_IA" | "STANDARD_IA" | null;
  readonly account: string | null;
}
interface S3Spec {
  readonly style: "standalone" | "inline-bucket" | "inline-bucketV2";
  readonly sourceProvider: number;
  /** A standalone configuration names its source bucket literally (else through propertyDependencies). */
  readonly sourceLiteral: boolean;
  readonly replicas: readonly ReplicaSpec[];
  readonly rules: readonly S3RuleSpec[];
}
interface EfsSpec {
  readonly provider: number;
  readonly oneZone: boolean;
  readonly dest: "none" | "region" | "zone" | "region-zone" | "fs";
  readonly destRegion: Region;
  readonly destZone: "a" | "b";
  readonly destProvider: number;
}
interface VolumeSpec {
  readonly provider: number;
  readonly zone: "a" | "b";
  readonly tagged: boolean;
}
interface DlmSpec {
  readonly provider: number;
  readonly disabled: boolean;
  readonly schedules: ReadonlyArray<{ readonly targets: readonly Region[]; readonly share: readonly string[] }>;
}
interface EbsCopySpec {
  readonly volume: number;
  readonly provider: number;
  readonly sourceRegion: boolean;
  readonly tag: "none" | "dr" | "skip";
}
interface RbinSpec {
  readonly provider: number;
  readonly locked: boolean;
  readonly filter: "none" | "include-dr" | "exclude-skip";
  readonly resourceType: "EBS_SNAPSHOT" | "EC2_IMAGE";
}
interface RdsSpec {
  readonly provider: number;
  readonly multiAz: boolean | null;
  readonly zone: boolean;
  readonly retention: 0 | 7;
  readonly replication: null | { readonly provider: number; readonly region: Region | null; readonly retention: number | null };
}
interface SelectionSpec {
  readonly provider: number;
  /** Indices (modulo) into the design's primaries, selected by reference. */
  readonly covers: readonly number[];
  readonly byTag: boolean;
}
interface NativeSpec {
  readonly providers: readonly ProviderSpec[];
  readonly s3: readonly S3Spec[];
  readonly efs: readonly EfsSpec[];
  readonly volumes: readonly VolumeSpec[];
  readonly dlm: readonly DlmSpec[];
  readonly ebsCopies: readonly EbsCopySpec[];
  readonly rbin: readonly RbinSpec[];
  readonly rds: readonly RdsSpec[];
  /** "dr": a plan copying into a compliance-locked vault of the backup account in eu-central-1; "local": no copy. */
  readonly plan: "none" | "local" | "dr";
  readonly selections: readonly SelectionSpec[];
}

const regionArb = fc.constantFrom<Region>(...REGIONS);
const accountArb = fc.constantFrom<string | null>(PROD, BACKUP, null);

const nativeArb: fc.Arbitrary<NativeSpec> = fc
  .array(fc.record({ region: fc.constantFrom<Region | null>(...REGIONS, null), account: accountArb }), { minLength: 1, maxLength: 3 })
  .chain((providers) => {
    const provider = fc.integer({ min: -1, max: providers.length - 1 });
    const replica = fc.record({
      provider,
      lock: fc.constantFrom<ReplicaSpec["lock"]>("none", "GOVERNANCE", "COMPLIANCE"),
      days: fc.constantFrom(3, 30),
      inlineLock: fc.boolean(),
      oneZoneLifecycle: fc.boolean(),
    });
    const s3 = fc.array(replica, { minLength: 1, maxLength: 2 }).chain((replicas) =>
      fc.record({
        style: fc.constantFrom<S3Spec["style"]>("standalone", "inline-bucket", "inline-bucketV2"),
        sourceProvider: provider,
        sourceLiteral: fc.boolean(),
        replicas: fc.constant(replicas),
        rules: fc.array(
          fc.record({
            to: fc.integer({ min: -1, max: replicas.length - 1 }),
            literal: fc.boolean(),
            status: fc.constantFrom<S3RuleSpec["status"]>("Enabled", "Enabled", "Disabled"),
            storageClass: fc.constantFrom<S3RuleSpec["storageClass"]>("ONEZONE_IA", "STANDARD_IA", null),
            account: accountArb,
          }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
    );
    const efs = fc.record({
      provider,
      oneZone: fc.boolean(),
      dest: fc.constantFrom<EfsSpec["dest"]>("none", "region", "zone", "region-zone", "fs"),
      destRegion: regionArb,
      destZone: fc.constantFrom<"a" | "b">("a", "b"),
      destProvider: provider,
    });
    const volume = fc.record({ provider, zone: fc.constantFrom<"a" | "b">("a", "b"), tagged: fc.boolean() });
    const dlm = fc.record({
      provider,
      disabled: fc.boolean(),
      schedules: fc.array(
        fc.record({ targets: fc.array(regionArb, { maxLength: 2 }), share: fc.array(fc.constantFrom(PROD, BACKUP), { maxLength: 1 }) }),
        { minLength: 1, maxLength: 2 },
      ),
    });
    const ebsCopy = fc.record({ volume: fc.nat(), provider, sourceRegion: fc.boolean(), tag: fc.constantFrom<EbsCopySpec["tag"]>("none", "dr", "skip") });
    const rbin = fc.record({
      provider,
      locked: fc.boolean(),
      filter: fc.constantFrom<RbinSpec["filter"]>("none", "include-dr", "exclude-skip"),
      resourceType: fc.constantFrom<RbinSpec["resourceType"]>("EBS_SNAPSHOT", "EBS_SNAPSHOT", "EC2_IMAGE"),
    });
    const rds = fc.record({
      provider,
      multiAz: fc.constantFrom<boolean | null>(true, false, null),
      zone: fc.boolean(),
      retention: fc.constantFrom<0 | 7>(0, 7),
      replication: fc.option(fc.record({ provider, region: fc.constantFrom<Region | null>(...REGIONS, null), retention: fc.constantFrom<number | null>(null, 14) }), {
        nil: null,
      }),
    });
    return fc.record({
      providers: fc.constant(providers),
      s3: fc.array(s3, { maxLength: 2 }),
      efs: fc.array(efs, { maxLength: 2 }),
      volumes: fc.array(volume, { maxLength: 2 }),
      dlm: fc.array(dlm, { maxLength: 1 }),
      ebsCopies: fc.array(ebsCopy, { maxLength: 2 }),
      rbin: fc.array(rbin, { maxLength: 2 }),
      rds: fc.array(rds, { maxLength: 2 }),
      plan: fc.constantFrom<NativeSpec["plan"]>("none", "local", "dr"),
      selections: fc.array(fc.record({ provider, covers: fc.array(fc.nat(), { maxLength: 2 }), byTag: fc.boolean() }), { maxLength: 2 }),
    });
  });

const ROLE = `arn:aws:iam::${PROD}:role/replication`;
const LOCKED_DELAY: JsonObject = { unlockDelay: { unlockDelayValue: 7, unlockDelayUnit: "DAYS" } };

/** Builds the planned stack (AnalyzeStack outputs) of a native design, the way the engine shapes it. */
function build(spec: NativeSpec): PlannedStack {
  const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
  const providers = spec.providers.map((p, i) => {
    const props: JsonObject = {};
    if (p.region) props["region"] = p.region;
    if (p.account) props["assumeRoles"] = [{ roleArn: `arn:aws:iam::${p.account}:role/r` }];
    return b.provider(`p${i}`, props);
  });
  const providerOf = (i: number): PlannedProvider | undefined => (i < 0 ? undefined : providers[i]);
  const regionOf = (i: number): Region | null => (i < 0 ? "eu-west-3" : spec.providers[i].region);
  const zoneOf = (i: number, suffix: string): string => `${regionOf(i) ?? "eu-west-3"}${suffix}`;
  /** Resources an AWS Backup selection may select. */
  const primaries: PlannedResource[] = [];
  // An unrelated resource that values may be computed from (the backup role).
  b.add("aws:iam/role:Role", "backup-role", { name: "backup-role", assumeRolePolicy: "{}" });

  spec.s3.forEach((s, k) => {
    const bucketType = s.style === "inline-bucketV2" ? AWS_TYPES.s3BucketV2 : AWS_TYPES.s3Bucket;
    const replicas = s.replicas.map((r, j) => {
      const props: JsonObject = { bucket: `s${k}-rep${j}` };
      if (r.lock !== "none") props["objectLockEnabled"] = true;
      if (r.lock !== "none" && r.inlineLock) {
        props["objectLockConfiguration"] =
          s.style === "inline-bucketV2"
            ? { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [{ mode: r.lock, days: r.days }] }] }
            : { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: r.lock, days: r.days } } };
      }
      const replica = b.add(bucketType, `s${k}-rep${j}`, props, { provider: providerOf(r.provider) });
      if (r.lock !== "none" && !r.inlineLock) {
        b.add(AWS_TYPES.s3ObjectLock, `s${k}-rep${j}-lock`, { bucket: UNKNOWN, rule: { defaultRetention: { mode: r.lock, days: r.days } } }, {
          provider: providerOf(r.provider),
          propertyDependencies: { bucket: [replica] },
        });
      }
      if (r.oneZoneLifecycle) {
        b.add(
          AWS_TYPES.s3Lifecycle,
          `s${k}-rep${j}-lifecycle`,
          { bucket: UNKNOWN, rules: [{ id: "cold", status: "Enabled", transitions: [{ days: 30, storageClass: "ONEZONE_IA" }] }] },
          { provider: providerOf(r.provider), propertyDependencies: { bucket: [replica] } },
        );
      }
      return replica;
    });
    const deps = new Set<PlannedResource>();
    const rules = s.rules.map((rule, n): JsonObject => {
      const destination: JsonObject = {};
      if (rule.to < 0) destination["bucket"] = `arn:aws:s3:::external-${k}`;
      else if (rule.literal) destination["bucket"] = `arn:aws:s3:::s${k}-rep${rule.to}`;
      else {
        destination["bucket"] = UNKNOWN;
        deps.add(replicas[rule.to]);
      }
      if (rule.storageClass) destination["storageClass"] = rule.storageClass;
      if (rule.account) destination["account"] = rule.account;
      return s.style === "inline-bucketV2"
        ? { id: `r${n}`, status: rule.status, destinations: [destination] }
        : { id: `r${n}`, status: rule.status, destination };
    });
    const ruleDeps = deps.size > 0 ? [...deps] : undefined;
    const sourceOptions = { provider: providerOf(s.sourceProvider) };
    if (s.style === "inline-bucket") {
      primaries.push(
        b.add(bucketType, `s${k}-src`, { bucket: `s${k}-src`, replicationConfiguration: { role: ROLE, rules } }, {
          ...sourceOptions,
          propertyDependencies: ruleDeps ? { replicationConfiguration: ruleDeps } : {},
        }),
      );
      return;
    }
    if (s.style === "inline-bucketV2") {
      primaries.push(
        b.add(bucketType, `s${k}-src`, { bucket: `s${k}-src`, replicationConfigurations: [{ role: ROLE, rules }] }, {
          ...sourceOptions,
          propertyDependencies: ruleDeps ? { replicationConfigurations: ruleDeps } : {},
        }),
      );
      return;
    }
    const source = b.add(bucketType, `s${k}-src`, { bucket: `s${k}-src` }, sourceOptions);
    primaries.push(source);
    const dependencies: Record<string, PlannedResource[]> = s.sourceLiteral ? {} : { bucket: [source] };
    if (ruleDeps) dependencies["rules"] = ruleDeps;
    // A replication configuration is created in its source bucket's region, through the same provider.
    b.add(AWS_TYPES.s3ReplicationConfig, `s${k}-replication`, { bucket: s.sourceLiteral ? `s${k}-src` : UNKNOWN, role: ROLE, rules }, { ...sourceOptions, propertyDependencies: dependencies });
  });

  spec.efs.forEach((e, k) => {
    const fsProps: JsonObject = { creationToken: `efs-${k}`, tags: { backup: "yes" } };
    if (e.oneZone) fsProps["availabilityZoneName"] = zoneOf(e.provider, "a");
    const fs = b.add(AWS_TYPES.efsFileSystem, `efs${k}`, fsProps, { provider: providerOf(e.provider) });
    primaries.push(fs);
    const sourceRegion = regionOf(e.provider) ?? "eu-west-3";
    const deps: Record<string, PlannedResource[]> = { sourceFileSystemId: [fs] };
    let destination: JsonObject;
    switch (e.dest) {
      case "none":
        destination = {};
        break;
      case "region":
        destination = { region: e.destRegion };
        break;
      case "zone":
        destination = { availabilityZoneName: `${sourceRegion}${e.destZone}` };
        break;
      case "region-zone":
        destination = { region: e.destRegion, availabilityZoneName: `${e.destRegion}${e.destZone}` };
        break;
      case "fs": {
        const replica = b.add(AWS_TYPES.efsFileSystem, `efs${k}-replica`, { creationToken: `efs-${k}-replica` }, { provider: providerOf(e.destProvider) });
        deps["destination"] = [replica];
        destination = { fileSystemId: UNKNOWN };
        break;
      }
    }
    b.add(AWS_TYPES.efsReplication, `efs${k}-replication`, { sourceFileSystemId: UNKNOWN, destination }, { provider: providerOf(e.provider), propertyDependencies: deps });
  });

  const volumes = spec.volumes.map((v, k) => {
    const volume = b.add(
      AWS_TYPES.ebsVolume,
      `vol${k}`,
      { availabilityZone: zoneOf(v.provider, v.zone), size: 10, tags: v.tagged ? { backup: "yes" } : { team: "data" } },
      { provider: providerOf(v.provider) },
    );
    primaries.push(volume);
    return volume;
  });

  spec.dlm.forEach((d, k) => {
    const schedules = d.schedules.map((s, i) => {
      const schedule: JsonObject = {
        name: `s${i}`,
        createRule: { interval: 24 },
        retainRule: { count: 7 },
        crossRegionCopyRules: s.targets.map((target) => ({ target, encrypted: true, retainRule: { interval: 7, intervalUnit: "DAYS" } })),
      };
      if (s.share.length > 0) schedule["shareRule"] = { targetAccounts: [...s.share] };
      return schedule;
    });
    const props: JsonObject = {
      description: "daily",
      executionRoleArn: `arn:aws:iam::${PROD}:role/dlm`,
      policyDetails: { resourceTypes: ["VOLUME"], targetTags: { backup: "yes" }, schedules },
    };
    if (d.disabled) props["state"] = "DISABLED";
    b.add(AWS_TYPES.dlmLifecyclePolicy, `dlm${k}`, props, { provider: providerOf(d.provider) });
  });

  spec.ebsCopies.forEach((c, k) => {
    if (volumes.length === 0) return;
    const v = c.volume % volumes.length;
    const volumeProvider = spec.volumes[v].provider;
    const snapshot = b.add(AWS_TYPES.ebsSnapshot, `snap${k}`, { volumeId: UNKNOWN }, { provider: providerOf(volumeProvider), propertyDependencies: { volumeId: [volumes[v]] } });
    const props: JsonObject = { sourceSnapshotId: UNKNOWN };
    const sourceRegion = regionOf(volumeProvider);
    if (c.sourceRegion && sourceRegion) props["sourceRegion"] = sourceRegion;
    if (c.tag !== "none") props["tags"] = { backup: c.tag };
    b.add(AWS_TYPES.ebsSnapshotCopy, `copy${k}`, props, { provider: providerOf(c.provider), propertyDependencies: { sourceSnapshotId: [snapshot] } });
  });

  spec.rbin.forEach((r, k) => {
    const props: JsonObject = { resourceType: r.resourceType, retentionPeriod: { retentionPeriodValue: 14, retentionPeriodUnit: "DAYS" } };
    if (r.locked) props["lockConfiguration"] = structuredClone(LOCKED_DELAY);
    if (r.filter === "include-dr") props["resourceTags"] = [{ resourceTagKey: "backup", resourceTagValue: "dr" }];
    if (r.filter === "exclude-skip") props["excludeResourceTags"] = [{ resourceTagKey: "backup", resourceTagValue: "skip" }];
    b.add(AWS_TYPES.rbinRule, `rbin${k}`, props, { provider: providerOf(r.provider) });
  });

  spec.rds.forEach((r, k) => {
    const props: JsonObject = { identifier: `db${k}`, engine: "postgres", backupRetentionPeriod: r.retention, tags: { backup: "yes" } };
    if (r.multiAz !== null) props["multiAz"] = r.multiAz;
    if (r.zone && r.multiAz !== true) props["availabilityZone"] = zoneOf(r.provider, "a");
    const db = b.add(AWS_TYPES.rdsInstance, `db${k}`, props, { provider: providerOf(r.provider) });
    primaries.push(db);
    if (r.replication) {
      const replication: JsonObject = { sourceDbInstanceArn: UNKNOWN };
      if (r.replication.region) replication["region"] = r.replication.region;
      if (r.replication.retention !== null) replication["retentionPeriod"] = r.replication.retention;
      b.add(AWS_TYPES.rdsAutomatedBackupsReplication, `db${k}-replication`, replication, {
        provider: providerOf(r.replication.provider),
        propertyDependencies: { sourceDbInstanceArn: [db] },
      });
    }
  });

  let plan: PlannedResource | undefined;
  if (spec.plan !== "none") {
    const vault = b.add(AWS_TYPES.backupVault, "bv", { name: "bv" });
    b.add(AWS_TYPES.backupVaultLockConfiguration, "bv-lock", { backupVaultName: "bv", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 }, {
      propertyDependencies: { backupVaultName: [vault] },
    });
    const rule: JsonObject = { ruleName: "daily", targetVaultName: "bv", lifecycle: { deleteAfter: 35 } };
    let deps: PlannedResource[] = [];
    if (spec.plan === "dr") {
      const dr = b.provider("backup-dr", { region: "eu-central-1", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP}:role/backup` }] });
      const drVault = b.add(AWS_TYPES.backupVault, "bv-dr", { name: "bv-dr" }, { provider: dr });
      b.add(AWS_TYPES.backupVaultLockConfiguration, "bv-dr-lock", { backupVaultName: "bv-dr", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 }, {
        provider: dr,
        propertyDependencies: { backupVaultName: [drVault] },
      });
      rule["copyActions"] = [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 35 } }];
      deps = [drVault];
    }
    plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules: [rule] }, { propertyDependencies: deps.length > 0 ? { rules: deps } : {} });
  }
  spec.selections.forEach((s, k) => {
    const covered = primaries.length === 0 ? [] : [...new Set(s.covers.map((i) => primaries[i % primaries.length]))];
    const props: JsonObject = { name: `sel${k}`, iamRoleArn: `arn:aws:iam::${PROD}:role/backup`, planId: plan ? UNKNOWN : "plan-outside", resources: covered.map(() => UNKNOWN) };
    if (s.byTag) props["selectionTags"] = [{ type: "STRINGEQUALS", key: "backup", value: "yes" }];
    const deps: Record<string, PlannedResource[]> = {};
    if (plan) deps["planId"] = [plan];
    if (covered.length > 0) deps["resources"] = covered;
    b.add(AWS_TYPES.backupSelection, `sel${k}`, props, { provider: providerOf(s.provider), propertyDependencies: deps });
  });
  return b.stack();
}

/** Every rule's findings as comparable strings; an internal error fails the property. */
function evaluateAll(stack: PlannedStack): string[][] {
  const model = buildAwsProtectionModel(stack);
  return RULES.map((rule) => {
    const evaluation = rule.evaluate(model, {});
    if (evaluation.internalError) throw new Error(`${rule.meta.id}: ${evaluation.internalError}`);
    return evaluation.findings.map((f) => `${f.outcome}|${f.code}|${f.urn}|${f.subject}|${f.message}`);
  });
}

type Path = Array<string | number>;

/** Every known scalar under `value`, as a path. */
function knownLeaves(value: JsonValue, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => knownLeaves(v, [...path, i]));
  if (isJsonObject(value)) return Object.keys(value).flatMap((k) => knownLeaves(value[k], [...path, k]));
  return value === null || isUnknown(value) ? [] : [path];
}

/** AWS Backup plans, vaults and locks are covered by fail-closed.test.ts; everything else is perturbed here. */
const NOT_PERTURBED: ReadonlySet<string> = new Set([AWS_TYPES.backupPlan, AWS_TYPES.backupVault, AWS_TYPES.backupVaultLockConfiguration]);

/** Types nobody selects for backup or names as a replication source or destination. */
const INERT_TYPES: ReadonlySet<string> = new Set([
  "aws:iam/role:Role",
  AWS_TYPES.backupPlan,
  AWS_TYPES.backupVaultLockConfiguration,
  AWS_TYPES.backupSelection,
  AWS_TYPES.rbinRule,
  AWS_TYPES.dlmLifecyclePolicy,
  AWS_TYPES.s3ObjectLock,
  AWS_TYPES.s3Lifecycle,
  AWS_TYPES.s3ReplicationConfig,
  AWS_TYPES.efsReplication,
  AWS_TYPES.rdsAutomatedBackupsReplication,
]);

/**
 * May `top` of a resource of type `type` name a resource of type `candidate`? A value computed from such
 * a resource is a reference the model resolves (a destination bucket computed from that bucket), not a
 * value hidden by preview, so the perturbation never points there.
 */
function mayName(type: string, top: string, candidate: string): boolean {
  if (candidate === AWS_TYPES.ec2Subnet) return true; // zones computed from subnets
  if (type === AWS_TYPES.backupSelection && (top === "resources" || top === "notResources")) return !INERT_TYPES.has(candidate);
  const referents: Record<string, Record<string, readonly string[]>> = {
    [AWS_TYPES.s3ReplicationConfig]: { bucket: S3_BUCKET_TYPES, rules: S3_BUCKET_TYPES },
    [AWS_TYPES.s3Bucket]: { replicationConfiguration: S3_BUCKET_TYPES, replicationConfigurations: S3_BUCKET_TYPES },
    [AWS_TYPES.s3BucketV2]: { replicationConfiguration: S3_BUCKET_TYPES, replicationConfigurations: S3_BUCKET_TYPES },
    [AWS_TYPES.s3ObjectLock]: { bucket: S3_BUCKET_TYPES },
    [AWS_TYPES.s3Lifecycle]: { bucket: S3_BUCKET_TYPES },
    [AWS_TYPES.efsReplication]: { sourceFileSystemId: [AWS_TYPES.efsFileSystem], destination: [AWS_TYPES.efsFileSystem] },
    [AWS_TYPES.ebsSnapshotCopy]: { sourceSnapshotId: [AWS_TYPES.ebsSnapshot] },
    [AWS_TYPES.ebsSnapshot]: { volumeId: [AWS_TYPES.ebsVolume] },
    [AWS_TYPES.rdsAutomatedBackupsReplication]: { sourceDbInstanceArn: [AWS_TYPES.rdsInstance] },
    [AWS_TYPES.backupSelection]: { planId: [AWS_TYPES.backupPlan] },
  };
  return referents[type]?.[top]?.includes(candidate) ?? false;
}

/** A leaf that preview leaves unknown: which resource, where, and what the value is computed from. */
interface Perturbation {
  readonly urn: string;
  readonly path: Path;
  readonly computedFrom: string;
}

/** The perturbations of a stack, in a stable order. */
function perturbations(stack: PlannedStack): Perturbation[] {
  const out: Perturbation[] = [];
  for (const resource of stack.resources) {
    if (NOT_PERTURBED.has(resource.type)) continue;
    for (const path of knownLeaves(resource.props)) {
      const top = path[0] as string;
      for (const other of stack.resources) {
        if (other !== resource && !mayName(resource.type, top, other.type)) out.push({ urn: resource.urn, path, computedFrom: other.urn });
      }
    }
  }
  return out;
}

/** The stack with the leaf replaced by the sentinel of its kind and its top-level property computed from another resource. */
function withUnknown(stack: PlannedStack, p: Perturbation): PlannedStack {
  const resources = stack.resources.map((r) => {
    if (r.urn !== p.urn) return r;
    const props = structuredClone(r.props) as JsonObject;
    let cursor: JsonValue = props;
    for (const part of p.path.slice(0, -1)) cursor = (cursor as Record<string | number, JsonValue>)[part];
    const last = p.path[p.path.length - 1];
    const old = (cursor as Record<string | number, JsonValue>)[last];
    (cursor as Record<string | number, JsonValue>)[last] = typeof old === "number" ? UNKNOWN_NUMBER : typeof old === "boolean" ? UNKNOWN_BOOL : UNKNOWN;
    const top = p.path[0] as string;
    const deps = [...(r.propertyDependencies[top] ?? [])];
    if (!deps.includes(p.computedFrom)) deps.push(p.computedFrom);
    return {
      ...r,
      props,
      propertyDependencies: { ...r.propertyDependencies, [top]: deps },
      dependencies: r.dependencies.includes(p.computedFrom) ? r.dependencies : [...r.dependencies, p.computedFrom],
    };
  });
  return { ...stack, resources };
}

/** The index (for the property's `pick`) of the perturbation of `path` in resource `name`, computed from the backup role. */
function pickOf(spec: NativeSpec, name: string, path: string): number {
  const list = perturbations(build(spec));
  const index = list.findIndex((p) => p.urn.endsWith(`::${name}`) && p.path.join(".") === path && p.computedFrom.endsWith("::backup-role"));
  if (index < 0) throw new Error(`no perturbation of ${name} ${path}`);
  return index;
}

const NOTHING: Omit<NativeSpec, "providers"> = { s3: [], efs: [], volumes: [], dlm: [], ebsCopies: [], rbin: [], rds: [], plan: "none", selections: [] };
/** eu-central-1 through a role in the backup account. */
const DR: ProviderSpec = { region: "eu-central-1", account: BACKUP };
const NO_REGION: ProviderSpec = { region: null, account: null };
const LOCKED_REPLICA = (provider: number): ReplicaSpec => ({ provider, lock: "COMPLIANCE", days: 30, inlineLock: false, oneZoneLifecycle: false });
const rule = (to: number, extra: Partial<S3RuleSpec> = {}): S3RuleSpec => ({ to, literal: false, status: "Enabled", storageClass: null, account: null, ...extra });
const s3 = (replicas: ReplicaSpec[], rules: S3RuleSpec[]): S3Spec => ({ style: "standalone", sourceProvider: -1, sourceLiteral: false, replicas, rules });

/** A counterexample found by random runs, minimised by hand. */
interface Counterexample {
  readonly label: string;
  /** The rules whose findings all disappear. */
  readonly loses: string;
  readonly spec: NativeSpec;
  /** The resource whose leaf becomes unknown, computed from the backup role. */
  readonly resource: string;
  readonly path: string;
}

const COUNTEREXAMPLES: readonly Counterexample[] = [
  {
    label: "an unknown destination.storageClass of a replication rule is read as not ONEZONE_IA",
    loses: "backup-zone-separation",
    spec: { ...NOTHING, providers: [DR], s3: [s3([LOCKED_REPLICA(0)], [rule(0, { storageClass: "ONEZONE_IA" })])] },
    resource: "s0-replication",
    path: "rules.0.destination.storageClass",
  },
  {
    label: "an unknown storageClass of a lifecycle transition of the replica is read as not ONEZONE_IA",
    loses: "backup-zone-separation",
    spec: { ...NOTHING, providers: [DR], s3: [s3([{ ...LOCKED_REPLICA(0), oneZoneLifecycle: true }], [rule(0)])] },
    resource: "s0-rep0-lifecycle",
    path: "rules.0.transitions.0.storageClass",
  },
  {
    label: "a Disabled replication rule whose status becomes unknown counts as a cross-region, offline copy of the source and excuses the same-region rule r1",
    loses: "backup-cross-region-copy, backup-offline-copy",
    spec: { ...NOTHING, providers: [DR], s3: [s3([LOCKED_REPLICA(0), LOCKED_REPLICA(-1)], [rule(0, { status: "Disabled" }), rule(1, { literal: true })])] },
    resource: "s0-replication",
    path: "rules.0.status",
  },
  {
    label: "a DISABLED DLM policy whose state becomes unknown excuses the volume's same-region, same-account snapshot copy",
    loses: "backup-cross-region-copy, backup-offline-copy",
    spec: {
      ...NOTHING,
      providers: [],
      volumes: [{ provider: -1, zone: "a", tagged: true }],
      dlm: [{ provider: -1, disabled: true, schedules: [{ targets: ["eu-central-1"], share: [BACKUP] }] }],
      ebsCopies: [{ volume: 0, provider: -1, sourceRegion: true, tag: "none" }],
    },
    resource: "dlm0",
    path: "state",
  },
  {
    label: "an unknown tag value of a snapshot copy is compared as a value, so a Recycle Bin rule's excludeResourceTags no longer excludes it",
    loses: "backup-immutable",
    spec: { ...NOTHING, providers: [DR], volumes: [{ provider: -1, zone: "a", tagged: false }], ebsCopies: [{ volume: 0, provider: 0, sourceRegion: true, tag: "skip" }], rbin: [{ provider: 0, locked: true, filter: "exclude-skip", resourceType: "EBS_SNAPSHOT" }] },
    resource: "copy0",
    path: "tags.backup",
  },
  {
    label: "an unknown excludeResourceTags key of a Recycle Bin rule excludes nothing",
    loses: "backup-immutable",
    spec: { ...NOTHING, providers: [DR], volumes: [{ provider: -1, zone: "a", tagged: false }], ebsCopies: [{ volume: 0, provider: 0, sourceRegion: true, tag: "skip" }], rbin: [{ provider: 0, locked: true, filter: "exclude-skip", resourceType: "EBS_SNAPSHOT" }] },
    resource: "rbin0",
    path: "excludeResourceTags.0.resourceTagKey",
  },
  {
    label: "an unknown resourceTags value of a Recycle Bin rule matches any value (a copy tagged backup=skip is retained by a rule for backup=<unknown>)",
    loses: "backup-immutable",
    spec: { ...NOTHING, providers: [DR], volumes: [{ provider: -1, zone: "a", tagged: false }], ebsCopies: [{ volume: 0, provider: 0, sourceRegion: true, tag: "skip" }], rbin: [{ provider: 0, locked: true, filter: "include-dr", resourceType: "EBS_SNAPSHOT" }] },
    resource: "rbin0",
    path: "resourceTags.0.resourceTagValue",
  },
  {
    label: "a volume whose tag becomes unknown drops out of the DLM policy's targets, so the policy's same-account share is excused by vol1's offline copy",
    loses: "backup-offline-copy",
    spec: {
      ...NOTHING,
      providers: [DR],
      volumes: [{ provider: -1, zone: "a", tagged: true }, { provider: -1, zone: "b", tagged: true }],
      dlm: [{ provider: -1, disabled: false, schedules: [{ targets: ["eu-central-1"], share: [PROD] }] }],
      ebsCopies: [{ volume: 1, provider: 0, sourceRegion: true, tag: "none" }],
    },
    resource: "vol0",
    path: "tags.backup",
  },
  {
    label: "an unknown element of a DLM policyDetails.resourceTypes makes the policy target nothing: its copies of the single-zone volume are no longer judged",
    loses: "backup-zone-separation",
    spec: { ...NOTHING, providers: [NO_REGION], volumes: [{ provider: -1, zone: "a", tagged: true }], dlm: [{ provider: 0, disabled: false, schedules: [{ targets: [], share: [PROD] }] }], selections: [{ provider: -1, covers: [], byTag: true }] },
    resource: "dlm0",
    path: "policyDetails.resourceTypes.0",
  },
  {
    label: "a replica bucket whose name becomes unknown no longer matches the rule's literal ARN, which is taken for a bucket outside the stack in destination.account",
    loses: "backup-offline-copy",
    spec: { ...NOTHING, providers: [], s3: [s3([LOCKED_REPLICA(-1)], [rule(0, { literal: true, account: BACKUP })])] },
    resource: "s0-rep0",
    path: "bucket",
  },
  {
    label: "a literal destination that becomes unknown, with rules computed from the backup role and (for the disabled rule r1) bucket rep1, is taken to be rep1: the non-bucket dependency is ignored",
    loses: "backup-cross-region-copy, backup-immutable, backup-offline-copy",
    spec: { ...NOTHING, providers: [DR], s3: [s3([{ ...LOCKED_REPLICA(-1), lock: "none" }, LOCKED_REPLICA(0)], [rule(0, { literal: true }), rule(1, { status: "Disabled" })])] },
    resource: "s0-replication",
    path: "rules.0.destination.bucket",
  },
  {
    label: "an RDS instance whose multiAz becomes unknown is no longer an origin of its replication's zone check",
    loses: "backup-zone-separation",
    spec: { ...NOTHING, providers: [NO_REGION], rds: [{ provider: -1, multiAz: false, zone: false, retention: 7, replication: { provider: 0, region: null, retention: null } }] },
    resource: "db0",
    path: "multiAz",
  },
];

describe("properties over generated native-copy designs (S3, EFS, DLM, EBS, RDS, AWS Backup selections)", () => {
  it("rules never throw and are deterministic", () => {
    fc.assert(
      fc.property(nativeArb, (spec) => {
        expect(evaluateAll(build(spec))).toEqual(evaluateAll(build(spec)));
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it("a value becoming unknown in preview never turns a failing design into a passing one", () => {
    fc.assert(
      fc.property(nativeArb, fc.nat(), (spec, pick) => {
        const stack = build(spec);
        const candidates = perturbations(stack);
        if (candidates.length === 0) return;
        const perturbation = candidates[pick % candidates.length];
        const before = evaluateAll(stack);
        const after = evaluateAll(withUnknown(stack, perturbation));
        RULES.forEach((rule, i) => {
          if (before[i].length > 0) {
            expect(`${rule.meta.id} after ${perturbation.urn.split("::").pop()} ${perturbation.path.join(".")} <- ${perturbation.computedFrom.split("::").pop()}: ${after[i].length > 0}`).toMatch(
              /: true$/,
            );
          }
        });
      }),
      { numRuns: 1000, seed: SEED, examples: COUNTEREXAMPLES.map((c) => [c.spec, pickOf(c.spec, c.resource, c.path)] as [NativeSpec, number]) },
    );
  });

  // The counterexamples above, one test each, so that each fix shows.
  it.each(COUNTEREXAMPLES.map((c) => [c.label, c.loses, c] as const))("a value becoming unknown keeps a finding in every rule that had one: %s (reported: %s lose every finding)", (_label, _loses, c) => {
    const stack = build(c.spec);
    const perturbation = perturbations(stack)[pickOf(c.spec, c.resource, c.path)];
    const before = evaluateAll(stack);
    const after = evaluateAll(withUnknown(stack, perturbation));
    const lost = RULES.filter((_rule, i) => before[i].length > 0 && after[i].length === 0).map((rule) => rule.meta.id);
    expect(lost).toEqual([]);
  });

  it("through the policy runtime's proxies, never throws and never reports at an unexpected level", async () => {
    await fc.assert(
      fc.asyncProperty(nativeArb, fc.option(fc.nat(), { nil: undefined }), async (spec, pick) => {
        // The design as planned, or with one leaf unknown in preview (sentinels of every kind reach the runtime's proxy).
        const planned = build(spec);
        const candidates = perturbations(planned);
        const stack = pick === undefined || candidates.length === 0 ? planned : withUnknown(planned, candidates[pick % candidates.length]);
        await expectEveryPolicyRunsCleanly(stack);
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});
