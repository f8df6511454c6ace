// The AWS part of the bundled example (stacks `blocked` and `passing`; see index.ts). `npm start` runs it
// offline under Pulumi mocks in preview mode and sends what the engine would send to the backup-guard pack.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const scenario = config.get("scenario") ?? "passing";
if (scenario !== "passing" && scenario !== "blocked") {
  throw new Error(`config backup-guard-example:scenario must be "passing" or "blocked", not "${scenario}"`);
}

// The primary data: an orders table in the stack's region (aws:region).
const orders = new aws.dynamodb.Table("orders", {
  attributes: [{ name: "id", type: "S" }],
  hashKey: "id",
  billingMode: "PAY_PER_REQUEST",
  pointInTimeRecovery: { enabled: true },
  // Passing: nobody can delete the table by mistake or malice without first turning this off.
  deletionProtectionEnabled: scenario === "passing",
});

// Where backups are made: a vault in the primary's region and account.
const primaryVault = new aws.backup.Vault("primary", { name: "orders-primary" });

// Where the copy goes. Passing: another region, reached through a role in a dedicated backup account.
// Blocked: the default provider, i.e. the same region and account as the primaries.
const drProvider =
  scenario === "passing"
    ? new aws.Provider("dr", {
        region: "eu-central-1",
        assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/backup-copy-admin" }],
      })
    : undefined;
const drVault = new aws.backup.Vault("dr", { name: "orders-dr" }, { provider: drProvider });

// Compliance mode (changeableForDays set) on both vaults when passing; governance mode, on the primary
// vault only, when blocked.
new aws.backup.VaultLockConfiguration("primary-lock", {
  backupVaultName: primaryVault.name,
  minRetentionDays: 7,
  maxRetentionDays: 365,
  ...(scenario === "passing" ? { changeableForDays: 3 } : {}),
});
if (scenario === "passing") {
  new aws.backup.VaultLockConfiguration(
    "dr-lock",
    { backupVaultName: drVault.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 },
    { provider: drProvider },
  );
}

// Passing: the copy vault denies deleting recovery points and shortening their lifecycle to everyone,
// the backup account's administrators included.
if (scenario === "passing") {
  new aws.backup.VaultPolicy(
    "dr",
    {
      backupVaultName: drVault.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyRecoveryPointDeletion",
            Effect: "Deny",
            Principal: "*",
            Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
            Resource: "*",
          },
        ],
      }),
    },
    { provider: drProvider },
  );
  // Restore tests of the table's recovery points, in both regions: a backup nobody restores is a hope.
  for (const [suffix, provider] of [["primary", undefined], ["dr", drProvider]] as const) {
    const tests = new aws.backup.RestoreTestingPlan(
      `restore-tests-${suffix}`,
      {
        name: `orders_restore_tests_${suffix}`,
        scheduleExpression: "cron(0 12 ? * MON *)",
        recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: ["*"], recoveryPointTypes: ["SNAPSHOT"] },
      },
      { provider },
    );
    new aws.backup.RestoreTestingSelection(
      `restore-orders-${suffix}`,
      {
        name: `orders_${suffix}`,
        restoreTestingPlanName: tests.name,
        protectedResourceType: "DynamoDB",
        iamRoleArn: `arn:aws:iam::${suffix === "dr" ? "222222222222" : "111111111111"}:role/restore-testing`,
        protectedResourceArns: ["*"],
      },
      { provider },
    );
  }
}

const plan = new aws.backup.Plan("orders-backup", {
  rules: [
    {
      ruleName: "daily",
      targetVaultName: primaryVault.name,
      schedule: "cron(0 3 * * ? *)",
      lifecycle: { deleteAfter: 35 },
      copyActions: [{ destinationVaultArn: drVault.arn, lifecycle: { deleteAfter: 35 } }],
    },
  ],
});

new aws.backup.Selection("orders", {
  planId: plan.id,
  iamRoleArn: "arn:aws:iam::111111111111:role/backup-service",
  resources: [orders.arn],
});

// Exports of the orders, kept in S3 and replicated with S3's own replication (not AWS Backup).
// Passing: the replica is in the backup account in another region, with a COMPLIANCE-mode Object Lock,
// so replicated deletions or encryption cannot destroy it. Blocked: the "replica" sits next to the
// source (same region and account) with no lock: replication is not a backup.
const exportsBucket = new aws.s3.Bucket("orders-exports", { bucket: "orders-exports-111111111111" });
new aws.s3.BucketVersioning("orders-exports", { bucket: exportsBucket.id, versioningConfiguration: { status: "Enabled" } });
const replica = new aws.s3.Bucket(
  "orders-exports-replica",
  { bucket: "orders-exports-replica-222222222222", objectLockEnabled: scenario === "passing" },
  { provider: drProvider },
);
new aws.s3.BucketVersioning("orders-exports-replica", { bucket: replica.id, versioningConfiguration: { status: "Enabled" } }, { provider: drProvider });
if (scenario === "passing") {
  new aws.s3.BucketObjectLockConfiguration(
    "orders-exports-replica",
    { bucket: replica.id, rule: { defaultRetention: { mode: "COMPLIANCE", days: 35 } } },
    { provider: drProvider },
  );
}
new aws.s3.BucketReplicationConfig("orders-exports", {
  bucket: exportsBucket.id,
  role: "arn:aws:iam::111111111111:role/s3-replication",
  rules: [
    {
      id: "everything",
      status: "Enabled",
      deleteMarkerReplication: { status: "Disabled" },
      destination: {
        bucket: replica.arn,
        ...(scenario === "passing" ? { account: "222222222222", accessControlTranslation: { owner: "Destination" } } : {}),
      },
    },
  ],
});
