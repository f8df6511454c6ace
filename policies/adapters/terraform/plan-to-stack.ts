import { JsonObject, JsonValue, isJsonObject } from "../../core/json";
import { PlannedResource, PlannedStack } from "../../core/planned-stack";
import { PropertyPath, unknownPaths } from "../../core/raw-values";
import { InputError } from "../input-error";
import { ModuleScope, PlanConfiguration, collectReferences, hasReferences } from "./configuration";
import { ModuleStep, parseModuleAddress, startsWithSteps } from "./module-address";
import { ResourceChange, looksLikeTerraformPlan, readPlanDocument } from "./plan-document";
import { plannedValue, pulumiPropertyName, shapeBlock } from "./planned-values";
import { ProviderConfigs } from "./provider-configs";
import { terraformType } from "./terraform-types";
import { TERRAFORM_VOCABULARY } from "./vocabulary";

export { looksLikeTerraformPlan };

/** Options of {@link stackFromTerraformPlan}. */
export interface TerraformPlanOptions {
  /** The region of resources whose provider sets none (`--default-region`); without it they stay unknown. */
  readonly defaultRegion?: string;
}

/** A managed resource instance that exists after apply, located in the module tree. */
interface KeptChange {
  readonly change: ResourceChange;
  readonly steps: readonly ModuleStep[];
  readonly path: readonly string[];
}

/**
 * Does the object exist after apply? `delete` and `forget` (left in the cloud but no longer managed)
 * leave nothing the plan guarantees; replacements (`delete`+`create`, `create`+`delete`,
 * `create`+`forget`) keep the new object; `no-op`, `update` and `read` keep it.
 */
function existsAfterApply(change: ResourceChange): boolean {
  const actions = change.actions;
  if (actions.length === 1 && (actions[0] === "delete" || actions[0] === "forget")) return false;
  if (actions.some((a) => a === "create" || a === "update" || a === "no-op" || a === "read")) return true;
  if (isJsonObject(change.after)) return true; // an action of a newer format: judge what it leaves
  throw new InputError(`unsupported change actions ${JSON.stringify(actions)} with no planned object`, `${change.at}.change.actions`);
}

/**
 * Who decides an unknown at `path` of a planned value, by the resource's configuration expressions:
 * `set`: the configuration writes it (or an ancestor); `top-unset`: a top-level attribute the
 * configuration leaves out (a provider default, as Pulumi's planned outputs hold it); `default`: an
 * attribute left out of a block the configuration writes (the provider computes it); `undescribed`: a
 * block the configuration representation does not show (a `dynamic` block), so it may be the program's.
 * Block lists and sets are matched by position, else by their first block (sets reorder).
 */
function unknownOrigin(expressions: JsonObject, path: PropertyPath): "set" | "top-unset" | "default" | "undescribed" {
  let current: unknown = expressions;
  for (let i = 0; i < path.length; i++) {
    if (isJsonObject(current) && ("references" in current || "constant_value" in current)) return "set";
    const step = path[i];
    if (Array.isArray(current)) current = typeof step === "number" ? (current[step] ?? current[0]) : undefined;
    else current = isJsonObject(current) && typeof step === "string" ? current[step] : undefined;
    if (current === undefined) return i === 0 ? "top-unset" : i === path.length - 1 ? "default" : "undescribed";
  }
  return "set";
}

/** Removes the value at `path` (an object key) from a planned value. */
function removeAt(root: JsonObject, path: PropertyPath): void {
  let current: JsonValue = root;
  for (const step of path.slice(0, -1)) {
    const next: JsonValue | undefined = Array.isArray(current) ? current[step as number] : isJsonObject(current) ? current[step as string] : undefined;
    if (next === undefined || next === null || typeof next !== "object") return;
    current = next;
  }
  const last = path[path.length - 1];
  if (isJsonObject(current) && typeof last === "string") delete current[last];
}

/** The root module's location, shared by its resources (most of a plan's). */
const ROOT: Pick<KeptChange, "steps" | "path"> = { steps: [], path: [] };

function locate(change: ResourceChange): KeptChange {
  if (change.moduleAddress === "") return { change, steps: ROOT.steps, path: ROOT.path };
  const steps = parseModuleAddress(change.moduleAddress);
  if (!steps) throw new InputError(`module_address "${change.moduleAddress}" is not a module address`, `${change.at}.module_address`);
  return { change, steps, path: steps.map((s) => s.name) };
}

/** Finds the instances a reference names: same type, name and module, any `count`/`for_each` key. */
class AddressIndex {
  /** Module call path → type → name → instances (nested maps: no composite key per lookup). */
  private readonly byPath = new Map<string, Map<string, Map<string, KeptChange[]>>>();

  constructor(kept: readonly KeptChange[]) {
    for (const entry of kept) {
      const key = entry.path.length === 0 ? "" : entry.path.join(".");
      let byType = this.byPath.get(key);
      if (!byType) this.byPath.set(key, (byType = new Map()));
      let byName = byType.get(entry.change.type);
      if (!byName) byType.set(entry.change.type, (byName = new Map()));
      const list = byName.get(entry.change.name);
      if (list) list.push(entry);
      else byName.set(entry.change.name, [entry]);
    }
  }

  addresses(type: string, name: string, scope: ModuleScope): string[] {
    const candidates = this.byPath.get(scope.path.length === 0 ? "" : scope.path.join("."))?.get(type)?.get(name) ?? [];
    const out: string[] = [];
    for (const c of candidates) if (startsWithSteps(c.steps, scope.instance)) out.push(c.change.address);
    return out;
  }
}

function resourceOf(entry: KeptChange, configuration: PlanConfiguration, providers: ProviderConfigs, index: AddressIndex): PlannedResource | undefined {
  const { change } = entry;
  const known = terraformType(change.type);
  if (!known) return undefined;
  const { mapping, cloud } = known;
  const value = plannedValue(change.after, change.afterUnknown, change.afterSensitive);
  if (!isJsonObject(value)) {
    throw new InputError(`change.after must be an object for a resource that exists after apply, not ${value === undefined ? "missing" : JSON.stringify(value)}`, `${change.at}.change.after`);
  }
  const config = configuration.resource(entry.path, change.type, change.name);
  const expressions = isJsonObject(config?.["expressions"]) ? (config["expressions"] as JsonObject) : undefined;
  const scope: ModuleScope = { path: entry.path, instance: entry.steps };
  const propertyDependencies: Record<string, string[]> = {};
  // Created on first use: most resources of a large plan depend on nothing and hold no program unknown.
  let dependencies: Set<string> | undefined;
  let unknownInInputs: Set<string> | undefined;
  for (const key of expressions ? Object.keys(expressions) : []) {
    const expression = (expressions as JsonObject)[key];
    if (!hasReferences(expression)) continue; // a constant (or constant blocks): refers to nothing
    const { targets } = configuration.referencedResources(expression, scope);
    if (targets.length === 0) continue; // refers to no managed resource
    // `aws_s3_bucket.logs.id` and `aws_s3_bucket.logs` (how plans list one reference) name the same instances: looked up once.
    const [first] = targets;
    const found = targets.every((t) => t.type === first.type && t.name === first.name && t.scope === first.scope)
      ? index.addresses(first.type, first.name, first.scope)
      : targets.flatMap((t) => index.addresses(t.type, t.name, t.scope));
    const urns = (found.length > 1 ? [...new Set(found)] : found).filter((urn) => urn !== change.address);
    if (urns.length > 0) {
      propertyDependencies[pulumiPropertyName(key, mapping.fields)] = urns;
      dependencies ??= new Set();
      for (const urn of urns) dependencies.add(urn);
    }
  }
  for (const path of unknownPaths(value)) {
    // An unknown the configuration sets is the program's value; one the provider computes because the
    // program leaves it out is not (Pulumi's checked inputs never hold those). Without the resource's
    // configuration nothing tells them apart: every unknown counts as the program's (fail closed).
    const origin = expressions ? unknownOrigin(expressions, path) : "set";
    if (origin === "default") removeAt(value, path);
    else if (origin !== "top-unset") (unknownInInputs ??= new Set()).add(pulumiPropertyName(String(path[0]), mapping.fields));
  }
  const props = shapeBlock(value, mapping.fields);
  for (const reference of collectReferences(config?.["depends_on"] === undefined ? [] : { references: config["depends_on"] })) {
    const [type, name] = reference.split(".");
    if (type && name) for (const urn of index.addresses(type, name, scope)) (dependencies ??= new Set()).add(urn);
  }
  const providerKey = typeof config?.["provider_config_key"] === "string" ? config["provider_config_key"] : config ? cloud : undefined;
  return {
    urn: change.address,
    type: mapping.token,
    name: change.address,
    props,
    origin: "outputs",
    provider: providers.provider(providerKey, cloud),
    dependencies: dependencies ? [...dependencies] : [],
    propertyDependencies,
    ...(unknownInInputs ? { unknownInInputs: [...unknownInInputs] } : {}),
  };
}

/**
 * Turns a Terraform/OpenTofu plan (`terraform show -json PLANFILE`, format 1.x) into the planned stack
 * the rules read, in the `@pulumi/aws` and `@ovhcloud/pulumi-ovh` property shapes and type tokens (see
 * `type-map.ts`, `ovh-type-map.ts`): the
 * resources that exist after apply, their unknowns as Pulumi unknowns, their providers' region and
 * account settings, and the resources each property was computed from (configuration references, the
 * twin of Pulumi's `propertyDependencies`). Resource URNs and names are the Terraform addresses.
 * Throws {@link InputError} for anything that is not a readable format 1.x plan.
 */
export function stackFromTerraformPlan(plan: unknown, options: TerraformPlanOptions = {}): PlannedStack {
  const document = readPlanDocument(plan);
  const defaultRegion = options.defaultRegion?.trim() || undefined;
  const configuration = new PlanConfiguration(document.configuration, document.variables);
  const providers = new ProviderConfigs(configuration, defaultRegion);
  const kept = document.changes.filter((c) => c.mode === "managed" && !c.deposed && existsAfterApply(c)).map(locate);
  const index = new AddressIndex(kept);
  const seen = new Set<string>();
  const resources: PlannedResource[] = [];
  for (const entry of kept) {
    if (seen.has(entry.change.address)) throw new InputError(`resource address ${entry.change.address} appears twice`, entry.change.at);
    seen.add(entry.change.address);
    const resource = resourceOf(entry, configuration, providers, index);
    if (resource) resources.push(resource);
  }
  return { resources, stackConfig: {}, scope: "stack", vocabulary: TERRAFORM_VOCABULARY };
}
