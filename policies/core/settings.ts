import { Fact, absent } from "./facts";
import { JsonObject, JsonValue } from "./json";
import { PlannedResource } from "./planned-stack";
import { PropertyPath, readRaw } from "./raw-values";

/**
 * Reads an optional setting of a resource (a value the program may leave to the provider's default,
 * such as `multiAz` or `availabilityZoneName`). Planned outputs of a create hold every computed attribute
 * as unknown; a top-level value that is unknown there and was not computed from another resource
 * (no `propertyDependencies` entry) is the provider's default, i.e. not set by the program.
 */
export function readSetting(resource: PlannedResource, path: PropertyPath): Fact<JsonValue> {
  const fact = readRaw(resource.props, path);
  if (fact.state !== "unknown" || resource.origin !== "outputs") return fact;
  const top = path[0];
  if (typeof top !== "string" || resource.filledFromInputs?.includes(top)) return fact;
  if ((resource.propertyDependencies[top] ?? []).length > 0) return fact;
  if (readRaw(resource.props, [top]).state === "unknown") {
    return absent(`${top} not set in the program (computed by the provider)`);
  }
  return fact;
}

const settled = new WeakMap<PlannedResource, JsonObject>();

/**
 * The resource's properties without the top-level values that `readSetting` treats as not set
 * (unknown in planned outputs and computed from nothing): read a resource's own optional blocks from it.
 */
export function settledProps(resource: PlannedResource): JsonObject {
  const cached = settled.get(resource);
  if (cached) return cached;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource.props)) {
    if (readSetting(resource, [key]).state !== "absent" || value === null) out[key] = value;
  }
  settled.set(resource, out);
  return out;
}

/** A setting read as a string (values of another type are absent). */
export function readStringSetting(resource: PlannedResource, path: PropertyPath): Fact<string> {
  const fact = readSetting(resource, path);
  if (fact.state !== "known") return fact;
  return typeof fact.value === "string" ? { ...fact, value: fact.value } : absent(`${fact.basis} is not a string`);
}

/** A setting read as a boolean; the strings "true"/"false" are accepted. */
export function readBooleanSetting(resource: PlannedResource, path: PropertyPath): Fact<boolean> {
  const fact = readSetting(resource, path);
  if (fact.state !== "known") return fact;
  if (typeof fact.value === "boolean") return { ...fact, value: fact.value };
  if (fact.value === "true" || fact.value === "false") return { ...fact, value: fact.value === "true" };
  return absent(`${fact.basis} is not a boolean`);
}

/** A setting read as a number; numeric strings are accepted. */
export function readNumberSetting(resource: PlannedResource, path: PropertyPath): Fact<number> {
  const fact = readSetting(resource, path);
  if (fact.state !== "known") return fact;
  if (typeof fact.value === "number") return { ...fact, value: fact.value };
  if (typeof fact.value === "string" && /^-?\d+(\.\d+)?$/.test(fact.value)) return { ...fact, value: Number(fact.value) };
  return absent(`${fact.basis} is not a number`);
}
