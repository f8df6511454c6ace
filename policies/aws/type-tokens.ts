/** `@pulumi/aws` v7 type tokens backup-guard reads (see docs/reference: pulumi-tech.md §3). */
export const AWS_TYPES = {
  provider: "pulumi:providers:aws",
  backupPlan: "aws:backup/plan:Plan",
  backupVault: "aws:backup/vault:Vault",
  backupLogicallyAirGappedVault: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
  backupVaultLockConfiguration: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  backupSelection: "aws:backup/selection:Selection",
} as const;

/** Types whose checked inputs the pack keeps from `Analyze` to complete planned outputs in `AnalyzeStack`. */
export const AWS_BACKUP_TYPES: ReadonlySet<string> = new Set([
  AWS_TYPES.backupPlan,
  AWS_TYPES.backupVault,
  AWS_TYPES.backupLogicallyAirGappedVault,
  AWS_TYPES.backupVaultLockConfiguration,
  AWS_TYPES.backupSelection,
]);
