/**
 * How the program the stack came from spells what a fix or a piece of evidence names: a provider for
 * another region, the settings that pin an account, the record of which resources a property was computed
 * from. The adapter of each source supplies its own (a Terraform plan's is in `adapters/terraform`); the
 * rules and cloud models only ask for a phrase, so they never learn which source they judge.
 */
export interface SourceVocabulary {
  /** Creating a resource through a provider for `region`, e.g. `new aws.Provider("dr", { region: "eu-central-1" })`. */
  providerForRegion(name: string, region: string): string;
  /** Where the resources a property was computed from are recorded, e.g. `propertyDependencies.rules`. */
  references(type: string, property: string): string;
  /** The provider settings that put a resource in an account: `assumes a role there (assumeRoles) or sets allowedAccountIds`. */
  readonly accountSettings: string;
  /** How to make an account known before the deployment, for every provider including the default one. */
  readonly pinAccounts: string;
  /** The same, in a few words: `provider assumeRoles or allowedAccountIds, e.g. stack config aws:allowedAccountIds`. */
  readonly accountHint: string;
  /** A resource setting as the program writes it, from its Pulumi path: `objectLock.rule.period` (Terraform: `object_lock.rule.period`). */
  setting(path: string): string;
  /**
   * A setting with its value as the program writes it, from Pulumi's notation: `backupRegions: ["SBG", "GRA"]`
   * (Terraform: `backup_regions = ["SBG", "GRA"]`, object values `{ mode = "compliance" }`).
   */
  assignment(path: string, value: string): string;
  /** A resource type as the program writes it: `aws.backup.Vault`, or Terraform's `aws_backup_vault` (from its type token). */
  resourceType(token: string, pulumiName: string): string;
  /**
   * A finding's text in the source's words: the resource classes the rules name in Pulumi's notation
   * (`aws.backup.VaultPolicy`) as the source names those types (Terraform: `aws_backup_vault_policy`).
   */
  inOwnWords(text: string): string;
  /** The declaration of the accounts of OVHcloud projects, by name: `backup-guard:ovhAccounts`. */
  readonly ovhAccounts: string;
  /** Where that declaration is written: `stack config backup-guard:ovhAccounts`. */
  readonly ovhAccountsWhere: string;
}

/** A Pulumi program's words (`@pulumi/aws`): the rules' own wording. */
export const PULUMI_VOCABULARY: SourceVocabulary = {
  providerForRegion: (name, region) => `new aws.Provider("${name}", { region: "${region}" })`,
  references: (_type, property) => `propertyDependencies.${property}`,
  accountSettings: "assumes a role there (assumeRoles) or sets allowedAccountIds",
  pinAccounts: "set allowedAccountIds (or assumeRoles with a role ARN) on the provider of each store listed, or aws:allowedAccountIds in the stack config for the default provider",
  accountHint: "provider assumeRoles or allowedAccountIds, e.g. stack config aws:allowedAccountIds",
  setting: (path) => path,
  assignment: (path, value) => `${path}: ${value}`,
  resourceType: (_token, pulumiName) => pulumiName,
  inOwnWords: (text) => text,
  ovhAccounts: "backup-guard:ovhAccounts",
  ovhAccountsWhere: "stack config backup-guard:ovhAccounts",
};

/** The vocabulary of a stack or model's source; Pulumi's when the source declares none. */
export function vocabularyOf(holder: { readonly vocabulary?: SourceVocabulary }): SourceVocabulary {
  return holder.vocabulary ?? PULUMI_VOCABULARY;
}
