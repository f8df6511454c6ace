// `npm run bench` (second part, called by run-bench.ts; `node dist/bench/cli-bench.js [ROUNDS]` alone): the
// `backup-guard` command on a 50 000-resource Terraform plan, run as CI would run it (a fresh process on a
// plan file), with the CPU time and peak memory of that process, beside a process that only reads and
// parses the same file. Target: under 2 s of CPU and 500 MB. A figure, not a test.
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

/** One run of a fresh process: its CPU time and peak memory. */
interface ProcessUsage {
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

function runMeasured(args: readonly string[]): { usage?: ProcessUsage; status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, ["--require", path.join(__dirname, "process-usage.js"), ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const usageLine = run.stderr.split("\n").find((line) => line.startsWith(USAGE_MARKER));
  return { ...(usageLine ? { usage: JSON.parse(usageLine.slice(USAGE_MARKER.length)) as ProcessUsage } : {}), status: run.status, stderr: run.stderr };
}

/** The command's figures on a large plan, against a bare read + JSON.parse of the same file. */
export interface CommandFigures {
  readonly resources: number;
  readonly designs: number;
  readonly sizeMb: number;
  readonly rounds: number;
  readonly command: readonly ProcessUsage[];
  readonly baseline: readonly ProcessUsage[];
  readonly summary: string;
  /** The machine's 1-minute load average before and after the runs (other work on a shared machine skews both columns). */
  readonly load: readonly [number, number];
}

/**
 * Runs `backup-guard check --format json` on a generated plan `rounds` times, each time beside a fresh
 * process that only reads and parses the same file (the floor any JSON tool pays), alternately.
 */
export function measureCommand(rounds: number, resources = RESOURCES, designs = DESIGNS): CommandFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-guard-bench-"));
  try {
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan(resources, designs)));
    const sizeMb = fs.statSync(file).size / 1024 / 1024;
    const command = path.join(__dirname, "..", "cli", "main.js");
    const parseOnly = `JSON.parse(require("fs").readFileSync(${JSON.stringify(file)}, "utf8"))`;
    const figures = { command: [] as ProcessUsage[], baseline: [] as ProcessUsage[], summary: "" };
    const loadBefore = os.loadavg()[0];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (["command", "baseline"] as const) : (["baseline", "command"] as const);
      for (const which of order) {
        const run = which === "command" ? runMeasured([command, "check", "--format", "json", "--output", path.join(dir, "report.json"), file]) : runMeasured(["-e", parseOnly]);
        const ok = which === "command" ? run.status === 0 || run.status === 1 : run.status === 0;
        if (!run.usage || !ok) throw new Error(`${which} on the ${resources}-resource plan failed (exit ${run.status}): ${run.stderr.trim()}`);
        figures[which].push(run.usage);
        if (which === "command") figures.summary = run.stderr.split("\n").find((line) => line.startsWith("backup-guard: ")) ?? "";
      }
    }
    return { resources, designs, sizeMb, rounds, ...figures, load: [loadBefore, os.loadavg()[0]] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The figures as a Markdown section of docs/performance.md. */
export function commandReport(f: CommandFigures): string {
  const cpu = (u: readonly ProcessUsage[]): number => median(u.map((x) => x.cpuMs)) / 1000;
  const rss = (u: readonly ProcessUsage[]): number => median(u.map((x) => x.maxRssMb));
  const ratios = f.command.map((c, i) => c.cpuMs / f.baseline[i].cpuMs);
  return [
    `## The \`backup-guard\` command on a ${f.resources.toLocaleString("en-US")}-resource Terraform plan`,
    "",
    `A fresh process runs \`backup-guard check --format json\` on a generated plan (${f.designs} backup designs, the rest versioned buckets; ` +
      `${f.sizeMb.toFixed(0)} MB of JSON), as CI runs it; beside it, alternately, a fresh process that only reads and parses the same file. ` +
      `Target: under 2 s of CPU and 500 MB. Medians of ${f.rounds} rounds; ${os.cpus().length} cores, load average ${f.load[0].toFixed(1)} before and ${f.load[1].toFixed(1)} after.`,
    "",
    "| | CPU time | peak resident memory |",
    "|---|---:|---:|",
    `| \`backup-guard check\` | ${cpu(f.command).toFixed(2)} s | ${rss(f.command).toFixed(0)} MB |`,
    `| read + \`JSON.parse\` only | ${cpu(f.baseline).toFixed(2)} s | ${rss(f.baseline).toFixed(0)} MB |`,
    `| ratio | ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | |`,
    "",
    `Result: ${f.summary.replace(/^backup-guard: /, "")}`,
  ].join("\n");
}

function main(): void {
  const rounds = Number(process.argv[2] ?? 1);
  console.log(commandReport(measureCommand(Number.isInteger(rounds) && rounds > 0 ? rounds : 1)));
}

if (require.main === module) main();
