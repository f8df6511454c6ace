import { PlannedResource } from "../core/planned-stack";
import { readObject } from "../core/raw-values";
import { isUnknown } from "../core/unknowns";

/** The tags of every resource that sets none (shared: tags are never modified). */
const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

const cache = new WeakMap<PlannedResource, Readonly<Record<string, string>> | undefined>();

/**
 * A resource's tags, or `undefined` when they cannot be known before the deployment runs (the map or
 * any value unknown): a tag match must then be undecided, never "no match".
 */
export function resourceTags(resource: PlannedResource | undefined): Readonly<Record<string, string>> | undefined {
  if (!resource) return undefined;
  // The model asks for a resource's tags several times (stores, selections, the model's tag map): read once.
  if (cache.has(resource)) return cache.get(resource);
  const tags = readTags(resource);
  cache.set(resource, tags);
  return tags;
}

function readTags(resource: PlannedResource): Readonly<Record<string, string>> | undefined {
  const tags = readObject(resource.props, ["tags"]);
  if (tags.state === "absent") return NO_TAGS;
  if (tags.state === "unknown") return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(tags.value)) {
    const value = tags.value[key];
    if (isUnknown(value)) return undefined;
    // AWS tag values are strings: anything else is an unexpected shape, which cannot be judged.
    if (typeof value !== "string") return undefined;
    out[key] = value;
  }
  return out;
}
