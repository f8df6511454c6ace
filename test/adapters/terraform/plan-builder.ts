// Builds Terraform plan JSON (format 1.2) the way `terraform show -json PLANFILE` prints it, for tests.
import { JsonObject, JsonValue } from "../../../policies/core/json";

/** A configuration expression: a constant, or references (module-local addresses). */
export const constant = (value: JsonValue): JsonObject => ({ constant_value: value });
export const refs = (...references: string[]): JsonObject => ({ references });
/** The references Terraform lists for `<type>.<name>.<attribute>`. */
export const attr = (address: string, attribute: string): JsonObject => refs(`${address}.${attribute}`, address);

/** One resource instance of the plan. */
export interface PlanResource {
  readonly type: string;
  readonly name: string;
  /** Module instance address (`module.backup`, `module.a["x"]`); root when absent. */
  readonly module?: string;
  readonly index?: string | number;
  readonly actions?: readonly string[];
  readonly after: JsonObject | null;
  readonly afterUnknown?: JsonObject;
  readonly afterSensitive?: JsonObject;
  readonly deposed?: string;
  readonly mode?: "managed" | "data";
  /** Configuration expressions; `provider` is the provider_config_key (default `aws`). */
  readonly expressions?: JsonObject;
  readonly provider?: string;
  /** Leave the resource out of `configuration` (as for an orphaned object). */
  readonly noConfig?: boolean;
}

function indexSuffix(index: string | number | undefined): string {
  return index === undefined ? "" : typeof index === "number" ? `[${index}]` : `[${JSON.stringify(index)}]`;
}

/** The module call names of a module instance address: `module.a["x"].module.b` → `["a", "b"]`. */
function callNames(module: string | undefined): string[] {
  return module ? [...module.matchAll(/module\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]) : [];
}

/** Accumulates a plan: resources, provider configurations, module calls and root variables. */
export class TerraformPlanBuilder {
  private readonly changes: JsonObject[] = [];
  private readonly providers: JsonObject = {};
  private readonly root: JsonObject = { resources: [] };
  readonly variables: JsonObject = {};

  /** A provider configuration under `key` (`aws`, `aws.dr`, `module.child:aws`). */
  provider(key: string, expressions: JsonObject, extra: JsonObject = {}): this {
    const alias = /aws\.(\w+)$/.exec(key)?.[1];
    this.providers[key] = { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", ...(alias ? { alias } : {}), ...extra, expressions };
    return this;
  }

  /** A root variable value. */
  variable(name: string, value: JsonValue): this {
    this.variables[name] = { value };
    return this;
  }

  /** The configuration of the module at `path` (created with its calls). */
  module(path: readonly string[], callExpressions: JsonObject = {}, variables: JsonObject = {}, outputs: JsonObject = {}): JsonObject {
    let current = this.root;
    path.forEach((name, depth) => {
      const calls = (current["module_calls"] ??= {}) as JsonObject;
      const call = (calls[name] ??= { source: `./modules/${name}`, expressions: {}, module: { resources: [] } }) as JsonObject;
      if (depth === path.length - 1) {
        Object.assign(call["expressions"] as JsonObject, callExpressions);
        const module = call["module"] as JsonObject;
        if (Object.keys(variables).length > 0) module["variables"] = { ...((module["variables"] as JsonObject) ?? {}), ...variables };
        if (Object.keys(outputs).length > 0) module["outputs"] = { ...((module["outputs"] as JsonObject) ?? {}), ...outputs };
      }
      current = call["module"] as JsonObject;
    });
    return current;
  }

  /** Adds a resource instance (and its configuration, once per module, type and name). */
  resource(resource: PlanResource): string {
    const local = `${resource.type}.${resource.name}`;
    const address = `${resource.module ? `${resource.module}.` : ""}${resource.mode === "data" ? "data." : ""}${local}${indexSuffix(resource.index)}`;
    const actions = resource.actions ?? ["create"];
    const change: JsonObject = {
      actions: [...actions],
      before: actions.includes("create") ? null : resource.after,
      after: resource.after,
      after_unknown: resource.afterUnknown ?? {},
      before_sensitive: actions.includes("create") ? false : {},
      after_sensitive: resource.afterSensitive ?? (resource.after === null ? false : {}),
    };
    this.changes.push({
      address,
      ...(resource.module ? { module_address: resource.module } : {}),
      mode: resource.mode ?? "managed",
      type: resource.type,
      name: resource.name,
      ...(resource.index !== undefined ? { index: resource.index } : {}),
      provider_name: "registry.terraform.io/hashicorp/aws",
      ...(resource.deposed ? { deposed: resource.deposed } : {}),
      change,
    });
    if (!resource.noConfig) {
      const module = this.module(callNames(resource.module));
      const list = module["resources"] as JsonObject[];
      if (!list.some((r) => r["type"] === resource.type && r["name"] === resource.name && r["mode"] === (resource.mode ?? "managed"))) {
        list.push({
          address: `${resource.mode === "data" ? "data." : ""}${local}`,
          mode: resource.mode ?? "managed",
          type: resource.type,
          name: resource.name,
          provider_config_key: resource.provider ?? "aws",
          expressions: resource.expressions ?? {},
          schema_version: 0,
          ...(resource.index !== undefined ? { [typeof resource.index === "number" ? "count_expression" : "for_each_expression"]: constant(null) } : {}),
        });
      }
    }
    return address;
  }

  /** The plan document. */
  plan(): JsonObject {
    return {
      format_version: "1.2",
      terraform_version: "1.9.8",
      variables: this.variables,
      resource_changes: this.changes,
      configuration: { provider_config: this.providers, root_module: this.root },
      timestamp: "2026-12-02T14:00:00Z",
      applyable: true,
      complete: true,
      errored: false,
    };
  }
}
