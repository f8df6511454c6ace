import { JsonObject, JsonValue, isJsonObject } from "../../core/json";
import { ModuleStep } from "./module-address";

/**
 * The unevaluated configuration of a plan (`configuration`): module tree, expressions and provider
 * configurations. Read defensively: a part with an unexpected shape is treated as missing, which makes
 * the facts that depend on it unknown (fail closed), never known.
 */

/** Where an expression is evaluated: the module (by call names) and as much of its instance as is known. */
export interface ModuleScope {
  /** Module call names from the root (`["backup", "vaults"]`). */
  readonly path: readonly string[];
  /** The instance steps known so far (a prefix of the instance address; steps without key match any). */
  readonly instance: readonly ModuleStep[];
}

/** The result of evaluating an expression: a value, or unknown before apply (with why). */
export type Evaluated = { readonly state: "known"; readonly value: JsonValue } | { readonly state: "unknown"; readonly why: string };

/** What a reference leads to: managed resources of a module (all instances matching the scope). */
export interface ResourceTarget {
  readonly type: string;
  readonly name: string;
  readonly scope: ModuleScope;
}

/** Prefixes of references that never name a managed resource. */
const NON_RESOURCE_ROOTS = new Set(["var", "local", "module", "data", "each", "count", "path", "terraform", "self"]);

/** Limits recursion through module inputs and outputs (cyclic or absurd configurations). */
const MAX_HOPS = 32;

function object(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** A reference's root name and the steps after it: `var.regions["dr"]` → `["var", "regions", "dr"]`. */
export function referenceSteps(reference: string): Array<string | number> | undefined {
  // Most references are dotted names (`aws_s3_bucket.logs.id`): split them without a match per step.
  if (!reference.includes("[")) {
    const names = reference.split(".");
    if (names.every((name) => IDENTIFIER.test(name))) return names;
  }
  const steps: Array<string | number> = [];
  const pattern = REFERENCE_STEP;
  pattern.lastIndex = 0;
  while (pattern.lastIndex < reference.length) {
    const match = pattern.exec(reference);
    if (!match) return undefined;
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else {
      try {
        steps.push(JSON.parse(`"${match[3]}"`) as string);
      } catch {
        return undefined;
      }
    }
  }
  return steps;
}

/**
 * True when `reference` is `type.name`, or begins with it and goes on with `.` or `[` (an attribute or
 * index of that resource): compared in place, without building the prefix.
 */
function namesResource(reference: string, type: string, name: string): boolean {
  const end = type.length + 1 + name.length;
  if (reference.length < end || !reference.startsWith(type) || reference.charCodeAt(type.length) !== DOT || !reference.startsWith(name, type.length + 1)) return false;
  if (reference.length === end) return true;
  const next = reference.charCodeAt(end);
  return next === DOT || next === OPEN_BRACKET;
}

const DOT = 46;
const OPEN_BRACKET = 91;

/** A name step of a reference (as REFERENCE_STEP matches it). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** One step of a reference, matched where the previous one ended (sticky: no copy of the rest per step). */
const REFERENCE_STEP = /(?:\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\])/y;

/** The configuration of a plan, with the lookups the adapter needs. */
export class PlanConfiguration {
  private readonly root: JsonObject | undefined;
  private readonly providers: JsonObject | undefined;
  /**
   * @param configuration the plan's `configuration` (any shape)
   * @param variables the plan's root `variables` (`{ name: { value } }`)
   */
  constructor(
    configuration: unknown,
    private readonly variables: unknown,
  ) {
    this.root = object(object(configuration)?.["root_module"]);
    this.providers = object(object(configuration)?.["provider_config"]);
  }

  /** The module configuration at a call path, if present. */
  module(path: readonly string[]): JsonObject | undefined {
    let current = this.root;
    for (const name of path) {
      current = object(object(object(current?.["module_calls"])?.[name])?.["module"]);
      if (!current) return undefined;
    }
    return current;
  }

  /** A provider configuration by its opaque key (exact match only, as Terraform asks). */
  providerConfig(key: string): JsonObject | undefined {
    return object(this.providers?.[key]);
  }

  /** True when the configuration has a root module at all. */
  get present(): boolean {
    return this.root !== undefined;
  }

  /**
   * Adds to `out` the managed resources an expression's references lead to, through module inputs
   * (`var.x` → the calling module's argument) and outputs (`module.m.out` → the output's expression).
   * A reference that leads somewhere the plan does not describe (`local.*`, data sources, an unreadable
   * reference) adds nothing. A target equal to the one just added (`aws_s3_bucket.logs.id` then
   * `aws_s3_bucket.logs`, as plans list one reference) is not added again.
   */
  referencedResources(expression: unknown, scope: ModuleScope, out: ResourceTarget[] = [], hops = 0): ResourceTarget[] {
    for (const reference of collectReferences(expression)) {
      // Plans list a reference with its resource (`aws_s3_bucket.logs.id`, `aws_s3_bucket.logs`): one that
      // begins with the resource just added leads to it again, or (unreadable further on) to nothing.
      const last = out[out.length - 1];
      if (last !== undefined && last.scope === scope && namesResource(reference, last.type, last.name)) continue;
      const steps = referenceSteps(reference);
      if (!steps || typeof steps[0] !== "string") continue;
      // Indexed reads, not destructuring (which steps through an iterator): this runs for every reference of a plan.
      const root = steps[0];
      const second = steps[1];
      if (!NON_RESOURCE_ROOTS.has(root)) {
        if (typeof second === "string") out.push({ type: root, name: second, scope });
        continue;
      }
      if (hops >= MAX_HOPS) continue;
      if (root === "var" && typeof second === "string") {
        const input = this.moduleInput(scope, second);
        if (input) this.referencedResources(input.expression, input.scope, out, hops + 1);
      } else if (root === "module" && typeof second === "string") {
        const childScope: ModuleScope = { path: [...scope.path, second], instance: [...scope.instance, { name: second }] };
        const outputs = object(this.module(childScope.path)?.["outputs"]);
        if (!outputs) continue;
        const third = steps[2];
        const names = typeof third === "string" ? [third] : Object.keys(outputs);
        for (const name of names) this.referencedResources(object(outputs[name])?.["expression"], childScope, out, hops + 1);
      }
    }
    return out;
  }

  /** The argument a module call passes for variable `name` of the module at `scope`, in the caller's scope. */
  private moduleInput(scope: ModuleScope, name: string): { expression: unknown; scope: ModuleScope } | undefined {
    if (scope.path.length === 0) return undefined;
    const parentPath = scope.path.slice(0, -1);
    const call = object(object(this.module(parentPath)?.["module_calls"])?.[scope.path[scope.path.length - 1]]);
    const expression = object(call?.["expressions"])?.[name];
    if (expression === undefined) return undefined;
    return { expression, scope: { path: parentPath, instance: scope.instance.slice(0, Math.min(scope.instance.length, parentPath.length)) } };
  }

  /**
   * Evaluates an expression as far as the plan allows: constants, root variables (`variables`), module
   * inputs back to the root, module variable defaults. Anything else (functions of other values,
   * resource attributes, locals) is unknown. `undefined` expression: not set.
   */
  evaluate(expression: unknown, scope: ModuleScope, hops = 0): Evaluated | undefined {
    if (expression === undefined) return undefined;
    if (Array.isArray(expression)) return this.evaluateBlocks(expression, scope, hops);
    const expr = object(expression);
    if (!expr) return { state: "unknown", why: "an expression of an unexpected shape" };
    if ("constant_value" in expr) return { state: "known", value: expr["constant_value"] ?? null };
    const references = collectReferences(expr);
    if (references.length === 0) {
      // A block expression (nested arguments) or an expression Terraform could not describe.
      if (!("references" in expr)) return this.evaluateBlocks([expr], scope, hops, true);
      return { state: "unknown", why: "an expression without references that the plan does not evaluate" };
    }
    const steps = referenceSteps(references[0]);
    const sameRoot = steps !== undefined && references.every((r) => r.startsWith(`${String(steps[0])}.${String(steps[1])}`));
    if (!steps || !sameRoot || steps[0] !== "var" || typeof steps[1] !== "string" || hops >= MAX_HOPS) {
      return { state: "unknown", why: `computed from ${references.join(", ")}` };
    }
    const value = this.variable(scope, steps[1], hops);
    if (value.state !== "known") return value;
    return { state: "known", value: walk(value.value, steps.slice(2)) };
  }

  private evaluateBlocks(blocks: readonly unknown[], scope: ModuleScope, hops: number, single = false): Evaluated {
    const out: JsonValue[] = [];
    for (const block of blocks) {
      const fields = object(block);
      if (!fields) return { state: "unknown", why: "a block expression of an unexpected shape" };
      const evaluated: JsonObject = {};
      for (const [key, expression] of Object.entries(fields)) {
        const value = this.evaluate(expression, scope, hops + 1);
        if (value === undefined) continue;
        if (value.state === "unknown") return value;
        evaluated[key] = value.value;
      }
      out.push(evaluated);
    }
    return { state: "known", value: single ? (out[0] ?? null) : out };
  }

  private variable(scope: ModuleScope, name: string, hops: number): Evaluated {
    if (scope.path.length === 0) {
      const entry = object(object(this.variables)?.[name]);
      if (entry && "value" in entry) return { state: "known", value: entry["value"] ?? null };
      return { state: "unknown", why: `root variable ${name} has no value in the plan` };
    }
    const input = this.moduleInput(scope, name);
    if (input) {
      const value = this.evaluate(input.expression, input.scope, hops + 1);
      return value ?? { state: "known", value: null };
    }
    const declared = object(object(this.module(scope.path)?.["variables"])?.[name]);
    if (declared && "default" in declared) return { state: "known", value: declared["default"] ?? null };
    return { state: "unknown", why: `variable ${name} of module.${scope.path.join(".module.")} has no value in the configuration` };
  }
}

/** Every reference string of an expression, including those of nested block expressions. */
export function collectReferences(expression: unknown): string[] {
  const out: string[] = [];
  addReferences(expression, 0, out);
  return out;
}

/** True when {@link collectReferences} would find a reference (the same walk, without collecting). */
export function hasReferences(expression: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (Array.isArray(expression)) {
    for (const e of expression) if (hasReferences(e, depth + 1)) return true;
    return false;
  }
  const expr = object(expression);
  if (!expr) return false;
  if ("references" in expr || "constant_value" in expr) {
    const references = expr["references"];
    return Array.isArray(references) && references.some((r) => typeof r === "string");
  }
  // `for...in` with an own-key test: no key array per block (this runs for every expression of a plan).
  for (const key in expr) if (Object.hasOwn(expr, key) && hasReferences(expr[key], depth + 1)) return true;
  return false;
}

function addReferences(expression: unknown, depth: number, out: string[]): void {
  if (depth > 32) return;
  if (Array.isArray(expression)) {
    for (const e of expression) addReferences(e, depth + 1, out);
    return;
  }
  const expr = object(expression);
  if (!expr) return;
  if ("references" in expr || "constant_value" in expr) {
    const references = expr["references"];
    if (Array.isArray(references)) for (const r of references) if (typeof r === "string") out.push(r);
    return;
  }
  for (const key in expr) if (Object.hasOwn(expr, key)) addReferences(expr[key], depth + 1, out);
}

function walk(value: JsonValue, steps: ReadonlyArray<string | number>): JsonValue {
  let current: JsonValue = value;
  for (const step of steps) {
    if (typeof step === "number" && Array.isArray(current)) current = current[step] ?? null;
    else if (isJsonObject(current)) current = current[String(step)] ?? null;
    else return null;
  }
  return current;
}
