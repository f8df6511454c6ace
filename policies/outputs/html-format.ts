// `--format html`: the backup map (where every copy lives) drawn from the model the policies read, with
// the run's findings beside it.
import { renderBackupMap } from "../report/backup-map";
import type { RenderContext } from "./formats";
import { Report } from "./report";

/** Renders the report as the self-contained HTML backup map. */
export function renderHtml(report: Report, context: RenderContext): string {
  if (!context.model) {
    // No model: every policy failed closed before reading the deployment; the map shows only the findings.
    return renderBackupMap({ wholeStack: true, routes: [], immutabilityControls: [], zonalResources: [], dataStores: [], vaults: [], problems: [] }, findingsOf(report), titleOf(report));
  }
  return renderBackupMap(context.model, findingsOf(report), titleOf(report));
}

function findingsOf(report: Report) {
  return report.findings.map((finding) => ({
    policy: finding.policy,
    level: finding.level === "mandatory" ? ("mandatory" as const) : ("advisory" as const),
    resource: finding.resource,
    message: finding.message,
    ...(finding.outcome === "unresolved" ? { unresolved: true } : {}),
  }));
}

function titleOf(report: Report) {
  const inputs = report.inputs.map((input) => input.path).join(", ");
  return { title: `backup-guard: ${inputs}`, subtitle: `${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory findings over ${report.summary.resources} resources` };
}
