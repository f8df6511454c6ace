import { Fact, known, unknown } from "../core/facts";
import { JsonValue, isJsonObject } from "../core/json";
import { PropertyPath, formatPath, readRaw, readString } from "../core/raw-values";
import { isUnknown } from "../core/unknowns";
import { CopyScope } from "../core/protection-model";

/**
 * Which objects of its bucket one S3 replication rule copies, from its `filter` (`prefix`, `tag`,
 * `and.{prefix, tags}`; inline configurations: `prefix`, `tags`) and legacy `prefix`. An empty filter
 * (`filter: {}`, `filter: { prefix: "" }`, `prefix: ""`, what replication time control requires) copies
 * the whole bucket; a non-empty prefix or any tag copies part of it; a value unknown during preview
 * cannot be judged. `undefined`: the whole bucket.
 */
export function replicationScope(rule: JsonValue, path: PropertyPath): CopyScope | undefined {
  const parts: string[] = [];
  const unknowns: string[] = [];
  const prefix = (at: PropertyPath): void => {
    const value = readString(rule, at);
    if (value.state === "unknown") unknowns.push(`${formatPath([...path, ...at])} is unknown during preview`);
    else if (value.state === "known" && value.value !== "") parts.push(`${formatPath([...path, ...at])} "${value.value}"`);
    else if (value.state === "absent" && readRaw(rule, at).state === "known") unknowns.push(`${formatPath([...path, ...at])} is not a string`);
  };
  const tags = (at: PropertyPath, what: "tags" | "tag"): void => {
    const raw = readRaw(rule, at);
    const where = formatPath([...path, ...at]);
    if (raw.state === "unknown") unknowns.push(`${where} is unknown during preview`);
    // Any tag narrows the rule to the objects carrying it, whatever its (possibly unknown) value.
    else if (raw.state === "known" && (what === "tag" || !isJsonObject(raw.value) || Object.keys(raw.value).length > 0)) parts.push(`${where} ${describe(raw.value)}`);
  };
  const block = (at: PropertyPath, fields: (inner: PropertyPath) => void): void => {
    const raw = readRaw(rule, at);
    if (raw.state === "unknown") unknowns.push(`${formatPath([...path, ...at])} is unknown during preview`);
    else if (raw.state === "known") fields(at);
  };
  prefix(["prefix"]);
  block(["filter"], (filter) => {
    prefix([...filter, "prefix"]);
    tags([...filter, "tags"], "tags");
    tags([...filter, "tag"], "tag");
    block([...filter, "and"], (and) => {
      prefix([...and, "prefix"]);
      tags([...and, "tags"], "tags");
    });
  });
  if (parts.length > 0) return { state: "part", basis: `it replicates only the objects matching ${parts.join(" and ")}` };
  if (unknowns.length > 0) return { state: "unknown", basis: `which objects it replicates cannot be told: ${unknowns.join("; ")}` };
  return undefined;
}

/** A filter value for messages, with unknown values shown as such. */
function describe(value: JsonValue): string {
  return JSON.stringify(value, (_key, v: unknown) => (isUnknown(v) ? "(unknown during preview)" : v));
}

/**
 * Whether one S3 replication rule leaves out the objects encrypted with SSE-KMS: S3 replicates them only
 * when the rule's `sourceSelectionCriteria.sseKmsEncryptedObjects` is on (`status: "Enabled"`; inline
 * configurations: `enabled: true`). That matters when the source bucket encrypts new objects with SSE-KMS
 * by default (`sseKms`: a customer key or aws/s3): then most objects are not replicated. `undefined`:
 * the rule copies them, or the bucket does not use SSE-KMS.
 */
export function sseKmsScope(rule: JsonValue, path: PropertyPath, sseKms: Fact<boolean>, bucketLabel: string): CopyScope | undefined {
  const at: PropertyPath = ["sourceSelectionCriteria", "sseKmsEncryptedObjects"];
  const where = formatPath([...path, ...at]);
  const block = readRaw(rule, at);
  const setting = block.state === "known" && isJsonObject(block.value) ? (block.value["status"] !== undefined ? readRaw(block.value, ["status"]) : readRaw(block.value, ["enabled"])) : block;
  const on: Fact<boolean> =
    setting.state === "unknown"
      ? unknown(`${where} is unknown during preview`)
      : setting.state === "known" && (setting.value === "Enabled" || setting.value === true)
        ? known(true, where)
        : known(false, `${where} is ${setting.state === "known" ? `${JSON.stringify(setting.value)}, not Enabled` : "not set"}`);
  if (on.state === "known" && on.value) return undefined;
  if (sseKms.state === "known" && !sseKms.value) return undefined;
  if (on.state === "known" && sseKms.state === "known") {
    return { state: "part", basis: `it leaves out the objects encrypted with SSE-KMS, and ${bucketLabel} encrypts new objects with SSE-KMS by default (${sseKms.basis}): ${on.basis}` };
  }
  const doubt = [on, sseKms].filter((f) => f.state !== "known").map((f) => f.basis);
  return { state: "unknown", basis: `whether it replicates the objects encrypted with SSE-KMS cannot be told: ${doubt.join("; ")}` };
}

/** One scope of two: part of the data when either copies part; unknown when either cannot be told. */
export function combineScopes(a: CopyScope | undefined, b: CopyScope | undefined): CopyScope | undefined {
  if (!a || !b) return a ?? b;
  if (a.state === b.state) return { state: a.state, basis: `${a.basis}; ${b.basis}` };
  return a.state === "part" ? a : b;
}
