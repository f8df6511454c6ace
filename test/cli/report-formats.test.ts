// The same findings in every format: the JSON report validates against schemas/report.schema.json,
// SARIF against the official 2.1.0 schema (vendored) and reads back, JUnit parses back as XML.
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import { XMLParser } from "fast-xml-parser";
import * as fs from "fs";
import * as path from "path";
import type { Log } from "sarif";
import { runCli } from "../../cli/run-cli";
import { FINGERPRINT_KEY, findingFingerprint } from "../../policies/outputs/sarif-format";
import { ROOT, exampleDocuments, temporaryDirectory } from "./example-documents";

const temp = temporaryDirectory();
let blockedFile: string;
let passingFile: string;

beforeAll(async () => {
  blockedFile = path.join(temp.dir, "blocked.json");
  passingFile = path.join(temp.dir, "passing.json");
  fs.writeFileSync(blockedFile, JSON.stringify((await exampleDocuments("blocked")).preview));
  fs.writeFileSync(passingFile, JSON.stringify((await exampleDocuments("passing")).preview));
});
afterAll(() => temp.remove());

/** Runs the command in-process; returns exit code and standard output. */
function check(args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCli(["check", ...args], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stdin: () => "",
    writeFile: () => undefined,
    env: { BACKUP_GUARD_TODAY: "2026-06-01" },
  });
  return { code, out, err };
}

interface JsonReport {
  findings: { policy: string; level: string; resource: string; code: string; subject: string; message: string }[];
  summary: { mandatory: number; advisory: number };
}

function jsonReport(file: string, extra: string[] = []): JsonReport {
  return JSON.parse(check(["--format", "json", ...extra, file]).out) as JsonReport;
}

const schema = (name: string): object => JSON.parse(fs.readFileSync(path.join(ROOT, "schemas", name), "utf8"));

describe("--format json", () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema("report.schema.json"));

  it("validates against the shipped schema, for a blocked and a passing stack", () => {
    for (const file of [blockedFile, passingFile]) {
      const report = JSON.parse(check(["--format", "json", file]).out);
      expect(validate.errors ?? []).toEqual([]);
      expect(validate(report)).toBe(true);
    }
  });

  it("lists every finding with its level, sorted by resource then policy", () => {
    const report = jsonReport(blockedFile);
    expect(report.summary).toMatchObject({ mandatory: 9, advisory: 2 });
    const keys = report.findings.map((f) => `${f.resource} ${f.policy}`);
    expect(keys).toEqual([...keys].sort());
    expect(report.findings.filter((f) => f.level === "advisory").map((f) => f.policy)).toEqual(["backup-restore-testing", "backup-restore-testing"]);
  });

  it("is byte-for-byte the same on a second run", () => {
    expect(check(["--format", "json", blockedFile]).out).toBe(check(["--format", "json", blockedFile]).out);
  });
});

describe("--format sarif", () => {
  const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema("sarif-schema-2.1.0.json"));

  it("validates against the official SARIF 2.1.0 schema", () => {
    for (const file of [blockedFile, passingFile]) {
      const log = JSON.parse(check(["--format", "sarif", file]).out);
      validate(log);
      expect(validate.errors ?? []).toEqual([]);
    }
  });

  it("reads back as the same findings: one rule per policy with severity and tags, a logical location and a stable fingerprint per result", () => {
    const log = JSON.parse(check(["--format", "sarif", blockedFile]).out) as Log;
    const report = jsonReport(blockedFile);
    const run = log.runs[0];
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      "backup-copy-residency", "backup-coverage", "backup-cross-region-copy", "backup-deletion-protection", "backup-exemptions", "backup-external-vaults",
      "backup-immutable", "backup-key-separation", "backup-offline-copy", "backup-restore-testing", "backup-retention-minimum", "backup-zone-separation",
    ]);
    const immutable = rules.find((r) => r.id === "backup-immutable");
    expect(immutable?.properties?.["security-severity"]).toBe("9.5");
    expect(immutable?.properties?.["tags"]).toEqual(expect.arrayContaining(["security", "NIST SP 800-53 CP-9"]));
    expect(immutable?.helpUri).toBe("https://github.com/backup-guard/backup-guard/blob/v0.1.0/docs/policies/backup-immutable.md");
    expect(immutable?.defaultConfiguration?.level).toBe("error");
    expect(rules.find((r) => r.id === "backup-restore-testing")?.defaultConfiguration?.level).toBe("warning");
    const results = run.results ?? [];
    expect(
      results.map((r) => ({
        policy: r.ruleId,
        level: r.level === "error" ? "mandatory" : "advisory",
        resource: r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName,
        message: r.message.text,
        fingerprint: r.partialFingerprints?.[FINGERPRINT_KEY],
        rule: rules[r.ruleIndex ?? -1]?.id,
      })),
    ).toEqual(
      report.findings.map((f) => ({ policy: f.policy, level: f.level, resource: f.resource, message: f.message, fingerprint: findingFingerprint(f), rule: f.policy })),
    );
    // The input is outside the working directory (the checkout): an absolute file URI, line 1.
    expect(new Set(results.map((r) => JSON.stringify(r.locations?.[0]?.physicalLocation)))).toEqual(
      new Set([JSON.stringify({ artifactLocation: { uri: `file://${blockedFile}` }, region: { startLine: 1 } })]),
    );
    expect(new Set(results.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY])).size).toBe(results.length);
  });

  it("has no result for a passing stack, and still describes every policy", () => {
    const log = JSON.parse(check(["--format", "sarif", passingFile]).out) as Log;
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toHaveLength(12);
  });
});

describe("--format junit", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase"].includes(name) });

  interface Case { classname: string; name: string; failure?: { message: string; type: string } }
  interface Suite { name: string; tests: string; failures: string; testcase: Case[] }

  function suites(args: string[], file: string): Suite[] {
    const xml = check(["--format", "junit", ...args, file]).out;
    return (parser.parse(xml) as { testsuites: { testsuite: Suite[] } }).testsuites.testsuite;
  }

  it("parses back: one suite per policy, one case per policy and resource, failures for findings at or above --fail-on", () => {
    const parsed = suites([], blockedFile);
    const report = jsonReport(blockedFile);
    expect(parsed).toHaveLength(12);
    const failed = parsed.flatMap((s) => s.testcase.filter((c) => c.failure).map((c) => `${c.classname} ${c.name}`));
    const mandatory = [...new Set(report.findings.filter((f) => f.level === "mandatory").map((f) => `${f.policy} ${f.resource}`))];
    expect(failed.sort()).toEqual(mandatory.sort());
    for (const suite of parsed) {
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure).length);
      expect(suite.testcase.length).toBe(11);
    }
  });

  it("counts advisory findings as failures with --fail-on advisory, and none with --fail-on never", () => {
    const advisory = suites(["--fail-on", "advisory"], blockedFile).flatMap((s) => s.testcase.filter((c) => c.failure));
    expect(advisory.filter((c) => c.classname === "backup-restore-testing").map((c) => c.failure?.type)).toEqual(["advisory", "advisory"]);
    expect(suites(["--fail-on", "never"], blockedFile).flatMap((s) => s.testcase.filter((c) => c.failure))).toEqual([]);
  });
});
