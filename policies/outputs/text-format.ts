// `--format text`: what a person reads in a CI log.
import { Report, ReportFinding } from "./report";

const WIDTH = 100;
const INDENT = "    ";

/** Wraps a paragraph at word boundaries to `width` columns (a longer word stays whole on its line). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

function findingLines(finding: ReportFinding): string[] {
  const level = finding.level.toUpperCase().padEnd(9);
  const head = `${level}  ${finding.policy}  ${finding.resource === "" ? "(stack)" : finding.resource}`;
  return [head, ...wrapText(finding.message, WIDTH - INDENT.length).map((line) => `${INDENT}${line}`)];
}

/** The summary line: verdict and counts. */
export function summaryLine(report: Report): string {
  const { summary } = report;
  const counts = `${plural(summary.mandatory, "mandatory finding")}, ${plural(summary.advisory, "advisory finding")}`;
  const extras = [summary.exempted > 0 ? `${summary.exempted} exempted` : "", summary.unresolved > 0 ? `${summary.unresolved} unresolved before deployment` : ""].filter((x) => x !== "");
  const scope = `${plural(summary.policies, "policy", "policies")} over ${plural(summary.resources, "resource")}`;
  const verdict = summary.blocked ? "blocked" : "passed";
  return `backup-guard: ${verdict} (--fail-on ${summary.failOn}): ${counts}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}; ${scope}`;
}

/** Renders a report as text: one line per finding (level, policy, resource), its message indented and wrapped, then the summary. */
export function renderText(report: Report): string {
  const lines: string[] = [];
  for (const input of report.inputs) lines.push(`checked ${input.path === "-" ? "standard input" : input.path} (${input.format}, ${plural(input.resources, "resource")})`);
  lines.push("");
  for (const finding of report.findings) lines.push(...findingLines(finding), "");
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}
