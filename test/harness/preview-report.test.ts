import { packMark, previewExitCode, renderPolicyReport } from "../../harness/preview-report";
import type { PolicyPreviewResult, PreviewDiagnostic } from "../../harness/run-preview";

function diagnostic(fields: Partial<PreviewDiagnostic>): PreviewDiagnostic {
  return {
    policyName: "backup-cross-region-copy",
    policyPackName: "backup-guard",
    policyPackVersion: "0.1.0",
    description: "Backups have a copy outside the primary's region",
    message: "Backups have a copy outside the primary's region\ncopy of orders-db goes to vault dr (eu-west-3, same region as primary eu-west-3)",
    enforcementLevel: "mandatory",
    urn: "",
    severity: "critical",
    phase: "analyzeStack",
    resourceUrn: "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan",
    resourceType: "aws:backup/plan:Plan",
    resourceName: "plan",
    ...fields,
  };
}

function result(diagnostics: PreviewDiagnostic[]): PolicyPreviewResult {
  return {
    project: "proj",
    stack: "dev",
    preview: true,
    packDir: "/somewhere/policypack",
    analyzerInfo: { name: "backup-guard", displayName: "", version: "0.1.0", description: "", supportsConfig: true, policies: [], initialConfig: {} },
    policyConfig: {},
    diagnostics,
    notApplicable: [],
    requests: { project: "proj", stack: "dev", preview: true, stackUrn: "", analyze: [], analyzeStack: [] },
    analyzeStackRan: true,
    blocked: diagnostics.some((d) => d.enforcementLevel === "mandatory"),
    startupMs: 1234.4,
    timings: { captureMs: 56.7, analyzeMs: 8.9 },
  };
}

describe("renderPolicyReport", () => {
  it("prints a blocked preview like pulumi preview, with the verdict and exit code", () => {
    const blocked = result([
      diagnostic({}),
      diagnostic({
        policyName: "vault-lock",
        enforcementLevel: "advisory",
        message: "Vaults are locked\n\nvault dr has no lock\n",
        phase: "analyze",
        resourceType: "aws:backup/vault:Vault",
        resourceName: "dr",
      }),
    ]);
    expect(renderPolicyReport(blocked)).toBe(
      [
        "Policies:",
        "    ❌ backup-guard@v0.1.0 (local: policypack)",
        "        - [mandatory]  backup-cross-region-copy  (aws:backup/plan:Plan: plan)",
        "          Backups have a copy outside the primary's region",
        "          copy of orders-db goes to vault dr (eu-west-3, same region as primary eu-west-3)",
        "        - [advisory]  vault-lock  (aws:backup/vault:Vault: dr)",
        "          Vaults are locked",
        "",
        "          vault dr has no lock",
        "",
        "Preview blocked: 1 mandatory policy violation, 1 advisory violation (exit code 1)",
        "",
      ].join("\n"),
    );
    expect(previewExitCode(blocked)).toBe(1);
  });

  it("prints a passing preview with ✅ and exit code 0, and timings only when asked", () => {
    const passing = result([]);
    expect(renderPolicyReport(passing)).toBe(
      "Policies:\n    ✅ backup-guard@v0.1.0 (local: policypack)\n\nPreview not blocked: no mandatory policy violation (exit code 0)\n",
    );
    expect(renderPolicyReport(passing, { showTimings: true, packLabel: "local: ../pack" })).toBe(
      "Policies:\n    ✅ backup-guard@v0.1.0 (local: ../pack)\n    (pack start-up 1234 ms, capture 57 ms, analysis 9 ms)\n\n" +
        "Preview not blocked: no mandatory policy violation (exit code 0)\n",
    );
    expect(previewExitCode(passing)).toBe(0);
  });

  it("marks advisory-only results with ⚠️, shows remediate as mandatory, and combines exit codes", () => {
    expect(packMark([diagnostic({ enforcementLevel: "advisory" })])).toBe("⚠️");
    expect(renderPolicyReport(result([diagnostic({ enforcementLevel: "remediate" })]))).toContain("- [mandatory]  backup-cross-region-copy");
    expect(previewExitCode([result([]), result([diagnostic({ enforcementLevel: "advisory" })])])).toBe(0);
    expect(previewExitCode([result([]), result([diagnostic({})])])).toBe(1);
  });
});
