// The command on `pulumi stack export` and `pulumi preview --json` of the bundled example gives the same
// findings as the pack over the engine protocol (AnalyzeStack) for the same deployment.
import * as path from "path";
import { compiledProgramPath } from "../../harness/preview-cli";
import { type PolicyPreviewResult, runPolicyPreview } from "../../harness/run-preview";
import { readPulumiProject, readStackConfig } from "../../harness/stack-config";
import type { JsonObject } from "../../harness/wire-values";
import { stackFromPreviewDigest } from "../../policies/adapters/pulumi-preview-digest";
import { stackFromStackExport } from "../../policies/adapters/pulumi-stack-export";
import { PlannedStack } from "../../policies/core/planned-stack";
import { evaluateStack } from "../../policies/evaluate-stack";
import { previewDigest, stackExport } from "../support/pulumi-documents";

const ROOT = path.join(__dirname, "..", "..");
const TODAY = "2026-06-01";

async function preview(stack: string): Promise<PolicyPreviewResult> {
  const project = readPulumiProject(ROOT);
  return runPolicyPreview({
    program: compiledProgramPath(ROOT, project.main),
    project: project.name,
    stack,
    stackConfig: readStackConfig(ROOT, project, stack),
    packDir: path.join(ROOT, "policypack"),
  });
}

/** What the pack reported in AnalyzeStack: level, policy, resource, message. */
function packFindings(result: PolicyPreviewResult): string[] {
  return result.diagnostics
    .filter((d) => d.phase === "analyzeStack")
    .map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn} ${d.message}`)
    .sort();
}

function commandFindings(stack: PlannedStack): string[] {
  const evaluation = evaluateStack(stack, undefined, { today: TODAY });
  expect(evaluation.configProblems).toEqual([]);
  return evaluation.findings.map((f) => `${f.level} ${f.policy} ${f.resource} ${f.message}`).sort();
}

describe("the command on Pulumi documents of the bundled example", () => {
  let blocked: PolicyPreviewResult;
  let passing: PolicyPreviewResult;
  beforeAll(async () => {
    blocked = await preview("blocked");
    passing = await preview("passing");
  });

  it("gives the pack's findings, messages included, on pulumi preview --json of the blocked stack", () => {
    const stack = stackFromPreviewDigest(previewDigest(blocked.requests, readStackConfig(ROOT, readPulumiProject(ROOT), "blocked")));
    expect(commandFindings(stack)).toEqual(packFindings(blocked));
    expect(packFindings(blocked).filter((f) => f.startsWith("mandatory "))).toHaveLength(9);
    expect(packFindings(blocked).filter((f) => f.startsWith("advisory "))).toHaveLength(2);
  });

  it("gives the pack's findings on pulumi stack export of the blocked stack, with no stack config in the document", () => {
    const stack = stackFromStackExport(stackExport(blocked.requests));
    expect(stack.stackConfig).toEqual({});
    expect(commandFindings(stack)).toEqual(packFindings(blocked));
  });

  it("finds nothing on either document of the passing stack, as the pack does", () => {
    expect(packFindings(passing)).toEqual([]);
    const config = readStackConfig(ROOT, readPulumiProject(ROOT), "passing");
    expect(commandFindings(stackFromPreviewDigest(previewDigest(passing.requests, config)))).toEqual([]);
    expect(commandFindings(stackFromStackExport(stackExport(passing.requests)))).toEqual([]);
  });

  it("reads a deleted resource in a preview as gone", () => {
    const digest = previewDigest(blocked.requests, readStackConfig(ROOT, readPulumiProject(ROOT), "blocked")) as { steps: JsonObject[] };
    const steps = digest.steps.map((step) => (String(step["urn"]).endsWith("::orders") ? { ...step, op: "delete" } : step));
    const stack = stackFromPreviewDigest({ ...digest, steps });
    expect(stack.resources.some((r) => r.urn.endsWith("::orders"))).toBe(false);
  });
});
