import { AwsPlacement } from "../../policies/aws/placement";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { known, unknown } from "../../policies/core/facts";
import { compareAccounts } from "../../policies/core/protection-model";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const VAULT = AWS_TYPES.backupVault;

describe("AWS placement: region", () => {
  const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
  const placement = new AwsPlacement(b.stackConfig);

  it("takes the resource's region input first", () => {
    const r = b.add(VAULT, "a", { region: "ap-south-1" }, { provider: b.provider("dr", { region: "us-west-2" }) });
    expect(placement.region(r)).toEqual(known("ap-south-1", "region input of a"));
  });

  it("takes an explicit provider's region next", () => {
    const r = b.add(VAULT, "b", {}, { provider: b.provider("dr", { region: "us-west-2" }) });
    expect(placement.region(r)).toEqual(known("us-west-2", "provider dr region"));
  });

  it("takes the stack config's aws:region through the default provider", () => {
    expect(placement.region(b.add(VAULT, "c", {}))).toEqual(known("eu-west-3", "default provider default_7_48_0, stack config aws:region"));
  });

  it("falls back to the stack config when no provider is given (e.g. a state file)", () => {
    const r = { ...b.add(VAULT, "d", {}), provider: undefined };
    expect(placement.region(r)).toEqual(known("eu-west-3", "default provider, stack config aws:region"));
  });

  it("is unknown for an explicit provider without region, and without stack config", () => {
    expect(placement.region(b.add(VAULT, "e", {}, { provider: b.provider("bare", {}) }))).toEqual(
      unknown("provider bare sets no region: it would use AWS_REGION of the deploying environment"),
    );
    const none = new AwsPlacement({});
    expect(none.region({ ...b.add(VAULT, "f", {}), provider: undefined })).toEqual(
      unknown("no aws:region in stack config: the default provider would use AWS_REGION of the deploying environment"),
    );
  });

  it("keeps an unknown region input unknown in Analyze inputs and when computed from another resource", () => {
    const input = b.add(VAULT, "g", { region: UNKNOWN }, { origin: "inputs" });
    expect(placement.region(input)).toEqual(unknown("region input of g is unknown during preview"));
    const other = b.add(VAULT, "other", {});
    const derived = b.add(VAULT, "h", { region: UNKNOWN }, { propertyDependencies: { region: [other] } });
    expect(placement.region(derived).state).toBe("unknown");
  });

  it("reads a planned output region that is unknown only because it is computed as the provider's", () => {
    expect(placement.region(b.add(VAULT, "i", { region: UNKNOWN }))).toEqual(known("eu-west-3", "default provider default_7_48_0, stack config aws:region"));
  });

  it("is unknown when the provider's region is unknown in preview", () => {
    expect(placement.region(b.add(VAULT, "j", {}, { provider: b.provider("late", { region: UNKNOWN }) }))).toEqual(
      unknown("the region of provider late is unknown during preview"),
    );
  });
});

describe("AWS placement: account", () => {
  it("takes the resource's own ARN first", () => {
    const b = new PlannedStackBuilder();
    const r = b.add(VAULT, "a", { arn: "arn:aws:backup:eu-west-3:333333333333:backup-vault:a" });
    expect(new AwsPlacement(b.stackConfig).account(r)).toEqual({ state: "known", accountIds: ["333333333333"], basis: "ARN of a" });
  });

  it("takes the last role of the provider's assumeRoles (a JSON string), or a single assumeRole", () => {
    const b = new PlannedStackBuilder();
    const p = new AwsPlacement(b.stackConfig);
    const chain = b.add(VAULT, "b", {}, { provider: b.provider("x", { assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/a" }, { roleArn: "arn:aws:iam::222222222222:role/b" }] }) });
    expect(p.account(chain)).toEqual({ state: "known", accountIds: ["222222222222"], basis: "provider x assumeRoles[1].roleArn" });
    const single = b.add(VAULT, "c", {}, { provider: b.provider("y", { assumeRole: { roleArn: "arn:aws:iam::444444444444:role/a" } }) });
    expect(p.account(single)).toEqual({ state: "known", accountIds: ["444444444444"], basis: "provider y assumeRoles[0].roleArn" });
  });

  it("takes allowedAccountIds, from stack config for the default provider", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": '["111111111111","555555555555"]' });
    const account = new AwsPlacement(b.stackConfig).account(b.add(VAULT, "d", {}));
    expect(account).toEqual({ state: "known", accountIds: ["111111111111", "555555555555"], basis: "default provider default_7_48_0 allowedAccountIds" });
    expect(compareAccounts(account, { state: "known", accountIds: ["111111111111"], basis: "" })).toBe("undecided");
    expect(compareAccounts(account, { state: "known", accountIds: ["999999999999"], basis: "" })).toBe("different");
  });

  it("treats providers with the same (ambient) credentials as one account, and others as undecided", () => {
    const b = new PlannedStackBuilder();
    const p = new AwsPlacement(b.stackConfig);
    const home = p.account(b.add(VAULT, "e", {}));
    const elsewhere = p.account(b.add(VAULT, "f", {}, { provider: b.provider("west", { region: "us-west-2" }) }));
    const profiled = p.account(b.add(VAULT, "g", {}, { provider: b.provider("prof", { region: "us-west-2", profile: "backup" }) }));
    expect(compareAccounts(home, elsewhere)).toBe("same");
    expect(compareAccounts(home, profiled)).toBe("undecided");
  });

  it("is unknown when the assumed role is unknown in preview", () => {
    const b = new PlannedStackBuilder();
    const r = b.add(VAULT, "h", {}, { provider: b.provider("x", { assumeRoles: [{ roleArn: UNKNOWN }] }) });
    expect(new AwsPlacement(b.stackConfig).account(r)).toEqual({ state: "unknown", basis: "the role provider x assumes is unknown during preview" });
  });

  it("learns nothing from two different literal accounts for the same credentials", () => {
    const b = new PlannedStackBuilder();
    const p = new AwsPlacement(b.stackConfig);
    const s1 = b.add(AWS_TYPES.backupSelection, "s1", { iamRoleArn: "arn:aws:iam::111111111111:role/a" });
    const s2 = b.add(AWS_TYPES.backupSelection, "s2", { iamRoleArn: "arn:aws:iam::222222222222:role/a" });
    const vault = b.add(VAULT, "v", {});
    p.learnAccounts([s1]);
    expect(p.account(vault).state).toBe("known");
    const q = new AwsPlacement(b.stackConfig);
    q.learnAccounts([s1, s2]);
    expect(q.account(vault).state).toBe("principal");
  });
});

describe("AWS placement: identity of providers that only set a region", () => {
  const config = { "aws:region": "eu-west-3", "aws:allowedAccountIds": '["111111111111"]' };

  it("puts a provider that only sets a region in the default provider's allowedAccountIds account (same ambient credentials)", () => {
    const b = new PlannedStackBuilder(config);
    const home = b.add(VAULT, "home", {});
    const fra = b.add(VAULT, "fra-vault", {}, { provider: b.provider("fra", { region: "eu-central-1" }) });
    const p = new AwsPlacement(b.stackConfig);
    p.learnAccounts(b.stack().resources);
    expect(p.account(fra)).toEqual({ state: "known", accountIds: ["111111111111"], basis: "same credentials as default provider default_7_48_0 allowedAccountIds" });
    expect(compareAccounts(p.account(home), p.account(fra))).toBe("same");
  });

  it("puts a provider that assumes a role in another account in that account, whatever the default provider's allowedAccountIds", () => {
    const b = new PlannedStackBuilder(config);
    const home = b.add(VAULT, "home", {});
    const backup = b.add(VAULT, "backup-vault", {}, {
      provider: b.provider("backup", { region: "eu-central-1", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/backup" }] }),
    });
    const p = new AwsPlacement(b.stackConfig);
    p.learnAccounts(b.stack().resources);
    expect(p.account(backup)).toEqual({ state: "known", accountIds: ["222222222222"], basis: "provider backup assumeRoles[0].roleArn" });
    expect(compareAccounts(p.account(home), p.account(backup))).toBe("different");
  });

  it("does not lend the default provider's account to a provider with its own credentials settings", () => {
    const b = new PlannedStackBuilder(config);
    const profiled = b.add(VAULT, "p", {}, { provider: b.provider("prof", { region: "eu-central-1", profile: "backup" }) });
    const p = new AwsPlacement(b.stackConfig);
    p.learnAccounts(b.stack().resources);
    expect(p.account(profiled)).toEqual({ state: "principal", key: '{"profile":"backup"}', basis: "provider prof with credentials profile, no assumeRoles or allowedAccountIds" });
  });

  it("shares an account between two explicit providers with the same profile when one pins allowedAccountIds", () => {
    const b = new PlannedStackBuilder();
    const a = b.add(VAULT, "a", {}, { provider: b.provider("a", { region: "eu-central-1", profile: "ops", allowedAccountIds: ["333333333333"] }) });
    const c = b.add(VAULT, "c", {}, { provider: b.provider("c", { region: "us-east-1", profile: "ops" }) });
    const p = new AwsPlacement(b.stackConfig);
    p.learnAccounts(b.stack().resources);
    expect(p.account(c)).toEqual({ state: "known", accountIds: ["333333333333"], basis: "same credentials as provider a allowedAccountIds" });
    expect(compareAccounts(p.account(a), p.account(c))).toBe("same");
  });

  it("is unknown when an identity setting of a region-only-looking provider is unknown during preview", () => {
    const b = new PlannedStackBuilder(config);
    const r = b.add(VAULT, "u", {}, { provider: b.provider("late", { region: "eu-central-1", profile: UNKNOWN }) });
    const p = new AwsPlacement(b.stackConfig);
    p.learnAccounts(b.stack().resources);
    expect(p.account(r)).toEqual({ state: "unknown", basis: "profile of provider late unknown during preview" });
  });

  it("learns nothing when two providers with the same credentials pin different accounts", () => {
    const b = new PlannedStackBuilder(config);
    b.add(VAULT, "home", {});
    b.add(VAULT, "x", {}, { provider: b.provider("x", { region: "us-east-1", allowedAccountIds: ["444444444444"] }) });
    const fra = b.add(VAULT, "fra-vault", {}, { provider: b.provider("fra", { region: "eu-central-1" }) });
    const p = new AwsPlacement(b.stackConfig);
    p.learnAccounts(b.stack().resources);
    expect(p.account(fra)).toEqual({ state: "principal", key: "{}", basis: "provider fra with ambient credentials, no assumeRoles or allowedAccountIds" });
  });
});
