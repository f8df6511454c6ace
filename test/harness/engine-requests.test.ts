import type { CapturedResource, ProgramCapture } from "../../harness/capture-program";
import { captureProgram } from "../../harness/capture-program";
import {
  buildEngineRequests,
  collapseNestedUnknowns,
  defaultProviderName,
  EngineRequestError,
  goDurationSeconds,
  stackUrn,
} from "../../harness/engine-requests";
import { RESOURCE_SIGNATURE, SECRET_SIGNATURE, SIGNATURE_KEY, UNKNOWN_STRING } from "../../harness/wire-values";
import { backupProgram, PROJECT, STACK, STACK_CONFIG, urn } from "./fixtures";

const STACK_URN = "urn:pulumi:dev::backup-guard-example::pulumi:pulumi:Stack::backup-guard-example-dev";
const DEFAULT_PROVIDER = urn("pulumi:providers:aws", "default_7_48_0");
const EXPLICIT_PROVIDER = urn("pulumi:providers:aws", "dr");
const VAULT = urn("aws:backup/vault:Vault", "dr-vault");
const PLAN = urn("aws:backup/plan:Plan", "plan");
const noOptions = { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], replaceOnChanges: [] };
const bare = (parent: string) => ({ protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], parent });

function resource(fields: Partial<CapturedResource> & Pick<CapturedResource, "type" | "name" | "urn">): CapturedResource {
  return {
    parent: "",
    custom: true,
    provider: "",
    version: "7.48.0",
    dependencies: [],
    propertyDependencies: {},
    object: {},
    options: noOptions,
    id: "",
    outputs: {},
    ...fields,
  };
}

function capture(resources: CapturedResource[], preview = true): ProgramCapture {
  return {
    project: PROJECT,
    stack: STACK,
    organization: "organization",
    preview,
    stackConfig: { "aws:region": "eu-west-3", "aws:skipMetadataApiCheck": "false", "backup-guard-example:scenario": "blocked" },
    resources,
  };
}

const drProvider = resource({
  type: "pulumi:providers:aws",
  name: "dr",
  urn: EXPLICIT_PROVIDER,
  object: { region: "us-west-2", skipCredentialsValidation: "false", skipRegionValidation: "true" },
  outputs: { region: "us-west-2", skipCredentialsValidation: "false", skipRegionValidation: "true" },
});
const drVault = resource({
  type: "aws:backup/vault:Vault",
  name: "dr-vault",
  urn: VAULT,
  provider: `${EXPLICIT_PROVIDER}::${UNKNOWN_STRING}`,
  object: { __defaults: [], tags: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: { team: "dr" } } },
});
const rules = [{ ruleName: "daily", copyActions: [{ destinationVaultArn: UNKNOWN_STRING }] }];
const plan = resource({
  type: "aws:backup/plan:Plan",
  name: "plan",
  urn: PLAN,
  dependencies: [VAULT],
  propertyDependencies: { rules: [VAULT] },
  object: { rules, vault: { [SIGNATURE_KEY]: RESOURCE_SIGNATURE, urn: VAULT, id: "" } },
  outputs: { rules },
  options: { ...noOptions, protect: true, deleteBeforeReplace: false, customTimeouts: { create: "1h30m", delete: "90s" } },
});

describe("buildEngineRequests", () => {
  const requests = buildEngineRequests(capture([drProvider, drVault, plan]));
  const defaultProvider = {
    urn: DEFAULT_PROVIDER,
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    properties: { region: "eu-west-3", skipMetadataApiCheck: "false", version: "7.48.0" },
  };
  const explicitProvider = {
    urn: EXPLICIT_PROVIDER,
    type: "pulumi:providers:aws",
    name: "dr",
    properties: { region: "us-west-2", skipCredentialsValidation: "false", skipRegionValidation: "true", version: "7.48.0" },
  };

  it("sends Analyze for the stack, the providers and each resource, with the engine's provider objects", () => {
    expect(requests.stackUrn).toBe(STACK_URN);
    expect(requests.analyze).toEqual([
      { urn: STACK_URN, type: "pulumi:pulumi:Stack", name: "backup-guard-example-dev", properties: {}, options: bare("") },
      { ...explicitProvider, options: { ...bare(STACK_URN) } },
      {
        urn: VAULT,
        type: "aws:backup/vault:Vault",
        name: "dr-vault",
        // `__defaults` dropped, the secret kept as its signature object
        properties: { tags: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: { team: "dr" } } },
        options: bare(STACK_URN),
        provider: explicitProvider,
      },
      { ...defaultProvider, options: bare("") },
      {
        urn: PLAN,
        type: "aws:backup/plan:Plan",
        name: "plan",
        // the resource reference became the referenced URN (no id yet)
        properties: { rules, vault: VAULT },
        options: { ...bare(STACK_URN), protect: true, deleteBeforeReplace: false, customTimeouts: { create: 5400, update: 0, delete: 90 } },
        provider: defaultProvider,
      },
    ]);
  });

  it("sends AnalyzeStack outputs with unknown computed attributes in preview and the graph edges", () => {
    expect(requests.analyzeStack.map((r) => [r.urn, r.parent, r.dependencies, r.propertyDependencies])).toEqual([
      [STACK_URN, "", [], {}],
      [EXPLICIT_PROVIDER, STACK_URN, [], {}],
      [VAULT, STACK_URN, [], {}],
      [DEFAULT_PROVIDER, "", [], {}],
      [PLAN, STACK_URN, [VAULT], { rules: [VAULT] }],
    ]);
    expect(requests.analyzeStack.map((r) => r.properties)).toEqual([
      {},
      explicitProvider.properties,
      {
        tags: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: { team: "dr" } },
        id: UNKNOWN_STRING,
        arn: UNKNOWN_STRING,
        recoveryPoints: UNKNOWN_STRING,
        tagsAll: UNKNOWN_STRING,
      },
      defaultProvider.properties,
      { rules, vault: VAULT, id: UNKNOWN_STRING, arn: UNKNOWN_STRING, tagsAll: UNKNOWN_STRING, version: UNKNOWN_STRING },
    ]);
  });

  it("collapses top-level outputs that contain an unknown when asked (pulumi/pulumi#7854, TF sets)", () => {
    const collapsed = buildEngineRequests(capture([drProvider, drVault, plan]), { collapseNestedUnknowns: true });
    expect(collapsed.analyzeStack[4]?.properties).toEqual({
      rules: UNKNOWN_STRING,
      vault: VAULT,
      id: UNKNOWN_STRING,
      arn: UNKNOWN_STRING,
      tagsAll: UNKNOWN_STRING,
      version: UNKNOWN_STRING,
    });
    // Analyze still sees the inputs with the sentinel only at the leaf.
    expect(collapsed.analyze[4]?.properties["rules"]).toEqual(rules);
    expect(collapseNestedUnknowns({ a: [1, { b: UNKNOWN_STRING }], c: { d: "x" }, e: UNKNOWN_STRING })).toEqual({
      a: UNKNOWN_STRING,
      c: { d: "x" },
      e: UNKNOWN_STRING,
    });
  });

  it("uses the mock's id and outputs in update mode", () => {
    const vault = { ...drVault, provider: `${EXPLICIT_PROVIDER}::dr-id`, id: "dr-vault-id", outputs: { arn: "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-vault" } };
    const update = buildEngineRequests(capture([drProvider, vault], false));
    expect(update.analyzeStack[2]?.properties).toEqual({
      tags: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: { team: "dr" } },
      arn: "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-vault",
      id: "dr-vault-id",
    });
  });

  it("matches a real capture: one default provider named from the SDK version, before its first user", async () => {
    const real = buildEngineRequests(
      await captureProgram({ program: backupProgram(true), project: PROJECT, stack: STACK, stackConfig: STACK_CONFIG }),
    );
    expect(real.analyze.map((r) => [r.type, r.name, r.provider?.name])).toEqual([
      ["pulumi:pulumi:Stack", "backup-guard-example-dev", undefined],
      ["pulumi:providers:aws", "default_7_48_0", undefined],
      ["aws:backup/vault:Vault", "home-vault", "default_7_48_0"],
      ["aws:backup/plan:Plan", "home-plan", "default_7_48_0"],
      ["pulumi:providers:aws", "dr", undefined],
      ["aws:backup/vault:Vault", "dr-vault", "dr"],
      ["aws:backup/plan:Plan", "plan", "default_7_48_0"],
    ]);
    expect(real.analyze[1]?.properties).toEqual({ region: "eu-west-3", version: "7.48.0" });
    expect(real.analyze[6]?.properties["rules"]).toEqual([
      {
        copyActions: [{ destinationVaultArn: UNKNOWN_STRING, lifecycle: { deleteAfter: 35 } }],
        ruleName: "daily",
        schedule: "cron(0 5 * * ? *)",
        targetVaultName: "primary",
      },
    ]);
  });

  it("refuses a provider reference to a provider that was not registered", () => {
    const orphan = { ...drVault, provider: `${urn("pulumi:providers:aws", "ghost")}::id` };
    expect(() => buildEngineRequests(capture([orphan]))).toThrow(EngineRequestError);
  });
});

describe("engine naming helpers", () => {
  it("names the stack resource <project>-<stack> and default providers by version", () => {
    expect(stackUrn("proj", "prod")).toBe("urn:pulumi:prod::proj::pulumi:pulumi:Stack::proj-prod");
    expect(defaultProviderName("7.48.0")).toBe("default_7_48_0");
    expect(defaultProviderName("")).toBe("default");
  });

  it("parses Go durations into seconds", () => {
    expect([goDurationSeconds("5m"), goDurationSeconds("1h30m"), goDurationSeconds("1.5s"), goDurationSeconds("soon"), goDurationSeconds(undefined)]).toEqual([
      300, 5400, 1.5, 0, 0,
    ]);
  });
});
