// Property tests of the governance policies (issue 4) over generated designs: data stores of every type
// with random settings, AWS Backup plans, selections of every form, vault access policies (good and
// broken), restore tests, KMS keys and exemption tags in every state. They check that no rule throws,
// that a value becoming unknown in preview never turns a failing design into a passing one, that
// findings are deterministic, and that a resource analysed alone (Pulumi `Analyze`) never reports a
// violation that the whole stack does not report.
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_ANALYSED_TYPES, AWS_TYPES } from "../../policies/aws/type-tokens";
import { ExemptionEntry, ExemptionSettings, exemptTagKey, exemptionContext } from "../../policies/core/exemptions";
import { Finding, findingKey } from "../../policies/core/findings";
import { JsonObject, JsonValue, isJsonObject } from "../../policies/core/json";
import { PlannedProvider, PlannedResource, PlannedStack } from "../../policies/core/planned-stack";
import { isUnknown } from "../../policies/core/unknowns";
import { RULES } from "../../policies/rules";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

/** Fixed so that CI is deterministic; set FC_SEED to explore other designs locally. */
const SEED = process.env["FC_SEED"] ? Number(process.env["FC_SEED"]) : 20261124;
/** The date exemptions are judged on. */
const TODAY = "2026-11-24";

const PROD = "111111111111";
const BACKUP = "222222222222";
const FOREIGN = "333333333333";
/** The typed sentinels the engine sends for unknown numbers, booleans, arrays and objects (strings use UNKNOWN). */
const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

/** The governance policies of issue 4 (exemption tags name one of them). */
const GOVERNANCE = [
  "backup-coverage",
  "backup-copy-residency",
  "backup-retention-minimum",
  "backup-restore-testing",
  "backup-deletion-protection",
  "backup-key-separation",
] as const;
type Governance = (typeof GOVERNANCE)[number];

// ---------------------------------------------------------------------------------------------------
// Designs

/**
 * Explicit providers, by index; -1 is the default provider (eu-west-3, account PROD from the stack
 * config). 0: eu-central-1 in the backup account; 1: us-east-1 in the production account; 2: no region
 * and no account (ambient settings).
 */
const PROVIDERS: ReadonlyArray<{ readonly region: string | null; readonly account: string | null }> = [
  { region: "eu-central-1", account: BACKUP },
  { region: "us-east-1", account: PROD },
  { region: null, account: null },
];

const STORE_KINDS = [
  "rdsInstance",
  "rdsCluster",
  "auroraCluster",
  "dynamodb",
  "efs",
  "ebs",
  "fsxWindows",
  "fsxLustre",
  "fsxOntap",
  "fsxOpenZfs",
  "s3",
  "s3v2",
] as const;
type StoreKind = (typeof STORE_KINDS)[number];

const EXEMPTION_STATES = ["valid", "expired", "no-reason", "invalid-date", "no-date", "too-long"] as const;
type ExemptionState = (typeof EXEMPTION_STATES)[number];

/** An exemption tag `backup-guard:exempt:<policy>` in one of its states. */
interface ExemptionTag {
  readonly policy: Governance;
  readonly state: ExemptionState;
}

/** The tag values of each exemption state (judged on TODAY). */
const EXEMPTION_VALUES: Readonly<Record<ExemptionState, string>> = {
  valid: "until=2027-01-31 reason=legacy system retired in Q1 ticket OPS-1234",
  expired: "until=2026-10-31 reason=legacy system",
  "no-reason": "until=2027-01-31",
  "invalid-date": "until=2026-02-30 reason=typo in the date",
  "no-date": "reason=forgot the date",
  "too-long": "until=2029-01-01 reason=forever",
};

/** How a resource names a KMS key. */
interface KeyRef {
  /**
   * none: not set; managed: an AWS managed alias; external: a literal key ARN outside the stack;
   * ref: computed from key `key` (unknown, propertyDependencies); literal: key `key`'s ARN written out.
   */
  readonly kind: "none" | "managed" | "external" | "ref" | "literal";
  readonly key: number;
}

interface KeySpec {
  readonly provider: number;
  readonly multiRegion: boolean;
  readonly arnKnown: boolean;
  readonly alias: boolean;
}

interface StoreSpec {
  readonly kind: StoreKind;
  readonly provider: number;
  /** RDS backupRetentionPeriod, FSx automaticBackupRetentionDays, DynamoDB recoveryPeriodInDays. */
  readonly retention: number | null;
  /** RDS deletionProtection, DynamoDB deletionProtectionEnabled. */
  readonly deletionProtection: boolean | null;
  readonly deleteAutomatedBackups: boolean | null;
  /** RDS skipFinalSnapshot, FSx skipFinalBackup. */
  readonly skipFinal: boolean | null;
  /** DynamoDB pointInTimeRecovery; EFS backup policy; FSx Lustre persistent (on) or scratch. */
  readonly feature: "none" | "off" | "on";
  readonly key: KeyRef;
  readonly arnKnown: boolean;
  /** Tag `backup=yes` (what tag-based selections and conditions match). */
  readonly backupTag: boolean;
  /** Tag `backup-guard:protected` (puts a bucket in scope). */
  readonly protectedTag: boolean;
  /** Tag `backup-guard:disposable=true` (out of scope under the strict config). */
  readonly disposable: boolean;
  readonly exemption: ExemptionTag | null;
  /** A setting whose value is computed from another resource (the backup role): unknown in preview. */
  readonly computed: "none" | "tags" | "deletionProtection" | "retention" | "skipFinal";
}

type PolicyDoc =
  | "good"
  | "good-aws-star"
  | "split"
  | "wildcard"
  | "conditional"
  | "allow"
  | "partial"
  | "principal"
  | "not-principal"
  | "not-action"
  | "resource-arn"
  | "malformed"
  | "number"
  | "object"
  | "statement-string"
  | "empty"
  | "unknown";
const POLICY_DOCS: readonly PolicyDoc[] = [
  "good",
  "good-aws-star",
  "split",
  "wildcard",
  "conditional",
  "allow",
  "partial",
  "principal",
  "not-principal",
  "not-action",
  "resource-arn",
  "malformed",
  "number",
  "object",
  "statement-string",
  "empty",
  "unknown",
];

interface VaultPolicySpec {
  readonly doc: PolicyDoc;
  /** reference: backupVaultName computed from the vault; literal: its name; unknown: computed from nothing in the stack; external: another vault's name. */
  readonly attach: "reference" | "literal" | "unknown" | "external";
}

interface VaultSpec {
  readonly provider: number;
  readonly named: boolean;
  readonly airGapped: boolean;
  readonly key: KeyRef;
  readonly policy: VaultPolicySpec | null;
  readonly exemption: ExemptionTag | null;
}

interface CopySpec {
  /** A vault of the design, or -1: a literal ARN of a vault outside the stack in us-east-1 of a foreign account; -2: in eu-central-1 of the backup account. */
  readonly to: number;
  readonly literal: boolean;
  readonly deleteAfter: number | null;
}

interface RuleSpec {
  /** A vault of the design, or -1: a vault outside the stack named literally. */
  readonly target: number;
  readonly literal: boolean;
  readonly deleteAfter: number | null;
  readonly copies: readonly CopySpec[];
}

interface PlanSpec {
  readonly rules: readonly RuleSpec[];
  readonly exemption: ExemptionTag | null;
}

const SELECTION_FORMS = ["reference", "arn", "star", "wildcard", "tags", "conditions", "not-resources", "unknown-resources"] as const;
type SelectionForm = (typeof SELECTION_FORMS)[number];

interface SelectionSpec {
  /** A plan of the design, or -1: a literal plan id of a plan outside the stack. */
  readonly plan: number;
  readonly form: SelectionForm;
  /** Indices (modulo) into the design's stores. */
  readonly covers: readonly number[];
  readonly provider: number;
}

interface RestoreSelectionSpec {
  readonly type: "RDS" | "Aurora" | "DynamoDB" | "EFS" | "EBS" | "FSx" | "S3";
  readonly link: "reference" | "literal" | "wrong";
}

interface RestorePlanSpec {
  readonly provider: number;
  readonly named: boolean;
  readonly include: "star" | "vault-ref" | "vault-arn" | "none" | "external";
  /** Index (modulo) into the design's vaults. */
  readonly vault: number;
  readonly excludeVault: boolean;
  readonly selections: readonly RestoreSelectionSpec[];
}

interface ConfigExemptionSpec {
  readonly target: "store" | "vault" | "plan";
  readonly index: number;
  readonly policy: Governance | "*";
  readonly state: "valid" | "expired";
}

interface GovernanceSpec {
  /** 0: the engine defaults (plus EU residency); 1: the strict org config (plus EU residency). */
  readonly config: 0 | 1;
  readonly keys: readonly KeySpec[];
  readonly stores: readonly StoreSpec[];
  readonly vaults: readonly VaultSpec[];
  readonly plans: readonly PlanSpec[];
  readonly selections: readonly SelectionSpec[];
  readonly restorePlans: readonly RestorePlanSpec[];
  readonly configExemptions: readonly ConfigExemptionSpec[];
}

const providerArb = fc.integer({ min: -1, max: PROVIDERS.length - 1 });
const exemptionArb = fc.option(fc.record({ policy: fc.constantFrom(...GOVERNANCE), state: fc.constantFrom(...EXEMPTION_STATES) }), { nil: null, freq: 3 });
const keyRefArb = fc.record({ kind: fc.constantFrom<KeyRef["kind"]>("none", "managed", "external", "ref", "literal"), key: fc.nat(3) });
const boolOrNull = fc.constantFrom<boolean | null>(true, false, null);

const storeArb: fc.Arbitrary<StoreSpec> = fc.record({
  kind: fc.constantFrom(...STORE_KINDS),
  provider: providerArb,
  retention: fc.constantFrom<number | null>(null, 0, 3, 7, 35),
  deletionProtection: boolOrNull,
  deleteAutomatedBackups: boolOrNull,
  skipFinal: boolOrNull,
  feature: fc.constantFrom<StoreSpec["feature"]>("none", "off", "on"),
  key: keyRefArb,
  arnKnown: fc.boolean(),
  backupTag: fc.boolean(),
  protectedTag: fc.boolean(),
  disposable: fc.boolean(),
  exemption: exemptionArb,
  computed: fc.constantFrom<StoreSpec["computed"]>("none", "none", "none", "tags", "deletionProtection", "retention", "skipFinal"),
});

const governanceArb: fc.Arbitrary<GovernanceSpec> = fc
  .record({
    config: fc.constantFrom<0 | 1>(0, 1),
    keys: fc.array(fc.record({ provider: providerArb, multiRegion: fc.boolean(), arnKnown: fc.boolean(), alias: fc.boolean() }), { maxLength: 2 }),
    stores: fc.array(storeArb, { minLength: 1, maxLength: 4 }),
    vaults: fc.array(
      fc.record({
        provider: providerArb,
        named: fc.boolean(),
        airGapped: fc.boolean(),
        key: keyRefArb,
        policy: fc.option(
          fc.record({
            doc: fc.constantFrom(...POLICY_DOCS),
            attach: fc.constantFrom<VaultPolicySpec["attach"]>("reference", "reference", "literal", "unknown", "external"),
          }),
          { nil: null, freq: 4 },
        ),
        exemption: exemptionArb,
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .chain((base) =>
    fc.record({
      config: fc.constant(base.config),
      keys: fc.constant(base.keys),
      stores: fc.constant(base.stores),
      vaults: fc.constant(base.vaults),
      plans: fc.array(
        fc.record({
          rules: fc.array(
            fc.record({
              target: fc.integer({ min: -1, max: base.vaults.length - 1 }),
              literal: fc.boolean(),
              deleteAfter: fc.constantFrom<number | null>(null, 3, 35),
              copies: fc.array(
                fc.record({
                  to: fc.integer({ min: -2, max: base.vaults.length - 1 }),
                  literal: fc.boolean(),
                  deleteAfter: fc.constantFrom<number | null>(null, 3, 35),
                }),
                { maxLength: 2 },
              ),
            }),
            { minLength: 1, maxLength: 2 },
          ),
          exemption: exemptionArb,
        }),
        { maxLength: 2 },
      ),
      selections: fc.array(
        fc.record({
          plan: fc.integer({ min: -1, max: 1 }),
          form: fc.constantFrom(...SELECTION_FORMS),
          covers: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
          provider: fc.constantFrom(-1, -1, 0, 1),
        }),
        { maxLength: 3 },
      ),
      restorePlans: fc.array(
        fc.record({
          provider: providerArb,
          named: fc.boolean(),
          include: fc.constantFrom<RestorePlanSpec["include"]>("star", "vault-ref", "vault-arn", "none", "external"),
          vault: fc.nat(),
          excludeVault: fc.boolean(),
          selections: fc.array(
            fc.record({
              type: fc.constantFrom<RestoreSelectionSpec["type"]>("RDS", "Aurora", "DynamoDB", "EFS", "EBS", "FSx", "S3"),
              link: fc.constantFrom<RestoreSelectionSpec["link"]>("reference", "reference", "literal", "wrong"),
            }),
            { maxLength: 2 },
          ),
        }),
        { maxLength: 2 },
      ),
      configExemptions: fc.array(
        fc.record({
          target: fc.constantFrom<ConfigExemptionSpec["target"]>("store", "vault", "plan"),
          index: fc.nat(3),
          policy: fc.constantFrom<Governance | "*">(...GOVERNANCE, "*"),
          state: fc.constantFrom<ConfigExemptionSpec["state"]>("valid", "expired"),
        }),
        { maxLength: 1 },
      ),
    }),
  );

function regionOf(provider: number): string | null {
  return provider < 0 ? "eu-west-3" : PROVIDERS[provider].region;
}

function accountOf(provider: number): string | null {
  return provider < 0 ? PROD : PROVIDERS[provider].account;
}

/** The ARN of a resource when its region and account are known (else undefined). */
function arnIn(provider: number, build: (region: string, account: string) => string): string | undefined {
  const region = regionOf(provider);
  const account = accountOf(provider);
  return region && account ? build(region, account) : undefined;
}

const TYPES: Readonly<Record<StoreKind, string>> = {
  rdsInstance: AWS_TYPES.rdsInstance,
  rdsCluster: AWS_TYPES.rdsCluster,
  auroraCluster: AWS_TYPES.rdsCluster,
  dynamodb: AWS_TYPES.dynamodbTable,
  efs: AWS_TYPES.efsFileSystem,
  ebs: AWS_TYPES.ebsVolume,
  fsxWindows: AWS_TYPES.fsxWindows,
  fsxLustre: AWS_TYPES.fsxLustre,
  fsxOntap: AWS_TYPES.fsxOntap,
  fsxOpenZfs: AWS_TYPES.fsxOpenZfs,
  s3: AWS_TYPES.s3Bucket,
  s3v2: AWS_TYPES.s3BucketV2,
};

function storeArn(kind: StoreKind, name: string, region: string, account: string): string {
  switch (kind) {
    case "rdsInstance":
      return `arn:aws:rds:${region}:${account}:db:${name}`;
    case "rdsCluster":
    case "auroraCluster":
      return `arn:aws:rds:${region}:${account}:cluster:${name}`;
    case "dynamodb":
      return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
    case "efs":
      return `arn:aws:elasticfilesystem:${region}:${account}:file-system/fs-${name}`;
    case "ebs":
      return `arn:aws:ec2:${region}:${account}:volume/vol-${name}`;
    case "s3":
    case "s3v2":
      return `arn:aws:s3:::${name}`;
    default:
      return `arn:aws:fsx:${region}:${account}:file-system/fs-${name}`;
  }
}

/** A vault access policy document of each kind (a JSON string, except the malformed shapes). */
function policyDocument(doc: PolicyDoc, vaultArn: string | undefined): JsonValue {
  const both = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"];
  const statement = (extra: JsonObject): JsonObject => ({ Effect: "Deny", Principal: "*", Action: both, Resource: "*", ...extra });
  const encode = (statements: JsonValue): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
  switch (doc) {
    case "good":
      return encode([statement({ Sid: "DenyDeletion" })]);
    case "good-aws-star":
      return encode([statement({ Principal: { AWS: "*" } })]);
    case "split":
      return encode([statement({ Action: "backup:DeleteRecoveryPoint" }), statement({ Action: ["backup:UpdateRecoveryPointLifecycle"] })]);
    case "wildcard":
      return encode(statement({ Action: "backup:*" }));
    case "conditional":
      return encode([statement({ Condition: { StringNotEquals: { "aws:PrincipalAccount": BACKUP } } })]);
    case "allow":
      return encode([statement({ Effect: "Allow" })]);
    case "partial":
      return encode([statement({ Action: ["backup:DeleteRecoveryPoint"] })]);
    case "principal":
      return encode([statement({ Principal: { AWS: `arn:aws:iam::${PROD}:root` } })]);
    case "not-principal": {
      const s = statement({ NotPrincipal: { AWS: `arn:aws:iam::${BACKUP}:root` } });
      delete s["Principal"];
      return encode([s]);
    }
    case "not-action": {
      const s = statement({ NotAction: "backup:List*" });
      delete s["Action"];
      return encode([s]);
    }
    case "resource-arn":
      return encode([statement({ Resource: vaultArn ?? `arn:aws:backup:eu-west-3:${PROD}:backup-vault:other` })]);
    case "malformed":
      return '{"Version": "2012-10-17", "Statement": [';
    case "number":
      return 42;
    case "object":
      return { Version: "2012-10-17", Statement: [statement({})] };
    case "statement-string":
      return encode("deny everything");
    case "empty":
      return "";
    case "unknown":
      return UNKNOWN;
  }
}

/** The exemption tags of a resource. */
function exemptionTags(exemption: ExemptionTag | null): JsonObject {
  return exemption ? { [exemptTagKey(exemption.policy)]: EXEMPTION_VALUES[exemption.state] } : {};
}

/** Builds the planned stack (AnalyzeStack outputs) of a design, the way the engine shapes it. */
function build(spec: GovernanceSpec): PlannedStack {
  const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
  const providers = PROVIDERS.map((p, i) => {
    const props: JsonObject = {};
    if (p.region) props["region"] = p.region;
    if (p.account) props["assumeRoles"] = [{ roleArn: `arn:aws:iam::${p.account}:role/r` }];
    return b.provider(`p${i}`, props);
  });
  const providerOf = (i: number): PlannedProvider | undefined => (i < 0 ? undefined : providers[i]);
  // An unrelated resource that values may be computed from.
  const role = b.add("aws:iam/role:Role", "backup-role", { name: "backup-role", assumeRolePolicy: "{}" });

  const keys = spec.keys.map((k, i) => {
    const arn = arnIn(k.provider, (region, account) => `arn:aws:kms:${region}:${account}:key/${k.multiRegion ? "mrk-" : ""}0000000${i}-aaaa-bbbb-cccc-000000000000`);
    const props: JsonObject = { description: `key ${i}`, deletionWindowInDays: 30, multiRegion: k.multiRegion, arn: k.arnKnown && arn ? arn : UNKNOWN };
    const key = b.add(AWS_TYPES.kmsKey, `k${i}`, props, { provider: providerOf(k.provider) });
    const alias = k.alias ? b.add(AWS_TYPES.kmsAlias, `k${i}-alias`, { name: `alias/k${i}`, targetKeyId: UNKNOWN }, { provider: providerOf(k.provider), propertyDependencies: { targetKeyId: [key] } }) : undefined;
    return { key, alias, arn: k.arnKnown ? arn : undefined };
  });
  /** The value of a key setting and the resources it is computed from. */
  const keyValue = (ref: KeyRef, managed: string): { value: JsonValue; deps: PlannedResource[] } | undefined => {
    switch (ref.kind) {
      case "none":
        return undefined;
      case "managed":
        return { value: managed, deps: [] };
      case "external":
        return { value: `arn:aws:kms:eu-west-3:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, deps: [] };
      default: {
        if (keys.length === 0) return undefined;
        const k = keys[ref.key % keys.length];
        if (ref.kind === "literal" && k.arn) return { value: k.arn, deps: [] };
        return { value: UNKNOWN, deps: [k.alias ?? k.key] };
      }
    }
  };

  const stores = spec.stores.map((s, i) => {
    const name = `s${i}`;
    const tags: JsonObject = { app: "orders", ...exemptionTags(s.exemption) };
    if (s.backupTag) tags["backup"] = "yes";
    if (s.protectedTag) tags["backup-guard:protected"] = "true";
    if (s.disposable) tags["backup-guard:disposable"] = "true";
    const arn = arnIn(s.provider, (region, account) => storeArn(s.kind, name, region, account));
    const props: JsonObject = { tags, arn: s.arnKnown && arn ? arn : UNKNOWN };
    const deps: Record<string, PlannedResource[]> = {};
    const setKey = (property: string, managed: string): void => {
      const key = keyValue(s.key, managed);
      if (!key) return;
      props[property] = key.value;
      if (key.deps.length > 0) deps[property] = key.deps;
    };
    const set = (property: string, value: JsonValue | null): void => {
      if (value !== null) props[property] = value;
    };
    const region = regionOf(s.provider) ?? "eu-west-3";
    switch (s.kind) {
      case "rdsInstance":
      case "rdsCluster":
      case "auroraCluster":
        Object.assign(
          props,
          s.kind === "rdsInstance"
            ? { identifier: name, engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20 }
            : { clusterIdentifier: name, engine: s.kind === "auroraCluster" ? "aurora-postgresql" : "postgres" },
        );
        set("backupRetentionPeriod", s.retention);
        set("deletionProtection", s.deletionProtection);
        set("deleteAutomatedBackups", s.deleteAutomatedBackups);
        set("skipFinalSnapshot", s.skipFinal);
        if (s.key.kind !== "none") props["storageEncrypted"] = true;
        setKey("kmsKeyId", "alias/aws/rds");
        break;
      case "dynamodb": {
        Object.assign(props, { name, hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST" });
        if (s.feature !== "none") {
          props["pointInTimeRecovery"] = s.feature === "on" && s.retention !== null ? { enabled: true, recoveryPeriodInDays: Math.max(s.retention, 1) } : { enabled: s.feature === "on" };
        }
        set("deletionProtectionEnabled", s.deletionProtection);
        const key = keyValue(s.key, "alias/aws/dynamodb");
        if (key) {
          props["serverSideEncryption"] = { enabled: true, kmsKeyArn: key.value };
          if (key.deps.length > 0) deps["serverSideEncryption"] = key.deps;
        }
        break;
      }
      case "efs":
        Object.assign(props, { creationToken: name });
        if (s.key.kind !== "none") props["encrypted"] = true;
        setKey("kmsKeyId", "alias/aws/elasticfilesystem");
        break;
      case "ebs":
        Object.assign(props, { availabilityZone: `${region}a`, size: 10 });
        if (s.key.kind !== "none") props["encrypted"] = true;
        setKey("kmsKeyId", "alias/aws/ebs");
        break;
      case "s3":
      case "s3v2":
        Object.assign(props, { bucket: name });
        break;
      default: {
        const fsx: Record<string, JsonObject> = {
          fsxWindows: { storageCapacity: 32, throughputCapacity: 8, deploymentType: "MULTI_AZ_1" },
          fsxLustre: s.feature === "on" ? { storageCapacity: 1200, deploymentType: "PERSISTENT_2", perUnitStorageThroughput: 125 } : { storageCapacity: 1200 },
          fsxOntap: { storageCapacity: 1024, throughputCapacity: 128, deploymentType: "MULTI_AZ_1" },
          fsxOpenZfs: { storageCapacity: 64, throughputCapacity: 64, deploymentType: "SINGLE_AZ_1" },
        };
        Object.assign(props, { subnetIds: ["subnet-0123"], ...fsx[s.kind] });
        set("automaticBackupRetentionDays", s.retention);
        if (s.kind !== "fsxOntap") set("skipFinalBackup", s.skipFinal);
        setKey("kmsKeyId", "alias/aws/fsx");
      }
    }
    const computed: Record<StoreSpec["computed"], readonly string[]> = {
      none: [],
      tags: ["tags"],
      deletionProtection: ["deletionProtection", "deletionProtectionEnabled"],
      retention: ["backupRetentionPeriod", "automaticBackupRetentionDays", "pointInTimeRecovery"],
      skipFinal: ["skipFinalSnapshot", "skipFinalBackup", "deleteAutomatedBackups"],
    };
    for (const property of computed[s.computed]) {
      if (property !== "tags" && props[property] === undefined) continue;
      const old = props[property];
      props[property] = typeof old === "number" ? UNKNOWN_NUMBER : typeof old === "boolean" ? UNKNOWN_BOOL : isJsonObject(old) ? UNKNOWN_OBJECT : UNKNOWN;
      deps[property] = [role];
    }
    const store = b.add(TYPES[s.kind], name, props, { provider: providerOf(s.provider), propertyDependencies: deps });
    if (s.kind === "efs" && s.feature !== "none") {
      b.add(AWS_TYPES.efsBackupPolicy, `${name}-backup-policy`, { fileSystemId: UNKNOWN, backupPolicy: { status: s.feature === "on" ? "ENABLED" : "DISABLED" } }, {
        provider: providerOf(s.provider),
        propertyDependencies: { fileSystemId: [store] },
      });
    }
    return store;
  });

  // A rule's target is a regular vault (a logically air-gapped vault cannot be a targetVaultName) of the
  // plan's own region and account: the plans are created through the default provider, so are their targets.
  const targeted = new Set(spec.plans.flatMap((p) => p.rules.map((r) => r.target)));
  const vaultSpecs = spec.vaults.map((v, i) => (targeted.has(i) ? { ...v, airGapped: false, provider: -1 } : v));
  const vaults = vaultSpecs.map((v, i) => {
    const name = `v${i}`;
    const arn = v.named ? arnIn(v.provider, (region, account) => `arn:aws:backup:${region}:${account}:backup-vault:${name}`) : undefined;
    const props: JsonObject = { tags: exemptionTags(v.exemption) };
    if (v.named) props["name"] = name;
    if (v.airGapped) Object.assign(props, { minRetentionDays: 7, maxRetentionDays: 365 });
    const deps: Record<string, PlannedResource[]> = {};
    const key = keyValue(v.key, "alias/aws/backup");
    const keyProperty = v.airGapped ? "encryptionKeyArn" : "kmsKeyArn";
    if (key) {
      props[keyProperty] = key.value;
      if (key.deps.length > 0) deps[keyProperty] = key.deps;
    }
    const provider = providerOf(v.provider);
    const vault = b.add(v.airGapped ? AWS_TYPES.backupLogicallyAirGappedVault : AWS_TYPES.backupVault, name, props, { provider, propertyDependencies: deps });
    if (!v.airGapped) {
      b.add(AWS_TYPES.backupVaultLockConfiguration, `${name}-lock`, { backupVaultName: UNKNOWN, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 }, {
        provider,
        propertyDependencies: { backupVaultName: [vault] },
      });
    }
    if (v.policy) {
      const policyProps: JsonObject = { policy: policyDocument(v.policy.doc, arn) };
      const policyDeps: Record<string, PlannedResource[]> = v.policy.doc === "unknown" ? { policy: [vault] } : {};
      const attach = v.policy.attach === "literal" && !v.named ? "reference" : v.policy.attach;
      if (attach === "reference") {
        policyProps["backupVaultName"] = UNKNOWN;
        policyDeps["backupVaultName"] = [vault];
      } else if (attach === "literal") policyProps["backupVaultName"] = name;
      else if (attach === "external") policyProps["backupVaultName"] = "ext-vault";
      else policyProps["backupVaultName"] = UNKNOWN;
      b.add(AWS_TYPES.backupVaultPolicy, `${name}-policy`, policyProps, { provider, propertyDependencies: policyDeps });
    }
    return { vault, arn, spec: v };
  });

  const plans = spec.plans.map((p, i) => {
    const deps = new Set<PlannedResource>();
    const rules = p.rules.map((r, j): JsonObject => {
      const rule: JsonObject = { ruleName: `r${j}`, schedule: "cron(0 5 * * ? *)" };
      if (r.target < 0) rule["targetVaultName"] = "ext-primary";
      else {
        const target = vaults[r.target];
        if (r.literal && target.spec.named) rule["targetVaultName"] = `v${r.target}`;
        else {
          rule["targetVaultName"] = UNKNOWN;
          deps.add(target.vault);
        }
      }
      if (r.deleteAfter !== null) rule["lifecycle"] = { deleteAfter: r.deleteAfter };
      rule["copyActions"] = r.copies.map((c) => {
        const action: JsonObject = {};
        if (c.to === -1) action["destinationVaultArn"] = `arn:aws:backup:us-east-1:${FOREIGN}:backup-vault:ext-us`;
        else if (c.to === -2) action["destinationVaultArn"] = `arn:aws:backup:eu-central-1:${BACKUP}:backup-vault:ext-dr`;
        else {
          const to = vaults[c.to];
          if (c.literal && to.arn) action["destinationVaultArn"] = to.arn;
          else {
            action["destinationVaultArn"] = UNKNOWN;
            deps.add(to.vault);
          }
        }
        if (c.deleteAfter !== null) action["lifecycle"] = { deleteAfter: c.deleteAfter };
        return action;
      });
      return rule;
    });
    return b.add(AWS_TYPES.backupPlan, `plan${i}`, { name: `plan${i}`, rules, tags: exemptionTags(p.exemption) }, { propertyDependencies: deps.size > 0 ? { rules: [...deps] } : {} });
  });

  spec.selections.forEach((input, i) => {
    const plan = input.plan >= 0 && input.plan < plans.length ? plans[input.plan] : undefined;
    // A selection of a plan of the stack is created with it, through the default provider, and selects
    // resources of its region and account (or of unknown region): the routes' primaries are then real
    // ones. A selection of a plan outside the stack may be anywhere and name anything.
    const s: SelectionSpec = plan ? { ...input, provider: -1 } : input;
    const eligible = spec.stores.map((store, k) => ({ store, k })).filter(({ store }) => !plan || store.provider === -1 || store.provider === 2);
    const covered = eligible.length === 0 ? [] : [...new Set(s.covers.map((c) => eligible[c % eligible.length].k))];
    const props: JsonObject = { name: `sel${i}`, iamRoleArn: `arn:aws:iam::${PROD}:role/backup` };
    const deps: Record<string, PlannedResource[]> = {};
    if (plan) {
      props["planId"] = UNKNOWN;
      deps["planId"] = [plan];
    } else props["planId"] = "plan-outside-the-stack";
    switch (s.form) {
      case "reference":
        props["resources"] = covered.map(() => UNKNOWN);
        if (covered.length > 0) deps["resources"] = covered.map((c) => stores[c]);
        break;
      case "arn":
        // ARNs in the selection's own region and account (AWS Backup selects nothing elsewhere): they
        // match the stores that are there and whose ARN is known.
        props["resources"] = covered.map((c) => storeArn(spec.stores[c].kind, `s${c}`, regionOf(s.provider) ?? "eu-west-3", accountOf(s.provider) ?? PROD));
        break;
      case "star":
        props["resources"] = ["*"];
        break;
      case "wildcard":
        props["resources"] = [`arn:aws:rds:*:${PROD}:db:*`, "arn:aws:dynamodb:*:*:table/s*"];
        break;
      case "tags":
        props["selectionTags"] = [{ type: "STRINGEQUALS", key: "backup", value: "yes" }];
        break;
      case "conditions":
        props["resources"] = ["*"];
        props["conditions"] = [{ stringEquals: [{ key: "aws:ResourceTag/backup", value: "yes" }], stringNotLikes: [{ key: "aws:ResourceTag/app", value: "scratch*" }] }];
        break;
      case "not-resources":
        props["resources"] = ["*"];
        props["notResources"] = covered.map(() => UNKNOWN);
        if (covered.length > 0) deps["notResources"] = covered.map((c) => stores[c]);
        break;
      case "unknown-resources":
        props["resources"] = [UNKNOWN];
        break;
    }
    b.add(AWS_TYPES.backupSelection, `sel${i}`, props, { provider: providerOf(s.provider), propertyDependencies: deps });
  });

  spec.restorePlans.forEach((t, i) => {
    const provider = providerOf(t.provider);
    const target = vaults[t.vault % vaults.length];
    const deps: PlannedResource[] = [];
    let includeVaults: JsonValue[];
    switch (t.include) {
      case "star":
        includeVaults = ["*"];
        break;
      case "vault-ref":
        includeVaults = [UNKNOWN];
        deps.push(target.vault);
        break;
      case "vault-arn":
        includeVaults = [target.arn ?? `arn:aws:backup:eu-west-3:${PROD}:backup-vault:*`];
        break;
      case "none":
        includeVaults = [];
        break;
      case "external":
        includeVaults = [`arn:aws:backup:us-east-1:${FOREIGN}:backup-vault:ext-us`];
        break;
    }
    const selection: JsonObject = { algorithm: "LATEST_WITHIN_WINDOW", includeVaults, recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 };
    if (t.excludeVault) {
      selection["excludeVaults"] = [UNKNOWN];
      if (!deps.includes(target.vault)) deps.push(target.vault);
    }
    const props: JsonObject = { scheduleExpression: "cron(0 12 ? * MON *)", recoveryPointSelection: selection };
    if (t.named) props["name"] = `rt${i}`;
    else props["name"] = UNKNOWN; // auto-named: computed by the provider
    const plan = b.add(AWS_TYPES.restoreTestingPlan, `rt${i}`, props, { provider, propertyDependencies: deps.length > 0 ? { recoveryPointSelection: deps } : {} });
    t.selections.forEach((s, j) => {
      const selectionProps: JsonObject = {
        name: `rt${i}_sel${j}`,
        protectedResourceType: s.type,
        iamRoleArn: `arn:aws:iam::${PROD}:role/restore-testing`,
        protectedResourceArns: ["*"],
      };
      const link = s.link === "literal" && !t.named ? "reference" : s.link;
      const selectionDeps: Record<string, PlannedResource[]> = {};
      if (link === "reference") {
        selectionProps["restoreTestingPlanName"] = UNKNOWN;
        selectionDeps["restoreTestingPlanName"] = [plan];
      } else selectionProps["restoreTestingPlanName"] = link === "literal" ? `rt${i}` : "some_other_plan";
      b.add(AWS_TYPES.restoreTestingSelection, `rt${i}-sel${j}`, selectionProps, { provider, propertyDependencies: selectionDeps });
    });
  });
  return b.stack();
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

/** A rule's raw config per policy, from an org config file (enforcement levels and the `all` key dropped). */
function orgConfig(file: string): Record<string, Record<string, unknown>> {
  const raw = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policypack", "config", file), "utf8")) as Record<string, unknown>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [policy, value] of Object.entries(raw)) {
    if (policy === "all" || !isJsonObject(value)) continue;
    const config: Record<string, unknown> = { ...value };
    delete config["enforcementLevel"];
    out[policy] = config;
  }
  return out;
}

const EU_RESIDENCY = orgConfig("eu-residency.json");
/** The configs a design is judged under: the engine's defaults, and the strict org config; both with EU residency. */
const CONFIGS: ReadonlyArray<Record<string, Record<string, unknown>>> = [EU_RESIDENCY, { ...orgConfig("strict.json"), ...EU_RESIDENCY }];

/** The `backup-exemptions` settings of a design: its config entries and the config's maxDays. */
function exemptionSettings(spec: GovernanceSpec): ExemptionSettings {
  const maxDays = Number(CONFIGS[spec.config]["backup-exemptions"]?.["maxDays"] ?? 366);
  const names = { store: spec.stores.length, vault: spec.vaults.length, plan: spec.plans.length };
  const prefix = { store: "s", vault: "v", plan: "plan" };
  const exemptions: ExemptionEntry[] = spec.configExemptions
    .filter((e) => names[e.target] > 0)
    .map((e) => ({
      resources: [`${prefix[e.target]}${e.index % names[e.target]}`],
      policies: [e.policy],
      reason: "accepted by the platform team, ticket RISK-42",
      until: e.state === "valid" ? "2027-01-31" : "2026-06-30",
    }));
  return { exemptions, maxDays };
}

/** One finding, comparable: everything a user sees of it. */
function findingText(finding: Finding): string {
  return `${finding.outcome}|${finding.code}|${finding.urn}|${finding.subject}|${finding.exemption?.state ?? "-"}|${finding.message}|${finding.exemption?.note ?? ""}`;
}

/** Every rule's findings over a stack, with exemptions judged on TODAY; an internal or config error fails the property. */
function findingsPerRule(stack: PlannedStack, spec: GovernanceSpec): Finding[][] {
  const model = buildAwsProtectionModel(stack);
  const settings = exemptionSettings(spec);
  const context = exemptionContext(model, TODAY, settings);
  const configs = CONFIGS[spec.config];
  return RULES.map((rule) => {
    const raw = rule.meta.id === "backup-exemptions" ? { ...(configs[rule.meta.id] ?? {}), exemptions: settings.exemptions } : (configs[rule.meta.id] ?? {});
    const evaluation = rule.evaluate(model, raw, context);
    if (evaluation.configErrors.length > 0) throw new Error(`${rule.meta.id}: config errors ${evaluation.configErrors.join("; ")}`);
    if (evaluation.internalError !== undefined) throw new Error(`${rule.meta.id} threw: ${evaluation.internalError}`);
    return [...evaluation.findings];
  });
}

function evaluateAll(stack: PlannedStack, spec: GovernanceSpec): string[][] {
  return findingsPerRule(stack, spec).map((findings) => findings.map(findingText));
}

/** A finding that blocks (or would block, for an advisory policy): not covered by a granted exemption. */
function blocking(finding: Finding): boolean {
  return finding.exemption?.state !== "granted";
}

// ---------------------------------------------------------------------------------------------------
// Perturbations: a known value becomes unknown in preview

type Path = Array<string | number>;

/** Every known value under `value` (scalars, and non-empty objects and lists), as a path. */
function knownNodes(value: JsonValue, at: Path = []): Path[] {
  if (value === null || isUnknown(value)) return [];
  if (Array.isArray(value)) return [...(at.length > 0 ? [at] : []), ...value.flatMap((v, i) => knownNodes(v, [...at, i]))];
  if (isJsonObject(value)) return [...(at.length > 0 ? [at] : []), ...Object.keys(value).flatMap((k) => knownNodes(value[k], [...at, k]))];
  return [at];
}

const VAULT_TYPES: readonly string[] = [AWS_TYPES.backupVault, AWS_TYPES.backupLogicallyAirGappedVault];
const KMS_TYPES: readonly string[] = [AWS_TYPES.kmsKey, AWS_TYPES.kmsAlias];
const STORE_TYPES: readonly string[] = [...new Set(Object.values(TYPES))];

/**
 * May `top` of a resource of type `type` name a resource of type `candidate`? A value computed from such
 * a resource is a reference the model resolves (a selection's resource computed from a database), not a
 * value hidden by preview, so the perturbation never points there.
 */
function mayName(type: string, top: string, candidate: string): boolean {
  // The model reads an unknown entry of a selection's resources explained by propertyDependencies as the
  // ARN of one of those resources, whatever their type (a selection may select any resource).
  if (type === AWS_TYPES.backupSelection && (top === "resources" || top === "notResources")) return true;
  if (STORE_TYPES.includes(type) || VAULT_TYPES.includes(type)) {
    return ["kmsKeyId", "kmsKeyArn", "encryptionKeyArn", "serverSideEncryption"].includes(top) && KMS_TYPES.includes(candidate);
  }
  const referents: Record<string, Record<string, readonly string[]>> = {
    [AWS_TYPES.backupSelection]: { planId: [AWS_TYPES.backupPlan] },
    [AWS_TYPES.backupPlan]: { rules: VAULT_TYPES },
    [AWS_TYPES.backupVaultPolicy]: { backupVaultName: VAULT_TYPES, policy: VAULT_TYPES },
    [AWS_TYPES.backupVaultLockConfiguration]: { backupVaultName: VAULT_TYPES },
    [AWS_TYPES.restoreTestingPlan]: { recoveryPointSelection: VAULT_TYPES },
    [AWS_TYPES.restoreTestingSelection]: { restoreTestingPlanName: [AWS_TYPES.restoreTestingPlan] },
    [AWS_TYPES.efsBackupPolicy]: { fileSystemId: [AWS_TYPES.efsFileSystem] },
    [AWS_TYPES.kmsAlias]: { targetKeyId: [AWS_TYPES.kmsKey] },
  };
  return referents[type]?.[top]?.includes(candidate) ?? false;
}

/** Output attributes the engine computes (never a program's value): not perturbed. */
const OUTPUT_ATTRIBUTES: ReadonlySet<string> = new Set(["arn"]);

/**
 * A known value that becomes unknown in preview: which resource, where, and what it is computed from.
 * `null`: the graph is lost for that property: its propertyDependencies are dropped and the resource
 * is read as checked inputs (as `Analyze` or a Terraform configuration gives it), where an unknown is
 * neither a reference the model can resolve nor the provider's default.
 */
interface Perturbation {
  readonly urn: string;
  readonly path: Path;
  readonly computedFrom: string | null;
}

/** The values of a stack that may become unknown, in a stable order. */
function perturbable(stack: PlannedStack): Array<{ readonly resource: PlannedResource; readonly path: Path }> {
  return stack.resources.flatMap((resource) =>
    resource.name === "backup-role" ? [] : knownNodes(resource.props).filter((p) => !OUTPUT_ATTRIBUTES.has(String(p[0]))).map((p) => ({ resource, path: p })),
  );
}

/** Picks a perturbation: a value (by `pick`), with or without a resource it is computed from (by `from`). */
function perturbationOf(stack: PlannedStack, pick: number, from: number | null): Perturbation | undefined {
  const values = perturbable(stack);
  if (values.length === 0) return undefined;
  const { resource, path: at } = values[pick % values.length];
  if (from === null) return { urn: resource.urn, path: at, computedFrom: null };
  const top = String(at[0]);
  const sources = stack.resources.filter((other) => other !== resource && !mayName(resource.type, top, other.type));
  return { urn: resource.urn, path: at, computedFrom: sources.length > 0 ? sources[from % sources.length].urn : null };
}

/** The sentinel the engine sends for an unknown value of the kind of `old`. */
function sentinelFor(old: JsonValue): string {
  if (typeof old === "number") return UNKNOWN_NUMBER;
  if (typeof old === "boolean") return UNKNOWN_BOOL;
  if (Array.isArray(old)) return UNKNOWN_ARRAY;
  if (isJsonObject(old)) return UNKNOWN_OBJECT;
  return UNKNOWN;
}

/** The stack with the value replaced by the sentinel of its kind. */
function withUnknown(stack: PlannedStack, p: Perturbation): PlannedStack {
  const resources = stack.resources.map((r): PlannedResource => {
    if (r.urn !== p.urn) return r;
    const props = structuredClone(r.props) as JsonObject;
    let cursor: JsonValue = props;
    for (const part of p.path.slice(0, -1)) cursor = (cursor as Record<string | number, JsonValue>)[part];
    const last = p.path[p.path.length - 1];
    (cursor as Record<string | number, JsonValue>)[last] = sentinelFor((cursor as Record<string | number, JsonValue>)[last]);
    const top = String(p.path[0]);
    if (p.computedFrom === null) {
      const propertyDependencies = { ...r.propertyDependencies };
      delete propertyDependencies[top];
      return { ...r, props, origin: "inputs", propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
    }
    const deps = [...(r.propertyDependencies[top] ?? [])];
    if (!deps.includes(p.computedFrom)) deps.push(p.computedFrom);
    return {
      ...r,
      props,
      propertyDependencies: { ...r.propertyDependencies, [top]: deps },
      dependencies: r.dependencies.includes(p.computedFrom) ? r.dependencies : [...r.dependencies, p.computedFrom],
    };
  });
  return { ...stack, resources };
}

/** A perturbation in words, for the property's failure message: `resource path <- source`. */
function describePerturbation(p: Perturbation): string {
  const name = (urn: string): string => urn.split("::").pop() ?? urn;
  return `${name(p.urn)} ${p.path.join(".")} <- ${p.computedFrom === null ? "(nothing: its propertyDependencies dropped, read as inputs)" : name(p.computedFrom)}`;
}

/**
 * What a perturbation lost: the rules that had findings before and none after, and the findings that
 * were not exempted before and are exempted after (an exemption granted because a value is unknown).
 * A finding may move to another resource (e.g. from a vault to the plan whose reference to it became
 * unknown); that resource's own exemption then applies, which is how exemptions work.
 */
function lostRules(before: readonly Finding[][], after: readonly Finding[][]): string[] {
  const lost: string[] = [];
  RULES.forEach((rule, i) => {
    if (before[i].length > 0 && after[i].length === 0) lost.push(`${rule.meta.id} (every finding)`);
    const exemptAfter = new Set(after[i].filter((f) => !blocking(f)).map(findingKey));
    for (const finding of before[i]) {
      if (blocking(finding) && exemptAfter.has(findingKey(finding))) lost.push(`${rule.meta.id} (exemption granted to ${finding.code} ${finding.urn})`);
    }
  });
  return lost;
}


// ---------------------------------------------------------------------------------------------------
// Analyze: one resource seen alone

/** Every violation (rule, resource, code, subject) that `Analyze` of each analysed resource reports alone. */
function analyzeViolations(stack: PlannedStack, spec: GovernanceSpec): Set<string> {
  const out = new Set<string>();
  for (const resource of stack.resources) {
    if (!AWS_ANALYSED_TYPES.has(resource.type)) continue;
    const single: PlannedStack = {
      resources: [{ ...resource, origin: "inputs", dependencies: [], propertyDependencies: {} }],
      stackConfig: stack.stackConfig,
      scope: "resource",
    };
    for (const findings of findingsPerRule(single, spec)) {
      for (const finding of findings) if (finding.outcome === "violation") out.add(findingKey(finding));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

describe("properties of the governance policies over generated designs", () => {
  it("generates designs that exercise every governance policy, in pass and fail, and exemptions in every state", () => {
    // A guard against a generator that drifts into designs that never fail (or never pass) a policy.
    const seen = new Map<string, { pass: number; fail: number }>();
    const kinds = new Set<string>();
    fc.assert(
      fc.property(governanceArb, (spec) => {
        const findings = findingsPerRule(build(spec), spec);
        RULES.forEach((rule, i) => {
          const count = seen.get(rule.meta.id) ?? { pass: 0, fail: 0 };
          if (findings[i].length > 0) count.fail++;
          else count.pass++;
          seen.set(rule.meta.id, count);
          for (const f of findings[i]) kinds.add(`${rule.meta.id} ${f.outcome}`).add(`exemption ${f.exemption?.state ?? "none"}`);
        });
      }),
      { numRuns: 150, seed: SEED },
    );
    for (const id of GOVERNANCE) {
      expect(`${id}: ${(seen.get(id)?.pass ?? 0) > 0} ${(seen.get(id)?.fail ?? 0) > 0}`).toBe(`${id}: true true`);
    }
    // Every governance policy reports both kinds of finding, and exemptions are seen in every state.
    const wanted = [...GOVERNANCE.flatMap((id) => [`${id} violation`, `${id} unresolved`]), "exemption granted", "exemption refused", "exemption undecided"];
    expect(wanted.filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it("never throws on any design, and gives the same findings for the same input", () => {
    fc.assert(
      fc.property(governanceArb, (spec) => {
        const first = evaluateAll(build(spec), spec);
        expect(evaluateAll(build(spec), spec)).toEqual(first);
        // The same stack, deep-copied (no state shared through object identity).
        expect(evaluateAll(structuredClone(build(spec)), spec)).toEqual(first);
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it("never throws on a design where any value is unknown in preview", () => {
    fc.assert(
      fc.property(governanceArb, fc.nat(), fc.option(fc.nat(), { nil: null }), (spec, pick, from) => {
        const stack = build(spec);
        const perturbation = perturbationOf(stack, pick, from);
        if (perturbation) findingsPerRule(withUnknown(stack, perturbation), spec);
      }),
      { numRuns: 200, seed: SEED + 1 },
    );
  });

  it("a value becoming unknown in preview (with or without propertyDependencies) never turns a failing design into a passing one", () => {
    fc.assert(
      fc.property(governanceArb, fc.nat(), fc.option(fc.nat(), { nil: null }), (spec, pick, from) => {
        const stack = build(spec);
        const perturbation = perturbationOf(stack, pick, from);
        if (!perturbation) return;
        const before = findingsPerRule(stack, spec);
        const after = findingsPerRule(withUnknown(stack, perturbation), spec);
        expect(`after ${describePerturbation(perturbation)}: lost ${JSON.stringify(lostRules(before, after))}`).toMatch(/lost \[\]$/);
      }),
      { numRuns: 800, seed: SEED },
    );
  });

  // Formerly a bug ("vault-name-unknown"), found by the property above and minimised by hand.
  it("keeps a finding about a copy vault whose name becomes unknown while a copy action names it by a literal ARN", () => {
    const design = (name: JsonValue, computed: boolean): PlannedStack => {
      const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
      const role = b.add("aws:iam/role:Role", "backup-role", { name: "backup-role", assumeRolePolicy: "{}" });
      const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
      b.add(AWS_TYPES.backupVault, "dr", { name }, computed ? { propertyDependencies: { name: [role] } } : {});
      const rules = [{ ruleName: "daily", targetVaultName: UNKNOWN, copyActions: [{ destinationVaultArn: `arn:aws:backup:eu-west-3:${PROD}:backup-vault:dr` }] }];
      b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules }, { propertyDependencies: { rules: [primary] } });
      return b.stack();
    };
    const rule = RULES.find((r) => r.meta.id === "backup-deletion-protection");
    const outcomes = (stack: PlannedStack): string[] =>
      (rule?.evaluate(buildAwsProtectionModel(stack), {}).findings ?? []).map((f) => `${f.outcome} ${f.code} ${f.urn.split("::").pop()}`);
    // The vault named "dr" holds the copies and has no access policy.
    expect(outcomes(design("dr", false))).toEqual(["violation no-vault-policy dr"]);
    // Its name computed from another resource: "dr" may still be its name, or name a vault outside the
    // stack; the copy's vault cannot be identified, which the plan reports (fail closed).
    expect(outcomes(design(UNKNOWN, true))).toEqual(["unresolved unresolved-vault plan"]);
  });

  // Formerly a bug ("store-name-unknown"), found by the property above and minimised by hand.
  it("keeps the restore-test finding of a vault backing up a table whose name becomes unknown while a selection names it by a literal ARN", () => {
    const design = (name: JsonValue, computed: boolean): PlannedStack => {
      const b = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) });
      const role = b.add("aws:iam/role:Role", "backup-role", { name: "backup-role", assumeRolePolicy: "{}" });
      b.add(AWS_TYPES.dynamodbTable, "orders", { name, hashKey: "id", arn: UNKNOWN }, computed ? { propertyDependencies: { name: [role] } } : {});
      const vault = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
      const plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules: [{ ruleName: "daily", targetVaultName: UNKNOWN }] }, { propertyDependencies: { rules: [vault] } });
      b.add(AWS_TYPES.backupSelection, "selection", { name: "s", planId: UNKNOWN, iamRoleArn: `arn:aws:iam::${PROD}:role/b`, resources: [`arn:aws:dynamodb:eu-west-3:${PROD}:table/orders`] }, {
        propertyDependencies: { planId: [plan] },
      });
      return b.stack();
    };
    const outcomes = (id: string, stack: PlannedStack): string[] =>
      (RULES.find((r) => r.meta.id === id)?.evaluate(buildAwsProtectionModel(stack), {}).findings ?? []).map((f) => `${f.outcome} ${f.code} ${f.urn.split("::").pop()}`);
    expect(outcomes("backup-restore-testing", design("orders", false))).toEqual(["violation no-restore-test primary"]);
    expect(outcomes("backup-coverage", design("orders", false))).toEqual([]);
    // The table's name computed from another resource: "orders" may still be its name.
    expect(outcomes("backup-restore-testing", design(UNKNOWN, true))).not.toEqual([]);
    expect(outcomes("backup-coverage", design(UNKNOWN, true))).toEqual(["unresolved coverage-undecided orders"]);
  });

  it("Analyze of a single resource never reports a violation that the whole stack does not report", () => {
    fc.assert(
      fc.property(governanceArb, (spec) => {
        const stack = build(spec);
        const whole = new Set(findingsPerRule(stack, spec).flatMap((findings) => findings.filter((f) => f.outcome === "violation").map(findingKey)));
        const extra = [...analyzeViolations(stack, spec)].filter((key) => !whole.has(key)).map((key) => key.split("\u0000").join(" | "));
        expect(extra).toEqual([]);
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});
