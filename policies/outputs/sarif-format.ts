// `--format sarif`: SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif).
// Each result names its resource as a logical location and points at where the resource is written when
// the command knows it (a Terraform resource block, or its entry in the plan file), else at the input
// file (line 1: GitHub needs a line); its fingerprint is derived from the finding's identity, not from a line.
import { createHash } from "crypto";
import * as path from "path";
import type { Log, ReportingDescriptor, Result } from "sarif";
import { Severity } from "../core/rule";
import { SourcePosition } from "../core/source-position";
import type { RenderContext } from "./formats";
import { docsUrl } from "../pulumi/docs-url";
import { Report, ReportFinding, ReportPolicy } from "./report";

/** The official schema of the output (vendored as schemas/sarif-schema-2.1.0.json). */
export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** The key of backup-guard's fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = "backupGuardFinding/v1";

/** GitHub's `security-severity` (0.0-10.0; >9 critical, 7-8.9 high, 4-6.9 medium, <4 low) per severity. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function sarifLevel(level: "mandatory" | "advisory" | "disabled"): "error" | "warning" | "none" {
  return level === "mandatory" ? "error" : level === "advisory" ? "warning" : "none";
}

function rule(policy: ReportPolicy): ReportingDescriptor {
  const { meta } = policy;
  const remediation = meta.remediation.map((step) => `- ${step}`).join("\n");
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.rationale}\n\nHow to fix:\n${remediation}`,
      markdown: `${meta.rationale}\n\n**How to fix**\n\n${remediation}\n\n[Policy documentation](${docsUrl(meta.id)})`,
    },
    helpUri: docsUrl(meta.id),
    defaultConfiguration: { level: sarifLevel(policy.level), enabled: policy.level !== "disabled" },
    properties: {
      "security-severity": SECURITY_SEVERITY[meta.severity],
      precision: "high",
      // GitHub shows 10 tags and keeps 20.
      tags: ["security", "backup", "disaster-recovery", ...meta.frameworks.map((f) => `${f.name} ${f.reference}`)].slice(0, 20),
    },
  };
}

/** The stable identity of a finding across runs: policy, resource, and the finding's code and subject. */
export function findingFingerprint(finding: Pick<ReportFinding, "policy" | "resource" | "code" | "subject">): string {
  return createHash("sha256").update([finding.policy, finding.resource, finding.code, finding.subject].join("\u0000")).digest("hex");
}

function physicalLocation(at: SourcePosition | undefined, inputUri: string): NonNullable<Result["locations"]>[number]["physicalLocation"] {
  if (!at) return { artifactLocation: { uri: inputUri }, region: { startLine: 1 } };
  return { artifactLocation: { uri: artifactUri(at.file) }, region: { startLine: at.line, ...(at.column !== undefined ? { startColumn: at.column } : {}) } };
}

function result(finding: ReportFinding, ruleIndex: number, uri: string, at: SourcePosition | undefined): Result {
  const granted = finding.exemption?.state === "granted";
  return {
    ruleId: finding.policy,
    ruleIndex,
    level: finding.level === "mandatory" ? "error" : "warning",
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: physicalLocation(at, uri),
        logicalLocations: [{ fullyQualifiedName: finding.resource === "" ? "(stack)" : finding.resource, kind: "resource" }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding) },
    properties: { outcome: finding.outcome, code: finding.code, ...(finding.subject ? { subject: finding.subject } : {}) },
    ...(granted && finding.exemption ? { suppressions: [{ kind: "external", status: "accepted", justification: finding.exemption.note }] } : {}),
  };
}

const encodePath = (file: string): string => file.split("/").map(encodeURIComponent).join("/");

/**
 * The input file as a SARIF artifact URI: relative to the working directory (the checkout, in CI) when
 * it is inside it, as code scanning expects; otherwise an absolute `file://` URI. Standard input is `stdin`.
 */
export function artifactUri(file: string, cwd: string = process.cwd()): string {
  if (file === "-") return "stdin";
  const relative = path.relative(cwd, path.resolve(cwd, file)).replace(/\\/g, "/");
  if (relative !== "" && !relative.startsWith("../") && relative !== ".." && !path.isAbsolute(relative)) return encodePath(relative);
  return `file://${encodePath(path.resolve(cwd, file).replace(/\\/g, "/"))}`;
}

/** Renders a report as a SARIF 2.1.0 log with one run. */
export function renderSarif(report: Report, context: RenderContext = {}): string {
  const rules = report.policies.map(rule);
  const index = new Map(report.policies.map((p, i) => [p.meta.id, i]));
  const uri = artifactUri(report.inputs[0]?.path ?? "-");
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, informationUri: "https://github.com/backup-guard/backup-guard", rules } },
        results: report.findings.map((finding) => result(finding, index.get(finding.policy) ?? -1, uri, context.positions?.get(finding.resource))),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
