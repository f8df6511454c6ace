import type { PolicyPackArgs } from "@pulumi/policy";
import { RULES } from "../rules";
import { AnalysisSession } from "./analysis-session";
import { PolicyEnvironment, toPulumiPolicy } from "./pulumi-policy";
import { stackConfigFromEnv } from "./stack-config";

/** The pack's name: what users put in `pulumi policy enable <org>/backup-guard`. */
export const PACK_NAME = "backup-guard";

/** The environment of a pack process: the stack config it was started with and a fresh session. */
export function packEnvironment(env: NodeJS.ProcessEnv = process.env): PolicyEnvironment {
  const { config, error } = stackConfigFromEnv(env);
  return { session: new AnalysisSession(), stackConfig: config, environmentError: error };
}

/** The arguments of `new PolicyPack(PACK_NAME, ...)`; building them starts nothing. */
export function policyPackArgs(environment: PolicyEnvironment = packEnvironment()): PolicyPackArgs {
  return {
    displayName: "backup-guard",
    description:
      "Blocks deployments whose backups would not survive a disaster: copies in the same region, vaults without a compliance-mode lock, no copy out of the production account's reach.",
    enforcementLevel: "mandatory",
    policies: RULES.map((rule) => toPulumiPolicy(rule, environment)),
  };
}
