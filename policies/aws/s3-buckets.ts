import { Fact, absent, known, unknown } from "../core/facts";
import { JsonValue } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { BackupStore, Immutability, Placement, mayShare } from "../core/protection-model";
import { readBoolean, readNumber, readRaw, readString } from "../core/raw-values";
import { settledProps } from "../core/settings";
import { parseArn } from "./arn";
import { AwsPlacement } from "./placement";
import { AWS_TYPES, S3_BUCKET_TYPES } from "./type-tokens";

const LOCK_HOWTO =
  "Create the replica bucket with objectLockEnabled: true and an aws.s3.BucketObjectLockConfiguration whose rule.defaultRetention has mode COMPLIANCE and days (or years), so replicas cannot be deleted or overwritten before they expire.";

/**
 * Reads a nested block that `aws.s3.Bucket` holds as an object (`versioning`) and the deprecated
 * `BucketV2` as a one-element list (`versionings`).
 */
export function readBlock(root: JsonValue | undefined, key: string, pluralKey: string): Fact<JsonValue> {
  const single = readRaw(root, [key]);
  if (single.state === "known") return Array.isArray(single.value) ? readRaw(single.value, [0]) : single;
  if (single.state === "unknown") return single;
  const plural = readRaw(root, [pluralKey]);
  if (plural.state !== "known") return plural;
  return Array.isArray(plural.value) ? readRaw(plural.value, [0]) : plural;
}

/** A bucket declared in the stack. */
export interface BucketNode {
  readonly resource: PlannedResource;
  readonly name: Fact<string>;
  readonly placement: Placement;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** S3 buckets of a stack and their versioning, Object Lock and lifecycle settings. */
export class S3Buckets {
  /** Each bucket's node, made on first use: most buckets of a large stack are neither replicated nor a destination. */
  private readonly made = new Map<PlannedResource, BucketNode>();
  private all?: readonly BucketNode[];
  /** Nodes by bucket name and by URN, indexed on first use (only replications name buckets). */
  private lookup?: { readonly byName: Map<string, BucketNode[]>; readonly nodes: Map<string, BucketNode> };
  /**
   * Sub-resources (lock, versioning, lifecycle) by the bucket URN they depend on or the bucket name they
   * set: indexed on first use (only replication destinations are judged by them).
   */
  private sub?: { readonly byUrn: Map<string, PlannedResource[]>; readonly byName: Map<string, PlannedResource[]> };

  constructor(
    private readonly index: StackIndex,
    private readonly placement: AwsPlacement,
  ) {}

  /** Every bucket of the stack, in stack order. */
  get buckets(): readonly BucketNode[] {
    return (this.all ??= this.index.ofTypes(S3_BUCKET_TYPES).map((resource) => this.nodeOf(resource)));
  }

  /** The node of a bucket resource (one node per bucket). */
  nodeOf(resource: PlannedResource): BucketNode {
    let node = this.made.get(resource);
    if (!node) {
      const name = readString(resource.props, ["bucket"]);
      node = {
        resource,
        name: name.state === "absent" ? unknown(`bucket "${resource.name}" is auto-named by the provider`) : name,
        placement: this.placement.placement(resource),
      };
      this.made.set(resource, node);
    }
    return node;
  }

  private lookups(): { readonly byName: Map<string, BucketNode[]>; readonly nodes: Map<string, BucketNode> } {
    if (this.lookup) return this.lookup;
    const byName = new Map<string, BucketNode[]>();
    const nodes = new Map<string, BucketNode>();
    for (const node of this.buckets) {
      nodes.set(node.resource.urn, node);
      if (node.name.state === "known") pushTo(byName, node.name.value, node);
    }
    return (this.lookup = { byName, nodes });
  }

  private subIndex(): { readonly byUrn: Map<string, PlannedResource[]>; readonly byName: Map<string, PlannedResource[]> } {
    if (this.sub) return this.sub;
    const byUrn = new Map<string, PlannedResource[]>();
    const byName = new Map<string, PlannedResource[]>();
    const subTypes = [
      AWS_TYPES.s3ObjectLock,
      AWS_TYPES.s3ObjectLockV2,
      AWS_TYPES.s3Versioning,
      AWS_TYPES.s3VersioningV2,
      AWS_TYPES.s3Lifecycle,
      AWS_TYPES.s3LifecycleV2,
    ];
    for (const sub of this.index.ofTypes(subTypes)) {
      const deps = this.index.dependenciesOf(sub, "bucket").filter((r) => S3_BUCKET_TYPES.includes(r.type));
      for (const dep of deps) pushTo(byUrn, dep.urn, sub);
      const name = readString(sub.props, ["bucket"]);
      if (deps.length === 0 && name.state === "known") pushTo(byName, name.value, sub);
    }
    return (this.sub = { byUrn, byName });
  }

  /** The in-stack bucket node of a URN. */
  node(urn: string): BucketNode | undefined {
    return this.lookups().nodes.get(urn);
  }

  /** In-stack buckets with this name (bucket names are global, so placement does not narrow them). */
  named(name: string): BucketNode[] {
    return this.lookups().byName.get(name) ?? [];
  }

  /** The bucket named by an S3 ARN or a plain bucket name. */
  static nameOf(arnOrName: string): string {
    const arn = parseArn(arnOrName);
    if (arn && arn.service === "s3") return arn.resource.split("/")[0];
    return arnOrName;
  }

  private subResources(bucket: BucketNode, types: readonly string[]): PlannedResource[] {
    const { byUrn, byName } = this.subIndex();
    const out = (byUrn.get(bucket.resource.urn) ?? []).filter((r) => types.includes(r.type));
    if (bucket.name.state === "known") {
      for (const sub of byName.get(bucket.name.value) ?? []) {
        if (types.includes(sub.type) && mayShare(this.placement.placement(sub), bucket.placement)) out.push(sub);
      }
    }
    return out;
  }

  /** Object Lock and versioning of a bucket as an immutability fact. */
  immutability(bucket: BucketNode): Immutability {
    const resource = bucket.resource;
    const label = `bucket "${resource.name}"`;
    const locks = this.subResources(bucket, [AWS_TYPES.s3ObjectLock, AWS_TYPES.s3ObjectLockV2]);
    const own = settledProps(resource);
    const inline = readRaw(own, ["objectLockConfiguration"]);
    const retentions: Array<{ urn?: string; lockLabel: string; retention: Fact<JsonValue>; enabled: Fact<string> }> = [];
    for (const lock of locks) {
      const rule = readBlock(lock.props, "rule", "rules");
      retentions.push({
        urn: lock.urn,
        lockLabel: `Object Lock configuration "${lock.name}"`,
        retention: rule.state === "known" ? readBlock(rule.value, "defaultRetention", "defaultRetentions") : rule,
        // objectLockEnabled defaults to "Enabled": the configuration enables Object Lock on an existing bucket.
        enabled: ((fact) => (fact.state === "absent" ? known("Enabled", "objectLockEnabled default") : fact))(readString(lock.props, ["objectLockEnabled"])),
      });
    }
    if (inline.state !== "absent") {
      const rule = readBlock(inline.state === "known" ? inline.value : undefined, "rule", "rules");
      retentions.push({
        lockLabel: `the inline objectLockConfiguration of ${label}`,
        retention:
          inline.state === "unknown"
            ? unknown(inline.basis)
            : rule.state === "known"
              ? readBlock(rule.value, "defaultRetention", "defaultRetentions")
              : rule,
        enabled: inline.state === "known" ? readString(inline.value, ["objectLockEnabled"]) : unknown(inline.basis),
      });
    }
    const flag = readBoolean(own, ["objectLockEnabled"]);
    const lockEnabled: Fact<boolean> =
      flag.state === "known" && flag.value
        ? flag
        : retentions.some((r) => r.enabled.state === "known" && r.enabled.value === "Enabled")
          ? known(true, "objectLockConfiguration.objectLockEnabled")
          : flag.state === "unknown"
            ? flag
            : known(false, `objectLockEnabled is not set on ${label}`);
    if (lockEnabled.state === "unknown") return { state: "unknown", basis: `objectLockEnabled of ${label} is unknown during preview` };
    if (!lockEnabled.value) {
      return { state: "none", basis: `${label} does not enable S3 Object Lock (${this.versioningText(bucket)})` };
    }
    let weak: { urn?: string; lockLabel: string } | undefined;
    let undecided: string | undefined;
    for (const entry of retentions) {
      const retention = entry.retention;
      if (retention.state === "unknown") {
        undecided = `the default retention of ${entry.lockLabel} is unknown during preview`;
        continue;
      }
      if (retention.state !== "known") continue;
      const mode = readString(retention.value, ["mode"]);
      const days = readNumber(retention.value, ["days"]);
      const years = readNumber(retention.value, ["years"]);
      const period: Fact<number> =
        days.state === "known" ? days : years.state === "known" ? known(years.value * 365, `${years.value} years`) : days.state === "unknown" ? days : years.state === "unknown" ? years : absent("no days or years");
      if (mode.state === "unknown") {
        undecided = `the retention mode of ${entry.lockLabel} is unknown during preview`;
        continue;
      }
      if (mode.state === "known" && mode.value.toUpperCase() === "COMPLIANCE") {
        if (period.state === "absent") continue;
        return {
          state: "compliance-lock",
          lockUrn: entry.urn,
          lockLabel: entry.lockLabel,
          minRetentionDays: period,
          maxRetentionDays: absent("S3 Object Lock sets no maximum retention"),
        };
      }
      if (mode.state === "known" && mode.value.toUpperCase() === "GOVERNANCE") weak = entry;
    }
    if (undecided) return { state: "unknown", basis: undecided };
    if (weak) {
      return {
        state: "governance-lock",
        lockUrn: weak.urn,
        lockLabel: weak.lockLabel,
        weakness:
          "keeps replicas in GOVERNANCE mode: anyone allowed s3:BypassGovernanceRetention (or able to grant it with the production credentials) can delete or overwrite them. Set rule.defaultRetention.mode to COMPLIANCE.",
      };
    }
    return {
      state: "none",
      basis: `${label} enables Object Lock but sets no default retention in COMPLIANCE mode with days or years, so replicated objects are not locked`,
    };
  }

  private versioningText(bucket: BucketNode): string {
    const resource = bucket.resource;
    const subs = this.subResources(bucket, [AWS_TYPES.s3Versioning, AWS_TYPES.s3VersioningV2]);
    for (const sub of subs) {
      const status = readString(sub.props, ["versioningConfiguration", "status"]);
      if (status.state === "known") return `versioning ${status.value} by "${sub.name}"`;
    }
    const inline = readBlock(settledProps(resource), "versioning", "versionings");
    const enabled = inline.state === "known" ? readBoolean(inline.value, ["enabled"]) : inline;
    if (enabled.state === "known") return enabled.value ? "versioning enabled" : "versioning not enabled";
    return "versioning not enabled";
  }

  /** Why a bucket keeps (some of) its data in one zone: a lifecycle transition to ONEZONE_IA. */
  oneZoneStorage(bucket: BucketNode): { readonly reason: string; readonly urn: string; readonly unknown?: boolean } | undefined {
    const rules: Array<{ where: string; urn: string; rule: Fact<JsonValue> }> = [];
    const inline = readRaw(settledProps(bucket.resource), ["lifecycleRules"]);
    let undecided: { reason: string; urn: string; unknown: true } | undefined;
    const unknownAt = (where: string, urn: string): void => {
      undecided ??= { reason: `${where} is unknown during preview (a move to ONEZONE_IA would keep the copies in one zone)`, urn, unknown: true };
    };
    if (inline.state === "unknown") unknownAt(`lifecycleRules of bucket "${bucket.resource.name}"`, bucket.resource.urn);
    if (inline.state === "known" && Array.isArray(inline.value)) {
      inline.value.forEach((rule, i) => rules.push({ where: `lifecycleRules[${i}] of bucket "${bucket.resource.name}"`, urn: bucket.resource.urn, rule: readRaw(rule, []) }));
    }
    for (const sub of this.subResources(bucket, [AWS_TYPES.s3Lifecycle, AWS_TYPES.s3LifecycleV2])) {
      const list = readRaw(sub.props, ["rules"]);
      if (list.state === "unknown") unknownAt(`the rules of lifecycle configuration "${sub.name}"`, sub.urn);
      if (list.state === "known" && Array.isArray(list.value)) {
        list.value.forEach((rule, i) => rules.push({ where: `rules[${i}] of lifecycle configuration "${sub.name}"`, urn: sub.urn, rule: readRaw(rule, []) }));
      }
    }
    for (const { where, urn, rule } of rules) {
      if (rule.state === "unknown") {
        unknownAt(where, urn);
        continue;
      }
      if (rule.state !== "known") continue;
      const status = readString(rule.value, ["status"]);
      const enabled = readBoolean(rule.value, ["enabled"]);
      if ((status.state === "known" && status.value !== "Enabled") || (enabled.state === "known" && !enabled.value)) continue;
      for (const key of ["transitions", "noncurrentVersionTransitions", "transition", "noncurrentVersionTransition"]) {
        const raw = readRaw(rule.value, [key]);
        if (raw.state === "unknown") unknownAt(`${where}.${key}`, urn);
        const list = raw.state === "known" ? (Array.isArray(raw.value) ? raw.value : [raw.value]) : [];
        for (const transition of list) {
          const storageClass = readString(transition, ["storageClass"]);
          if (storageClass.state === "known" && storageClass.value === "ONEZONE_IA") return { reason: `${where} moves objects to ONEZONE_IA (${key})`, urn };
          if (storageClass.state === "unknown") unknownAt(`the storageClass of ${where}.${key}`, urn);
        }
      }
    }
    return undecided;
  }


  /** A bucket as the destination store of a replication. */
  storeOf(bucket: BucketNode, placement: Placement, resolvedVia: string, extraOneZone?: string): BackupStore {
    const found = extraOneZone === undefined ? this.oneZoneStorage(bucket) : undefined;
    const lifecycle = found && !found.unknown ? found : undefined;
    return {
      key: bucket.resource.urn,
      kind: "replica",
      label: `bucket "${bucket.resource.name}"`,
      urn: bucket.resource.urn,
      placement,
      airGapped: known(false, "S3 buckets are reachable by their account's principals"),
      immutability: this.immutability(bucket),
      lockHowto: LOCK_HOWTO,
      singleZoneStorage: extraOneZone ?? lifecycle?.reason,
      singleZoneStorageUrn: lifecycle?.urn,
      singleZoneStorageUnknown: found?.unknown ? found.reason : undefined,
      resolvedVia,
    };
  }

  /** A destination bucket that cannot be identified (unknown reference explained by no in-stack bucket). */
  static unresolvedStore(key: string, label: string, placement: Placement, why: string, oneZone?: string): BackupStore {
    return {
      key,
      kind: "replica",
      label,
      placement,
      airGapped: known(false, "S3 buckets are reachable by their account's principals"),
      immutability: { state: "unknown", basis: why },
      lockHowto: LOCK_HOWTO,
      singleZoneStorage: oneZone,
      singleZoneStorageUnknown: `the lifecycle of a bucket that cannot be identified cannot be seen (${why})`,
      resolvedVia: why,
    };
  }

  /** A destination bucket not declared in this stack. */
  static externalStore(name: string, placement: Placement, resolvedVia: string, oneZone?: string): BackupStore {
    return {
      key: `s3:${name}`,
      kind: "replica",
      label: `bucket "${name}" (outside this stack)`,
      placement,
      airGapped: known(false, "S3 buckets are reachable by their account's principals"),
      immutability: { state: "unknown", basis: `bucket "${name}" is not declared in this stack, so its Object Lock cannot be seen` },
      lockHowto: LOCK_HOWTO,
      singleZoneStorage: oneZone,
      resolvedVia,
    };
  }
}

export { LOCK_HOWTO as S3_LOCK_HOWTO };
