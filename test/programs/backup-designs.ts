// Real @pulumi/aws programs used by the protocol and program tests: one AWS Backup design, mutated by options.
import * as aws from "@pulumi/aws";

/** The project, stack and stack config the programs run with (prod account declared as allowedAccountIds). */
export const PROJECT = "backup-guard-test";
export const STACK = "dev";
export const PROD_ACCOUNT = "111111111111";
export const BACKUP_ACCOUNT = "222222222222";
export const STACK_CONFIG: Record<string, string> = {
  "aws:region": "eu-west-3",
  "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]),
};

/** The URN of a top-level resource of the test project. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

export const PLAN_URN = urnOf("aws:backup/plan:Plan", "plan");
export const DR_VAULT_URN = urnOf("aws:backup/vault:Vault", "dr");
export const DR_LOCK_URN = urnOf("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "dr-lock");

/** How the copy destination is created. */
export interface DesignOptions {
  /** Region of the destination's provider; `default` = the default provider (stack region, prod account). */
  readonly destination?: "default" | { readonly region?: string; readonly account?: string };
  /** Destination kind. */
  readonly airGapped?: boolean;
  /** Lock on the destination vault. */
  readonly destinationLock?: "compliance" | "governance" | "none";
  /** A literal destination ARN instead of the destination vault's ARN. */
  readonly literalArn?: string;
  /** Copy retention in days. */
  readonly copyDeleteAfter?: number;
}

/**
 * A source vault "primary" (default provider) with a compliance lock, a destination vault "dr", and a
 * plan whose daily rule copies into the destination (`dr.arn`: unknown in preview). Defaults: the
 * destination lives in us-west-2 in the backup account, compliance-locked — a passing design.
 */
export function backupDesign(options: DesignOptions = {}): () => void {
  return () => {
    const destination = options.destination ?? { region: "us-west-2", account: BACKUP_ACCOUNT };
    const provider =
      destination === "default"
        ? undefined
        : new aws.Provider("dr", {
            ...(destination.region ? { region: destination.region } : {}),
            ...(destination.account ? { assumeRoles: [{ roleArn: `arn:aws:iam::${destination.account}:role/backup-copy` }] } : {}),
          });
    const primary = new aws.backup.Vault("primary", { name: "primary" });
    new aws.backup.VaultLockConfiguration("primary-lock", { backupVaultName: primary.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 });
    let destinationArn: string | ReturnType<typeof String> | aws.backup.Vault["arn"];
    if (options.airGapped) {
      const vault = new aws.backup.LogicallyAirGappedVault("dr", { name: "dr", minRetentionDays: 7, maxRetentionDays: 365 }, { provider });
      destinationArn = vault.arn;
    } else {
      const vault = new aws.backup.Vault("dr", { name: "dr" }, { provider });
      const lock = options.destinationLock ?? "compliance";
      if (lock !== "none") {
        new aws.backup.VaultLockConfiguration(
          "dr-lock",
          { backupVaultName: vault.name, minRetentionDays: 7, maxRetentionDays: 365, ...(lock === "compliance" ? { changeableForDays: 3 } : {}) },
          { provider },
        );
      }
      destinationArn = vault.arn;
    }
    new aws.backup.Plan("plan", {
      rules: [
        {
          ruleName: "daily",
          targetVaultName: primary.name,
          schedule: "cron(0 5 * * ? *)",
          lifecycle: { deleteAfter: 35 },
          copyActions: [{ destinationVaultArn: options.literalArn ?? destinationArn, lifecycle: { deleteAfter: options.copyDeleteAfter ?? 35 } }],
        },
      ],
    });
  };
}
