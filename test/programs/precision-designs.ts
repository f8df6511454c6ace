// Real @pulumi/aws programs for issue 10 (precision): the most common plan shape (a daily and a monthly
// rule copying to one vault), a DR provider that only sets a region, and a central vault outside the stack.
import * as aws from "@pulumi/aws";
import { BACKUP_ACCOUNT, urnOf } from "./backup-designs";

/** The central vault of the organisation's backup account, created by another stack. */
export const CENTRAL_VAULT_ARN = `arn:aws:backup:eu-central-1:${BACKUP_ACCOUNT}:backup-vault:central`;
export const TWO_RULE_PLAN_URN = urnOf("aws:backup/plan:Plan", "two-rules");

/** Where both rules copy. */
export interface TwoRuleOptions {
  /**
   * `backup-account`: an in-stack vault "dr" through a provider that assumes a role in the backup account;
   * `region-only`: the same vault through a provider that only sets a region (the production account);
   * `central`: the central vault, by its literal ARN.
   */
  readonly copyTo: "backup-account" | "region-only" | "central";
  /** Region of the DR provider (default eu-central-1). */
  readonly drRegion?: string;
}

/**
 * A primary vault (auto-named: its name is unknown in preview) with a compliance lock, and a plan whose
 * daily and monthly rules both back up into it and copy to one destination (`dr.arn`, unknown in preview,
 * or the central vault's literal ARN).
 */
export function twoRuleDesign(options: TwoRuleOptions): () => void {
  return () => {
    const primary = new aws.backup.Vault("primary", {});
    new aws.backup.VaultLockConfiguration("primary-lock", { backupVaultName: primary.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 400 });
    let destination: aws.backup.Vault["arn"] | string = CENTRAL_VAULT_ARN;
    if (options.copyTo !== "central") {
      const region = options.drRegion ?? "eu-central-1";
      const provider = new aws.Provider(
        "dr",
        options.copyTo === "region-only" ? { region } : { region, assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup-copy` }] },
      );
      const dr = new aws.backup.Vault("dr", { name: "dr" }, { provider });
      new aws.backup.VaultLockConfiguration("dr-lock", { backupVaultName: dr.name, changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 400 }, { provider });
      destination = dr.arn;
    }
    // Each rule keeps its recovery points, and their copies, as long as its schedule says.
    const rule = (ruleName: string, schedule: string, days: number) => ({
      ruleName,
      targetVaultName: primary.name,
      schedule,
      lifecycle: { deleteAfter: days },
      copyActions: [{ destinationVaultArn: destination, lifecycle: { deleteAfter: days } }],
    });
    new aws.backup.Plan("two-rules", { rules: [rule("daily", "cron(0 5 * * ? *)", 35), rule("monthly", "cron(0 5 1 * ? *)", 365)] });
  };
}
