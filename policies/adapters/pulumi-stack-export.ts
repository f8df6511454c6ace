// `pulumi stack export` (a deployment, version 3) → planned stack. The state of a deployment that ran:
// few unknowns, but secrets are encrypted (read as unknown) and the stack configuration is not in it
// (default providers carry their own `aws:*` settings as inputs).
import { isJsonObject } from "../core/json";
import { PlannedStack } from "../core/planned-stack";
import { InputError } from "./input-error";
import { EngineStateResource, plannedResourcesFromEngineState, readEngineResource } from "./pulumi-engine-state";

/** The deployment version this adapter reads (`apitype.DeploymentSchemaVersionCurrent`). */
export const DEPLOYMENT_VERSION = 3;

/** True when a JSON document looks like `pulumi stack export` output (or a raw state checkpoint). */
export function looksLikeStackExport(json: unknown): boolean {
  if (!isJsonObject(json) || typeof json["version"] !== "number") return false;
  return isJsonObject(json["deployment"]) || isJsonObject(json["checkpoint"]);
}

/**
 * Reads a stack export (`{version: 3, deployment: {resources: [...]}}`, or a backend's checkpoint file
 * `{version: 3, checkpoint: {latest: {...}}}`). Resources pending deletion (`delete: true`, the old
 * half of a replacement) are gone after the deployment and are skipped. Throws {@link InputError}.
 */
export function stackFromStackExport(json: unknown): PlannedStack {
  if (!looksLikeStackExport(json) || !isJsonObject(json)) throw new InputError("not a Pulumi stack export");
  const version = json["version"];
  if (version !== DEPLOYMENT_VERSION) {
    throw new InputError(`Pulumi deployment version ${JSON.stringify(version)} is not supported (backup-guard reads version ${DEPLOYMENT_VERSION})`, "version");
  }
  const checkpoint = json["checkpoint"];
  const deployment = isJsonObject(checkpoint) ? checkpoint["latest"] : json["deployment"];
  const where = isJsonObject(checkpoint) ? "checkpoint.latest" : "deployment";
  if (deployment === undefined || deployment === null) return { resources: [], stackConfig: {}, scope: "stack" };
  if (!isJsonObject(deployment)) throw new InputError("expected an object", where);
  const list = deployment["resources"] ?? [];
  if (!Array.isArray(list)) throw new InputError("expected a list of resources", `${where}.resources`);
  const resources: EngineStateResource[] = [];
  list.forEach((item, i) => {
    if (isJsonObject(item) && item["delete"] === true) return;
    resources.push(readEngineResource(item, `${where}.resources[${i}]`));
  });
  return { resources: plannedResourcesFromEngineState(resources), stackConfig: {}, scope: "stack" };
}
