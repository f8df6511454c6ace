import { JsonValue } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { Fact } from "../core/facts";
import { AccountFact } from "../core/protection-model";
import { readArray, readRaw, readString } from "../core/raw-values";
import { parseArn } from "./arn";
import { AWS_TYPES, FSX_FILE_SYSTEM_TYPES, S3_BUCKET_TYPES } from "./type-tokens";
import { resourceTags } from "./tags";
import { settledProps } from "../core/settings";

/** Whether an AWS Backup selection backs up a resource: `yes`, `no`, or `unknown` during preview. */
export type Coverage = "yes" | "no" | "unknown";

/** Matches `*`/`?` globs as AWS Backup does in ARN patterns and StringLike conditions. */
export function globMatch(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(value);
}

/** Tags per resource, read once: a broad selection is matched against every store. */
const tagCache = new WeakMap<PlannedResource, { readonly tags: Readonly<Record<string, string>> | undefined }>();

/** A resource's tags, undefined when any is unknown during preview (a tag match is then undecided). */
function tagsOf(resource: PlannedResource): Readonly<Record<string, string>> | undefined {
  let cached = tagCache.get(resource);
  if (!cached) tagCache.set(resource, (cached = { tags: resourceTags(resource) }));
  return cached.tags;
}

/** What a selection's `resources` or `notResources` says, read once per selection and stack index. */
interface SelectionList {
  /** The in-stack resources the property was computed from. */
  readonly references: ReadonlySet<PlannedResource>;
  readonly list: Fact<readonly JsonValue[]>;
}

const listCache = new WeakMap<StackIndex, WeakMap<PlannedResource, Map<string, SelectionList>>>();

function selectionList(index: StackIndex, selection: PlannedResource, property: string): SelectionList {
  let bySelection = listCache.get(index);
  if (!bySelection) listCache.set(index, (bySelection = new WeakMap()));
  let byProperty = bySelection.get(selection);
  if (!byProperty) bySelection.set(selection, (byProperty = new Map()));
  let cached = byProperty.get(property);
  if (!cached) {
    // `notResources` is optional and computed: left out by the program, it is the provider's default (none).
    const list = readArray(property === "notResources" ? settledProps(selection) : selection.props, [property]);
    byProperty.set(property, (cached = { references: new Set(index.dependenciesOf(selection, property)), list }));
  }
  return cached;
}

/** Where a resource is, to match the ARN a literal entry names against a resource whose ARN is not known yet. */
export interface ArnPlace {
  readonly region: Fact<string>;
  readonly account: AccountFact;
}

/** What the ARN of a resource not created yet will be. */
interface PredictedArn {
  readonly service: string;
  /** The resource part, when the resource's name decides it and is known. */
  readonly resource?: string;
  /** S3 ARNs name no region and no account. */
  readonly global: boolean;
  /** The name that decides the resource part is unknown during preview. */
  readonly nameUnknown?: boolean;
}

/**
 * The service and resource part of the ARN a resource will have: the resource part when its name decides
 * it (RDS instances and clusters, DocumentDB and Neptune clusters, DynamoDB tables, S3 buckets); only its
 * service when the name is unknown during preview, left to the provider (auto-named), or picked by AWS
 * (EFS, EBS, FSx ids). Undefined for types whose ARN is not modelled.
 */
function predictedArn(resource: PlannedResource): PredictedArn | undefined {
  const predict = (service: string, prefix: string, path: string, global = false): PredictedArn => {
    const name = readString(resource.props, [path]);
    // A name unknown during preview may be any name, the one an entry names included.
    if (name.state === "unknown") return { service, global, nameUnknown: true };
    return name.state === "known" ? { service, resource: `${prefix}${name.value}`, global } : { service, global };
  };
  switch (resource.type) {
    case AWS_TYPES.rdsInstance:
      return predict("rds", "db:", "identifier");
    case AWS_TYPES.rdsCluster:
    case AWS_TYPES.docdbCluster:
    case AWS_TYPES.neptuneCluster:
      return predict("rds", "cluster:", "clusterIdentifier");
    case AWS_TYPES.dynamodbTable:
      return predict("dynamodb", "table/", "name");
    case AWS_TYPES.ebsVolume:
    case AWS_TYPES.ec2Instance:
      return { service: "ec2", global: false };
    case AWS_TYPES.efsFileSystem:
      return { service: "elasticfilesystem", global: false };
    default:
      if (FSX_FILE_SYSTEM_TYPES.includes(resource.type)) return { service: "fsx", global: false };
      return S3_BUCKET_TYPES.includes(resource.type) ? predict("s3", "", "bucket", true) : undefined;
  }
}

/** Splits an ARN that may hold `*`/`?` wildcards in any part. */
function parseArnPattern(value: string): { readonly service: string; readonly region: string; readonly account: string; readonly resource: string } | undefined {
  const parts = value.trim().split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/**
 * Does a literal ARN entry (maybe with wildcards) name a resource whose ARN is not known yet? An entry of
 * another service, region or account does not; one whose resource part cannot be compared (the name is
 * not known, or AWS picks the id) may, if it has wildcards. A literal entry without wildcards cannot name a
 * resource whose name is not chosen yet: `include` takes that as no match (the resource is not selected,
 * failing closed), `exclude` as undecided (a notResources entry must not be taken to leave a store in).
 */
function matchesPredicted(entry: string, resource: PlannedResource, where: ArnPlace | undefined, mode: "include" | "exclude"): Coverage {
  const predicted = predictedArn(resource);
  const arn = parseArnPattern(entry);
  const wildcard = /[*?]/.test(entry);
  if (!predicted || !arn) return wildcard && !predicted ? "unknown" : "no";
  if (!globMatch(arn.service, predicted.service)) return "no";
  let result: Coverage = "yes";
  if (!predicted.global) {
    if (where?.region.state === "known") {
      if (!globMatch(arn.region, where.region.value)) return "no";
    } else result = "unknown";
    const account = where?.account;
    if (account?.state === "known" && account.accountIds.length === 1) {
      if (!globMatch(arn.account, account.accountIds[0])) return "no";
    } else result = "unknown";
  }
  if (predicted.resource === undefined) return wildcard || predicted.nameUnknown || mode === "exclude" ? "unknown" : "no";
  return globMatch(arn.resource, predicted.resource) ? result : "no";
}

/**
 * Does the selection's `property` list (`resources` or `notResources`) name the resource: by reference,
 * `"*"`, its ARN, or the ARN it will have? In `exclude` mode every entry that may name it counts as undecided.
 */
function listed(index: StackIndex, selection: PlannedResource, property: string, resource: PlannedResource, where: ArnPlace | undefined, mode: "include" | "exclude"): Coverage {
  const { references, list } = selectionList(index, selection, property);
  if (references.has(resource)) return "yes";
  if (list.state === "unknown") return "unknown";
  if (list.state !== "known") return "no";
  const arn = readString(resource.props, ["arn"]);
  let result: Coverage = "no";
  for (const item of list.value) {
    const value = readString(item as JsonValue, []);
    if (value.state === "unknown") {
      // An unknown entry not explained by propertyDependencies is some other resource's ARN, or a value of unknown origin.
      if ((selection.propertyDependencies[property] ?? []).length === 0) result = "unknown";
      continue;
    }
    if (value.state !== "known") continue;
    if (value.value === "*") return "yes";
    if (arn.state === "known") {
      if (globMatch(value.value, arn.value)) return "yes";
      continue;
    }
    // Not created yet (or its ARN not reported): its ARN follows from its name for some types; AWS picks the id of others.
    const match = matchesPredicted(value.value, resource, where, mode);
    if (match === "yes") return "yes";
    if (match === "unknown") result = "unknown";
  }
  return result;
}

function conditionHolds(kind: string, key: string, expected: string, tags: Readonly<Record<string, string>>): boolean {
  const tag = key.replace(/^aws:ResourceTag\//, "");
  const actual = tags[tag];
  switch (kind) {
    case "stringEquals":
      return actual === expected;
    case "stringNotEquals":
      return actual !== expected;
    case "stringLikes":
      return actual !== undefined && globMatch(expected, actual);
    case "stringNotLikes":
      return actual === undefined || !globMatch(expected, actual);
    default:
      return false;
  }
}

/**
 * Does `selection` back up `resource`? Resources are selected by `resources` (references, ARNs, `*` and
 * ARN wildcards) or by `selectionTags` (any of them), narrowed by `conditions` (all of them), minus
 * `notResources`.
 */
export function selectionCovers(index: StackIndex, selection: PlannedResource, resource: PlannedResource, where?: ArnPlace): Coverage {
  const byList = listed(index, selection, "resources", resource, where, "include");
  const selectionTags = readArray(selection.props, ["selectionTags"]);
  const tags = tagsOf(resource);
  let byTags: Coverage = "no";
  if (selectionTags.state === "unknown") byTags = "unknown";
  else if (selectionTags.state === "known") {
    for (const entry of selectionTags.value) {
      const type = readString(entry, ["type"]);
      const key = readString(entry, ["key"]);
      const value = readString(entry, ["value"]);
      if (type.state === "unknown" || key.state === "unknown" || value.state === "unknown" || !tags) {
        byTags = "unknown";
        continue;
      }
      if (key.state === "known" && value.state === "known" && tags[key.value] === value.value) {
        byTags = "yes";
        break;
      }
    }
  }
  const selected: Coverage = byList === "yes" || byTags === "yes" ? "yes" : byList === "unknown" || byTags === "unknown" ? "unknown" : "no";
  if (selected === "no") return "no";
  let narrowed: Coverage = selected;
  // `conditions` is a list of blocks in the SDK; a single object is accepted too.
  const conditions = readRaw(settledProps(selection), ["conditions"]);
  if (conditions.state === "unknown") narrowed = "unknown";
  const blocks: readonly JsonValue[] = conditions.state === "known" ? (Array.isArray(conditions.value) ? conditions.value : [conditions.value]) : [];
  for (const block of blocks) {
    for (const kind of ["stringEquals", "stringNotEquals", "stringLikes", "stringNotLikes"]) {
      const entries = readArray(block, [kind]);
      if (entries.state === "unknown") narrowed = "unknown";
      for (const entry of entries.state === "known" ? entries.value : []) {
        const key = readString(entry, ["key"]);
        const value = readString(entry, ["value"]);
        if (key.state !== "known" || value.state !== "known" || !tags) {
          narrowed = "unknown";
          continue;
        }
        if (!conditionHolds(kind, key.value, value.value, tags)) return "no";
      }
    }
  }
  const excluded = selectionExcludes(index, selection, resource, where);
  if (excluded === "yes") return "no";
  if (excluded === "unknown") return "unknown";
  return narrowed;
}

/** Does the selection's `notResources` name the resource (by reference, `"*"`, ARN or ARN pattern)? `unknown` when it may. */
export function selectionExcludes(index: StackIndex, selection: PlannedResource, resource: PlannedResource, where?: ArnPlace): Coverage {
  return listed(index, selection, "notResources", resource, where, "exclude");
}

/**
 * Finds the selections that may cover a resource without testing every selection against every
 * resource: by reference, exact ARN and tag; selections with wildcards, conditions-only or unknown
 * entries are always candidates. `selectionCovers` decides.
 */
export class SelectionIndex {
  private readonly byArn = new Map<string, PlannedResource[]>();
  /** Literal ARNs by service and resource part, for resources whose ARN is not known yet. */
  private readonly byArnName = new Map<string, PlannedResource[]>();
  /** Literal ARNs by service, for resources whose name (and so ARN) is unknown during preview. */
  private readonly byService = new Map<string, PlannedResource[]>();
  private readonly byTag = new Map<string, PlannedResource[]>();
  private readonly broad: PlannedResource[] = [];
  private readonly known: ReadonlySet<PlannedResource>;

  constructor(
    private readonly index: StackIndex,
    readonly selections: readonly PlannedResource[],
  ) {
    const push = (map: Map<string, PlannedResource[]>, key: string, selection: PlannedResource): void => {
      const list = map.get(key);
      if (list) {
        if (list[list.length - 1] !== selection) list.push(selection);
      } else map.set(key, [selection]);
    };
    this.known = new Set(selections);
    for (const selection of selections) {
      let broad = false;
      const list = readArray(selection.props, ["resources"]);
      if (list.state === "unknown") broad = true;
      const referenced = (selection.propertyDependencies["resources"] ?? []).length > 0;
      for (const item of list.state === "known" ? list.value : []) {
        const value = readString(item, []);
        if (value.state === "known" && !/[*?]/.test(value.value)) {
          push(this.byArn, value.value, selection);
          const parsed = parseArn(value.value);
          if (parsed) {
            push(this.byArnName, `${parsed.service}\u0000${parsed.resource}`, selection);
            push(this.byService, parsed.service, selection);
          }
        }
        else if (value.state === "known" || (value.state === "unknown" && !referenced)) broad = true;
      }
      const tags = readArray(selection.props, ["selectionTags"]);
      if (tags.state === "unknown") broad = true;
      for (const entry of tags.state === "known" ? tags.value : []) {
        const key = readString(entry, ["key"]);
        const value = readString(entry, ["value"]);
        if (key.state === "known" && value.state === "known") push(this.byTag, `${key.value}\u0000${value.value}`, selection);
        else broad = true;
      }
      if (broad) this.broad.push(selection);
    }
  }

  /** Selections that may cover the resource (a superset; check each with `selectionCovers`). */
  candidates(resource: PlannedResource): PlannedResource[] {
    const out = new Set<PlannedResource>(this.index.dependentsOf(resource, "resources").filter((r) => this.known.has(r)));
    const arn = readString(resource.props, ["arn"]);
    if (arn.state === "known") for (const s of this.byArn.get(arn.value) ?? []) out.add(s);
    const predicted = arn.state !== "known" ? predictedArn(resource) : undefined;
    if (predicted?.resource !== undefined) for (const s of this.byArnName.get(`${predicted.service}\u0000${predicted.resource}`) ?? []) out.add(s);
    if (predicted && predicted.resource === undefined) for (const s of this.byService.get(predicted.service) ?? []) out.add(s);
    const tags = tagsOf(resource);
    if (tags === undefined) {
      for (const list of this.byTag.values()) for (const s of list) out.add(s);
    } else {
      for (const [key, value] of Object.entries(tags)) for (const s of this.byTag.get(`${key}\u0000${value}`) ?? []) out.add(s);
    }
    for (const s of this.broad) out.add(s);
    return [...out];
  }
}
