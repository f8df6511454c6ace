// Preloaded (NODE_OPTIONS=--require) into a pack to see what its start-up loads: the time spent loading
// modules, attributed to the package that owns each module (nested loads count for the outermost module
// of another package), written as JSON into BACKUP_GUARD_LOAD_TIMES when the pack is stopped.
import * as fs from "fs";
import Module from "module";
import { performance } from "perf_hooks";

/** The group a module file belongs to: the pack's own code, or the npm package it comes from. */
export function moduleGroup(file: string): string {
  if (/[\\/]policypack[\\/]lib[\\/]/.test(file) || /[\\/]dist[\\/](policies|bench)[\\/]/.test(file)) return "backup-guard (own modules)";
  const match = /.*node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  return match ? match[1].replace(/\\/g, "/") : file.includes("/") ? "other files" : "node built-ins";
}

const out = process.env["BACKUP_GUARD_LOAD_TIMES"];
if (out) {
  const totals = new Map<string, { ms: number; modules: number }>();
  const stack: string[] = [];
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown; _resolveFilename: (request: string, parent: unknown, isMain: boolean) => string };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    let group: string;
    try {
      group = moduleGroup(loader._resolveFilename(request, parent, isMain));
    } catch {
      return original.call(this, request, parent, isMain);
    }
    const outer = stack[stack.length - 1];
    stack.push(group);
    const start = performance.now();
    try {
      return original.call(this, request, parent, isMain);
    } finally {
      stack.pop();
      const entry = totals.get(group) ?? { ms: 0, modules: 0 };
      entry.modules++;
      // Only the outermost load of a group counts its time (its nested loads of the same group are in it).
      if (outer !== group) entry.ms += performance.now() - start;
      totals.set(group, entry);
      if (outer !== undefined && outer !== group) {
        // Time spent in another group is not the outer group's: take it back out.
        const outerEntry = totals.get(outer) ?? { ms: 0, modules: 0 };
        outerEntry.ms -= performance.now() - start;
        totals.set(outer, outerEntry);
      }
    }
  };
  process.once("SIGTERM", () => {
    fs.writeFileSync(out, JSON.stringify(Object.fromEntries(totals)));
    process.exit(0);
  });
}
