// `npm run bench` (second part): the `backup-guard` command on a 50 000-resource Terraform plan, run as
// CI would run it (a fresh process on a plan file), with the CPU time and peak memory of that process.
// Target: under 2 s of CPU and 500 MB. A figure, not a test.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { USAGE_MARKER } from "./usage-marker";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const RESOURCES = Number(process.env["BACKUP_GUARD_BENCH_RESOURCES"] ?? 50_000);
/** Backup designs in the plan (7 resources each); the rest are buckets, each with a versioning resource. */
const DESIGNS = Number(process.env["BACKUP_GUARD_BENCH_DESIGNS"] ?? 100);

const constant = (value: Json): Json => ({ constant_value: value });
const reference = (address: string, attribute: string): Json => ({ references: [`${address}.${attribute}`, address] });

/**
 * A plan of `designs` backup designs (a table backed up by AWS Backup into a compliance-locked vault, a
 * copy to a locked vault in another region whose ARN is unknown until apply, a selection by reference)
 * and versioned buckets up to `resources` resources, with their configuration.
 */
function plan(resources: number, designs: number): Json {
  const changes: Json[] = [];
  const config: Json[] = [];
  const add = (type: string, name: string, after: Record<string, Json>, afterUnknown: Record<string, Json>, expressions: Record<string, Json> = {}, provider = "aws"): string => {
    const address = `${type}.${name}`;
    changes.push({
      address,
      mode: "managed",
      type,
      name,
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: { actions: ["create"], before: null, after, after_unknown: { id: true, arn: true, ...afterUnknown }, before_sensitive: false, after_sensitive: {} },
    });
    config.push({ address, mode: "managed", type, name, provider_config_key: provider, expressions, schema_version: 0 });
    return address;
  };
  for (let i = 0; i < designs; i++) {
    const table = add("aws_dynamodb_table", `orders_${i}`, { name: `orders-${i}`, billing_mode: "PAY_PER_REQUEST", hash_key: "id", deletion_protection_enabled: true, point_in_time_recovery: [{ enabled: true }], tags: { team: "data" } }, {});
    add("aws_backup_vault", `primary_${i}`, { name: `primary-${i}` }, {});
    add("aws_backup_vault_lock_configuration", `primary_lock_${i}`, { backup_vault_name: `primary-${i}`, changeable_for_days: 3, min_retention_days: 7, max_retention_days: 365 }, {}, { backup_vault_name: constant(`primary-${i}`) });
    const dr = add("aws_backup_vault", `dr_${i}`, { name: `dr-${i}` }, {}, {}, "aws.dr");
    add("aws_backup_vault_lock_configuration", `dr_lock_${i}`, { backup_vault_name: `dr-${i}`, changeable_for_days: 3, min_retention_days: 7, max_retention_days: 365 }, {}, { backup_vault_name: constant(`dr-${i}`) }, "aws.dr");
    const backupPlan = add(
      "aws_backup_plan",
      `plan_${i}`,
      { name: `plan-${i}`, rule: [{ rule_name: "daily", target_vault_name: `primary-${i}`, schedule: "cron(0 5 * * ? *)", lifecycle: [{ delete_after: 35 }], copy_action: [{ lifecycle: [{ delete_after: 35 }] }] }] },
      { rule: [{ copy_action: [{ destination_vault_arn: true, lifecycle: [{}] }], lifecycle: [{}] }] },
      { rule: [{ copy_action: [{ destination_vault_arn: reference(dr, "arn") }] }] },
    );
    add("aws_backup_selection", `selection_${i}`, { name: `selection-${i}`, iam_role_arn: "arn:aws:iam::111111111111:role/backup" }, { plan_id: true, resources: true }, { plan_id: reference(backupPlan, "id"), resources: { references: [`${table}.arn`, table] } });
  }
  for (let i = 0; changes.length < resources; i++) {
    const bucket = add("aws_s3_bucket", `bucket_${i}`, { bucket: `bucket-${i}`, tags: { team: "web" } }, {}, { bucket: constant(`bucket-${i}`) });
    if (changes.length < resources) {
      add("aws_s3_bucket_versioning", `bucket_${i}`, { versioning_configuration: [{ status: "Enabled" }] }, { bucket: true }, { bucket: reference(bucket, "id"), versioning_configuration: [{ status: constant("Enabled") }] });
    }
  }
  return {
    format_version: "1.2",
    terraform_version: "1.9.0",
    resource_changes: changes,
    configuration: {
      provider_config: {
        aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", expressions: { region: constant("eu-west-3"), allowed_account_ids: constant(["111111111111"]) } },
        "aws.dr": { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", alias: "dr", expressions: { region: constant("eu-central-1"), allowed_account_ids: constant(["222222222222"]) } },
      },
      root_module: { resources: config },
    },
  };
}

/** The plan document (exported for profiling). */
export function benchPlan(resources: number, designs: number): Json {
  return plan(resources, designs);
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-guard-bench-"));
  try {
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan(RESOURCES, DESIGNS)));
    const sizeMb = fs.statSync(file).size / 1024 / 1024;
    const command = path.join(__dirname, "..", "cli", "main.js");
    const run = spawnSync(process.execPath, ["--require", path.join(__dirname, "process-usage.js"), command, "check", "--format", "json", "--output", path.join(dir, "report.json"), file], { encoding: "utf8" });
    const usageLine = run.stderr.split("\n").find((line) => line.startsWith(USAGE_MARKER));
    if (!usageLine || (run.status !== 0 && run.status !== 1)) {
      console.log(`backup-guard check on a ${RESOURCES}-resource Terraform plan: failed (exit ${run.status}): ${run.stderr.trim()}`);
      process.exitCode = 1;
      return;
    }
    const usage = JSON.parse(usageLine.slice(USAGE_MARKER.length)) as { cpuMs: number; maxRssMb: number };
    const summary = run.stderr.split("\n").find((line) => line.startsWith("backup-guard: ")) ?? "";
    console.log(
      `backup-guard check, ${RESOURCES}-resource Terraform plan, ${DESIGNS} backup designs (${sizeMb.toFixed(0)} MB JSON): ` +
        `${(usage.cpuMs / 1000).toFixed(2)} s CPU (target < 2 s), peak ${usage.maxRssMb.toFixed(0)} MB (target < 500 MB), exit ${run.status}\n  ${summary}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main();
