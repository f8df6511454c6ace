// The type tokens of every cloud, apart from the cloud models themselves: the pack needs them at start-up
// (to skip resources no rule reads) while the models load on the first resource to analyse.
import { AWS_ANALYSED_TYPES } from "../aws/type-tokens";
import { OVH_ANALYSED_TYPES } from "../ovh/type-tokens";

/** Every type whose properties can change a finding, of every cloud. */
export const ANALYSED_TYPES: ReadonlySet<string> = new Set([...AWS_ANALYSED_TYPES, ...OVH_ANALYSED_TYPES]);
