// The clouds backup-guard knows, behind one entry point: each cloud model reads its own resource types
// and feeds the same cloud-neutral protection model, which the rules judge without knowing the cloud.
import { AwsModelOptions, buildAwsProtectionModel } from "../aws/protection-model";
import { PlannedStack } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
import { buildOvhProtectionModel } from "../ovh/protection-model";
import { OVH_ANALYSED_TYPES } from "../ovh/type-tokens";

export { ANALYSED_TYPES } from "./analysed-types";

/** Merges the models of several clouds of one stack (they describe disjoint resources). */
export function mergeModels(first: ProtectionModel, ...others: readonly ProtectionModel[]): ProtectionModel {
  let out = first;
  for (const other of others) {
    const tags = new Map([...(out.resourceTags ?? []), ...(other.resourceTags ?? [])]);
    out = {
      wholeStack: out.wholeStack,
      routes: [...out.routes, ...other.routes],
      immutabilityControls: [...out.immutabilityControls, ...other.immutabilityControls],
      zonalResources: [...out.zonalResources, ...other.zonalResources],
      dataStores: [...out.dataStores, ...other.dataStores],
      vaults: [...out.vaults, ...other.vaults],
      problems: [...out.problems, ...other.problems],
      ...(out.resourceTags !== undefined || other.resourceTags !== undefined ? { resourceTags: tags } : {}),
    };
  }
  return out;
}

/** What a model may need besides the stack: facts the organisation declares (vaults outside the stack). */
export type ModelOptions = AwsModelOptions;

/** Builds the protection model of every cloud of a planned stack. */
export function buildProtectionModel(stack: PlannedStack, options: ModelOptions = {}): ProtectionModel {
  const aws = buildAwsProtectionModel(stack, options);
  const model = stack.resources.some((resource) => OVH_ANALYSED_TYPES.has(resource.type)) ? mergeModels(aws, buildOvhProtectionModel(stack)) : aws;
  return stack.vocabulary ? { ...model, vocabulary: stack.vocabulary } : model;
}
