import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PACK_DIR = path.join(__dirname, "..", "..", "policypack");
const ROOT_MODULES = path.join(__dirname, "..", "..", "node_modules");

/** Starts run-policy-pack in `dir` the way the Pulumi CLI does and resolves with the first stdout line. */
function firstLine(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/@pulumi/pulumi/cmd/run-policy-pack", "127.0.0.1:1", dir], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no port within 60 s; stderr: ${err}`));
    }, 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) {
        clearTimeout(timer);
        child.kill();
        resolve(out.split("\n")[0]);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!out.includes("\n")) reject(new Error(`pack exited with ${code}: ${err}`));
    });
  });
}

describe("the policy pack as `pulumi policy publish` uploads it (npm pack)", () => {
  let unpacked: string;
  let files: string[];

  beforeAll(() => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "backup-guard-pack-"));
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: PACK_DIR, encoding: "utf8", env: { ...process.env, npm_config_loglevel: "error" } });
    const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = info.files.map((f) => f.path).sort();
    execFileSync("tar", ["-xzf", path.join(work, info.filename), "-C", work]);
    unpacked = path.join(work, "package");
  });

  it("holds the manifest, the pack description and the compiled rules, and no sources or dependencies", () => {
    expect(files).toEqual(expect.arrayContaining(["PulumiPolicy.yaml", "package.json", "README.md", "lib/pulumi/pack-entry.js", "lib/rules/index.js", "lib/aws/backup-plans.js"]));
    expect(files).toEqual(expect.arrayContaining(["config/README.md", "config/audit.json", "config/eu-residency.json", "config/strict.json"]));
    expect(files.filter((f) => f.startsWith("node_modules/") || f.endsWith(".ts") && !f.endsWith(".d.ts") || f.endsWith(".map"))).toEqual([]);
  });

  it("declares every runtime dependency of the compiled code", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8")) as { dependencies: Record<string, string>; version: string; main: string };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@pulumi/policy", "@pulumi/pulumi", "ajv"]);
    const required = new Set<string>();
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      for (const match of fs.readFileSync(path.join(unpacked, file), "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
        required.add(match[1].startsWith("@") ? match[1].split("/").slice(0, 2).join("/") : match[1].split("/")[0]);
      }
    }
    const builtins = new Set(["fs", "path", "os", "child_process", "util", "crypto"]);
    // @pulumi/pulumi provides the launcher the CLI runs (cmd/run-policy-pack), resolved from the pack's node_modules.
    required.add("@pulumi/pulumi");
    expect([...required].filter((m) => !builtins.has(m)).sort()).toEqual(Object.keys(manifest.dependencies).sort());
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(fs.existsSync(path.join(unpacked, manifest.main))).toBe(true);
  });

  it("serves from the unpacked tarball once its dependencies are installed", async () => {
    fs.symlinkSync(ROOT_MODULES, path.join(unpacked, "node_modules"), "dir");
    expect(await firstLine(unpacked)).toMatch(/^\d+$/);
  });
});
