import { Fact, absent, known } from "../core/facts";
import { Immutability } from "../core/protection-model";
import { ObjectItemSchema } from "../core/rule";
import { backupVaultNameFromArn, parseArn } from "./arn";

/** The policy whose config lists the vaults outside the stack that the organisation vouches for. */
export const EXTERNAL_VAULTS_POLICY_ID = "backup-external-vaults";

/** How a vault outside the stack is locked, as its entry declares. */
export type DeclaredLockMode = "compliance" | "governance" | "none";

/** One entry of the `backup-external-vaults` config, as validated by its schema. */
export interface ExternalVaultEntry {
  readonly arn: string;
  readonly lockMode: DeclaredLockMode;
  readonly minRetentionDays?: number;
  readonly maxRetentionDays?: number;
  readonly airGapped: boolean;
  readonly deniesDeletion: boolean;
  readonly declaredIn?: string;
}

/** A vault outside the stack, as the organisation declares it: account and region come from its ARN. */
export interface ExternalVault {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly account: string;
  readonly lockMode: DeclaredLockMode;
  readonly minRetentionDays?: number;
  readonly maxRetentionDays?: number;
  readonly airGapped: boolean;
  readonly deniesDeletion: boolean;
  /** For messages: `entry #2 of the backup-external-vaults config`. */
  readonly basis: string;
}

/** AWS Backup vault names: 2 to 50 letters, digits, hyphens and underscores. */
const VAULT_ARN_PATTERN = "^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:backup:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:backup-vault:[A-Za-z0-9_-]{2,50}$";

/** The schema of one entry (the engine and the pack validate it; `externalVaults` checks what a schema cannot say). */
export const EXTERNAL_VAULT_ITEM: ObjectItemSchema = {
  type: "object",
  properties: {
    arn: {
      type: "string",
      pattern: VAULT_ARN_PATTERN,
      description: "The vault's ARN, `arn:aws:backup:<region>:<account>:backup-vault:<name>` (its region and account are taken from it).",
    },
    lockMode: {
      type: "string",
      enum: ["compliance", "governance", "none"],
      description: "Its AWS Backup Vault Lock: `compliance` (changeableForDays set and passed), `governance`, or `none`.",
    },
    minRetentionDays: { type: "integer", minimum: 1, description: "The lock's minRetentionDays (omit when the lock sets none)." },
    maxRetentionDays: { type: "integer", minimum: 1, description: "The lock's maxRetentionDays (omit when the lock sets none)." },
    airGapped: { type: "boolean", description: "True for a logically air-gapped vault (aws.backup.LogicallyAirGappedVault)." },
    deniesDeletion: {
      type: "boolean",
      description: "True when its access policy denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal, without condition.",
    },
    declaredIn: { type: "string", minLength: 1, description: "Where the vault is declared (stack, repository), for reviewers." },
  },
  required: ["arn", "lockMode", "airGapped", "deniesDeletion"],
  additionalProperties: false,
};

/**
 * Parses validated entries into vaults, with what a JSON Schema cannot check: a logically air-gapped vault
 * is locked in compliance mode with both retention bounds (AWS requires them); an unlocked vault has no
 * retention bounds; minRetentionDays is at most maxRetentionDays; each ARN is listed once.
 */
export function externalVaults(entries: readonly ExternalVaultEntry[]): { readonly vaults: readonly ExternalVault[]; readonly problems: readonly string[] } {
  const vaults: ExternalVault[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const where = `vaults.${i} (${entry.arn})`;
    const arn = parseArn(entry.arn);
    const name = arn ? backupVaultNameFromArn(arn) : undefined;
    const before = problems.length;
    if (!arn || name === undefined || arn.region === "" || arn.account === "") problems.push(`${where} is not an AWS Backup vault ARN`);
    if (seen.has(entry.arn)) problems.push(`${where} is listed twice`);
    seen.add(entry.arn);
    const { minRetentionDays: min, maxRetentionDays: max } = entry;
    if (min !== undefined && max !== undefined && min > max) problems.push(`${where} has minRetentionDays ${min} greater than maxRetentionDays ${max}`);
    if (entry.airGapped && entry.lockMode !== "compliance") {
      problems.push(`${where} is airGapped, so its lockMode must be "compliance" (logically air-gapped vaults are locked in compliance mode), not "${entry.lockMode}"`);
    }
    if (entry.airGapped && (min === undefined || max === undefined)) problems.push(`${where} is airGapped, so it needs minRetentionDays and maxRetentionDays (AWS requires both)`);
    if (entry.lockMode === "none" && (min !== undefined || max !== undefined)) problems.push(`${where} has lockMode "none" but retention bounds, which only a lock sets`);
    if (problems.length > before || !arn || name === undefined) return;
    vaults.push({
      arn: entry.arn,
      name,
      region: arn.region,
      account: arn.account,
      lockMode: entry.lockMode,
      ...(min !== undefined ? { minRetentionDays: min } : {}),
      ...(max !== undefined ? { maxRetentionDays: max } : {}),
      airGapped: entry.airGapped,
      deniesDeletion: entry.deniesDeletion,
      basis: `entry #${i + 1} of the ${EXTERNAL_VAULTS_POLICY_ID} config${entry.declaredIn ? `, declared in ${entry.declaredIn}` : ""}`,
    });
  });
  return { vaults, problems: problems.map((p) => `${EXTERNAL_VAULTS_POLICY_ID}: config key ${p}`) };
}

function days(value: number | undefined, vault: ExternalVault, key: string): Fact<number> {
  return value !== undefined ? known(value, `${key} of ${vault.basis}`) : absent(`${vault.basis} sets no ${key}`);
}

/** How a declared vault is protected against deletion or change of its recovery points. */
export function declaredImmutability(vault: ExternalVault): Immutability {
  const minRetentionDays = days(vault.minRetentionDays, vault, "minRetentionDays");
  const maxRetentionDays = days(vault.maxRetentionDays, vault, "maxRetentionDays");
  if (vault.airGapped) return { state: "immutable-by-design", minRetentionDays, maxRetentionDays };
  const lockLabel = `the lock declared by ${vault.basis}`;
  switch (vault.lockMode) {
    case "compliance":
      return { state: "compliance-lock", lockLabel, minRetentionDays, maxRetentionDays };
    case "governance":
      return {
        state: "governance-lock",
        lockLabel,
        weakness:
          `is in governance mode: anyone allowed backup:DeleteBackupVaultLockConfiguration in account ${vault.account} can remove the lock and then delete the recovery points. ` +
          `Lock vault "${vault.name}" in compliance mode (changeableForDays) in the stack that declares it, then set its lockMode to "compliance" in the ${EXTERNAL_VAULTS_POLICY_ID} config.`,
      };
    default:
      return { state: "none", basis: `${vault.basis} declares it unlocked (lockMode "none")` };
  }
}
