import * as fs from "fs";
import * as path from "path";
import { captureProgram, mockUrn, ProgramCaptureError } from "../../harness/capture-program";
import { UNKNOWN_STRING } from "../../harness/wire-values";
import { backupProgram, configProbeProgram, PROJECT, STACK, removeTempDir, STACK_CONFIG, tempDirWithModules, urn } from "./fixtures";

const bareOptions = { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], replaceOnChanges: [] };
const VAULT = urn("aws:backup/vault:Vault", "dr-vault");
const PROVIDER = urn("pulumi:providers:aws", "dr");

describe("captureProgram", () => {
  it("captures a real @pulumi/aws program in preview with the unknown ARN and its property dependency", async () => {
    const capture = await captureProgram({ program: backupProgram(), project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG });

    expect(capture).toEqual({
      project: PROJECT,
      stack: STACK,
      organization: "organization",
      preview: true,
      stackConfig: STACK_CONFIG,
      resources: [
        {
          type: "pulumi:providers:aws",
          name: "dr",
          urn: PROVIDER,
          parent: "",
          custom: true,
          provider: "",
          version: "7.48.0",
          dependencies: [],
          propertyDependencies: {},
          object: { region: "us-west-2", skipCredentialsValidation: "false", skipRegionValidation: "true" },
          options: { ...bareOptions, additionalSecretOutputs: ["accessKey", "secretKey", "token"] },
          id: "",
          outputs: { region: "us-west-2", skipCredentialsValidation: "false", skipRegionValidation: "true" },
        },
        {
          type: "aws:backup/vault:Vault",
          name: "dr-vault",
          urn: VAULT,
          parent: "",
          custom: true,
          provider: `${PROVIDER}::${UNKNOWN_STRING}`,
          version: "7.48.0",
          dependencies: [],
          propertyDependencies: {},
          object: {},
          options: bareOptions,
          id: "",
          outputs: {},
        },
        {
          type: "aws:backup/plan:Plan",
          name: "plan",
          urn: urn("aws:backup/plan:Plan", "plan"),
          parent: "",
          custom: true,
          provider: "",
          version: "7.48.0",
          dependencies: [VAULT],
          propertyDependencies: { rules: [VAULT] },
          object: {
            rules: [
              {
                copyActions: [{ destinationVaultArn: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 } }],
                ruleName: "daily",
                schedule: "cron(0 5 * * ? *)",
                targetVaultName: "primary",
              },
            ],
          },
          options: bareOptions,
          id: "",
          outputs: {
            rules: [
              {
                copyActions: [{ destinationVaultArn: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 } }],
                ruleName: "daily",
                schedule: "cron(0 5 * * ? *)",
                targetVaultName: "primary",
              },
            ],
          },
        },
      ],
    });
  });

  it("gives ids and plausible ARNs in update mode, so the copy destination is known", async () => {
    const capture = await captureProgram({
      program: backupProgram(),
      project: PROJECT,
      stack: STACK,
      stackConfig: STACK_CONFIG,
      preview: false,
    });

    const [provider, vault, plan] = capture.resources;
    expect(provider?.id).toBe("dr-id");
    expect(vault?.provider).toBe(`${PROVIDER}::dr-id`);
    expect(vault?.id).toBe("dr-vault-id");
    expect(vault?.outputs).toEqual({ arn: "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-vault" });
    expect(plan?.object["rules"]).toEqual([
      {
        copyActions: [{ destinationVaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-vault", lifecycle: { deleteAfter: 35 } }],
        ruleName: "daily",
        schedule: "cron(0 5 * * ? *)",
        targetVaultName: "primary",
      },
    ]);
  });

  it("lets the program read the stack config and returns independent results on repeated calls", async () => {
    const first: Record<string, unknown> = {};
    const second: Record<string, unknown> = {};
    const a = await captureProgram({ program: configProbeProgram(first), project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG });
    const b = await captureProgram({
      program: configProbeProgram(second),
      project: "other-project",
      stack: "prod",
      stackConfig: { "aws:region": "us-east-2", "other-project:scenario": "passing" },
      preview: false,
    });

    expect(first).toEqual({ scenario: "blocked", awsRegion: "eu-west-3", project: PROJECT, stack: STACK, dryRun: true });
    expect(second).toEqual({ scenario: "passing", awsRegion: "us-east-2", project: "other-project", stack: "prod", dryRun: false });
    expect(a.resources).toEqual([]);
    expect(b.resources).toEqual([]);
  });

  it("runs concurrent captures one after the other", async () => {
    const [a, b] = await Promise.all([
      captureProgram({ program: backupProgram(), project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG }),
      captureProgram({ program: backupProgram(true), project: PROJECT, stack: "prod", stackConfig: STACK_CONFIG }),
    ]);
    expect(a.resources.map((r) => r.urn)).toEqual([PROVIDER, VAULT, urn("aws:backup/plan:Plan", "plan")]);
    expect(b.resources.map((r) => r.name).sort()).toEqual(["dr", "dr-vault", "home-plan", "home-vault", "plan"]);
    expect(b.resources.every((r) => r.urn.startsWith("urn:pulumi:prod::"))).toBe(true);
  });

  it("re-runs a program module (and its own modules) on every capture, also under Jest", async () => {
    const dir = tempDirWithModules("program-");
    fs.writeFileSync(
      path.join(dir, "vaults.js"),
      `const aws = require("@pulumi/aws");\nexports.vault = new aws.backup.Vault("module-vault", { name: "mv" });\n`,
    );
    fs.writeFileSync(
      path.join(dir, "index.js"),
      `"use strict";\nconst pulumi = require("@pulumi/pulumi");\nconst { vault } = require("./vaults");\n` +
        `const aws = require("@pulumi/aws");\nnew aws.backup.Plan("module-plan", { rules: [{ ruleName: new pulumi.Config().require("scenario"), targetVaultName: vault.name }] });\n`,
    );
    const runs = [];
    try {
      for (const scenario of ["one", "two"]) {
        runs.push(
          await captureProgram({
            program: path.join(dir, "index.js"),
            project: PROJECT,
            stack: STACK,
            stackConfig: { "backup-guard-example:scenario": scenario },
          }),
        );
      }
    } finally {
      removeTempDir(dir);
    }
    expect(runs.map((run) => run.resources.map((r) => [r.name, r.object]))).toEqual([
      [
        ["module-vault", { name: "mv" }],
        ["module-plan", { rules: [{ ruleName: "one", targetVaultName: "mv" }] }],
      ],
      [
        ["module-vault", { name: "mv" }],
        ["module-plan", { rules: [{ ruleName: "two", targetVaultName: "mv" }] }],
      ],
    ]);
  });

  it("records component parents, options and registered outputs", async () => {
    const pulumi = await import("@pulumi/pulumi");
    const aws = await import("@pulumi/aws");
    const capture = await captureProgram({
      project: PROJECT,
      stack: STACK,
      program: () => {
        class Vaults extends pulumi.ComponentResource {
          constructor(name: string) {
            super("backup:index:Vaults", name);
            new aws.backup.Vault(
              "child",
              { name: "child" },
              { parent: this, protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: true, customTimeouts: { create: "5m" } },
            );
            this.registerOutputs({ count: 1 });
          }
        }
        new Vaults("vaults");
      },
    });
    const [component, child] = capture.resources;
    expect(component).toMatchObject({ type: "backup:index:Vaults", custom: false, version: "", registeredOutputs: { count: 1 } });
    expect(child).toMatchObject({
      urn: "urn:pulumi:dev::backup-guard-example::backup:index:Vaults$aws:backup/vault:Vault::child",
      parent: urn("backup:index:Vaults", "vaults"),
      options: { ...bareOptions, protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: true, customTimeouts: { create: "5m" } },
    });
  });

  it("reports a failing program after draining its registrations", async () => {
    await expect(
      captureProgram({
        project: PROJECT,
        stack: STACK,
        program: () => {
          throw new Error("boom");
        },
      }),
    ).rejects.toMatchObject({ name: "ProgramCaptureError", message: "the program failed: boom", failures: [] });
  });

  it("reports resources whose registration the mock refused", async () => {
    const aws = await import("@pulumi/aws");
    const failure = captureProgram({
      project: PROJECT,
      stack: STACK,
      program: () => new aws.backup.Vault("refused", {}),
      mockOutputs: () => {
        throw new Error("no mock for this");
      },
    });
    await expect(failure).rejects.toBeInstanceOf(ProgramCaptureError);
    await expect(failure).rejects.toMatchObject({ failures: ["aws:backup/vault:Vault::refused: no mock for this"] });
  });

  it("computes URNs with the MockMonitor rule", () => {
    expect(mockUrn("p", "s", "aws:backup/vault:Vault", "v")).toBe("urn:pulumi:s::p::aws:backup/vault:Vault::v");
    expect(mockUrn("p", "s", "aws:backup/vault:Vault", "v", "urn:pulumi:s::p::a:b:C$d:e:F::parent")).toBe(
      "urn:pulumi:s::p::d:e:F$aws:backup/vault:Vault::v",
    );
  });
});
