import { Fact } from "./facts";
import { JsonObject, JsonValue } from "./json";
import { PlannedResource } from "./planned-stack";
import { PropertyPath, readBoolean, readNumber, readRaw, readString } from "./raw-values";
import { SECRET_SIG, SPECIAL_SIG_KEY, isUnknown } from "./unknowns";

const settled = new WeakMap<PlannedResource, JsonObject>();

/**
 * A resource's properties without the top-level values the provider computes because the program left
 * them out. Planned outputs of a create hold every computed attribute as unknown; a top-level value that
 * is unknown there, was not filled from the checked inputs and was not computed from another resource
 * (no `propertyDependencies` entry) is the provider's default, i.e. not set by the program. Read a
 * resource's optional settings (`multiAz`, `availabilityZoneName`, a bucket's `versioning`) from this.
 */
export function settledProps(resource: PlannedResource): JsonObject {
  const cached = settled.get(resource);
  if (cached) return cached;
  const out: JsonObject = {};
  const props = resource.props;
  for (const key of Object.keys(props)) {
    const value = props[key];
    const providerDefault =
      resource.origin === "outputs" &&
      isUnknown(value) &&
      !resource.filledFromInputs?.includes(key) &&
      !resource.unknownInInputs?.includes(key) &&
      (resource.propertyDependencies[key] ?? []).length === 0;
    if (!providerDefault) out[key] = value;
  }
  settled.set(resource, out);
  return out;
}

/**
 * True when a resource surely leaves a top-level setting out: `readSetting(resource, [key, ...])` is then
 * absent. A cheap test, without the copy `settledProps` makes, for settings most resources leave out.
 */
export function leavesOut(resource: PlannedResource, key: string): boolean {
  const props = resource.props;
  // settledProps keeps some of the properties' own keys with their values: a key the properties lack (or hold
  // null), that no plain object inherits, is missing there too, unless the properties are a wrapped secret, or
  // hold a "__proto__" key (which, assigned to the copy, makes its value the copy's prototype).
  return (
    props[key] == null &&
    !(key in Object.prototype) &&
    props[SPECIAL_SIG_KEY] !== SECRET_SIG &&
    !Object.prototype.hasOwnProperty.call(props, "__proto__")
  );
}

/** An optional setting of a resource (see `settledProps`). */
export function readSetting(resource: PlannedResource, path: PropertyPath): Fact<JsonValue> {
  return readRaw(settledProps(resource), path);
}

/** An optional setting read as a string. */
export function readStringSetting(resource: PlannedResource, path: PropertyPath): Fact<string> {
  return strict(readString(settledProps(resource), path), resource, path);
}

/**
 * A setting of an unexpected type is not "not set" (which would let the provider's default decide the
 * verdict): it cannot be judged, so it is unknown, with the reason.
 */
function strict<T>(fact: Fact<T>, resource: PlannedResource, path: PropertyPath): Fact<T> {
  if (fact.state === "absent" && readRaw(settledProps(resource), path).state === "known") {
    return { state: "unknown", basis: `${fact.basis}: an unexpected shape, so it cannot be judged` };
  }
  return fact;
}

/** An optional setting read as a boolean ("true"/"false" accepted). */
export function readBooleanSetting(resource: PlannedResource, path: PropertyPath): Fact<boolean> {
  return strict(readBoolean(settledProps(resource), path), resource, path);
}

/** An optional setting read as a number (numeric strings accepted). */
export function readNumberSetting(resource: PlannedResource, path: PropertyPath): Fact<number> {
  return strict(readNumber(settledProps(resource), path), resource, path);
}
