import { PlannedResource } from "../core/planned-stack";
import { readObject } from "../core/raw-values";
import { isUnknown } from "../core/unknowns";

/**
 * A resource's tags, or `undefined` when they cannot be known before the deployment runs (the map or
 * any value unknown): a tag match must then be undecided, never "no match".
 */
export function resourceTags(resource: PlannedResource | undefined): Readonly<Record<string, string>> | undefined {
  if (!resource) return undefined;
  const tags = readObject(resource.props, ["tags"]);
  if (tags.state === "absent") return {};
  if (tags.state === "unknown") return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags.value)) {
    if (isUnknown(value)) return undefined;
    // AWS tag values are strings: anything else is an unexpected shape, which cannot be judged.
    if (typeof value !== "string") return undefined;
    out[key] = value;
  }
  return out;
}
