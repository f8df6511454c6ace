// Shared by the protocol tests that run real programs: one pack process per test file, started by the
// real `run-policy-pack` launcher, and what every preview through it must satisfy.
import * as path from "path";
import { type PolicyPackProcess, startPolicyPack } from "../../harness/pack-process";
import type { PolicyConfigFile } from "../../harness/policy-pack-config";
import { type PolicyPreviewOptions, type PolicyPreviewResult, runPolicyPreview } from "../../harness/run-preview";
import { PROJECT, STACK, STACK_CONFIG } from "../programs/backup-designs";

export const PACK_DIR = path.join(__dirname, "..", "..", "policypack");

/** Options of one run of a program through the pack. */
export interface RunOptions {
  readonly policyConfig?: PolicyConfigFile;
  readonly collapseNestedUnknowns?: boolean;
  readonly computedAttributes?: PolicyPreviewOptions["computedAttributes"];
  /** false: an update without preview (ARNs and ids known). */
  readonly preview?: boolean;
}

/** The governance policies of issue 4; suites about the placement policies turn them off. */
export const GOVERNANCE_POLICIES = [
  "backup-copy-residency",
  "backup-coverage",
  "backup-deletion-protection",
  "backup-key-separation",
  "backup-restore-testing",
  "backup-retention-minimum",
] as const;

/**
 * The config of suites that test the placement policies (cross-region, zone, immutable, offline) on
 * designs that are not meant to meet the governance policies too; those are tested with designs of
 * their own (test/protocol/governance-protocol.test.ts).
 */
export const PLACEMENT_POLICIES_ONLY: PolicyConfigFile = Object.fromEntries(GOVERNANCE_POLICIES.map((id) => [id, "disabled"]));

/** The essentials of each diagnostic, in the order the engine got them. */
export function summary(result: PolicyPreviewResult): string[] {
  return result.diagnostics.map((d) => `${d.phase} ${d.enforcementLevel} ${d.policyName} ${d.urn || "(stack)"}`);
}

/** No diagnostic may be the policy runtime's advisory "can't run policy ... during preview" downgrade. */
export function expectNoPreviewDowngrade(result: PolicyPreviewResult): void {
  expect(result.diagnostics.filter((d) => /can't run policy/.test(d.message))).toEqual([]);
}

/**
 * Starts the pack before the test file's tests and stops it after; `run` sends a program's resources
 * as the engine would and checks that no policy was downgraded.
 */
export function usePackUnderTest(
  environment: Record<string, string> = {},
  baseConfig: PolicyConfigFile = {},
): { readonly pack: () => PolicyPackProcess; run(program: () => void, options?: RunOptions): Promise<PolicyPreviewResult> } {
  let pack: PolicyPackProcess | undefined;
  beforeAll(async () => {
    pack = await startPolicyPack({ packDir: PACK_DIR, project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG, dryRun: true, environment });
  });
  afterAll(async () => {
    await pack?.stop();
  });
  const current = (): PolicyPackProcess => {
    if (!pack) throw new Error("the pack is not started");
    return pack;
  };
  return {
    pack: current,
    async run(program, options = {}) {
      const policyConfig = { ...baseConfig, ...(options.policyConfig ?? {}) };
      const result = await runPolicyPreview({ program, project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG, pack: current(), ...options, policyConfig });
      expectNoPreviewDowngrade(result);
      return result;
    },
  };
}
