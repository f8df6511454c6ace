import { engineStylePolicyConfig } from "../../harness/analyzer-client";
import { captureProgram, type ProgramCapture } from "../../harness/capture-program";
import { buildEngineRequests, type EngineRequests } from "../../harness/engine-requests";
import { type PolicyPackProcess, startPolicyPack } from "../../harness/pack-process";
import { renderPolicyReport } from "../../harness/preview-report";
import { runPolicyPreview } from "../../harness/run-preview";
import { backupProgram, PROJECT, STACK, STACK_CONFIG, removeTempDir, TINY_PACK_INDEX, urn, writeTinyPack } from "./fixtures";

const STACK_URN = "urn:pulumi:dev::backup-guard-example::pulumi:pulumi:Stack::backup-guard-example-dev";
const NAME_DESCRIPTION = "Backup vaults must have an explicit name.";
const REGION_DESCRIPTION = "Backup copies go to a vault outside the home region.";

const vaultNameViolation = {
  policyName: "vault-needs-name",
  policyPackName: "tiny-pack",
  policyPackVersion: "1.2.3",
  description: NAME_DESCRIPTION,
  message: `${NAME_DESCRIPTION}\nvault dr-vault (provider dr, region us-west-2) has no name`,
  enforcementLevel: "mandatory",
  urn: "",
  severity: "high",
};

describe("a policy pack started like the Pulumi CLI starts it", () => {
  let packDir: string;
  let pack: PolicyPackProcess;
  let capture: ProgramCapture;
  let requests: EngineRequests;

  beforeAll(async () => {
    packDir = writeTinyPack(TINY_PACK_INDEX);
    [pack, capture] = await Promise.all([
      startPolicyPack({ packDir, project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG }),
      captureProgram({ program: backupProgram(true), project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG }),
    ]);
    requests = buildEngineRequests(capture);
  });

  afterAll(async () => {
    await pack?.stop();
    removeTempDir(packDir);
  });

  it("prints its port first and answers GetAnalyzerInfo with its policies", async () => {
    expect(pack.port).toBeGreaterThan(0);
    expect(pack.address).toBe(`127.0.0.1:${pack.port}`);
    expect(pack.startupMs).toBeGreaterThan(0);
    expect(pack.project).toEqual({ runtime: "nodejs" });
    expect(await pack.client.getAnalyzerInfo()).toEqual({
      name: "tiny-pack",
      displayName: "",
      version: "1.2.3",
      description: "",
      supportsConfig: true,
      initialConfig: {},
      policies: [
        {
          name: "vault-needs-name",
          displayName: "",
          description: NAME_DESCRIPTION,
          enforcementLevel: "mandatory",
          severity: "high",
          policyType: "resource",
        },
        {
          name: "copies-leave-home-region",
          displayName: "",
          description: REGION_DESCRIPTION,
          enforcementLevel: "mandatory",
          severity: "",
          policyType: "stack",
          configSchema: { properties: { homeRegion: { default: "eu-west-3", type: "string" } }, required: [] },
        },
      ],
    });
  });

  it("answers Analyze per resource with exact diagnostics, seeing the explicit provider's props", async () => {
    await pack.client.configureStack({ stack: STACK, project: PROJECT, organization: "organization", dryRun: true, config: STACK_CONFIG });
    await pack.client.configure(engineStylePolicyConfig(await pack.client.getAnalyzerInfo()));
    const results = [];
    for (const request of requests.analyze) {
      results.push([request.name, await pack.client.analyze(request)]);
    }
    expect(results).toEqual([
      ["backup-guard-example-dev", { diagnostics: [], notApplicable: [] }],
      ["default_7_48_0", { diagnostics: [], notApplicable: [] }],
      ["home-vault", { diagnostics: [], notApplicable: [] }],
      ["home-plan", { diagnostics: [], notApplicable: [] }],
      ["dr", { diagnostics: [], notApplicable: [] }],
      ["dr-vault", { diagnostics: [vaultNameViolation], notApplicable: [] }],
      ["plan", { diagnostics: [], notApplicable: [] }],
    ]);
  });

  it("answers AnalyzeStack using the configured properties and the property dependencies", async () => {
    const info = await pack.client.getAnalyzerInfo();
    await pack.client.configure(engineStylePolicyConfig(info));
    expect(await pack.client.analyzeStack(requests.analyzeStack)).toEqual({
      diagnostics: [
        {
          policyName: "copies-leave-home-region",
          policyPackName: "tiny-pack",
          policyPackVersion: "1.2.3",
          description: REGION_DESCRIPTION,
          message: `${REGION_DESCRIPTION}\nplan home-plan (1 rule) copies to home-vault in eu-west-3, the home region`,
          enforcementLevel: "mandatory",
          urn: urn("aws:backup/plan:Plan", "home-plan"),
          severity: "",
        },
      ],
      notApplicable: [],
    });

    await pack.client.configure(engineStylePolicyConfig(info, { "copies-leave-home-region": { enforcementLevel: "advisory", homeRegion: "us-west-2" } }));
    expect((await pack.client.analyzeStack(requests.analyzeStack)).diagnostics).toEqual([
      {
        policyName: "copies-leave-home-region",
        policyPackName: "tiny-pack",
        policyPackVersion: "1.2.3",
        description: REGION_DESCRIPTION,
        message: `${REGION_DESCRIPTION}\nplan plan (1 rule) copies to dr-vault in us-west-2, the home region`,
        enforcementLevel: "advisory",
        urn: urn("aws:backup/plan:Plan", "plan"),
        severity: "",
      },
    ]);
  });

  it("runs a whole preview on the reused pack and renders it like pulumi preview", async () => {
    const result = await runPolicyPreview({ captured: capture, pack });

    expect(pack.exited).toBe(false);
    expect(result.blocked).toBe(true);
    expect(result.analyzeStackRan).toBe(true);
    expect(result.policyConfig).toEqual({
      "vault-needs-name": { enforcementLevel: "mandatory", properties: {} },
      "copies-leave-home-region": { enforcementLevel: "mandatory", properties: { homeRegion: "eu-west-3" } },
    });
    expect(result.diagnostics).toEqual([
      {
        ...vaultNameViolation,
        phase: "analyze",
        resourceUrn: urn("aws:backup/vault:Vault", "dr-vault"),
        resourceType: "aws:backup/vault:Vault",
        resourceName: "dr-vault",
      },
      {
        policyName: "copies-leave-home-region",
        policyPackName: "tiny-pack",
        policyPackVersion: "1.2.3",
        description: REGION_DESCRIPTION,
        message: `${REGION_DESCRIPTION}\nplan home-plan (1 rule) copies to home-vault in eu-west-3, the home region`,
        enforcementLevel: "mandatory",
        urn: urn("aws:backup/plan:Plan", "home-plan"),
        severity: "",
        phase: "analyzeStack",
        resourceUrn: urn("aws:backup/plan:Plan", "home-plan"),
        resourceType: "aws:backup/plan:Plan",
        resourceName: "home-plan",
      },
    ]);
    expect(renderPolicyReport(result, { packLabel: "local: tiny-pack" })).toBe(
      [
        "Policies:",
        "    ❌ tiny-pack@v1.2.3 (local: tiny-pack)",
        "        - [mandatory]  vault-needs-name  (aws:backup/vault:Vault: dr-vault)",
        "          Backup vaults must have an explicit name.",
        "          vault dr-vault (provider dr, region us-west-2) has no name",
        "        - [mandatory]  copies-leave-home-region  (aws:backup/plan:Plan: home-plan)",
        "          Backup copies go to a vault outside the home region.",
        "          plan home-plan (1 rule) copies to home-vault in eu-west-3, the home region",
        "",
        "Preview blocked: 2 mandatory policy violations (exit code 1)",
        "",
      ].join("\n"),
    );
  });

  it("downgrades a stack policy to advisory when collapsed preview outputs make `rules` wholly unknown", async () => {
    const result = await runPolicyPreview({ captured: capture, pack, collapseNestedUnknowns: true });
    expect(result.diagnostics.map((d) => [d.phase, d.policyName, d.enforcementLevel, d.resourceUrn, d.message])).toEqual([
      ["analyze", "vault-needs-name", "mandatory", urn("aws:backup/vault:Vault", "dr-vault"), vaultNameViolation.message],
      [
        "analyzeStack",
        "copies-leave-home-region",
        "advisory",
        STACK_URN,
        "can't run policy 'copies-leave-home-region' from policy pack 'tiny-pack@v1.2.3' during preview: " +
          "string value at .rules can't be known during preview",
      ],
    ]);
  });

  it("stops at the first mandatory Analyze violation and skips AnalyzeStack in update mode", async () => {
    const result = await runPolicyPreview({
      program: backupProgram(true),
      project: PROJECT,
      stack: STACK,
      stackConfig: STACK_CONFIG,
      preview: false,
      pack,
      policyConfig: { "vault-needs-name": "mandatory" },
    });
    expect(result.analyzeStackRan).toBe(false);
    expect(result.diagnostics.map((d) => [d.phase, d.resourceName, d.message])).toEqual([
      ["analyze", "dr-vault", `${NAME_DESCRIPTION}\nvault dr-vault (provider dr, region us-west-2) has no name`],
    ]);
  });

  it("kills the process on stop()", async () => {
    await pack.stop();
    expect(pack.exited).toBe(true);
    expect(() => process.kill(pack.pid, 0)).toThrow();
  });
});
