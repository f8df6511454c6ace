// Renders a policy preview result the way `pulumi preview --policy-pack` prints its "Policies:" section,
// plus a last line that says whether the preview is blocked, and the matching exit code.
import * as path from "path";
import type { CopyRow } from "../policies/report/copy-table";
import type { PolicyPreviewResult, PreviewDiagnostic } from "./run-preview";

/** Options of {@link renderPolicyReport}. */
export interface PreviewReportOptions {
  /** Add pack start-up and analysis timings (off by default: output stays deterministic). */
  showTimings?: boolean;
  /** What follows the pack name in parentheses; default `local: <pack directory name>`. */
  packLabel?: string;
  /** The stack's backups and copies, printed as a table before the findings. */
  copies?: readonly CopyRow[];
}

const LEVEL_RANK: Record<PreviewDiagnostic["enforcementLevel"], number> = { disabled: 0, advisory: 1, remediate: 2, mandatory: 3 };

/**
 * The diagnostics with each finding once: the Pulumi engine shows a finding that one resource proves
 * twice, from `Analyze` and from `AnalyzeStack` (same policy, resource and message). Keeps the first,
 * at the higher level of the two, and says how many repeats were dropped.
 */
export function distinctDiagnostics(diagnostics: readonly PreviewDiagnostic[]): { diagnostics: PreviewDiagnostic[]; repeats: number } {
  const byKey = new Map<string, PreviewDiagnostic>();
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.policyName}\u0000${diagnostic.resourceUrn}\u0000${diagnostic.message}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, diagnostic);
    else if (LEVEL_RANK[diagnostic.enforcementLevel] > LEVEL_RANK[seen.enforcementLevel]) byKey.set(key, { ...seen, enforcementLevel: diagnostic.enforcementLevel });
  }
  return { diagnostics: [...byKey.values()], repeats: diagnostics.length - byKey.size };
}

/**
 * The table of a stack's backups and copies: primary → mechanism → destination, region, account,
 * locked, verdict; columns padded to their widest cell.
 */
export function renderCopyTable(rows: readonly CopyRow[]): string {
  if (rows.length === 0) return "Backups and copies: none declared in this stack\n";
  const header = ["PRIMARY", "MECHANISM", "DESTINATION", "REGION", "ACCOUNT", "LOCKED", "VERDICT"];
  const cells = rows.map((row) => [row.primary, row.mechanism, row.destination, row.region, row.account, row.locked, row.verdict]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => (cell[i] ?? "").length)));
  const line = (cell: readonly string[]): string => `    ${cell.map((text, i) => (i === cell.length - 1 ? text : text.padEnd(widths[i] ?? 0))).join("  ")}`;
  return ["Backups and copies (same: in the primary's region or account):", line(header), ...cells.map(line)].join("\n") + "\n";
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
  const { diagnostics, repeats } = distinctDiagnostics(result.diagnostics);
  const lines = ["Policies:", `    ${packMark(diagnostics)} ${info.name}@v${info.version} (${label})`];
  for (const diagnostic of diagnostics) {
    lines.push(...renderDiagnostic(diagnostic));
  }
  if (repeats > 0) {
    lines.push(
      `    (${plural(repeats, "finding")} that the pack reported twice, from Analyze and from AnalyzeStack, ${repeats === 1 ? "is" : "are"} shown and counted once; \`pulumi preview\` lists ${repeats === 1 ? "it" : "them"} twice)`,
    );
  }
  if (options.showTimings) {
    lines.push(
      `    (pack start-up ${Math.round(result.startupMs)} ms, capture ${Math.round(result.timings.captureMs)} ms, ` +
        `analysis ${Math.round(result.timings.analyzeMs)} ms)`,
    );
  }
  lines.push("");
  const blocking = diagnostics.filter(isBlocking).length;
  const advisory = diagnostics.length - blocking;
  const advisoryNote = advisory > 0 ? `, ${plural(advisory, "advisory violation")}` : "";
  lines.push(
    blocking > 0
      ? `Preview blocked: ${plural(blocking, "mandatory policy violation")}${advisoryNote} (exit code 1)`
      : `Preview not blocked: no mandatory policy violation${advisoryNote} (exit code 0)`,
  );
  return (options.copies ? renderCopyTable(options.copies) : "") + lines.join("\n") + "\n";
}
