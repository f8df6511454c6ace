// One measured run of a policy pack through the real launcher over gRPC: start-up, every Analyze of a
// preview in registration order (as the engine's step generator sends them, one at a time), then the
// AnalyzeStack, and the pack process's peak memory.
import * as fs from "fs";
import { performance } from "perf_hooks";
import { toAnalyzeRequest, toAnalyzeStackRequest } from "../harness/analyzer-proto";
import { engineStylePolicyConfig } from "../harness/analyzer-client";
import { startPolicyPack } from "../harness/pack-process";
import type { AnalyzeRequest, AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { BENCH_STACK_CONFIG, SyntheticResource } from "./synthetic-stack";

/** A preview already encoded as the engine's protobuf messages (encoding is not the pack's cost). */
export interface EncodedPreview {
  readonly size: number;
  readonly analyze: readonly AnalyzeRequest[];
  readonly analyzeStack: AnalyzeStackRequest;
}

/** Encodes a synthetic preview once, for every run. */
export function encodePreview(resources: readonly SyntheticResource[]): EncodedPreview {
  return {
    size: resources.length,
    analyze: resources.map((r) => toAnalyzeRequest(r.analyze)),
    analyzeStack: toAnalyzeStackRequest(resources.map((r) => r.stack)),
  };
}

/** What one run measured. */
export interface RunFigures {
  /** Spawn to port line, ms. */
  readonly startupMs: number;
  /** Every Analyze of the preview, one after the other, ms. */
  readonly analyzeMs: number;
  /** The AnalyzeStack call, ms. */
  readonly analyzeStackMs: number;
  /** Peak resident memory of the pack process (VmHWM), MiB; undefined where /proc is not available. */
  readonly peakMiB: number | undefined;
  /** Diagnostics the pack returned (Analyze and AnalyzeStack). */
  readonly diagnostics: readonly string[];
}

/** Options of {@link runPack}. */
export interface RunOptions {
  /** Extra environment of the pack process (e.g. NODE_OPTIONS for a CPU profile). */
  readonly environment?: Record<string, string>;
  /** Skip the Analyze calls (AnalyzeStack and start-up only). */
  readonly skipAnalyze?: boolean;
}

/** VmHWM of a process in MiB, from /proc (Linux). */
export function peakResidentMiB(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the pack in `packDir`, configures it as the engine does, and runs the preview through it. */
export async function runPack(packDir: string, preview: EncodedPreview, options: RunOptions = {}): Promise<RunFigures> {
  const pack = await startPolicyPack({
    packDir,
    project: "proj",
    stack: "bench",
    stackConfig: { ...BENCH_STACK_CONFIG },
    dryRun: true,
    startupTimeoutMs: 300_000,
    callTimeoutMs: 1_200_000,
    ...(options.environment ? { environment: options.environment } : {}),
  });
  try {
    await pack.client.configure(engineStylePolicyConfig(await pack.client.getAnalyzerInfo()));
    const diagnostics: string[] = [];
    let analyzeMs = 0;
    if (!options.skipAnalyze) {
      const start = performance.now();
      for (const request of preview.analyze) {
        const result = await pack.client.analyze(request);
        for (const d of result.diagnostics) diagnostics.push(`${d.policyName} ${d.urn}: ${d.message}`);
      }
      analyzeMs = performance.now() - start;
    }
    const start = performance.now();
    const result = await pack.client.analyzeStack(preview.analyzeStack);
    const analyzeStackMs = performance.now() - start;
    for (const d of result.diagnostics) diagnostics.push(`${d.policyName} ${d.urn}: ${d.message}`);
    return { startupMs: pack.startupMs, analyzeMs, analyzeStackMs, peakMiB: peakResidentMiB(pack.pid), diagnostics };
  } finally {
    await pack.stop();
  }
}

/** Starts the pack in `packDir` and stops it once it has printed its port (start-up only). */
export async function startAndStop(packDir: string, environment: Record<string, string>): Promise<void> {
  const pack = await startPolicyPack({ packDir, project: "proj", stack: "bench", stackConfig: { ...BENCH_STACK_CONFIG }, dryRun: true, startupTimeoutMs: 300_000, environment });
  await pack.stop();
}
