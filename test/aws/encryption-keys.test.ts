import { encryptionKeyOf } from "../../policies/aws/encryption-keys";
import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { KeyFact } from "../../policies/core/data-stores";
import { JsonObject } from "../../policies/core/json";
import { PlannedResource, PlannedStack, StackIndex } from "../../policies/core/planned-stack";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const PROD = "111111111111";
const PROD_CONFIG = { "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD]) };
const KEY_ARN = `arn:aws:kms:eu-west-3:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DEFAULT_REGION = { state: "known", value: "eu-west-3", basis: "default provider default_7_48_0, stack config aws:region" };
const PROD_ACCOUNT = { state: "known", accountIds: [PROD], basis: "default provider default_7_48_0 allowedAccountIds" };

/** The key of `resource` in `stack` (a fresh index, as one analysis builds). */
function keyOf(stack: PlannedStack, resource: PlannedResource): KeyFact {
  const index = new StackIndex(stack);
  const planned = index.byUrn(resource.urn);
  if (!planned) throw new Error(`no ${resource.urn}`);
  return encryptionKeyOf(index, planned);
}

/** The key of a single resource of `type` with `props` in a production stack. */
function keyOfProps(type: string, props: JsonObject): KeyFact {
  const b = new PlannedStackBuilder(PROD_CONFIG);
  const resource = b.add(type, "r", props);
  return keyOf(b.stack(), resource);
}

const stateOf = (fact: KeyFact): string => fact.state;

describe("encryptionKeyOf: RDS", () => {
  it("reads a literal kmsKeyId with its region and account from the ARN", () => {
    expect(keyOfProps(AWS_TYPES.rdsInstance, { storageEncrypted: true, kmsKeyId: KEY_ARN })).toEqual({
      state: "customer-key",
      key: KEY_ARN,
      ref: "1234abcd-12ab-34cd-56ef-1234567890ab",
      region: { state: "known", value: "eu-west-3", basis: `ARN ${KEY_ARN}` },
      account: { state: "known", accountIds: [PROD], basis: `ARN ${KEY_ARN}` },
      multiRegion: false,
      basis: 'kmsKeyId of Instance "r"',
    });
  });

  it("places a bare key id in the resource's own region and account", () => {
    expect(keyOfProps(AWS_TYPES.rdsCluster, { storageEncrypted: true, kmsKeyId: "mrk-0001" })).toEqual({
      state: "customer-key",
      key: "mrk-0001",
      ref: "mrk-0001",
      family: "mrk:mrk-0001",
      region: DEFAULT_REGION,
      account: PROD_ACCOUNT,
      multiRegion: true,
      basis: 'kmsKeyId of Cluster "r"',
    });
  });

  it("tells the AWS managed key, unencrypted storage and unknown settings apart", () => {
    expect(keyOfProps(AWS_TYPES.rdsInstance, { storageEncrypted: true })).toEqual({
      state: "service-default",
      basis: 'Instance "r" sets storageEncrypted without kmsKeyId: RDS uses its AWS managed key (aws/rds)',
    });
    // kmsKeyId computed by the provider (unknown in planned outputs, from no resource): not set.
    expect(stateOf(keyOfProps(AWS_TYPES.rdsInstance, { storageEncrypted: true, kmsKeyId: UNKNOWN }))).toBe("service-default");
    expect(keyOfProps(AWS_TYPES.rdsInstance, {})).toEqual({ state: "unencrypted", basis: 'Instance "r" does not set storageEncrypted' });
    expect(stateOf(keyOfProps(AWS_TYPES.rdsInstance, { storageEncrypted: false }))).toBe("unencrypted");
    expect(stateOf(keyOfProps(AWS_TYPES.rdsCluster, { engineMode: "serverless" }))).toBe("service-default");
    expect(keyOfProps(AWS_TYPES.rdsInstance, { snapshotIdentifier: "snap" })).toEqual({
      state: "unknown",
      basis: 'Instance "r" is restored from a snapshot (snapshotIdentifier) and keeps that snapshot\'s key, which cannot be seen',
    });
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const flag = b.add(AWS_TYPES.rdsInstance, "db", { storageEncrypted: UNKNOWN });
    expect(keyOf(b.single(flag), flag)).toEqual({ state: "unknown", basis: 'storageEncrypted of Instance "db" is unknown during preview' });
  });

  it("recognises an AWS managed key named by its alias", () => {
    expect(keyOfProps(AWS_TYPES.rdsInstance, { storageEncrypted: true, kmsKeyId: "alias/aws/rds" })).toEqual({
      state: "service-default",
      basis: 'kmsKeyId of Instance "r": alias/aws/rds is an AWS managed key',
    });
  });

  it("follows propertyDependencies to an in-stack key, with the key's own placement", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const dr = b.provider("dr", { region: "eu-central-1", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/x" }] });
    const key = b.add(AWS_TYPES.kmsKey, "k", { arn: UNKNOWN, multiRegion: UNKNOWN }, { provider: dr });
    const db = b.add(AWS_TYPES.rdsInstance, "db", { storageEncrypted: true, kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [key] } });
    expect(keyOf(b.stack(), db)).toEqual({
      state: "customer-key",
      key: 'KMS Key "k"',
      keyUrn: key.urn,
      region: { state: "known", value: "eu-central-1", basis: "provider dr region" },
      account: { state: "known", accountIds: ["222222222222"], basis: "provider dr assumeRoles[0].roleArn" },
      // multiRegion is computed by the provider: not set, a single-Region key.
      multiRegion: false,
      basis: 'kmsKeyId of Instance "db" is unknown during preview, computed from KMS Key "k"',
    });
  });

  it("resolves a literal ARN or id to the in-stack key that already has it", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const key = b.add(AWS_TYPES.kmsKey, "k", { arn: KEY_ARN, keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
    const db = b.add(AWS_TYPES.rdsInstance, "db", { storageEncrypted: true, kmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
    const fact = keyOf(b.stack(), db);
    expect(fact.state === "customer-key" ? fact.keyUrn : undefined).toBe(key.urn);
  });

  it("is unknown for a value computed from something else than a key, or given only as inputs (Analyze)", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const ref = b.add("pulumi:pulumi:StackReference", "keys", { outputs: UNKNOWN });
    const db = b.add(AWS_TYPES.rdsInstance, "db", { storageEncrypted: true, kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [ref] } });
    expect(keyOf(b.stack(), db)).toEqual({
      state: "unknown",
      basis: 'kmsKeyId of Instance "db" is unknown during preview and computed from StackReference "keys", not from a KMS key of this stack',
    });
    expect(keyOf(b.single(db), db)).toEqual({ state: "unknown", basis: 'kmsKeyId of Instance "db" is unknown during preview' });
  });

  it("is unknown for two candidate keys, and for malformed values", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const k1 = b.add(AWS_TYPES.kmsKey, "k1", {});
    const k2 = b.add(AWS_TYPES.kmsKey, "k2", {});
    const db = b.add(AWS_TYPES.rdsInstance, "db", { storageEncrypted: true, kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [k1, k2] } });
    expect(stateOf(keyOf(b.stack(), db))).toBe("unknown");
    expect(keyOfProps(AWS_TYPES.rdsInstance, { kmsKeyId: 12 })).toEqual({ state: "unknown", basis: 'kmsKeyId of Instance "r" is not a string' });
    expect(keyOfProps(AWS_TYPES.rdsInstance, { kmsKeyId: "not a key" })).toEqual({
      state: "unknown",
      basis: 'kmsKeyId of Instance "r": "not a key" is not a KMS key id, key ARN or alias',
    });
    expect(stateOf(keyOfProps(AWS_TYPES.rdsInstance, { kmsKeyId: "arn:aws:s3:::bucket" }))).toBe("unknown");
    expect(stateOf(keyOfProps(AWS_TYPES.rdsInstance, { storageEncrypted: true, kmsKeyId: "" }))).toBe("service-default");
  });
});

describe("encryptionKeyOf: aliases and replicas", () => {
  it("follows an alias to its target key, and a literal alias name to the in-stack alias", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const key = b.add(AWS_TYPES.kmsKey, "k", {});
    const alias = b.add(AWS_TYPES.kmsAlias, "a", { name: "alias/prod", targetKeyId: UNKNOWN }, { propertyDependencies: { targetKeyId: [key] } });
    const byRef = b.add(AWS_TYPES.efsFileSystem, "fs1", { encrypted: true, kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [alias] } });
    const byName = b.add(AWS_TYPES.efsFileSystem, "fs2", { encrypted: true, kmsKeyId: "alias/prod" });
    const stack = b.stack();
    for (const fs of [byRef, byName]) {
      const fact = keyOf(stack, fs);
      expect(fact.state === "customer-key" ? fact.keyUrn : fact).toBe(key.urn);
    }
    expect(keyOf(stack, byName).basis).toBe('kmsKeyId of FileSystem "fs2" "alias/prod", through KMS Alias "a", computed from KMS Key "k"');
  });

  it("treats an alias not declared in the stack as a customer key that may be multi-Region", () => {
    const fact = keyOfProps(AWS_TYPES.efsFileSystem, { kmsKeyId: `arn:aws:kms:eu-west-3:${PROD}:alias/other` });
    expect(fact).toMatchObject({ state: "customer-key", ref: "alias/other", multiRegion: true });
  });

  it("takes a multi-Region replica for a key of its own, of its primary's family", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const key = b.add(AWS_TYPES.kmsKey, "k", { multiRegion: true });
    const replica = b.add(AWS_TYPES.kmsReplicaKey, "r", { primaryKeyArn: UNKNOWN }, { propertyDependencies: { primaryKeyArn: [key] } });
    const vol = b.add(AWS_TYPES.ebsVolume, "vol", { encrypted: true, kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [replica] } });
    expect(keyOf(b.stack(), vol)).toMatchObject({ state: "customer-key", keyUrn: replica.urn, family: key.urn, key: 'KMS ReplicaKey "r" (a multi-Region replica of KMS Key "k")', multiRegion: true });
    // A replica of a key outside the stack is of the family of the primary's mrk- id.
    const c = new PlannedStackBuilder(PROD_CONFIG);
    const external = c.add(AWS_TYPES.kmsReplicaKey, "r", { primaryKeyArn: `arn:aws:kms:us-east-1:${PROD}:key/mrk-77` });
    const vol2 = c.add(AWS_TYPES.ebsVolume, "vol", { encrypted: true, kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [external] } });
    expect(keyOf(c.stack(), vol2)).toMatchObject({ state: "customer-key", keyUrn: external.urn, family: "mrk:mrk-77", key: 'KMS ReplicaKey "r" (a multi-Region replica of mrk-77)', multiRegion: true });
  });

  it("is unknown for an alias whose target is unknown and not a key of the stack", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const alias = b.add(AWS_TYPES.kmsAlias, "a", { name: "alias/x", targetKeyId: UNKNOWN });
    const vol = b.add(AWS_TYPES.ebsVolume, "vol", { encrypted: true, kmsKeyId: UNKNOWN }, { propertyDependencies: { kmsKeyId: [alias] } });
    expect(keyOf(b.stack(), vol)).toEqual({ state: "unknown", basis: 'the target of KMS Alias "a" is unknown during preview' });
  });
});

describe("encryptionKeyOf: DynamoDB, EFS, EBS, FSx", () => {
  it("reads DynamoDB serverSideEncryption", () => {
    expect(stateOf(keyOfProps(AWS_TYPES.dynamodbTable, {}))).toBe("service-default");
    expect(stateOf(keyOfProps(AWS_TYPES.dynamodbTable, { serverSideEncryption: { enabled: false } }))).toBe("service-default");
    expect(keyOfProps(AWS_TYPES.dynamodbTable, { serverSideEncryption: { enabled: true } })).toEqual({
      state: "service-default",
      basis: 'Table "r" enables serverSideEncryption without kmsKeyArn: the AWS managed key aws/dynamodb',
    });
    // The nested kmsKeyArn computed by the provider is not set by the program.
    expect(stateOf(keyOfProps(AWS_TYPES.dynamodbTable, { serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } }))).toBe("service-default");
    expect(keyOfProps(AWS_TYPES.dynamodbTable, { serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN } })).toMatchObject({ state: "customer-key", key: KEY_ARN });
    expect(stateOf(keyOfProps(AWS_TYPES.dynamodbTable, { serverSideEncryption: { enabled: UNKNOWN } }))).toBe("unknown");
    expect(stateOf(keyOfProps(AWS_TYPES.dynamodbTable, { serverSideEncryption: "yes" }))).toBe("service-default");
  });

  it("reads EFS, EBS and FSx kmsKeyId and encrypted", () => {
    expect(stateOf(keyOfProps(AWS_TYPES.efsFileSystem, {}))).toBe("unencrypted");
    expect(stateOf(keyOfProps(AWS_TYPES.efsFileSystem, { encrypted: true }))).toBe("service-default");
    expect(stateOf(keyOfProps(AWS_TYPES.efsFileSystem, { encrypted: true, kmsKeyId: KEY_ARN }))).toBe("customer-key");
    expect(stateOf(keyOfProps(AWS_TYPES.ebsVolume, { encrypted: true }))).toBe("service-default");
    expect(stateOf(keyOfProps(AWS_TYPES.ebsVolume, { snapshotId: "snap-1" }))).toBe("unknown");
    // encrypted computed by the provider: not set (unencrypted unless EBS encryption by default is on).
    expect(keyOfProps(AWS_TYPES.ebsVolume, { encrypted: UNKNOWN })).toEqual({ state: "unencrypted", basis: 'Volume "r" does not set encrypted' });
    expect(stateOf(keyOfProps(AWS_TYPES.fsxLustre, {}))).toBe("service-default");
    expect(stateOf(keyOfProps(AWS_TYPES.fsxOntap, { kmsKeyId: KEY_ARN }))).toBe("customer-key");
    expect(keyOfProps(AWS_TYPES.ec2Instance, {})).toEqual({ state: "unknown", basis: 'the encryption of Instance "r" is not analysed' });
  });
});

describe("encryptionKeyOf: S3 buckets", () => {
  it("reads a BucketServerSideEncryptionConfiguration (both tokens) that depends on the bucket or names it", () => {
    for (const type of [AWS_TYPES.s3Encryption, AWS_TYPES.s3EncryptionV2]) {
      const b = new PlannedStackBuilder(PROD_CONFIG);
      const bucket = b.add(AWS_TYPES.s3Bucket, "data", { bucket: "data" });
      b.add(type, "sse", { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }] }, { propertyDependencies: { bucket: [bucket] } });
      expect(keyOf(b.stack(), bucket)).toMatchObject({ state: "customer-key", key: KEY_ARN, basis: 'rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId of BucketServerSideEncryptionConfiguration' + (type === AWS_TYPES.s3Encryption ? "" : "V2") + ' "sse"' });
    }
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const bucket = b.add(AWS_TYPES.s3BucketV2, "data", { bucket: "data" });
    b.add(AWS_TYPES.s3Encryption, "sse", { bucket: "data", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
    expect(keyOf(b.stack(), bucket)).toEqual({ state: "service-default", basis: "rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId not set: S3 uses its AWS managed key (aws/s3)", sseKms: true });
  });

  it("reads the inline configuration of Bucket and BucketV2, else SSE-S3", () => {
    expect(
      keyOfProps(AWS_TYPES.s3Bucket, { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } } } }),
    ).toMatchObject({ state: "customer-key", basis: 'serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId of Bucket "r"' });
    expect(
      keyOfProps(AWS_TYPES.s3BucketV2, {
        serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }] }] }],
      }),
    ).toMatchObject({ state: "customer-key", key: KEY_ARN });
    expect(keyOfProps(AWS_TYPES.s3Bucket, { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } })).toEqual({
      state: "service-default",
      basis: "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm is AES256 (S3 managed keys)",
    });
    expect(keyOfProps(AWS_TYPES.s3Bucket, {})).toEqual({ state: "service-default", basis: 'no server-side encryption configuration for Bucket "r": S3 encrypts new objects with S3 managed keys (SSE-S3)' });
    expect(stateOf(keyOfProps(AWS_TYPES.s3Bucket, { serverSideEncryptionConfiguration: UNKNOWN }))).toBe("service-default"); // computed by the provider
  });

  it("does not take SSE-S3 for granted for a bucket seen alone", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const bucket = b.add(AWS_TYPES.s3Bucket, "data", { bucket: "data" });
    expect(stateOf(keyOf(b.single(bucket), bucket))).toBe("unknown");
  });

  it("is unknown for unknown or malformed rules, and for configurations that disagree", () => {
    const build = (...rulesList: unknown[]) => {
      const b = new PlannedStackBuilder(PROD_CONFIG);
      const bucket = b.add(AWS_TYPES.s3Bucket, "data", { bucket: "data" });
      rulesList.forEach((rules, i) => b.add(AWS_TYPES.s3Encryption, `sse${i}`, { bucket: "data", rules: rules as JsonObject }));
      return keyOf(b.stack(), bucket);
    };
    expect(stateOf(build(UNKNOWN))).toBe("unknown");
    expect(stateOf(build("nope"))).toBe("unknown");
    expect(stateOf(build([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "ROT13" } }]))).toBe("unknown");
    expect(stateOf(build([{ applyServerSideEncryptionByDefault: { sseAlgorithm: UNKNOWN } }]))).toBe("unknown");
    expect(stateOf(build([{ applyServerSideEncryptionByDefault: UNKNOWN }]))).toBe("unknown");
    expect(stateOf(build([{ bucketKeyEnabled: true }]))).toBe("service-default");
    expect(build([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }], [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }])).toEqual({
      state: "unknown",
      basis: 'Bucket "data" has 2 server-side encryption configurations that disagree',
    });
  });
});

describe("copy stores carry their keys", () => {
  function copyKeyOf(stack: PlannedStack): KeyFact | undefined {
    return buildAwsProtectionModel(stack).routes[0]?.views[0]?.copies[0]?.store.encryptionKey;
  }

  it("vaults: kmsKeyArn, encryptionKeyArn, or the AWS managed / owned key; vaults outside the stack are unknown", () => {
    const vaultKey = (type: string, props: JsonObject) => {
      const b = new PlannedStackBuilder(PROD_CONFIG);
      b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
      const dr = b.add(type, "dr", { name: "dr", ...props });
      b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "r", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }] }, { propertyDependencies: { rules: [dr] } });
      return copyKeyOf(b.stack());
    };
    expect(vaultKey(AWS_TYPES.backupVault, { kmsKeyArn: KEY_ARN })).toMatchObject({ state: "customer-key", basis: 'kmsKeyArn of Vault "dr"' });
    expect(vaultKey(AWS_TYPES.backupVault, {})).toEqual({ state: "service-default", basis: "kmsKeyArn not set: AWS Backup uses its AWS managed key (aws/backup) of the vault's account" });
    expect(vaultKey(AWS_TYPES.backupLogicallyAirGappedVault, { encryptionKeyArn: KEY_ARN })).toMatchObject({ state: "customer-key" });
    expect(vaultKey(AWS_TYPES.backupLogicallyAirGappedVault, {})).toEqual({ state: "service-default", basis: "encryptionKeyArn not set: the logically air-gapped vault uses an AWS owned key" });
    const b = new PlannedStackBuilder(PROD_CONFIG);
    b.add(AWS_TYPES.backupPlan, "plan", { rules: [{ ruleName: "r", targetVaultName: "primary", copyActions: [{ destinationVaultArn: `arn:aws:backup:eu-central-1:${PROD}:backup-vault:far` }] }] });
    expect(copyKeyOf(b.stack())).toEqual({ state: "unknown", basis: 'vault "far" is not declared in this stack, so its key cannot be seen' });
  });

  it("S3 replication: replicaKmsKeyId inline or in encryptionConfiguration, unknown or absent destination", () => {
    const replicaKey = (destination: JsonObject | string) => {
      const b = new PlannedStackBuilder(PROD_CONFIG);
      b.add(AWS_TYPES.s3Bucket, "src", { bucket: "src", replicationConfiguration: { role: "r", rules: [{ status: "Enabled", destination }] } });
      return copyKeyOf(b.stack());
    };
    expect(replicaKey({ bucket: "arn:aws:s3:::dst", replicaKmsKeyId: KEY_ARN })).toMatchObject({
      state: "customer-key",
      basis: 'replicationConfiguration.rules[0].destination.replicaKmsKeyId of Bucket "src"',
    });
    expect(replicaKey({ bucket: "arn:aws:s3:::dst" })).toMatchObject({ state: "service-default" });
    expect(replicaKey(UNKNOWN)).toEqual({ state: "unknown", basis: "replicationConfiguration.rules[0].destination is unknown during preview" });
    expect(replicaKey({ bucket: "arn:aws:s3:::dst", replicaKmsKeyId: ["x"] })).toMatchObject({ state: "unknown" });
    expect(replicaKey("dst")).toEqual({ state: "unknown", basis: "replicationConfiguration.rules[0].destination has an unexpected shape (expected an object)" });
  });

  it("EBS snapshot copies and DLM: kmsKeyId, the default key of another region, cmkArn, shares", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    b.add(AWS_TYPES.ebsSnapshotCopy, "c", { sourceSnapshotId: "snap-1", sourceRegion: UNKNOWN });
    expect(copyKeyOf(b.stack())).toMatchObject({ state: "unknown" });
    const c = new PlannedStackBuilder(PROD_CONFIG);
    c.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
      policyDetails: {
        resourceTypes: ["VOLUME"],
        targetTags: { a: "b" },
        schedules: [{ name: "s", crossRegionCopyRules: [{ target: "eu-central-1", encrypted: true, cmkArn: "arn:aws:kms:eu-central-1:111111111111:key/k" }], shareRule: { targetAccounts: ["222222222222"] } }],
      },
    });
    const copies = buildAwsProtectionModel(c.stack()).routes[0].views[0].copies;
    expect(copies.map((copy) => copy.store.encryptionKey?.state)).toEqual(["customer-key", "inherited"]);
    const d = new PlannedStackBuilder(PROD_CONFIG);
    d.add(AWS_TYPES.dlmLifecyclePolicy, "dlm", {
      policyDetails: {
        policyType: "EVENT_BASED_POLICY",
        eventSource: { type: "MANAGED_CWE", parameters: { eventType: "shareSnapshot", snapshotOwners: ["333333333333"] } },
        action: { name: "copy", crossRegionCopies: [{ target: "eu-central-1", encryptionConfiguration: { encrypted: true, cmkArn: KEY_ARN } }] },
      },
    });
    expect(copyKeyOf(d.stack())).toMatchObject({ state: "customer-key", basis: 'policyDetails.action.crossRegionCopies[0].encryptionConfiguration.cmkArn of LifecyclePolicy "dlm"' });
  });

  it("EFS replication into an existing file system takes that file system's key", () => {
    const b = new PlannedStackBuilder(PROD_CONFIG);
    const src = b.add(AWS_TYPES.efsFileSystem, "src", { encrypted: true });
    const dst = b.add(AWS_TYPES.efsFileSystem, "dst", { encrypted: true, kmsKeyId: KEY_ARN });
    b.add(AWS_TYPES.efsReplication, "repl", { sourceFileSystemId: UNKNOWN, destination: { fileSystemId: UNKNOWN } }, { propertyDependencies: { sourceFileSystemId: [src], destination: [dst] } });
    expect(copyKeyOf(b.stack())).toMatchObject({ state: "customer-key", key: KEY_ARN });
  });
});
