// The framework floor the bench compares backup-guard with: a pack with as many policies as
// backup-guard, each with a resource and a stack validation, that only walk what `@pulumi/policy` hands
// them. What it costs is what any pack of that size pays: the gRPC server, the SDK deserialising every
// resource once per policy, the unknown-checking proxies, and reading each value once.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PolicyPackArgs, PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

/**
 * Reads every value under `value` once, through own-property descriptors (a proxied read would throw on
 * an unknown), and counts them, so that the walk cannot be optimised away.
 */
export function walk(value: unknown): number {
  if (value === null || typeof value !== "object") return 1;
  let count = 1;
  for (const key of Object.keys(value)) count += walk(Object.getOwnPropertyDescriptor(value, key)?.value);
  return count;
}

function walkResource(resource: PolicyResource): number {
  let count = walk(resource.props) + walk(resource.provider?.props);
  for (const key of Object.keys(resource.propertyDependencies ?? {})) count += resource.propertyDependencies[key]?.length ?? 0;
  return count + resource.urn.length;
}

/** The floor pack's arguments: `count` policies, each reporting nothing unless its walk found nothing. */
export function floorPolicyPackArgs(count: number): PolicyPackArgs {
  const policies: PolicyPackArgs["policies"] = [];
  for (let i = 0; i < count; i++) {
    const name = `floor-${String(i).padStart(2, "0")}`;
    policies.push({
      name,
      description: `floor policy ${i}: walks what the runtime hands it`,
      enforcementLevel: "mandatory",
      validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        args.getConfig();
        if (walk(args.props) + walk(args.provider?.props) === 0) report("empty resource");
      },
      validateStack: (args: StackValidationArgs, report: ReportViolation) => {
        args.getConfig();
        let total = 0;
        for (const resource of args.resources) total += walkResource(resource);
        if (total === 0 && args.resources.length > 0) report("empty stack");
      },
    });
  }
  return { policies };
}

/**
 * Writes a runnable floor pack directory (PulumiPolicy.yaml, package.json, an entry file that constructs
 * the pack from this module, node_modules linked to the repository's) and returns its path.
 */
export function writeFloorPack(policyCount: number, nodeModules: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-guard-floor-"));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: framework floor of the backup-guard bench\n");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "floor", version: "0.1.0", main: "index.js" }, null, 2));
  fs.writeFileSync(
    path.join(dir, "index.js"),
    [
      `"use strict";`,
      `const { PolicyPack } = require("@pulumi/policy");`,
      `const { floorPolicyPackArgs } = require(${JSON.stringify(path.join(__dirname, "floor-pack.js"))});`,
      `new PolicyPack("floor", floorPolicyPackArgs(${policyCount}));`,
      "",
    ].join("\n"),
  );
  fs.symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
  return dir;
}
