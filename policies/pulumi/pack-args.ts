import type { PolicyPackArgs } from "@pulumi/policy";
import { EXTERNAL_VAULTS_POLICY_ID } from "../aws/external-vaults";
import { EXEMPTIONS_POLICY_ID } from "../core/exemptions";
import { RULES } from "../rules";
import { AnalysisSession } from "./analysis-session";
import { clockFromEnv } from "./clock";
import { PolicyEnvironment, toPulumiPolicy } from "./pulumi-policy";
import { stackConfigFromEnv } from "./stack-config";

/** The pack's name: what users put in `pulumi policy enable <org>/backup-guard`. */
export const PACK_NAME = "backup-guard";

/**
 * The environment of a pack process: the stack config and the clock it was started with, and a fresh
 * session. Problems with either are reported by every policy.
 */
export function packEnvironment(env: NodeJS.ProcessEnv = process.env): PolicyEnvironment {
  const { config, error } = stackConfigFromEnv(env);
  const clock = clockFromEnv(env);
  const errors = [error, clock.error].filter((e): e is string => e !== undefined);
  return {
    session: new AnalysisSession(),
    stackConfig: config,
    today: clock.today,
    ...(errors.length > 0 ? { environmentError: errors.join("; ") } : {}),
  };
}

/** The arguments of `new PolicyPack(PACK_NAME, ...)`; building them starts nothing. */
export function policyPackArgs(environment: PolicyEnvironment = packEnvironment()): PolicyPackArgs {
  // backup-exemptions comes first and backup-external-vaults second: the runtime calls policies in this
  // order for each request, and the others read the exemptions and vaults they validated for the same request.
  const first = [EXEMPTIONS_POLICY_ID, EXTERNAL_VAULTS_POLICY_ID];
  const ordered = [...first.flatMap((id) => RULES.filter((rule) => rule.meta.id === id)), ...RULES.filter((rule) => !first.includes(rule.meta.id))];
  return {
    displayName: "backup-guard",
    description:
      "Blocks deployments whose backups would not survive a disaster: copies in the same region, vaults without a compliance-mode lock, no copy out of the production account's reach.",
    enforcementLevel: "mandatory",
    policies: ordered.map((rule) => toPulumiPolicy(rule, environment)),
  };
}
