import { JsonObject, JsonValue, isJsonObject } from "../../core/json";
import { UNKNOWN_STRING, isUnknown } from "../../core/unknowns";
import { BlockShape, FieldShape, camelCase } from "./type-map";

/** Deeper values are not judged: they become unknown, so that nothing passes by being odd. */
const MAX_DEPTH = 64;

/** Strings that tools print in place of a redacted sensitive value (Terraform's human-readable plan). */
const REDACTION_MARKERS: ReadonlySet<string> = new Set(["(sensitive value)", "(sensitive)"]);

/** True when a marker tree (`after_unknown`, `after_sensitive`) holds `true` anywhere. */
function marksAny(marks: unknown, depth = 0): boolean {
  if (marks === true) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(marks)) return marks.some((m) => marksAny(m, depth + 1));
  if (isJsonObject(marks)) return Object.values(marks).some((m) => marksAny(m, depth + 1));
  return false;
}

function child(marks: unknown, key: string | number): unknown {
  if (typeof key === "number") return Array.isArray(marks) ? marks[key] : undefined;
  return isJsonObject(marks) ? marks[key] : undefined;
}

/**
 * One planned value from `after`, `after_unknown` and `after_sensitive`, with every unknown written as
 * the Pulumi unknown sentinel (as the engine sends unknowns). Terraform drops unknown object keys from
 * `after` and turns unknown list elements into `null`; `after_unknown` is `true` on the unknown value or
 * on any ancestor, so an unknown anywhere under a path is unknown, never absent. A sensitive value is
 * still a value (plan JSON only flags it); one that a tool redacted (missing, null or a redaction
 * marker where `after_sensitive` flags it) is unknown.
 *
 * Copy on write: an array or object whose planned value is the same data is returned as it is, not
 * copied (most of a plan is known: copies of it would be retained by the stack for nothing). So the
 * result may share subtrees with `after`; it never holds an unknown sentinel inside a shared subtree, so
 * that the adapter's edits (removing provider-computed unknowns) never reach `after`.
 */
export function plannedValue(after: unknown, unknown: unknown, sensitive: unknown, depth = 0): JsonValue | undefined {
  if (unknown === true) return UNKNOWN_STRING;
  if (depth >= MAX_DEPTH) return UNKNOWN_STRING;
  const redacted = sensitive === true || (after === undefined || after === null ? marksAny(sensitive) : false);
  if (after === undefined || after === null) {
    if (redacted || marksAny(unknown)) return UNKNOWN_STRING;
    return after === null ? null : undefined;
  }
  if (typeof after === "string") return sensitive === true && REDACTION_MARKERS.has(after) ? UNKNOWN_STRING : after;
  if (typeof after === "boolean") return after;
  if (typeof after === "number") return Number.isFinite(after) ? after : UNKNOWN_STRING;
  if (Array.isArray(after)) return plannedArray(after as unknown[], unknown, sensitive, depth);
  if (isJsonObject(after)) return plannedObject(after, unknown, sensitive, depth);
  return UNKNOWN_STRING; // not JSON data at all
}

/**
 * True when `planned`, the planned value of `original`, cannot stand in its place inside a shared
 * subtree: it differs, it is missing (the key or element is dropped or becomes `null`), or it is an
 * unknown sentinel (which the adapter may remove from its container).
 */
function differs(planned: JsonValue | undefined, original: unknown): boolean {
  return planned !== original || planned === undefined || isUnknown(planned);
}

function plannedArray(after: readonly unknown[], unknown: unknown, sensitive: unknown, depth: number): JsonValue[] {
  // Created at the first element that differs (an array of another kind is always copied, as before).
  let out: JsonValue[] | undefined = Object.getPrototypeOf(after) === Array.prototype ? undefined : [];
  for (let i = 0; i < after.length; i++) {
    const original = after[i];
    const value = plannedValue(original, child(unknown, i), child(sensitive, i), depth + 1);
    if (out === undefined && differs(value, original)) out = after.slice(0, i) as JsonValue[];
    if (out !== undefined) out.push(value === undefined ? null : value);
  }
  // Elements only `after_unknown` knows of (a shorter `after`) are unknown too.
  if (Array.isArray(unknown) && unknown.length > after.length && marksAny(unknown.slice(after.length))) {
    out ??= after.slice() as JsonValue[];
    out.push(UNKNOWN_STRING);
  }
  return out ?? (after as JsonValue[]);
}

function plannedObject(after: JsonObject, unknown: unknown, sensitive: unknown, depth: number): JsonObject {
  // Created at the first key whose value differs (an object of another kind is always copied, as before).
  // `for...in` with an own-key test: no key array per object (`Object.keys` allocates one).
  let out: JsonObject | undefined = Object.getPrototypeOf(after) === Object.prototype ? undefined : {};
  for (const key in after) {
    if (!Object.hasOwn(after, key)) continue;
    const original = after[key];
    const value = plannedValue(original, child(unknown, key), child(sensitive, key), depth + 1);
    // A `__proto__` own key (JSON.parse makes one) is not copied as an own key: never shared.
    if (out === undefined && (differs(value, original) || key === "__proto__")) out = copyKeysBefore(after, key);
    if (out !== undefined && value !== undefined) out[key] = value;
  }
  // Keys Terraform dropped from `after` because they are unknown (or redacted).
  if (isJsonObject(unknown)) out = addDropped(out, after, unknown, unknown, sensitive, depth);
  if (isJsonObject(sensitive)) out = addDropped(out, after, sensitive, unknown, sensitive, depth);
  return out ?? after;
}

/** A new object with the own keys of `object` that come before `stop` (in key order; all without `stop`). */
function copyKeysBefore(object: JsonObject, stop?: string): JsonObject {
  const out: JsonObject = {};
  for (const key in object) {
    if (key === stop) break;
    if (Object.hasOwn(object, key)) out[key] = object[key];
  }
  return out;
}

/**
 * Adds the keys of a marker tree that `after` lacks (Terraform drops unknown and redacted keys); `out`
 * is the planned object so far (`undefined`: `after` itself so far). Returns it, or a copy of `after`
 * with the added keys.
 */
function addDropped(out: JsonObject | undefined, after: JsonObject, marks: JsonObject, unknown: unknown, sensitive: unknown, depth: number): JsonObject | undefined {
  for (const key in marks) {
    if (!Object.hasOwn(marks, key) || Object.hasOwn(after, key) || (out !== undefined && Object.hasOwn(out, key))) continue;
    // `after[key]` is not always undefined here: an inherited member (`constructor`) is read, as it always was.
    const value = plannedValue(after[key], child(unknown, key), child(sensitive, key), depth + 1);
    if (value === undefined) continue;
    out ??= copyKeysBefore(after);
    out[key] = value;
  }
  return out;
}

/** A nested value in Pulumi's shape: blocks (objects inside arrays) get camelCased keys, maps keep theirs. */
function shapeValue(value: JsonValue, fields: BlockShape | undefined, inBlockList: boolean, depth: number): JsonValue {
  if (depth >= MAX_DEPTH) return UNKNOWN_STRING;
  if (Array.isArray(value)) {
    // Copy on write, as in plannedValue: a list whose items keep their shape is kept as it is.
    let out: JsonValue[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const shaped = shapeValue(item, fields, true, depth + 1);
      if (out === undefined && shaped !== item) out = value.slice(0, i);
      if (out !== undefined) out.push(shaped);
    }
    return out ?? value;
  }
  if (isJsonObject(value)) return inBlockList || fields ? shapeBlock(value, fields, depth + 1) : value;
  return value;
}

function shapeField(value: JsonValue, shape: FieldShape, depth: number): JsonValue | undefined {
  if (shape.kind === "list") return shapeValue(value, shape.fields ?? {}, true, depth);
  // `single` and `scalar`: Terraform keeps a list of at most one item; Pulumi the item itself.
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.length > 1) return shapeValue(value, shape.fields ?? {}, true, depth); // not what the schema says: keep all
    return shapeValue(value[0], shape.kind === "single" ? (shape.fields ?? {}) : undefined, shape.kind === "single", depth);
  }
  return shapeValue(value, shape.kind === "single" ? (shape.fields ?? {}) : undefined, false, depth);
}

/**
 * A Terraform block (or a resource's attributes) as the Pulumi object of the same shape. Copy on write:
 * a block whose names and values all stay the same (`{ status: "Enabled" }`) is returned as it is.
 */
export function shapeBlock(block: JsonObject, fields: BlockShape | undefined, depth = 0): JsonObject {
  let out: JsonObject | undefined = Object.getPrototypeOf(block) === Object.prototype ? undefined : {};
  for (const key in block) {
    if (!Object.hasOwn(block, key)) continue;
    const value = block[key];
    const shape = fields?.[key];
    const name = shape?.name ?? camelCase(key);
    const shaped = shape ? shapeField(value, shape, depth) : shapeValue(value, undefined, false, depth);
    if (out === undefined && (name !== key || shaped !== value)) out = copyKeysBefore(block, key);
    if (out !== undefined && shaped !== undefined) out[name] = shaped;
  }
  return out ?? block;
}

/** The Pulumi property name of a top-level Terraform attribute or block. */
export function pulumiPropertyName(key: string, fields: BlockShape | undefined): string {
  return fields?.[key]?.name ?? camelCase(key);
}
