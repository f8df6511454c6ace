import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedResource } from "../../policies/core/planned-stack";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../policies/core/unknowns";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { BackupDesign, BuiltDesign, backupDesign } from "../support/aws-backup-fixtures";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-deletion-protection";
const DR = "urn:pulumi:dev::proj::aws:backup/vault:Vault::dr";
const PRIMARY = "urn:pulumi:dev::proj::aws:backup/vault:Vault::primary";
const POLICY = "urn:pulumi:dev::proj::aws:backup/vaultPolicy:VaultPolicy::dr-policy";
const DB = "urn:pulumi:dev::proj::aws:rds/instance:Instance::db";
const POLICY_FIX =
  'Attach an aws.backup.VaultPolicy to the vault (backupVaultName: the vault\'s name) whose policy denies both actions to every principal, without Condition: { Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }.';

const DENY_BOTH: JsonObject = { Sid: "DenyDeletion", Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" };

function without(statement: JsonObject, key: string): JsonObject {
  const copy = { ...statement };
  delete copy[key];
  return copy;
}

function document(...statements: JsonValue[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The AWS Backup design (copy to vault "dr" in us-west-2, backup account) plus a vault policy. */
function withPolicy(
  policy: JsonValue | undefined,
  options: { design?: BackupDesign; backupVaultName?: JsonValue; byReference?: boolean; provider?: "dr" | "default"; props?: JsonObject } = {},
): BuiltDesign {
  // A governance-mode lock: the policy is the only thing that stops deletion (a compliance lock is tested apart).
  const built = backupDesign({ destinationLock: "governance", ...options.design });
  if (policy === undefined) return built;
  const provider = options.provider === "default" ? built.builder.defaultProvider : built.destination.provider;
  built.builder.add(
    AWS_TYPES.backupVaultPolicy,
    "dr-policy",
    { backupVaultName: options.backupVaultName ?? "dr", policy, ...options.props },
    { provider, propertyDependencies: options.byReference === false ? {} : { backupVaultName: [built.destination] } },
  );
  return built;
}

function outcomes(policy: JsonValue | undefined, options: Parameters<typeof withPolicy>[1] = {}, config: Record<string, unknown> = {}): string[] {
  return outcomesOf(ID, withPolicy(policy, options).builder.stack(), config);
}

describe("backup-deletion-protection: vaults holding copies", () => {
  it("flags a copy vault that no vault access policy protects", () => {
    expect(findingsOf(ID, withPolicy(undefined).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: DR,
        outcome: "violation",
        code: "no-vault-policy",
        subject: "",
        message:
          'Vault "dr" has no access policy that denies deleting its recovery points. It holds copies of rule "daily" of backup plan "plan", but no aws.backup.VaultPolicy in this stack attaches to it: anyone allowed backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle in its account (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention. ' +
          POLICY_FIX,
      },
    ]);
  });

  it("passes a policy that denies both actions to everyone, attached by reference or by literal name", () => {
    expect(outcomes(document(DENY_BOTH))).toEqual([]);
    expect(outcomes(document(DENY_BOTH), { byReference: false })).toEqual([]);
  });

  it("accepts wildcards, a string Action, separate statements, { AWS: \"*\" }, a single Statement object and a secret document", () => {
    expect(outcomes(document({ ...DENY_BOTH, Action: "backup:*" }))).toEqual([]);
    expect(outcomes(document({ ...DENY_BOTH, Action: "*" }))).toEqual([]);
    expect(outcomes(document({ ...DENY_BOTH, Action: ["backup:delete*", "backup:Update*"] }))).toEqual([]);
    expect(
      outcomes(document({ ...DENY_BOTH, Action: "backup:DeleteRecoveryPoint" }, { ...DENY_BOTH, Sid: "Lifecycle", Action: "backup:UpdateRecoveryPointLifecycle", Principal: { AWS: ["*"] } })),
    ).toEqual([]);
    expect(outcomes(JSON.stringify({ Version: "2012-10-17", Statement: DENY_BOTH }))).toEqual([]);
    expect(outcomes({ [SPECIAL_SIG_KEY]: SECRET_SIG, value: document(DENY_BOTH) })).toEqual([]);
    expect(outcomes(document({ ...DENY_BOTH, Resource: ["arn:aws:backup:us-west-2:222222222222:recovery-point:*", "arn:aws:*"] }))).toEqual([]);
    // Allow statements next to the Deny change nothing.
    expect(outcomes(document({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "backup:*", Resource: "*" }, DENY_BOTH))).toEqual([]);
  });

  it("flags a policy that leaves an action undenied, on the policy, saying what is missing", () => {
    expect(findingsOf(ID, withPolicy(document({ ...DENY_BOTH, Action: "backup:DeleteRecoveryPoint" })).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: POLICY,
        outcome: "violation",
        code: "vault-policy-allows-deletion",
        subject: 'vault "dr"',
        message:
          'Vault policy "dr-policy" does not protect the recovery points in vault "dr". The vault holds copies of rule "daily" of backup plan "plan"; the policy (backupVaultName computed from vault "dr"): ' +
          "no statement denies backup:UpdateRecoveryPointLifecycle to every principal, on every recovery point, without condition. " +
          `Any principal it does not deny (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention. ${POLICY_FIX}`,
      },
    ]);
  });

  it("flags a Condition, which exempts principals, and points to a compliance-mode lock as the alternative", () => {
    const conditioned = { ...DENY_BOTH, Condition: { StringNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/break-glass" } } };
    expect(findingsOf(ID, withPolicy(document(conditioned)).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: POLICY,
        outcome: "violation",
        code: "vault-policy-allows-deletion",
        subject: 'vault "dr"',
        message:
          'Vault policy "dr-policy" does not protect the recovery points in vault "dr". The vault holds copies of rule "daily" of backup plan "plan"; the policy (backupVaultName computed from vault "dr"): ' +
          "no statement denies backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle to every principal, on every recovery point, without condition; " +
          'statement "DenyDeletion" denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle, but it has a Condition, which exempts every principal and request that does not match it ' +
          "(drop the Condition; if some principal must keep the right, lock the vault in compliance mode instead, with an aws.backup.VaultLockConfiguration with changeableForDays, which binds even the root user). " +
          `Any principal it does not deny (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention. ${POLICY_FIX}`,
      },
    ]);
    // An empty Condition block exempts nobody.
    expect(outcomes(document({ ...DENY_BOTH, Condition: {} }))).toEqual([]);
  });

  it("flags denials limited to some principals, NotPrincipal, NotAction, NotResource, a narrow Resource, or Allow only", () => {
    const flagged = ['violation vault-policy-allows-deletion dr-policy vault "dr"'];
    expect(outcomes(document({ ...DENY_BOTH, Principal: { AWS: "arn:aws:iam::111111111111:root" } }))).toEqual(flagged);
    expect(outcomes(document({ ...DENY_BOTH, Principal: { Service: "backup.amazonaws.com" } }))).toEqual(flagged);
    const noPrincipal = without(DENY_BOTH, "Principal");
    expect(outcomes(document({ ...noPrincipal, NotPrincipal: { AWS: "arn:aws:iam::111111111111:role/admin" } }))).toEqual(flagged);
    expect(outcomes(document(noPrincipal))).toEqual(flagged);
    const noAction = without(DENY_BOTH, "Action");
    expect(outcomes(document({ ...noAction, NotAction: ["backup:StartBackupJob"] }))).toEqual(flagged);
    const noResource = without(DENY_BOTH, "Resource");
    expect(outcomes(document({ ...noResource, NotResource: "arn:aws:backup:*:*:recovery-point:keep" }))).toEqual(flagged);
    expect(outcomes(document({ ...DENY_BOTH, Resource: "arn:aws:backup:us-west-2:222222222222:recovery-point:*" }))).toEqual(flagged);
    expect(outcomes(document({ ...DENY_BOTH, Effect: "Allow" }))).toEqual(flagged);
    expect(outcomes(document({ ...DENY_BOTH, Action: "backup:StartBackupJob" }))).toEqual(flagged);
  });

  it("accepts a recovery-point ARN pattern in a logically air-gapped vault, which holds AWS Backup recovery points only", () => {
    const narrow = document({ ...DENY_BOTH, Resource: "arn:aws:backup:*:*:recovery-point:*" });
    expect(outcomes(narrow, { design: { destinationAirGapped: true } })).toEqual([]);
    // Logically air-gapped: locked in compliance mode by design, so a missing policy is a smaller, advisory gap.
    expect(outcomes(undefined, { design: { destinationAirGapped: true } })).toEqual(["advisory no-vault-policy dr"]);
  });

  it("reports a policy document unknown in preview as unresolved, advising Resource \"*\"", () => {
    expect(findingsOf(ID, withPolicy(UNKNOWN).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: POLICY,
        outcome: "unresolved",
        code: "unresolved-vault-policy",
        subject: 'vault "dr"',
        message:
          'Cannot check that vault policy "dr-policy" protects the recovery points in vault "dr". The vault holds copies of rule "daily" of backup plan "plan"; the policy (backupVaultName computed from vault "dr"): ' +
          "its policy document is unknown during preview (it is built from values computed during the deployment, e.g. with pulumi.jsonStringify or pulumi.interpolate of the vault's ARN). " +
          'Write the document without values computed during the deployment, with Resource: "*" instead of the vault\'s ARN (a vault access policy applies to its own vault only), so that it is known during preview: ' +
          'policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }] }).',
      },
    ]);
    const unknownIn = ['unresolved unresolved-vault-policy dr-policy vault "dr"'];
    expect(outcomes(document({ ...DENY_BOTH, Resource: UNKNOWN }))).toEqual(unknownIn);
    expect(outcomes(document({ ...DENY_BOTH, Principal: UNKNOWN }))).toEqual(unknownIn);
    expect(outcomes(document({ ...DENY_BOTH, Action: [UNKNOWN] }))).toEqual(unknownIn);
    expect(outcomes(JSON.stringify({ Version: "2012-10-17", Statement: UNKNOWN }))).toEqual(unknownIn);
    // A known statement that denies both settles it whatever the unknown one says.
    expect(outcomes(document(DENY_BOTH, { Effect: UNKNOWN, Action: "backup:*", Principal: "*", Resource: "*" }))).toEqual([]);
  });

  it("reports a vault policy whose backupVaultName is unknown and not computed from a vault as unresolved on the copy vault", () => {
    expect(findingsOf(ID, withPolicy(document(DENY_BOTH), { backupVaultName: UNKNOWN, byReference: false }).builder.stack())).toEqual([
      {
        ruleId: ID,
        urn: DR,
        outcome: "unresolved",
        code: "unresolved-vault-policy",
        subject: "",
        message:
          'Cannot tell whether an access policy protects the recovery points in vault "dr". It holds copies of rule "daily" of backup plan "plan": ' +
          'the backupVaultName of vault policy "dr-policy" is unknown during preview and is not computed from any vault in this stack. ' +
          `Set the policy's backupVaultName from the vault (backupVaultName: vault.name) or to its literal name. ${POLICY_FIX}`,
      },
    ]);
    // Computed from the vault: resolved through propertyDependencies.
    expect(outcomes(document(DENY_BOTH), { backupVaultName: UNKNOWN })).toEqual([]);
  });

  it("does not attach a policy named after the vault but created in another region or account; a region input can place it", () => {
    expect(outcomes(document(DENY_BOTH), { byReference: false, provider: "default" })).toEqual(["violation no-vault-policy dr"]);
    // The region input moves it to the vault's region, but the default provider deploys into the production account.
    expect(outcomes(document(DENY_BOTH), { byReference: false, provider: "default", props: { region: "us-west-2" } })).toEqual(["violation no-vault-policy dr"]);
    // Same credentials (no account settings), and the region input places it with the vault.
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const west = b.provider("west", { region: "us-west-2" });
    b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    b.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: west });
    b.add(AWS_TYPES.backupPlan, "plan", {
      name: "plan",
      rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: "arn:aws:backup:us-west-2:111111111111:backup-vault:dr" }] }],
    });
    const policy = (props: JsonObject) => {
      const stack = b.stack();
      const extra = new PlannedStackBuilder(b.stackConfig).add(AWS_TYPES.backupVaultPolicy, "dr-policy", { backupVaultName: "dr", policy: document(DENY_BOTH), ...props });
      return outcomesOf(ID, { ...stack, resources: [...stack.resources, extra] });
    };
    expect(policy({ region: "us-west-2" })).toEqual([]);
    expect(policy({})).toEqual(["violation no-vault-policy dr"]);
  });

  it("never throws on malformed documents: not JSON, not an object, a Statement that is not a list, odd statements", () => {
    const flagged = ['violation vault-policy-allows-deletion dr-policy vault "dr"'];
    const shapes: JsonValue[] = [
      "{ not json",
      "[]",
      "42",
      JSON.stringify({ Version: "2012-10-17" }),
      JSON.stringify({ Statement: "Deny everything" }),
      document("Deny", 7, null),
      document({ ...DENY_BOTH, Action: { backup: "*" } }),
      document({ ...DENY_BOTH, Resource: 5 }),
      12,
    ];
    for (const shape of shapes) expect(outcomes(shape)).toEqual(flagged);
    const messages = findingsOf(ID, withPolicy("{ not json").builder.stack()).map((f) => f.message);
    expect(messages[0]).toContain("its policy is not valid JSON");
    expect(findingsOf(ID, withPolicy(JSON.stringify({ Statement: "Deny everything" })).builder.stack())[0].message).toContain(
      'the Statement of its policy document is neither a list nor an object ("Deny everything")',
    );
  });

  it("judges every policy attached to the vault: AWS keeps only the last one applied", () => {
    const built = withPolicy(document(DENY_BOTH));
    built.builder.add(
      AWS_TYPES.backupVaultPolicy,
      "dr-policy-2",
      { backupVaultName: "dr", policy: document({ ...DENY_BOTH, Action: "backup:DeleteRecoveryPoint" }) },
      { provider: built.destination.provider },
    );
    expect(outcomesOf(ID, built.builder.stack())).toEqual(['violation vault-policy-allows-deletion dr-policy-2 vault "dr"']);
  });

  describe("a copy vault locked in compliance mode (created through the backup account's provider)", () => {
    const locked = { design: { destinationLock: "compliance" as const } };
    const GAP =
      'its compliance-mode lock (vault lock "dr-lock") already stops anyone, the root user included, from deleting its recovery points before their retention ends or shortening it below the lock\'s minimum. ' +
      "What remains open: anyone allowed backup:UpdateRecoveryPointLifecycle in its account (an administrator, or ransomware using their credentials) can still shorten the retention of its recovery points down to the lock's minimum of 7 days (minRetentionDays), and delete them once that has passed";

    it("reports a missing deletion-denying policy as advisory, saying what the lock leaves open", () => {
      expect(findingsOf(ID, withPolicy(undefined, locked).builder.stack())).toEqual([
        {
          ruleId: ID,
          urn: DR,
          outcome: "advisory",
          code: "no-vault-policy",
          subject: "",
          message: `Vault "dr" has no access policy that denies shortening the retention of its recovery points. It holds copies of rule "daily" of backup plan "plan", and no aws.backup.VaultPolicy in this stack attaches to it; ${GAP}. ${POLICY_FIX}`,
        },
      ]);
    });

    it("reports a policy that does not deny deletion as advisory too, and passes one that does", () => {
      const allowOnly = document({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "backup:CopyIntoBackupVault", Resource: "*" });
      expect(outcomes(allowOnly, locked)).toEqual(['advisory vault-policy-allows-deletion dr-policy vault "dr"']);
      expect(findingsOf(ID, withPolicy(allowOnly, locked).builder.stack())[0].message).toMatch(/\. Its compliance-mode lock \(vault lock "dr-lock"\) already stops anyone/);
      expect(outcomes(document(DENY_BOTH), locked)).toEqual([]);
    });

    it("keeps the violation when the lock is in governance mode or its mode is unknown in preview", () => {
      expect(outcomes(undefined, { design: { destinationLock: "governance" } })).toEqual(["violation no-vault-policy dr"]);
      const built = withPolicy(undefined, { design: { destinationLock: "none" } });
      built.builder.add(AWS_TYPES.backupVaultLockConfiguration, "dr-lock", { backupVaultName: "dr", changeableForDays: UNKNOWN, minRetentionDays: 7 }, { provider: built.destination.provider, propertyDependencies: { backupVaultName: [built.destination] } });
      expect(outcomesOf(ID, built.builder.stack())).toEqual(["violation no-vault-policy dr"]);
    });
  });

  it("requires the policy on source vaults only with protectSourceVaults", () => {
    expect(outcomes(document(DENY_BOTH), { design: { sourceLock: "governance" } }, { protectSourceVaults: true })).toEqual(["violation no-vault-policy primary"]);
    const built = withPolicy(document(DENY_BOTH));
    built.builder.add(AWS_TYPES.backupVaultPolicy, "primary-policy", { backupVaultName: "primary", policy: document(DENY_BOTH) });
    expect(outcomesOf(ID, built.builder.stack(), { protectSourceVaults: true })).toEqual([]);
    expect(findingsOf(ID, withPolicy(undefined, { design: { sourceLock: "governance" } }).builder.stack(), { protectSourceVaults: true }).find((f) => f.urn === PRIMARY)?.message).toMatch(
      /^Vault "primary" has no access policy that denies deleting its recovery points\. It holds the backups of rule "daily" of backup plan "plan", but no aws.backup.VaultPolicy/,
    );
  });

  it("reports a vault that only some readings of a plan copy into as unresolved", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    const dr = b.provider("dr", { region: "us-west-2" });
    const source = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    const a = b.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: dr });
    const c = b.add(AWS_TYPES.backupVault, "other", { name: "other" }, { provider: dr });
    b.add(
      AWS_TYPES.backupPlan,
      "plan",
      { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }], tags: { copy: UNKNOWN } }] },
      { propertyDependencies: { rules: [source, a, c] } },
    );
    expect(outcomesOf(ID, b.stack())).toEqual([
      "unresolved unresolved-vault-policy dr",
      "unresolved unresolved-vault-policy other",
    ]);
    expect(findingsOf(ID, b.stack())[0].message).toMatch(
      /^Vault "dr" has no access policy that denies deleting its recovery points\. It may hold copies of rule "daily" of backup plan "plan" \(references unknown during preview may point to it\), but no aws.backup.VaultPolicy/,
    );
  });

  it("reports copies whose vault cannot be told as unresolved on the plan; leaves vaults outside the stack to their own stack", () => {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3" });
    b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    b.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: b.provider("dr", { region: "us-west-2" }) });
    const stackWith = (rules: JsonValue) => {
      const stack = b.stack();
      const plan = new PlannedStackBuilder(b.stackConfig).add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules });
      return { ...stack, resources: [...stack.resources, plan] };
    };
    expect(findingsOf(ID, stackWith([{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }]))).toEqual([
      {
        ruleId: ID,
        urn: "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan",
        outcome: "unresolved",
        code: "unresolved-vault",
        subject: 'rule "daily"',
        message:
          'Cannot tell which vaults hold the copies of rule "daily" of backup plan "plan". Their access policies cannot be checked: ' +
          "the vault at rules[0].copyActions[0].destinationVaultArn: rules[0].copyActions[0].destinationVaultArn is unknown during preview and is not computed from any vault in this stack. " +
          "Reference each vault unambiguously (e.g. destinationVaultArn: vault.arn), and attach to each an aws.backup.VaultPolicy that denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal.",
      },
    ]);
    expect(outcomesOf(ID, stackWith(UNKNOWN))).toEqual(["unresolved unresolved-vault plan rules"]);
    expect(outcomesOf(ID, stackWith([{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-central-1:333333333333:backup-vault:central" }] }]))).toEqual([]);
    expect(outcomesOf(ID, stackWith([{ ruleName: "daily", targetVaultName: "primary" }]))).toEqual([]);
    expect(outcomesOf(ID, stackWith([{ ruleName: "daily", targetVaultName: "primary" }]), { protectSourceVaults: true })).toEqual(["violation no-vault-policy primary"]);
  });

  it("does not judge vaults when a resource is analysed alone", () => {
    const built = withPolicy(undefined);
    expect(outcomesOf(ID, built.builder.single(built.destination))).toEqual([]);
  });
});

describe("backup-deletion-protection: data stores", () => {
  function store(type: string, props: JsonObject, options: { provider?: "other-region"; deps?: Record<string, PlannedResource[]> } = {}) {
    const b = new PlannedStackBuilder();
    const provider = options.provider ? b.provider("west", { region: "us-west-2" }) : undefined;
    const resource = b.add(type, "db", props, { provider, propertyDependencies: options.deps });
    return { b, resource };
  }

  it("flags an RDS instance whose deletionProtection is omitted (the provider's default is off)", () => {
    expect(findingsOf(ID, store(AWS_TYPES.rdsInstance, { engine: "postgres", deletionProtection: UNKNOWN }).b.stack())).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "violation",
        code: "no-deletion-protection",
        subject: "",
        message:
          'Instance "db" has no deletion protection. It is a protected data store (resourceTypes), and deletionProtection not set (the provider\'s default is false). ' +
          "One delete call, from a mistaken `pulumi destroy` or replacement or from an attacker using the production credentials, removes the data at once. " +
          "Set deletionProtection: true, so that deletion protection has to be turned off, visibly, before the store can be deleted.",
      },
    ]);
  });

  it("passes RDS instances and clusters and DynamoDB tables with deletion protection", () => {
    expect(outcomesOf(ID, store(AWS_TYPES.rdsInstance, { deletionProtection: true }).b.stack())).toEqual([]);
    expect(outcomesOf(ID, store(AWS_TYPES.rdsInstance, { deletionProtection: "true" }).b.stack())).toEqual([]);
    expect(outcomesOf(ID, store(AWS_TYPES.rdsCluster, { engine: "aurora-postgresql", deletionProtection: true }).b.stack())).toEqual([]);
    expect(outcomesOf(ID, store(AWS_TYPES.dynamodbTable, { deletionProtectionEnabled: true }).b.stack())).toEqual([]);
  });

  it("flags false or omitted settings, also through an explicit provider in another region", () => {
    expect(outcomesOf(ID, store(AWS_TYPES.rdsInstance, { deletionProtection: false }).b.stack())).toEqual(["violation no-deletion-protection db"]);
    expect(outcomesOf(ID, store(AWS_TYPES.rdsCluster, {}).b.stack())).toEqual(["violation no-deletion-protection db"]);
    expect(outcomesOf(ID, store(AWS_TYPES.dynamodbTable, { deletionProtectionEnabled: false }).b.stack())).toEqual(["violation no-deletion-protection db"]);
    expect(outcomesOf(ID, store(AWS_TYPES.dynamodbTable, {}, { provider: "other-region" }).b.stack())).toEqual(["violation no-deletion-protection db"]);
    expect(findingsOf(ID, store(AWS_TYPES.dynamodbTable, { deletionProtectionEnabled: false }).b.stack())[0].message).toContain(
      'Table "db" has no deletion protection. It is a protected data store (resourceTypes), and deletionProtectionEnabled is false.',
    );
  });

  it("reports a setting computed from another resource, unknown in preview, as unresolved", () => {
    const b = new PlannedStackBuilder();
    const flag = b.add("random:index/randomInteger:RandomInteger", "flag", {});
    b.add(AWS_TYPES.rdsInstance, "db", { deletionProtection: UNKNOWN }, { propertyDependencies: { deletionProtection: [flag] } });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: DB,
        outcome: "unresolved",
        code: "unresolved-deletion-protection",
        subject: "",
        message: 'Cannot tell whether Instance "db" has deletion protection. Undecided: deletionProtection unknown during preview. Set deletionProtection: true literally.',
      },
    ]);
  });

  it("is decided on the resource alone (Analyze), where an unknown input stays unknown", () => {
    const { b, resource } = store(AWS_TYPES.rdsInstance, { engine: "postgres" });
    expect(outcomesOf(ID, b.single(resource))).toEqual(["violation no-deletion-protection db"]);
    const unknownInput = store(AWS_TYPES.rdsInstance, { deletionProtection: UNKNOWN });
    expect(outcomesOf(ID, unknownInput.b.single(unknownInput.resource))).toEqual(["unresolved unresolved-deletion-protection db"]);
  });

  it("does not judge stores the service offers no deletion protection for, nor stores out of scope", () => {
    expect(outcomesOf(ID, store(AWS_TYPES.efsFileSystem, {}).b.stack())).toEqual([]);
    expect(outcomesOf(ID, store(AWS_TYPES.ebsVolume, { availabilityZone: "eu-west-3a" }).b.stack())).toEqual([]);
    const scratch = store(AWS_TYPES.rdsInstance, { tags: { "data-class": "scratch" } });
    expect(outcomesOf(ID, scratch.b.stack(), { excludeTags: ["data-class=scratch"] })).toEqual([]);
    expect(outcomesOf(ID, store(AWS_TYPES.rdsInstance, {}).b.stack(), { resourceTypes: ["aws:dynamodb/table:Table"] })).toEqual([]);
  });

  it("reports a store whose tags are unknown as unresolved when excludeTags decide its scope", () => {
    expect(outcomesOf(ID, store(AWS_TYPES.rdsInstance, { tags: UNKNOWN }, {}).b.stack(), { excludeTags: ["data-class=scratch"] })).toEqual([
      "unresolved scope-undecided db",
    ]);
  });

  it("never throws on a malformed setting: a value that is not a boolean cannot be judged (unresolved)", () => {
    const findings = findingsOf(ID, store(AWS_TYPES.rdsInstance, { deletionProtection: { on: true } }).b.stack());
    expect(findings.map((f) => `${f.outcome} ${f.code}`)).toEqual(["unresolved unresolved-deletion-protection"]);
    expect(findings[0].message).toContain("deletionProtection is not a boolean: an unexpected shape, so it cannot be judged");
  });
});

describe("backup-deletion-protection: long names", () => {
  const name = `orders-${"archive-".repeat(20)}eu`;
  const vaultArn = `arn:aws:backup:eu-west-3:111111111111:backup-vault:${name}-copies`;

  /** A table, and a vault that receives copies of a plan, whose vault policy denies nothing; every name long. */
  function longNames(): PlannedStackBuilder {
    const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify(["111111111111"]) });
    b.add(AWS_TYPES.dynamodbTable, name, { name, deletionProtectionEnabled: false });
    const source = b.add(AWS_TYPES.backupVault, `${name}-vault`, { name: `${name}-vault` });
    const copies = b.add(AWS_TYPES.backupVault, `${name}-copies`, { name: `${name}-copies` });
    b.add(AWS_TYPES.backupVaultPolicy, `${name}-policy`, { backupVaultName: `${name}-copies`, policy: document() }, { propertyDependencies: { backupVaultName: [copies] } });
    const rule = { ruleName: "daily", targetVaultName: `${name}-vault`, schedule: "cron(0 5 * * ? *)", copyActions: [{ destinationVaultArn: vaultArn, lifecycle: { deleteAfter: 35 } }] };
    b.add(AWS_TYPES.backupPlan, `${name}-plan`, { name: `${name}-plan`, rules: [rule] }, { propertyDependencies: { rules: [source] } });
    return b;
  }

  it("keeps each first sentence within 160 characters when names are long, and names the resources in full after it", () => {
    expect(findingsOf(ID, longNames().stack()).map((f) => [f.code, f.message])).toEqual([
      [
        "vault-policy-allows-deletion",
        'Vault policy "orders-archive-archive-archive-a…" does not protect the recovery points in vault "orders-archive-archive-archive-archive-…". ' +
          `In full: vault policy "${name}-policy"; vault "${name}-copies". ` +
          `The vault holds copies of rule "daily" of backup plan "${name}-plan"; the policy (backupVaultName computed from vault "${name}-copies"): ` +
          "no statement denies backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle to every principal, on every recovery point, without condition. " +
          `Any principal it does not deny (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention. ${POLICY_FIX}`,
      ],
      [
        "no-deletion-protection",
        `Table "orders-archive-archive-archive-archive-archive-archive-…" has no deletion protection. In full: Table "${name}". ` +
          "It is a protected data store (resourceTypes), and deletionProtectionEnabled is false. " +
          "One delete call, from a mistaken `pulumi destroy` or replacement or from an attacker using the production credentials, removes the data at once. " +
          "Set deletionProtectionEnabled: true, so that deletion protection has to be turned off, visibly, before the store can be deleted.",
      ],
    ]);
  });
});

describe("backup-deletion-protection: DocumentDB and Neptune clusters (opt-in types)", () => {
  it("flags a listed cluster without deletionProtection, and passes one that sets it", () => {
    const b = new PlannedStackBuilder();
    b.add(AWS_TYPES.docdbCluster, "docs", { clusterIdentifier: "docs" });
    b.add(AWS_TYPES.neptuneCluster, "graph", { clusterIdentifier: "graph", deletionProtection: true });
    const config = { resourceTypes: ["aws:docdb/cluster:Cluster", "aws:neptune/cluster:Cluster"] };
    expect(outcomesOf(ID, b.stack(), config)).toEqual(["violation no-deletion-protection docs"]);
    expect(outcomesOf(ID, b.stack())).toEqual([]);
  });
});
