// `--format json`: the machine-readable report, version 1 (schema: schemas/report.schema.json).
import { Report } from "./report";

/** The version of the JSON report's shape; a change that breaks readers bumps it. */
export const JSON_REPORT_VERSION = 1;

/** Renders a report as JSON (documented in the README, validated against schemas/report.schema.json). */
export function renderJson(report: Report): string {
  const document = {
    version: JSON_REPORT_VERSION,
    tool: report.tool,
    inputs: report.inputs,
    findings: report.findings.map((f) => ({
      policy: f.policy,
      level: f.level,
      outcome: f.outcome,
      resource: f.resource,
      code: f.code,
      subject: f.subject,
      message: f.message,
      ...(f.exemption ? { exemption: { state: f.exemption.state, note: f.exemption.note } } : {}),
    })),
    summary: report.summary,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
