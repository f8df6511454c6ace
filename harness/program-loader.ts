// Runs a Pulumi program given as a module path, freshly each time it is asked to.
//
// A Pulumi program creates its resources while its modules load. To capture it several times in one
// process, its own modules must execute again each time. Deleting entries from `require.cache` does
// that under plain Node but not under Jest, whose registry ignores it. So the program's own files (any
// file outside node_modules) are evaluated here, once per run. Everything else, above all
// `@pulumi/pulumi` and `@pulumi/aws`, goes through the ordinary `require` so the program shares the
// harness's Pulumi runtime (and its mocks).
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

/** Error raised when a program module cannot be loaded or evaluated. */
export class ProgramLoadError extends Error {
  /** Creates the error for the program file that failed. */
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.name = "ProgramLoadError";
  }
}

interface LoadedModule {
  exports: unknown;
}

function isOwnSource(file: string): boolean {
  return file.endsWith(".js") && !file.split(path.sep).includes("node_modules");
}

/**
 * Evaluates a CommonJS program module and the program's own modules it requires, all freshly
 * (a new module cache per call), and returns the entry module's `module.exports`.
 * Only compiled JavaScript can be loaded this way; compile TypeScript programs first.
 */
export function loadProgramModule(entry: string): unknown {
  const resolved = createRequire(path.join(process.cwd(), "noop.js")).resolve(path.resolve(entry));
  const modules = new Map<string, LoadedModule>();

  const load = (file: string): unknown => {
    const existing = modules.get(file);
    if (existing) {
      return existing.exports;
    }
    const module: LoadedModule = { exports: {} };
    modules.set(file, module);
    const baseRequire = createRequire(file);
    const localRequire = Object.assign(
      (specifier: string): unknown => {
        const target = baseRequire.resolve(specifier);
        return isOwnSource(target) ? load(target) : baseRequire(target);
      },
      { resolve: baseRequire.resolve, cache: baseRequire.cache, main: baseRequire.main, extensions: baseRequire.extensions },
    );
    let source = fs.readFileSync(file, "utf8");
    if (source.startsWith("#!")) {
      source = "//" + source;
    }
    let compiled: (...args: unknown[]) => unknown;
    try {
      // `new Function` (not `vm`) so that the code runs in the caller's realm, which under Jest is the
      // test context. The trailing sourceURL keeps stack traces pointing at the file.
      compiled = new Function("exports", "require", "module", "__filename", "__dirname", `${source}\n//# sourceURL=${file}`) as (
        ...args: unknown[]
      ) => unknown;
    } catch (err) {
      modules.delete(file);
      throw new ProgramLoadError(file, `cannot be compiled: ${(err as Error).message}`, { cause: err });
    }
    compiled.call(module.exports, module.exports, localRequire, module, file, path.dirname(file));
    return module.exports;
  };

  if (!isOwnSource(resolved)) {
    throw new ProgramLoadError(resolved, "only a compiled JavaScript program outside node_modules can be run");
  }
  return load(resolved);
}
