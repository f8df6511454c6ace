import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { JsonObject, JsonValue } from "../../policies/core/json";
import { PlannedProvider, PlannedResource } from "../../policies/core/planned-stack";
import { findingsOf, outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-key-separation";
const PROD = "111111111111";
const BACKUP = "222222222222";
const PROD_CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) };
const PROD_KEY_ARN = `arn:aws:kms:eu-west-3:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_PROD_KEY_ARN = `arn:aws:kms:eu-west-3:${PROD}:key/9999abcd-12ab-34cd-56ef-1234567890ab`;
const BACKUP_KEY_ARN = `arn:aws:kms:eu-central-1:${BACKUP}:key/5678abcd-12ab-34cd-56ef-1234567890ab`;
const PLAN = `urn:pulumi:dev::proj::${AWS_TYPES.backupPlan}::plan`;
const BACKUP_REMEDY =
  "Create a KMS key for the copies in the destination vault's account and region (aws.kms.Key created through that account's provider) and set it as the destination vault's kmsKeyArn (encryptionKeyArn for a logically air-gapped vault); or leave it unset to use AWS Backup's AWS managed key of that account.";
const NATIVE_REMEDY =
  "Encrypt the copy with a KMS key of its own, created in the copy's account and region: replicaKmsKeyId (S3 replication), kmsKeyId (RDS automated-backup replication and snapshot copies, EBS snapshot copies, EFS replication destination), cmkArn (DLM cross-region copy rules). A DLM share hands over the source snapshots themselves: have the target account copy them with its own key (an event-based DLM policy with encryptionConfiguration.cmkArn).";
const SHARED_RISK =
  "Whoever can disable, delete or re-policy that key from production (or ransomware using those permissions) makes the copies unreadable together with the primary data.";

/** A property value and the in-stack resources it is computed from (UNKNOWN in preview). */
interface Computed {
  readonly from: PlannedResource;
}
type KeyInput = JsonValue | Computed | undefined;

function isComputed(value: KeyInput): value is Computed {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "from" in value;
}

/** Sets `property` to a literal, or to an unknown value computed from a resource. */
function keyProp(property: string, value: KeyInput): { props: JsonObject; deps: Record<string, PlannedResource[]> } {
  if (value === undefined) return { props: {}, deps: {} };
  if (isComputed(value)) return { props: { [property]: UNKNOWN }, deps: { [property]: [value.from] } };
  return { props: { [property]: value }, deps: {} };
}

/** The production stack and a provider `dr` in eu-central-1 that assumes a role in the backup account. */
function prod() {
  const b = new PlannedStackBuilder(PROD_CONFIG);
  const dr = b.provider("dr", { region: "eu-central-1", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP}:role/backup` }] });
  return { b, dr };
}

interface BackupKeys {
  /** kmsKeyId of the RDS instance (storageEncrypted is true). */
  readonly db?: KeyInput;
  /** kmsKeyArn of the source vault "primary". */
  readonly source?: KeyInput;
  /** kmsKeyArn of the destination vault "dr". */
  readonly copy?: KeyInput;
  /** Provider of the destination vault (default: dr). */
  readonly copyProvider?: PlannedProvider;
  /** Select the instance by tag instead of by reference. */
  readonly selectionTags?: JsonObject[] | string;
  /** A logically air-gapped destination (its key is encryptionKeyArn). */
  readonly airGapped?: boolean;
}

/**
 * An encrypted RDS instance "db" backed up by plan "plan" into vault "primary" (production account,
 * eu-west-3), rule "daily" copying into vault "dr" (provider dr: eu-central-1, backup account).
 */
function backupStack(b: PlannedStackBuilder, dr: PlannedProvider, keys: BackupKeys) {
  const db = keyProp("kmsKeyId", keys.db);
  const instance = b.add(
    AWS_TYPES.rdsInstance,
    "db",
    { storageEncrypted: true, arn: UNKNOWN, tags: { backup: "daily" }, ...db.props },
    { propertyDependencies: db.deps },
  );
  const source = keyProp("kmsKeyArn", keys.source);
  const primary = b.add(AWS_TYPES.backupVault, "primary", { name: "primary", ...source.props }, { propertyDependencies: source.deps });
  const copyKey = keyProp(keys.airGapped ? "encryptionKeyArn" : "kmsKeyArn", keys.copy);
  const destination = b.add(
    keys.airGapped ? AWS_TYPES.backupLogicallyAirGappedVault : AWS_TYPES.backupVault,
    "dr",
    { name: "dr", ...(keys.airGapped ? { minRetentionDays: 7, maxRetentionDays: 35 } : {}), ...copyKey.props },
    { provider: keys.copyProvider ?? dr, propertyDependencies: copyKey.deps },
  );
  const plan = b.add(
    AWS_TYPES.backupPlan,
    "plan",
    { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] },
    { propertyDependencies: { rules: [primary, destination] } },
  );
  const selection: JsonObject = { planId: UNKNOWN, iamRoleArn: `arn:aws:iam::${PROD}:role/backup` };
  if (keys.selectionTags !== undefined) {
    b.add(AWS_TYPES.backupSelection, "selection", { ...selection, selectionTags: keys.selectionTags }, { propertyDependencies: { planId: [plan] } });
  } else {
    b.add(AWS_TYPES.backupSelection, "selection", { ...selection, resources: [UNKNOWN] }, { propertyDependencies: { planId: [plan], resources: [instance] } });
  }
  return { instance, primary, destination, plan };
}

function backupOutcomes(keys: BackupKeys, config: Record<string, unknown> = {}): string[] {
  const { b, dr } = prod();
  backupStack(b, dr, keys);
  return outcomesOf(ID, b.stack(), config);
}

describe("backup-key-separation: AWS Backup copies", () => {
  it("flags a copy vault encrypted with the same aws.kms.Key as the primary database (through propertyDependencies)", () => {
    const { b, dr } = prod();
    const key = b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN, keyId: UNKNOWN });
    backupStack(b, dr, { db: { from: key }, copy: { from: key } });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "copy-shares-primary-key",
        subject: 'rule "daily"',
        message:
          'rule "daily" of backup plan "plan" encrypts its copies with a key shared with production. Shared: copy action → vault "dr" is encrypted with KMS Key "prod-key" ' +
          '(kmsKeyArn of Vault "dr" is unknown during preview, computed from KMS Key "prod-key"), the same key as the one that encrypts Instance "db" ' +
          '(kmsKeyId of Instance "db" is unknown during preview, computed from KMS Key "prod-key"). ' +
          `${SHARED_RISK} ${BACKUP_REMEDY}`,
      },
    ]);
  });

  it("flags the same literal key ARN on the database and the copy vault", () => {
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: PROD_KEY_ARN })).toEqual(['violation copy-shares-primary-key plan rule "daily"']);
    // A bare key id written on the database is the same key as the ARN with that id.
    expect(backupOutcomes({ db: "1234abcd-12ab-34cd-56ef-1234567890ab", copy: PROD_KEY_ARN })).toEqual(['violation copy-shares-primary-key plan rule "daily"']);
  });

  it("flags a logically air-gapped vault whose encryptionKeyArn is the primary's key", () => {
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: PROD_KEY_ARN, airGapped: true })).toEqual(['violation copy-shares-primary-key plan rule "daily"']);
  });

  it("passes distinct keys: a key created in the backup account, a literal key ARN of the backup account", () => {
    const { b, dr } = prod();
    const prodKey = b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN });
    const backupKey = b.add(AWS_TYPES.kmsKey, "backup-key", { arn: UNKNOWN }, { provider: dr });
    backupStack(b, dr, { db: { from: prodKey }, source: { from: prodKey }, copy: { from: backupKey } });
    expect(findingsOf(ID, b.stack())).toEqual([]);
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: BACKUP_KEY_ARN })).toEqual([]);
  });

  it("passes a copy vault without kmsKeyArn (AWS Backup's AWS managed key), also when planned outputs hold it as unknown", () => {
    expect(backupOutcomes({ db: PROD_KEY_ARN })).toEqual([]);
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: UNKNOWN })).toEqual([]);
    // An AWS managed key named by its alias is no customer key.
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: "alias/aws/backup" })).toEqual([]);
  });

  it("passes unencrypted and AWS-managed primaries whatever the copy's key", () => {
    expect(backupOutcomes({ copy: BACKUP_KEY_ARN })).toEqual([]);
  });

  it("flags a copy in the backup account encrypted with another key of the production account", () => {
    const { b, dr } = prod();
    const prodKey = b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN });
    const copyKey = b.add(AWS_TYPES.kmsKey, "copy-key", { arn: UNKNOWN });
    backupStack(b, dr, { db: { from: prodKey }, copy: { from: copyKey } });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "copy-key-in-production-account",
        subject: 'rule "daily"',
        message:
          'rule "daily" of backup plan "plan" encrypts copies in another account with a production key. Keys: ' +
          'copy action → vault "dr" in account 222222222222 (provider dr assumeRoles[0].roleArn) is encrypted with KMS Key "copy-key", owned by account 111111111111 (default provider default_7_48_0 allowedAccountIds), the account of vault "primary". ' +
          "The production account's administrators (or ransomware using their credentials) can disable the key, schedule its deletion or change its key policy, and the copies become unreadable although they are kept in another account. " +
          BACKUP_REMEDY,
      },
    ]);
    expect(outcomesOf(ID, b.stack(), { requireKeyInCopyAccount: false })).toEqual([]);
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: OTHER_PROD_KEY_ARN })).toEqual(['violation copy-key-in-production-account plan rule "daily"']);
  });

  it("accepts a key of a third account (a central key account) and a key of the copy's own account", () => {
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: "arn:aws:kms:eu-central-1:333333333333:key/0000abcd-12ab-34cd-56ef-1234567890ab" })).toEqual([]);
    // A bare key id or alias names a key of the account that uses it.
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: "alias/backup" })).toEqual([]);
  });

  it("does not ask for a key of the copy's account when the copy stays in the production account", () => {
    const { b } = prod();
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: OTHER_PROD_KEY_ARN, copyProvider: b.defaultProvider })).toEqual([]);
  });

  it("flags a copy encrypted with the source vault's key", () => {
    const { b, dr } = prod();
    const vaultKey = b.add(AWS_TYPES.kmsKey, "vault-key", { arn: UNKNOWN });
    backupStack(b, dr, { db: PROD_KEY_ARN, source: { from: vaultKey }, copy: { from: vaultKey } });
    const findings = findingsOf(ID, b.stack());
    expect(findings.map((f) => f.code)).toEqual(["copy-shares-primary-key"]);
    expect(findings[0].message).toContain('the same key as the one that encrypts source vault "primary"');
  });

  it("resolves aliases: an aws.kms.Alias of the primary's key, a literal alias name of an in-stack alias", () => {
    const { b, dr } = prod();
    const key = b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN });
    const alias = b.add(AWS_TYPES.kmsAlias, "prod-alias", { name: "alias/prod", targetKeyId: UNKNOWN }, { propertyDependencies: { targetKeyId: [key] } });
    backupStack(b, dr, { db: { from: key }, copy: { from: alias } });
    expect(outcomesOf(ID, b.stack())).toEqual(['violation copy-shares-primary-key plan rule "daily"']);

    const other = prod();
    const key2 = other.b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN });
    other.b.add(AWS_TYPES.kmsAlias, "prod-alias", { name: "alias/prod", targetKeyId: UNKNOWN }, { propertyDependencies: { targetKeyId: [key2] } });
    backupStack(other.b, other.dr, { db: "alias/prod", copy: { from: key2 } });
    expect(outcomesOf(ID, other.b.stack())).toEqual(['violation copy-shares-primary-key plan rule "daily"']);
  });

  it("cannot compare an alias with a key id it does not resolve: unresolved, unless the key is production's anyway", () => {
    const { b } = prod();
    const sameAccount = { copyProvider: b.provider("dr-prod", { region: "eu-west-3", allowedAccountIds: [PROD] }) };
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: `arn:aws:kms:eu-west-3:${PROD}:alias/backup`, ...sameAccount })).toEqual(['unresolved unresolved-key plan rule "daily"']);
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: `arn:aws:kms:eu-west-3:${PROD}:alias/backup` })).toEqual(['violation copy-key-in-production-account plan rule "daily"']);
  });

  // A replica key shares its primary's key material but has its own key policy, key state and deletion
  // schedule: the account that owns it decides (issue 10 item 5).
  describe("multi-Region keys: judged by the account that owns them", () => {
    const replicated = (replicaProvider: "prod" | "backup", copyIn: "backup" | "prod") => {
      const { b, dr } = prod();
      const key = b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN, multiRegion: true });
      const drProd = b.provider("dr-prod", { region: "eu-central-1", allowedAccountIds: [PROD] });
      const replica = b.add(
        AWS_TYPES.kmsReplicaKey,
        "prod-key-replica",
        { primaryKeyArn: UNKNOWN, arn: UNKNOWN },
        { provider: replicaProvider === "prod" ? drProd : dr, propertyDependencies: { primaryKeyArn: [key] } },
      );
      backupStack(b, dr, { db: { from: key }, copy: { from: replica }, copyProvider: copyIn === "prod" ? drProd : dr });
      return b.stack();
    };

    it("flags a copy in the backup account encrypted with a replica the production account owns, naming the account", () => {
      expect(findingsOf(ID, replicated("prod", "backup"))).toEqual([
        {
          ruleId: ID,
          urn: PLAN,
          outcome: "violation",
          code: "copy-key-in-production-account",
          subject: 'rule "daily"',
          message:
            'rule "daily" of backup plan "plan" encrypts copies in another account with a production key. ' +
            `Keys: copy action → vault "dr" in account ${BACKUP} (provider dr assumeRoles[0].roleArn) is encrypted with KMS ReplicaKey "prod-key-replica" (a multi-Region replica of KMS Key "prod-key") ` +
            `(a multi-Region relative of the key of Instance "db"), owned by account ${PROD} (provider dr-prod allowedAccountIds), the account of vault "primary". ` +
            "The production account's administrators (or ransomware using their credentials) can disable the key, schedule its deletion or change its key policy, and the copies become unreadable although they are kept in another account. " +
            BACKUP_REMEDY,
        },
      ]);
    });

    it("reports a copy in the production account encrypted with a replica of the primary's key as advisory, naming the account, not the same key", () => {
      expect(findingsOf(ID, replicated("prod", "prod"))).toEqual([
        {
          ruleId: ID,
          urn: PLAN,
          outcome: "advisory",
          code: "copy-key-replica-in-production-account",
          subject: 'rule "daily"',
          message:
            `rule "daily" of backup plan "plan" encrypts its copies with a key that account ${PROD} owns. ` +
            'Keys: copy action → vault "dr" is encrypted with KMS ReplicaKey "prod-key-replica" (a multi-Region replica of KMS Key "prod-key"), a multi-Region relative of the key of Instance "db", ' +
            `both owned by account ${PROD} (provider dr-prod allowedAccountIds). ` +
            "A multi-Region replica has its own key policy, key state and deletion schedule, so disabling or deleting the production key does not reach it; " +
            `but the administrators of account ${PROD} (or ransomware using their credentials) can still disable it, schedule its deletion or change its key policy, and the copies become unreadable. ${BACKUP_REMEDY}`,
        },
      ]);
    });

    it("passes a replica owned by the backup account: a separate key", () => {
      expect(findingsOf(ID, replicated("backup", "backup"))).toEqual([]);
    });

    it("tells literal mrk- ids apart by region: the same key in one region, related keys in two", () => {
      const drProd = prod().b.provider("dr-prod", { region: "eu-central-1", allowedAccountIds: [PROD] });
      const mrk = (region: string) => `arn:aws:kms:${region}:${PROD}:key/mrk-1234abcd`;
      expect(backupOutcomes({ db: mrk("eu-west-3"), copy: mrk("eu-central-1"), copyProvider: drProd })).toEqual([
        'advisory copy-key-replica-in-production-account plan rule "daily"',
      ]);
      expect(backupOutcomes({ db: mrk("eu-west-3"), copy: mrk("eu-central-1") })).toEqual(['violation copy-key-in-production-account plan rule "daily"']);
      expect(backupOutcomes({ db: mrk("eu-west-3"), source: mrk("eu-west-3"), copy: BACKUP_KEY_ARN })).toEqual([]);
      expect(backupOutcomes({ db: mrk("eu-central-1"), copy: mrk("eu-central-1"), copyProvider: drProd })).toEqual(['violation copy-shares-primary-key plan rule "daily"']);
    });
  });

  it("reports a copy key unknown in preview as unresolved", () => {
    const { b, dr } = prod();
    const reference = b.add("pulumi:pulumi:StackReference", "keys", { outputs: UNKNOWN });
    backupStack(b, dr, { db: PROD_KEY_ARN, copy: { from: reference } });
    expect(findingsOf(ID, b.stack())).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "unresolved",
        code: "unresolved-key",
        subject: 'rule "daily"',
        message:
          'cannot tell whether rule "daily" of backup plan "plan" shares keys with production. Undecided: the key of copy action → vault "dr" is unknown ' +
          '(kmsKeyArn of Vault "dr" is unknown during preview and computed from StackReference "keys", not from a KMS key of this stack). ' +
          "Name the keys so that they can be compared during preview: reference keys declared in this stack (aws.kms.Key, aws.kms.Alias) or write key ARNs.",
      },
    ]);
  });

  it("when the primary's key is unknown, passes a copy key of another region and leaves the same region unresolved", () => {
    const { b, dr } = prod();
    const reference = b.add("pulumi:pulumi:StackReference", "keys", { outputs: UNKNOWN });
    const backupKey = b.add(AWS_TYPES.kmsKey, "backup-key", { arn: UNKNOWN }, { provider: dr });
    backupStack(b, dr, { db: { from: reference }, copy: { from: backupKey } });
    expect(outcomesOf(ID, b.stack())).toEqual([]);

    const same = prod();
    const drSameRegion = same.b.provider("dr-same", { region: "eu-west-3", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP}:role/backup` }] });
    const reference2 = same.b.add("pulumi:pulumi:StackReference", "keys", { outputs: UNKNOWN });
    const backupKey2 = same.b.add(AWS_TYPES.kmsKey, "backup-key", { arn: UNKNOWN }, { provider: drSameRegion });
    backupStack(same.b, same.dr, { db: { from: reference2 }, copy: { from: backupKey2 }, copyProvider: drSameRegion });
    expect(outcomesOf(ID, same.b.stack())).toEqual(['unresolved unresolved-key plan rule "daily"']);
  });

  it("judges stores selected by tags, and leaves a store that may be selected unresolved", () => {
    const tags = [{ type: "STRINGEQUALS", key: "backup", value: "daily" }];
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: PROD_KEY_ARN, selectionTags: tags })).toEqual(['violation copy-shares-primary-key plan rule "daily"']);
    // Whether the instance is selected is unknown: a shared key cannot be proven (a copy kept in the production account).
    const { b } = prod();
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: PROD_KEY_ARN, selectionTags: UNKNOWN, copyProvider: b.defaultProvider })).toEqual(['unresolved unresolved-key plan rule "daily"']);
    // A copy in the backup account with a production key is flagged whatever the selection.
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: PROD_KEY_ARN, selectionTags: UNKNOWN })).toEqual(['violation copy-key-in-production-account plan rule "daily"']);
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: PROD_KEY_ARN, selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "weekly" }], copyProvider: b.defaultProvider })).toEqual([]);
  });

  it("reports a plan whose rules are unknown in preview as unresolved, and judges nothing about a plan seen alone", () => {
    const { b } = prod();
    const plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules: UNKNOWN });
    expect(outcomesOf(ID, b.stack())).toEqual(["unresolved unreadable-route plan rules"]);
    const full = prod();
    const built = backupStack(full.b, full.dr, { db: PROD_KEY_ARN, copy: PROD_KEY_ARN });
    expect(findingsOf(ID, full.b.single(built.plan))).toEqual([]);
    expect(findingsOf(ID, full.b.single(built.destination))).toEqual([]);
    void plan;
  });

  it("never throws on malformed key values, and does not pass them", () => {
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: 42 })).toEqual(['unresolved unresolved-key plan rule "daily"']);
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: { arn: PROD_KEY_ARN } })).toEqual(['unresolved unresolved-key plan rule "daily"']);
    expect(backupOutcomes({ db: PROD_KEY_ARN, copy: "arn:aws:s3:::not-a-key" })).toEqual(['unresolved unresolved-key plan rule "daily"']);
    expect(backupOutcomes({ db: 7, copy: BACKUP_KEY_ARN })).toEqual([]);
    expect(backupOutcomes({ db: ["x"], copy: OTHER_PROD_KEY_ARN, copyProvider: prod().b.defaultProvider })).toEqual(['unresolved unresolved-key plan rule "daily"']);
  });
});

describe("backup-key-separation: native copies", () => {
  const REPLICATION = `urn:pulumi:dev::proj::${AWS_TYPES.s3ReplicationConfig}::replication`;

  /** Bucket "source" (SSE with `sourceKey`) replicated by "replication" into bucket "replica" (provider dr). */
  function s3Stack(sourceKey: KeyInput, replicaKey: KeyInput, extra: { status?: string; sseType?: string } = {}, built = prod()) {
    const { b, dr } = built;
    const source = b.add(AWS_TYPES.s3Bucket, "source", { bucket: "source" });
    const replica = b.add(AWS_TYPES.s3Bucket, "replica", { bucket: "replica" }, { provider: dr });
    const sse = keyProp("kmsMasterKeyId", sourceKey);
    b.add(
      extra.sseType ?? AWS_TYPES.s3Encryption,
      "source-sse",
      { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", ...sse.props } }] },
      { propertyDependencies: { bucket: [source], rules: Object.values(sse.deps).flat() } },
    );
    const replicaKmsKeyId = keyProp("replicaKmsKeyId", replicaKey);
    b.add(
      AWS_TYPES.s3ReplicationConfig,
      "replication",
      {
        bucket: UNKNOWN,
        role: "arn:aws:iam::111111111111:role/replication",
        rules: [
          {
            id: "everything",
            status: extra.status ?? "Enabled",
            destination: { bucket: UNKNOWN, ...(replicaKey === undefined ? {} : { encryptionConfiguration: replicaKmsKeyId.props }) },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          },
        ],
      },
      { propertyDependencies: { bucket: [source], rules: [replica, ...Object.values(replicaKmsKeyId.deps).flat()] } },
    );
    return b;
  }

  it("flags S3 replication whose replicaKmsKeyId is the key of the source bucket's default encryption", () => {
    const built = prod();
    const key = built.b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN });
    expect(findingsOf(ID, s3Stack({ from: key }, { from: key }, {}, built).stack())).toEqual([
      {
        ruleId: ID,
        urn: REPLICATION,
        outcome: "violation",
        code: "copy-shares-primary-key",
        subject: 'replication rule "everything"',
        message:
          'replication rule "everything" encrypts its copies with a key shared with production. Route: replication rule "everything" of replication configuration "replication" of bucket "source". Shared: ' +
          'replica → bucket "replica" is encrypted with KMS Key "prod-key" (rules[0].destination.encryptionConfiguration.replicaKmsKeyId of BucketReplicationConfig "replication" is unknown during preview, computed from KMS Key "prod-key"), ' +
          'the same key as the one that encrypts Bucket "source" (rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId of BucketServerSideEncryptionConfiguration "source-sse" is unknown during preview, computed from KMS Key "prod-key"). ' +
          `${SHARED_RISK} ${NATIVE_REMEDY}`,
      },
    ]);
  });

  it("passes S3 replication into a key of the replica's account, or without replicaKmsKeyId (SSE-S3 replicas)", () => {
    expect(outcomesOf(ID, s3Stack(PROD_KEY_ARN, BACKUP_KEY_ARN).stack())).toEqual([]);
    expect(outcomesOf(ID, s3Stack(PROD_KEY_ARN, undefined).stack())).toEqual([]);
    expect(outcomesOf(ID, s3Stack(PROD_KEY_ARN, PROD_KEY_ARN).stack())).toEqual(['violation copy-shares-primary-key replication replication rule "everything"']);
    expect(outcomesOf(ID, s3Stack(PROD_KEY_ARN, PROD_KEY_ARN, { sseType: AWS_TYPES.s3EncryptionV2 }).stack())).toEqual([
      'violation copy-shares-primary-key replication replication rule "everything"',
    ]);
  });

  it("judges replicaKmsKeyId that is a multi-Region replica of the source bucket's key by the account that owns it", () => {
    /** The source's multi-Region key, its replica in eu-central-1 (owned by `owner`), the replica bucket in `bucketIn`. */
    const design = (owner: "prod" | "backup", bucketIn: "prod" | "backup") => {
      const built = prod();
      const drProd = built.b.provider("dr-prod", { region: "eu-central-1", allowedAccountIds: [PROD] });
      const key = built.b.add(AWS_TYPES.kmsKey, "prod-key", { arn: UNKNOWN, multiRegion: true });
      const replicaKey = built.b.add(
        AWS_TYPES.kmsReplicaKey,
        "prod-key-replica",
        { primaryKeyArn: UNKNOWN, arn: UNKNOWN },
        { provider: owner === "prod" ? drProd : built.dr, propertyDependencies: { primaryKeyArn: [key] } },
      );
      return s3Stack({ from: key }, { from: replicaKey }, {}, { b: built.b, dr: bucketIn === "prod" ? drProd : built.dr }).stack();
    };
    const [advisory] = findingsOf(ID, design("prod", "prod"));
    expect(advisory).toEqual({
      ruleId: ID,
      urn: REPLICATION,
      outcome: "advisory",
      code: "copy-key-replica-in-production-account",
      subject: 'replication rule "everything"',
      message:
        `replication rule "everything" encrypts its copies with a key that account ${PROD} owns. Route: replication rule "everything" of replication configuration "replication" of bucket "source". ` +
        'Keys: replica → bucket "replica" is encrypted with KMS ReplicaKey "prod-key-replica" (a multi-Region replica of KMS Key "prod-key"), a multi-Region relative of the key of Bucket "source", ' +
        `both owned by account ${PROD} (provider dr-prod allowedAccountIds). ` +
        "A multi-Region replica has its own key policy, key state and deletion schedule, so disabling or deleting the production key does not reach it; " +
        `but the administrators of account ${PROD} (or ransomware using their credentials) can still disable it, schedule its deletion or change its key policy, and the copies become unreadable. ${NATIVE_REMEDY}`,
    });
    expect(outcomesOf(ID, design("prod", "backup"))).toEqual(['violation copy-key-in-production-account replication replication rule "everything"']);
    expect(outcomesOf(ID, design("backup", "backup"))).toEqual([]);
    // Literal ARNs: the source key's mrk- id in the replica's region is a related key, in the source's region the same key.
    const drProd = (built: ReturnType<typeof prod>) => ({ b: built.b, dr: built.b.provider("dr-prod", { region: "eu-central-1", allowedAccountIds: [PROD] }) });
    const mrk = (region: string) => `arn:aws:kms:${region}:${PROD}:key/mrk-5678`;
    expect(outcomesOf(ID, s3Stack(mrk("eu-west-3"), mrk("eu-central-1"), {}, drProd(prod())).stack())).toEqual([
      'advisory copy-key-replica-in-production-account replication replication rule "everything"',
    ]);
    expect(outcomesOf(ID, s3Stack(mrk("eu-west-3"), mrk("eu-west-3"), {}, drProd(prod())).stack())).toEqual(['violation copy-shares-primary-key replication replication rule "everything"']);
  });

  it("reports a rule whose status is unknown as unresolved, with the same code", () => {
    expect(outcomesOf(ID, s3Stack(PROD_KEY_ARN, PROD_KEY_ARN, { status: UNKNOWN }).stack())).toEqual([
      'unresolved copy-shares-primary-key replication replication rule "everything"',
    ]);
  });

  it("proves a shared key from a bucket seen alone (inline encryption and replication)", () => {
    const { b } = prod();
    const bucket = b.add(AWS_TYPES.s3Bucket, "source", {
      bucket: "source",
      serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: PROD_KEY_ARN } } },
      replicationConfiguration: {
        role: "arn:aws:iam::111111111111:role/replication",
        rules: [{ id: "all", status: "Enabled", destination: { bucket: "arn:aws:s3:::replica", replicaKmsKeyId: PROD_KEY_ARN } }],
      },
    });
    expect(outcomesOf(ID, b.single(bucket))).toEqual(['violation copy-shares-primary-key source replication rule "all"']);
    expect(outcomesOf(ID, b.stack())).toEqual(['violation copy-shares-primary-key source replication rule "all"']);
  });

  it("flags an RDS snapshot copy without kmsKeyId: it keeps the source snapshot's key", () => {
    const design = (instance: JsonObject, copy: JsonObject = {}) => {
      const { b } = prod();
      const keys = b.add("pulumi:pulumi:StackReference", "keys", { outputs: UNKNOWN });
      const db = b.add(AWS_TYPES.rdsInstance, "db", { identifier: "db", ...instance }, { propertyDependencies: instance["kmsKeyId"] === UNKNOWN ? { kmsKeyId: [keys] } : {} });
      const snapshot = b.add(AWS_TYPES.rdsSnapshot, "snap", { dbInstanceIdentifier: UNKNOWN, dbSnapshotIdentifier: "snap", dbSnapshotArn: UNKNOWN }, { propertyDependencies: { dbInstanceIdentifier: [db] } });
      b.add(AWS_TYPES.rdsSnapshotCopy, "copy", { sourceDbSnapshotIdentifier: UNKNOWN, targetDbSnapshotIdentifier: "copy", ...copy }, { propertyDependencies: { sourceDbSnapshotIdentifier: [snapshot] } });
      return b.stack();
    };
    const findings = findingsOf(ID, design({ storageEncrypted: true, kmsKeyId: PROD_KEY_ARN }));
    expect(findings.map((f) => `${f.outcome} ${f.code}`)).toEqual(["violation copy-shares-primary-key"]);
    expect(findings[0].message).toContain(
      `snapshot copy → snapshot copy "copy" keeps the key of its source (kmsKeyId not set: the copy keeps the key of its source snapshot): ${PROD_KEY_ARN}, which encrypts Instance "db" (kmsKeyId of Instance "db")`,
    );
    expect(outcomesOf(ID, design({ storageEncrypted: true, kmsKeyId: PROD_KEY_ARN }, { kmsKeyId: OTHER_PROD_KEY_ARN }))).toEqual([]);
    expect(outcomesOf(ID, design({ storageEncrypted: true }))).toEqual([]);
    expect(outcomesOf(ID, design({}))).toEqual([]);
    expect(outcomesOf(ID, design({ storageEncrypted: true, kmsKeyId: UNKNOWN }))).toEqual(["unresolved unresolved-key copy"]);
  });

  it("flags a DLM share of volumes encrypted with a customer key, and passes cross-region copies with their own key", () => {
    const design = (schedule: JsonObject) => {
      const { b } = prod();
      b.add(AWS_TYPES.ebsVolume, "vol", { availabilityZone: "eu-west-3a", size: 10, encrypted: true, kmsKeyId: PROD_KEY_ARN, tags: { snap: "yes" } });
      b.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
        state: "ENABLED",
        policyDetails: { resourceTypes: ["VOLUME"], targetTags: { snap: "yes" }, schedules: [{ name: "daily", retainRule: { count: 7 }, ...schedule }] },
      });
      return b.stack();
    };
    expect(outcomesOf(ID, design({ shareRule: { targetAccounts: [BACKUP] } }))).toEqual(['violation copy-shares-primary-key dlm schedule "daily"']);
    expect(outcomesOf(ID, design({ crossRegionCopyRules: [{ target: "eu-central-1", encrypted: true, cmkArn: BACKUP_KEY_ARN }] }))).toEqual([]);
    expect(outcomesOf(ID, design({ crossRegionCopyRules: [{ target: "eu-central-1", encrypted: true }] }))).toEqual([]);
    expect(outcomesOf(ID, design({ crossRegionCopyRules: [{ target: "eu-central-1", encrypted: true, cmkArn: 5 }] }))).toEqual(['unresolved unresolved-key dlm schedule "daily"']);
  });

  it("judges EBS snapshot copies: same region keeps the key, another region uses the default EBS key", () => {
    const design = (copy: JsonObject, provider?: "dr") => {
      const { b, dr } = prod();
      const vol = b.add(AWS_TYPES.ebsVolume, "vol", { availabilityZone: "eu-west-3a", size: 10, encrypted: true, kmsKeyId: PROD_KEY_ARN });
      const snap = b.add(AWS_TYPES.ebsSnapshot, "snap", { volumeId: UNKNOWN }, { propertyDependencies: { volumeId: [vol] } });
      b.add(AWS_TYPES.ebsSnapshotCopy, "copy", { sourceSnapshotId: UNKNOWN, sourceRegion: "eu-west-3", ...copy }, { provider: provider === "dr" ? dr : undefined, propertyDependencies: { sourceSnapshotId: [snap] } });
      return b.stack();
    };
    expect(outcomesOf(ID, design({}))).toEqual(["violation copy-shares-primary-key copy"]);
    expect(outcomesOf(ID, design({}, "dr"))).toEqual([]);
    expect(outcomesOf(ID, design({ kmsKeyId: BACKUP_KEY_ARN }, "dr"))).toEqual([]);
    expect(outcomesOf(ID, design({ kmsKeyId: PROD_KEY_ARN }))).toEqual(["violation copy-shares-primary-key copy"]);
  });

  it("judges EFS replication by destination.kmsKeyId", () => {
    const design = (destination: JsonObject) => {
      const { b } = prod();
      const fs = b.add(AWS_TYPES.efsFileSystem, "fs", { encrypted: true, kmsKeyId: `arn:aws:kms:eu-west-3:${PROD}:key/mrk-0001` });
      b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination }, { propertyDependencies: { sourceFileSystemId: [fs] } });
      return b.stack();
    };
    // The same mrk- id in another region is a related key of the production account, not the same key.
    expect(outcomesOf(ID, design({ region: "eu-central-1", kmsKeyId: `arn:aws:kms:eu-central-1:${PROD}:key/mrk-0001` }))).toEqual(["advisory copy-key-replica-in-production-account repl"]);
    expect(outcomesOf(ID, design({ region: "eu-west-3", kmsKeyId: `arn:aws:kms:eu-west-3:${PROD}:key/mrk-0001` }))).toEqual(["violation copy-shares-primary-key repl"]);
    expect(outcomesOf(ID, design({ region: "eu-central-1", kmsKeyId: `arn:aws:kms:eu-central-1:${PROD}:key/mrk-0002` }))).toEqual([]);
    expect(outcomesOf(ID, design({ region: "eu-central-1" }))).toEqual([]);
    expect(outcomesOf(ID, design({ region: "eu-central-1", kmsKeyId: UNKNOWN }))).toEqual([]);
  });

  it("judges RDS automated-backup replication through a provider in the backup account", () => {
    const design = (replication: JsonObject) => {
      const { b, dr } = prod();
      const db = b.add(AWS_TYPES.rdsInstance, "db", { identifier: "db", arn: UNKNOWN, storageEncrypted: true, kmsKeyId: PROD_KEY_ARN, backupRetentionPeriod: 7 });
      b.add(AWS_TYPES.rdsAutomatedBackupsReplication, "repl", { sourceDbInstanceArn: UNKNOWN, ...replication }, { provider: dr, propertyDependencies: { sourceDbInstanceArn: [db] } });
      return b.stack();
    };
    expect(outcomesOf(ID, design({ kmsKeyId: BACKUP_KEY_ARN }))).toEqual([]);
    expect(outcomesOf(ID, design({ kmsKeyId: `arn:aws:kms:eu-central-1:${PROD}:key/0001` }))).toEqual(["violation copy-key-in-production-account repl"]);
    expect(outcomesOf(ID, design({}))).toEqual([]);
  });
});
