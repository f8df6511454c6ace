import type { PolicyProviderResource, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { unknownPaths } from "../core/raw-values";
import { JsonObject, JsonValue } from "../core/json";
import { PlannedProvider, PlannedResource } from "../core/planned-stack";
import { UNKNOWN_STRING, isUnknown } from "../core/unknowns";

/** Deeper values are not judged: they are treated as unknown, so that nothing passes by being odd. */
const MAX_DEPTH = 64;

/**
 * Copies a value the `@pulumi/policy` runtime hands us into plain JSON without ever performing a proxied
 * property read (which throws on unknowns and downgrades the policy to advisory). Own-property
 * descriptors bypass the proxy's `get` trap and yield the raw values, sentinels included.
 */
export function toJson(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "object") return undefined; // functions, symbols, undefined, bigint
  if (depth >= MAX_DEPTH) return UNKNOWN_STRING;
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = toJson(Object.getOwnPropertyDescriptor(value, i)?.value, depth + 1);
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = toJson(Object.getOwnPropertyDescriptor(value, key)?.value, depth + 1);
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/** The raw properties of a resource or provider, as plain JSON (an odd shape becomes an empty object). */
export function rawProps(props: unknown): JsonObject {
  const json = toJson(props);
  if (json !== null && typeof json === "object" && !Array.isArray(json)) return json;
  return {};
}

/**
 * True when `toJson(value)` would give exactly `json`, checked without copying (same reads, same rules:
 * own-property descriptors, non-finite numbers as `null`, functions dropped, depth limit). A policy that
 * is handed a value it has already converted can then reuse the conversion; a `false` only costs a
 * conversion, so anything odd (e.g. a `__proto__` key) may answer `false`.
 */
export function sameAsJson(value: unknown, json: JsonValue | undefined, depth = 0): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value === json;
  if (typeof value === "number") return Number.isFinite(value) ? value === json : json === null;
  if (typeof value !== "object") return json === undefined;
  if (depth >= MAX_DEPTH) return json === UNKNOWN_STRING;
  if (json === null || typeof json !== "object") return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(json) || json.length !== value.length) return false;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = Object.getOwnPropertyDescriptor(value, i)?.value;
      if (!sameAsJson(item, json[i], depth + 1) && !(json[i] === null && droppedByToJson(item))) return false;
    }
    return true;
  }
  if (Array.isArray(json)) return false;
  let kept = 0;
  for (const key of Object.keys(value)) {
    const item: unknown = Object.getOwnPropertyDescriptor(value, key)?.value;
    if (droppedByToJson(item)) continue;
    kept++;
    if (!Object.prototype.hasOwnProperty.call(json, key) || !sameAsJson(item, json[key], depth + 1)) return false;
  }
  return kept === Object.keys(json).length;
}

/** Values `toJson` turns into `undefined` (left out of objects, `null` in arrays). */
function droppedByToJson(value: unknown): boolean {
  return value !== null && typeof value !== "string" && typeof value !== "boolean" && typeof value !== "number" && typeof value !== "object";
}

/**
 * Providers converted so far, by URN. Every resource of a stack carries its own copy of its provider;
 * resources of the same provider share one converted provider (when the copies are equal), so that the
 * cloud model works out each provider's region and account once.
 */
export class ProviderConversions {
  private readonly byUrn = new Map<string, PlannedProvider>();

  /** The converted provider, shared with earlier resources of the same provider when it is equal. */
  of(provider: PolicyProviderResource | undefined): PlannedProvider | undefined {
    if (!provider) return undefined;
    const seen = this.byUrn.get(provider.urn);
    if (seen && sameProvider(provider, seen)) return seen;
    const converted = plannedProvider(provider);
    this.byUrn.set(provider.urn, converted);
    return converted;
  }
}

function plannedProvider(provider: PolicyProviderResource): PlannedProvider {
  return { urn: provider.urn, type: provider.type, name: provider.name, props: rawProps(provider.props) };
}

function sameProvider(provider: PolicyProviderResource | undefined, planned: PlannedProvider | undefined): boolean {
  if (!provider || !planned) return provider === undefined && planned === undefined;
  return provider.urn === planned.urn && provider.type === planned.type && provider.name === planned.name && sameAsJson(provider.props, planned.props);
}

/** A resource as `Analyze` sees it: checked inputs, its provider, no dependency information. */
export function plannedResourceFromArgs(args: ResourceValidationArgs): PlannedResource {
  const resource: PlannedResource = {
    urn: args.urn,
    type: args.type,
    name: args.name,
    props: rawProps(args.props),
    origin: "inputs",
    provider: args.provider ? plannedProvider(args.provider) : undefined,
    dependencies: [],
    propertyDependencies: {},
    parent: args.opts?.parent,
  };
  return resource;
}

/** True when converting `args` again would give `resource` (from `plannedResourceFromArgs`). */
export function argsMatch(args: ResourceValidationArgs, resource: PlannedResource): boolean {
  return (
    resource.origin === "inputs" &&
    args.urn === resource.urn &&
    args.type === resource.type &&
    args.name === resource.name &&
    args.opts?.parent === resource.parent &&
    sameProvider(args.provider, resource.provider) &&
    sameAsJson(args.props, resource.props)
  );
}

/** A stack resource converted, with the raw outputs it was converted from (before inputs filled them in). */
export interface ConvertedResource {
  readonly planned: PlannedResource;
  readonly outputs: JsonObject;
  /** The checked inputs it was filled from. */
  readonly inputs: JsonObject | undefined;
}

/** Planned outputs completed with the checked inputs, and which top-level keys that changed. */
export interface MergedProps {
  readonly props: JsonObject;
  readonly filledFromInputs?: readonly string[];
  readonly unknownInInputs?: readonly string[];
}

/**
 * Completes planned outputs with checked inputs: where a top-level output is unknown or missing but the
 * inputs hold it (preview loses nested blocks such as a backup plan's `rules`: pulumi/pulumi#7854,
 * Terraform sets), the inputs fill it in. Shared by every Pulumi source (the pack's requests, a stack
 * export, a preview digest) so that they give the same stack. Without inputs the outputs are not copied.
 */
export function mergeInputsIntoOutputs(outputs: JsonObject, inputs: JsonObject | undefined): MergedProps {
  if (!inputs) return { props: outputs };
  const props = { ...outputs };
  const filled: string[] = [];
  const unknownInInputs: string[] = [];
  for (const key of Object.keys(inputs)) {
    const value = inputs[key];
    if (unknownPaths(value).length > 0) unknownInInputs.push(key);
    // An input the program set to a value unknown in preview stays set (unknown), never a provider default.
    if (props[key] === undefined || isUnknown(props[key])) {
      props[key] = value;
      filled.push(key);
    }
  }
  return {
    props,
    ...(filled.length > 0 ? { filledFromInputs: filled } : {}),
    ...(unknownInInputs.length > 0 ? { unknownInInputs } : {}),
  };
}

/**
 * A resource as `AnalyzeStack` sees it: planned outputs. Where a top-level output is unknown or missing
 * but the checked inputs seen in `Analyze` for the same URN hold it (preview loses nested blocks such
 * as a backup plan's `rules`: pulumi/pulumi#7854, Terraform sets), the inputs fill it in.
 */
export function plannedResourceFromPolicyResource(resource: PolicyResource, inputs?: JsonObject, providers?: ProviderConversions): PlannedResource {
  return convertPolicyResource(resource, inputs, providers).planned;
}

/** {@link plannedResourceFromPolicyResource}, keeping what {@link convertedMatches} compares. */
export function convertPolicyResource(resource: PolicyResource, inputs?: JsonObject, providers?: ProviderConversions): ConvertedResource {
  const outputs = rawProps(resource.props);
  const merged = mergeInputsIntoOutputs(outputs, inputs);
  const propertyDependencies: Record<string, string[]> = {};
  for (const key of Object.keys(resource.propertyDependencies ?? {})) {
    const list = resource.propertyDependencies[key];
    propertyDependencies[key] = Array.isArray(list) ? list.map((dep) => dep.urn) : [];
  }
  const planned: PlannedResource = {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    props: merged.props,
    origin: "outputs",
    provider: providers ? providers.of(resource.provider) : resource.provider ? plannedProvider(resource.provider) : undefined,
    dependencies: (resource.dependencies ?? []).map((dep) => dep.urn),
    propertyDependencies,
    parent: resource.parent?.urn,
    filledFromInputs: merged.filledFromInputs,
    unknownInInputs: merged.unknownInInputs,
  };
  return { planned, outputs, inputs };
}

function sameUrns(resources: readonly PolicyResource[] | undefined, urns: readonly string[]): boolean {
  const list = resources ?? [];
  if (list.length !== urns.length) return false;
  for (let i = 0; i < urns.length; i++) if (list[i]?.urn !== urns[i]) return false;
  return true;
}

/**
 * True when converting `resource` again, with these checked inputs, would give `converted.planned`:
 * same identity, graph edges, provider and outputs, and the very same inputs object.
 */
export function convertedMatches(resource: PolicyResource, inputs: JsonObject | undefined, converted: ConvertedResource): boolean {
  const planned = converted.planned;
  if (resource.urn !== planned.urn || resource.type !== planned.type || resource.name !== planned.name) return false;
  if (inputs !== converted.inputs || resource.parent?.urn !== planned.parent) return false;
  if (!sameUrns(resource.dependencies, planned.dependencies)) return false;
  const keys = Object.keys(resource.propertyDependencies ?? {});
  if (keys.length !== Object.keys(planned.propertyDependencies).length) return false;
  for (const key of keys) {
    const urns = planned.propertyDependencies[key];
    const list = resource.propertyDependencies[key];
    if (!urns || !Array.isArray(list) || !sameUrns(list, urns)) return false;
  }
  return sameProvider(resource.provider, planned.provider) && sameAsJson(resource.props, converted.outputs);
}
