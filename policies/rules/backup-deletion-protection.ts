import { DataStore } from "../core/data-stores";
import { capitalize, headline, named } from "../core/headline";
import { ProtectionModel } from "../core/protection-model";
import { CommonRuleConfig, FindingReport, defineRule } from "../core/rule";
import { DEFAULT_PROTECTED_TYPES, STORE_SCOPE_PROPERTIES, StoreScopeConfig, inScope, scopeReason } from "../core/store-scope";
import { VaultAccessPolicy, VaultGovernance, VaultReceipt } from "../core/vault-governance";
import { routeHead } from "./route-names";

const ID = "backup-deletion-protection";
const POLICY_FIX =
  'Attach an aws.backup.VaultPolicy to the vault (backupVaultName: the vault\'s name) whose policy denies both actions to every principal, without Condition: { Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }.';
const KNOWN_POLICY_FIX =
  'Write the document without values computed during the deployment, with Resource: "*" instead of the vault\'s ARN (a vault access policy applies to its own vault only), so that it is known during preview: policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }] }).';

/** Config of backup-deletion-protection. */
export interface DeletionProtectionConfig extends CommonRuleConfig, StoreScopeConfig {
  /** Also require the access policy on the vaults that backup plan rules back up into (their target vaults). */
  readonly protectSourceVaults: boolean;
}

/** What a vault holds, for messages: `copies of rule "daily" of backup plan "plan"`. */
function holdings(receipts: readonly VaultReceipt[]): string {
  const copies = [...new Set(receipts.filter((r) => r.role === "copy").map((r) => r.routeLabel))];
  const backups = [...new Set(receipts.filter((r) => r.role === "source").map((r) => r.routeLabel))];
  const parts: string[] = [];
  if (copies.length > 0) parts.push(`copies of ${copies.join(", ")}`);
  if (backups.length > 0) parts.push(`the backups of ${backups.join(", ")}`);
  return parts.join(" and ");
}

/** `holds copies of ...`, or `may hold ...` when only some readings of the routes put them there. */
function holds(receipts: readonly VaultReceipt[], certain: boolean): string {
  return certain ? `holds ${holdings(receipts)}` : `may hold ${holdings(receipts)} (references unknown during preview may point to it)`;
}

/**
 * A vault whose lock already stops early deletion, for everyone (a compliance-mode lock, or a logically
 * air-gapped vault): what a missing deletion-denying policy leaves open, for messages; undefined otherwise.
 */
function lockedGap(vault: VaultGovernance): string | undefined {
  const lock = vault.immutability;
  if (lock === undefined || (lock.state !== "compliance-lock" && lock.state !== "immutable-by-design")) return undefined;
  const by = lock.state === "compliance-lock" ? `its compliance-mode lock (${lock.lockLabel})` : "its logical air gap (it is locked in compliance mode by design)";
  const floor = lock.minRetentionDays;
  const minimum =
    floor.state === "known"
      ? `the lock's minimum of ${floor.value} ${floor.value === 1 ? "day" : "days"} (minRetentionDays)`
      : floor.state === "absent"
        ? "the lock's minimum, which is not set, so down to any retention"
        : `the lock's minimum (${floor.basis})`;
  return (
    `${by} already stops anyone, the root user included, from deleting its recovery points before their retention ends or shortening it below the lock's minimum. ` +
    `What remains open: anyone allowed backup:UpdateRecoveryPointLifecycle in its account (an administrator, or ransomware using their credentials) can still shorten the retention of its recovery points down to ${minimum}, and delete them once that has passed`
  );
}

/** What a missing deletion-denying policy leaves open, for a first sentence: deletion, or (locked vault) shortening. */
function denied(gap: string | undefined): string {
  return gap === undefined ? "deleting its recovery points" : "shortening the retention of its recovery points";
}

function vaultFindings(vault: VaultGovernance, config: DeletionProtectionConfig): FindingReport[] {
  const gap = lockedGap(vault);
  // Its access policy belongs to the stack that declares it: judged by what the organisation declares.
  const findings = vault.urn === undefined ? declaredVaultFindings(vault, config, gap) : inStackVaultFindings(vault, vault.urn, config, gap);
  // The lock covers the main risk: a missing or weak policy is a smaller gap, reported as advisory.
  return gap === undefined ? findings : findings.map((finding) => ({ ...finding, outcome: "advisory" as const }));
}

/** The findings about the access policies of a vault in the stack (`urn`); `gap` (a locked vault) changes what the messages say is at risk. */
function inStackVaultFindings(vault: VaultGovernance, urn: string, config: DeletionProtectionConfig, gap: string | undefined): FindingReport[] {
  const locked = gap === undefined ? "" : ` Its lock limits the risk: ${gap}.`;
  const receipts = vault.receipts.filter((r) => r.role === "copy" || (config.protectSourceVaults && r.role === "source"));
  if (receipts.length === 0) return [];
  const certain = receipts.some((r) => r.certain);
  const what = holds(receipts, certain);
  if (vault.accessPolicies.length === 0) {
    if (vault.accessPolicyUndecided !== undefined) {
      return [
        {
          urn,
          outcome: "unresolved",
          code: "unresolved-vault-policy",
          subject: "",
          message:
            headline([named(vault.label)], (v) => `Cannot tell whether an access policy protects the recovery points in ${v}.`) +
            ` It ${what}: ${vault.accessPolicyUndecided}. ` +
            `Set the policy's backupVaultName from the vault (backupVaultName: vault.name) or to its literal name. ${POLICY_FIX}${locked}`,
        },
      ];
    }
    return [
      {
        urn,
        outcome: certain ? "violation" : "unresolved",
        code: certain ? "no-vault-policy" : "unresolved-vault-policy",
        subject: "",
        message:
          headline([named(vault.label)], (v) => `${capitalize(v)} has no access policy that denies ${denied(gap)}.`) +
          (gap === undefined
            ? ` It ${what}, but no aws.backup.VaultPolicy in this stack attaches to it: anyone allowed backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle in its account (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention. ` +
              POLICY_FIX
            : ` It ${what}, and no aws.backup.VaultPolicy in this stack attaches to it; ${gap}. ${POLICY_FIX}`),
      },
    ];
  }
  return vault.accessPolicies.flatMap((policy) => policyFindings(vault, policy, what, certain, gap));
}

/**
 * A vault outside the stack is judged only by what the organisation declares about it (backup-external-vaults),
 * on the routes that fill it.
 */
function declaredVaultFindings(vault: VaultGovernance, config: DeletionProtectionConfig, gap: string | undefined): FindingReport[] {
  const declaration = vault.declaration;
  if (declaration === undefined || declaration.deniesDeletion) return [];
  const receipts = vault.receipts.filter((r) => r.role === "copy" || (config.protectSourceVaults && r.role === "source"));
  return [...new Set(receipts.map((r) => r.routeUrn))].map((urn) => {
    const own = receipts.filter((r) => r.routeUrn === urn);
    const certain = own.some((r) => r.certain);
    return {
      urn,
      outcome: certain ? "violation" : "unresolved",
      code: certain ? "no-vault-policy" : "unresolved-vault-policy",
      subject: vault.label,
      message:
        headline([named(vault.label)], (v) => `The declared access policy of ${v} does not deny ${denied(gap)}.`) +
        ` It ${holds(own, certain)}, and ${declaration.basis} declares that its access policy does not deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal${gap === undefined ? ": anyone allowed them in its account (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention" : `; ${gap}`}. ` +
        `In the stack that declares the vault, ${POLICY_FIX.charAt(0).toLowerCase()}${POLICY_FIX.slice(1)} Then set deniesDeletion: true in its entry.`,
    };
  });
}

function policyFindings(vault: VaultGovernance, policy: VaultAccessPolicy, what: string, certain: boolean, gap: string | undefined): FindingReport[] {
  switch (policy.deletionDenied) {
    case "all-principals":
      return [];
    case "unknown":
      return [
        {
          urn: policy.urn,
          outcome: "unresolved",
          code: "unresolved-vault-policy",
          subject: vault.label,
          message:
            headline([named(policy.label), named(vault.label)], (p, v) => `Cannot check that ${p} protects the recovery points in ${v}.`) +
            ` The vault ${what}; the policy (${policy.attachedVia}): ${policy.evidence.join("; ")}. ${KNOWN_POLICY_FIX}${gap === undefined ? "" : ` Its lock limits the risk: ${gap}.`}`,
        },
      ];
    default:
      return [
        {
          urn: policy.urn,
          outcome: certain ? "violation" : "unresolved",
          code: certain ? "vault-policy-allows-deletion" : "unresolved-vault-policy",
          subject: vault.label,
          message:
            headline([named(policy.label), named(vault.label)], (p, v) => `${capitalize(p)} does not protect the recovery points in ${v}.`) +
            ` The vault ${what}; the policy (${policy.attachedVia}): ${policy.evidence.join("; ")}. ` +
            (gap === undefined
              ? `Any principal it does not deny (an administrator, or ransomware using their credentials) can delete the recovery points or shorten their retention. ${POLICY_FIX}`
              : `${gap[0].toUpperCase()}${gap.slice(1)}. ${POLICY_FIX}`),
        },
      ];
  }
}

function storeFindings(store: DataStore, config: DeletionProtectionConfig): FindingReport[] {
  const protection = store.deletionProtection;
  if (protection === undefined) return []; // the service offers none
  const scope = inScope(store, config);
  if (scope === "no") return [];
  const { setting, enabled } = protection;
  if (enabled.state === "known" && enabled.value) return [];
  if (enabled.state === "unknown") {
    return [
      {
        urn: store.urn,
        outcome: "unresolved",
        code: "unresolved-deletion-protection",
        subject: "",
        message: headline([named(store.label)], (s) => `Cannot tell whether ${s} has deletion protection.`) + ` Undecided: ${enabled.basis}. Set ${setting}: true literally.`,
      },
    ];
  }
  const state = enabled.state === "known" ? `${setting} is false` : `${enabled.basis} (the provider's default is false)`;
  if (scope === "unknown") {
    return [
      {
        urn: store.urn,
        outcome: "unresolved",
        code: "scope-undecided",
        subject: "",
        message:
          headline([named(store.label)], (s) => `Cannot tell whether ${s}, which has no deletion protection, must have it.`) +
          ` It has none (${state}), and whether it is a protected data store cannot be told: its tags are unknown during preview and includeTags/excludeTags decide it. ` +
          `Set ${setting}: true.`,
      },
    ];
  }
  return [
    {
      urn: store.urn,
      outcome: "violation",
      code: "no-deletion-protection",
      subject: "",
      message:
        headline([named(store.label)], (s) => `${capitalize(s)} has no deletion protection.`) +
        ` It is ${scopeReason(store, config)}, and ${state}. ` +
        "One delete call, from a mistaken `pulumi destroy` or replacement or from an attacker using the production credentials, removes the data at once. " +
        `Set ${setting}: true, so that deletion protection has to be turned off, visibly, before the store can be deleted.`,
    },
  ];
}

/**
 * Routes whose copy vaults (or, with protectSourceVaults, target vaults) cannot be told: the vault may be
 * one of the stack's, without a deletion-denying policy.
 */
function unreadableRouteFindings(model: ProtectionModel, config: DeletionProtectionConfig): FindingReport[] {
  const keys = new Set(model.vaults.map((v) => v.key));
  const out: FindingReport[] = [];
  for (const route of model.routes) {
    if (route.kind === "native-copy") continue;
    let why: string | undefined;
    if (route.views.length === 0) {
      const noCopy = route.declaredCopies.state === "known" && route.declaredCopies.value === 0;
      if (!noCopy || config.protectSourceVaults) why = route.unresolvedReason ?? "its configuration is unknown";
    } else {
      const reasons = new Set<string>();
      for (const view of route.views) {
        const stores = [...view.copies.map((c) => c.store), ...(config.protectSourceVaults ? [view.source] : [])];
        for (const store of stores) {
          if ((store.kind ?? "backup-vault") === "backup-vault" && !keys.has(store.key)) reasons.add(`${store.label}: ${store.resolvedVia}`);
        }
      }
      if (reasons.size > 0) why = [...reasons].join("; ");
    }
    if (why === undefined) continue;
    out.push({
      urn: route.urn,
      outcome: "unresolved",
      code: "unresolved-vault",
      subject: route.subject,
      message:
        headline([{ text: routeHead(route), full: route.label }], (r) => `Cannot tell which vaults hold the ${config.protectSourceVaults ? "backups and copies" : "copies"} of ${r}.`) +
        ` Their access policies cannot be checked: ${why}. Reference each vault unambiguously (e.g. destinationVaultArn: vault.arn), and attach to each an aws.backup.VaultPolicy that denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal.`,
    });
  }
  return out;
}

/** Vaults holding copies deny the deletion of recovery points to everyone; data stores have deletion protection. */
export const backupDeletionProtection = defineRule<DeletionProtectionConfig>({
  meta: {
    id: ID,
    title: "Backups and data stores cannot be deleted by anyone",
    description:
      "Every vault declared in the stack that holds copies (a copy destination of an AWS Backup plan rule, regular or logically air-gapped) must have a vault access policy (`aws.backup.VaultPolicy`, attached by `backupVaultName`, a literal name or a reference to the vault) with Deny statements that cover `backup:DeleteRecoveryPoint` and `backup:UpdateRecoveryPointLifecycle` (exact names or wildcards such as `backup:*`, `backup:Delete*`), for every principal (`Principal: \"*\"` or `{ AWS: \"*\" }`), on every recovery point (`Resource: \"*\"`), without Condition, NotPrincipal, NotAction or NotResource; the two actions may be denied by separate statements. With `protectSourceVaults`, the vaults that plan rules back up into need it too. A vault locked in compliance mode (or logically air-gapped) already stops early deletion for everyone: there, a missing or weak policy is reported as advisory, saying that retention can still be shortened down to the lock's minimum; governance-mode or unlocked vaults stay at the policy's level. Protected data stores must have deletion protection where the service offers it: RDS instances and RDS/Aurora clusters (`deletionProtection`), DynamoDB tables (`deletionProtectionEnabled`); omitted means off. The vault part needs the whole stack; deletion protection of a data store is judged on the resource alone too.",
    rationale:
      "A ransomware gang whose victim's backup administrator sat in the production identity domain used those rights to delete the backups before encrypting production. An explicit Deny in the vault's own access policy binds every identity of the account, administrators included, so stolen production credentials cannot delete or shorten the copies; deletion protection stops a single call (or a mistaken destroy) from removing a database.",
    severity: "critical",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9", title: "System backup: protect the integrity and availability of backup information" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 9(3)(b)", title: "Minimise the risk of loss of data and unauthorised access" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.2", title: "Recovery infrastructure and data backup" },
    ],
    remediation: [
      'Add an `aws.backup.VaultPolicy` per copy vault: `backupVaultName: vault.name`, `policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyRecoveryPointDeletion", Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }] })` (create it through the vault\'s provider).',
      'Write the document with `Resource: "*"` and literal values (`JSON.stringify`), not `pulumi.jsonStringify` of the vault\'s ARN: a vault access policy applies to its own vault only, and a document known during preview can be checked.',
      "If a principal must keep the right to delete recovery points (a break-glass role), do not carve it out with a Condition: lock the vault in compliance mode instead (`aws.backup.VaultLockConfiguration` with `changeableForDays`), which binds even the root user.",
      "Set `deletionProtection: true` on RDS instances and clusters and `deletionProtectionEnabled: true` on DynamoDB tables.",
    ],
    limits: [
      "A vault outside this stack is judged only by what the backup-external-vaults config declares about its access policy (deniesDeletion); without an entry it is not judged: its access policy belongs to the stack that declares it.",
      "Only the vault access policy is read; IAM policies, service control policies and permission boundaries that might also deny deletion cannot be seen.",
      "EFS, FSx, EBS and S3 offer no deletion protection setting; their backups are what protects them (see backup-coverage, backup-immutable).",
      "AWS keeps one access policy per vault: when several aws.backup.VaultPolicy resources attach to the same vault, each must deny deletion.",
    ],
    appliesTo: [
      "aws:backup/vault:Vault",
      "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
      "aws:backup/vaultPolicy:VaultPolicy",
      "aws:backup/plan:Plan",
      ...DEFAULT_PROTECTED_TYPES.filter((type) => /^aws:(rds|dynamodb)\//.test(type)),
    ],
    config: {
      ...STORE_SCOPE_PROPERTIES,
      protectSourceVaults: {
        type: "boolean",
        default: false,
        description:
          "Also require the deletion-denying access policy on the vaults that backup plan rules back up into (targetVaultName), not only on the vaults that hold copies.",
      },
    },
  },
  check(model, context) {
    const config = context.config;
    const stores = model.dataStores;
    // An index loop: it visits every store of the stack, and for..of allocates an iterator result per store until optimised.
    for (let i = 0; i < stores.length; i++) {
      const findings = storeFindings(stores[i], config);
      for (let j = 0; j < findings.length; j++) context.report(findings[j]);
    }
    // A vault's access policy is another resource: only the whole stack can show it is missing.
    if (!model.wholeStack) return;
    for (const vault of model.vaults) {
      for (const finding of vaultFindings(vault, config)) context.report(finding);
    }
    for (const finding of unreadableRouteFindings(model, config)) context.report(finding);
  },
});
