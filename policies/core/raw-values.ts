import { Fact, absent, known, unknown } from "./facts";
import { JsonObject, JsonValue, isJsonObject } from "./json";
import { SECRET_SIG, SPECIAL_SIG_KEY, isUnknown } from "./unknowns";

/** A property path: object keys and array indices. */
export type PropertyPath = ReadonlyArray<string | number>;

/** Renders a path the way users write it: `rules[0].copyActions[1].destinationVaultArn`. */
export function formatPath(path: PropertyPath): string {
  return formatPrefix(path, path.length);
}

/** Renders the first `length` steps of a path. */
function formatPrefix(path: PropertyPath, length: number): string {
  // Most reads name one property: its path is the name itself.
  if (length === 1 && typeof path[0] === "string") return path[0];
  let out = "";
  for (let i = 0; i < length; i++) {
    const part = path[i];
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

/** Unwraps a secret value (`{sig: secret, value}`) so that secret inputs are judged like plain ones. */
export function unwrapSecret(value: JsonValue | undefined): JsonValue | undefined {
  if (isJsonObject(value) && value[SPECIAL_SIG_KEY] === SECRET_SIG) {
    return value["value"];
  }
  return value;
}

/**
 * Reads a raw value at `path`. Never throws: an unknown sentinel anywhere on the way makes the fact
 * unknown; a missing key, `null`, or a shape that does not fit the path makes it absent.
 */
export function readRaw(root: JsonValue | undefined, path: PropertyPath): Fact<JsonValue> {
  let current: JsonValue | undefined = unwrapSecret(root);
  for (let i = 0; i < path.length; i++) {
    if (isUnknown(current)) {
      return unknown(`${formatPrefix(path, i) || "the resource's properties"} unknown during preview`);
    }
    const part = path[i];
    if (typeof part === "number") {
      current = Array.isArray(current) ? unwrapSecret(current[part]) : undefined;
    } else {
      current = isJsonObject(current) ? unwrapSecret(current[part]) : undefined;
    }
    if (current === undefined || current === null) {
      return absent(`${formatPrefix(path, i + 1)} not set`);
    }
  }
  if (isUnknown(current)) {
    return unknown(`${formatPath(path)} unknown during preview`);
  }
  if (current === undefined || current === null) {
    return absent(`${formatPath(path)} not set`);
  }
  return known(current, formatPath(path));
}

/** Reads a string; a value of another type is reported as absent with the reason. */
export function readString(root: JsonValue | undefined, path: PropertyPath): Fact<string> {
  const fact = readRaw(root, path);
  if (fact.state !== "known") {
    return fact;
  }
  if (typeof fact.value !== "string") {
    return absent(`${formatPath(path)} is not a string`);
  }
  return known(fact.value, fact.basis);
}

/**
 * Reads a number. Numbers may arrive as strings (provider config, some bridged inputs): a string that
 * is a finite decimal number is accepted.
 */
export function readNumber(root: JsonValue | undefined, path: PropertyPath): Fact<number> {
  const fact = readRaw(root, path);
  if (fact.state !== "known") {
    return fact;
  }
  const value = fact.value;
  if (typeof value === "number" && Number.isFinite(value)) {
    return known(value, fact.basis);
  }
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return known(Number(value), fact.basis);
  }
  return absent(`${formatPath(path)} is not a number`);
}

/**
 * Reads a number that decides a verdict when set (a retention): a value of another type is not "not
 * set" but an unexpected shape, which cannot be judged and is reported as unknown with the reason.
 */
export function readNumberStrict(root: JsonValue | undefined, path: PropertyPath): Fact<number> {
  const fact = readNumber(root, path);
  if (fact.state === "absent" && readRaw(root, path).state === "known") {
    return { state: "unknown", basis: `${formatPath(path)} is not a number: an unexpected shape, so it cannot be judged` };
  }
  return fact;
}

/** Reads a boolean; `"true"`/`"false"` strings (provider config) are accepted. */
export function readBoolean(root: JsonValue | undefined, path: PropertyPath): Fact<boolean> {
  const fact = readRaw(root, path);
  if (fact.state !== "known") {
    return fact;
  }
  if (typeof fact.value === "boolean") {
    return known(fact.value, fact.basis);
  }
  if (fact.value === "true" || fact.value === "false") {
    return known(fact.value === "true", fact.basis);
  }
  return absent(`${formatPath(path)} is not a boolean`);
}

/** Reads an array (elements stay raw). */
export function readArray(root: JsonValue | undefined, path: PropertyPath): Fact<readonly JsonValue[]> {
  const fact = readRaw(root, path);
  if (fact.state !== "known") {
    return fact;
  }
  if (!Array.isArray(fact.value)) {
    return absent(`${formatPath(path)} is not a list`);
  }
  return known(fact.value, fact.basis);
}

/** Reads an object. */
export function readObject(root: JsonValue | undefined, path: PropertyPath): Fact<JsonObject> {
  const fact = readRaw(root, path);
  if (fact.state !== "known") {
    return fact;
  }
  if (!isJsonObject(fact.value)) {
    return absent(`${formatPath(path)} is not an object`);
  }
  return known(fact.value, fact.basis);
}

/**
 * Reads a value that providers pass as a JSON-encoded string (e.g. the AWS provider's `assumeRoles`,
 * `allowedAccountIds`), accepting an already-decoded value too. Malformed JSON is absent with a reason.
 */
export function readJsonEncoded(root: JsonValue | undefined, path: PropertyPath): Fact<JsonValue> {
  const fact = readRaw(root, path);
  if (fact.state !== "known" || typeof fact.value !== "string") {
    return fact;
  }
  try {
    const decoded = JSON.parse(fact.value) as JsonValue;
    return known(decoded, fact.basis);
  } catch {
    return absent(`${formatPath(path)} is not valid JSON`);
  }
}

/** Every path under `root` whose value is an unknown sentinel (depth-first, in key order). */
export function unknownPaths(root: JsonValue | undefined, prefix: PropertyPath = []): PropertyPath[] {
  const out: PropertyPath[] = [];
  // One path is walked and copied only where an unknown is found: planned values are mostly known.
  walkUnknowns(root, [...prefix], (path) => out.push([...path]));
  return out;
}

/**
 * Calls `visit` with the path of every unknown sentinel under `root`, in the order of
 * {@link unknownPaths}, without a path array per unknown: `path` is the walk's own array, valid during
 * the call only (copy it to keep it). For callers that judge each unknown and keep few paths.
 */
export function forEachUnknownPath(root: JsonValue | undefined, visit: (path: PropertyPath) => void): void {
  walkUnknowns(root, [], visit);
}

function walkUnknowns(node: JsonValue | undefined, path: Array<string | number>, visit: (path: PropertyPath) => void): void {
  const value = unwrapSecret(node);
  if (isUnknown(value)) visit(path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walkUnknowns(value[i], path, visit);
      path.pop();
    }
  } else if (isJsonObject(value)) {
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      path.push(key);
      walkUnknowns(value[key], path, visit);
      path.pop();
    }
  }
}

/** Every known string anywhere under `root` (used to explain which resources a property refers to). */
export function knownStrings(root: JsonValue | undefined): string[] {
  const value = unwrapSecret(root);
  if (typeof value === "string") {
    return isUnknown(value) ? [] : [value];
  }
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) out.push(...knownStrings(item));
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) out.push(...knownStrings(value[key]));
  }
  return out;
}
