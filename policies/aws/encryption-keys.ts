import { KeyFact } from "../core/data-stores";
import { Fact, known, unknown } from "../core/facts";
import { JsonValue, isJsonObject } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { AccountFact, Placement, mayShare } from "../core/protection-model";
import { PropertyPath, formatPath, readArray, readBoolean, readRaw, readString } from "../core/raw-values";
import { leavesOut, readBooleanSetting, readSetting, settledProps } from "../core/settings";
import { parseArn } from "./arn";
import { inlineVolumes, inlineVolumesKey, settledDeviceValue } from "./inline-volumes";
import { describeResource } from "./native-routes";
import { AwsPlacement } from "./placement";
import { AWS_TYPES, FSX_FILE_SYSTEM_TYPES, S3_BUCKET_TYPES } from "./type-tokens";

/** KMS key resources (an alias is not one: it names one of these). */
const KEY_TYPES: readonly string[] = [AWS_TYPES.kmsKey, AWS_TYPES.kmsExternalKey, AWS_TYPES.kmsReplicaKey, AWS_TYPES.kmsReplicaExternalKey];
const REPLICA_TYPES: readonly string[] = [AWS_TYPES.kmsReplicaKey, AWS_TYPES.kmsReplicaExternalKey];
const KMS_TYPES: readonly string[] = [...KEY_TYPES, AWS_TYPES.kmsAlias];
const S3_ENCRYPTION_TYPES: readonly string[] = [AWS_TYPES.s3Encryption, AWS_TYPES.s3EncryptionV2];

/** A key as a program writes it: an ARN, a key id, an alias name or an alias ARN. */
interface LiteralKey {
  /** `1234abcd-...`, `mrk-...` or `alias/name`. */
  readonly ref: string;
  readonly region?: string;
  readonly account?: string;
}

/** Parses a literal key reference; `undefined` when the value cannot name a KMS key. */
function parseKeyReference(value: string): LiteralKey | undefined {
  const text = value.trim();
  if (text.startsWith("arn:")) {
    const arn = parseArn(text);
    if (!arn || arn.service !== "kms" || !/^(key|alias)\/[^\s]+$/.test(arn.resource)) return undefined;
    const ref = arn.resource.startsWith("key/") ? arn.resource.slice("key/".length) : arn.resource;
    return { ref, region: arn.region || undefined, account: arn.account || undefined };
  }
  return /^(alias\/)?[A-Za-z0-9:/_-]+$/.test(text) ? { ref: text } : undefined;
}

/** An AWS managed key named by its alias (`alias/aws/rds`, ...). */
function isAwsManagedAlias(ref: string): boolean {
  return ref.startsWith("alias/aws/");
}

/** A key AWS manages or owns. */
export function serviceDefaultKey(basis: string): KeyFact {
  return { state: "service-default", basis };
}

/** A copy that keeps the key of its source. */
export function inheritedKey(basis: string): KeyFact {
  return { state: "inherited", basis };
}

function unknownKey(basis: string): KeyFact {
  return { state: "unknown", basis };
}

/** The KMS keys and aliases of a stack, to resolve key references to them. */
/** No resources (shared: most buckets have no encryption configuration). */
const NO_RESOURCES: readonly PlannedResource[] = Object.freeze([]);

class KmsCatalog {
  private readonly keysByRef = new Map<string, PlannedResource[]>();
  private readonly aliases: readonly PlannedResource[];
  /** S3 encryption configurations by the in-stack buckets they refer to, and (referring to none) by the bucket name they set. */
  private s3Configs?: { readonly byBucket: Map<PlannedResource, PlannedResource[]>; readonly byName: Map<string, PlannedResource[]>; readonly order: Map<PlannedResource, number> };

  constructor(
    private readonly index: StackIndex,
    readonly placement: AwsPlacement,
  ) {
    for (const key of index.ofTypes(KEY_TYPES)) {
      for (const property of ["arn", "keyId", "id"]) {
        const value = readString(key.props, [property]);
        if (value.state !== "known") continue;
        const parsed = parseKeyReference(value.value);
        const refs = [value.value, ...(parsed ? [parsed.ref] : [])];
        for (const ref of new Set(refs)) {
          const list = this.keysByRef.get(ref);
          if (!list) this.keysByRef.set(ref, [key]);
          else if (!list.includes(key)) list.push(key);
        }
      }
    }
    this.aliases = index.ofTypes([AWS_TYPES.kmsAlias]);
  }

  /**
   * The S3 encryption configurations of a bucket, in stack order: those whose `bucket` refers to it, and
   * those that refer to no in-stack bucket but set its name (in a placement that may share it).
   */
  s3ConfigsOf(bucket: PlannedResource): readonly PlannedResource[] {
    if (!this.s3Configs) {
      const byBucket = new Map<PlannedResource, PlannedResource[]>();
      const byName = new Map<string, PlannedResource[]>();
      const order = new Map<PlannedResource, number>();
      for (const config of this.index.ofTypes(S3_ENCRYPTION_TYPES)) {
        order.set(config, order.size);
        const deps = this.index.dependenciesOf(config, "bucket").filter((r) => S3_BUCKET_TYPES.includes(r.type));
        for (const dep of deps) pushTo(byBucket, dep, config);
        if (deps.length > 0) continue;
        const target = readString(config.props, ["bucket"]);
        if (target.state === "known") pushTo(byName, target.value, config);
      }
      this.s3Configs = { byBucket, byName, order };
    }
    const { byBucket, byName, order } = this.s3Configs;
    const linked = byBucket.get(bucket);
    // The bucket's name and placement matter only when some configuration names a bucket (rare): read then.
    const name = byName.size > 0 ? readString(bucket.props, ["bucket"]) : undefined;
    const named = name?.state === "known" ? byName.get(name.value) : undefined;
    if (!linked && !named) return NO_RESOURCES;
    const out = [...(linked ?? [])];
    if (named) {
      const at = this.placement.placement(bucket);
      for (const config of named) if (mayShare(this.placement.placement(config), at)) out.push(config);
    }
    return out.length > 1 ? out.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) : out;
  }

  /** The key an in-stack KMS resource stands for (an alias: the key it targets; a replica: its primary). */
  fromResource(resource: PlannedResource, basis: string, depth = 0): KeyFact {
    const label = `KMS ${describeResource(resource)}`;
    if (resource.type === AWS_TYPES.kmsAlias) {
      if (depth > 2) return unknownKey(`${label} refers to another alias`);
      const target = readString(resource.props, ["targetKeyId"]);
      const via = `${basis}, through ${label}`;
      if (target.state === "known") return this.fromLiteral(target.value, via, this.placement.placement(resource), depth + 1);
      const resolved = this.fromDependencies(resource, "targetKeyId", false, via, depth + 1);
      if (resolved) return resolved;
      return unknownKey(target.state === "unknown" ? `the target of ${label} is unknown during preview` : `${label} has no targetKeyId`);
    }
    const region = this.placement.region(resource);
    const account = this.placement.account(resource);
    if (REPLICA_TYPES.includes(resource.type)) {
      // A multi-Region replica shares its primary's key material, but it is a key of its own: its own key
      // policy, key state and deletion schedule, owned by the account that creates it.
      const primary = readString(resource.props, ["primaryKeyArn"]);
      const primaries = this.index.dependenciesOf(resource, "primaryKeyArn").filter((r) => KEY_TYPES.includes(r.type) && r !== resource);
      const parsed = primary.state === "known" ? parseKeyReference(primary.value) : undefined;
      const literal = parsed ? this.matchKey(parsed.ref) : undefined;
      const root = primaries.length === 1 ? primaries[0] : literal;
      const family = root?.urn ?? (parsed?.ref.startsWith("mrk-") ? `mrk:${parsed.ref}` : undefined);
      return {
        state: "customer-key",
        key: root ? `${label} (a multi-Region replica of KMS ${describeResource(root)})` : parsed ? `${label} (a multi-Region replica of ${parsed.ref})` : label,
        keyUrn: resource.urn,
        ...(family ? { family } : {}),
        region,
        account,
        multiRegion: true,
        basis,
      };
    }
    const multiRegion = readBooleanSetting(resource, ["multiRegion"]);
    const isMultiRegion = multiRegion.state === "known" && multiRegion.value;
    return {
      state: "customer-key",
      key: label,
      keyUrn: resource.urn,
      ...(isMultiRegion ? { family: resource.urn } : {}),
      region,
      account,
      multiRegion: multiRegion.state === "unknown" || isMultiRegion,
      basis,
    };
  }

  private matchKey(ref: string): PlannedResource | undefined {
    const found = this.keysByRef.get(ref) ?? [];
    return found.length === 1 ? found[0] : undefined;
  }

  /** The key a literal value names, `at` the place of the data it encrypts (bare ids and aliases resolve there). */
  fromLiteral(value: string, basis: string, at: Placement | undefined, depth = 0): KeyFact {
    const parsed = parseKeyReference(value);
    if (!parsed) return unknownKey(`${basis}: "${value}" is not a KMS key id, key ARN or alias`);
    if (isAwsManagedAlias(parsed.ref)) return serviceDefaultKey(`${basis}: ${parsed.ref} is an AWS managed key`);
    const region: Fact<string> = parsed.region
      ? known(parsed.region, `ARN ${value}`)
      : (at?.region ?? unknown(`the region of key "${value}" cannot be told`));
    const account: AccountFact = parsed.account
      ? { state: "known", accountIds: [parsed.account], basis: `ARN ${value}` }
      : (at?.account ?? { state: "unknown", basis: `the account of key "${value}" cannot be told` });
    const here: Placement | undefined = at ? { ...at, region, account } : undefined;
    if (parsed.ref.startsWith("alias/")) {
      const aliases = this.aliases.filter((alias) => {
        const name = readString(alias.props, ["name"]);
        const arn = readString(alias.props, ["arn"]);
        if (arn.state === "known" && arn.value === value) return true;
        return name.state === "known" && name.value === parsed.ref && (here === undefined || mayShare(this.placement.placement(alias), here));
      });
      if (aliases.length === 1 && depth <= 2) return this.fromResource(aliases[0], `${basis} "${value}"`, depth + 1);
    } else {
      const key = this.matchKey(value) ?? this.matchKey(parsed.ref);
      if (key) return this.fromResource(key, `${basis} "${value}"`, depth + 1);
    }
    return {
      state: "customer-key",
      key: value,
      ref: parsed.ref,
      ...(parsed.ref.startsWith("mrk-") ? { family: `mrk:${parsed.ref}` } : {}),
      region,
      account,
      // Aliases may name multi-Region keys; `mrk-` ids are multi-Region keys.
      multiRegion: parsed.ref.startsWith("alias/") || parsed.ref.startsWith("mrk-"),
      basis,
    };
  }

  /**
   * The key a value computed from in-stack KMS resources stands for. `nested`: the property holds other
   * values too (e.g. a replication rule), so dependencies that are not KMS resources are ignored.
   * `undefined` when the value cannot be attributed to one key.
   */
  fromDependencies(holder: PlannedResource, property: string, nested: boolean, basis: string, depth = 0): KeyFact | undefined {
    const dependencies = this.index.dependenciesOf(holder, property);
    const kms = dependencies.filter((r) => KMS_TYPES.includes(r.type) && r !== holder);
    if (kms.length === 0 || (!nested && kms.length !== dependencies.length)) return undefined;
    const facts = kms.map((r) => this.fromResource(r, `${basis}, computed from KMS ${describeResource(r)}`, depth));
    const first = facts[0];
    if (first.state !== "customer-key" || first.keyUrn === undefined) return facts.length === 1 ? first : undefined;
    const same = facts.every((f) => f.state === "customer-key" && f.keyUrn === first.keyUrn);
    return same ? first : undefined;
  }

  /**
   * The key a reference names. `value` is read at `where` (for messages) inside top-level `property` of
   * `holder`; `at` is the place of the encrypted data; `absent` applies when the program does not set it.
   */
  reference(holder: PlannedResource, property: string, value: Fact<JsonValue>, path: PropertyPath, at: Placement | undefined, absent: KeyFact): KeyFact {
    const where = `${formatPath(path)} of ${describeResource(holder)}`;
    if (value.state === "known") {
      if (typeof value.value !== "string") return unknownKey(`${where} is not a string`);
      if (value.value.trim() === "") return absent;
      return this.fromLiteral(value.value, where, at);
    }
    if (value.state === "absent") return absent;
    const dependencies = this.index.dependenciesOf(holder, property);
    if (dependencies.length === 0 && holder.origin === "outputs" && !holder.filledFromInputs?.includes(property)) {
      // Planned outputs hold an attribute the provider computes as unknown; computed from nothing, the
      // program did not set it (see settledProps).
      return absent;
    }
    const nested = path.length > 1;
    const resolved = this.fromDependencies(holder, property, nested, `${where} is unknown during preview`);
    if (resolved) return resolved;
    const kms = dependencies.filter((r) => KMS_TYPES.includes(r.type));
    return unknownKey(
      kms.length > 1
        ? `${where} is unknown during preview and may be any of ${kms.map((r) => `KMS ${describeResource(r)}`).join(", ")}`
        : dependencies.length > 0
          ? `${where} is unknown during preview and computed from ${dependencies.map(describeResource).join(", ")}, not from a KMS key of this stack`
          : `${where} is unknown during preview`,
    );
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const catalogs = new WeakMap<StackIndex, KmsCatalog>();

/** The KMS catalogue of a stack (built once per analysis; the first placement given is kept). */
function catalogOf(index: StackIndex, placement?: AwsPlacement): KmsCatalog {
  let catalog = catalogs.get(index);
  if (!catalog) {
    let resolver = placement;
    if (!resolver) {
      resolver = new AwsPlacement(index.stack.stackConfig, index);
      resolver.learnAccounts(index.stack.resources);
    }
    catalog = new KmsCatalog(index, resolver);
    catalogs.set(index, catalog);
  }
  return catalog;
}

/** The key a top-level property of `resource` names (`absent`: when the program does not set it). */
export function keySetting(index: StackIndex, placement: AwsPlacement, resource: PlannedResource, property: string, at: Placement | undefined, absent: KeyFact): KeyFact {
  return catalogOf(index, placement).reference(resource, property, readRaw(resource.props, [property]), [property], at, absent);
}

/** The key a nested value names, e.g. `destination.kmsKeyId` inside top-level `property` `destination`. */
export function nestedKey(
  index: StackIndex,
  placement: AwsPlacement,
  resource: PlannedResource,
  property: string,
  value: Fact<JsonValue>,
  where: PropertyPath,
  at: Placement | undefined,
  absent: KeyFact,
): KeyFact {
  return catalogOf(index, placement).reference(resource, property, value, where, at, absent);
}

/** The key of an AWS Backup vault (`kmsKeyArn`) or logically air-gapped vault (`encryptionKeyArn`). */
export function vaultEncryptionKey(index: StackIndex, placement: AwsPlacement, vault: PlannedResource): KeyFact {
  const airGapped = vault.type === AWS_TYPES.backupLogicallyAirGappedVault;
  const property = airGapped ? "encryptionKeyArn" : "kmsKeyArn";
  const absent = serviceDefaultKey(
    airGapped
      ? `${property} not set: the logically air-gapped vault uses an AWS owned key`
      : `${property} not set: AWS Backup uses its AWS managed key (aws/backup) of the vault's account`,
  );
  return keySetting(index, placement, vault, property, placement.placement(vault), absent);
}

/** The key of S3 replicas: the rule's `destination.encryptionConfiguration.replicaKmsKeyId` (inline: `destination.replicaKmsKeyId`). */
export function replicaEncryptionKey(
  index: StackIndex,
  placement: AwsPlacement,
  holder: PlannedResource,
  property: string,
  destination: Fact<JsonValue>,
  path: PropertyPath,
): KeyFact {
  if (destination.state === "unknown") return unknownKey(`${formatPath(path)} is unknown during preview`);
  if (destination.state === "absent") return unknownKey(`${formatPath(path)} is not set`);
  if (!isJsonObject(destination.value)) return unknownKey(`${formatPath(path)} has an unexpected shape (expected an object)`);
  const configured = readRaw(destination.value, ["encryptionConfiguration", "replicaKmsKeyId"]);
  const inline = configured.state === "absent" ? readRaw(destination.value, ["replicaKmsKeyId"]) : configured;
  const field = configured.state === "absent" ? "replicaKmsKeyId" : "encryptionConfiguration.replicaKmsKeyId";
  const absent = serviceDefaultKey(
    `${formatPath(path)}.${field} not set: replicas keep S3 managed encryption (SSE-S3); objects encrypted with a KMS key are replicated only with a replicaKmsKeyId`,
  );
  return nestedKey(index, placement, holder, property, inline, [...path, ...field.split(".")], undefined, absent);
}

/** The key of a DLM cross-region copy (`cmkArn`, event-based: `encryptionConfiguration.cmkArn`). */
export function dlmCopyKey(index: StackIndex, placement: AwsPlacement, policy: PlannedResource, rule: JsonValue, path: PropertyPath, at: Placement): KeyFact {
  if (!isJsonObject(rule)) return unknownKey(`${formatPath(path)} of ${describeResource(policy)} has an unexpected shape (expected an object)`);
  const direct = readRaw(rule, ["cmkArn"]);
  const value = direct.state === "absent" ? readRaw(rule, ["encryptionConfiguration", "cmkArn"]) : direct;
  const field = direct.state === "absent" && readRaw(rule, ["encryptionConfiguration"]).state !== "absent" ? ["encryptionConfiguration", "cmkArn"] : ["cmkArn"];
  const absent = serviceDefaultKey(`${formatPath([...path, ...field])} not set: the copies use the default EBS key of the target region's account`);
  return nestedKey(index, placement, policy, "policyDetails", value, [...path, ...field], at, absent);
}

/**
 * What an EBS snapshot copy without `kmsKeyId` is encrypted with: in the source's region it keeps the
 * source snapshot's key; in another region the account's default EBS key there.
 */
export function snapshotCopyDefaultKey(source: Fact<string>, copy: Fact<string>): KeyFact {
  if (source.state === "known" && copy.state === "known") {
    return source.value === copy.value
      ? inheritedKey("kmsKeyId not set: a copy in the source's region keeps the source snapshot's key")
      : serviceDefaultKey(`kmsKeyId not set: a copy into ${copy.value} uses the default EBS key of that region`);
  }
  return unknownKey(`kmsKeyId not set, and whether the copy stays in the source's region is unknown (${source.state !== "known" ? source.basis : copy.basis})`);
}

/** RDS instances and clusters: `kmsKeyId`, else `storageEncrypted` (aws/rds) or unencrypted. */
function rdsKey(catalog: KmsCatalog, resource: PlannedResource, at: Placement): KeyFact {
  const label = describeResource(resource);
  const encrypted = readBooleanSetting(resource, ["storageEncrypted"]);
  const snapshot = readSetting(resource, ["snapshotIdentifier"]);
  const engineMode = readString(settledProps(resource), ["engineMode"]);
  let absent: KeyFact;
  if (encrypted.state === "unknown") absent = unknownKey(`storageEncrypted of ${label} is unknown during preview`);
  else if (encrypted.state === "known" && encrypted.value) absent = serviceDefaultKey(`${label} sets storageEncrypted without kmsKeyId: RDS uses its AWS managed key (aws/rds)`);
  else if (snapshot.state !== "absent") absent = unknownKey(`${label} is restored from a snapshot (snapshotIdentifier) and keeps that snapshot's key, which cannot be seen`);
  else if (resource.type === AWS_TYPES.rdsCluster && engineMode.state === "known" && engineMode.value === "serverless") {
    absent = serviceDefaultKey(`${label} is an Aurora Serverless v1 cluster, always encrypted with the AWS managed key aws/rds`);
  } else absent = { state: "unencrypted", basis: `${label} does not set storageEncrypted` };
  // Neptune names the key kmsKeyArn; RDS and DocumentDB name it kmsKeyId.
  const property = resource.type === AWS_TYPES.neptuneCluster ? "kmsKeyArn" : "kmsKeyId";
  return catalog.reference(resource, property, readRaw(resource.props, [property]), [property], at, absent);
}

/** A block that a resource holds as an object (`rule`) or, in deprecated shapes, a one-element list. */
function firstOf(value: Fact<JsonValue>): Fact<JsonValue> {
  return value.state === "known" && Array.isArray(value.value) ? readRaw(value.value, [0]) : value;
}

/** The key an S3 default-encryption rule sets (`applyServerSideEncryptionByDefault(s)`). */
function sseRuleKey(catalog: KmsCatalog, holder: PlannedResource, property: string, rule: JsonValue, path: PropertyPath, at: Placement): KeyFact {
  const single = readRaw(rule, ["applyServerSideEncryptionByDefault"]);
  const key = single.state === "absent" ? "applyServerSideEncryptionByDefaults" : "applyServerSideEncryptionByDefault";
  const apply = firstOf(single.state === "absent" ? readRaw(rule, [key]) : single);
  const where = formatPath([...path, key]);
  if (apply.state === "unknown") return unknownKey(`${where} of ${describeResource(holder)} is unknown during preview`);
  if (apply.state === "absent" || !isJsonObject(apply.value)) return serviceDefaultKey(`${where} not set: S3 encrypts new objects with S3 managed keys (SSE-S3)`);
  const algorithm = readString(apply.value, ["sseAlgorithm"]);
  if (algorithm.state === "unknown") return unknownKey(`${where}.sseAlgorithm of ${describeResource(holder)} is unknown during preview`);
  if (algorithm.state === "known" && algorithm.value === "AES256") return serviceDefaultKey(`${where}.sseAlgorithm is AES256 (S3 managed keys)`);
  if (algorithm.state === "known" && !algorithm.value.startsWith("aws:kms")) return unknownKey(`${where}.sseAlgorithm "${algorithm.value}" is not a known algorithm`);
  const absent = serviceDefaultKey(`${where}.kmsMasterKeyId not set: S3 uses its AWS managed key (aws/s3)`);
  const kmsKey = catalog.reference(holder, property, readRaw(apply.value, ["kmsMasterKeyId"]), [...path, key, "kmsMasterKeyId"], at, absent);
  // SSE-KMS under the AWS managed key is still SSE-KMS (S3 replication leaves such objects out unless told).
  return kmsKey.state === "service-default" || kmsKey.state === "unknown" ? { ...kmsKey, sseKms: true } : kmsKey;
}

/**
 * Whether a bucket's default encryption is SSE-KMS (a customer key, or aws/s3), from its key fact:
 * S3 replication copies objects encrypted with SSE-KMS only when its rule asks for them.
 */
export function encryptsWithSseKms(key: KeyFact): Fact<boolean> {
  switch (key.state) {
    case "customer-key":
      return known(true, key.key);
    case "service-default":
      return known(key.sseKms === true, key.basis);
    case "unencrypted":
      return known(false, key.basis);
    case "unknown":
      return key.sseKms === true ? known(true, `sseAlgorithm aws:kms; ${key.basis}`) : unknown(key.basis);
    default:
      return unknown(key.basis);
  }
}

/** Combines the keys several resources set for the same data: one key, or unknown when they differ. */
function single(facts: readonly KeyFact[], label: string): KeyFact {
  const first = facts[0];
  const same = facts.every((f) => f.state === first.state && (f.state !== "customer-key" || (first.state === "customer-key" && f.key === first.key)));
  return same ? first : unknownKey(`${label} has ${facts.length} server-side encryption configurations that disagree`);
}

/** S3 buckets: `aws.s3.BucketServerSideEncryptionConfiguration` resources, else the inline configuration, else SSE-S3. */
function bucketKey(catalog: KmsCatalog, index: StackIndex, bucket: PlannedResource): KeyFact {
  const label = describeResource(bucket);
  const configs = catalog.s3ConfigsOf(bucket);
  if (configs.length > 0) {
    const at = catalog.placement.placement(bucket);
    const facts = configs.map((config): KeyFact => {
      const rules = readArray(config.props, ["rules"]);
      if (rules.state === "unknown") return unknownKey(`the rules of ${describeResource(config)} are unknown during preview`);
      if (rules.state === "absent" || rules.value.length === 0) {
        return readRaw(config.props, ["rules"]).state === "known"
          ? unknownKey(`the rules of ${describeResource(config)} have an unexpected shape (expected a list)`)
          : serviceDefaultKey(`${describeResource(config)} sets no rule: SSE-S3`);
      }
      return single(
        rules.value.map((rule, i) => sseRuleKey(catalog, config, "rules", rule, ["rules", i], at)),
        describeResource(config),
      );
    });
    return single(facts, label);
  }
  // Most buckets set no inline configuration: then their settled properties (a copy) are not needed.
  const inlineLeftOut = leavesOut(bucket, "serverSideEncryptionConfiguration") && leavesOut(bucket, "serverSideEncryptionConfigurations");
  if (!inlineLeftOut) {
    const key = inlineBucketKey(catalog, bucket, label);
    if (key) return key;
  }
  if (index.stack.scope === "resource") {
    return unknownKey(`${label} sets no inline serverSideEncryptionConfiguration; an aws.s3.BucketServerSideEncryptionConfiguration elsewhere in the stack may set its key`);
  }
  return serviceDefaultKey(`no server-side encryption configuration for ${label}: S3 encrypts new objects with S3 managed keys (SSE-S3)`);
}

/** The key a bucket's inline serverSideEncryptionConfiguration sets, if it sets one. */
function inlineBucketKey(catalog: KmsCatalog, bucket: PlannedResource, label: string): KeyFact | undefined {
  const own = settledProps(bucket);
  const inline = firstOf(readRaw(own, [own["serverSideEncryptionConfigurations"] !== undefined ? "serverSideEncryptionConfigurations" : "serverSideEncryptionConfiguration"]));
  const property = own["serverSideEncryptionConfigurations"] !== undefined ? "serverSideEncryptionConfigurations" : "serverSideEncryptionConfiguration";
  if (inline.state === "unknown") return unknownKey(`${property} of ${label} is unknown during preview`);
  if (inline.state === "known" && isJsonObject(inline.value)) {
    const ruleBlock = firstOf(readRaw(inline.value, [inline.value["rules"] !== undefined ? "rules" : "rule"]));
    const path: PropertyPath = property === "serverSideEncryptionConfiguration" ? [property, "rule"] : [property, 0, "rules", 0];
    if (ruleBlock.state === "unknown") return unknownKey(`${formatPath(path)} of ${label} is unknown during preview`);
    if (ruleBlock.state === "known") return sseRuleKey(catalog, bucket, property, ruleBlock.value, path, catalog.placement.placement(bucket));
  }
  return undefined;
}

/** The key that encrypts a data store's data. */
export function encryptionKeyOf(index: StackIndex, resource: PlannedResource, placement?: AwsPlacement): KeyFact {
  const catalog = catalogOf(index, placement);
  // A bucket's key seldom needs its placement (see bucketKey): a large stack's buckets skip working it out.
  if (S3_BUCKET_TYPES.includes(resource.type)) return bucketKey(catalog, index, resource);
  const at = catalog.placement.placement(resource);
  const label = describeResource(resource);
  const kmsKeyId = (absent: KeyFact): KeyFact => catalog.reference(resource, "kmsKeyId", readRaw(resource.props, ["kmsKeyId"]), ["kmsKeyId"], at, absent);
  const encryptedFlag = (whenTrue: string): KeyFact => {
    const encrypted = readBooleanSetting(resource, ["encrypted"]);
    if (encrypted.state === "unknown") return unknownKey(`encrypted of ${label} is unknown during preview`);
    return encrypted.state === "known" && encrypted.value ? serviceDefaultKey(whenTrue) : { state: "unencrypted", basis: `${label} does not set encrypted` };
  };
  switch (resource.type) {
    case AWS_TYPES.rdsInstance:
    case AWS_TYPES.rdsCluster:
    case AWS_TYPES.docdbCluster:
    case AWS_TYPES.neptuneCluster:
      return rdsKey(catalog, resource, at);
    case AWS_TYPES.dynamodbTable: {
      const sse = readSetting(resource, ["serverSideEncryption"]);
      if (sse.state === "unknown") return unknownKey(`serverSideEncryption of ${label} is unknown during preview`);
      const block = firstOf(sse);
      const enabled = readBoolean(block.state === "known" ? block.value : undefined, ["enabled"]);
      if (enabled.state === "unknown") return unknownKey(`serverSideEncryption.enabled of ${label} is unknown during preview`);
      if (block.state !== "known" || enabled.state !== "known" || !enabled.value) {
        return serviceDefaultKey(`${label} does not enable serverSideEncryption: DynamoDB uses an AWS owned key`);
      }
      const absent = serviceDefaultKey(`${label} enables serverSideEncryption without kmsKeyArn: the AWS managed key aws/dynamodb`);
      return catalog.reference(resource, "serverSideEncryption", readRaw(block.value, ["kmsKeyArn"]), ["serverSideEncryption", "kmsKeyArn"], at, absent);
    }
    case AWS_TYPES.efsFileSystem:
      return kmsKeyId(encryptedFlag(`${label} sets encrypted without kmsKeyId: the AWS managed key aws/elasticfilesystem`));
    case AWS_TYPES.ebsVolume: {
      const snapshot = readSetting(resource, ["snapshotId"]);
      const flag = encryptedFlag(`${label} sets encrypted without kmsKeyId: the account's default EBS key`);
      return kmsKeyId(
        snapshot.state !== "absent" && flag.state !== "service-default"
          ? unknownKey(`${label} is created from a snapshot (snapshotId) and keeps that snapshot's key, which cannot be seen`)
          : flag,
      );
    }
    case AWS_TYPES.ec2Instance:
      // Each inline volume has its own encrypted/kmsKeyId; an instance declaring none has no key judged here.
      if (inlineVolumes(resource).length === 0) return unknownKey(`the encryption of ${label} is not analysed`);
      return inlineVolumesKey(resource, (volume) => {
        if (volume.block === undefined) return unknownKey(`${volume.name} of ${label} is unknown during preview`);
        const block = volume.block;
        const encrypted = settledDeviceValue(resource, volume, readBoolean(block, ["encrypted"]));
        const what = `${volume.name} of ${label}`;
        const absent: KeyFact =
          encrypted.state === "unknown"
            ? unknownKey(`${volume.name}.encrypted of ${label} is unknown during preview`)
            : encrypted.state === "known" && encrypted.value
              ? serviceDefaultKey(`${what} sets encrypted without kmsKeyId: the account's default EBS key`)
              : { state: "unencrypted", basis: `${what} does not set encrypted` };
        return catalog.reference(resource, volume.path[0] as string, readRaw(block, ["kmsKeyId"]), [...volume.path, "kmsKeyId"], at, absent);
      });
    default:
      if (FSX_FILE_SYSTEM_TYPES.includes(resource.type)) return kmsKeyId(serviceDefaultKey(`kmsKeyId of ${label} not set: the AWS managed key aws/fsx`));
      return unknownKey(`the encryption of ${label} is not analysed`);
  }
}
