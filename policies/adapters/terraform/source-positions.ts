// Where a Terraform plan's resources are written, for reports that point at code (SARIF for GitHub code
// scanning). A plan JSON carries no source positions: a resource is found in the configuration's `.tf`
// files (`resource "TYPE" "NAME"`, in its module's directory, through the local `source` of each module
// call), else at its own entry in the plan file, never at a made-up line.
import * as fs from "fs";
import * as path from "path";
import { JsonObject, isJsonObject } from "../../core/json";
import { SourcePosition } from "../../core/source-position";
import { parseModuleAddress } from "./module-address";

/** A resource change as the positions need it. */
interface ChangeName {
  readonly address: string;
  readonly moduleAddress: string;
  readonly type: string;
  readonly name: string;
}

function changesOf(plan: unknown): ChangeName[] {
  const changes = isJsonObject(plan) && Array.isArray(plan["resource_changes"]) ? plan["resource_changes"] : [];
  const out: ChangeName[] = [];
  for (const change of changes) {
    if (!isJsonObject(change) || change["mode"] !== "managed") continue;
    const { address, type, name } = change;
    if (typeof address !== "string" || typeof type !== "string" || typeof name !== "string") continue;
    out.push({ address, type, name, moduleAddress: typeof change["module_address"] === "string" ? change["module_address"] : "" });
  }
  return out;
}

/** The directory of each module call path (`a.b`), from local `source` paths only (registry and git modules are not on disk). */
function moduleDirectories(plan: unknown, root: string): Map<string, string> {
  const out = new Map<string, string>([["", root]]);
  const configuration = isJsonObject(plan) && isJsonObject(plan["configuration"]) ? plan["configuration"] : undefined;
  const visit = (module: JsonObject | undefined, dir: string, prefix: readonly string[], depth: number): void => {
    const calls = module && isJsonObject(module["module_calls"]) ? module["module_calls"] : undefined;
    if (!calls || depth > 32) return;
    for (const [name, call] of Object.entries(calls)) {
      if (!isJsonObject(call) || typeof call["source"] !== "string" || !/^\.\.?[\\/]/.test(call["source"])) continue;
      const childDir = path.resolve(dir, call["source"]);
      const childPath = [...prefix, name];
      out.set(childPath.join("."), childDir);
      visit(isJsonObject(call["module"]) ? call["module"] : undefined, childDir, childPath, depth + 1);
    }
  };
  visit(configuration && isJsonObject(configuration["root_module"]) ? configuration["root_module"] : undefined, root, [], 0);
  return out;
}

/** `resource "TYPE" "NAME"` blocks of the `.tf` files of one directory: `TYPE.NAME` → position. */
function resourceBlocks(dir: string): Map<string, SourcePosition> {
  const out = new Map<string, SourcePosition>();
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith(".tf")).sort();
  } catch {
    return out; // not a readable directory: no positions, the plan file is used instead
  }
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, file), "utf8");
    } catch {
      continue;
    }
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      const match = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/.exec(line);
      const key = match ? `${match[1]}.${match[2]}` : undefined;
      if (key !== undefined && !out.has(key)) out.set(key, { file: path.join(dir, file), line: i + 1, column: line.search(/\S/) + 1 });
    });
  }
  return out;
}

/**
 * The `resource` block of each managed resource of the plan in the configuration under `configDir`
 * (the root module's directory), by resource address. `count` and `for_each` instances share their block.
 * Resources of modules that are not local, or files that cannot be read, have none.
 */
export function configurationPositions(plan: unknown, configDir: string): Map<string, SourcePosition> {
  const out = new Map<string, SourcePosition>();
  const directories = moduleDirectories(plan, path.resolve(configDir));
  const blocks = new Map<string, Map<string, SourcePosition>>();
  for (const change of changesOf(plan)) {
    const steps = parseModuleAddress(change.moduleAddress);
    const dir = steps ? directories.get(steps.map((s) => s.name).join(".")) : undefined;
    if (dir === undefined) continue;
    let inDir = blocks.get(dir);
    if (!inDir) blocks.set(dir, (inDir = resourceBlocks(dir)));
    const position = inDir.get(`${change.type}.${change.name}`);
    if (position) out.set(change.address, position);
  }
  return out;
}

/**
 * Where each of `addresses` has its change in the plan text (`"address": "…"` of its
 * `resource_changes` entry, else the first mention), as a line and column of `file`.
 */
export function planPositions(text: string, file: string, addresses: ReadonlySet<string>): Map<string, SourcePosition> {
  const out = new Map<string, SourcePosition>();
  if (addresses.size === 0) return out;
  const changesAt = Math.max(0, text.indexOf('"resource_changes"'));
  const pattern = /"address"\s*:\s*("(?:[^"\\]|\\.)*")/g;
  // Line starts are counted once, in the same pass.
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const positionOf = (offset: number): { line: number; column: number } => {
    for (let i = text.indexOf("\n", scanned); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = offset;
    return { line, column: offset - lineStart + 1 };
  };
  const found = new Map<string, { readonly offset: number; readonly inChanges: boolean }>();
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    let address: unknown;
    try {
      address = JSON.parse(match[1]);
    } catch {
      continue;
    }
    if (typeof address !== "string" || !addresses.has(address)) continue;
    const inChanges = match.index >= changesAt && changesAt > 0;
    const seen = found.get(address);
    if (!seen || (inChanges && !seen.inChanges)) found.set(address, { offset: match.index, inChanges });
  }
  for (const [address, { offset }] of [...found].sort((a, b) => a[1].offset - b[1].offset)) {
    out.set(address, { file, ...positionOf(offset) });
  }
  return out;
}
