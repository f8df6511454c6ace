// `--format junit`: JUnit XML (GitLab `artifacts:reports:junit`, Jenkins, Azure DevOps). One test suite
// per policy that ran, one test case per resource it looked at (and one for stack-wide findings); a case
// fails when it has a finding at or above --fail-on, and lists lower findings in its output.
import { Report, ReportFinding, failsAt } from "./report";

/** True for a character XML 1.0 can hold (tab, newline, carriage return, and from space up, less surrogates and U+FFFE/U+FFFF). */
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  return (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function describe(finding: ReportFinding): string {
  const exemption = finding.exemption ? ` (exemption ${finding.exemption.state})` : "";
  return `[${finding.level}] ${finding.outcome}${exemption}: ${finding.message}`;
}

function testCase(policy: string, resource: string, findings: readonly ReportFinding[], report: Report): string {
  const failing = findings.filter((f) => failsAt(f.level, report.summary.failOn));
  const others = findings.filter((f) => !failing.includes(f));
  const name = xmlEscape(resource === "" ? "(stack)" : resource);
  const parts = [`    <testcase classname="${xmlEscape(policy)}" name="${name}">`];
  if (failing.length > 0) {
    const first = failing[0] as ReportFinding;
    const message = failing.length === 1 ? first.message : `${failing.length} findings; first: ${first.message}`;
    parts.push(`      <failure message="${xmlEscape(message)}" type="${xmlEscape(first.level)}">${xmlEscape(failing.map(describe).join("\n\n"))}</failure>`);
  }
  if (others.length > 0) parts.push(`      <system-out>${xmlEscape(others.map(describe).join("\n\n"))}</system-out>`);
  parts.push("    </testcase>");
  return parts.join("\n");
}

/** Renders a report as JUnit XML. */
export function renderJunit(report: Report): string {
  const byCase = new Map<string, ReportFinding[]>();
  for (const finding of report.findings) {
    const key = `${finding.policy}\u0000${finding.resource}`;
    const list = byCase.get(key);
    if (list) list.push(finding);
    else byCase.set(key, [finding]);
  }
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const policy of report.policies) {
    if (policy.level === "disabled") continue;
    const id = policy.meta.id;
    // Every resource looked at, plus any other resource a finding names (e.g. the stack).
    const resources = [...new Set([...report.resources, ...report.findings.filter((f) => f.policy === id).map((f) => f.resource)])];
    const cases = resources.map((resource) => testCase(id, resource, byCase.get(`${id}\u0000${resource}`) ?? [], report));
    const failures = cases.filter((c) => c.includes("<failure ")).length;
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(
      [`  <testsuite name="${xmlEscape(id)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`, ...cases, "  </testsuite>"].join("\n"),
    );
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlEscape(report.tool.name)}" tests="${totalTests}" failures="${totalFailures}" errors="0">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
