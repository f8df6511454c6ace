import { InputError } from "../../../policies/adapters/input-error";
import { looksLikeTerraformPlan, stackFromTerraformPlan } from "../../../policies/adapters/terraform/plan-to-stack";
import { JsonObject } from "../../../policies/core/json";
import { PlannedResource, PlannedStack } from "../../../policies/core/planned-stack";
import { UNKNOWN_STRING } from "../../../policies/core/unknowns";
import { evaluateStack } from "../../../policies/evaluate-stack";
import { TerraformPlanBuilder, attr, constant, refs } from "./plan-builder";

const U = UNKNOWN_STRING;

function resource(stack: PlannedStack, address: string): PlannedResource {
  const found = stack.resources.find((r) => r.urn === address);
  if (!found) throw new Error(`no ${address} in ${stack.resources.map((r) => r.urn).join(", ")}`);
  return found;
}

function withRoot(build: (tf: TerraformPlanBuilder) => void): TerraformPlanBuilder {
  const tf = new TerraformPlanBuilder();
  tf.provider("aws", { region: constant("eu-west-3") });
  build(tf);
  return tf;
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("Terraform plan → planned stack: values", () => {
  it("converts snake_case attributes, unwraps single blocks and pluralises list blocks per the declared table", () => {
    const tf = withRoot((t) =>
      t.resource({
        type: "aws_backup_plan",
        name: "p",
        after: {
          name: "p",
          tags: { cost_center: "x" },
          rule: [{ rule_name: "daily", target_vault_name: "v", recovery_point_tags: { keep_me: "as-is" }, lifecycle: [{ delete_after: 35 }], copy_action: [{ destination_vault_arn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr", lifecycle: [] }] }],
        },
        expressions: { name: constant("p") },
      }),
    );
    const p = resource(stackFromTerraformPlan(tf.plan()), "aws_backup_plan.p");
    expect(p.type).toBe("aws:backup/plan:Plan");
    expect(p.props).toEqual({
      name: "p",
      tags: { cost_center: "x" },
      rules: [{ ruleName: "daily", targetVaultName: "v", recoveryPointTags: { keep_me: "as-is" }, lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr" }] }],
    });
  });

  it("turns a one-element list of strings into the scalar Pulumi holds (DLM resource_locations, times)", () => {
    const tf = withRoot((t) =>
      t.resource({
        type: "aws_dlm_lifecycle_policy",
        name: "d",
        after: { policy_details: [{ resource_locations: ["CLOUD"], schedule: [{ name: "s", create_rule: [{ times: ["03:00"] }], cross_region_copy_rule: [{ target: "us-west-2", retain_rule: [{ interval: 7, interval_unit: "DAYS" }] }] }] }] },
      }),
    );
    expect(resource(stackFromTerraformPlan(tf.plan()), "aws_dlm_lifecycle_policy.d").props).toEqual({
      policyDetails: { resourceLocations: "CLOUD", schedules: [{ name: "s", createRule: { times: "03:00" }, crossRegionCopyRules: [{ target: "us-west-2", retainRule: { interval: 7, intervalUnit: "DAYS" } }] }] },
    });
  });

  it("writes unknown attributes, whole unknown blocks and unknown list elements as the Pulumi unknown sentinel", () => {
    const tf = withRoot((t) =>
      t.resource({
        type: "aws_backup_selection",
        name: "s",
        after: { name: "s", resources: ["arn:aws:dynamodb:eu-west-3:111111111111:table/a", null] },
        afterUnknown: { id: true, resources: [false, true], condition: true },
        expressions: { name: constant("s"), resources: refs("aws_dynamodb_table.t.arn", "aws_dynamodb_table.t"), condition: [{}] },
      }),
    );
    const s = resource(stackFromTerraformPlan(tf.plan()), "aws_backup_selection.s");
    expect(s.props).toEqual({ name: "s", id: U, resources: ["arn:aws:dynamodb:eu-west-3:111111111111:table/a", U], conditions: U });
    expect(s.unknownInInputs).toEqual(["resources", "conditions"]);
  });

  it("keeps a top-level attribute the configuration leaves out unknown, as a provider default (not the program's)", () => {
    const tf = withRoot((t) => t.resource({ type: "aws_backup_vault", name: "v", after: { name: "v" }, afterUnknown: { arn: true, kms_key_arn: true }, expressions: { name: constant("v") } }));
    const v = resource(stackFromTerraformPlan(tf.plan()), "aws_backup_vault.v");
    expect(v.props).toEqual({ name: "v", arn: U, kmsKeyArn: U });
    expect(v.unknownInInputs).toBeUndefined();
  });

  it("drops a nested attribute the provider computes inside a block the configuration writes, as Pulumi's inputs lack it", () => {
    const tf = withRoot((t) =>
      t.resource({
        type: "aws_dynamodb_table",
        name: "t",
        after: { name: "t", point_in_time_recovery: [{ enabled: true }] },
        afterUnknown: { point_in_time_recovery: [{ recovery_period_in_days: true }] },
        expressions: { name: constant("t"), point_in_time_recovery: [{ enabled: constant(true) }] },
      }),
    );
    const t = resource(stackFromTerraformPlan(tf.plan()), "aws_dynamodb_table.t");
    expect(t.props).toEqual({ name: "t", pointInTimeRecovery: { enabled: true } });
    expect(t.unknownInInputs).toBeUndefined();
  });

  it("keeps unknown, as the program's, a value inside a block the configuration does not describe (a dynamic block)", () => {
    const tf = withRoot((t) =>
      t.resource({
        type: "aws_backup_plan",
        name: "p",
        after: { name: "p", rule: [{ rule_name: "daily", copy_action: [{ lifecycle: [] }] }] },
        afterUnknown: { rule: [{ copy_action: [{ destination_vault_arn: true }] }] },
        expressions: { name: constant("p"), rule: [{ rule_name: constant("daily") }] },
      }),
    );
    const p = resource(stackFromTerraformPlan(tf.plan()), "aws_backup_plan.p");
    expect(p.props["rules"]).toEqual([{ ruleName: "daily", copyActions: [{ destinationVaultArn: U }] }]);
    expect(p.unknownInInputs).toEqual(["rules"]);
  });

  /** A plan rule with a written `copy_action` to vault `written` and a `dynamic "copy_action"` (two planned, one configured). */
  function writtenAndDynamicCopies(): TerraformPlanBuilder {
    return withRoot((t) => {
      t.provider("aws.dr", { region: constant("eu-central-1") });
      t.resource({ type: "aws_backup_vault", name: "source", after: { name: "source" }, afterUnknown: { arn: true } });
      t.resource({ type: "aws_backup_vault", name: "written", after: { name: "written" }, afterUnknown: { arn: true }, provider: "aws.dr" });
      t.resource({
        type: "aws_backup_plan",
        name: "p",
        after: { name: "p", rule: [{ rule_name: "daily", target_vault_name: "source", copy_action: [{ lifecycle: [] }, { lifecycle: [] }] }] },
        afterUnknown: { rule: [{ copy_action: [{ destination_vault_arn: true }, { destination_vault_arn: true }] }] },
        expressions: {
          name: constant("p"),
          rule: [{ rule_name: constant("daily"), target_vault_name: attr("aws_backup_vault.source", "name"), copy_action: [{ destination_vault_arn: attr("aws_backup_vault.written", "arn") }] }],
        },
      });
    });
  }

  it("drops a property's references when it holds an unknown of a dynamic block next to written blocks (they are not all its sources)", () => {
    const p = resource(stackFromTerraformPlan(writtenAndDynamicCopies().plan()), "aws_backup_plan.p");
    expect(p.props["rules"]).toEqual([{ ruleName: "daily", targetVaultName: "source", copyActions: [{ destinationVaultArn: U }, { destinationVaultArn: U }] }]);
    expect(p.unknownInInputs).toEqual(["rules"]);
    expect(p.propertyDependencies).toEqual({});
  });

  it("leaves a dynamic copy action undecided instead of pinning it to the written copy action's vault", () => {
    const findings = evaluateStack(stackFromTerraformPlan(writtenAndDynamicCopies().plan()), {}, { today: "2026-12-02" }).findings;
    const offline = findings.filter((f) => f.policy === "backup-offline-copy").map((f) => `${f.level} ${f.outcome} ${f.resource}`);
    expect(offline).toEqual(["mandatory unresolved aws_backup_plan.p"]);
    const crossRegion = findings.filter((f) => f.policy === "backup-cross-region-copy").map((f) => `${f.level} ${f.outcome} ${f.resource}`);
    expect(crossRegion).toEqual(["mandatory unresolved aws_backup_plan.p"]);
  });

  it("keeps a property's references when its planned blocks are as many as the written ones", () => {
    const tf = withRoot((t) => {
      t.resource({ type: "aws_backup_vault", name: "written", after: { name: "written" }, afterUnknown: { arn: true } });
      t.resource({
        type: "aws_backup_plan",
        name: "p",
        after: { name: "p", rule: [{ rule_name: "daily", copy_action: [{ lifecycle: [] }] }] },
        afterUnknown: { rule: [{ copy_action: [{ destination_vault_arn: true }] }] },
        expressions: { name: constant("p"), rule: [{ rule_name: constant("daily"), copy_action: [{ destination_vault_arn: attr("aws_backup_vault.written", "arn") }] }] },
      });
    });
    expect(resource(stackFromTerraformPlan(tf.plan()), "aws_backup_plan.p").propertyDependencies).toEqual({ rules: ["aws_backup_vault.written"] });
  });

  it("counts every unknown as the program's when the resource's configuration is missing (fail closed)", () => {
    const tf = withRoot((t) => t.resource({ type: "aws_backup_vault", name: "v", after: { name: "v" }, afterUnknown: { kms_key_arn: true }, noConfig: true }));
    expect(resource(stackFromTerraformPlan(tf.plan()), "aws_backup_vault.v").unknownInInputs).toEqual(["kmsKeyArn"]);
  });

  it("reads sensitive values as values, and a redacted sensitive value as unknown", () => {
    const tf = withRoot((t) => {
      t.resource({ type: "aws_backup_vault", name: "shown", after: { name: "shown", kms_key_arn: "arn:aws:kms:eu-west-3:111111111111:key/k" }, afterSensitive: { kms_key_arn: true } });
      t.resource({ type: "aws_backup_vault", name: "dropped", after: { name: "dropped" }, afterSensitive: { kms_key_arn: true } });
      t.resource({ type: "aws_backup_vault", name: "masked", after: { name: "masked", kms_key_arn: "(sensitive value)" }, afterSensitive: { kms_key_arn: true } });
    });
    const stack = stackFromTerraformPlan(tf.plan());
    expect(resource(stack, "aws_backup_vault.shown").props["kmsKeyArn"]).toBe("arn:aws:kms:eu-west-3:111111111111:key/k");
    expect(resource(stack, "aws_backup_vault.dropped").props["kmsKeyArn"]).toBe(U);
    expect(resource(stack, "aws_backup_vault.masked").props["kmsKeyArn"]).toBe(U);
  });

  it("leaves the plan unchanged, also where it drops an attribute the provider computes inside a block the configuration writes", () => {
    const tf = withRoot((t) =>
      t.resource({
        type: "aws_dynamodb_table",
        name: "t",
        // A sentinel written in `after` itself (not flagged by after_unknown) is an unknown all the same.
        after: { name: "t", tags: { team: "data" }, point_in_time_recovery: [{ enabled: true, recovery_period_in_days: U }] },
        expressions: { name: constant("t"), point_in_time_recovery: [{ enabled: constant(true) }] },
      }),
    );
    const plan = tf.plan();
    const before = JSON.parse(JSON.stringify(plan)) as JsonObject;
    const t = resource(stackFromTerraformPlan(plan), "aws_dynamodb_table.t");
    expect(t.props).toEqual({ name: "t", tags: { team: "data" }, pointInTimeRecovery: { enabled: true } });
    expect(plan).toEqual(before);
  });

  it("never keeps a __proto__ key of the plan (as JSON.parse makes one) as a key of the props", () => {
    const after = JSON.parse('{ "name": "v", "tags": { "__proto__": { "team": "x" }, "owner": "ops" } }') as JsonObject;
    const tf = withRoot((t) => t.resource({ type: "aws_backup_vault", name: "v", after, expressions: { name: constant("v") } }));
    const tags = resource(stackFromTerraformPlan(tf.plan()), "aws_backup_vault.v").props["tags"] as JsonObject;
    expect(Object.keys(tags)).toEqual(["owner"]);
    expect(Object.hasOwn(tags, "__proto__")).toBe(false);
  });

  it("ignores Terraform types backup-guard does not read", () => {
    const tf = withRoot((t) => t.resource({ type: "aws_iam_role", name: "r", after: { name: "r" } }));
    expect(stackFromTerraformPlan(tf.plan()).resources).toEqual([]);
  });
});

describe("Terraform plan → planned stack: which objects exist after apply", () => {
  const cases: Array<[string, boolean, string[]]> = [
    ["create", true, ["create"]],
    ["update", true, ["update"]],
    ["no-op", true, ["no-op"]],
    ["replace (delete then create)", true, ["delete", "create"]],
    ["replace (create then delete)", true, ["create", "delete"]],
    ["replace, forgetting the old object", true, ["create", "forget"]],
    ["delete", false, ["delete"]],
    ["forget (left in the cloud, no longer managed)", false, ["forget"]],
  ];
  it.each(cases)("%s: the object exists after apply = %s", (_, kept, actions) => {
    const tf = withRoot((t) => t.resource({ type: "aws_backup_vault", name: "v", actions, after: actions.length === 1 && !kept ? null : { name: "v" } }));
    expect(stackFromTerraformPlan(tf.plan()).resources.map((r) => r.urn)).toEqual(kept ? ["aws_backup_vault.v"] : []);
  });

  it("skips data sources and deposed objects", () => {
    const tf = withRoot((t) => {
      t.resource({ type: "aws_backup_vault", name: "d", mode: "data", actions: ["read"], after: { name: "d" } });
      t.resource({ type: "aws_backup_vault", name: "v", actions: ["delete"], deposed: "00000001", after: null });
      t.resource({ type: "aws_backup_vault", name: "v", after: { name: "v" } });
    });
    expect(stackFromTerraformPlan(tf.plan()).resources.map((r) => r.urn)).toEqual(["aws_backup_vault.v"]);
  });

  it("keeps count and for_each instances as resources named by their addresses, in modules at any depth", () => {
    const tf = withRoot((t) => {
      t.resource({ type: "aws_backup_vault", name: "v", index: 0, after: { name: "a" } });
      t.resource({ type: "aws_backup_vault", name: "v", index: 1, after: { name: "b" } });
      t.resource({ type: "aws_backup_plan", name: "p", module: 'module.backup["eu"].module.plans', index: "daily", after: { name: "p" } });
    });
    const stack = stackFromTerraformPlan(tf.plan());
    expect(stack.resources.map((r) => [r.urn, r.name])).toEqual([
      ["aws_backup_vault.v[0]", "aws_backup_vault.v[0]"],
      ["aws_backup_vault.v[1]", "aws_backup_vault.v[1]"],
      ['module.backup["eu"].module.plans.aws_backup_plan.p["daily"]', 'module.backup["eu"].module.plans.aws_backup_plan.p["daily"]'],
    ]);
    expect(stack.scope).toBe("stack");
  });
});

describe("Terraform plan → planned stack: references (the twin of propertyDependencies)", () => {
  it("resolves a reference to every instance of the named resource in the same module instance", () => {
    const tf = withRoot((t) => {
      t.resource({ type: "aws_backup_vault", name: "dr", index: 0, after: { name: "a" } });
      t.resource({ type: "aws_backup_vault", name: "dr", index: 1, after: { name: "b" } });
      t.resource({ type: "aws_backup_vault", name: "dr", module: "module.other", after: { name: "c" } });
      t.resource({
        type: "aws_backup_plan",
        name: "p",
        after: { name: "p", rule: [{ rule_name: "r", copy_action: [{}] }] },
        afterUnknown: { rule: [{ copy_action: [{ destination_vault_arn: true }] }] },
        expressions: { rule: [{ copy_action: [{ destination_vault_arn: refs("aws_backup_vault.dr[0].arn", "aws_backup_vault.dr[0]", "aws_backup_vault.dr") }] }] },
      });
    });
    const p = resource(stackFromTerraformPlan(tf.plan()), "aws_backup_plan.p");
    expect(p.propertyDependencies).toEqual({ rules: ["aws_backup_vault.dr[0]", "aws_backup_vault.dr[1]"] });
    expect(p.dependencies).toEqual(["aws_backup_vault.dr[0]", "aws_backup_vault.dr[1]"]);
  });

  it("follows module outputs into the child module and module inputs out to the caller", () => {
    const tf = withRoot((t) => {
      t.resource({ type: "aws_backup_vault", name: "dr", module: "module.vaults", after: { name: "dr" } });
      t.module(["vaults"], {}, {}, { arn: { expression: attr("aws_backup_vault.dr", "arn") } });
      t.resource({ type: "aws_backup_vault", name: "primary", after: { name: "primary" } });
      t.module(["plans"], { destination: refs("module.vaults.arn", "module.vaults"), source_vault: attr("aws_backup_vault.primary", "name") });
      t.resource({
        type: "aws_backup_plan",
        name: "p",
        module: "module.plans",
        after: { name: "p" },
        expressions: { rule: [{ target_vault_name: refs("var.source_vault"), copy_action: [{ destination_vault_arn: refs("var.destination") }] }] },
      });
    });
    expect(resource(stackFromTerraformPlan(tf.plan()), "module.plans.aws_backup_plan.p").propertyDependencies).toEqual({
      rules: ["aws_backup_vault.primary", "module.vaults.aws_backup_vault.dr"],
    });
  });

  it("adds depends_on resources to dependencies after those of properties, each once, and not to propertyDependencies", () => {
    const tf = withRoot((t) => {
      t.resource({ type: "aws_backup_vault", name: "dr", after: { name: "dr" } });
      t.resource({ type: "aws_s3_bucket", name: "logs", after: { bucket: "logs" } });
      t.resource({
        type: "aws_backup_plan",
        name: "p",
        after: { name: "p", rule: [{ rule_name: "r", copy_action: [{}] }] },
        afterUnknown: { rule: [{ copy_action: [{ destination_vault_arn: true }] }] },
        expressions: { name: refs("aws_backup_vault.dr.name", "aws_backup_vault.dr"), rule: [{ copy_action: [{ destination_vault_arn: refs("aws_backup_vault.dr.arn", "aws_backup_vault.dr") }] }] },
      });
    });
    const plan = tf.plan();
    const configuration = plan["configuration"] as { root_module: { resources: JsonObject[] } };
    const config = configuration.root_module.resources.find((r) => r["name"] === "p") as JsonObject;
    config["depends_on"] = ["aws_s3_bucket.logs", "aws_backup_vault.dr"];
    const p = resource(stackFromTerraformPlan(plan), "aws_backup_plan.p");
    expect(p.propertyDependencies).toEqual({ name: ["aws_backup_vault.dr"], rules: ["aws_backup_vault.dr"] });
    expect(p.dependencies).toEqual(["aws_backup_vault.dr", "aws_s3_bucket.logs"]);
  });

  it("reads a resource's configuration from its managed block, not from a data source of the same type and name", () => {
    const tf = withRoot((t) => {
      t.provider("aws.dr", { region: constant("us-west-2") });
      t.resource({ type: "aws_backup_vault", name: "v", mode: "data", provider: "aws.dr", actions: ["read"], after: { name: "v" } });
      t.resource({ type: "aws_backup_vault", name: "v", after: { name: "v" }, afterUnknown: { kms_key_arn: true }, expressions: { kms_key_arn: refs("aws_kms_key.k.arn", "aws_kms_key.k") } });
    });
    const v = resource(stackFromTerraformPlan(tf.plan()), "aws_backup_vault.v");
    expect(v.provider?.props).toEqual({ region: "eu-west-3" });
    expect(v.unknownInInputs).toEqual(["kmsKeyArn"]);
  });

  it("gives no dependency for locals and data sources, whose values the plan does not describe", () => {
    const tf = withRoot((t) =>
      t.resource({ type: "aws_backup_vault", name: "v", after: { name: "v" }, expressions: { name: refs("local.name"), kms_key_arn: refs("data.aws_kms_key.k.arn", "data.aws_kms_key.k") } }),
    );
    expect(resource(stackFromTerraformPlan(tf.plan()), "aws_backup_vault.v").propertyDependencies).toEqual({});
  });
});

describe("Terraform plan → planned stack: providers, regions and accounts", () => {
  function providerOf(tf: TerraformPlanBuilder, address: string, defaultRegion?: string): JsonObject {
    const found = resource(stackFromTerraformPlan(tf.plan(), defaultRegion ? { defaultRegion } : {}), address);
    return found.provider?.props ?? {};
  }

  it("reads an aliased provider's region, allowed accounts and assumed roles as the Pulumi AWS provider's props", () => {
    const tf = withRoot((t) => {
      t.provider("aws.dr", { region: constant("us-west-2"), allowed_account_ids: constant(["222222222222"]), assume_role: [{ role_arn: constant("arn:aws:iam::222222222222:role/backup"), session_name: constant("guard") }] });
      t.resource({ type: "aws_backup_vault", name: "dr", provider: "aws.dr", after: { name: "dr" } });
    });
    const stack = stackFromTerraformPlan(tf.plan());
    expect(resource(stack, "aws_backup_vault.dr").provider).toEqual({
      urn: "provider:aws.dr",
      type: "pulumi:providers:aws",
      name: "aws.dr",
      props: { region: "us-west-2", allowedAccountIds: ["222222222222"], assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/backup", sessionName: "guard" }] },
    });
  });

  it("reads a provider region from a root variable, and from a module input back to the root variable", () => {
    const tf = withRoot((t) => {
      t.variable("dr_region", "eu-central-1");
      t.provider("aws.dr", { region: refs("var.dr_region") });
      t.provider("module.child:aws", { region: refs("var.region") }, { module_address: "module.child" });
      t.module(["child"], { region: refs("var.dr_region") });
      t.resource({ type: "aws_backup_vault", name: "a", provider: "aws.dr", after: { name: "a" } });
      t.resource({ type: "aws_backup_vault", name: "b", module: "module.child", provider: "module.child:aws", after: { name: "b" } });
    });
    expect(providerOf(tf, "aws_backup_vault.a")).toEqual({ region: "eu-central-1" });
    expect(providerOf(tf, "module.child.aws_backup_vault.b")).toEqual({ region: "eu-central-1" });
  });

  it("uses the module variable's default when the call passes nothing", () => {
    const tf = withRoot((t) => {
      t.provider("module.child:aws", { region: refs("var.region") }, { module_address: "module.child" });
      t.module(["child"], {}, { region: { default: "ap-southeast-2" } });
      t.resource({ type: "aws_backup_vault", name: "b", module: "module.child", provider: "module.child:aws", after: { name: "b" } });
    });
    expect(providerOf(tf, "module.child.aws_backup_vault.b")).toEqual({ region: "ap-southeast-2" });
  });

  it("makes a region unknown when its expression is computed or does not read as a region (a conditional on a variable)", () => {
    const tf = withRoot((t) => {
      t.variable("scenario", "passing");
      t.provider("aws.a", { region: refs("var.scenario") });
      t.provider("aws.b", { region: refs("data.aws_region.current.name", "data.aws_region.current") });
      t.resource({ type: "aws_backup_vault", name: "a", provider: "aws.a", after: { name: "a" } });
      t.resource({ type: "aws_backup_vault", name: "b", provider: "aws.b", after: { name: "b" } });
    });
    expect(providerOf(tf, "aws_backup_vault.a")).toEqual({ region: U });
    expect(providerOf(tf, "aws_backup_vault.b")).toEqual({ region: U });
  });

  it("falls back from a module's inherited provider key to the enclosing configuration", () => {
    const tf = withRoot((t) => t.resource({ type: "aws_backup_vault", name: "v", module: "module.a.module.b", provider: "module.a.module.b:aws", after: { name: "v" } }));
    expect(resource(stackFromTerraformPlan(tf.plan()), "module.a.module.b.aws_backup_vault.v").provider?.name).toBe("aws");
  });

  it("applies --default-region only where no provider sets a region", () => {
    const tf = new TerraformPlanBuilder();
    tf.provider("aws", {});
    tf.provider("aws.dr", { region: constant("us-west-2") });
    tf.resource({ type: "aws_backup_vault", name: "a", after: { name: "a" } });
    tf.resource({ type: "aws_backup_vault", name: "b", provider: "aws.dr", after: { name: "b" } });
    expect(providerOf(tf, "aws_backup_vault.a", "eu-west-1")).toEqual({ region: "eu-west-1" });
    expect(providerOf(tf, "aws_backup_vault.b", "eu-west-1")).toEqual({ region: "us-west-2" });
    expect(providerOf(tf, "aws_backup_vault.a")).toEqual({});
  });

  it("keeps the AWS provider v6 per-resource region as the resource's region", () => {
    const tf = withRoot((t) => t.resource({ type: "aws_backup_vault", name: "v", after: { name: "v", region: "us-east-1" }, expressions: { region: constant("us-east-1") } }));
    expect(resource(stackFromTerraformPlan(tf.plan()), "aws_backup_vault.v").props["region"]).toBe("us-east-1");
  });
});

describe("Terraform plan → planned stack: unreadable input", () => {
  const base = (): JsonObject => new TerraformPlanBuilder().plan();
  const cases: Array<[string, unknown, string]> = [
    ["an array", [], "a Terraform plan is a JSON object, not an array"],
    ["no format_version", { resource_changes: [] }, "not a Terraform plan: no format_version (expected the output of `terraform show -json PLANFILE`)"],
    ["format 2.0", { ...base(), format_version: "2.0" }, 'unsupported Terraform plan format_version "2.0": backup-guard reads plan JSON format 1.x (Terraform >= 1.0, OpenTofu) (at format_version)'],
    ["a numeric format_version", { ...base(), format_version: 1 }, 'format_version must be a string such as "1.2", not number 1 (at format_version)'],
    ["a state file", { format_version: "1.0", terraform_version: "1.9.8", values: {} }, "this is a Terraform state (terraform show -json without a plan file), not a plan: run `terraform plan -out=plan.out && terraform show -json plan.out`"],
    ["an errored plan", { ...base(), errored: true }, "the plan is errored (errored: true): Terraform could not finish planning, so what it would deploy is unknown; fix the errors and plan again (at errored)"],
    ["an incomplete plan", { ...base(), complete: false }, "the plan is incomplete (complete: false): some changes are deferred to a later plan, so what it would deploy is unknown; apply the earlier stage and plan again (at complete)"],
    ["no resource_changes", { format_version: "1.2", planned_values: {} }, "the plan has no resource_changes: nothing to evaluate (at resource_changes)"],
    ["resource_changes not an array", { ...base(), resource_changes: {} }, "resource_changes must be an array, not an object (at resource_changes)"],
    ["a change without actions", { ...base(), resource_changes: [{ address: "a.b", mode: "managed", type: "a", name: "b", change: {} }] }, "change.actions must be a non-empty list of strings, not missing (at resource_changes[0].change.actions)"],
    ["a change without address", { ...base(), resource_changes: [{ mode: "managed", type: "a", name: "b", change: { actions: ["create"] } }] }, "address must be a non-empty string, not missing (at resource_changes[0].address)"],
    ["a kept resource whose after is not an object", { ...base(), resource_changes: [{ address: "aws_backup_vault.v", mode: "managed", type: "aws_backup_vault", name: "v", change: { actions: ["create"], after: 3 } }] }, "change.after must be an object for a resource that exists after apply, not 3 (at resource_changes[0].change.after)"],
    ["a malformed module address", { ...base(), resource_changes: [{ address: "x.aws_backup_vault.v", module_address: "x", mode: "managed", type: "aws_backup_vault", name: "v", change: { actions: ["create"], after: {} } }] }, 'module_address "x" is not a module address (at resource_changes[0].module_address)'],
  ];
  it.each(cases)("refuses %s with an InputError naming the problem", (_, plan, message) => {
    const error = thrown(() => stackFromTerraformPlan(plan));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(message);
  });

  it("accepts every 1.x format version, OpenTofu's included", () => {
    for (const version of ["1.0", "1.2", "1.10"]) expect(stackFromTerraformPlan({ ...base(), format_version: version }).resources).toEqual([]);
  });

  it("recognises Terraform plans by format_version with terraform_version, resource_changes or planned_values", () => {
    expect([base(), { format_version: "1.2", planned_values: {} }, { format_version: "1.0", resource_changes: [] }].map(looksLikeTerraformPlan)).toEqual([true, true, true]);
    expect([{ version: 3, deployment: {} }, { format_version: "1.0" }, [], null, "x"].map(looksLikeTerraformPlan)).toEqual([false, false, false, false, false]);
  });
});
