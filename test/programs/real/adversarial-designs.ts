// Adversarial designs: a motivated engineer trying to get an unsafe AWS Backup design past the pack (or a careful
// one whose safe design must not be blocked). Written for this audit, in the shape of the AWS Backup designs found
// in public programs (e.g. the vault/lock/plan wiring of test/programs/real/platform-backup.ts).
//
// The base design is a passing one: a source vault "primary" (default provider, eu-west-3, compliance lock 7..365
// days), a copy vault "dr" in us-west-2 of the backup account, created through a component whose `providers` map
// carries the DR provider (the vault, its lock and its access policy inherit it), compliance-locked, with an access
// policy denying recovery-point deletion to everyone; a daily rule keeping 35 days, copying into "dr" for 35 days; a
// DynamoDB table with deletion protection and PITR, selected by ARN. Each option swaps in one trick.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_ACCOUNT, urnOf } from "../backup-designs";

export const ADV_PLAN_URN = urnOf("aws:backup/plan:Plan", "adv-plan");
export const ADV_TABLE_URN = urnOf("aws:dynamodb/table:Table", "adv-orders");
const COMPONENT = "backup:dr:Site";
export const ADV_DR_VAULT_URN = `urn:pulumi:dev::backup-guard-test::${COMPONENT}$aws:backup/vault:Vault::adv-dr`;
export const ADV_DR_LOCK_URN = `urn:pulumi:dev::backup-guard-test::${COMPONENT}$aws:backup/vaultLockConfiguration:VaultLockConfiguration::adv-dr-lock`;
export const ADV_DR_POLICY_URN = `urn:pulumi:dev::backup-guard-test::${COMPONENT}$aws:backup/vaultPolicy:VaultPolicy::adv-dr-policy`;
export const ADV_DECOY_LOCK_URN = urnOf("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "adv-decoy-lock");
export const ADV_PRIMARY_VAULT_URN = urnOf("aws:backup/vault:Vault", "adv-primary");

export interface AdversarialOptions {
  /**
   * `name-only`: the DR vault's lock is left out; instead a vault of the same name "dr" is made in the stack's own
   * region (default provider) and locked by the literal name "dr", hoping the lock is matched to the copy vault.
   */
  readonly lock?: "compliance" | "name-only" | "changeable-string" | "changeable-unknown";
  /** How the DR vault's access policy denies deletion. */
  readonly vaultPolicy?: "deny-all" | "with-condition" | "one-principal" | "not-principal";
  /** Days the copy is kept (the DR lock's minimum is 35). */
  readonly copyDeleteAfter?: number;
  /** `child-override`: the DR vault itself names the default-region provider, overriding the component's providers map. */
  readonly drProvider?: "inherited" | "child-override";
}

class DrSite extends pulumi.ComponentResource {
  readonly vault: aws.backup.Vault;
  constructor(name: string, options: AdversarialOptions, opts: pulumi.ComponentResourceOptions) {
    super(COMPONENT, name, {}, opts);
    const vaultOpts: pulumi.CustomResourceOptions = { parent: this };
    if (options.drProvider === "child-override") {
      vaultOpts.provider = new aws.Provider("adv-home", { region: "eu-west-3", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup-copy` }] });
    }
    this.vault = new aws.backup.Vault("adv-dr", { name: "dr" }, vaultOpts);
    const lock = options.lock ?? "compliance";
    if (lock !== "name-only") {
      const changeableForDays: pulumi.Input<number> =
        lock === "changeable-string" ? ("3" as unknown as number) : lock === "changeable-unknown" ? this.vault.recoveryPoints.apply(() => 3) : 3;
      new aws.backup.VaultLockConfiguration("adv-dr-lock", { backupVaultName: this.vault.name, changeableForDays, minRetentionDays: 35, maxRetentionDays: 400 }, { parent: this });
    }
    const actions = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"];
    const statement =
      options.vaultPolicy === "with-condition"
        ? { Effect: "Deny", Principal: "*", Action: actions, Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } } }
        : options.vaultPolicy === "one-principal"
          ? { Effect: "Deny", Principal: { AWS: `arn:aws:iam::${BACKUP_ACCOUNT}:role/app` }, Action: actions, Resource: "*" }
          : options.vaultPolicy === "not-principal"
            ? { Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${BACKUP_ACCOUNT}:role/break-glass` }, Action: actions, Resource: "*" }
            : { Effect: "Deny", Principal: "*", Action: actions, Resource: "*" };
    new aws.backup.VaultPolicy("adv-dr-policy", { backupVaultName: this.vault.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) }, { parent: this });
    this.registerOutputs({ arn: this.vault.arn });
  }
}

export function adversarialDesign(options: AdversarialOptions = {}): () => void {
  return () => {
    const dr = new aws.Provider("adv-dr-provider", { region: "us-west-2", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup-copy` }] });
    const table = new aws.dynamodb.Table("adv-orders", {
      attributes: [{ name: "id", type: "S" }],
      hashKey: "id",
      billingMode: "PAY_PER_REQUEST",
      deletionProtectionEnabled: true,
      pointInTimeRecovery: { enabled: true },
    });
    const primary = new aws.backup.Vault("adv-primary", { name: "primary" });
    new aws.backup.VaultLockConfiguration("adv-primary-lock", { backupVaultName: primary.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 });
    if (options.lock === "name-only") {
      const decoy = new aws.backup.Vault("adv-decoy", { name: "dr" });
      void decoy;
      new aws.backup.VaultLockConfiguration("adv-decoy-lock", { backupVaultName: "dr", changeableForDays: 3, minRetentionDays: 35, maxRetentionDays: 400 });
    }
    const site = new DrSite("dr-site", options, { providers: { aws: dr } });
    const plan = new aws.backup.Plan("adv-plan", {
      name: "adv-plan",
      rules: [
        {
          ruleName: "daily",
          targetVaultName: primary.name,
          schedule: "cron(0 5 * * ? *)",
          lifecycle: { deleteAfter: 35 },
          copyActions: [{ destinationVaultArn: site.vault.arn, lifecycle: { deleteAfter: options.copyDeleteAfter ?? 35 } }],
        },
      ],
    });
    const role = new aws.iam.Role("adv-backup-role", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "backup.amazonaws.com" }) });
    new aws.backup.Selection("adv-selection", { name: "adv-selection", planId: plan.id, iamRoleArn: role.arn, resources: [table.arn] });
  };
}
