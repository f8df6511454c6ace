// The engine forwards every key of a `--policy-pack-config` file (and of an org's policy group config)
// to the pack in `Configure`, but `@pulumi/policy` only hands each policy its own entry: a misspelt
// policy name (`backup-imutable`) would configure nothing, silently. The pack watches Configure itself
// to see every name, and refuses names that are not its policies (failing closed).
import * as path from "path";
import { closestName, editDistance } from "../config/closest-name";
import { unknownPolicyNames, unknownPolicyProblem } from "../config/policy-pack-config";

/** `pulumirpc.EnforcementLevel.DISABLED`. */
const DISABLED = 2;

/** The names and levels one Configure call carried. */
export interface ConfiguredPolicies {
  readonly names: readonly string[];
  readonly disabled: ReadonlySet<string>;
}

interface ConfigureCall {
  readonly request: { getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number }]> } };
}
type Handler = (call: ConfigureCall, callback: unknown) => unknown;
interface GrpcServerModule {
  Server: { prototype: { addService(service: unknown, implementation: Record<string, unknown>): void } };
}

/**
 * Calls `onConfigure` with the policy names of every Configure request the pack's gRPC server receives,
 * before `@pulumi/policy` handles it. Must be called before the PolicyPack is constructed. Returns false
 * when the server module could not be found (then nothing is watched and the pack runs as before).
 */
export function watchConfigure(onConfigure: (configured: ConfiguredPolicies) => void): boolean {
  let grpc: GrpcServerModule;
  try {
    // The gRPC module @pulumi/policy serves with (resolved from its own directory).
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as GrpcServerModule;
  } catch {
    return false;
  }
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: unknown, service: unknown, implementation: Record<string, unknown>): void {
    const configure = implementation["configure"] as Handler | undefined;
    if (typeof configure === "function") {
      implementation = {
        ...implementation,
        configure: (call: ConfigureCall, callback: unknown) => {
          try {
            const names: string[] = [];
            const disabled = new Set<string>();
            for (const [name, entry] of call.request.getPolicyconfigMap().entries()) {
              names.push(name);
              if (entry.getEnforcementlevel() === DISABLED) disabled.add(name);
            }
            onConfigure({ names, disabled });
          } catch {
            // A malformed request is @pulumi/policy's to refuse.
          }
          return configure(call, callback);
        },
      };
    }
    addService.call(this, service, implementation);
  };
  return true;
}

/**
 * For each enabled policy, the problems it must report for names of the configuration that are not
 * policies of the pack: each name is reported once, by the enabled policy whose name is closest to it
 * (`backup-imutable` by backup-immutable), so that the refusal is seen whatever is disabled.
 */
export function unknownNameReports(configured: ConfiguredPolicies, policies: readonly string[]): Map<string, string[]> {
  const reports = new Map<string, string[]>();
  const enabled = policies.filter((id) => !configured.disabled.has(id));
  for (const name of unknownPolicyNames(configured.names, policies)) {
    const reporter = closestName(name, enabled) ?? [...enabled].sort((a, b) => editDistance(name, a) - editDistance(name, b))[0];
    if (reporter === undefined) continue;
    const list = reports.get(reporter) ?? [];
    list.push(`Invalid policy pack configuration: a policy name is not one of backup-guard's, so the pack fails closed. ${unknownPolicyProblem(name, policies)}. Fix the --policy-pack-config file or the policy group's config.`);
    reports.set(reporter, list);
  }
  return reports;
}
