// Renders a policy preview result the way `pulumi preview --policy-pack` prints its "Policies:" section,
// plus a last line that says whether the preview is blocked, and the matching exit code.
import * as path from "path";
import type { PolicyPreviewResult, PreviewDiagnostic } from "./run-preview";

/** Options of {@link renderPolicyReport}. */
export interface PreviewReportOptions {
  /** Add pack start-up and analysis timings (off by default: output stays deterministic). */
  showTimings?: boolean;
  /** What follows the pack name in parentheses; default `local: <pack directory name>`. */
  packLabel?: string;
}

function isBlocking(diagnostic: PreviewDiagnostic): boolean {
  return diagnostic.enforcementLevel === "mandatory" || diagnostic.enforcementLevel === "remediate";
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * The pack's mark: ❌ when a violation blocks, ⚠️ when there are only advisory ones, ✅ when none.
 */
export function packMark(diagnostics: readonly PreviewDiagnostic[]): string {
  if (diagnostics.some(isBlocking)) {
    return "❌";
  }
  return diagnostics.length > 0 ? "⚠️" : "✅";
}

/** The exit code `pulumi preview` would have: 1 when any result is blocked by a mandatory violation, else 0. */
export function previewExitCode(results: PolicyPreviewResult | readonly PolicyPreviewResult[]): 0 | 1 {
  const list = Array.isArray(results) ? results : [results as PolicyPreviewResult];
  return list.some((result) => result.diagnostics.some(isBlocking)) ? 1 : 0;
}

/** Renders one diagnostic: `- [level]  policy  (type: name)` and its message lines indented below. */
export function renderDiagnostic(diagnostic: PreviewDiagnostic): string[] {
  const level = diagnostic.enforcementLevel === "remediate" ? "mandatory" : diagnostic.enforcementLevel;
  const lines = [`        - [${level}]  ${diagnostic.policyName}  (${diagnostic.resourceType}: ${diagnostic.resourceName})`];
  const messageLines = diagnostic.message.replace(/\s+$/, "").split("\n");
  for (const line of messageLines) {
    lines.push(line ? `          ${line}` : "");
  }
  return lines;
}

/**
 * Renders the "Policies:" section of one preview and the verdict line, e.g.
 * ```
 * Policies:
 *     ❌ backup-guard@v0.1.0 (local: policypack)
 *         - [mandatory]  backup-cross-region-copy  (aws:backup/plan:Plan: plan)
 *           Backups have a copy outside the primary's region
 *           copy of orders-db goes to vault dr (eu-west-3, same region as primary eu-west-3)
 *
 * Preview blocked: 1 mandatory policy violation (exit code 1)
 * ```
 */
export function renderPolicyReport(result: PolicyPreviewResult, options: PreviewReportOptions = {}): string {
  const info = result.analyzerInfo;
  const label = options.packLabel ?? `local: ${path.basename(result.packDir)}`;
  const lines = ["Policies:", `    ${packMark(result.diagnostics)} ${info.name}@v${info.version} (${label})`];
  for (const diagnostic of result.diagnostics) {
    lines.push(...renderDiagnostic(diagnostic));
  }
  if (options.showTimings) {
    lines.push(
      `    (pack start-up ${Math.round(result.startupMs)} ms, capture ${Math.round(result.timings.captureMs)} ms, ` +
        `analysis ${Math.round(result.timings.analyzeMs)} ms)`,
    );
  }
  lines.push("");
  const blocking = result.diagnostics.filter(isBlocking).length;
  const advisory = result.diagnostics.length - blocking;
  const advisoryNote = advisory > 0 ? `, ${plural(advisory, "advisory violation")}` : "";
  lines.push(
    blocking > 0
      ? `Preview blocked: ${plural(blocking, "mandatory policy violation")}${advisoryNote} (exit code 1)`
      : `Preview not blocked: no mandatory policy violation${advisoryNote} (exit code 0)`,
  );
  return lines.join("\n") + "\n";
}
