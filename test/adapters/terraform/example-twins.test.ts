import * as fs from "fs";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import { captureProgram } from "../../../harness/capture-program";
import { EngineStackResource, buildEngineRequests } from "../../../harness/engine-requests";
import { readPulumiProject, readStackConfig } from "../../../harness/stack-config";
import { plannedResourceFromPolicyResource } from "../../../policies/adapters/pulumi-policy-args";
import { stackFromTerraformPlan } from "../../../policies/adapters/terraform/plan-to-stack";
import { PlannedStack } from "../../../policies/core/planned-stack";
import { StackEvaluation, evaluateStack } from "../../../policies/evaluate-stack";

const ROOT = path.join(__dirname, "..", "..", "..");
const TODAY = "2026-12-02";

/** The stack `AnalyzeStack` receives for one stack of the bundled example (outputs completed by Analyze's inputs). */
async function pulumiExample(stack: string): Promise<PlannedStack> {
  const project = readPulumiProject(ROOT);
  const stackConfig = readStackConfig(ROOT, project, stack);
  const capture = await captureProgram({ program: path.join(ROOT, "dist", "example", "index.js"), project: project.name, stack, stackConfig });
  const requests = buildEngineRequests(capture);
  const inputs = new Map(requests.analyze.map((r) => [r.urn, r.properties]));
  const asPolicyResource = (r: EngineStackResource): PolicyResource =>
    ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      props: r.properties,
      provider: r.provider ? { urn: r.provider.urn, type: r.provider.type, name: r.provider.name, props: r.provider.properties } : undefined,
      dependencies: r.dependencies.map((urn) => ({ urn })),
      propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((urn) => ({ urn }))])),
      parent: r.parent ? { urn: r.parent } : undefined,
    }) as unknown as PolicyResource;
  const resources = requests.analyzeStack.filter((r) => r.type.startsWith("aws:")).map((r) => plannedResourceFromPolicyResource(asPolicyResource(r), inputs.get(r.urn)));
  return { resources, stackConfig, scope: "stack" };
}

function terraformExample(stack: string): { evaluation: StackEvaluation; names: Map<string, string> } {
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, "example", "terraform", `${stack}.plan.json`), "utf8")) as { resource_changes: Array<{ address: string; name: string }> };
  const names = new Map(plan.resource_changes.map((c) => [c.address, c.name]));
  return { evaluation: evaluateStack(stackFromTerraformPlan(plan), {}, { today: TODAY }), names };
}

/** (policy, level, resource name) of each finding; the resource name is the URN's name or the address's local name. */
function triples(evaluation: StackEvaluation, nameOf: (resource: string) => string): string[] {
  return [...new Set(evaluation.findings.map((f) => `${f.level} ${f.policy} ${nameOf(f.resource)}`))].sort();
}

describe("the bundled example's Terraform twin (example/terraform)", () => {
  it.each(["blocked", "passing"])("%s.plan.json gives the same (policy, level, resource) findings as the Pulumi example stack", async (stack) => {
    const pulumi = evaluateStack(await pulumiExample(stack), {}, { today: TODAY });
    const terraform = terraformExample(stack);
    const urnName = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);
    expect(triples(terraform.evaluation, (address) => terraform.names.get(address) ?? address)).toEqual(triples(pulumi, urnName));
  });

  it("blocks the blocked plan with the README's findings and passes the passing plan", () => {
    const blocked = terraformExample("blocked").evaluation.findings.map((f) => `${f.level} ${f.policy} ${f.resource}`);
    expect(blocked).toEqual([
      "mandatory backup-cross-region-copy aws_backup_plan.orders-backup",
      "mandatory backup-offline-copy aws_backup_plan.orders-backup",
      "mandatory backup-deletion-protection aws_backup_vault.dr",
      "mandatory backup-immutable aws_backup_vault.dr",
      "advisory backup-restore-testing aws_backup_vault.dr",
      "advisory backup-restore-testing aws_backup_vault.primary",
      "mandatory backup-immutable aws_backup_vault_lock_configuration.primary-lock",
      "mandatory backup-deletion-protection aws_dynamodb_table.orders",
      "mandatory backup-immutable aws_s3_bucket.orders-exports-replica",
      "mandatory backup-cross-region-copy aws_s3_bucket_replication_configuration.orders-exports",
      "mandatory backup-offline-copy aws_s3_bucket_replication_configuration.orders-exports",
    ]);
    expect(terraformExample("passing").evaluation.findings).toEqual([]);
  });
});
