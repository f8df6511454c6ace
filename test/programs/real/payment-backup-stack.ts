// Real design C, re-written (not copied) from a public Pulumi TypeScript project ("Payment Processing
// Infrastructure", `lib/backup-stack.ts` and its database stack, as published in a response document of
// the public code index: find_string id 2572896146, "payment-backup-vault"; the index does not name its
// repository). Each part of the system is a ComponentResource whose resources are its children.
//
// What it builds: a DatabaseStack component owning an Aurora PostgreSQL cluster (backups kept 30 days,
// "configured for easy destruction": no deletion protection, no final snapshot); a BackupStack component
// owning a backup vault, a daily rule kept 30 days whose copy action goes to a literal ARN in us-west-2,
// a selection of the cluster's ARN, and a DR vault in us-west-2 (a provider that only sets the region,
// itself a child of the component) that the copy action names by name only.
//
// The literal ARN is the design's flaw, kept on purpose: it interpolates the Promise that
// aws.getCallerIdentity() returns, so its account field is the text "[object Promise]", not an account.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { STACK, PROJECT } from "../backup-designs";

const componentChild = (component: string, type: string, name: string): string => `urn:pulumi:${STACK}::${PROJECT}::${component}$${type}::${name}`;
export const PAYMENT_PLAN_URN = componentChild("tap:backup:BackupStack", "aws:backup/plan:Plan", "payment-backup-plan-prod");
export const PAYMENT_VAULT_URN = componentChild("tap:backup:BackupStack", "aws:backup/vault:Vault", "payment-backup-vault-prod");
export const PAYMENT_DR_VAULT_URN = componentChild("tap:backup:BackupStack", "aws:backup/vault:Vault", "payment-backup-vault-prod-dr");
export const PAYMENT_CLUSTER_URN = componentChild("tap:database:DatabaseStack", "aws:rds/cluster:Cluster", "payment-aurora-prod");
/** The copy action's destination, as the design computes it. */
export const PAYMENT_COPY_ARN = "arn:aws:backup:us-west-2:[object Promise]:backup-vault:payment-backup-vault-prod-dr";

class DatabaseStack extends pulumi.ComponentResource {
  readonly clusterArn: pulumi.Output<string>;
  constructor(name: string, suffix: string, opts?: pulumi.ComponentResourceOptions) {
    super("tap:database:DatabaseStack", name, {}, opts);
    const cluster = new aws.rds.Cluster(
      `payment-aurora-${suffix}`,
      {
        clusterIdentifier: `payment-aurora-${suffix}`,
        engine: "aurora-postgresql",
        engineVersion: "14.6",
        masterUsername: "payment",
        manageMasterUserPassword: true,
        storageEncrypted: true,
        backupRetentionPeriod: 30,
        preferredBackupWindow: "03:00-04:00",
        deletionProtection: false,
        skipFinalSnapshot: true,
      },
      { parent: this },
    );
    this.clusterArn = cluster.arn;
    this.registerOutputs({ clusterArn: this.clusterArn });
  }
}

class BackupStack extends pulumi.ComponentResource {
  constructor(name: string, args: { suffix: string; clusterArn: pulumi.Input<string> }, opts?: pulumi.ComponentResourceOptions) {
    super("tap:backup:BackupStack", name, {}, opts);
    const { suffix, clusterArn } = args;
    const vault = new aws.backup.Vault(`payment-backup-vault-${suffix}`, { name: `payment-backup-vault-${suffix}` }, { parent: this });
    // The design's own expression: a Promise interpolated into a template literal.
    const drArn = `arn:aws:backup:us-west-2:${aws.getCallerIdentity().then((id) => id.accountId)}:backup-vault:payment-backup-vault-${suffix}-dr`;
    const plan = new aws.backup.Plan(
      `payment-backup-plan-${suffix}`,
      {
        name: `payment-backup-plan-${suffix}`,
        rules: [
          {
            ruleName: "DailyBackup",
            targetVaultName: vault.name,
            schedule: "cron(0 2 * * ? *)",
            lifecycle: { deleteAfter: 30 },
            copyActions: [{ destinationVaultArn: drArn, lifecycle: { deleteAfter: 30 } }],
          },
        ],
      },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `payment-backup-role-${suffix}`,
      { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }] }) },
      { parent: this },
    );
    new aws.backup.Selection(`payment-backup-selection-${suffix}`, { name: `payment-rds-selection-${suffix}`, planId: plan.id, iamRoleArn: role.arn, resources: [clusterArn] }, { parent: this });
    const drProvider = new aws.Provider(`dr-provider-${suffix}`, { region: "us-west-2" }, { parent: this });
    new aws.backup.Vault(`payment-backup-vault-${suffix}-dr`, { name: `payment-backup-vault-${suffix}-dr` }, { parent: this, provider: drProvider });
    this.registerOutputs({});
  }
}

export function paymentBackupStackDesign(): () => void {
  return () => {
    const database = new DatabaseStack("database", "prod");
    new BackupStack("backup", { suffix: "prod", clusterArn: database.clusterArn });
  };
}
