import { JsonValue } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { readArray, readRaw, readString } from "../core/raw-values";
import { resourceTags } from "./tags";

/** Whether an AWS Backup selection backs up a resource: `yes`, `no`, or `unknown` during preview. */
export type Coverage = "yes" | "no" | "unknown";

/** Matches `*`/`?` globs as AWS Backup does in ARN patterns and StringLike conditions. */
export function globMatch(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(value);
}

/** A resource's tags, undefined when any is unknown during preview (a tag match is then undecided). */
function tagsOf(resource: PlannedResource): Readonly<Record<string, string>> | undefined {
  return resourceTags(resource);
}

function listed(index: StackIndex, selection: PlannedResource, property: string, resource: PlannedResource): Coverage {
  if (index.dependenciesOf(selection, property).includes(resource)) return "yes";
  const list = readArray(selection.props, [property]);
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
    if (arn.state === "known" && globMatch(value.value, arn.value)) return "yes";
    if (arn.state === "unknown" && /[*?]/.test(value.value)) result = "unknown";
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
export function selectionCovers(index: StackIndex, selection: PlannedResource, resource: PlannedResource): Coverage {
  const byList = listed(index, selection, "resources", resource);
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
  const conditions = readRaw(selection.props, ["conditions"]);
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
  const excluded = listed(index, selection, "notResources", resource);
  if (excluded === "yes") return "no";
  if (excluded === "unknown") return "unknown";
  return narrowed;
}

/**
 * Finds the selections that may cover a resource without testing every selection against every
 * resource: by reference, exact ARN and tag; selections with wildcards, conditions-only or unknown
 * entries are always candidates. `selectionCovers` decides.
 */
export class SelectionIndex {
  private readonly byArn = new Map<string, PlannedResource[]>();
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
        if (value.state === "known" && !/[*?]/.test(value.value)) push(this.byArn, value.value, selection);
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
