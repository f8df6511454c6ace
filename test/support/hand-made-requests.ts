// Shared by the protocol tests that send hand-made engine requests: a configured pack and a builder of
// resources shaped like the engine's AnalyzeStack entries (stack "edge" of project "proj").
import * as path from "path";
import { engineStylePolicyConfig } from "../../harness/analyzer-client";
import type { EngineProviderResource, EngineStackResource } from "../../harness/engine-requests";
import { type PolicyPackProcess, startPolicyPack } from "../../harness/pack-process";
import type { PolicyConfigFile } from "../../harness/policy-pack-config";
import type { JsonObject } from "../../harness/wire-values";

const PACK_DIR = path.join(__dirname, "..", "..", "policypack");

/** Where a hand-made resource comes from: its provider (`null`: none, as in a state file) and graph edges. */
export interface HandMadeOptions {
  readonly provider?: EngineProviderResource | null;
  readonly propertyDependencies?: Record<string, string[]>;
}

/** A resource as the engine sends it to AnalyzeStack (and, without the edges, to Analyze). */
export function handMadeResource(type: string, name: string, properties: JsonObject, defaultProvider: EngineProviderResource, extra: HandMadeOptions = {}): EngineStackResource {
  const propertyDependencies = extra.propertyDependencies ?? {};
  return {
    urn: `urn:pulumi:edge::proj::${type}::${name}`,
    type,
    name,
    properties,
    options: { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], parent: "" },
    ...(extra.provider === null ? {} : { provider: extra.provider ?? defaultProvider }),
    parent: "",
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
  };
}

/** Starts the pack (configured as the engine does: every policy's level and schema defaults) around the file's tests. */
export function useConfiguredPack(stackConfig: Record<string, string>, userConfig?: PolicyConfigFile): () => PolicyPackProcess {
  let pack: PolicyPackProcess | undefined;
  beforeAll(async () => {
    pack = await startPolicyPack({ packDir: PACK_DIR, project: "proj", stack: "edge", stackConfig, dryRun: true });
    await pack.client.configure(engineStylePolicyConfig(await pack.client.getAnalyzerInfo(), userConfig));
  });
  afterAll(async () => {
    await pack?.stop();
  });
  return () => {
    if (!pack) throw new Error("the pack is not started");
    return pack;
  };
}
