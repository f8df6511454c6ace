// End-to-end: the compiled `backup-guard` command, spawned as CI would run it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { COMMAND, ROOT, exampleDocuments, temporaryDirectory } from "./example-documents";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const ENV = { ...process.env, BACKUP_GUARD_TODAY: "2026-06-01" };

function run(args: string[], input?: string): Run {
  const result = spawnSync(process.execPath, [COMMAND, ...args], { input, encoding: "utf8", env: ENV, cwd: ROOT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temp = temporaryDirectory();
const file = (name: string, content: string | object): string => {
  const target = path.join(temp.dir, name);
  fs.writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
};
let blockedPreview: string;
let blockedExport: string;
let passingPreview: string;

beforeAll(async () => {
  const blocked = await exampleDocuments("blocked");
  const passing = await exampleDocuments("passing");
  blockedPreview = file("blocked-preview.json", blocked.preview);
  blockedExport = file("blocked-export.json", blocked.export);
  passingPreview = file("passing-preview.json", passing.preview);
});
afterAll(() => temp.remove());

/** The command said one line on standard error, and no stack trace. */
function expectOneLineError(result: Run, line: string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(`${line}\n`);
}

describe("backup-guard check: verdicts and exit codes", () => {
  it("blocks the example's blocked stack from pulumi preview --json (exit 1) with one line per finding and a summary", () => {
    const result = run(["check", blockedPreview]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`checked ${blockedPreview} (pulumi-preview, 11 resources)`);
    expect(lines.filter((l) => /^(MANDATORY|ADVISORY) /.test(l))).toHaveLength(11);
    expect(lines).toContain("MANDATORY  backup-cross-region-copy  urn:pulumi:blocked::backup-guard-example::aws:backup/plan:Plan::orders-backup");
    expect(lines).toContain("ADVISORY   backup-restore-testing  urn:pulumi:blocked::backup-guard-example::aws:backup/vault:Vault::dr");
    expect(lines.filter((l) => l.startsWith("    ")).every((l) => l.length <= 100)).toBe(true);
    expect(lines[lines.length - 2]).toBe(
      "backup-guard: blocked (--fail-on mandatory): 9 mandatory findings, 2 advisory findings; 12 policies over 11 resources",
    );
  });

  it("blocks the same stack from pulumi stack export", () => {
    const result = run(["check", blockedExport]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("(pulumi-stack-export, 11 resources)");
  });

  it("passes the example's passing stack (exit 0)", () => {
    const result = run(["check", passingPreview]);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n").pop()).toMatch(/^backup-guard: passed \(--fail-on mandatory\): 0 mandatory findings, 0 advisory findings; 12 policies over \d+ resources$/);
  });

  it("reads standard input for -", () => {
    const result = run(["check", "-", "--format", "json"], fs.readFileSync(blockedPreview, "utf8"));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).inputs).toEqual([{ path: "-", format: "pulumi-preview", resources: 11 }]);
  });

  it("--fail-on never exits 0 on a blocked stack; --fail-on advisory fails on advisory findings", () => {
    expect(run(["check", "--fail-on", "never", blockedPreview]).code).toBe(0);
    const allAdvisory = file("all-advisory.json", { all: "advisory" });
    expect(run(["check", "--config", allAdvisory, blockedPreview]).code).toBe(0);
    expect(run(["check", "--config", allAdvisory, "--fail-on", "advisory", blockedPreview]).code).toBe(1);
  });

  it("--output writes the report to the file and the summary line to standard error", () => {
    const output = path.join(temp.dir, "report.json");
    const result = run(["check", "--format", "json", "--output", output, blockedPreview]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("backup-guard: blocked (--fail-on mandatory): 9 mandatory findings, 2 advisory findings; 12 policies over 11 resources\n");
    expect(JSON.parse(fs.readFileSync(output, "utf8")).summary).toEqual({
      mandatory: 9, advisory: 2, exempted: 0, unresolved: 0, policies: 12, resources: 11, failOn: "mandatory", blocked: true,
    });
  });

  it("refuses an input with no resource (exit 2) unless --allow-empty", () => {
    const empty = file("empty-export.json", { version: 3, deployment: { manifest: {}, resources: [] } });
    expectOneLineError(run(["check", empty]), `backup-guard: ${empty}: no resource to evaluate (nothing would exist after the deployment); pass --allow-empty to accept that`);
    expect(run(["check", "--allow-empty", empty]).code).toBe(0);
  });
});

describe("backup-guard check on the example's Terraform plan twins (example/terraform)", () => {
  const plan = (name: string): string => path.join(ROOT, "example", "terraform", `${name}.plan.json`);
  const levels = (file: string): string[] => [...new Set((JSON.parse(run(["check", "--format", "json", file]).stdout).findings as { policy: string; level: string }[]).map((f) => `${f.level} ${f.policy}`))].sort();

  it("blocks the blocked plan (exit 1), naming Terraform addresses, with the same (policy, level) findings as the Pulumi twin", () => {
    const result = run(["check", "--format", "json", plan("blocked")]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { inputs: { format: string }[]; findings: { resource: string }[] };
    expect(report.inputs.map((i) => i.format)).toEqual(["terraform-plan"]);
    expect(report.findings.every((f) => /^aws_[a-z0-9_]+\./.test(f.resource))).toBe(true);
    expect(levels(plan("blocked"))).toEqual(levels(blockedPreview));
  });

  it("passes the passing plan (exit 0)", () => {
    const result = run(["check", plan("passing")]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("backup-guard check: bad input is one line naming the file, exit 2", () => {
  it.each([
    ["an empty file", "", "the input is empty (expected JSON: terraform show -json PLANFILE, pulumi stack export or pulumi preview --json)"],
    ["a truncated plan", '{"format_version": "1.2", "resource_changes": [{"address": "aws_s3_bucket.a", ', "the JSON is truncated"],
    ["text that is not JSON", "Terraform will perform the following actions:\n", "not JSON"],
    ["a plan of a future format", JSON.stringify({ format_version: "2.0", resource_changes: [] }), 'unsupported Terraform plan format_version "2.0": backup-guard reads plan JSON format 1.x (Terraform >= 1.0, OpenTofu) (at format_version)'],
    ["an errored plan", JSON.stringify({ format_version: "1.2", errored: true, resource_changes: [] }), "the plan is errored (errored: true): Terraform could not finish planning, so what it would deploy is unknown; fix the errors and plan again (at errored)"],
    ["a stack export of another version", JSON.stringify({ version: 4, deployment: { resources: [] } }), "Pulumi deployment version 4 is not supported (backup-guard reads version 3) (at version)"],
    ["an unrecognised document", JSON.stringify({ hello: "world" }), "unrecognised input: found a JSON object with keys hello; expected a Terraform/OpenTofu plan (terraform show -json PLANFILE), a pulumi stack export (version 3) or pulumi preview --json output"],
    ["a resource without a URN", JSON.stringify({ version: 3, deployment: { resources: [{ type: "aws:s3/bucket:Bucket" }] } }), "expected a resource with a Pulumi URN (at deployment.resources[0].urn)"],
  ])("%s", (_, content, problem) => {
    const input = file("input.json", content);
    const result = run(["check", input]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toHaveLength(2);
    expect(result.stderr.startsWith(`backup-guard: ${input}: ${problem}`)).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a file that does not exist", () => {
    const missing = path.join(temp.dir, "missing.json");
    expectOneLineError(run(["check", missing]), `backup-guard: ${missing}: cannot read: no such file`);
  });

  it("usage errors: no input, an unknown option, an unknown format or level", () => {
    expectOneLineError(run(["check"]), "backup-guard: check needs one input FILE (or - for standard input)");
    expectOneLineError(run(["check", "--colour", "x.json"]), "backup-guard: Unknown option '--colour'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--colour\" (try backup-guard --help)");
    expectOneLineError(run(["check", "--format", "xml", "x.json"]), "backup-guard: --format xml is not one of text, json, sarif, junit");
    expectOneLineError(run(["check", "--fail-on", "critical", "x.json"]), "backup-guard: --fail-on critical is not one of mandatory, advisory, never");
    expectOneLineError(run(["frobnicate"]), 'backup-guard: unknown command "frobnicate" (try backup-guard --help)');
  });

  it("no arguments print the usage on standard error and exit 2; --help on standard output and exit 0", () => {
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage:\n {2}backup-guard check \[options\] FILE\|-/);
    const help = run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(none.stderr);
  });

  it("--version prints the package version", () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
    expect(run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("--config and backup-guard config check", () => {
  it("refuses a config naming a policy that does not exist, with a guess, and every other problem (exit 2)", () => {
    const config = file("typo.json", {
      "backup-imutable": "mandatory",
      "backup-offline-copy": { trustedAccounts: "222222222222", onUnresolved: "sometimes" },
      "backup-coverage": "blocking",
    });
    const result = run(["config", "check", config]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      `backup-guard: ${config}: backup-coverage: "blocking" is not a valid enforcement level`,
      `backup-guard: ${config}: backup-imutable: not a backup-guard policy (did you mean backup-immutable?); the Pulumi CLI accepts it silently and it configures nothing`,
      `backup-guard: ${config}: backup-offline-copy: config key "onUnresolved" is "sometimes", which is not one of "mandatory", "advisory"`,
      `backup-guard: ${config}: backup-offline-copy: config key "trustedAccounts" must be array`,
      `backup-guard: ${config}: configuration refused (4 problems)`,
      "",
    ]);
    const checked = run(["check", "--config", config, passingPreview]);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toBe(result.stderr);
  });

  it("accepts the example org configurations shipped with the pack", () => {
    for (const name of ["strict.json", "eu-residency.json", "audit.json"]) {
      const config = path.join(ROOT, "policypack", "config", name);
      const result = run(["config", "check", config]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^${config.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: valid backup-guard configuration \\(\\d+ of 12 policies enabled\\)\\n$`));
    }
  });

  it("refuses a config file that is not JSON, with one line", () => {
    const config = file("broken.json", "{ all: advisory }");
    const result = run(["config", "check", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^backup-guard: ${config.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not JSON \\(.*\\n$`));
  });
});
