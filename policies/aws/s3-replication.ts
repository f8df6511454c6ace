import { Fact } from "../core/facts";
import { vocabularyOf } from "../core/source-vocabulary";
import { JsonValue } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { AccountFact, BackupStore, CopyEdge, ModelProblem, Placement, ProtectedResource, ProtectionRoute, multiZone, unresolvedPlacement } from "../core/protection-model";
import { PropertyPath, formatPath, readArray, readRaw, readString, unknownPaths } from "../core/raw-values";
import { leavesOut, readSetting, settledProps } from "../core/settings";
import { encryptionKeyOf, encryptsWithSseKms, replicaEncryptionKey } from "./encryption-keys";
import { nativeRoute, primaryStore, unreadableNativeRoute } from "./native-routes";
import { AwsPlacement } from "./placement";
import { BucketNode, S3Buckets, readBlock } from "./s3-buckets";
import { combineScopes, replicationScope, sseKmsScope } from "./s3-replication-scope";
import { AWS_TYPES, S3_BUCKET_TYPES } from "./type-tokens";

/** A replication configuration, standalone or inline, with where its rules come from. */
interface ReplicationSource {
  readonly resource: PlannedResource;
  /** The property holding the configuration (for propertyDependencies and messages). */
  readonly property: string;
  readonly rules: Fact<readonly JsonValue[]>;
  readonly rulesPath: PropertyPath;
  readonly bucket?: BucketNode;
  readonly bucketLabel: string;
  readonly placement: Placement;
}

/** Routes of S3 replication: `aws.s3.BucketReplicationConfig` and the inline configuration of buckets. */
export class S3ReplicationRoutes {
  readonly problems: ModelProblem[] = [];

  constructor(
    private readonly index: StackIndex,
    private readonly placement: AwsPlacement,
    private readonly buckets: S3Buckets,
  ) {}

  routes(): ProtectionRoute[] {
    const out: ProtectionRoute[] = [];
    for (const config of this.index.ofTypes([AWS_TYPES.s3ReplicationConfig])) {
      const name = readString(config.props, ["bucket"]);
      const byDep = this.index.dependenciesOf(config, "bucket").filter((r) => S3_BUCKET_TYPES.includes(r.type));
      const candidates = byDep.length > 0 ? byDep.map((r) => this.buckets.node(r.urn)) : name.state === "known" ? this.buckets.named(name.value) : [];
      const bucket = candidates.length === 1 ? candidates[0] : undefined;
      out.push(
        ...this.sourceRoutes({
          resource: config,
          property: "rules",
          rules: readArray(config.props, ["rules"]),
          rulesPath: ["rules"],
          bucket,
          bucketLabel: bucket ? `bucket "${bucket.resource.name}"` : name.state === "known" ? `bucket "${name.value}"` : `the bucket of "${config.name}"`,
          placement: bucket ? bucket.placement : this.placement.placement(config),
        }),
      );
    }
    const buckets = this.index.ofTypes(S3_BUCKET_TYPES);
    // An index loop: it visits every bucket of the stack, and for..of allocates an iterator result per bucket until optimised.
    for (let i = 0; i < buckets.length; i++) {
      const resource = buckets[i];
      // Most buckets replicate nothing: neither their settled properties nor their node are needed then.
      if (leavesOut(resource, "replicationConfiguration") && leavesOut(resource, "replicationConfigurations")) continue;
      const property = resource.props["replicationConfigurations"] !== undefined ? "replicationConfigurations" : "replicationConfiguration";
      const block = readBlock(settledProps(resource), "replicationConfiguration", "replicationConfigurations");
      if (block.state === "absent") continue;
      const bucket = this.buckets.nodeOf(resource);
      const rules = block.state === "known" ? readArray(block.value, ["rules"]) : block;
      out.push(
        ...this.sourceRoutes({
          resource,
          property,
          rules,
          rulesPath: property === "replicationConfiguration" ? [property, "rules"] : [property, 0, "rules"],
          bucket,
          bucketLabel: `bucket "${resource.name}"`,
          placement: bucket.placement,
        }),
      );
    }
    return out;
  }

  private sourceRoutes(source: ReplicationSource): ProtectionRoute[] {
    const { resource } = source;
    const primary: ProtectedResource = { label: source.bucketLabel, urn: source.bucket?.resource.urn, placement: source.placement };
    const sourceStore = primaryStore(primary, source.bucket?.resource.urn ?? `s3-source:${resource.urn}`);
    const label = resource.type === AWS_TYPES.s3ReplicationConfig ? `replication configuration "${resource.name}" of ${source.bucketLabel}` : `the replication configuration of ${source.bucketLabel}`;
    if (source.rules.state !== "known") {
      const raw = readRaw(resource.props, source.rulesPath);
      const reason =
        source.rules.state === "unknown" ? `its ${formatPath(source.rulesPath)} are unknown during preview` : `its ${formatPath(source.rulesPath)} have an unexpected shape (expected a list)`;
      if (raw.state === "known") this.problems.push({ urn: resource.urn, message: reason });
      return [unreadableNativeRoute({ urn: resource.urn, label, subject: formatPath(source.rulesPath), primaries: [primary], reason })];
    }
    // Judged for a source bucket of this stack only: the encryption of a bucket declared elsewhere cannot be seen.
    const sseKms = source.bucket ? encryptsWithSseKms(encryptionKeyOf(this.index, source.bucket.resource, this.placement)) : undefined;
    const out: ProtectionRoute[] = [];
    // Unknown values in the rules other than destination buckets: they may explain non-bucket dependencies.
    const otherUnknowns = unknownPaths(source.rules.value as JsonValue[]).filter((p) => !/^\[\d+\]\.destinations?(\[0\])?\.bucket$/.test(formatPath(p)));
    source.rules.value.forEach((rule, i) => {
      const status = readString(rule, ["status"]);
      if (status.state === "known" && status.value !== "Enabled") return;
      const id = readString(rule, ["id"]);
      const subject = id.state === "known" ? `replication rule "${id.value}"` : `${formatPath(source.rulesPath)}[${i}]`;
      const destination = readBlock(rule, "destination", "destinations");
      const readings = this.destinations(source, destination, [...source.rulesPath, i, "destination"], otherUnknowns.length === 0);
      const encryptionKey = replicaEncryptionKey(this.index, this.placement, resource, source.property, destination, [...source.rulesPath, i, "destination"]);
      const route = nativeRoute({
        urn: resource.urn,
        label: `${subject} of ${label}`,
        subject,
        primaries: [primary],
        source: sourceStore,
        readings: readings.map((store) => [{ label: "replica", store: { ...store, encryptionKey }, retentionDays: { state: "absent", basis: "replicas are kept until deleted" } } satisfies CopyEdge]),
      });
      const scope = combineScopes(replicationScope(rule, [...source.rulesPath, i]), sseKms && sseKmsScope(rule, [...source.rulesPath, i], sseKms, source.bucketLabel));
      out.push({
        ...route,
        ...(status.state === "unknown" ? { conditional: `the status of ${subject} is unknown during preview` } : {}),
        ...(scope ? { scope } : {}),
      });
    });
    return out;
  }

  /** Every store a rule's destination may be (one per candidate when the destination is unknown). */
  private destinations(source: ReplicationSource, destination: Fact<JsonValue>, path: PropertyPath, opaqueMayBeBuckets: boolean): BackupStore[] {
    const stores = this.destinationStores(source, destination, path, opaqueMayBeBuckets);
    const storageClass = destination.state === "known" ? readString(destination.value, ["storageClass"]) : destination;
    if (storageClass.state !== "unknown") return stores;
    const why = `${formatPath(path)}.storageClass is unknown during preview (ONEZONE_IA would keep the replicas in one zone)`;
    return stores.map((store) => ({ ...store, singleZoneStorageUnknown: store.singleZoneStorageUnknown ?? why }));
  }

  private destinationStores(source: ReplicationSource, destination: Fact<JsonValue>, path: PropertyPath, opaqueMayBeBuckets: boolean): BackupStore[] {
    const { resource } = source;
    const where = formatPath([...path, "bucket"]);
    if (destination.state !== "known") {
      const why = destination.state === "unknown" ? `${formatPath(path)} is unknown during preview` : `${formatPath(path)} is not set`;
      return [S3Buckets.unresolvedStore(`unresolved:${resource.urn}:${where}`, `the destination of ${formatPath(path)}`, unresolvedPlacement(why), why)];
    }
    const target = readString(destination.value, ["bucket"]);
    const accountFact = readString(destination.value, ["account"]);
    const accountId = accountFact.state === "absent" ? readString(destination.value, ["accountId"]) : accountFact;
    const storageClass = readString(destination.value, ["storageClass"]);
    const oneZone = storageClass.state === "known" && storageClass.value === "ONEZONE_IA" ? `${formatPath(path)}.storageClass is ONEZONE_IA` : undefined;
    const declaredAccount: AccountFact | undefined =
      accountId.state === "known" && /^\d{12}$/.test(accountId.value)
        ? { state: "known", accountIds: [accountId.value], basis: `${formatPath(path)}.account` }
        : undefined;
    const unplaced = (why: string): Placement => ({
      region: { state: "unknown", basis: why },
      account: declaredAccount ?? { state: "unknown", basis: why },
      zone: multiZone("S3 buckets keep objects across the zones of their region"),
    });
    const placed = (bucket: BucketNode): Placement => {
      const own = bucket.placement;
      return declaredAccount && own.account.state !== "known" ? { ...own, account: declaredAccount } : own;
    };
    if (target.state === "known") {
      const name = S3Buckets.nameOf(target.value);
      const found = this.buckets.named(name).filter((b) => b !== source.bucket);
      if (found.length === 1) {
        return [this.buckets.storeOf(found[0], placed(found[0]), `${where} "${target.value}" names the bucket declared in this stack`, oneZone)];
      }
      const why = `bucket "${name}" is not declared in this stack and S3 bucket ARNs carry no region`;
      const external = S3Buckets.externalStore(name, unplaced(why), `${where} "${target.value}"`, oneZone);
      // An in-stack bucket whose name is computed from another resource may turn out to be the one named.
      const maybe = this.buckets.buckets.filter((b) => b !== source.bucket && b.name.state === "unknown" && readSetting(b.resource, ["bucket"]).state === "unknown");
      const via = (b: BucketNode): string => `${where} "${target.value}" may name bucket "${b.resource.name}", whose name is computed from another resource`;
      return [external, ...maybe.map((b) => this.buckets.storeOf(b, placed(b), via(b), oneZone))];
    }
    if (target.state === "unknown") {
      const property = source.property;
      const dependencies = this.index.dependenciesOf(resource, property).filter((r) => r.urn !== source.bucket?.resource.urn);
      const candidates = dependencies.map((r) => this.buckets.node(r.urn)).filter((node): node is BucketNode => node !== undefined);
      // A dependency that is not a bucket (a parameter, a stack output, ...) may have produced the ARN, unless
      // other unknown values of the rules (a KMS key id, ...) explain it.
      const opaque = opaqueMayBeBuckets ? dependencies.filter((r) => !S3_BUCKET_TYPES.includes(r.type)) : [];
      if (candidates.length > 0) {
        const count = candidates.length + opaque.length;
        const via =
          count === 1
            ? `${where} is unknown during preview and resolved through ${vocabularyOf(this.index.stack).references(resource.type, property)} to this bucket`
            : `${where} is unknown during preview; it may come from any of ${count} resources in ${vocabularyOf(this.index.stack).references(resource.type, property)}`;
        return [
          ...candidates.map((bucket) => this.buckets.storeOf(bucket, placed(bucket), via, oneZone)),
          ...opaque.map((r) => {
            const why = `${where} is unknown during preview and may be computed from ${r.type} "${r.name}"`;
            return S3Buckets.unresolvedStore(`opaque:${resource.urn}:${where}:${r.urn}`, `the destination bucket at ${where}`, unplaced(why), why, oneZone);
          }),
        ];
      }
      const why = `${where} is unknown during preview and is not computed from any bucket in this stack`;
      return [S3Buckets.unresolvedStore(`unresolved:${resource.urn}:${where}`, `the destination bucket at ${where}`, unplaced(why), why, oneZone)];
    }
    const why = `${where} is not set`;
    this.problems.push({ urn: resource.urn, message: why });
    return [S3Buckets.unresolvedStore(`unresolved:${resource.urn}:${where}`, `the destination bucket at ${where}`, unplaced(why), why, oneZone)];
  }
}

