// Runs a policy pack against a program the way `pulumi preview --policy-pack <dir>` would:
// capture the program under mocks, build the engine's requests, start the pack, then
// ConfigureStack, GetAnalyzerInfo, Configure, Analyze per resource in registration order, AnalyzeStack.
import type { AnalyzerInfoData, PolicyDiagnostic, PolicyPackConfig } from "./analyzer-types";
import { captureProgram, type ProgramCapture, type ProgramSource } from "./capture-program";
import type { MockCallFunction, MockOutputsFunction } from "./default-mocks";
import { buildEngineRequests, type EngineRequestOptions, type EngineRequests, urnName } from "./engine-requests";
import { type PolicyPackProcess, startPolicyPack } from "./pack-process";
import { engineStylePolicyConfig, type PolicyConfigFile } from "./policy-pack-config";

/** Options of {@link runPolicyPreview}. Give either `program` (with `project`/`stack`) or `captured`. */
export interface PolicyPreviewOptions {
  /** Program to capture. */
  program?: ProgramSource;
  /** An existing capture (then `program`, `project`, `stack`, `stackConfig`, mocks are ignored). */
  captured?: ProgramCapture;
  /** Project name (required with `program`). */
  project?: string;
  /** Stack name (required with `program`). */
  stack?: string;
  /** Stack config, `"ns:key"` → string. */
  stackConfig?: Record<string, string>;
  /** Organization (default `"organization"`). */
  organization?: string;
  /** Preview (default true). With false, the run behaves like `pulumi up --skip-preview`. */
  preview?: boolean;
  /** Pack directory (required unless `pack` is given). */
  packDir?: string;
  /** An already started pack to reuse; it is left running. */
  pack?: PolicyPackProcess;
  /** `--policy-pack-config` content. */
  policyConfig?: PolicyConfigFile;
  /** See {@link EngineRequestOptions.collapseNestedUnknowns}. */
  collapseNestedUnknowns?: boolean;
  /** See {@link EngineRequestOptions.computedAttributes}. */
  computedAttributes?: EngineRequestOptions["computedAttributes"];
  /** Stack tags sent with ConfigureStack. */
  stackTags?: Record<string, string>;
  /** Mocked resource outputs for the capture. */
  mockOutputs?: MockOutputsFunction;
  /** Mocked provider function results for the capture. */
  mockCall?: MockCallFunction;
}

/** Where a diagnostic came from. */
export type DiagnosticPhase = "analyze" | "analyzeStack";

/** A diagnostic with the resource the engine attributes it to. */
export interface PreviewDiagnostic extends PolicyDiagnostic {
  /** `analyze` (one resource's inputs) or `analyzeStack` (all outputs). */
  phase: DiagnosticPhase;
  /** The resource it is shown under: the analyzed one, or for stack policies the reported URN if it is in the stack, else the root stack. */
  resourceUrn: string;
  /** That resource's type. */
  resourceType: string;
  /** That resource's name. */
  resourceName: string;
}

/** A policy that reported itself not applicable, with where. */
export interface PreviewNotApplicable {
  /** Phase. */
  phase: DiagnosticPhase;
  /** Analyzed resource (Analyze) or `""` (AnalyzeStack). */
  resourceUrn: string;
  /** Policy name. */
  policyName: string;
  /** Reason given. */
  reason: string;
}

/** The outcome of one policy preview. */
export interface PolicyPreviewResult {
  /** Project name. */
  project: string;
  /** Stack name. */
  stack: string;
  /** True for a preview. */
  preview: boolean;
  /** Pack directory. */
  packDir: string;
  /** GetAnalyzerInfo (version/description adjusted by PulumiPolicy.yaml as the engine does). */
  analyzerInfo: AnalyzerInfoData;
  /** The config sent with Configure. */
  policyConfig: PolicyPackConfig;
  /** Violations: Analyze ones in registration order, then AnalyzeStack ones. */
  diagnostics: PreviewDiagnostic[];
  /** Not-applicable reports. */
  notApplicable: PreviewNotApplicable[];
  /** The requests that were sent. */
  requests: EngineRequests;
  /** False when AnalyzeStack was skipped (an update stopped by a mandatory Analyze violation). */
  analyzeStackRan: boolean;
  /** True when a mandatory diagnostic blocks the run (`pulumi preview` exits non-zero). */
  blocked: boolean;
  /** Pack start-up time in ms (of the pack used, even if reused). */
  startupMs: number;
  /** Timings in ms. */
  timings: { captureMs: number; analyzeMs: number };
}

function blocks(diagnostic: PolicyDiagnostic): boolean {
  return diagnostic.enforcementLevel === "mandatory" || diagnostic.enforcementLevel === "remediate";
}

async function capture(options: PolicyPreviewOptions): Promise<ProgramCapture> {
  if (options.captured) {
    return options.captured;
  }
  if (!options.program || !options.project || !options.stack) {
    throw new Error("runPolicyPreview needs either `captured` or `program`, `project` and `stack`");
  }
  return captureProgram({
    program: options.program,
    project: options.project,
    stack: options.stack,
    preview: options.preview ?? true,
    organization: options.organization ?? "organization",
    stackConfig: options.stackConfig ?? {},
    ...(options.mockOutputs ? { mockOutputs: options.mockOutputs } : {}),
    ...(options.mockCall ? { mockCall: options.mockCall } : {}),
  });
}

/**
 * Runs the full engine conversation with a policy pack for one program and returns every diagnostic.
 * Starts (and stops) its own pack unless `pack` is given; when a pack is reused, note that it keeps
 * the PULUMI_CONFIG it was started with and any state its policies keep between runs.
 */
export async function runPolicyPreview(options: PolicyPreviewOptions): Promise<PolicyPreviewResult> {
  if (!options.pack && !options.packDir) {
    throw new Error("runPolicyPreview needs `packDir` or an already started `pack`");
  }
  const captureStart = performance.now();
  const capturing = capture(options).then((result) => ({ result, ms: performance.now() - captureStart }));
  capturing.catch(() => undefined); // handled below; avoids an unhandled rejection while the pack starts
  let pack = options.pack;
  const ownPack = !pack;
  try {
    if (!pack) {
      // Start the pack while the program is being captured (project/stack come from the options or capture).
      const [project, stack] = [options.project ?? options.captured?.project, options.stack ?? options.captured?.stack];
      pack = await startPolicyPack({
        packDir: options.packDir as string,
        project: project ?? "project",
        stack: stack ?? "stack",
        organization: options.organization ?? options.captured?.organization ?? "organization",
        dryRun: options.preview ?? options.captured?.preview ?? true,
        stackConfig: options.stackConfig ?? options.captured?.stackConfig ?? {},
      });
    }
    const { result: captured, ms: captureMs } = await capturing;
    const requests = buildEngineRequests(captured, {
      collapseNestedUnknowns: options.collapseNestedUnknowns ?? false,
      ...(options.computedAttributes ? { computedAttributes: options.computedAttributes } : {}),
    });
    const analyzeStart = performance.now();
    const client = pack.client;

    await client.configureStack({
      stack: captured.stack,
      project: captured.project,
      organization: captured.organization,
      dryRun: captured.preview,
      config: captured.stackConfig,
      tags: options.stackTags ?? {},
    });
    const analyzerInfo = await client.getAnalyzerInfo();
    // The engine lets PulumiPolicy.yaml's version override the pack's, and uses its description as a fallback.
    const version = pack.project.version ?? analyzerInfo.version;
    analyzerInfo.version = version;
    if (!analyzerInfo.description && pack.project.description) {
      analyzerInfo.description = pack.project.description;
    }
    const policyConfig = engineStylePolicyConfig(analyzerInfo, options.policyConfig);
    await client.configure(policyConfig);

    const byUrn = new Map(requests.analyzeStack.map((resource) => [resource.urn, resource]));
    const attribute = (diagnostic: PolicyDiagnostic, phase: DiagnosticPhase, urn: string): PreviewDiagnostic => {
      const resource = byUrn.get(urn);
      return {
        ...diagnostic,
        policyPackVersion: version,
        phase,
        resourceUrn: urn,
        resourceType: resource?.type ?? "",
        resourceName: resource?.name ?? urnName(urn),
      };
    };
    const diagnostics: PreviewDiagnostic[] = [];
    const notApplicable: PreviewNotApplicable[] = [];
    let stoppedByViolation = false;
    for (const request of requests.analyze) {
      const answer = await client.analyze(request);
      diagnostics.push(...answer.diagnostics.map((d) => attribute(d, "analyze", request.urn)));
      notApplicable.push(...answer.notApplicable.map((n) => ({ phase: "analyze" as const, resourceUrn: request.urn, ...n })));
      if (!captured.preview && answer.diagnostics.some(blocks)) {
        // In an update a mandatory violation makes the resource invalid and the deployment bails.
        stoppedByViolation = true;
        break;
      }
    }
    if (!stoppedByViolation) {
      // In preview AnalyzeStack runs even after mandatory Analyze violations (they only fail the run at the end).
      const answer = await client.analyzeStack(requests.analyzeStack);
      diagnostics.push(
        ...answer.diagnostics.map((d) => attribute(d, "analyzeStack", d.urn && byUrn.has(d.urn) ? d.urn : requests.stackUrn)),
      );
      notApplicable.push(...answer.notApplicable.map((n) => ({ phase: "analyzeStack" as const, resourceUrn: "", ...n })));
    }
    return {
      project: captured.project,
      stack: captured.stack,
      preview: captured.preview,
      packDir: pack.packDir,
      analyzerInfo,
      policyConfig,
      diagnostics,
      notApplicable,
      requests,
      analyzeStackRan: !stoppedByViolation,
      blocked: diagnostics.some(blocks),
      startupMs: pack.startupMs,
      timings: { captureMs, analyzeMs: performance.now() - analyzeStart },
    };
  } catch (error) {
    await capturing.catch(() => undefined); // never leave a capture running behind us
    throw error;
  } finally {
    if (ownPack && pack) {
      await pack.stop();
    }
  }
}
