import { JsonObject, isJsonObject } from "../../core/json";
import { InputError } from "../input-error";

/** One `resource_changes[]` entry, checked for the fields the adapter relies on. */
export interface ResourceChange {
  readonly address: string;
  readonly moduleAddress: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly deposed: boolean;
  readonly actions: readonly string[];
  readonly after: unknown;
  readonly afterUnknown: unknown;
  readonly afterSensitive: unknown;
  /** Where the entry is in the plan, for error messages. */
  readonly at: string;
}

/** A plan that passed the format checks. */
export interface PlanDocument {
  readonly changes: readonly ResourceChange[];
  readonly configuration: unknown;
  readonly variables: unknown;
}

/** True when the JSON looks like a Terraform/OpenTofu plan (what the command's input detection asks). */
export function looksLikeTerraformPlan(json: unknown): boolean {
  if (!isJsonObject(json) || !("format_version" in json)) return false;
  return "terraform_version" in json || "resource_changes" in json || "planned_values" in json;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function requireString(entry: JsonObject, key: string, at: string): string {
  const value = entry[key];
  if (typeof value !== "string" || value === "") throw new InputError(`${key} must be a non-empty string, not ${describe(value)}`, `${at}.${key}`);
  return value;
}

function change(entry: unknown, at: string): ResourceChange {
  if (!isJsonObject(entry)) throw new InputError(`a resource change must be an object, not ${describe(entry)}`, at);
  const body = entry["change"];
  if (!isJsonObject(body)) throw new InputError(`change must be an object, not ${describe(body)}`, `${at}.change`);
  const actions = body["actions"];
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === "string")) {
    throw new InputError(`change.actions must be a non-empty list of strings, not ${describe(actions)}`, `${at}.change.actions`);
  }
  const moduleAddress = entry["module_address"];
  if (moduleAddress !== undefined && typeof moduleAddress !== "string") {
    throw new InputError(`module_address must be a string, not ${describe(moduleAddress)}`, `${at}.module_address`);
  }
  return {
    address: requireString(entry, "address", at),
    moduleAddress: moduleAddress ?? "",
    mode: requireString(entry, "mode", at),
    type: requireString(entry, "type", at),
    name: requireString(entry, "name", at),
    deposed: entry["deposed"] !== undefined && entry["deposed"] !== null && entry["deposed"] !== "",
    actions: actions as string[],
    after: body["after"],
    afterUnknown: body["after_unknown"],
    afterSensitive: body["after_sensitive"],
    at,
  };
}

/**
 * Checks that `plan` is a readable Terraform/OpenTofu plan of JSON format 1.x and returns its parts.
 * Throws {@link InputError} for anything else: another format version (named), a state file, an
 * errored or incomplete plan, missing or ill-typed `resource_changes`.
 */
export function readPlanDocument(plan: unknown): PlanDocument {
  if (!isJsonObject(plan)) throw new InputError(`a Terraform plan is a JSON object, not ${describe(plan)}`);
  const version = plan["format_version"];
  if (version === undefined) throw new InputError("not a Terraform plan: no format_version (expected the output of `terraform show -json PLANFILE`)");
  if (typeof version !== "string") throw new InputError(`format_version must be a string such as "1.2", not ${describe(version)}`, "format_version");
  if (!/^1\.\d+$/.test(version)) {
    throw new InputError(`unsupported Terraform plan format_version "${version}": backup-guard reads plan JSON format 1.x (Terraform >= 1.0, OpenTofu)`, "format_version");
  }
  if (!("resource_changes" in plan) && !("planned_values" in plan) && "values" in plan) {
    throw new InputError("this is a Terraform state (terraform show -json without a plan file), not a plan: run `terraform plan -out=plan.out && terraform show -json plan.out`");
  }
  if (plan["errored"] === true) {
    throw new InputError("the plan is errored (errored: true): Terraform could not finish planning, so what it would deploy is unknown; fix the errors and plan again", "errored");
  }
  if (plan["complete"] === false) {
    throw new InputError("the plan is incomplete (complete: false): some changes are deferred to a later plan, so what it would deploy is unknown; apply the earlier stage and plan again", "complete");
  }
  const changes = plan["resource_changes"];
  if (changes === undefined) throw new InputError("the plan has no resource_changes: nothing to evaluate", "resource_changes");
  if (!Array.isArray(changes)) throw new InputError(`resource_changes must be an array, not ${describe(changes)}`, "resource_changes");
  return {
    changes: changes.map((entry, i) => change(entry, `resource_changes[${i}]`)),
    configuration: plan["configuration"],
    variables: plan["variables"],
  };
}
