import { PolicyResource, ResourceValidationArgs, StackValidationArgs, unknownCheckingProxy } from "@pulumi/policy";
import { AnalysisSession } from "../../policies/pulumi/analysis-session";
import { utcToday } from "../../policies/pulumi/clock";
import { packEnvironment, policyPackArgs } from "../../policies/pulumi/pack-args";
import { PolicyEnvironment, ResourceAndStackPolicy, toPulumiPolicy } from "../../policies/pulumi/pulumi-policy";
import { RULES } from "../../policies/rules";
import { JsonObject } from "../../policies/core/json";
import { UNKNOWN } from "../support/planned-stack-builder";

type Reported = Record<string, unknown>;

const STACK_CONFIG = { "aws:region": "eu-west-3" };
const DEFAULT_PROVIDER = { urn: "urn:pulumi:dev::proj::pulumi:providers:aws::default_7_48_0", type: "pulumi:providers:aws", name: "default_7_48_0" };

function environment(): PolicyEnvironment {
  return { session: new AnalysisSession(), stackConfig: STACK_CONFIG };
}

function policy(id: string, env: PolicyEnvironment): ResourceAndStackPolicy {
  const rule = RULES.find((r) => r.meta.id === id);
  if (!rule) throw new Error(id);
  return toPulumiPolicy(rule, env);
}

function provider(props: JsonObject) {
  return { ...DEFAULT_PROVIDER, props: unknownCheckingProxy({ version: "7.48.0", ...props }) };
}

/** Args as the policy runtime builds them in Analyze: props behind the unknown-checking proxy. */
function resourceArgs(type: string, name: string, props: JsonObject, config: Record<string, unknown> = {}): ResourceValidationArgs {
  return {
    type,
    name,
    urn: `urn:pulumi:dev::proj::${type}::${name}`,
    props: unknownCheckingProxy(props),
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
    provider: provider({ region: "eu-west-3" }),
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new Error(reason);
    },
  } as unknown as ResourceValidationArgs;
}

function stackResource(type: string, name: string, props: JsonObject, deps: Record<string, PolicyResource[]> = {}): PolicyResource {
  return {
    type,
    name,
    urn: `urn:pulumi:dev::proj::${type}::${name}`,
    props: unknownCheckingProxy(props),
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
    provider: provider({ region: "eu-west-3" }),
    dependencies: Object.values(deps).flat(),
    propertyDependencies: deps,
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

function stackArgs(resources: PolicyResource[], config: Record<string, unknown> = {}): StackValidationArgs {
  return { resources, getConfig: <T extends object>() => config as T, stackTags: new Map(), notApplicable: (): never => { throw new Error("n/a"); } } as unknown as StackValidationArgs;
}

async function runResource(p: ResourceAndStackPolicy, args: ResourceValidationArgs): Promise<Reported[]> {
  const out: Reported[] = [];
  const validate = p.validateResource;
  if (typeof validate !== "function") throw new Error("no validateResource");
  await validate(args, ((v: unknown) => out.push(v as Reported)) as never);
  return out;
}

async function runStack(p: ResourceAndStackPolicy, args: StackValidationArgs): Promise<Reported[]> {
  const out: Reported[] = [];
  await p.validateStack(args, ((v: unknown) => out.push(v as Reported)) as never);
  return out;
}

const PLAN_URN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";
const planInputs: JsonObject = {
  name: "plan",
  rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN, lifecycle: { deleteAfter: 35 } }] }],
};

describe("toPulumiPolicy", () => {
  it("declares the rule's metadata and config schema with defaults", () => {
    const p = policy("backup-immutable", environment());
    expect({ ...p, validateResource: undefined, validateStack: undefined, remediationSteps: undefined, description: undefined }).toEqual({
      name: "backup-immutable",
      description: undefined,
      displayName: "Backups and their copies are immutable",
      enforcementLevel: "mandatory",
      severity: "critical",
      remediationSteps: undefined,
      url: "https://github.com/backup-guard/backup-guard/blob/v0.1.0/docs/policies/backup-immutable.md",
      framework: { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9", specification: "System backup: protect the integrity of backup information" },
      tags: ["NIST SP 800-53 CP-9", "ISO/IEC 27001 A.8.13", "DORA Art. 12(1)", "NIS2 Art. 21(2)(c)", "SOC 2 A1.2"],
      configSchema: {
        properties: {
          onUnresolved: {
            type: "string",
            enum: ["mandatory", "advisory"],
            default: "mandatory",
            description:
              "Level of findings that cannot be decided before the deployment runs (e.g. a destination whose region is unknown in preview). `mandatory` fails closed: they are reported at the policy's enforcement level, like violations; `advisory` reports them as advisory whatever that level.",
          },
          minRetentionDays: { type: "integer", minimum: 1, default: 7, description: "The smallest acceptable minRetentionDays of a vault lock or logically air-gapped vault, and the smallest default retention (in days) of the Object Lock of an S3 replica bucket." },
        },
      },
      validateResource: undefined,
      validateStack: undefined,
    });
  });

  it("reports a governance lock in Analyze without reading a proxied unknown", async () => {
    const p = policy("backup-immutable", environment());
    const args = resourceArgs("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "lock", { backupVaultName: UNKNOWN, minRetentionDays: 7 });
    expect(await runResource(p, args)).toEqual([
      {
        urn: "urn:pulumi:dev::proj::aws:backup/vaultLockConfiguration:VaultLockConfiguration::lock",
        message:
          'Vault lock "lock" is in governance mode, so it can be removed. Its changeableForDays is not set: anyone allowed backup:DeleteBackupVaultLockConfiguration can remove the lock and then delete the recovery points. Set changeableForDays (at least 3) so the lock becomes immutable in compliance mode once that grace time has passed.',
      },
    ]);
  });

  it("leaves what one resource cannot decide to AnalyzeStack", async () => {
    const p = policy("backup-cross-region-copy", environment());
    expect(await runResource(p, resourceArgs("aws:backup/plan:Plan", "plan", planInputs))).toEqual([]);
  });

  it("completes preview outputs whose rules are unknown with the inputs seen in Analyze", async () => {
    const env = environment();
    const p = policy("backup-cross-region-copy", env);
    await runResource(p, resourceArgs("aws:backup/plan:Plan", "plan", planInputs));
    const primary = stackResource("aws:backup/vault:Vault", "primary", { name: "primary", arn: UNKNOWN });
    const dr = stackResource("aws:backup/vault:Vault", "dr", { name: "dr", arn: UNKNOWN });
    const plan = stackResource("aws:backup/plan:Plan", "plan", { name: "plan", rules: UNKNOWN, arn: UNKNOWN }, { rules: [primary, dr] });
    const reported = await runStack(p, stackArgs([primary, dr, plan]));
    expect(reported.map((r) => [r.urn, r.enforcementLevel, String(r.message).split(". ")[0]])).toEqual([
      [PLAN_URN, undefined, 'rule "daily" of backup plan "plan" copies its recovery points only within the same region (eu-west-3)'],
    ]);
    // A later deployment served by the same process starts afresh: no inputs left over.
    await runResource(p, resourceArgs("aws:backup/vault:Vault", "other", {}));
    const again = await runStack(p, stackArgs([primary, dr, plan]));
    expect(again.map((r) => [r.enforcementLevel, String(r.message).split(". ")[0]])).toEqual([[undefined, 'cannot check backup plan "plan": its rules are unknown during preview']]);
  });

  it("reports unresolved findings as advisory when onUnresolved is advisory", async () => {
    const p = policy("backup-cross-region-copy", environment());
    const plan = stackResource("aws:backup/plan:Plan", "plan", { rules: UNKNOWN });
    const reported = await runStack(p, stackArgs([plan], { onUnresolved: "advisory" }));
    expect(reported).toEqual([
      {
        urn: PLAN_URN,
        enforcementLevel: "advisory",
        message:
          'cannot check backup plan "plan": its rules are unknown during preview. Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. new aws.Provider("dr", { region: "eu-central-1" })). [unresolved before deployment; reported as advisory (onUnresolved: advisory)]',
      },
    ]);
  });

  it("fails closed with a clear message on an unknown config key or a bad value", async () => {
    const p = policy("backup-offline-copy", environment());
    const reported = await runStack(p, stackArgs([], { trustedAcounts: ["x"], onUnresolved: "never" }));
    expect(reported).toEqual([
      {
        urn: undefined,
        enforcementLevel: "mandatory",
        message:
          'Invalid configuration for policy backup-offline-copy: the policy did not run and fails closed. backup-offline-copy: config key "onUnresolved" is "never", which is not one of "mandatory", "advisory"; backup-offline-copy: unknown config key "trustedAcounts". Fix the --policy-pack-config file or the policy group\'s config.',
      },
    ]);
  });

  it("reports a config error in Analyze once per deployment, not for every resource", async () => {
    const p = policy("backup-offline-copy", environment());
    const first = await runResource(p, resourceArgs("aws:backup/plan:Plan", "plan", planInputs, { nope: 1 }));
    const second = await runResource(p, resourceArgs("aws:backup/plan:Plan", "plan2", planInputs, { nope: 1 }));
    expect([first.length, second.length]).toEqual([1, 0]);
  });

  it("fails closed when PULUMI_CONFIG could not be read", async () => {
    const p = policy("backup-offline-copy", { ...environment(), environmentError: "PULUMI_CONFIG is not valid JSON" });
    expect(await runStack(p, stackArgs([]))).toEqual([
      { enforcementLevel: "mandatory", message: "backup-guard cannot read its environment, so it fails closed. PULUMI_CONFIG is not valid JSON." },
    ]);
  });

  it("fails closed, never throws, on resources of unexpected shapes", async () => {
    const p = policy("backup-cross-region-copy", environment());
    const odd = stackResource("aws:backup/plan:Plan", "plan", { rules: [null, 5, "x", { copyActions: "nope", targetVaultName: 7 }] } as unknown as JsonObject);
    const reported = await runStack(p, stackArgs([odd]));
    expect(reported.map((r) => [r.enforcementLevel, String(r.message).split(". ")[0]])).toEqual([
      [undefined, 'cannot check rules[0] of backup plan "plan": rules[0] has an unexpected shape (expected an object with a copyActions list)'],
      [undefined, 'cannot check rules[1] of backup plan "plan": rules[1] has an unexpected shape (expected an object with a copyActions list)'],
      [undefined, 'cannot check rules[2] of backup plan "plan": rules[2] has an unexpected shape (expected an object with a copyActions list)'],
      [undefined, 'cannot check rules[3] of backup plan "plan": rules[3] has an unexpected shape (expected an object with a copyActions list)'],
    ]);
  });
});

describe("exemptions in the pack", () => {
  const TODAY = "2025-03-01";
  const TAG = "backup-guard:exempt:backup-cross-region-copy";
  const NO_COPY_RULES = [{ ruleName: "daily", targetVaultName: "primary" }];
  const NO_COPY =
    'rule "daily" of backup plan "plan" has no copy action: its recovery points stay in eu-west-3. They stay in vault "primary" in eu-west-3 (default provider default_7_48_0, stack config aws:region), where a regional disaster destroys them together with the primaries. Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. new aws.Provider("dr", { region: "eu-central-1" })).';
  const ENTRY = { resources: ["plan"], policies: ["backup-cross-region-copy"], reason: "plan retired with the legacy stack", until: "2025-06-30" };

  function fixedEnvironment(): PolicyEnvironment {
    return { ...environment(), today: () => TODAY };
  }

  function planStack(tags?: JsonObject | string, rules: JsonObject[] | string = NO_COPY_RULES): PolicyResource[] {
    const primary = stackResource("aws:backup/vault:Vault", "primary", { name: "primary" });
    const plan = stackResource("aws:backup/plan:Plan", "plan", { name: "plan", rules, ...(tags === undefined ? {} : { tags }) });
    return [primary, plan];
  }

  /** One AnalyzeStack request: the policies in pack order, each with its config. */
  async function request(env: PolicyEnvironment, resources: PolicyResource[], configs: Record<string, Record<string, unknown>>): Promise<Record<string, Reported[]>> {
    const out: Record<string, Reported[]> = {};
    for (const [id, config] of Object.entries(configs)) out[id] = await runStack(policy(id, env), stackArgs(resources, config));
    return out;
  }

  it("lists backup-exemptions first in the pack and declares its entries' object schema", () => {
    const args = policyPackArgs({ ...environment(), today: () => TODAY });
    const first = ["backup-exemptions", "backup-external-vaults"];
    expect(args.policies.map((p) => p.name)).toEqual([...first, ...RULES.map((r) => r.meta.id).filter((id) => !first.includes(id))]);
    const schema = args.policies[0].configSchema?.properties?.["exemptions"];
    expect(schema).toMatchObject({
      type: "array",
      default: [],
      items: {
        type: "object",
        required: ["resources", "policies", "reason", "until"],
        additionalProperties: false,
        properties: { until: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }, policies: { type: "array", items: { type: "string" } } },
      },
    });
    expect(args.policies[0].configSchema?.properties?.["maxDays"]).toMatchObject({ type: "integer", default: 366, minimum: 1 });
  });

  it("reports a tag-exempted violation in Analyze as advisory, with who, why and until when", async () => {
    const p = policy("backup-cross-region-copy", fixedEnvironment());
    const tags = { [TAG]: "until=2025-06-30 reason=legacy plan moves to the DR account in Q2 by=alice@example.com" };
    const plain = await runResource(p, resourceArgs("aws:backup/plan:Plan", "plan", { name: "plan", rules: NO_COPY_RULES }));
    const exempt = await runResource(p, resourceArgs("aws:backup/plan:Plan", "plan", { name: "plan", rules: NO_COPY_RULES, tags }));
    expect(plain).toHaveLength(1);
    expect(exempt).toEqual([
      {
        urn: PLAN_URN,
        enforcementLevel: "advisory",
        message: `${String(plain[0].message)} [exempt: "plan" is exempted from backup-cross-region-copy until 2025-06-30 by tag ${TAG} of "plan" (approved by alice@example.com), reason: legacy plan moves to the DR account in Q2; reported as advisory until then]`,
      },
    ]);
  });

  it("keeps the level of a finding whose tag exemption expired, and says why it was refused", async () => {
    const reported = await request(fixedEnvironment(), planStack({ [TAG]: "until=2025-02-28 reason=legacy" }), { "backup-exemptions": {}, "backup-cross-region-copy": {} });
    expect(reported).toEqual({
      "backup-exemptions": [],
      "backup-cross-region-copy": [
        {
          urn: PLAN_URN,
          message: `${NO_COPY} [exemption refused, so the finding keeps its level: tag ${TAG} of "plan" expired on 2025-02-28 (today is 2025-03-01)]`,
        },
      ],
    });
  });

  it("applies a config entry of backup-exemptions to the policies after it in the same request", async () => {
    const reported = await request(fixedEnvironment(), planStack(), { "backup-exemptions": { exemptions: [ENTRY] }, "backup-cross-region-copy": {} });
    expect(reported["backup-cross-region-copy"]).toEqual([
      {
        urn: PLAN_URN,
        enforcementLevel: "advisory",
        message: `${NO_COPY} [exempt: "plan" is exempted from backup-cross-region-copy until 2025-06-30 by entry #1 of the backup-exemptions config, reason: plan retired with the legacy stack; reported as advisory until then]`,
      },
    ]);
  });

  it("reports an expired config entry from backup-exemptions, for the stack, and refuses it in the finding", async () => {
    const reported = await request(fixedEnvironment(), planStack(), {
      "backup-exemptions": { exemptions: [{ ...ENTRY, until: "2025-01-31" }] },
      "backup-cross-region-copy": {},
    });
    expect(reported).toEqual({
      "backup-exemptions": [
        {
          urn: undefined,
          message:
            'Entry #1 of the backup-exemptions config exempts nothing: it expired on 2025-01-31. The entry (resources "plan"; policies backup-cross-region-copy) expired on 2025-01-31 (today is 2025-03-01), so the findings it names keep their level. Remove the entry, or renew it with a later until date if the exemption is still justified (re-approve it).',
        },
      ],
      "backup-cross-region-copy": [
        {
          urn: PLAN_URN,
          message: `${NO_COPY} [exemption refused, so the finding keeps its level: entry #1 of the backup-exemptions config expired on 2025-01-31 (today is 2025-03-01)]`,
        },
      ],
    });
  });

  it("applies no config entry when backup-exemptions is disabled (not called for the request), tags still count", async () => {
    const env = fixedEnvironment();
    const first = await request(env, planStack(), { "backup-exemptions": { exemptions: [ENTRY] }, "backup-cross-region-copy": {} });
    expect(first["backup-cross-region-copy"].map((r) => r.enforcementLevel)).toEqual(["advisory"]);
    // Same process, a request in which backup-exemptions does not run: its entries of the last request are gone.
    const second = await request(env, planStack(), { "backup-cross-region-copy": {} });
    expect(second["backup-cross-region-copy"]).toEqual([{ urn: PLAN_URN, message: NO_COPY }]);
    const tagged = await request(env, planStack({ [TAG]: "until=2025-06-30 reason=legacy" }), { "backup-cross-region-copy": {} });
    expect(tagged["backup-cross-region-copy"].map((r) => r.enforcementLevel)).toEqual(["advisory"]);
  });

  it("fails closed when the backup-exemptions config is invalid: a mandatory config error naming the key, and no config exemption", async () => {
    const reported = await request(fixedEnvironment(), planStack(), {
      "backup-exemptions": { exemptions: [{ ...ENTRY, policies: ["backup-cross-region-copies"] }] },
      "backup-cross-region-copy": {},
    });
    expect(reported["backup-exemptions"]).toEqual([
      {
        urn: undefined,
        enforcementLevel: "mandatory",
        message: expect.stringContaining(
          'Invalid configuration for policy backup-exemptions: the policy did not run and fails closed. backup-exemptions: config key "exemptions.0.policies.0" is "backup-cross-region-copies", which is not one of "*", "backup-copy-residency"',
        ),
      },
    ]);
    expect(reported["backup-cross-region-copy"]).toEqual([{ urn: PLAN_URN, message: NO_COPY }]);
  });

  it("exempts an unresolved finding like a violation, and keeps the level of one whose tags are unknown", async () => {
    const env = fixedEnvironment();
    const exempt = await request(env, planStack({ [TAG]: "until=2025-06-30 reason=legacy" }, UNKNOWN), { "backup-cross-region-copy": {} });
    expect(exempt["backup-cross-region-copy"]).toEqual([
      {
        urn: PLAN_URN,
        enforcementLevel: "advisory",
        message: expect.stringMatching(
          /^cannot check backup plan "plan": its rules are unknown during preview\. .* \[unresolved before deployment\] \[exempt: "plan" is exempted from backup-cross-region-copy until 2025-06-30 by tag backup-guard:exempt:backup-cross-region-copy of "plan", reason: legacy; reported as advisory until then\]$/,
        ),
      },
    ]);
    const undecided = await request(env, planStack(UNKNOWN), { "backup-cross-region-copy": {} });
    expect(undecided["backup-cross-region-copy"]).toEqual([
      {
        urn: PLAN_URN,
        message: `${NO_COPY} [exemption undecided, so the finding keeps its level: the tags of "plan" are unknown during preview, so whether a ${TAG} tag exempts it cannot be known]`,
      },
    ]);
  });

  it("reads BACKUP_GUARD_TODAY as the clock; an invalid value is an environment error of every policy", async () => {
    expect(packEnvironment({ BACKUP_GUARD_TODAY: "2025-03-01" }).today?.()).toBe("2025-03-01");
    expect(packEnvironment({}).today?.()).toBe(utcToday());
    expect(packEnvironment({}).environmentError).toBeUndefined();
    const broken = packEnvironment({ BACKUP_GUARD_TODAY: "2025-02-30", PULUMI_CONFIG: "{" });
    expect(broken.environmentError).toMatch(/^PULUMI_CONFIG is not valid JSON \(.*\); BACKUP_GUARD_TODAY is "2025-02-30", not a date written YYYY-MM-DD$/);
    const env = packEnvironment({ BACKUP_GUARD_TODAY: "01/03/2025" });
    for (const id of ["backup-exemptions", "backup-cross-region-copy"]) {
      expect(await runStack(policy(id, env), stackArgs(planStack({ [TAG]: "until=2025-06-30 reason=legacy" })))).toEqual([
        {
          enforcementLevel: "mandatory",
          message: 'backup-guard cannot read its environment, so it fails closed. BACKUP_GUARD_TODAY is "01/03/2025", not a date written YYYY-MM-DD.',
        },
      ]);
    }
    // In Analyze, a broken clock grants no exemption.
    const analyzed = await runResource(policy("backup-cross-region-copy", env), resourceArgs("aws:backup/plan:Plan", "plan", { name: "plan", rules: NO_COPY_RULES, tags: { [TAG]: "until=2025-06-30 reason=legacy" } }));
    expect(analyzed.map((r) => r.enforcementLevel)).toEqual([undefined]);
    expect(String(analyzed[0].message)).toContain('cannot be checked against today\'s date ("01/03/2025" is not a date)');
  });
});

describe("external vaults in the pack", () => {
  const CENTRAL = "arn:aws:backup:eu-central-1:222222222222:backup-vault:central";
  const ENTRY = { arn: CENTRAL, lockMode: "compliance", minRetentionDays: 7, maxRetentionDays: 400, airGapped: false, deniesDeletion: true };
  const UNRESOLVED_LOCK =
    'Cannot prove that vault "central" (outside this stack) is immutable. It receives the copy action of rule "daily" of backup plan "plan": vault "central" is not declared in this stack, so its lock cannot be seen (if it is the organisation\'s vault, declare it with its lock in the backup-external-vaults config). ' +
    "Add an aws.backup.VaultLockConfiguration with changeableForDays set (compliance mode) and minRetentionDays/maxRetentionDays that admit the plan's retention, or use a logically air-gapped vault.";

  function centralStack(): PolicyResource[] {
    const primary = stackResource("aws:backup/vault:Vault", "primary", { name: "primary" });
    const lock = stackResource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "primary-lock", { backupVaultName: "primary", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 });
    const rules = [{ ruleName: "daily", targetVaultName: "primary", lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: CENTRAL, lifecycle: { deleteAfter: 35 } }] }];
    return [primary, lock, stackResource("aws:backup/plan:Plan", "plan", { name: "plan", rules })];
  }

  /** One AnalyzeStack request: the policies in pack order, each with its config. */
  async function request(env: PolicyEnvironment, configs: Record<string, Record<string, unknown>>): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const [id, config] of Object.entries(configs)) {
      out[id] = (await runStack(policy(id, env), stackArgs(centralStack(), config))).map((r) => `${r.enforcementLevel ?? "policy level"}: ${String(r.message)}`);
    }
    return out;
  }

  it("hands the declared vaults to the policies after it in the same request", async () => {
    const env = environment();
    expect(await request(env, { "backup-exemptions": {}, "backup-external-vaults": { vaults: [ENTRY] }, "backup-immutable": {} })).toEqual({
      "backup-exemptions": [],
      "backup-external-vaults": [],
      "backup-immutable": [],
    });
  });

  it("vouches for no vault when its config is invalid, and reports the config error as mandatory", async () => {
    const env = environment();
    expect(await request(env, { "backup-exemptions": {}, "backup-external-vaults": { vaults: [{ ...ENTRY, minRetentionDays: 500 }] }, "backup-immutable": {} })).toEqual({
      "backup-exemptions": [],
      "backup-external-vaults": [
        `mandatory: Invalid configuration for policy backup-external-vaults: the policy did not run and fails closed. backup-external-vaults: config key vaults.0 (${CENTRAL}) has minRetentionDays 500 greater than maxRetentionDays 400. Fix the --policy-pack-config file or the policy group's config.`,
      ],
      "backup-immutable": [`policy level: ${UNRESOLVED_LOCK} [unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]`],
    });
  });

  it("vouches for no vault in a request it did not run for (disabled), even after an earlier request", async () => {
    const env = environment();
    await request(env, { "backup-external-vaults": { vaults: [ENTRY] }, "backup-immutable": {} });
    expect(await request(env, { "backup-immutable": {} })).toEqual({
      "backup-immutable": [`policy level: ${UNRESOLVED_LOCK} [unresolved before deployment; reported at the policy's enforcement level (onUnresolved: mandatory)]`],
    });
  });
});
