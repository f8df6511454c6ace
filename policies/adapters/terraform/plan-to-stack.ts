import { JsonObject, JsonValue, isJsonObject } from "../../core/json";
import { PlannedResource, PlannedStack } from "../../core/planned-stack";
import { PropertyPath, forEachUnknownPath } from "../../core/raw-values";
import { InputError } from "../input-error";
import { ModuleScope, PlanConfiguration, ResourceTarget, collectReferences, hasReferences } from "./configuration";
import { parseModuleAddress, startsWithSteps } from "./module-address";
import { ResourceChange, looksLikeTerraformPlan, readPlanDocument } from "./plan-document";
import { plannedValue, pulumiPropertyName, shapeBlock } from "./planned-values";
import { BlockShape } from "./type-map";
import { ProviderConfigs } from "./provider-configs";
import { terraformType } from "./terraform-types";
import { TERRAFORM_VOCABULARY } from "./vocabulary";

export { looksLikeTerraformPlan };

/** Options of {@link stackFromTerraformPlan}. */
export interface TerraformPlanOptions {
  /** The region of resources whose provider sets none (`--default-region`); without it they stay unknown. */
  readonly defaultRegion?: string;
}

/** A managed resource instance that exists after apply, located in the module tree (its own instance steps). */
interface KeptChange {
  readonly change: ResourceChange;
  readonly scope: ModuleScope;
  /** Its resource block: the instances of the same module call path, type and name, and their configuration. */
  readonly block: ResourceBlock;
}

/** One resource block (`count`/`for_each` make several instances of one): its instances and configuration. */
interface ResourceBlock {
  /** The instances in plan order: one for most blocks, not a list of one. */
  instances: KeptChange | KeptChange[] | undefined;
  /** The block's configuration, if the plan's configuration has it. */
  config: JsonObject | undefined;
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
 * Block lists and sets are matched by position, else by their first block (sets reorder). A list that
 * plans more blocks than the configuration writes holds blocks of a `dynamic` block next to written ones
 * (e.g. a `copy_action` and a `dynamic "copy_action"`): as sets reorder, any of its blocks may be one of
 * those, so an unknown in it is `undescribed`, not the written block's.
 */
function unknownOrigin(expressions: JsonObject, value: JsonValue, path: PropertyPath): "set" | "top-unset" | "default" | "undescribed" {
  let current: unknown = expressions;
  let planned: unknown = value;
  for (let i = 0; i < path.length; i++) {
    if (isJsonObject(current) && ("references" in current || "constant_value" in current)) return "set";
    const step = path[i];
    if (Array.isArray(current)) {
      if (Array.isArray(planned) && planned.length > current.length) return "undescribed";
      current = typeof step === "number" ? (current[step] ?? current[0]) : undefined;
    } else current = isJsonObject(current) && typeof step === "string" ? current[step] : undefined;
    planned = Array.isArray(planned) && typeof step === "number" ? planned[step] : isJsonObject(planned) && typeof step === "string" ? planned[step] : undefined;
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

/** The root module's scope, shared by its resources (most of a plan's). */
const ROOT: ModuleScope = { path: [], instance: [] };

function scopeOf(change: ResourceChange): ModuleScope {
  if (change.moduleAddress === "") return ROOT;
  const steps = parseModuleAddress(change.moduleAddress);
  if (!steps) throw new InputError(`module_address "${change.moduleAddress}" is not a module address`, `${change.at}.module_address`);
  return { path: steps.map((s) => s.name), instance: steps };
}

/** The resource blocks of one module call path, by type and name. */
type ModuleBlocks = Map<string, Map<string, ResourceBlock>>;

/**
 * The kept changes in plan order, indexed by resource block: a reference names a block (same type, name
 * and module, any `count`/`for_each` key), and so does a configuration block. One index serves both, so
 * that a plan of tens of thousands of resources is indexed once, not once per question.
 */
class AddressIndex {
  readonly kept: KeptChange[] = [];
  /** Module call path (names joined by dots) → its blocks (nested maps: no composite key per lookup). */
  private readonly byPath = new Map<string, { readonly path: readonly string[]; readonly blocks: ModuleBlocks }>();

  constructor(changes: readonly ResourceChange[], configuration: PlanConfiguration) {
    // Indexed loops over the plan's lists: these run once, mostly before the optimising compiler takes
    // over, where `for...of` allocates an iterator result per step.
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i];
      const scope = scopeOf(change);
      const key = scope.path.length === 0 ? "" : scope.path.join(".");
      let module = this.byPath.get(key);
      if (!module) this.byPath.set(key, (module = { path: scope.path, blocks: new Map() }));
      let byName = module.blocks.get(change.type);
      if (!byName) module.blocks.set(change.type, (byName = new Map()));
      let block = byName.get(change.name);
      if (!block) byName.set(change.name, (block = { instances: undefined, config: undefined }));
      const entry: KeptChange = { change, scope, block };
      const found = block.instances;
      if (found === undefined) block.instances = entry;
      else if (Array.isArray(found)) found.push(entry);
      else block.instances = [found, entry];
      this.kept.push(entry);
    }
    // Each module's configuration, read once: a block takes the first managed resource of its type and name.
    for (const { path, blocks } of this.byPath.values()) {
      const resources = configuration.module(path)?.["resources"];
      if (!Array.isArray(resources)) continue;
      for (let i = 0; i < resources.length; i++) {
        const r: unknown = resources[i];
        if (!isJsonObject(r) || typeof r["type"] !== "string" || typeof r["name"] !== "string") continue;
        if (typeof r["mode"] === "string" && r["mode"] !== "managed") continue;
        const block = blocks.get(r["type"])?.get(r["name"]);
        if (block && block.config === undefined) block.config = r;
      }
    }
  }

  /** Adds to `out` the addresses of the instances of `type`.`name` in `scope`, except `except`. */
  add(type: string, name: string, scope: ModuleScope, except: string | undefined, out: string[]): void {
    const found = this.byPath.get(scope.path.length === 0 ? "" : scope.path.join("."))?.blocks.get(type)?.get(name)?.instances;
    if (Array.isArray(found)) for (const c of found) addIfIn(c, scope, except, out);
    else if (found !== undefined) addIfIn(found, scope, except, out);
  }

  /** The addresses of the instances `targets` lead to, once each (in order), except `except`. */
  addresses(targets: readonly ResourceTarget[], except: string): string[] {
    const out: string[] = [];
    for (const t of targets) this.add(t.type, t.name, t.scope, except, out);
    return out.length > 1 ? [...new Set(out)] : out;
  }
}

function addIfIn(candidate: KeptChange, scope: ModuleScope, except: string | undefined, out: string[]): void {
  if (candidate.change.address !== except && startsWithSteps(candidate.scope.instance, scope.instance)) out.push(candidate.change.address);
}

/** What a resource without references depends on: shared, since most resources of a large plan have none. */
const NO_DEPENDENCIES: readonly string[] = Object.freeze([]);
const NO_PROPERTY_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = Object.freeze({});

function resourceOf(entry: KeptChange, configuration: PlanConfiguration, providers: ProviderConfigs, index: AddressIndex): PlannedResource | undefined {
  const { change, scope } = entry;
  const known = terraformType(change.type);
  if (!known) return undefined;
  const { mapping, cloud } = known;
  const value = plannedValue(change.after, change.afterUnknown, change.afterSensitive);
  if (!isJsonObject(value)) {
    throw new InputError(`change.after must be an object for a resource that exists after apply, not ${value === undefined ? "missing" : JSON.stringify(value)}`, `${change.at}.change.after`);
  }
  const config = entry.block.config;
  const expressions = isJsonObject(config?.["expressions"]) ? (config["expressions"] as JsonObject) : undefined;
  // Created on first use: most resources of a large plan depend on nothing and hold no program unknown.
  let propertyDependencies: Record<string, string[]> | undefined;
  /** Every resource depended on, possibly more than once until the end. */
  let dependencies: string[] | undefined;
  if (expressions) for (const key in expressions) {
    if (!Object.hasOwn(expressions, key)) continue;
    const expression = expressions[key];
    if (!hasReferences(expression)) continue; // a constant (or constant blocks): refers to nothing
    const targets = configuration.referencedResources(expression, scope);
    if (targets.length === 0) continue; // refers to no managed resource
    const urns = index.addresses(targets, change.address);
    if (urns.length > 0) {
      (propertyDependencies ??= {})[pulumiPropertyName(key, mapping.fields)] = urns;
      dependencies = dependencies ? dependencies.concat(urns) : urns;
    }
  }
  const judged = judgeUnknowns(value, expressions, mapping.fields);
  const unknowns = judged?.names;
  // The references of a property holding an unknown of a `dynamic` block are those of its written blocks
  // only: the plan omits the dynamic block's, so they are not all the resources the value may come from.
  // Left in place, they would pin that unknown to a written block's resource (a dynamic copy action to the
  // written copy action's vault); without them it stays unresolved, as the plan leaves it.
  if (judged?.undescribed && propertyDependencies) {
    for (const name of judged.undescribed) delete propertyDependencies[name];
  }
  const props = shapeBlock(value, mapping.fields);
  const dependsOn = config?.["depends_on"];
  if (dependsOn !== undefined) {
    const all = dependencies ? dependencies.slice() : []; // `dependencies` may be a list of propertyDependencies
    for (const reference of collectReferences({ references: dependsOn })) {
      const names = reference.split(".");
      const type = names[0];
      const name = names[1];
      if (type && name) index.add(type, name, scope, undefined, all);
    }
    dependencies = all;
  }
  const providerKey = typeof config?.["provider_config_key"] === "string" ? config["provider_config_key"] : config ? cloud : undefined;
  const resource: Writable<PlannedResource> = {
    urn: change.address,
    type: mapping.token,
    name: change.address,
    props,
    origin: "outputs",
    provider: providers.provider(providerKey, cloud),
    dependencies: dependencies === undefined ? NO_DEPENDENCIES : dependencies.length > 1 ? [...new Set(dependencies)] : dependencies,
    propertyDependencies: propertyDependencies ?? NO_PROPERTY_DEPENDENCIES,
  };
  if (unknowns) resource.unknownInInputs = unknowns;
  return resource;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Judges the unknowns of a planned value by the resource's configuration: removes those the provider
 * computes inside a block the program writes, and returns the Pulumi names of the top-level properties
 * whose unknowns are the program's, and of those among them holding an unknown of a block the
 * configuration does not describe (a `dynamic` block). `undefined`: no unknown is the program's.
 */
function judgeUnknowns(
  value: JsonObject,
  expressions: JsonObject | undefined,
  fields: BlockShape | undefined,
): { readonly names: string[]; readonly undescribed: string[] | undefined } | undefined {
  // Created on first use (most resources hold no unknown the program set): typed so that the checker
  // does not narrow them to `undefined` across the callback.
  let names = undefined as string[] | undefined;
  let undescribed = undefined as string[] | undefined;
  let computed = undefined as PropertyPath[] | undefined;
  forEachUnknownPath(value, (path) => {
    // An unknown the configuration sets is the program's value; one the provider computes because the
    // program leaves it out is not (Pulumi's checked inputs never hold those). Without the resource's
    // configuration nothing tells them apart: every unknown counts as the program's (fail closed).
    const origin = expressions ? unknownOrigin(expressions, value, path) : "set";
    if (origin === "default") (computed ??= []).push([...path]);
    else if (origin !== "top-unset") {
      const name = pulumiPropertyName(String(path[0]), fields);
      // Paths come depth-first: the unknowns of one property follow each other.
      if (names === undefined) names = [name];
      else if (names[names.length - 1] !== name) names.push(name);
      if (origin === "undescribed" && undescribed?.[undescribed.length - 1] !== name) (undescribed ??= []).push(name);
    }
  });
  if (computed) for (const path of computed) removeAt(value, path);
  if (names === undefined) return undefined;
  return { names: names.length > 1 ? [...new Set(names)] : names, undescribed };
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
  const index = new AddressIndex(
    document.changes.filter((c) => c.mode === "managed" && !c.deposed && existsAfterApply(c)),
    configuration,
  );
  const seen = new Set<string>();
  const resources: PlannedResource[] = [];
  for (let i = 0; i < index.kept.length; i++) {
    const entry = index.kept[i]; // an indexed loop, as in AddressIndex
    // One lookup, not `has` then `add`: an address seen before leaves the set's size unchanged.
    const size = seen.size;
    if (seen.add(entry.change.address).size === size) throw new InputError(`resource address ${entry.change.address} appears twice`, entry.change.at);
    const resource = resourceOf(entry, configuration, providers, index);
    if (resource) resources.push(resource);
  }
  return { resources, stackConfig: {}, scope: "stack", vocabulary: TERRAFORM_VOCABULARY };
}
