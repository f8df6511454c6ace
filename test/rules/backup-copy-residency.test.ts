import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedProvider, PlannedResource } from "../../policies/core/planned-stack";
import { backupDesign, BACKUP_ACCOUNT, LONG_PLAN_NAME, PROD_ACCOUNT, longNamedPlanStack } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-copy-residency";
const PLAN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";
const REPLICATION = `urn:pulumi:dev::proj::${AWS_TYPES.s3ReplicationConfig}::replication`;
const SOURCE_BUCKET = `urn:pulumi:dev::proj::${AWS_TYPES.s3Bucket}::source`;
const OTHER_ACCOUNT = "333333333333";
const EU = { allowedRegions: ["eu-*"] };
const BOTH = { allowedRegions: ["eu-*"], allowedAccounts: [PROD_ACCOUNT, BACKUP_ACCOUNT] };

const RESIDENCY =
  "Where backups are kept is a commitment to the data's owner (contracts, rules on transfers of personal data, the data locations DORA asks financial entities to record): a copy moved elsewhere breaks it without anyone noticing.";
const VAULT_REGION_FIX =
  'Create the vault through a provider for an allowed region (e.g. new aws.Provider("eu", { region: "eu-central-1" })) or set its region input, or use a literal destination ARN in an allowed region; if the region is approved, add it to allowedRegions.';
const NATIVE_REGION_FIX =
  'Create the destination (replica bucket, replica file system, snapshot copy) through a provider for an allowed region (e.g. new aws.Provider("eu", { region: "eu-central-1" })) or set its region input, destination.region or the DLM rule\'s target to an allowed region; if the region is approved, add it to allowedRegions.';
const ACCOUNT_RISK =
  "Whoever administers that account can read, move or delete the copies: data handed to another account or provider without consent is data out of control.";
const VAULT_ACCOUNT_FIX =
  "Send the copy into a vault of an allowed account: create the vault through a provider that assumes a role there (assumeRoles) or sets allowedAccountIds, or use a literal destination ARN in an allowed account; if the account is approved, add it to allowedAccounts.";
const PIN_ACCOUNT =
  "Pin the account: set allowedAccountIds (or assumeRoles with a role ARN) on the provider of each store listed, or aws:allowedAccountIds in the stack config for the default provider, or use a literal destination ARN.";

const roleIn = (account: string): JsonValue => [{ roleArn: `arn:aws:iam::${account}:role/backup-admin` }];

/** A provider for the destination vault, in the backup account unless told otherwise. */
function drProvider(props: JsonObject): PlannedProvider {
  return new PlannedStackBuilder().provider("dr", { assumeRoles: roleIn(BACKUP_ACCOUNT), ...props });
}

/** A plan copying from a vault whose ARN is unknown in preview and explained by no resource of the stack. */
function unexplainedDestination(): { builder: PlannedStackBuilder; plan: PlannedResource } {
  const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]) });
  builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
  const plan = builder.add(AWS_TYPES.backupPlan, "plan", {
    name: "plan",
    rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }],
  });
  return { builder, plan };
}

describe("backup-copy-residency: configuration", () => {
  it("does nothing until configured, even for copies abroad or unreadable plans", () => {
    const abroad = backupDesign({ destinationProvider: drProvider({ region: "us-east-1" }) }).builder.stack();
    expect(findingsOf(ID, abroad)).toEqual([]);
    expect(findingsOf(ID, abroad, { allowedRegions: [], allowedAccounts: [], onUnresolved: "mandatory" })).toEqual([]);
    const unreadable = new PlannedStackBuilder();
    unreadable.add(AWS_TYPES.backupPlan, "plan", { rules: UNKNOWN });
    expect(findingsOf(ID, unreadable.stack())).toEqual([]);
    expect(findingsOf(ID, unexplainedDestination().builder.stack())).toEqual([]);
  });

  it("checks only the dimension that is configured", () => {
    const abroad = backupDesign({ destinationProvider: drProvider({ region: "us-east-1" }) }).builder.stack();
    expect(outcomesOf(ID, abroad, { allowedAccounts: [PROD_ACCOUNT, BACKUP_ACCOUNT] })).toEqual([]);
    expect(outcomesOf(ID, abroad, EU)).toEqual(['violation copy-outside-allowed-regions plan rule "daily"']);
  });

  it("refuses an unknown config key, naming it", () => {
    const stack = backupDesign().builder.stack();
    expect(() => findingsOf(ID, stack, { allowedRegion: ["eu-*"] })).toThrow('backup-copy-residency: unknown config key "allowedRegion"');
  });

  it("refuses malformed lists", () => {
    const stack = backupDesign().builder.stack();
    expect(() => findingsOf(ID, stack, { allowedRegions: "eu-*" })).toThrow('backup-copy-residency: config key "allowedRegions" must be array');
    expect(() => findingsOf(ID, stack, { allowedRegions: [42] })).toThrow('backup-copy-residency: config key "allowedRegions.0" must be string');
    expect(() => findingsOf(ID, stack, { allowedRegions: ["EU Frankfurt"] })).toThrow('config key "allowedRegions.0" must match pattern');
    expect(() => findingsOf(ID, stack, { allowedAccounts: ["1234"] })).toThrow('config key "allowedAccounts.0" must match pattern');
    expect(() => findingsOf(ID, stack, { allowedAccounts: { prod: PROD_ACCOUNT } })).toThrow('config key "allowedAccounts" must be array');
    expect(() => findingsOf(ID, stack, { allowedAccounts: ["12345678901"] })).toThrow('config key "allowedAccounts.0" must match pattern');
    expect(() => findingsOf(ID, stack, { allowedAccounts: ["ab12345 ovh"] })).toThrow('config key "allowedAccounts.0" must match pattern');
  });

  it("accepts OVHcloud sites (any case) and OVHcloud account names beside AWS regions and account ids", () => {
    const stack = backupDesign({ destinationProvider: drProvider({ region: "eu-central-1" }) }).builder.stack();
    expect(outcomesOf(ID, stack, { allowedRegions: ["eu-*", "GRA", "sbg", "PAR*"], allowedAccounts: [PROD_ACCOUNT, BACKUP_ACCOUNT, "ab12345-ovh", "*-ovh"] })).toEqual([]);
  });

  it("matches AWS regions whatever the case of the pattern", () => {
    const inEurope = backupDesign({ destinationProvider: drProvider({ region: "eu-central-1" }) }).builder.stack();
    const abroad = backupDesign({ destinationProvider: drProvider({ region: "us-east-1" }) }).builder.stack();
    expect(outcomesOf(ID, inEurope, { allowedRegions: ["EU-*"] })).toEqual([]);
    expect(outcomesOf(ID, abroad, { allowedRegions: ["EU-*"] })).toEqual(['violation copy-outside-allowed-regions plan rule "daily"']);
  });

  it("keeps undecided findings unresolved with onUnresolved advisory (the pack applies the level)", () => {
    const { builder } = unexplainedDestination();
    expect(outcomesOf(ID, builder.stack(), { ...BOTH, onUnresolved: "advisory" })).toEqual([
      'unresolved unresolved-account plan rule "daily"',
      'unresolved unresolved-region plan rule "daily"',
    ]);
  });
});

describe("backup-copy-residency: AWS Backup regions", () => {
  it("flags a copy action into a vault created through a provider in us-east-1", () => {
    const stack = backupDesign({ destinationProvider: drProvider({ region: "us-east-1" }) }).builder.stack();
    expect(findingsOf(ID, stack, EU)).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "copy-outside-allowed-regions",
        subject: 'rule "daily"',
        message:
          'rule "daily" of backup plan "plan" keeps backups in us-east-1, outside the allowed regions. Outside the allowed regions (allowedRegions: "eu-*"): copy action → vault "dr" in us-east-1 (provider dr region). ' +
          `${RESIDENCY} ${VAULT_REGION_FIX}`,
      },
    ]);
  });

  it("passes the same design once the vault is in eu-central-1", () => {
    expect(findingsOf(ID, backupDesign({ destinationProvider: drProvider({ region: "eu-central-1" }) }).builder.stack(), BOTH)).toEqual([]);
  });

  it.each<[string, string[], string[]]>([
    ["exact names and ? globs", ["eu-west-3", "us-west-?"], []],
    ["a single *", ["*"], []],
    ["a glob that misses the copy's region", ["eu-west-3", "us-east-?"], ['violation copy-outside-allowed-regions plan rule "daily"']],
    ["a glob that misses the source's region", ["us-*"], ['violation copy-outside-allowed-regions plan rule "daily"']],
  ])("matches regions against %s", (_label, allowedRegions, expected) => {
    // the default design: source in eu-west-3, copy in us-west-2
    expect(outcomesOf(ID, backupDesign().builder.stack(), { allowedRegions })).toEqual(expected);
  });

  it("flags the source vault when it is outside the allowed regions, naming it", () => {
    const builder = new PlannedStackBuilder({ "aws:region": "us-east-1" });
    const source = builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = builder.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: drProvider({ region: "eu-central-1" }) });
    builder.add(
      AWS_TYPES.backupPlan,
      "plan",
      { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
      { propertyDependencies: { rules: [source, dr] } },
    );
    expect(findingsOf(ID, builder.stack(), EU)).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "copy-outside-allowed-regions",
        subject: 'rule "daily"',
        message:
          'rule "daily" of backup plan "plan" keeps backups in us-east-1, outside the allowed regions. Outside the allowed regions (allowedRegions: "eu-*"): recovery points in source vault "primary" in us-east-1 (default provider default_7_48_0, stack config aws:region). ' +
          `${RESIDENCY} ${VAULT_REGION_FIX}`,
      },
    ]);
  });

  it("judges the source vault of a rule without copy actions (copyActions omitted)", () => {
    const build = (region: string): PlannedStackBuilder => {
      const builder = new PlannedStackBuilder({ "aws:region": region });
      builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
      builder.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary" }] });
      return builder;
    };
    expect(outcomesOf(ID, build("us-east-1").stack(), EU)).toEqual(['violation copy-outside-allowed-regions plan rule "daily"']);
    expect(outcomesOf(ID, build("eu-west-3").stack(), EU)).toEqual([]);
  });

  it("lists every place outside the allowed regions in one finding per rule", () => {
    const builder = new PlannedStackBuilder({ "aws:region": "us-east-1" });
    builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    builder.add(AWS_TYPES.backupPlan, "plan", {
      name: "plan",
      rules: [
        {
          ruleName: "daily",
          targetVaultName: "primary",
          copyActions: [
            { destinationVaultArn: `arn:aws:backup:ap-south-1:${BACKUP_ACCOUNT}:backup-vault:far` },
            { destinationVaultArn: `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:near` },
          ],
        },
      ],
    });
    const [finding, ...rest] = findingsOf(ID, builder.stack(), EU);
    expect(rest).toEqual([]);
    expect(finding.message).toContain(
      'recovery points in source vault "primary" in us-east-1 (default provider default_7_48_0, stack config aws:region); ' +
        `copy action 1 → vault "far" (outside this stack) in ap-south-1 (destination ARN arn:aws:backup:ap-south-1:${BACKUP_ACCOUNT}:backup-vault:far). `,
    );
    expect(finding.message).not.toContain('"near"');
  });

  it("flags a literal destination ARN outside the allowed regions, also on the plan alone (Analyze)", () => {
    const b = backupDesign({ destinationArn: `arn:aws:backup:us-east-1:${BACKUP_ACCOUNT}:backup-vault:x` });
    expect(outcomesOf(ID, b.builder.stack(), BOTH)).toEqual(['violation copy-outside-allowed-regions plan rule "daily"']);
    expect(outcomesOf(ID, b.builder.single(b.plan), BOTH)).toEqual(['violation copy-outside-allowed-regions plan rule "daily"']);
    const fixed = backupDesign({ destinationArn: `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:x` });
    expect(outcomesOf(ID, fixed.builder.single(fixed.plan), BOTH)).toEqual([]);
  });

  it("judges a logically air-gapped destination vault like any other", () => {
    expect(outcomesOf(ID, backupDesign({ destinationAirGapped: true }).builder.stack(), EU)).toEqual(['violation copy-outside-allowed-regions plan rule "daily"']);
    const fixed = backupDesign({ destinationAirGapped: true, destinationProvider: drProvider({ region: "eu-north-1" }) });
    expect(outcomesOf(ID, fixed.builder.stack(), EU)).toEqual([]);
  });

  it("reports a destination ARN unknown in preview and explained by no vault of the stack as unresolved", () => {
    const { builder, plan } = unexplainedDestination();
    const expected = [
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unresolved-region",
        subject: 'rule "daily"',
        message:
          'cannot prove that rule "daily" of backup plan "plan" keeps backups in the allowed regions. Undecided for the allowed regions (allowedRegions: "eu-*"): ' +
          "copy action → the vault at rules[0].copyActions[0].destinationVaultArn in unknown region (rules[0].copyActions[0].destinationVaultArn is unknown during preview and is not computed from any vault in this stack). " +
          "Give the vault a provider with an explicit region, or use a literal destination ARN.",
      },
    ];
    expect(findingsOf(ID, builder.stack(), EU)).toEqual(expected);
    expect(findingsOf(ID, builder.single(plan), EU)).toEqual(expected);
  });

  it("reports a destination vault whose provider's region is unknown in preview as unresolved (reached through propertyDependencies)", () => {
    const stack = backupDesign({ destinationProvider: drProvider({ region: UNKNOWN }) }).builder.stack();
    const [finding, ...rest] = findingsOf(ID, stack, EU);
    expect(rest).toEqual([]);
    expect([finding.outcome, finding.code]).toEqual(["unresolved", "unresolved-region"]);
    expect(finding.message).toContain(
      'copy action → vault "dr" in unknown region (the region of provider dr is unknown during preview); rules[0].copyActions[0].destinationVaultArn is unknown during preview and resolved through propertyDependencies.rules to this vault.',
    );
  });

  it("decides a destination that may be one of several vaults only when every candidate agrees", () => {
    const build = (regions: readonly string[]): PlannedStackBuilder => {
      const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
      const source = builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
      const candidates = regions.map((region, i) =>
        builder.add(AWS_TYPES.backupVault, `dr${i}`, { name: `dr${i}` }, { provider: builder.provider(`p${i}`, { region }) }),
      );
      builder.add(
        AWS_TYPES.backupPlan,
        "plan",
        { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
        { propertyDependencies: { rules: [source, ...candidates] } },
      );
      return builder;
    };
    expect(outcomesOf(ID, build(["eu-central-1", "us-east-1"]).stack(), EU)).toEqual(['unresolved ambiguous-destination plan rule "daily"']);
    expect(outcomesOf(ID, build(["eu-central-1", "eu-north-1"]).stack(), EU)).toEqual([]);
  });

  it("reports a plan whose rules are unknown in preview as unreadable", () => {
    const builder = new PlannedStackBuilder();
    builder.add(AWS_TYPES.backupPlan, "plan", { rules: UNKNOWN });
    expect(findingsOf(ID, builder.stack(), { ...EU, allowedAccounts: [PROD_ACCOUNT] })).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unreadable-route",
        subject: "rules",
        message:
          'cannot check backup plan "plan": its rules are unknown during preview. Backups and copies must stay in the allowed regions "eu-*" and accounts "111111111111"; give their destinations literal values so that they can be checked before the deployment runs.',
      },
    ]);
  });

  const UNDECIDED = ['unresolved unresolved-account plan rule "daily"', 'unresolved unresolved-region plan rule "daily"'];
  it.each<[string, JsonValue, string[]]>([
    ["rules that are not a list", "daily", ["unresolved unreadable-route plan rules"]],
    ["copy actions that are not a list", [{ ruleName: "daily", targetVaultName: "primary", copyActions: "dr" }], ['unresolved unreadable-route plan rule "daily"']],
    ["a destination ARN that is a number", [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: 42 }] }], UNDECIDED],
    ["a destination ARN that is not an ARN", [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: "dr" }] }], UNDECIDED],
    ["a rule that is not an object", ["daily"], ["unresolved unreadable-route plan rules[0]"]],
  ])("fails closed, never throws, on %s", (_label, rules, expected) => {
    const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]) });
    builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    builder.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules });
    expect(outcomesOf(ID, builder.stack(), BOTH)).toEqual(expected);
  });
});

describe("backup-copy-residency: AWS Backup accounts", () => {
  it("flags a copy into an account reached through the provider's assumeRoles", () => {
    expect(findingsOf(ID, backupDesign().builder.stack(), { allowedAccounts: [PROD_ACCOUNT] })).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "copy-outside-allowed-accounts",
        subject: 'rule "daily"',
        message:
          'rule "daily" of backup plan "plan" keeps backups in account 222222222222, outside the allowed accounts. Outside the allowed accounts (allowedAccounts: "111111111111"): copy action → vault "dr" in account 222222222222 (provider dr assumeRoles[0].roleArn). ' +
          `${ACCOUNT_RISK} ${VAULT_ACCOUNT_FIX}`,
      },
    ]);
  });

  it("passes when every account is allowed, by id or by glob", () => {
    const stack = backupDesign().builder.stack();
    expect(findingsOf(ID, stack, { allowedAccounts: [PROD_ACCOUNT, BACKUP_ACCOUNT] })).toEqual([]);
    expect(findingsOf(ID, stack, { allowedAccounts: ["1111111111??", "2222*"] })).toEqual([]);
  });

  it("reads the account of a literal destination ARN", () => {
    const foreign = backupDesign({ destinationArn: `arn:aws:backup:eu-central-1:${OTHER_ACCOUNT}:backup-vault:x` });
    const [finding, ...rest] = findingsOf(ID, foreign.builder.stack(), BOTH);
    expect(rest).toEqual([]);
    expect([finding.outcome, finding.code]).toEqual(["violation", "copy-outside-allowed-accounts"]);
    expect(finding.message).toContain(
      `copy action → vault "x" (outside this stack) in account ${OTHER_ACCOUNT} (destination ARN arn:aws:backup:eu-central-1:${OTHER_ACCOUNT}:backup-vault:x).`,
    );
    expect(outcomesOf(ID, foreign.builder.single(foreign.plan), BOTH)).toEqual(['violation copy-outside-allowed-accounts plan rule "daily"']);
    const own = backupDesign({ destinationArn: `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:x` });
    expect(outcomesOf(ID, own.builder.stack(), BOTH)).toEqual([]);
  });

  it("reports ambient credentials (no account setting anywhere) as unresolved", () => {
    const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const source = builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const dr = builder.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: builder.provider("dr", { region: "eu-central-1" }) });
    builder.add(
      AWS_TYPES.backupPlan,
      "plan",
      { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
      { propertyDependencies: { rules: [source, dr] } },
    );
    const findings = findingsOf(ID, builder.stack(), BOTH);
    expect(findings).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unresolved-account",
        subject: 'rule "daily"',
        message: expect.stringMatching(/^cannot prove that rule "daily" of backup plan "plan" keeps backups in the allowed accounts\. Undecided for the allowed accounts \(allowedAccounts: "111111111111", "222222222222"\): /) as string,
      },
    ]);
    expect(findings[0].message).toContain('recovery points in source vault "primary" in the deploying account (default provider default_7_48_0 with ambient credentials');
    expect(findings[0].message).toContain('copy action → vault "dr" in the deploying account (provider dr');
    expect(findings[0].message.endsWith(PIN_ACCOUNT)).toBe(true);
    // only regions configured: the account does not matter
    expect(findingsOf(ID, builder.stack(), EU)).toEqual([]);
  });

  it("reports a provider that may run in several accounts, not all allowed, as unresolved", () => {
    const provider = drProvider({ region: "eu-central-1", assumeRoles: [], allowedAccountIds: [BACKUP_ACCOUNT, OTHER_ACCOUNT] });
    const [finding, ...rest] = findingsOf(ID, backupDesign({ destinationProvider: provider }).builder.stack(), BOTH);
    expect(rest).toEqual([]);
    expect([finding.outcome, finding.code]).toEqual(["unresolved", "unresolved-account"]);
    expect(finding.message).toContain(`copy action → vault "dr" in account ${BACKUP_ACCOUNT} or ${OTHER_ACCOUNT} (provider dr allowedAccountIds), not all of them allowed;`);
  });
});

/** A source bucket in eu-west-3 replicated into a bucket created through `provider`; `status` of the rule. */
function replication(provider: (b: PlannedStackBuilder) => PlannedProvider, status: string = "Enabled", destination: JsonObject = {}): PlannedStackBuilder {
  const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]) });
  const replica = builder.add(AWS_TYPES.s3Bucket, "replica", { bucket: "rep" }, { provider: provider(builder) });
  const source = builder.add(AWS_TYPES.s3Bucket, "source", { bucket: "src" });
  builder.add(
    AWS_TYPES.s3ReplicationConfig,
    "replication",
    { bucket: UNKNOWN, role: `arn:aws:iam::${PROD_ACCOUNT}:role/replication`, rules: [{ id: "to-dr", status, destination: { bucket: UNKNOWN, ...destination } }] },
    { propertyDependencies: { bucket: [source], rules: [replica] } },
  );
  return builder;
}

describe("backup-copy-residency: native copies", () => {
  it("flags S3 replication into a bucket in another region, on the replication configuration", () => {
    const stack = replication((b) => b.provider("us", { region: "us-east-1", allowedAccountIds: [PROD_ACCOUNT] })).stack();
    expect(findingsOf(ID, stack, EU)).toEqual([
      {
        ruleId: ID,
        urn: REPLICATION,
        outcome: "violation",
        code: "copy-outside-allowed-regions",
        subject: 'replication rule "to-dr"',
        message:
          'replication rule "to-dr" of replication configuration "replication" of bucket "source" keeps copies in us-east-1, outside the allowed regions. Outside the allowed regions (allowedRegions: "eu-*"): replica → bucket "replica" in us-east-1 (provider us region). ' +
          `${RESIDENCY} ${NATIVE_REGION_FIX}`,
      },
    ]);
  });

  it("passes replication into an allowed region, and never judges the source bucket (the primary itself)", () => {
    const eu = (b: PlannedStackBuilder): PlannedProvider => b.provider("dr", { region: "eu-central-1", assumeRoles: roleIn(BACKUP_ACCOUNT) });
    expect(findingsOf(ID, replication(eu).stack(), BOTH)).toEqual([]);
    // the source bucket lives in eu-west-3, outside this list: only where its copy goes is judged
    expect(findingsOf(ID, replication(eu).stack(), { allowedRegions: ["eu-central-1"] })).toEqual([]);
  });

  it("flags replication into an account that is not allowed", () => {
    const backup = (b: PlannedStackBuilder): PlannedProvider => b.provider("dr", { region: "eu-central-1", assumeRoles: roleIn(OTHER_ACCOUNT) });
    const [finding, ...rest] = findingsOf(ID, replication(backup).stack(), BOTH);
    expect(rest).toEqual([]);
    expect([finding.urn, finding.outcome, finding.code]).toEqual([REPLICATION, "violation", "copy-outside-allowed-accounts"]);
    expect(finding.message).toContain(`replica → bucket "replica" in account ${OTHER_ACCOUNT} (provider dr assumeRoles[0].roleArn)`);
    expect(finding.message).toContain("Send the copy into an allowed account: create the destination through a provider that assumes a role there");
  });

  it("reports a replica bucket outside the stack (S3 ARNs carry no region) as unresolved", () => {
    const builder = new PlannedStackBuilder();
    builder.add(AWS_TYPES.s3Bucket, "source", {
      bucket: "src",
      replicationConfiguration: { role: `arn:aws:iam::${PROD_ACCOUNT}:role/replication`, rules: [{ id: "to-dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] },
    });
    const [finding, ...rest] = findingsOf(ID, builder.stack(), EU);
    expect(rest).toEqual([]);
    expect([finding.urn, finding.outcome, finding.code, finding.subject]).toEqual([SOURCE_BUCKET, "unresolved", "unresolved-region", 'replication rule "to-dr"']);
    expect(finding.message).toContain('replica → bucket "elsewhere" (outside this stack) in unknown region (bucket "elsewhere" is not declared in this stack and S3 bucket ARNs carry no region)');
    expect(finding.message).toContain("Give the destination a provider with an explicit region (or a region input), or declare the destination in this stack.");
  });

  it("reports a replication rule whose status is unknown in preview as unresolved, not as a violation", () => {
    const stack = replication((b) => b.provider("us", { region: "us-east-1" }), UNKNOWN).stack();
    const [finding, ...rest] = findingsOf(ID, stack, EU);
    expect(rest).toEqual([]);
    expect([finding.outcome, finding.code]).toEqual(["unresolved", "copy-outside-allowed-regions"]);
    expect(finding.message).toMatch(/^replication rule "to-dr" of replication configuration "replication" of bucket "source" keeps copies in us-east-1, outside the allowed regions\. This holds only if the route is in effect, which it may not be \(the status of .* is unknown during preview\)\. Outside the allowed regions \(allowedRegions: "eu-\*"\): /);
  });

  it("does not judge a disabled replication rule", () => {
    expect(findingsOf(ID, replication((b) => b.provider("us", { region: "us-east-1" }), "Disabled").stack(), EU)).toEqual([]);
  });

  it("flags an RDS snapshot copy made into a region that is not allowed", () => {
    const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]) });
    const snapshot = builder.add(AWS_TYPES.rdsSnapshot, "snap", { dbInstanceIdentifier: "db", dbSnapshotIdentifier: "snap" });
    builder.add(
      AWS_TYPES.rdsSnapshotCopy,
      "copy",
      { sourceDbSnapshotIdentifier: UNKNOWN, targetDbSnapshotIdentifier: "snap-copy", destinationRegion: "us-east-1" },
      { propertyDependencies: { sourceDbSnapshotIdentifier: [snapshot] } },
    );
    const [finding, ...rest] = findingsOf(ID, builder.stack(), EU);
    expect(rest).toEqual([]);
    expect([finding.urn, finding.outcome, finding.code]).toEqual([`urn:pulumi:dev::proj::${AWS_TYPES.rdsSnapshotCopy}::copy`, "violation", "copy-outside-allowed-regions"]);
    expect(finding.message).toContain('snapshot copy → snapshot copy "copy" in us-east-1 (destinationRegion)');
  });
});

describe("backup-copy-residency: a long plan name", () => {
  it("names the plan rule by itself in the first sentence and the route in full after it", () => {
    const long = LONG_PLAN_NAME;
    expect(findingsOf(ID, longNamedPlanStack(), EU)).toEqual([
      {
        ruleId: ID,
        urn: `urn:pulumi:dev::proj::aws:backup/plan:Plan::${long}`,
        outcome: "violation",
        code: "copy-outside-allowed-regions",
        subject: 'rule "daily"',
        message:
          `rule "daily" keeps backups in us-east-1, outside the allowed regions. Route: rule "daily" of backup plan "${long}". ` +
          `Outside the allowed regions (allowedRegions: "eu-*"): copy action → vault "dr" in us-east-1 (provider us region). ${RESIDENCY} ${VAULT_REGION_FIX}`,
      },
    ]);
  });
});
