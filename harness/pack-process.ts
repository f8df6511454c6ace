// Starts a TypeScript/JavaScript policy pack the way the Pulumi CLI does (pulumi-tech.md §1.1):
// `node <packDir>/node_modules/@pulumi/pulumi/cmd/run-policy-pack <engineAddr> <packDir>` with cwd = the
// pack directory and the stack passed through PULUMI_CONFIG / PULUMI_NODEJS_* environment variables.
// The pack prints its gRPC port as its first stdout line.
import { type ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { AnalyzerConnection } from "./analyzer-client";

/** What `PulumiPolicy.yaml` declares. */
export interface PolicyPackProject {
  /** Runtime name (`nodejs`). */
  runtime: string;
  /** Version that overrides the package.json version in diagnostics and analyzer info, if set. */
  version?: string;
  /** Description used when the pack itself gives none. */
  description?: string;
}

/** Options of {@link startPolicyPack}. */
export interface StartPolicyPackOptions {
  /** Directory holding `PulumiPolicy.yaml` and `package.json`. */
  packDir: string;
  /** Stack config passed as PULUMI_CONFIG (`"ns:key"` → string). */
  stackConfig?: Record<string, string>;
  /** Project name (PULUMI_NODEJS_PROJECT). */
  project: string;
  /** Stack name (PULUMI_NODEJS_STACK). */
  stack: string;
  /** Organization (PULUMI_NODEJS_ORGANIZATION), default `"organization"`. */
  organization?: string;
  /** Preview (true, the default) or update (PULUMI_NODEJS_DRY_RUN). */
  dryRun?: boolean;
  /** How long to wait for the port, in ms (default 60 000; ts-node type-checks the pack at start-up). */
  startupTimeoutMs?: number;
  /** Deadline of each gRPC call in ms (default 120 000). */
  callTimeoutMs?: number;
  /** Extra environment variables of the pack process (e.g. `BACKUP_GUARD_TODAY` to fix the clock). */
  environment?: Record<string, string>;
}

/** A running policy pack. */
export interface PolicyPackProcess {
  /** Absolute pack directory. */
  readonly packDir: string;
  /** What `PulumiPolicy.yaml` declares. */
  readonly project: PolicyPackProject;
  /** Options it was started with (resolved defaults). */
  readonly started: Required<Pick<StartPolicyPackOptions, "project" | "stack" | "organization" | "dryRun" | "stackConfig">>;
  /** Process id. */
  readonly pid: number;
  /** gRPC port the pack printed. */
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  /** Connected Analyzer client. */
  readonly client: AnalyzerConnection;
  /** Milliseconds from spawn to the port line. */
  readonly startupMs: number;
  /** Everything the pack wrote to stderr so far. */
  readonly stderr: string;
  /** Everything the pack wrote to stdout after the port line so far. */
  readonly stdout: string;
  /** True once the process has exited. */
  readonly exited: boolean;
  /** Closes the client and kills the process; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Error raised when the pack cannot be started or does not print its port. */
export class PolicyPackStartError extends Error {
  /** Creates the error with the pack's stderr. */
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(stderr.trim() ? `${message}\n--- policy pack stderr ---\n${stderr.trimEnd()}` : message);
    this.name = "PolicyPackStartError";
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const pack of running) {
        pack.kill("SIGKILL");
      }
    });
  }
}

/** Reads `PulumiPolicy.yaml` of a pack directory. */
export function readPolicyPackProject(packDir: string): PolicyPackProject {
  const file = path.join(packDir, "PulumiPolicy.yaml");
  if (!fs.existsSync(file)) {
    throw new PolicyPackStartError(`${packDir} is not a policy pack: it has no PulumiPolicy.yaml`, "");
  }
  const document = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
  const runtime = document["runtime"];
  const runtimeName = typeof runtime === "string" ? runtime : ((runtime as { name?: unknown } | undefined)?.name ?? "");
  const project: PolicyPackProject = { runtime: String(runtimeName) };
  if (document["version"] !== undefined && document["version"] !== null) project.version = String(document["version"]);
  if (typeof document["description"] === "string") project.description = document["description"];
  return project;
}

/**
 * Starts a policy pack exactly as the Pulumi CLI's Node language host does and connects a client to it.
 * The child is killed by `stop()` and, at the latest, when this process exits.
 */
export async function startPolicyPack(options: StartPolicyPackOptions): Promise<PolicyPackProcess> {
  const packDir = path.resolve(options.packDir);
  const project = readPolicyPackProject(packDir);
  if (project.runtime !== "nodejs") {
    throw new PolicyPackStartError(`${packDir}: runtime "${project.runtime}" is not supported (only nodejs)`, "");
  }
  const runPolicyPack = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
  if (!fs.existsSync(runPolicyPack)) {
    throw new PolicyPackStartError(
      `${packDir}: node_modules/@pulumi/pulumi/cmd/run-policy-pack not found; the pack's dependencies are not installed`,
      "",
    );
  }
  const started = {
    project: options.project,
    stack: options.stack,
    organization: options.organization ?? "organization",
    dryRun: options.dryRun ?? true,
    stackConfig: { ...(options.stackConfig ?? {}) },
  };
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("PULUMI_NODEJS_") && !key.startsWith("PULUMI_CONFIG")) {
      env[key] = value;
    }
  }
  Object.assign(env, {
    PULUMI_CONFIG: JSON.stringify(started.stackConfig),
    PULUMI_NODEJS_ORGANIZATION: started.organization,
    PULUMI_NODEJS_PROJECT: started.project,
    PULUMI_NODEJS_STACK: started.stack,
    PULUMI_NODEJS_DRY_RUN: String(started.dryRun),
    ...(options.environment ?? {}),
  });

  const begin = process.hrtime.bigint();
  // The engine address is unused by run-policy-pack (it drops it); pass an unreachable one.
  const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", packDir], {
    cwd: packDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child);
  let stderr = "";
  let stdout = "";
  let exited = false;
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      let firstLine: string | undefined;
      let pending = "";
      const timeoutMs = options.startupTimeoutMs ?? 60_000;
      const timer = setTimeout(
        () => reject(new PolicyPackStartError(`policy pack ${packDir} did not print its port within ${timeoutMs} ms`, stderr)),
        timeoutMs,
      );
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(new PolicyPackStartError(`policy pack ${packDir} could not be started: ${error.message}`, stderr));
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new PolicyPackStartError(`policy pack ${packDir} exited (${signal ?? `code ${code}`}) before printing its port`, stderr));
      });
      child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
        if (firstLine !== undefined) {
          stdout += chunk;
          return;
        }
        pending += chunk;
        const newline = pending.indexOf("\n");
        if (newline < 0) {
          return;
        }
        firstLine = pending.slice(0, newline).trim();
        stdout += pending.slice(newline + 1);
        clearTimeout(timer);
        if (/^\d+$/.test(firstLine)) {
          resolve(Number(firstLine));
        } else {
          reject(new PolicyPackStartError(`policy pack ${packDir} printed ${JSON.stringify(firstLine)} instead of its port`, stderr));
        }
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    await exitPromise;
    if (error instanceof PolicyPackStartError) {
      // Rebuild so that stderr written after the failure (e.g. a stack trace) is included.
      throw new PolicyPackStartError(error.message.split("\n--- policy pack stderr ---")[0] ?? error.message, stderr);
    }
    throw error;
  }
  const startupMs = Number(process.hrtime.bigint() - begin) / 1e6;
  // A forgotten pack must not keep this process alive; the exit hook kills it.
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  const address = `127.0.0.1:${port}`;
  const connectionOptions = options.callTimeoutMs === undefined ? {} : { callTimeoutMs: options.callTimeoutMs };
  const client = new AnalyzerConnection(address, connectionOptions);
  let stopping: Promise<void> | undefined;
  return {
    packDir,
    project,
    started,
    pid: child.pid ?? -1,
    port,
    address,
    client,
    startupMs,
    get stderr() {
      return stderr;
    },
    get stdout() {
      return stdout;
    },
    get exited() {
      return exited;
    },
    stop() {
      stopping ??= (async () => {
        client.close();
        if (!exited) {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exitPromise;
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
  };
}
