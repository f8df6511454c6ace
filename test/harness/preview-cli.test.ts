import * as fs from "fs";
import * as path from "path";
import { compiledProgramPath, runPreviewCli } from "../../harness/preview-cli";
import { findProjectRoot, listStacks, readPulumiProject, readStackConfig, StackConfigError } from "../../harness/stack-config";
import { REPO_ROOT, removeTempDir, TINY_PACK_INDEX, tempDirWithModules } from "./fixtures";

// A project laid out like this repository: Pulumi.yaml, stack files, the compiled program under dist/,
// and a policy pack in policypack/ whose node_modules links to the installed packages.
function writeProject(): string {
  const root = tempDirWithModules("project-");
  fs.writeFileSync(
    path.join(root, "Pulumi.yaml"),
    "name: backup-guard-example\nruntime: nodejs\nmain: example/index.ts\nconfig:\n  owner:\n    type: string\n    default: team-a\n",
  );
  fs.writeFileSync(
    path.join(root, "Pulumi.dev.yaml"),
    "config:\n  aws:region: eu-west-3\n  backup-guard-example:scenario: blocked\n  backup-guard-example:copies: 2\n  backup-guard-example:regions:\n    - eu-west-1\n    - us-west-2\n",
  );
  fs.writeFileSync(path.join(root, "Pulumi.prod.yaml"), "config:\n  aws:region: eu-west-3\n  scenario: passing\n");
  fs.mkdirSync(path.join(root, "dist", "example"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "dist", "example", "index.js"),
    `"use strict";
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");
const config = new pulumi.Config();
if (config.require("scenario") === "blocked") {
  new aws.backup.Vault("unnamed", {});
} else {
  new aws.backup.Vault("named", { name: config.require("owner") + "-vault" });
}
`,
  );
  const pack = path.join(root, "policypack");
  fs.mkdirSync(pack);
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(pack, "node_modules"), "dir");
  fs.writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "tiny-pack", version: "1.2.3", main: "index.js" }));
  fs.writeFileSync(path.join(pack, "index.js"), TINY_PACK_INDEX);
  return root;
}

function output() {
  const written = { stdout: "", stderr: "" };
  return { written, sink: { stdout: (text: string) => (written.stdout += text), stderr: (text: string) => (written.stderr += text) } };
}

describe("the preview CLI on a project laid out like this repository", () => {
  let root: string;
  beforeAll(() => (root = writeProject()));
  afterAll(() => {
    fs.rmSync(path.join(root, "policypack", "node_modules"), { force: true });
    removeTempDir(root);
  });

  it("reads Pulumi.yaml and each stack's config the way the CLI passes it to programs", () => {
    const project = readPulumiProject(root);
    expect(project).toEqual({
      name: "backup-guard-example",
      runtime: "nodejs",
      main: "example/index.ts",
      config: { "backup-guard-example:owner": "team-a" },
    });
    expect(listStacks(root)).toEqual(["dev", "prod"]);
    expect(readStackConfig(root, project, "dev")).toEqual({
      "backup-guard-example:owner": "team-a",
      "aws:region": "eu-west-3",
      "backup-guard-example:scenario": "blocked",
      "backup-guard-example:copies": "2",
      "backup-guard-example:regions": '["eu-west-1","us-west-2"]',
    });
    expect(readStackConfig(root, project, "prod")).toEqual({
      "backup-guard-example:owner": "team-a",
      "aws:region": "eu-west-3",
      "backup-guard-example:scenario": "passing",
    });
    expect(findProjectRoot(path.join(root, "dist", "example"))).toBe(root);
    expect(compiledProgramPath(root, project.main)).toBe(path.join(root, "dist", "example", "index.js"));
  });

  it("rejects encrypted secrets, which cannot be decrypted offline", () => {
    fs.writeFileSync(path.join(root, "Pulumi.secret.yaml"), "config:\n  aws:secretKey:\n    secure: AAABAJ==\n");
    try {
      expect(() => readStackConfig(root, readPulumiProject(root), "secret")).toThrow(StackConfigError);
    } finally {
      fs.rmSync(path.join(root, "Pulumi.secret.yaml"));
    }
  });

  it("previews every stack, prints the reports and exits 1 when one is blocked", async () => {
    const { written, sink } = output();
    expect(await runPreviewCli(["--root", root], sink)).toBe(1);
    expect(written.stderr).toBe("");
    expect(written.stdout).toBe(
      [
        "Previewing update (dev):",
        "Backups and copies: none declared in this stack",
        "Policies:",
        "    ❌ tiny-pack@v1.2.3 (local: policypack)",
        "        - [mandatory]  vault-needs-name  (aws:backup/vault:Vault: unnamed)",
        "          Backup vaults must have an explicit name.",
        "          vault unnamed (provider default_7_48_0, region eu-west-3) has no name",
        "",
        "Preview blocked: 1 mandatory policy violation (exit code 1)",
        "",
        "Previewing update (prod):",
        "Backups and copies: none declared in this stack",
        "Policies:",
        "    ✅ tiny-pack@v1.2.3 (local: policypack)",
        "",
        "Preview not blocked: no mandatory policy violation (exit code 0)",
        "",
      ].join("\n"),
    );
  });

  it("previews only --stack ones and prints JSON with --json", async () => {
    const { written, sink } = output();
    expect(await runPreviewCli(["--root", root, "--stack", "prod", "--json"], sink)).toBe(0);
    expect(JSON.parse(written.stdout)).toEqual([
      {
        project: "backup-guard-example",
        stack: "prod",
        policyPack: { name: "tiny-pack", version: "1.2.3" },
        blocked: false,
        exitCode: 0,
        diagnostics: [],
      },
    ]);
  });

  it("exits 2 with a message on an unknown stack or a missing compiled program", async () => {
    const unknown = output();
    expect(await runPreviewCli(["--root", root, "--stack", "staging"], unknown.sink)).toBe(2);
    expect(unknown.written.stderr).toBe(`error: no Pulumi.staging.yaml in ${root} (stacks: dev, prod)\n`);
    const missing = output();
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: backup-guard-example\nruntime: nodejs\nmain: nowhere/index.ts\n");
    expect(await runPreviewCli(["--root", root], missing.sink)).toBe(2);
    expect(missing.written.stderr).toBe(
      'error: compiled program not found: dist/nowhere/index.js (for main "nowhere/index.ts"); run `npm run build`\n',
    );
  });
});
