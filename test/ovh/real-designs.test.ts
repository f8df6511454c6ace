// Real OVHcloud designs from public repositories, re-written in our own words (real-designs.ts: the
// @ovhcloud/pulumi-ovh programs; real-plans.ts: their Terraform plans as `terraform show -json` prints them,
// written to test/fixtures/terraform/real-ovh/), judged as a user runs the tool: `backup-guard check
// --ovh-accounts` on the plan, and the Pulumi program in preview through the pack started by the real
// launcher. Both must give the same (policy, level, resource) findings, and the findings a careful SRE expects.
//
// Designs (repository, path):
//  - ansforge: ansforge/terraform-module-object-storage ovh/main.tf (+ ovh/variables.tf): an operator user and a
//    bucket (versioning, AES256) whose replication rule (delete markers replicated, empty prefix) sends
//    everything to "replica-<bucket>" in s3.replica_region, a bucket the module does not create.
//    Here: region "gra", replica_region "sbg".
//  - provider-docs-databases: ovh/terraform-provider-ovh examples/resources/cloud_project_database/example_1.tf:
//    mysqldb (SBG), pgsqldb (WAW) and mongodb (GRA), none setting backup_regions.
//  - provider-docs-workflow: ovh/terraform-provider-ovh examples/resources/cloud_project_workflow_backup/example_1.tf:
//    a daily workflow backup (cron "50 4 * * *", rotation 7) of an instance in GRA11 given by a literal id.
//  - paris: the Strasbourg lesson as a careful OVHcloud user writes it in the Paris 3-AZ region: a PostgreSQL
//    database in EU-WEST-PAR with backup_regions ["EU-WEST-PAR", "GRA"], and a compliance-locked bucket in
//    EU-WEST-PAR replicated to a compliance-locked bucket in GRA of the same project.
//  - paris-replica-in-other-account: the same, with the GRA bucket declared in a project of another OVHcloud
//    account, hoping for an offline copy. OVHcloud replication has no project field: it writes into a bucket
//    of that name in the source's project, so the declared bucket is not the replica.
import * as fs from "fs";
import * as path from "path";
import { CliIo, runCli } from "../../cli/run-cli";
import { JsonObject } from "../../policies/core/json";
import type { CapturedResource } from "../../harness/capture-program";
import { outputOnlyAttributes } from "../../harness/computed-attributes";
import { optionalComputedAttributes } from "../support/optional-computed";
import { summary, usePackUnderTest } from "../support/protocol-preview";
import { ansforgeReplication, parisDesign, providerDocsDatabases, providerDocsWorkflow, OTHER_ACCOUNT_PROJECT } from "./real-designs";
import { ansforgePlan, parisPlan, providerDocsDatabasesPlan, providerDocsWorkflowPlan } from "./real-plans";

const FIXTURES = path.join(__dirname, "..", "fixtures", "terraform", "real-ovh");
const ACCOUNTS = path.join(FIXTURES, "ovh-accounts.json");

interface Design {
  readonly name: string;
  readonly plan: () => JsonObject;
  readonly program: () => void;
}

const DESIGNS: readonly Design[] = [
  { name: "ansforge", plan: ansforgePlan, program: ansforgeReplication() },
  { name: "provider-docs-databases", plan: providerDocsDatabasesPlan, program: providerDocsDatabases() },
  { name: "provider-docs-workflow", plan: () => providerDocsWorkflowPlan(), program: providerDocsWorkflow() },
  { name: "paris", plan: () => parisPlan(), program: parisDesign() },
  { name: "paris-replica-in-other-account", plan: () => parisPlan(OTHER_ACCOUNT_PROJECT), program: parisDesign(OTHER_ACCOUNT_PROJECT) },
];

const planFile = (name: string): string => path.join(FIXTURES, `${name}.plan.json`);

interface Finding {
  readonly policy: string;
  readonly level: string;
  readonly outcome: string;
  readonly resource: string;
  readonly message: string;
}

/** `backup-guard check --ovh-accounts ACCOUNTS --format json PLAN`: its exit code and findings. */
function check(name: string): { code: number; findings: Finding[] } {
  let out = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: () => undefined, stdin: () => "", writeFile: () => undefined, env: { BACKUP_GUARD_TODAY: "2026-12-03" } };
  const code = runCli(["check", "--ovh-accounts", ACCOUNTS, "--format", "json", planFile(name)], io);
  return { code, findings: (JSON.parse(out) as { findings: Finding[] }).findings };
}

const lines = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.level} ${f.outcome} ${f.policy} ${f.resource}`);
const messageOf = (findings: readonly Finding[], policy: string, resource: string): string | undefined => findings.find((f) => f.policy === policy && f.resource === resource)?.message;

/** A Terraform address or Pulumi URN as its local name, `_` as `-`. */
const localName = (resource: string): string => (resource.includes("::") ? resource.slice(resource.lastIndexOf("::") + 2) : resource.slice(resource.lastIndexOf(".") + 1)).replace(/_/g, "-");

const OFFLINE_ADVICE =
  "Whoever holds the production credentials (or ransomware running with them) can delete every copy. OVHcloud keeps these copies in the project's own account, where the production credentials can delete them: " +
  "keep a copy in a project of another OVHcloud account (declared under that account in --ovh-accounts), or record the gap with a backup-exemptions entry.";
const PROD = "project 0123456789abcdef0123456789abcdef is in ab12345-ovh per --ovh-accounts";
const TAGS_UNKNOWN = (address: string, policy: string): string =>
  ` [exemption undecided, so the finding keeps its level: the tags of "${address}" are unknown during preview, so whether a backup-guard:exempt:${policy} tag exempts it cannot be known]`;

describe("real OVHcloud designs: the plan fixtures", () => {
  it.each(DESIGNS.map((d) => [d.name, d] as const))("%s.plan.json is the plan its builder writes", (_name, design) => {
    if (process.env["UPDATE_TERRAFORM_FIXTURES"] === "1") fs.writeFileSync(planFile(design.name), `${JSON.stringify(design.plan(), null, 2)}\n`);
    expect(JSON.parse(fs.readFileSync(planFile(design.name), "utf8"))).toEqual(design.plan());
  });
});

describe("ansforge/terraform-module-object-storage: a bucket replicated to a bucket the module does not declare", () => {
  // An SRE: GRA → SBG is another site (off-site and off-zone: fine). Whether the replica is locked cannot be seen (it
  // is created elsewhere, if at all), so immutability and its lock's length are unresolved (failing closed);
  // replication stays in the project's account, so no offline copy. Replicating delete markers into a versioned
  // bucket leaves the versions; an unlocked replica is already flagged by backup-immutable.
  const { code, findings } = check("ansforge");

  it("blocks it (exit 1): the replica's lock is unresolved and there is no offline copy", () => {
    expect(code).toBe(1);
    expect(lines(findings)).toEqual([
      "mandatory unresolved backup-immutable ovh_cloud_project_storage.s3principal",
      "mandatory violation backup-offline-copy ovh_cloud_project_storage.s3principal",
      "mandatory unresolved backup-retention-minimum ovh_cloud_project_storage.s3principal",
    ]);
  });

  it("says the replica bucket is not declared, in Terraform's words", () => {
    expect(messageOf(findings, "backup-immutable", "ovh_cloud_project_storage.s3principal")).toBe(
      'Cannot prove that replica bucket "replica-documents" is immutable. It receives the replication rule 0 of replication of bucket "ovh_cloud_project_storage.s3principal": ' +
        'replica bucket "replica-documents" is not declared in this stack, so its Object Lock cannot be seen. ' +
        'Create the replica bucket with versioning = { status = "enabled" } and object_lock = { status = "enabled", rule = { mode = "compliance", period = "P30D" } }: ' +
        "in compliance mode nobody, not even the account administrator, can delete or shorten a locked version. [unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]" +
        TAGS_UNKNOWN("ovh_cloud_project_storage.s3principal", "backup-immutable"),
    );
  });
});

describe("the provider's database examples: backupRegions left to OVHcloud's default off-site location", () => {
  // SBG → GRA, WAW → GRA, GRA → SBG: each default is another site, so nothing but the offline copy fails.
  const { code, findings } = check("provider-docs-databases");

  it("blocks each database only for its offline copy", () => {
    expect(code).toBe(1);
    expect(lines(findings)).toEqual([
      "mandatory violation backup-offline-copy ovh_cloud_project_database.mongodb",
      "mandatory violation backup-offline-copy ovh_cloud_project_database.mysqldb",
      "mandatory violation backup-offline-copy ovh_cloud_project_database.pgsqldb",
    ]);
  });

  it("names the default off-site backup among the copies that stay in the account", () => {
    const db = 'database "ovh_cloud_project_database.mysqldb"';
    expect(messageOf(findings, "backup-offline-copy", "ovh_cloud_project_database.mysqldb")).toBe(
      `backups of ${db} has no offline copy: all in account ab12345-ovh. Copies: on-site backup → backups of ${db} in account ab12345-ovh (${PROD}), which is also the account of source ${db} (${PROD}); ` +
        `default off-site backup → backups of ${db} in account ab12345-ovh (${PROD}), which is also the account of source ${db} (${PROD}). ` +
        OFFLINE_ADVICE,
    );
  });
});

describe("the provider's workflow backup example: 7 daily backups of an instance in GRA11", () => {
  // Workflow backups stay in the instance's region: same site, same (only) zone; 7 × daily is 7 days; same account.
  const { code, findings } = check("provider-docs-workflow");

  it("blocks it for placement, zone, retention and offline copy", () => {
    expect(code).toBe(1);
    expect(lines(findings)).toEqual([
      "mandatory violation backup-cross-region-copy ovh_cloud_project_workflow_backup.my_backup",
      "mandatory violation backup-offline-copy ovh_cloud_project_workflow_backup.my_backup",
      "mandatory violation backup-retention-minimum ovh_cloud_project_workflow_backup.my_backup",
      "mandatory violation backup-zone-separation ovh_cloud_project_workflow_backup.my_backup",
    ]);
  });

  it("names the instance by its literal id and the site of GRA11", () => {
    const wf = 'workflow backup "ovh_cloud_project_workflow_backup.my_backup" of instance 5f0b9a0e-3c1d-4e7a-9b51-2d6c8e4f7a10';
    expect(messageOf(findings, "backup-cross-region-copy", "ovh_cloud_project_workflow_backup.my_backup")).toBe(
      `${wf} copies the data only within the same site (GRA). Copies: backup → the backups of ${wf} in GRA (regionName "GRA11": Gravelines, FR), availability zone GRA (a 1-AZ site), ` +
        "the site of instance 5f0b9a0e-3c1d-4e7a-9b51-2d6c8e4f7a10. A site-wide disaster would destroy the data and its copies together. " +
        "OVHcloud keeps instance and volume backups in their source's region: also copy the data to another site, e.g. into an Object Storage bucket (ovh_cloud_project_storage) whose replication rule's destination.region is on another site.",
    );
  });
});

describe("the Paris 3-AZ design: database backups and a locked replica in Gravelines", () => {
  // Off-site (PAR → GRA) and locked in compliance mode for 90 days: only the offline copy, which no OVHcloud mechanism
  // can make, fails (README: such a design needs a reviewed exemption).
  const { code, findings } = check("paris");

  it("blocks it only for the offline copy", () => {
    expect(code).toBe(1);
    expect(lines(findings)).toEqual([
      "mandatory violation backup-offline-copy ovh_cloud_project_database.ledger",
      "mandatory violation backup-offline-copy ovh_cloud_project_storage.ledger_exports",
    ]);
  });

  it("says the replica stays in the project's account", () => {
    const bucket = 'bucket "ovh_cloud_project_storage.ledger_exports"';
    expect(messageOf(findings, "backup-offline-copy", "ovh_cloud_project_storage.ledger_exports")).toBe(
      `replication of ${bucket} has no offline copy: all in account ab12345-ovh. Copies: replication rule 0 → replica bucket "ledger-exports-offsite" in account ab12345-ovh (${PROD}), ` +
        `which is also the account of source ${bucket} (${PROD}). ` +
        OFFLINE_ADVICE +
        TAGS_UNKNOWN("ovh_cloud_project_storage.ledger_exports", "backup-offline-copy"),
    );
  });
});

describe("the Paris design with the Gravelines bucket declared in another account's project", () => {
  // The rule writes into "ledger-exports-offsite" of the source's project, not into the declared bucket of project
  // fedcba…: that bucket's compliance lock says nothing about the replica (before the fix it was taken as the replica
  // and the replication passed backup-immutable and backup-retention-minimum), and the copy is not offline.
  const { code, findings } = check("paris-replica-in-other-account");

  it("blocks it: the replica's lock is unresolved and the copy stays in the account", () => {
    expect(code).toBe(1);
    expect(lines(findings)).toEqual([
      "mandatory violation backup-offline-copy ovh_cloud_project_database.ledger",
      "mandatory unresolved backup-immutable ovh_cloud_project_storage.ledger_exports",
      "mandatory violation backup-offline-copy ovh_cloud_project_storage.ledger_exports",
      "mandatory unresolved backup-retention-minimum ovh_cloud_project_storage.ledger_exports",
    ]);
  });

  it("says why the declared bucket is not the replica", () => {
    expect(messageOf(findings, "backup-immutable", "ovh_cloud_project_storage.ledger_exports")).toBe(
      'Cannot prove that replica bucket "ledger-exports-offsite" is immutable. It receives the replication rule 0 of replication of bucket "ovh_cloud_project_storage.ledger_exports": ' +
        'no bucket of this stack is replica bucket "ledger-exports-offsite": bucket "ovh_cloud_project_storage.ledger_exports_offsite" has that name but is in project fedcba9876543210fedcba9876543210, ' +
        "not in the source's project 0123456789abcdef0123456789abcdef, and OVHcloud replicates only within a project, so its Object Lock cannot be seen. " +
        'Create the replica bucket with versioning = { status = "enabled" } and object_lock = { status = "enabled", rule = { mode = "compliance", period = "P30D" } }: ' +
        "in compliance mode nobody, not even the account administrator, can delete or shorten a locked version. [unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]" +
        TAGS_UNKNOWN("ovh_cloud_project_storage.ledger_exports", "backup-immutable"),
    );
  });
});

describe("real OVHcloud designs as @ovhcloud/pulumi-ovh programs, over the Analyzer protocol", () => {
  const packUnderTest = usePackUnderTest();
  /** As a real preview plans them: output-only and optional computed attributes unknown. */
  const computedAttributes = (resource: CapturedResource): readonly string[] => [...(outputOnlyAttributes(resource.type) ?? []), ...optionalComputedAttributes(resource.type)];

  it.each(DESIGNS.map((d) => [d.name, d] as const))("%s: the stack's (policy, level, resource) findings are the plan's", async (_name, design) => {
    const result = await packUnderTest.run(design.program, { computedAttributes });
    const pulumi = [...new Set(summary(result).filter((s) => s.startsWith("analyzeStack ")).map((s) => { const [, level, policy, urn] = s.split(" "); return `${level} ${policy} ${localName(urn as string)}`; }))].sort();
    const terraform = [...new Set(check(design.name).findings.map((f) => `${f.level} ${f.policy} ${localName(f.resource)}`))].sort();
    expect(pulumi).toEqual(terraform);
    expect(result.blocked).toBe(true);
  });
});
