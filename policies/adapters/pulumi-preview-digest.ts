// `pulumi preview --json` (a PreviewDigest) → planned stack: the `newState` of every step, i.e. each
// resource as it would be after the update, with the unknown sentinel where preview cannot know a value.
import { isJsonObject } from "../core/json";
import { PlannedStack } from "../core/planned-stack";
import { InputError } from "./input-error";
import { EngineStateResource, plannedResourcesFromEngineState, readEngineResource } from "./pulumi-engine-state";

/** How the JSON display writes a secret it does not show. */
const HIDDEN_SECRET = "[secret]";

/** Steps whose resource does not exist after the update (their `newState`, if any, is not kept). */
const GONE_OPS: ReadonlySet<string> = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);

/** True when a JSON document looks like `pulumi preview --json` output. */
export function looksLikePreviewDigest(json: unknown): boolean {
  return isJsonObject(json) && Array.isArray(json["steps"]) && !("resource_changes" in json) && !("format_version" in json);
}

/**
 * Reads a preview digest (`{config, steps: [{op, urn, newState}], diagnostics, changeSummary}`).
 * Deleted resources are gone; a resource with several steps (a replacement) is taken once, from its
 * first step with a new state. The digest's `config` (secrets hidden) is the stack configuration.
 * Throws {@link InputError}.
 */
export function stackFromPreviewDigest(json: unknown): PlannedStack {
  if (!looksLikePreviewDigest(json) || !isJsonObject(json)) throw new InputError("not a Pulumi preview digest");
  const steps = json["steps"] as unknown[];
  const resources: EngineStateResource[] = [];
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    if (!isJsonObject(step)) throw new InputError("expected a step object", `steps[${i}]`);
    const op = step["op"];
    if (typeof op !== "string") throw new InputError("expected the step's operation", `steps[${i}].op`);
    const state = step["newState"];
    if (GONE_OPS.has(op) || state === undefined || state === null) return;
    const resource = readEngineResource(state, `steps[${i}].newState`, HIDDEN_SECRET);
    if (seen.has(resource.urn)) return;
    seen.add(resource.urn);
    resources.push(resource);
  });
  const stackConfig: Record<string, string> = {};
  const config = json["config"];
  if (config !== undefined && config !== null) {
    if (!isJsonObject(config)) throw new InputError("expected an object", "config");
    for (const [key, value] of Object.entries(config)) {
      // A hidden secret is not configuration we can read: leave the key out (the model then says so).
      if (value === HIDDEN_SECRET) continue;
      stackConfig[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { resources: plannedResourcesFromEngineState(resources), stackConfig, scope: "stack" };
}
