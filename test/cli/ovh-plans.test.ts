// End-to-end: the compiled `backup-guard` command on Terraform plans of OVHcloud resources, with the
// project → account map given by --ovh-accounts.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { COMMAND, ROOT, temporaryDirectory } from "./example-documents";

const ENV = { ...process.env, BACKUP_GUARD_TODAY: "2026-06-01" };
const STRASBOURG = path.join(ROOT, "example", "terraform", "strasbourg");
const BLOCKED = path.join(STRASBOURG, "blocked.plan.json");
const FIXED = path.join(STRASBOURG, "fixed.plan.json");
const ACCOUNTS = path.join(STRASBOURG, "ovh-accounts.json");
const OFFLINE_DISABLED = path.join(ROOT, "test", "fixtures", "terraform", "ovh-offline-disabled.config.json");

function run(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [COMMAND, ...args], { input, encoding: "utf8", env: ENV, cwd: ROOT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temp = temporaryDirectory();
afterAll(() => temp.remove());
const file = (name: string, content: string): string => {
  const target = path.join(temp.dir, name);
  fs.writeFileSync(target, content);
  return target;
};

interface Report {
  readonly inputs: Array<{ format: string; resources: number }>;
  readonly findings: Array<{ policy: string; level: string; outcome: string; resource: string; message: string }>;
}

describe("backup-guard check on OVHcloud Terraform plans (example/terraform/strasbourg)", () => {
  it("blocks the Strasbourg plan (exit 1): one line per finding, on the database's Terraform address", () => {
    const result = run(["check", "--ovh-accounts", ACCOUNTS, BLOCKED]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`checked ${BLOCKED} (terraform-plan, 1 resource)`);
    expect(lines.filter((l) => /^(MANDATORY|ADVISORY) /.test(l))).toEqual([
      "MANDATORY  backup-cross-region-copy  ovh_cloud_project_database.orders",
      "MANDATORY  backup-offline-copy  ovh_cloud_project_database.orders",
      "MANDATORY  backup-zone-separation  ovh_cloud_project_database.orders",
    ]);
    expect(lines[lines.length - 2]).toBe("backup-guard: blocked (--fail-on mandatory): 3 mandatory findings, 0 advisory findings; 12 policies over 1 resource");
  });

  it("names the account from --ovh-accounts in the offline-copy finding", () => {
    const report = JSON.parse(run(["check", "--format", "json", "--ovh-accounts", ACCOUNTS, FIXED]).stdout) as Report;
    expect(report.findings.map((f) => `${f.level} ${f.policy} ${f.outcome} ${f.resource}`)).toEqual(["mandatory backup-offline-copy violation ovh_cloud_project_database.orders"]);
    expect(report.findings[0]?.message).toContain("in account ab12345-ovh (project 0123456789abcdef0123456789abcdef is in ab12345-ovh per --ovh-accounts)");
  });

  it("passes the fixed plan (exit 0) once the offline copy is left to a reviewed decision", () => {
    const result = run(["check", "--config", OFFLINE_DISABLED, "--ovh-accounts", ACCOUNTS, FIXED]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n").pop()).toBe("backup-guard: passed (--fail-on mandatory): 0 mandatory findings, 0 advisory findings; 11 policies over 1 resource");
  });

  it("without --ovh-accounts, judges the project as its own account (the account is not named), as the pack does", () => {
    const report = JSON.parse(run(["check", "--format", "json", FIXED]).stdout) as Report;
    expect(report.findings.map((f) => `${f.level} ${f.policy} ${f.resource}`)).toEqual(["mandatory backup-offline-copy ovh_cloud_project_database.orders"]);
    expect(report.findings[0]?.message).toContain("in the deploying account (OVHcloud project 0123456789abcdef0123456789abcdef, whose account --ovh-accounts does not name)");
  });

  it("gives the --ovh-accounts map to a Pulumi preview too, replacing the map of its stack config", () => {
    const preview = JSON.stringify({
      config: { "backup-guard:ovhAccounts": '{"zz99999-ovh": ["0123456789abcdef0123456789abcdef"]}' },
      steps: [
        {
          op: "create",
          urn: "urn:pulumi:prod::shop::ovh:CloudProject/database:Database::orders",
          newState: {
            urn: "urn:pulumi:prod::shop::ovh:CloudProject/database:Database::orders",
            custom: true,
            type: "ovh:CloudProject/database:Database",
            inputs: { serviceName: "0123456789abcdef0123456789abcdef", engine: "postgresql", nodes: [{ region: "SBG" }], backupRegions: ["SBG", "GRA"] },
            outputs: { serviceName: "0123456789abcdef0123456789abcdef", engine: "postgresql", nodes: [{ region: "SBG" }], backupRegions: ["SBG", "GRA"] },
          },
        },
      ],
    });
    const input = file("preview.json", preview);
    const own = JSON.parse(run(["check", "--format", "json", input]).stdout) as Report;
    expect(own.findings[0]?.message).toContain("in account zz99999-ovh (project 0123456789abcdef0123456789abcdef is in zz99999-ovh per backup-guard:ovhAccounts)");
    const given = JSON.parse(run(["check", "--format", "json", "--ovh-accounts", ACCOUNTS, input]).stdout) as Report;
    expect(given.findings[0]?.message).toContain("in account ab12345-ovh (project 0123456789abcdef0123456789abcdef is in ab12345-ovh per backup-guard:ovhAccounts)");
  });
});

describe("backup-guard check --ovh-accounts: a malformed map is one line naming the file, exit 2", () => {
  it.each([
    ["not JSON", "ab12345-ovh: prod", "not JSON"],
    ["a list", "[]", 'backup-guard:ovhAccounts is invalid: (root) must be object (expected {"<account>": ["<32-hex project id>", ...]})'],
    ["a project id that is not 32 hex digits", '{"ab12345-ovh": ["prod"]}', 'backup-guard:ovhAccounts is invalid: /ab12345-ovh/0 must match pattern "^[0-9a-f]{32}$" (expected {"<account>": ["<32-hex project id>", ...]})'],
    [
      "a project under two accounts",
      '{"a": ["0123456789abcdef0123456789abcdef"], "b": ["0123456789abcdef0123456789abcdef"]}',
      "backup-guard:ovhAccounts lists project 0123456789abcdef0123456789abcdef under two accounts (a and b)",
    ],
  ])("%s", (_, content, problem) => {
    const accounts = file("accounts.json", content);
    const result = run(["check", "--ovh-accounts", accounts, BLOCKED]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toHaveLength(2);
    expect(result.stderr.startsWith(`backup-guard: ${accounts}: ${problem}`)).toBe(true);
  });

  it("a map file that does not exist", () => {
    const missing = path.join(temp.dir, "missing-accounts.json");
    const result = run(["check", "--ovh-accounts", missing, BLOCKED]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `backup-guard: ${missing}: cannot read: no such file\n` });
  });
});
