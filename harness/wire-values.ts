// Plain JSON shapes of property values as they travel over the Pulumi gRPC wire (google.protobuf.Struct),
// and the special strings and signature objects the engine and the SDKs use inside them.

/** A JSON value, as carried by a `google.protobuf.Struct`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object, as carried by a `google.protobuf.Struct`. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The engine's sentinel for an unknown (computed) string value; Node SDK unknowns all arrive as this one. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every typed unknown sentinel the engine can send (`rpc.go` `marshalUnknownProperty`). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  UNKNOWN_STRING, // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** Key that marks a special (signature) object on the wire. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** Signature value of a secret: `{[SIGNATURE_KEY]: SECRET_SIGNATURE, value}`. */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** Signature value of a resource reference: `{[SIGNATURE_KEY]: RESOURCE_SIGNATURE, urn, id?, packageVersion?}`. */
export const RESOURCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";

/** True when the value is a JSON object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when the value is one of the engine's unknown sentinels. */
export function isUnknownSentinel(value: JsonValue | undefined): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** True when the value is, or contains anywhere inside it, an unknown sentinel. */
export function containsUnknown(value: JsonValue | undefined): boolean {
  if (isUnknownSentinel(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknown);
  }
  if (isJsonObject(value)) {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/**
 * Converts a plain JavaScript value (e.g. `Struct#toJavaScript()` or a mock's state) into JSON data:
 * drops `undefined` (which `Struct.fromJavaScript` rejects) and turns anything non-JSON into a string.
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : String(value);
  }
  if (Array.isArray(value)) {
    return value.map((element) => toJsonValue(element) ?? null);
  }
  if (typeof value === "object") {
    return toJsonObject(value as Record<string, unknown>);
  }
  return String(value);
}

/** {@link toJsonValue} for an object: keys whose value is `undefined` are dropped. */
export function toJsonObject(value: Record<string, unknown> | undefined | null): JsonObject {
  const result: JsonObject = {};
  if (!value) {
    return result;
  }
  for (const [key, element] of Object.entries(value)) {
    const converted = toJsonValue(element);
    if (converted !== undefined) {
      result[key] = converted;
    }
  }
  return result;
}

/**
 * Replaces every resource-reference signature object with the referenced resource's `id`, or its
 * `urn` when it has no id, as the engine does when it marshals for analyzers (`KeepResources=false`).
 * Secrets and unknown sentinels are kept as they are.
 */
export function replaceResourceReferences(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map(replaceResourceReferences);
  }
  if (!isJsonObject(value)) {
    return value;
  }
  if (value[SIGNATURE_KEY] === RESOURCE_SIGNATURE) {
    const id = value["id"];
    if (typeof id === "string" && id !== "") {
      return id;
    }
    return typeof value["urn"] === "string" ? value["urn"] : null;
  }
  const result: JsonObject = {};
  for (const [key, element] of Object.entries(value)) {
    result[key] = replaceResourceReferences(element);
  }
  return result;
}

/**
 * Prepares a property map the way the engine marshals it for `Analyze`/`AnalyzeStack`: top-level
 * internal keys (prefix `__`, e.g. the bridge's `__defaults`) are dropped and resource references
 * become their id or URN.
 */
export function engineProperties(properties: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    if (!key.startsWith("__")) {
      result[key] = replaceResourceReferences(value);
    }
  }
  return result;
}
