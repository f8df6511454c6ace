// The Pulumi engine's own resource shape (`apitype.ResourceV3`), shared by `pulumi stack export` and the
// `newState` of `pulumi preview --json` steps, turned into planned resources exactly as the pack turns
// the engine's AnalyzeStack request into them: planned outputs completed by the inputs, the provider
// found through its reference `<provider URN>::<provider id>`, dependencies by URN.
import { JsonObject, JsonValue, isJsonObject } from "../core/json";
import { PlannedProvider, PlannedResource } from "../core/planned-stack";
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_STRING } from "../core/unknowns";
import { InputError } from "./input-error";
import { mergeInputsIntoOutputs } from "./pulumi-policy-args";

/** Deeper values are not judged: they are treated as unknown, as the pack does. */
const MAX_DEPTH = 64;

/** A resource of an engine document, checked for the fields the conversion needs. */
export interface EngineStateResource {
  readonly urn: string;
  readonly type: string;
  readonly custom: boolean;
  readonly inputs: JsonObject;
  readonly outputs: JsonObject;
  readonly parent?: string;
  /** `<provider URN>::<provider id>`. */
  readonly provider?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/**
 * Normalises an engine value: a secret whose plaintext is not in the document (`ciphertext` only, or the
 * display's `"[secret]"` when `secretText` is given) cannot be read and becomes unknown, never absent;
 * a readable secret is kept wrapped (the rules unwrap it); too deep a value is unknown.
 */
function engineValue(value: unknown, secretText: string | undefined, depth = 0): JsonValue {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "string") return secretText !== undefined && value === secretText ? UNKNOWN_STRING : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "object") return null;
  if (depth >= MAX_DEPTH) return UNKNOWN_STRING;
  if (Array.isArray(value)) return value.map((item) => engineValue(item, secretText, depth + 1));
  const object = value as Record<string, unknown>;
  if (object[SPECIAL_SIG_KEY] === SECRET_SIG && !("value" in object)) return UNKNOWN_STRING;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(object)) out[key] = engineValue(item, secretText, depth + 1);
  return out;
}

function objectAt(value: unknown, path: string, secretText: string | undefined): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw new InputError("expected an object", path);
  return engineValue(value, secretText) as JsonObject;
}

function stringsAt(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw new InputError("expected a list of URNs", path);
  return value as string[];
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new InputError("expected a string", path);
  return value;
}

/**
 * Reads one engine resource (`ResourceV3`) at `path`. Throws {@link InputError} naming the path when a
 * field the conversion needs has another shape. `secretText` is how the document writes a hidden secret.
 */
export function readEngineResource(value: unknown, path: string, secretText?: string): EngineStateResource {
  if (!isJsonObject(value)) throw new InputError("expected a resource object", path);
  const urn = value["urn"];
  const type = value["type"];
  if (typeof urn !== "string" || !urn.startsWith("urn:pulumi:")) throw new InputError("expected a resource with a Pulumi URN", `${path}.urn`);
  if (typeof type !== "string" || type === "") throw new InputError("expected a resource type token", `${path}.type`);
  const propertyDependencies: Record<string, string[]> = {};
  const rawDependencies = value["propertyDependencies"];
  if (rawDependencies !== undefined && rawDependencies !== null) {
    if (!isJsonObject(rawDependencies)) throw new InputError("expected an object", `${path}.propertyDependencies`);
    for (const [key, list] of Object.entries(rawDependencies)) {
      propertyDependencies[key] = stringsAt(list, `${path}.propertyDependencies.${key}`);
    }
  }
  return {
    urn,
    type,
    custom: value["custom"] !== false,
    inputs: objectAt(value["inputs"], `${path}.inputs`, secretText),
    outputs: objectAt(value["outputs"], `${path}.outputs`, secretText),
    parent: optionalString(value["parent"], `${path}.parent`),
    provider: optionalString(value["provider"], `${path}.provider`),
    dependencies: stringsAt(value["dependencies"], `${path}.dependencies`),
    propertyDependencies,
  };
}

/** The name part of a URN (after the last `::`). */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The type part of a URN (`...::<type>::<name>`, the last segment of a parent-qualified type). */
function urnType(urn: string): string {
  const parts = urn.split("::");
  return (parts[parts.length - 2] ?? "").split("$").pop() ?? "";
}

/** The provider URN of a provider reference `<provider URN>::<provider id>`. */
export function providerUrnOf(reference: string): string {
  const cut = reference.lastIndexOf("::");
  return cut >= 0 ? reference.slice(0, cut) : reference;
}

/**
 * Turns engine resources into planned resources as the pack sees them in AnalyzeStack. A provider
 * reference to a provider the document does not hold still names the provider (its URN, name and type)
 * with no configuration: the placement model then says its region cannot be known, never guesses it.
 */
export function plannedResourcesFromEngineState(resources: readonly EngineStateResource[]): PlannedResource[] {
  const providers = new Map<string, PlannedProvider>();
  for (const resource of resources) {
    if (resource.type.startsWith("pulumi:providers:")) {
      const props = Object.keys(resource.inputs).length > 0 ? resource.inputs : resource.outputs;
      providers.set(resource.urn, { urn: resource.urn, type: resource.type, name: urnName(resource.urn), props });
    }
  }
  return resources.map((resource): PlannedResource => {
    const merged = mergeInputsIntoOutputs(resource.outputs, resource.custom ? resource.inputs : undefined);
    let provider: PlannedProvider | undefined;
    if (resource.provider) {
      const urn = providerUrnOf(resource.provider);
      provider = providers.get(urn) ?? { urn, type: urnType(urn), name: urnName(urn), props: {} };
    }
    return {
      urn: resource.urn,
      type: resource.type,
      name: urnName(resource.urn),
      props: merged.props,
      origin: "outputs",
      provider,
      dependencies: resource.dependencies,
      propertyDependencies: resource.propertyDependencies,
      parent: resource.parent,
      filledFromInputs: merged.filledFromInputs,
      unknownInInputs: merged.unknownInInputs,
    };
  });
}
