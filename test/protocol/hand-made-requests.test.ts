import type { EngineProviderResource, EngineStackResource } from "../../harness/engine-requests";
import { type HandMadeOptions, handMadeResource, useConfiguredPack } from "../support/hand-made-requests";
import { PLACEMENT_POLICIES_ONLY } from "../support/protocol-preview";
import type { JsonObject } from "../../harness/wire-values";

const STRING_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const NUMBER_UNKNOWN = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const STACK_CONFIG = { "aws:region": "eu-west-3" };

const DEFAULT: EngineProviderResource = {
  urn: "urn:pulumi:edge::proj::pulumi:providers:aws::default_7_48_0",
  type: "pulumi:providers:aws",
  name: "default_7_48_0",
  properties: { region: "eu-west-3", version: "7.48.0" },
};
const DR: EngineProviderResource = {
  urn: "urn:pulumi:edge::proj::pulumi:providers:aws::dr",
  type: "pulumi:providers:aws",
  name: "dr",
  properties: { region: "us-west-2", assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::222222222222:role/b" }]), version: "7.48.0" },
};

function resource(type: string, name: string, properties: JsonObject, extra: HandMadeOptions = {}): EngineStackResource {
  return handMadeResource(type, name, properties, DEFAULT, extra);
}

const PLAN = "aws:backup/plan:Plan";
const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

describe("backup-guard on hand-made engine requests", () => {
  const packUnderTest = useConfiguredPack(STACK_CONFIG, PLACEMENT_POLICIES_ONLY);

  const stackLevels = async (resources: EngineStackResource[]) =>
    (await packUnderTest().client.analyzeStack(resources)).diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn.split("::").pop()}`);

  it("fails closed on every policy when AnalyzeStack alone gets a plan whose rules are wholly unknown", async () => {
    const plan = resource(PLAN, "plan", { name: "plan", rules: STRING_UNKNOWN, arn: STRING_UNKNOWN });
    expect(await stackLevels([plan])).toEqual(["mandatory backup-cross-region-copy plan", "mandatory backup-immutable plan", "mandatory backup-offline-copy plan"]);
  });

  it("leaves a lock whose changeableForDays is a number unknown to AnalyzeStack, which fails closed", async () => {
    const lock = resource(LOCK, "lock", { backupVaultName: "v", changeableForDays: NUMBER_UNKNOWN, minRetentionDays: 7 });
    expect((await packUnderTest().client.analyze(lock)).diagnostics).toEqual([]);
    expect(await stackLevels([lock])).toEqual(["mandatory backup-immutable lock"]);
  });

  it("judges secret inputs like plain ones (a secret literal ARN in the plan's region)", async () => {
    const plan = resource(PLAN, "plan", {
      rules: [{ ruleName: "d", targetVaultName: "primary", copyActions: [{ destinationVaultArn: { ...SECRET_SIG, value: "arn:aws:backup:eu-west-3:222222222222:backup-vault:x" } }] }],
    });
    const analyzed = await packUnderTest().client.analyze(plan);
    expect(analyzed.diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName}`)).toEqual(["mandatory backup-cross-region-copy"]);
  });

  it("takes the region from the stack config when a resource comes without provider (e.g. a state file)", async () => {
    const primary = resource(VAULT, "primary", { name: "primary" }, { provider: null });
    const dr = resource(VAULT, "dr", { name: "dr" }, { provider: null });
    const plan = resource(
      PLAN,
      "plan",
      { rules: [{ ruleName: "d", targetVaultName: "primary", copyActions: [{ destinationVaultArn: STRING_UNKNOWN }] }] },
      { provider: null, propertyDependencies: { rules: [primary.urn, dr.urn] } },
    );
    expect(await stackLevels([primary, dr, plan])).toEqual([
      "mandatory backup-cross-region-copy plan",
      "mandatory backup-immutable dr",
      "mandatory backup-immutable primary",
      "mandatory backup-offline-copy plan",
    ]);
  });

  it("reads assumeRoles sent as a JSON string by an explicit provider", async () => {
    const primary = resource(VAULT, "primary", { name: "primary" });
    const primaryLock = resource(LOCK, "primary-lock", { backupVaultName: "primary", changeableForDays: 3, minRetentionDays: 7 }, { propertyDependencies: { backupVaultName: [primary.urn] } });
    const dr = resource(VAULT, "dr", { name: "dr" }, { provider: DR });
    const drLock = resource(LOCK, "dr-lock", { backupVaultName: "dr", changeableForDays: 3, minRetentionDays: 7 }, { provider: DR, propertyDependencies: { backupVaultName: [dr.urn] } });
    const plan = resource(PLAN, "plan", { rules: [{ ruleName: "d", targetVaultName: "primary", copyActions: [{ destinationVaultArn: STRING_UNKNOWN }] }] }, { propertyDependencies: { rules: [primary.urn, dr.urn] } });
    // The source account is not declared (no allowedAccountIds): another account cannot be proven.
    expect(await stackLevels([primary, primaryLock, dr, drLock, plan])).toEqual(["mandatory backup-offline-copy plan"]);
    const declared = { ...DEFAULT, properties: { ...DEFAULT.properties, allowedAccountIds: JSON.stringify(["111111111111"]) } };
    const withAccount = [primary, primaryLock, dr, drLock, plan].map((r) => (r.provider === DEFAULT ? { ...r, provider: declared } : r));
    expect(await stackLevels(withAccount)).toEqual([]);
  });

  it("fails closed on shapes it does not expect, without crashing", async () => {
    const plan = resource(PLAN, "plan", { rules: 42 as unknown as JsonObject[keyof JsonObject] });
    const odd = resource(PLAN, "odd", { rules: [{ ruleName: ["x"], targetVaultName: { a: 1 }, copyActions: [{ destinationVaultArn: 17 }, null] }] });
    const levels = await stackLevels([plan, odd]);
    expect(levels).toEqual([
      "mandatory backup-cross-region-copy odd",
      "mandatory backup-cross-region-copy plan", // rules: 42
      "mandatory backup-immutable odd", // the target vault: targetVaultName is not a string
      "mandatory backup-immutable odd", // copy action 1: destinationVaultArn is not a string
      "mandatory backup-immutable odd", // copy action 2: null
      "mandatory backup-immutable plan",
      "mandatory backup-offline-copy odd",
      "mandatory backup-offline-copy plan",
    ]);
  });

  it("answers a large stack (20 000 unrelated resources around one design) with the same findings", async () => {
    const filler = Array.from({ length: 20_000 }, (_, i) => resource("aws:s3/bucket:Bucket", `bucket-${i}`, { bucket: `bucket-${i}`, tags: { team: "data", index: String(i) } }));
    const plan = resource(PLAN, "plan", { rules: [{ ruleName: "d", targetVaultName: "primary", copyActions: [] }] });
    expect(await stackLevels([...filler, plan])).toEqual([
      "mandatory backup-cross-region-copy plan",
      "mandatory backup-immutable plan",
      "mandatory backup-offline-copy plan",
    ]);
  });
});
