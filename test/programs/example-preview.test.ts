import * as fs from "fs";
import * as path from "path";
import { runPreviewCli } from "../../harness/preview-cli";

const ROOT = path.join(__dirname, "..", "..");

/** Runs the `npm start` entry in-process and returns its exit code and standard output. */
async function npmStart(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await runPreviewCli(["--root", ROOT, ...args], { stdout: (t) => (out += t), stderr: (t) => (out += t) });
  return { code, out };
}

function readmeExpectedOutput(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /## Expected output of `npm start`\n[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error("README has no expected output block");
  return match[1];
}

describe("the bundled example program (npm start)", () => {
  it("previews the blocked and the passing stack exactly as the README shows, exiting 1", async () => {
    const { code, out } = await npmStart([]);
    expect(out).toBe(readmeExpectedOutput());
    expect(code).toBe(1);
  }, 300_000); // four stacks, each a program run and a pack process: slow on a loaded machine

  it("blocks the Strasbourg case by backup-cross-region-copy and its fixed twin only by backup-offline-copy", async () => {
    const blocked = await npmStart(["--stack", "strasbourg-blocked"]);
    expect(blocked.out).toContain("- [mandatory]  backup-cross-region-copy  (ovh:CloudProject/database:Database: orders)");
    expect(blocked.code).toBe(1);
    const fixed = await npmStart(["--stack", "strasbourg-fixed"]);
    expect(fixed.out.match(/- \[mandatory\] {2}[a-z-]+/g)).toEqual(["- [mandatory]  backup-offline-copy"]);
    expect(fixed.code).toBe(1);
  });

  it("exits 0 for the passing stack alone", async () => {
    const { code, out } = await npmStart(["--stack", "passing"]);
    expect(out).toContain("✅ backup-guard@v0.1.0");
    expect(code).toBe(0);
  });
});
