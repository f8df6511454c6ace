import { DataStore } from "./data-stores";
import { ConfigProperty } from "./rule";

/**
 * Which data stores a governance policy protects. Every policy that judges data stores has these keys,
 * with the same defaults, so that one org config can tune them alike.
 */
export interface StoreScopeConfig {
  /** Types protected unless excluded by tag. */
  readonly resourceTypes: readonly string[];
  /** Types protected only when they carry one of `includeTags` (S3 buckets by default). */
  readonly taggedResourceTypes: readonly string[];
  /** `key` or `key=value`: makes a resource of `taggedResourceTypes` protected. */
  readonly includeTags: readonly string[];
  /** `key` or `key=value`: a resource carrying one of these is not protected. */
  readonly excludeTags: readonly string[];
}

/** The types protected by default: databases, file systems and volumes. */
export const DEFAULT_PROTECTED_TYPES: readonly string[] = [
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:dynamodb/table:Table",
  "aws:efs/fileSystem:FileSystem",
  "aws:fsx/windowsFileSystem:WindowsFileSystem",
  "aws:fsx/lustreFileSystem:LustreFileSystem",
  "aws:fsx/ontapFileSystem:OntapFileSystem",
  "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
  "aws:ebs/volume:Volume",
];

/** The types protected only when tagged. */
export const DEFAULT_TAGGED_TYPES: readonly string[] = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** The tag that marks a bucket (or any `taggedResourceTypes` resource) as holding data to protect. */
export const DEFAULT_INCLUDE_TAG = "backup-guard:protected";

/** Types the model also knows as data stores, protected only when configured (resourceTypes or taggedResourceTypes). */
export const OPTIONAL_TYPES: readonly string[] = ["aws:docdb/cluster:Cluster", "aws:neptune/cluster:Cluster"];

const ALL_TYPES = [...DEFAULT_PROTECTED_TYPES, ...DEFAULT_TAGGED_TYPES, ...OPTIONAL_TYPES];
const TAG_PATTERN = "^[^=]+(=.*)?$";

/** The config properties of the store scope (spread into a rule's `config`). */
export const STORE_SCOPE_PROPERTIES: Readonly<Record<keyof StoreScopeConfig, ConfigProperty>> = {
  resourceTypes: {
    type: "array",
    items: { type: "string", enum: ALL_TYPES },
    uniqueItems: true,
    default: [...DEFAULT_PROTECTED_TYPES],
    description:
      "Resource types whose data must be protected (type tokens), unless they carry one of excludeTags. Default: RDS instances (not read replicas), RDS/Aurora clusters, DynamoDB tables, EFS and FSx file systems, EBS volumes. Also accepted: DocumentDB and Neptune clusters (aws:docdb/cluster:Cluster, aws:neptune/cluster:Cluster).",
  },
  taggedResourceTypes: {
    type: "array",
    items: { type: "string", enum: ALL_TYPES },
    uniqueItems: true,
    default: [...DEFAULT_TAGGED_TYPES],
    description: "Resource types protected only when they carry one of includeTags. Default: S3 buckets.",
  },
  includeTags: {
    type: "array",
    items: { type: "string", pattern: TAG_PATTERN },
    uniqueItems: true,
    default: [DEFAULT_INCLUDE_TAG],
    description:
      'Tags (`key` or `key=value`) that make a resource of taggedResourceTypes protected, e.g. a bucket tagged `backup-guard:protected`.',
  },
  excludeTags: {
    type: "array",
    items: { type: "string", pattern: TAG_PATTERN },
    uniqueItems: true,
    default: [],
    description: "Tags (`key` or `key=value`) that take a resource out of scope, e.g. `environment=scratch` for disposable data.",
  },
};

function carries(tags: Readonly<Record<string, string>>, spec: string): boolean {
  const at = spec.indexOf("=");
  if (at < 0) return spec in tags;
  return tags[spec.slice(0, at)] === spec.slice(at + 1);
}

/** A tag spec split once: `key` (value undefined) or `key=value`. */
interface TagSpec {
  readonly key: string;
  readonly value?: string;
}

/** What `inScope` asks of a scope, worked out once per scope object. */
interface CompiledScope {
  readonly byType: ReadonlySet<string>;
  readonly byTag: ReadonlySet<string>;
  readonly include: readonly TagSpec[];
  readonly exclude: readonly TagSpec[];
}

function tagSpec(spec: string): TagSpec {
  const at = spec.indexOf("=");
  return at < 0 ? { key: spec } : { key: spec.slice(0, at), value: spec.slice(at + 1) };
}

function carriesSpec(tags: Readonly<Record<string, string>>, spec: TagSpec): boolean {
  return spec.value === undefined ? spec.key in tags : tags[spec.key] === spec.value;
}

/** Whether the tags carry one of the specs (a loop, not `some`: called for every store by several rules). */
function carriesAny(tags: Readonly<Record<string, string>>, specs: readonly TagSpec[]): boolean {
  for (let i = 0; i < specs.length; i++) if (carriesSpec(tags, specs[i])) return true;
  return false;
}

/** Each scope compiled (a rule asks about every data store of the stack with the same scope object). */
const compiledScopes = new WeakMap<StoreScopeConfig, CompiledScope>();

function compiled(scope: StoreScopeConfig): CompiledScope {
  let out = compiledScopes.get(scope);
  if (!out) {
    out = {
      byType: new Set(scope.resourceTypes),
      byTag: new Set(scope.taggedResourceTypes),
      include: scope.includeTags.map(tagSpec),
      exclude: scope.excludeTags.map(tagSpec),
    };
    compiledScopes.set(scope, out);
  }
  return out;
}

/**
 * Whether a data store is protected under the scope: `yes`, `no`, or `unknown` when its tags are
 * unknown during preview and they decide it.
 */
export function inScope(store: DataStore, scope: StoreScopeConfig): "yes" | "no" | "unknown" {
  const { byType: types, byTag: tagged, include, exclude } = compiled(scope);
  const type = store.type;
  const byType = types.has(type);
  const byTag = tagged.has(type);
  if (!byType && !byTag) return "no";
  const tagsMatter = exclude.length > 0 || (!byType && include.length > 0);
  const tags = store.tags;
  if (tags === undefined) return tagsMatter ? "unknown" : byType ? "yes" : "no";
  if (carriesAny(tags, exclude)) return "no";
  if (byType) return "yes";
  return carriesAny(tags, include) ? "yes" : "no";
}

/** Why a store is in scope, for messages. */
export function scopeReason(store: DataStore, scope: StoreScopeConfig): string {
  if (scope.resourceTypes.includes(store.type)) return "a protected data store (resourceTypes)";
  const tags = store.tags ?? {};
  const tag = scope.includeTags.find((spec) => carries(tags, spec));
  return tag ? `a protected data store (tagged ${tag})` : "a protected data store";
}
