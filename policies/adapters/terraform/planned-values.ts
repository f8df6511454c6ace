import { JsonObject, JsonValue, isJsonObject } from "../../core/json";
import { UNKNOWN_STRING } from "../../core/unknowns";
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
  if (Array.isArray(after)) {
    const out: JsonValue[] = [];
    for (let i = 0; i < after.length; i++) {
      const value = plannedValue(after[i], child(unknown, i), child(sensitive, i), depth + 1);
      out.push(value === undefined ? null : value);
    }
    // Elements only `after_unknown` knows of (a shorter `after`) are unknown too.
    if (Array.isArray(unknown) && unknown.length > out.length && marksAny(unknown.slice(out.length))) out.push(UNKNOWN_STRING);
    return out;
  }
  if (isJsonObject(after)) {
    const out: JsonObject = {};
    for (const key of Object.keys(after)) addPlanned(out, after, unknown, sensitive, key, depth);
    // Keys Terraform dropped from `after` because they are unknown (or redacted).
    if (isJsonObject(unknown)) addDropped(out, after, unknown, unknown, sensitive, depth);
    if (isJsonObject(sensitive)) addDropped(out, after, sensitive, unknown, sensitive, depth);
    return out;
  }
  return UNKNOWN_STRING; // not JSON data at all
}

/** Sets `out[key]` to the planned value of `after[key]` (nothing when it is absent). */
function addPlanned(out: JsonObject, after: JsonObject, unknown: unknown, sensitive: unknown, key: string, depth: number): void {
  const value = plannedValue(after[key], child(unknown, key), child(sensitive, key), depth + 1);
  if (value !== undefined) out[key] = value;
}

/** Adds the keys of a marker tree that `after` lacks (Terraform drops unknown and redacted keys). */
function addDropped(out: JsonObject, after: JsonObject, marks: JsonObject, unknown: unknown, sensitive: unknown, depth: number): void {
  for (const key of Object.keys(marks)) if (!Object.hasOwn(after, key) && !Object.hasOwn(out, key)) addPlanned(out, after, unknown, sensitive, key, depth);
}

/** A nested value in Pulumi's shape: blocks (objects inside arrays) get camelCased keys, maps keep theirs. */
function shapeValue(value: JsonValue, fields: BlockShape | undefined, inBlockList: boolean, depth: number): JsonValue {
  if (depth >= MAX_DEPTH) return UNKNOWN_STRING;
  if (Array.isArray(value)) return value.map((item) => shapeValue(item, fields, true, depth + 1));
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

/** A Terraform block (or a resource's attributes) as the Pulumi object of the same shape. */
export function shapeBlock(block: JsonObject, fields: BlockShape | undefined, depth = 0): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(block)) {
    const value = block[key];
    const shape = fields?.[key];
    const name = shape?.name ?? camelCase(key);
    const shaped = shape ? shapeField(value, shape, depth) : shapeValue(value, undefined, false, depth);
    if (shaped !== undefined) out[name] = shaped;
  }
  return out;
}

/** The Pulumi property name of a top-level Terraform attribute or block. */
export function pulumiPropertyName(key: string, fields: BlockShape | undefined): string {
  return fields?.[key]?.name ?? camelCase(key);
}
