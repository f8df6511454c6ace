// Where SARIF results point for a Terraform plan: the resource's block in the configuration's .tf files,
// else its entry in the plan file (a plan carries no source positions), never a made-up line 1.
import AjvDraft04 from "ajv-draft-04";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log } from "sarif";
import { runCli } from "../../cli/run-cli";
import { configurationPositions, planPositions } from "../../policies/adapters/terraform/source-positions";
import { ROOT } from "./example-documents";

const PLAN = path.relative(process.cwd(), path.join(ROOT, "example", "terraform", "blocked.plan.json"));
const MAIN_TF = path.relative(process.cwd(), path.join(ROOT, "example", "terraform", "main.tf"));

function check(args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCli(["check", ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => "", writeFile: () => undefined, env: { BACKUP_GUARD_TODAY: "2026-06-01" } });
  return { code, out, err };
}

/** Each result as `policy address → uri:line:column`. */
function locations(args: string[]): string[] {
  const log = JSON.parse(check(["--format", "sarif", ...args]).out) as Log;
  return (log.runs[0].results ?? []).map((r) => {
    const location = r.locations?.[0];
    const region = location?.physicalLocation?.region;
    return `${r.ruleId} ${location?.logicalLocations?.[0]?.fullyQualifiedName} → ${location?.physicalLocation?.artifactLocation?.uri}:${region?.startLine}:${region?.startColumn}`;
  });
}

/** The 1-based line of the first line of `file` that matches. */
function lineOf(file: string, pattern: RegExp): number {
  return fs.readFileSync(file, "utf8").split("\n").findIndex((line) => pattern.test(line)) + 1;
}

describe("SARIF locations of Terraform findings", () => {
  it("point at each resource's block in the .tf files beside the plan", () => {
    const plan = lineOf(MAIN_TF, /^resource "aws_backup_plan" "orders-backup"/);
    const dr = lineOf(MAIN_TF, /^resource "aws_backup_vault" "dr"/);
    const results = locations([PLAN]);
    expect(results.slice(0, 3)).toEqual([
      `backup-cross-region-copy aws_backup_plan.orders-backup → ${MAIN_TF}:${plan}:1`,
      `backup-offline-copy aws_backup_plan.orders-backup → ${MAIN_TF}:${plan}:1`,
      `backup-deletion-protection aws_backup_vault.dr → ${MAIN_TF}:${dr}:1`,
    ]);
    expect(results.every((r) => r.includes(` → ${MAIN_TF}:`) && !r.endsWith(":1:1"))).toBe(true);
  });

  it("point at the resource's change in the plan file when the configuration is not at hand, and stay valid SARIF", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "bg-no-config-"));
    try {
      const line = lineOf(PLAN, /^ {6}"address": "aws_backup_plan\.orders-backup",$/);
      expect(locations(["--source-dir", empty, PLAN]).slice(0, 2)).toEqual([
        `backup-cross-region-copy aws_backup_plan.orders-backup → ${PLAN}:${line}:7`,
        `backup-offline-copy aws_backup_plan.orders-backup → ${PLAN}:${line}:7`,
      ]);
      const validate = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, "schemas", "sarif-schema-2.1.0.json"), "utf8")) as object);
      validate(JSON.parse(check(["--format", "sarif", "--source-dir", empty, PLAN]).out));
      expect(validate.errors ?? []).toEqual([]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it("refuses a --source-dir that is not a directory", () => {
    expect(check(["--format", "sarif", "--source-dir", path.join(ROOT, "no-such-dir"), PLAN])).toEqual({
      code: 2,
      out: "",
      err: `backup-guard: --source-dir ${path.join(ROOT, "no-such-dir")} is not a directory\n`,
    });
  });

  it("finds resources of local modules in the module's directory, instances sharing their block", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-modules-"));
    try {
      fs.mkdirSync(path.join(dir, "modules", "vaults"), { recursive: true });
      fs.writeFileSync(path.join(dir, "main.tf"), 'module "backup" {\n  source = "./modules/vaults"\n}\n\nresource "aws_s3_bucket" "logs" {\n}\n');
      fs.writeFileSync(path.join(dir, "modules", "vaults", "vaults.tf"), '# vaults\n  resource "aws_backup_vault" "dr" {\n  count = 2\n}\n');
      const plan = {
        resource_changes: [
          { address: 'module.backup["eu"].aws_backup_vault.dr[1]', module_address: 'module.backup["eu"]', mode: "managed", type: "aws_backup_vault", name: "dr" },
          { address: "aws_s3_bucket.logs", mode: "managed", type: "aws_s3_bucket", name: "logs" },
          { address: "aws_s3_bucket.elsewhere", mode: "managed", type: "aws_s3_bucket", name: "elsewhere" },
          { address: "module.remote.aws_backup_vault.x", module_address: "module.remote", mode: "managed", type: "aws_backup_vault", name: "x" },
        ],
        configuration: { root_module: { module_calls: { backup: { source: "./modules/vaults", module: {} }, remote: { source: "terraform-aws-modules/backup/aws" } } } },
      };
      expect(Object.fromEntries(configurationPositions(plan, dir))).toEqual({
        'module.backup["eu"].aws_backup_vault.dr[1]': { file: path.join(dir, "modules", "vaults", "vaults.tf"), line: 2, column: 3 },
        "aws_s3_bucket.logs": { file: path.join(dir, "main.tf"), line: 5, column: 1 },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds a resource's change in a one-line plan by its escaped address, after its planned value", () => {
    const text = JSON.stringify({
      planned_values: { root_module: { resources: [{ address: 'aws_backup_vault.v["a"]' }] } },
      resource_changes: [{ address: "aws_s3_bucket.b" }, { address: 'aws_backup_vault.v["a"]' }],
    });
    const positions = planPositions(text, "plan.json", new Set(['aws_backup_vault.v["a"]', "aws_s3_bucket.b", "missing"]));
    expect(Object.fromEntries(positions)).toEqual({
      "aws_s3_bucket.b": { file: "plan.json", line: 1, column: text.indexOf('"address":"aws_s3_bucket.b"') + 1 },
      'aws_backup_vault.v["a"]': { file: "plan.json", line: 1, column: text.lastIndexOf('"address":"aws_backup_vault.v[\\"a\\"]"') + 1 },
    });
  });
});
