// `npm run bench`: how long backup-guard takes on large stacks and how fast the pack starts.
// Figures only; no test asserts on time.
import { spawn } from "child_process";
import * as path from "path";
import { performance } from "perf_hooks";
import { buildAwsProtectionModel } from "../policies/aws/protection-model";
import { AWS_TYPES } from "../policies/aws/type-tokens";
import { JsonObject } from "../policies/core/json";
import { PlannedProvider, PlannedResource, PlannedStack } from "../policies/core/planned-stack";
import { UNKNOWN_STRING } from "../policies/core/unknowns";
import { RULES } from "../policies/rules";

const DEFAULT_PROVIDER: PlannedProvider = {
  urn: "urn:pulumi:bench::proj::pulumi:providers:aws::default_7_48_0",
  type: "pulumi:providers:aws",
  name: "default_7_48_0",
  props: { region: "eu-west-3", allowedAccountIds: JSON.stringify(["111111111111"]), version: "7.48.0" },
};

/** A stack with `plans` backup designs (source vault, DR vault in another region, locks, plan) and filler. */
function syntheticStack(plans: number, filler: number): PlannedStack {
  const resources: PlannedResource[] = [];
  const add = (type: string, name: string, props: JsonObject, provider: PlannedProvider, deps: Record<string, string[]> = {}): PlannedResource => {
    const r: PlannedResource = {
      urn: `urn:pulumi:bench::proj::${type}::${name}`,
      type,
      name,
      props,
      origin: "outputs",
      provider,
      dependencies: Object.values(deps).flat(),
      propertyDependencies: deps,
    };
    resources.push(r);
    return r;
  };
  for (let i = 0; i < plans; i++) {
    const dr: PlannedProvider = { urn: `urn:pulumi:bench::proj::pulumi:providers:aws::dr${i}`, type: "pulumi:providers:aws", name: `dr${i}`, props: { region: "us-west-2", assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::222222222222:role/backup" }]) } };
    const source = add(AWS_TYPES.backupVault, `primary-${i}`, { name: `primary-${i}`, arn: UNKNOWN_STRING }, DEFAULT_PROVIDER);
    const target = add(AWS_TYPES.backupVault, `dr-${i}`, { name: `dr-${i}`, arn: UNKNOWN_STRING }, dr);
    for (const [vault, provider] of [[source, DEFAULT_PROVIDER], [target, dr]] as const) {
      add(AWS_TYPES.backupVaultLockConfiguration, `${vault.name}-lock`, { backupVaultName: vault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 }, provider, { backupVaultName: [vault.urn] });
    }
    add(
      AWS_TYPES.backupPlan,
      `plan-${i}`,
      { rules: [{ ruleName: "daily", targetVaultName: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 } }] }] },
      DEFAULT_PROVIDER,
      { rules: [source.urn, target.urn] },
    );
  }
  for (let i = 0; i < filler; i++) add("aws:s3/bucket:Bucket", `bucket-${i}`, { bucket: `b-${i}`, tags: { team: "x" } }, DEFAULT_PROVIDER);
  return { resources, stackConfig: { "aws:region": "eu-west-3" }, scope: "stack" };
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

function packStartup(): Promise<number> {
  const packDir = path.join(__dirname, "..", "..", "policypack");
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ["node_modules/@pulumi/pulumi/cmd/run-policy-pack", "127.0.0.1:1", packDir], { cwd: packDir });
    child.stdout.once("data", () => {
      resolve(performance.now() - start);
      child.kill();
    });
    child.once("exit", (code) => reject(new Error(`pack exited ${code}`)));
  });
}

async function main(): Promise<void> {
  console.log("| resources | backup plans | model build (ms) | 3 rules (ms) | heap used (MiB) |");
  console.log("|---:|---:|---:|---:|---:|");
  for (const [plans, filler] of [[10, 100], [500, 5000], [2000, 7000]] as const) {
    const stack = syntheticStack(plans, filler);
    const model = time(() => buildAwsProtectionModel(stack));
    const rules = time(() => RULES.map((rule) => rule.evaluate(model.result, {}).findings.length));
    if (rules.result.some((n) => n !== 0)) throw new Error(`expected a clean synthetic stack, got ${rules.result.join(",")} findings`);
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(`| ${stack.resources.length} | ${plans} | ${model.ms.toFixed(0)} | ${rules.ms.toFixed(0)} | ${heap.toFixed(0)} |`);
  }
  const startups: number[] = [];
  for (let i = 0; i < 3; i++) startups.push(await packStartup());
  console.log(`\npack start-up under run-policy-pack (time to port), 3 runs: ${startups.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
