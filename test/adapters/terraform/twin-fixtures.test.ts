import * as fs from "fs";
import * as path from "path";
import { stackFromTerraformPlan } from "../../../policies/adapters/terraform/plan-to-stack";
import { StackEvaluation, evaluateStack } from "../../../policies/evaluate-stack";
import { TWIN_FIXTURES } from "./twin-fixtures";
import { pulumiTwin, terraformTwin } from "./twin-designs";

const DIR = path.join(__dirname, "..", "..", "fixtures", "terraform");
const TODAY = "2026-12-02";

/** The (policy, level) pairs of an evaluation, sorted and deduplicated. */
function verdicts(evaluation: StackEvaluation): string[] {
  return [...new Set(evaluation.findings.map((f) => `${f.level} ${f.policy}`))].sort();
}

describe("Terraform plan fixtures and their Pulumi twins", () => {
  it.each(TWIN_FIXTURES.map((f) => [f.file, f] as const))("%s is the plan of its twin design, as terraform show -json prints it", (file, fixture) => {
    const expected = terraformTwin(fixture.design, fixture.style);
    const target = path.join(DIR, file);
    if (process.env["UPDATE_TERRAFORM_FIXTURES"] === "1") fs.writeFileSync(target, `${JSON.stringify(expected, null, 2)}\n`);
    expect(JSON.parse(fs.readFileSync(target, "utf8"))).toEqual(expected);
  });

  it.each(TWIN_FIXTURES.map((f) => [f.file, f] as const))("%s gives the same (policy, level) findings as its Pulumi twin", (file, fixture) => {
    const plan = JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as unknown;
    const terraform = evaluateStack(stackFromTerraformPlan(plan), {}, { today: TODAY });
    const pulumi = evaluateStack(pulumiTwin(fixture.design), {}, { today: TODAY });
    expect(verdicts(terraform)).toEqual(verdicts(pulumi));
    expect(terraform.findings.filter((f) => f.level === "mandatory").map((f) => `${f.policy} ${f.resource}`)).toEqual(fixture.mandatory);
  });
});
