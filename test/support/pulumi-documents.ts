// Turns what the harness sends the pack (the engine's requests for a captured program) into the JSON
// documents the Pulumi CLI writes for the same deployment: `pulumi stack export` (version 3) and
// `pulumi preview --json`. The command must give the same findings on them as the pack over gRPC.
import type { EngineRequests } from "../../harness/engine-requests";
import type { JsonObject } from "../../harness/wire-values";
import { UNKNOWN_STRING } from "../../policies/core/unknowns";

interface EngineStateDocument {
  urn: string;
  custom: boolean;
  type: string;
  inputs: JsonObject;
  outputs: JsonObject;
  parent?: string;
  provider?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  id?: string;
}

/** The engine state (`ResourceV3`) of each resource, providers referenced as `<urn>::<id>`. */
export function engineStates(requests: EngineRequests, providerId: (urn: string) => string): EngineStateDocument[] {
  const inputs = new Map(requests.analyze.map((r) => [r.urn, r.properties]));
  return requests.analyzeStack.map((resource) => {
    const id = resource.properties["id"];
    const state: EngineStateDocument = {
      urn: resource.urn,
      // Custom resources have a provider (or are one); components and the root stack are not custom.
      custom: resource.provider !== undefined || resource.type.startsWith("pulumi:providers:"),
      type: resource.type,
      inputs: inputs.get(resource.urn) ?? {},
      outputs: resource.properties,
    };
    if (typeof id === "string") state.id = id;
    if (resource.parent) state.parent = resource.parent;
    if (resource.provider) state.provider = `${resource.provider.urn}::${providerId(resource.provider.urn)}`;
    if (resource.dependencies.length > 0) state.dependencies = resource.dependencies;
    if (Object.keys(resource.propertyDependencies).length > 0) state.propertyDependencies = resource.propertyDependencies;
    return state;
  });
}

/** `pulumi stack export` of the deployment (as if it had run: provider ids known). */
export function stackExport(requests: EngineRequests): JsonObject {
  const resources = engineStates(requests, (urn) => `${urn.slice(urn.lastIndexOf("::") + 2)}-id`);
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.248.0" },
      secrets_providers: { type: "passphrase" },
      resources,
    },
  } as unknown as JsonObject;
}

/** `pulumi preview --json` of the deployment: one create step per resource, provider ids unknown. */
export function previewDigest(requests: EngineRequests, stackConfig: Record<string, string>): JsonObject {
  const states = engineStates(requests, () => UNKNOWN_STRING);
  return {
    config: stackConfig,
    steps: states.map((state) => ({ op: "create", urn: state.urn, ...(state.provider ? { provider: state.provider } : {}), newState: state })),
    diagnostics: [],
    duration: 1,
    changeSummary: { create: states.length },
  } as unknown as JsonObject;
}
