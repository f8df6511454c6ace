// Runs every policy's stack validation the way the @pulumi/policy runtime does, with its proxies that
// throw on reading an unknown, and checks that nothing fails open.
import { PolicyResource, StackValidationArgs, unknownCheckingProxy } from "@pulumi/policy";
import { PlannedStack } from "../../policies/core/planned-stack";
import { AnalysisSession } from "../../policies/pulumi/analysis-session";
import { toPulumiPolicy } from "../../policies/pulumi/pulumi-policy";
import { RULES } from "../../policies/rules";

/** The policies that report some findings with the advisory outcome, at the advisory level whatever theirs. */
const ADVISORY_OUTCOME_RULES: readonly string[] = ["backup-deletion-protection", "backup-key-separation", "backup-retention-minimum"];

/**
 * Every policy validates the stack through the runtime's unknown-checking proxies without throwing,
 * without a "can't run" or "could not evaluate" report, and at its own level only (or advisory, for an advisory outcome).
 */
export async function expectEveryPolicyRunsCleanly(stack: PlannedStack): Promise<void> {
  const resources = stack.resources.map(
    (r) =>
      ({
        ...r,
        props: unknownCheckingProxy(r.props),
        provider: r.provider ? { ...r.provider, props: unknownCheckingProxy(r.provider.props) } : undefined,
        dependencies: [],
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((urn) => ({ urn }))])),
      }) as unknown as PolicyResource,
  );
  for (const rule of RULES) {
    const policy = toPulumiPolicy(rule, { session: new AnalysisSession(), stackConfig: stack.stackConfig });
    const levels: unknown[] = [];
    const args = { resources, getConfig: () => ({}), stackTags: new Map(), notApplicable: () => undefined } as unknown as StackValidationArgs;
    await policy.validateStack(args, ((v: { enforcementLevel?: string; message: string }) => {
      expect(v.message).not.toMatch(/can't run|could not evaluate/);
      levels.push(v.enforcementLevel);
    }) as never);
    // Only an advisory outcome sets its own level, advisory: backup-deletion-protection on a compliance-locked vault,
    // backup-retention-minimum on a destructive setting whose store has another copy that outlives it, and
    // backup-key-separation on a copy key that is a multi-Region relative of a production key (issue 10 items 3, 4, 5).
    const own = ADVISORY_OUTCOME_RULES.includes(rule.meta.id) ? ["advisory"] : [];
    expect(levels.filter((l) => l !== undefined && !own.includes(l as string))).toEqual([]);
  }
}
