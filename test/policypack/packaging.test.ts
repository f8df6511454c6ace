// What `pulumi policy publish` uploads is what was tested: pinned dependencies (npm-shrinkwrap.json),
// no pack without its compiled rules, a README whose links work from the package, versioned docs links.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RULES } from "../../policies/rules";
import { PACK_VERSION, REPOSITORY_URL } from "../../policies/pulumi/docs-url";
import { policyPackArgs } from "../../policies/pulumi/pack-args";
import { AnalysisSession } from "../../policies/pulumi/analysis-session";

const ROOT = path.join(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policypack");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packShrinkwrapText, buildShrinkwrap } = require("../../scripts/pack-shrinkwrap.js") as {
  packShrinkwrapText(): string;
  buildShrinkwrap(lock: unknown, manifest: unknown): { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packBuildProblems } = require("../../scripts/check-pack-built.js") as { packBuildProblems(dir: string): string[] };

interface Manifest {
  version: string;
  dependencies: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

describe("the pack's pinned dependencies (npm-shrinkwrap.json)", () => {
  it("is exactly what the root lockfile holds for the pack's dependencies (npm run shrinkwrap)", () => {
    expect(fs.readFileSync(path.join(PACK_DIR, "npm-shrinkwrap.json"), "utf8")).toBe(packShrinkwrapText());
  });

  it("pins each dependency of the pack's package.json at the version it declares", () => {
    const manifest = readJson<Manifest>(path.join(PACK_DIR, "package.json"));
    const shrinkwrap = readJson<{ version: string; packages: Record<string, { version?: string; dependencies?: Record<string, string> }> }>(path.join(PACK_DIR, "npm-shrinkwrap.json"));
    expect(shrinkwrap.version).toBe(manifest.version);
    expect(shrinkwrap.packages[""]?.dependencies).toEqual(manifest.dependencies);
    for (const [name, version] of Object.entries(manifest.dependencies)) expect([name, shrinkwrap.packages[`node_modules/${name}`]?.version]).toEqual([name, version]);
  });

  it("refuses a pack dependency whose pinned version the root lockfile does not hold", () => {
    const lock = { packages: { "node_modules/ajv": { version: "8.0.0" } } };
    expect(() => buildShrinkwrap(lock, { name: "p", version: "1.0.0", dependencies: { ajv: "8.20.0" } })).toThrow(
      "policypack/package.json pins ajv@8.20.0 but the root lockfile has 8.0.0: pin the same version in both",
    );
    expect(() => buildShrinkwrap({ packages: {} }, { name: "p", version: "1.0.0", dependencies: { ajv: "8.20.0" } })).toThrow(
      "the root package-lock.json lacks ajv (needed by p): run npm install at the root",
    );
  });

  it("takes a nested copy of a dependency where npm installed one, and the hoisted one elsewhere", () => {
    const lock = {
      packages: {
        "node_modules/a": { version: "1.0.0", dependencies: { b: "^2" }, dev: true },
        "node_modules/a/node_modules/b": { version: "2.0.0" },
        "node_modules/b": { version: "1.0.0" },
        "node_modules/c": { version: "1.0.0", dependencies: { b: "^1" } },
        "node_modules/unused": { version: "1.0.0" },
      },
    };
    const shrinkwrap = buildShrinkwrap(lock, { name: "p", version: "1.0.0", dependencies: { a: "1.0.0", c: "1.0.0" } });
    expect(Object.keys(shrinkwrap.packages)).toEqual(["", "node_modules/a", "node_modules/a/node_modules/b", "node_modules/b", "node_modules/c"]);
    expect(shrinkwrap.packages["node_modules/a"]).toEqual({ version: "1.0.0", dependencies: { b: "^2" } });
  });
});

describe("prepack: no pack without its compiled rules", () => {
  function fakePack(withLib: boolean, sourceNewer: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-prepack-"));
    fs.mkdirSync(path.join(dir, "policies", "core"), { recursive: true });
    fs.mkdirSync(path.join(dir, "policypack", "lib", "core"), { recursive: true });
    fs.writeFileSync(path.join(dir, "policypack", "package.json"), JSON.stringify({ main: "lib/entry.js" }));
    fs.writeFileSync(path.join(dir, "policies", "core", "facts.ts"), "export {};");
    if (withLib) {
      fs.writeFileSync(path.join(dir, "policypack", "lib", "entry.js"), "");
      fs.writeFileSync(path.join(dir, "policypack", "lib", "core", "facts.js"), "");
    }
    const past = new Date(Date.now() - 60_000);
    if (sourceNewer) fs.utimesSync(path.join(dir, "policypack", "lib", "core", "facts.js"), past, past);
    else if (withLib) fs.utimesSync(path.join(dir, "policies", "core", "facts.ts"), past, past);
    return path.join(dir, "policypack");
  }

  it("accepts a pack built after its last source change", () => {
    expect(packBuildProblems(fakePack(true, false))).toEqual([]);
  });

  it("refuses a pack whose lib/ is missing", () => {
    expect(packBuildProblems(fakePack(false, false))).toEqual(["lib/entry.js is missing", "lib/core/facts.js is missing"]);
  });

  it("refuses a pack whose compiled rules are older than their sources", () => {
    expect(packBuildProblems(fakePack(true, true))).toEqual(["lib/core/facts.js is older than policies/core/facts.ts"]);
  });

  it("makes npm pack fail with a message saying to build first", () => {
    const pack = fakePack(false, false);
    fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", main: "lib/entry.js", scripts: { prepack: `node ${path.join(ROOT, "scripts", "check-pack-built.js")}` } }));
    let error = "";
    try {
      execFileSync("npm", ["pack", "--dry-run"], { cwd: pack, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      error = String((e as { stderr?: string }).stderr);
    }
    expect(error).toContain("backup-guard pack is not built or is stale (lib/entry.js is missing; lib/core/facts.js is missing): run `npm run build` at the repository root before packing or publishing.");
  });
});

describe("the published pack's links and versions", () => {
  let unpacked: string;
  let files: string[];

  beforeAll(() => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "bg-packaging-"));
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: PACK_DIR, encoding: "utf8", env: { ...process.env, npm_config_loglevel: "error" } });
    const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = info.files.map((f) => f.path).sort();
    execFileSync("tar", ["-xzf", path.join(work, info.filename), "-C", work]);
    unpacked = path.join(work, "package");
  });

  it("ships the shrinkwrap and the library entry", () => {
    expect(files).toEqual(expect.arrayContaining(["npm-shrinkwrap.json", "lib/library.js", "lib/library.d.ts"]));
  });

  it("has no link in its READMEs that leaves the package, except to this version's docs", () => {
    const versioned = `${REPOSITORY_URL}/blob/v${PACK_VERSION}/`;
    for (const readme of files.filter((f) => f.endsWith("README.md"))) {
      const text = fs.readFileSync(path.join(unpacked, readme), "utf8");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) {
          expect({ readme, target, versioned: target.startsWith(versioned) }).toEqual({ readme, target, versioned: true });
        } else {
          const resolved = path.normalize(path.join(path.dirname(readme), target.split("#")[0] ?? ""));
          expect({ readme, target, inPackage: !resolved.startsWith("..") && files.includes(resolved) }).toEqual({ readme, target, inPackage: true });
        }
      }
    }
  });

  it("points every policy's url at its docs page of the pack's version", () => {
    const manifest = readJson<Manifest>(path.join(unpacked, "package.json"));
    expect([PACK_VERSION, readJson<Manifest>(path.join(ROOT, "package.json")).version]).toEqual([manifest.version, manifest.version]);
    const args = policyPackArgs({ session: new AnalysisSession(), stackConfig: {} });
    expect(args.policies.map((p) => p.url)).toEqual(
      args.policies.map((p) => `https://github.com/backup-guard/backup-guard/blob/v${manifest.version}/docs/policies/${p.name}.md`),
    );
    for (const rule of RULES) expect(fs.existsSync(path.join(ROOT, "docs", "policies", `${rule.meta.id}.md`))).toBe(true);
  });
});
