import { EXTERNAL_VAULTS_POLICY_ID, EXTERNAL_VAULT_ITEM, ExternalVaultEntry, externalVaults } from "../aws/external-vaults";
import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = EXTERNAL_VAULTS_POLICY_ID;

/** Config of backup-external-vaults. */
export interface ExternalVaultsConfig extends CommonRuleConfig {
  readonly vaults: readonly ExternalVaultEntry[];
}

/** The central list of vaults outside the stack (e.g. a central backup account's vault) that the organisation vouches for. */
export const backupExternalVaults = defineRule<ExternalVaultsConfig>({
  meta: {
    id: ID,
    title: "Vaults outside the stack are declared once, centrally",
    description:
      "Holds the list of AWS Backup vaults declared outside the stack (e.g. the vault of a central backup account, created by another stack and referenced by its literal ARN) that the organisation vouches for: for each, its ARN (which gives its region and account), its lock mode (`compliance`, `governance` or `none`) with its minRetentionDays and maxRetentionDays, whether it is logically air-gapped, and whether its access policy denies deleting recovery points to every principal. The other policies use an entry wherever a backup plan names that vault (by literal ARN in a copy action, or by targetVaultName in the plan's region and account): backup-immutable reads its lock and retention bounds, backup-offline-copy whether it is air-gapped, backup-deletion-protection its access policy; backup-cross-region-copy and backup-copy-residency take its region and account from the ARN. A vault that no entry declares stays unresolved in those policies (fail closed). The config is validated strictly: an unknown key, a value of the wrong type, an ARN that is not a backup vault ARN, an air-gapped vault not in compliance mode or without both retention bounds, minRetentionDays above maxRetentionDays, or an ARN listed twice is a configuration error, and then no entry is used. Keep this policy enabled: when it is disabled, no entry is used.",
    rationale:
      "The standard organisation design keeps copies in a central backup account whose vaults are created once, in another stack, and referenced by ARN. This stack cannot see their locks or access policies, so without a declaration every plan that copies there cannot be decided; declaring each vault once, in the organisation's policy config, vouches for it in every stack without exempting anything.",
    severity: "low",
    defaultLevel: "advisory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CM-6", title: "Configuration settings: identify, document and approve deviations" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
    ],
    remediation: [
      'Declare each central vault once in the organisation\'s policy config: `"backup-external-vaults": { "vaults": [{ "arn": "arn:aws:backup:eu-central-1:222222222222:backup-vault:central", "lockMode": "compliance", "minRetentionDays": 7, "maxRetentionDays": 400, "airGapped": false, "deniesDeletion": true, "declaredIn": "org/backup-account/prod" }] }`.',
      "Keep each entry true to the vault: when its lock or access policy changes in the stack that declares it, update the entry in the same change.",
    ],
    limits: [
      "An entry is a declaration: the pack cannot check it against the vault, which another stack manages. Review entries like exemptions.",
      "A vault declared in this stack is judged from its resources; an entry with the same ARN is not used for it.",
      "A vault named by targetVaultName is matched to an entry only when the plan's region and account are known and equal to the entry's.",
      "Entries do not give the vault's KMS key: backup-key-separation stays unresolved about copies into such a vault.",
    ],
    appliesTo: ["pulumi:pulumi:Stack"],
    config: {
      vaults: {
        type: "array",
        default: [],
        description:
          'Vaults outside the stack: each `{ arn, lockMode: "compliance" | "governance" | "none", minRetentionDays?, maxRetentionDays?, airGapped, deniesDeletion, declaredIn? }`.',
        items: EXTERNAL_VAULT_ITEM,
      },
    },
  },
  validate(config) {
    return externalVaults(config.vaults).problems;
  },
  check() {
    // The entries only inform the other policies; their validation is reported as a configuration error.
  },
});
