// The Terraform/OpenTofu plan adapter, as the command uses it. The adapter itself is built on branch
// issue9a (policies/adapters/terraform/plan-to-stack.ts); until it is merged it is loaded when present,
// and the command refuses plans it cannot read with a clear message.
import { InputError } from "../policies/adapters/input-error";
import { isJsonObject } from "../policies/core/json";
import { PlannedStack } from "../policies/core/planned-stack";

interface TerraformAdapter {
  stackFromTerraformPlan(plan: unknown, options?: { readonly defaultRegion?: string }): PlannedStack;
  looksLikeTerraformPlan(json: unknown): boolean;
}

function adapter(): TerraformAdapter | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("../policies/adapters/terraform/plan-to-stack") as TerraformAdapter;
  } catch {
    return undefined;
  }
}

/** True when the JSON looks like a Terraform/OpenTofu plan. */
export function looksLikeTerraformPlan(json: unknown): boolean {
  const loaded = adapter();
  if (loaded) return loaded.looksLikeTerraformPlan(json);
  return isJsonObject(json) && "format_version" in json && ("terraform_version" in json || "resource_changes" in json || "planned_values" in json);
}

/** Reads a plan (format 1.x); throws {@link InputError} for anything it cannot read. */
export function stackFromTerraformPlan(plan: unknown, options: { readonly defaultRegion?: string }): PlannedStack {
  if (isJsonObject(plan)) {
    const version = plan["format_version"];
    if (typeof version !== "string" || !/^1\.\d+$/.test(version)) {
      throw new InputError(`unsupported Terraform plan format_version ${JSON.stringify(version)}: backup-guard reads plan JSON format 1.x (Terraform >= 1.0, OpenTofu)`, "format_version");
    }
    if (plan["errored"] === true) {
      throw new InputError("the plan is errored (errored: true): Terraform could not finish planning, so what it would deploy is unknown; fix the errors and plan again", "errored");
    }
  }
  const loaded = adapter();
  if (!loaded) throw new InputError("this build of backup-guard cannot read Terraform plans yet");
  return loaded.stackFromTerraformPlan(plan, options);
}
