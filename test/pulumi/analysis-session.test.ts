import { PolicyResource, ResourceValidationArgs, unknownCheckingProxy } from "@pulumi/policy";
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { JsonObject } from "../../policies/core/json";
import { PlannedStack } from "../../policies/core/planned-stack";
import { ProtectionModel } from "../../policies/core/protection-model";
import { AnalysisSession } from "../../policies/pulumi/analysis-session";
import { UNKNOWN } from "../support/planned-stack-builder";

const STACK_CONFIG = { "aws:region": "eu-west-3" };
const ANALYSED = new Set(["aws:backup/vault:Vault", "aws:backup/plan:Plan"]);
const PROVIDER = { urn: "urn:pulumi:dev::proj::pulumi:providers:aws::default_7_48_0", type: "pulumi:providers:aws", name: "default_7_48_0" };

/** A model builder that records the stacks it was asked to build. */
function countingBuilder(): { build: (stack: PlannedStack) => ProtectionModel; built: PlannedStack[] } {
  const built: PlannedStack[] = [];
  return {
    built,
    build: (stack) => {
      built.push(stack);
      return buildAwsProtectionModel(stack);
    },
  };
}

/** What the runtime hands each policy in Analyze: its own deserialised copy, behind the proxy. */
function analyzeArgs(name: string, props: JsonObject, region = "eu-west-3"): ResourceValidationArgs {
  return {
    type: "aws:backup/vault:Vault",
    name,
    urn: `urn:pulumi:dev::proj::aws:backup/vault:Vault::${name}`,
    props: unknownCheckingProxy(structuredClone(props)),
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
    provider: { ...PROVIDER, props: unknownCheckingProxy({ region, version: "7.48.0" }) },
  } as unknown as ResourceValidationArgs;
}

/** What the runtime hands each policy in AnalyzeStack: a fresh copy of every resource. */
function stackCopy(vaultArn: string = UNKNOWN): PolicyResource[] {
  const resource = (type: string, name: string, props: JsonObject, deps: Record<string, PolicyResource[]> = {}): PolicyResource =>
    ({
      type,
      name,
      urn: `urn:pulumi:dev::proj::${type}::${name}`,
      props: unknownCheckingProxy(props),
      opts: {},
      provider: { ...PROVIDER, props: unknownCheckingProxy({ region: "eu-west-3", version: "7.48.0" }) },
      dependencies: Object.values(deps).flat(),
      propertyDependencies: deps,
    }) as unknown as PolicyResource;
  const vault = resource("aws:backup/vault:Vault", "primary", { name: "primary", arn: vaultArn });
  return [vault, resource("aws:backup/plan:Plan", "plan", { name: "plan", rules: UNKNOWN, arn: UNKNOWN }, { rules: [vault] })];
}

describe("AnalysisSession: Analyze", () => {
  it("converts a resource once for all the policies of a request and remembers its inputs", () => {
    const session = new AnalysisSession();
    const { build, built } = countingBuilder();
    const first = session.resourceModelOf(analyzeArgs("primary", { name: "primary", tags: { a: "1" } }), STACK_CONFIG, build);
    const second = session.resourceModelOf(analyzeArgs("primary", { name: "primary", tags: { a: "1" } }), STACK_CONFIG, build);
    expect(second.model).toBe(first.model);
    expect(built.map((s) => s.resources.map((r) => [r.urn, r.props]))).toEqual([[["urn:pulumi:dev::proj::aws:backup/vault:Vault::primary", { name: "primary", tags: { a: "1" } }]]]);
    expect(session.inputsOf("urn:pulumi:dev::proj::aws:backup/vault:Vault::primary")).toEqual({ name: "primary", tags: { a: "1" } });
  });

  it("builds again for another resource, other inputs, another provider or another stack config", () => {
    const session = new AnalysisSession();
    const { build, built } = countingBuilder();
    session.resourceModelOf(analyzeArgs("primary", { name: "primary" }), STACK_CONFIG, build);
    session.resourceModelOf(analyzeArgs("dr", { name: "primary" }), STACK_CONFIG, build);
    session.resourceModelOf(analyzeArgs("dr", { name: "dr" }), STACK_CONFIG, build);
    session.resourceModelOf(analyzeArgs("dr", { name: "dr" }, "us-west-2"), STACK_CONFIG, build);
    session.resourceModelOf(analyzeArgs("dr", { name: "dr" }, "us-west-2"), { "aws:region": "us-west-2" }, build);
    expect(built.map((s) => [s.resources[0].name, s.resources[0].props, s.resources[0].provider?.props["region"], s.stackConfig])).toEqual([
      ["primary", { name: "primary" }, "eu-west-3", STACK_CONFIG],
      ["dr", { name: "primary" }, "eu-west-3", STACK_CONFIG],
      ["dr", { name: "dr" }, "eu-west-3", STACK_CONFIG],
      ["dr", { name: "dr" }, "us-west-2", STACK_CONFIG],
      ["dr", { name: "dr" }, "us-west-2", { "aws:region": "us-west-2" }],
    ]);
  });

  it("remembers the inputs again in the next deployment when the same resource comes back", () => {
    const session = new AnalysisSession();
    const { build } = countingBuilder();
    session.resourceModelOf(analyzeArgs("primary", { name: "primary" }), STACK_CONFIG, build);
    session.finishStack();
    session.resourceModelOf(analyzeArgs("primary", { name: "primary" }), STACK_CONFIG, build);
    expect(session.inputsOf("urn:pulumi:dev::proj::aws:backup/vault:Vault::primary")).toEqual({ name: "primary" });
  });
});

describe("AnalysisSession: AnalyzeStack", () => {
  it("builds one model for all the policies of a request, each handed its own copy of the stack", () => {
    const session = new AnalysisSession();
    const { build, built } = countingBuilder();
    const first = session.stackModelOf(stackCopy(), ANALYSED, STACK_CONFIG, build);
    const second = session.stackModelOf(stackCopy(), ANALYSED, STACK_CONFIG, build);
    expect(second).toBe(first);
    expect(built).toHaveLength(1);
    // Resources of the same provider share one converted provider.
    expect(built[0].resources[1].provider).toBe(built[0].resources[0].provider);
  });

  it("builds again when an output changes", () => {
    const session = new AnalysisSession();
    const { build, built } = countingBuilder();
    session.stackModelOf(stackCopy(), ANALYSED, STACK_CONFIG, build);
    session.stackModelOf(stackCopy("arn:aws:backup:eu-west-3:111111111111:backup-vault:primary"), ANALYSED, STACK_CONFIG, build);
    expect(built.map((s) => s.resources[0].props["arn"])).toEqual([UNKNOWN, "arn:aws:backup:eu-west-3:111111111111:backup-vault:primary"]);
  });

  it("builds again when the inputs that fill the outputs in change (a new deployment)", () => {
    const session = new AnalysisSession();
    const { build, built } = countingBuilder();
    const planArgs = (deleteAfter: number): ResourceValidationArgs =>
      ({ ...analyzeArgs("plan", { name: "plan", rules: [{ ruleName: "daily", lifecycle: { deleteAfter } }] }), type: "aws:backup/plan:Plan", urn: "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan" }) as ResourceValidationArgs;
    session.resourceModelOf(planArgs(35), STACK_CONFIG, build);
    session.stackModelOf(stackCopy(), ANALYSED, STACK_CONFIG, build);
    session.finishStack();
    session.resourceModelOf(planArgs(7), STACK_CONFIG, build);
    session.stackModelOf(stackCopy(), ANALYSED, STACK_CONFIG, build);
    const stacks = built.filter((s) => s.scope === "stack");
    expect(stacks.map((s) => s.resources[1].props["rules"])).toEqual([[{ ruleName: "daily", lifecycle: { deleteAfter: 35 } }], [{ ruleName: "daily", lifecycle: { deleteAfter: 7 } }]]);
  });

  it("builds again when a resource is added or a dependency changes", () => {
    const session = new AnalysisSession();
    const { build, built } = countingBuilder();
    const [vault, plan] = stackCopy();
    session.stackModelOf([vault, plan], ANALYSED, STACK_CONFIG, build);
    session.stackModelOf([vault], ANALYSED, STACK_CONFIG, build);
    session.stackModelOf([vault, { ...plan, propertyDependencies: {} } as PolicyResource], ANALYSED, STACK_CONFIG, build);
    expect(built.map((s) => s.resources.map((r) => [r.name, r.propertyDependencies]))).toEqual([
      [["primary", {}], ["plan", { rules: ["urn:pulumi:dev::proj::aws:backup/vault:Vault::primary"] }]],
      [["primary", {}]],
      [["primary", {}], ["plan", {}]],
    ]);
  });
});

describe("AnalysisSession: one text per finding across Analyze and AnalyzeStack", () => {
  it("gives AnalyzeStack the text Analyze reported for the same finding at the same level, in the same deployment", () => {
    const session = new AnalysisSession();
    session.startAnalyze();
    session.rememberAnalyzeReport("k", "Copy of plan stays in eu-west-3. From Analyze.", "policy");
    expect(session.textOfStackFinding("k", "Copy of plan stays in eu-west-3. From the stack, with more facts.", "policy")).toBe("Copy of plan stays in eu-west-3. From Analyze.");
  });

  it("keeps the stack's own text for a finding Analyze did not report, or reported at another level", () => {
    const session = new AnalysisSession();
    session.startAnalyze();
    session.rememberAnalyzeReport("k", "From Analyze.", "policy");
    expect(session.textOfStackFinding("other", "From the stack.", "policy")).toBe("From the stack.");
    expect(session.textOfStackFinding("k", "From the stack, exempted.", "advisory")).toBe("From the stack, exempted.");
  });

  it("forgets Analyze's texts when the next deployment's Analyze starts", () => {
    const session = new AnalysisSession();
    session.startAnalyze();
    session.rememberAnalyzeReport("k", "First deployment.", "policy");
    session.finishStack();
    session.startAnalyze();
    expect(session.textOfStackFinding("k", "Second deployment.", "policy")).toBe("Second deployment.");
  });
});
