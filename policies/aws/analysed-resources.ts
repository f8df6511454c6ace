import { ANALYSED_TYPES } from "../clouds/analysed-types";

/**
 * The resources a rule can look at: backup resources and whatever their properties were computed from
 * (the primaries a selection names, the vaults a plan refers to). Keeping only those keeps large stacks
 * cheap; nothing else can change a finding. Shared by the pack (over `@pulumi/policy` resources) and the
 * command (over planned resources), so both judge the same resources.
 */
export function analysedResources<R extends { readonly type: string; readonly urn: string }>(
  resources: readonly R[],
  dependencyUrns: (resource: R) => Iterable<string>,
): R[] {
  // Often (a plan read by the command) every resource is of an analysed type: then every one is kept.
  if (resources.every((resource) => ANALYSED_TYPES.has(resource.type))) return [...resources];
  const wanted = new Set<string>();
  for (const resource of resources) {
    if (!ANALYSED_TYPES.has(resource.type)) continue;
    wanted.add(resource.urn);
    for (const urn of dependencyUrns(resource)) wanted.add(urn);
  }
  return resources.filter((resource) => wanted.has(resource.urn));
}
