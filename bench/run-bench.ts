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
import { engineStylePolicyConfig } from "../harness/analyzer-client";
import type { EngineStackResource } from "../harness/engine-requests";
import { startPolicyPack } from "../harness/pack-process";

const DEFAULT_PROVIDER: PlannedProvider = {
  urn: "urn:pulumi:bench::proj::pulumi:providers:aws::default_7_48_0",
  type: "pulumi:providers:aws",
  name: "default_7_48_0",
  props: { region: "eu-west-3", allowedAccountIds: JSON.stringify(["111111111111"]), version: "7.48.0" },
};

const WEST: PlannedProvider = {
  urn: "urn:pulumi:bench::proj::pulumi:providers:aws::west",
  type: "pulumi:providers:aws",
  name: "west",
  props: { region: "us-west-2", allowedAccountIds: JSON.stringify(["111111111111"]), version: "7.48.0" },
};

const DENY_DELETION = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }],
});

/**
 * A stack with `plans` backup designs (source vault, DR vault in another region, locks, plan, and a
 * selection of a One Zone file system), as many native designs (S3 replication into a locked replica in
 * the backup account, a One Zone file system replicated to another region, an EBS volume with a DLM
 * policy copying to another region and sharing with the backup account), and filler buckets.
 */
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
      add(AWS_TYPES.backupVaultPolicy, `${vault.name}-policy`, { backupVaultName: UNKNOWN_STRING, policy: DENY_DELETION }, provider, { backupVaultName: [vault.urn] });
    }
    // Restore tests of the copies, in the backup account's region (one plan tests every vault there).
    if (i === 0) {
      const drTests = add(AWS_TYPES.restoreTestingPlan, `restore-dr-${i}`, { name: `restore_dr_${i}`, recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"] } }, dr);
      add(AWS_TYPES.restoreTestingSelection, `restore-dr-efs-${i}`, { name: `efs_${i}`, restoreTestingPlanName: UNKNOWN_STRING, protectedResourceType: "EFS", protectedResourceArns: ["*"] }, dr, { restoreTestingPlanName: [drTests.urn] });
    }
    add(
      AWS_TYPES.backupPlan,
      `plan-${i}`,
      { rules: [{ ruleName: "daily", targetVaultName: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 } }] }] },
      DEFAULT_PROVIDER,
      { rules: [source.urn, target.urn] },
    );
    const fs = add(AWS_TYPES.efsFileSystem, `fs-${i}`, { availabilityZoneName: "eu-west-3a", tags: { backup: `plan-${i}` } }, DEFAULT_PROVIDER);
    add(AWS_TYPES.backupSelection, `sel-${i}`, { planId: UNKNOWN_STRING, iamRoleArn: "arn:aws:iam::111111111111:role/b", resources: [UNKNOWN_STRING], selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: `plan-${i}` }] }, DEFAULT_PROVIDER, { planId: [`urn:pulumi:bench::proj::${AWS_TYPES.backupPlan}::plan-${i}`], resources: [fs.urn] });
    // Native designs.
    const src = add(AWS_TYPES.s3Bucket, `src-${i}`, { bucket: `src-${i}` }, DEFAULT_PROVIDER);
    const replica = add(AWS_TYPES.s3Bucket, `replica-${i}`, { bucket: `replica-${i}`, objectLockEnabled: true }, dr);
    add(AWS_TYPES.s3ObjectLock, `replica-${i}-lock`, { bucket: UNKNOWN_STRING, rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } }, dr, { bucket: [replica.urn] });
    add(AWS_TYPES.s3ReplicationConfig, `repl-${i}`, { bucket: UNKNOWN_STRING, role: "arn:aws:iam::111111111111:role/r", rules: [{ id: "all", status: "Enabled", destination: { bucket: UNKNOWN_STRING, account: "222222222222" } }] }, DEFAULT_PROVIDER, { bucket: [src.urn], rules: [replica.urn] });
    add(AWS_TYPES.efsReplication, `efs-repl-${i}`, { sourceFileSystemId: UNKNOWN_STRING, destination: { region: "us-west-2" } }, DEFAULT_PROVIDER, { sourceFileSystemId: [fs.urn] });
    add(AWS_TYPES.ebsVolume, `vol-${i}`, { availabilityZone: "eu-west-3a", size: 10, tags: { dlm: `p-${i}` } }, DEFAULT_PROVIDER);
    add(AWS_TYPES.dlmLifecyclePolicy, `dlm-${i}`, { policyDetails: { resourceTypes: ["VOLUME"], targetTags: { dlm: `p-${i}` }, schedules: [{ name: "daily", createRule: { interval: 24 }, retainRule: { count: 30 }, crossRegionCopyRules: [{ target: "us-west-2", encrypted: true }], shareRule: { targetAccounts: ["222222222222"] } }] } }, DEFAULT_PROVIDER);
    // DLM copies stay in the policy's account: the Recycle Bin rule that locks them is there, in the copy's region.
    add(AWS_TYPES.rbinRule, `rbin-${i}`, { resourceType: "EBS_SNAPSHOT", retentionPeriod: { retentionPeriodValue: 7, retentionPeriodUnit: "DAYS" }, lockConfiguration: { unlockDelay: { unlockDelayValue: 7, unlockDelayUnit: "DAYS" } } }, WEST);
  }
  const tests = add(AWS_TYPES.restoreTestingPlan, "restore-primary", { name: "restore_primary", recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"] } }, DEFAULT_PROVIDER);
  add(AWS_TYPES.restoreTestingSelection, "restore-primary-efs", { name: "efs", restoreTestingPlanName: "restore_primary", protectedResourceType: "EFS", protectedResourceArns: ["*"] }, DEFAULT_PROVIDER, { restoreTestingPlanName: [tests.urn] });
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

/** The synthetic stack as the engine sends it to AnalyzeStack. */
function engineResources(stack: PlannedStack): EngineStackResource[] {
  return stack.resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    properties: r.props,
    options: { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], parent: "" },
    ...(r.provider ? { provider: { urn: r.provider.urn, type: r.provider.type, name: r.provider.name, properties: r.provider.props } } : {}),
    parent: "",
    dependencies: [...r.dependencies],
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, [...v]])),
  }));
}

/** One AnalyzeStack over gRPC through the real launcher, every policy enabled as the engine configures them. */
async function analyzeStackOverGrpc(plans: number, filler: number): Promise<{ resources: number; ms: number; diagnostics: number }> {
  const stack = syntheticStack(plans, filler);
  const pack = await startPolicyPack({
    packDir: path.join(__dirname, "..", "..", "policypack"),
    project: "proj",
    stack: "bench",
    stackConfig: { "aws:region": "eu-west-3" },
    dryRun: true,
  });
  try {
    await pack.client.configure(engineStylePolicyConfig(await pack.client.getAnalyzerInfo()));
    const request = engineResources(stack);
    const start = performance.now();
    const result = await pack.client.analyzeStack(request);
    return { resources: request.length, ms: performance.now() - start, diagnostics: result.diagnostics.length };
  } finally {
    await pack.stop();
  }
}

async function main(): Promise<void> {
  console.log(`| resources | backup plans (and native designs) | model build (ms) | ${RULES.length} rules (ms) | heap used (MiB) |`);
  console.log("|---:|---:|---:|---:|---:|");
  for (const [plans, filler] of [[10, 100], [500, 5000], [1000, 4000]] as const) {
    const stack = syntheticStack(plans, filler);
    const model = time(() => buildAwsProtectionModel(stack));
    const rules = time(() => RULES.map((rule) => rule.evaluate(model.result, {}).findings.length));
    if (rules.result.some((n) => n !== 0)) {
      const sample = RULES.flatMap((rule) => rule.evaluate(model.result, {}).findings.slice(0, 1).map((f) => `${rule.meta.id}: ${f.message}`));
      throw new Error(`expected a clean synthetic stack, got ${rules.result.join(",")} findings, e.g. ${sample.join("\n")}`);
    }
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(`| ${stack.resources.length} | ${plans} | ${model.ms.toFixed(0)} | ${rules.ms.toFixed(0)} | ${heap.toFixed(0)} |`);
  }
  console.log(`\n| resources | AnalyzeStack over gRPC, ${RULES.length} policies (ms) | diagnostics |`);
  console.log("|---:|---:|---:|");
  for (const [plans, filler] of [[10, 100], [1000, 4000]] as const) {
    const run = await analyzeStackOverGrpc(plans, filler);
    console.log(`| ${run.resources} | ${run.ms.toFixed(0)} | ${run.diagnostics} |`);
  }
  const startups: number[] = [];
  for (let i = 0; i < 3; i++) startups.push(await packStartup());
  console.log(`\npack start-up under run-policy-pack (time to port), 3 runs: ${startups.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
