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

function plannedProvider(provider: PolicyProviderResource | undefined): PlannedProvider | undefined {
  if (!provider) return undefined;
  return { urn: provider.urn, type: provider.type, name: provider.name, props: rawProps(provider.props) };
}

/** A resource as `Analyze` sees it: checked inputs, its provider, no dependency information. */
export function plannedResourceFromArgs(args: ResourceValidationArgs): PlannedResource {
  const resource: PlannedResource = {
    urn: args.urn,
    type: args.type,
    name: args.name,
    props: rawProps(args.props),
    origin: "inputs",
    provider: plannedProvider(args.provider),
    dependencies: [],
    propertyDependencies: {},
    parent: args.opts?.parent,
  };
  return resource;
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
 * export, a preview digest) so that they give the same stack.
 */
export function mergeInputsIntoOutputs(outputs: JsonObject, inputs: JsonObject | undefined): MergedProps {
  const props = { ...outputs };
  const filled: string[] = [];
  const unknownInInputs: string[] = [];
  for (const key of Object.keys(inputs ?? {})) {
    const value = (inputs as JsonObject)[key];
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
 * A resource as `AnalyzeStack` sees it: planned outputs, completed with the checked inputs seen in
 * `Analyze` for the same URN (see {@link mergeInputsIntoOutputs}).
 */
export function plannedResourceFromPolicyResource(resource: PolicyResource, inputs?: JsonObject): PlannedResource {
  const merged = mergeInputsIntoOutputs(rawProps(resource.props), inputs);
  const propertyDependencies: Record<string, string[]> = {};
  for (const key of Object.keys(resource.propertyDependencies ?? {})) {
    const list = resource.propertyDependencies[key];
    propertyDependencies[key] = Array.isArray(list) ? list.map((dep) => dep.urn) : [];
  }
  return {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    props: merged.props,
    origin: "outputs",
    provider: plannedProvider(resource.provider),
    dependencies: (resource.dependencies ?? []).map((dep) => dep.urn),
    propertyDependencies,
    parent: resource.parent?.urn,
    filledFromInputs: merged.filledFromInputs,
    unknownInInputs: merged.unknownInInputs,
  };
}
