import { AccountFact, ProtectionRoute, RouteView, compareAccounts, describeAccount } from "../core/protection-model";
import { SourceVocabulary, vocabularyOf } from "../core/source-vocabulary";
import { CommonRuleConfig, defineRule } from "../core/rule";
import { AWS_BACKUP_ROUTE_TYPES, NATIVE_COPY_TYPES } from "./applies-to";
import { accountName, accountsNamed, routeSentence } from "./route-names";
import { Issue, judgeRoutesPerPrimary } from "./route-verdicts";

const ID = "backup-offline-copy";
const REQUIREMENT =
  "Copy at least once into a logically air-gapped vault (aws.backup.LogicallyAirGappedVault) or into a vault in a separate backup account (a provider that assumes a role there).";
const NATIVE_REQUIREMENT =
  "Copy at least once into a separate backup account: S3 replication with destination.account (and accessControlTranslation.owner \"Destination\") into a bucket of that account, or a snapshot copy owned by that account (created through a provider that assumes a role there, or by a DLM event-based policy of that account that copies the snapshots shared with it: a share alone leaves them owned by this account); or back the data up with AWS Backup into a logically air-gapped vault.";

/** Config of backup-offline-copy. */
export interface OfflineCopyConfig extends CommonRuleConfig {
  /** When not empty, only copies into these accounts count as offline. */
  readonly trustedAccounts: readonly string[];
}

/** What must be done for the route: the cloud model's advice, else the AWS wording. */
function requirementOf(route: ProtectionRoute): string {
  return route.advice?.offline ?? (route.kind === "native-copy" ? NATIVE_REQUIREMENT : REQUIREMENT);
}

/** Where copies are, in a few words: `account 111111111111`, `accounts 1… and 2…`, `the deploying account`. */
function accountsIn(accounts: readonly AccountFact[]): string {
  const ids = accounts.flatMap((account) => (account.state === "known" ? account.accountIds : []));
  const others = [...new Set(accounts.filter((account) => account.state !== "known").map(productionAccount))];
  return [...(ids.length > 0 ? [accountsNamed(ids)] : []), ...others].join(" and ");
}

/** The production account in a few words: `account 111111111111`, `the deploying account`, `the production account`. */
function productionAccount(account: AccountFact): string {
  return account.state === "unknown" ? "the production account" : accountName(account);
}

function judge(route: ProtectionRoute, view: RouteView, config: OfflineCopyConfig, vocabulary: SourceVocabulary): Issue[] {
  const source = view.source;
  const requirement = requirementOf(route);
  const say = (sentence: (name: string) => string): string => routeSentence(route, sentence);
  if (view.copies.length === 0) {
    const production = productionAccount(source.placement.account);
    return [
      {
        urn: route.urn,
        outcome: "violation",
        code: "no-copy",
        subject: route.subject,
        message:
          route.kind === "native-copy"
            ? `${say((name) => `${name} makes no copy out of ${production}.`)} The data and its copies stay in ${describeAccount(source.placement.account)}, administrable with the production account's credentials. ${requirement}`
            : `${say((name) => `${name} has no copy action: its recovery points stay in ${production}.`)} They stay in ${source.label} in ${describeAccount(source.placement.account)}, ` +
              `administrable with the production account's credentials. ${requirement}`,
      },
    ];
  }
  const inReach: string[] = [];
  /** The accounts of the copies in reach, for the first sentence: their account facts. */
  const reachAccounts: AccountFact[] = [];
  const undecided: string[] = [];
  for (const copy of view.copies) {
    const store = copy.store;
    const where = `${copy.label} → ${store.label}`;
    if (store.airGapped.state === "known" && store.airGapped.value) {
      return []; // a logically air-gapped vault is out of the account's reach by design
    }
    const relation = compareAccounts(source.placement.account, store.placement.account);
    if (relation === "different") {
      const account = store.placement.account;
      const trusted = config.trustedAccounts;
      if (trusted.length === 0) return [];
      if (account.state === "known" && account.accountIds.every((id) => trusted.includes(id))) return [];
      if (account.state === "known") {
        reachAccounts.push(account);
        inReach.push(`${where} in ${describeAccount(account)}, which is not in trustedAccounts (${trusted.join(", ")})`);
      } else {
        undecided.push(`${where} is in another account than the source, but not known to be one of trustedAccounts (${trusted.join(", ")})`);
      }
      continue;
    }
    if (relation === "same") {
      if (store.airGapped.state === "known") {
        const sourceAccount = source.placement.account;
        reachAccounts.push(sourceAccount.state === "known" ? sourceAccount : store.placement.account);
        inReach.push(
          sourceAccount.state === "known"
            ? `${where} in ${describeAccount(store.placement.account)}, which is also the account of source ${source.label} (${sourceAccount.basis})`
            : `${where} in ${describeAccount(store.placement.account)}, the same credentials as source ${source.label}`,
        );
      } else {
        undecided.push(`${where} is in the source's account and it cannot be told whether it is logically air-gapped (${store.resolvedVia})`);
      }
      continue;
    }
    const account = store.placement.account;
    if (config.trustedAccounts.length > 0 && account.state === "known" && account.accountIds.every((id) => config.trustedAccounts.includes(id))) {
      // Declared as a backup account: production does not run there, even if the source's account is unknown.
      return [];
    }
    undecided.push(`${where}: ${describeAccount(account)} vs source ${source.label} in ${describeAccount(source.placement.account)}`);
  }
  if (undecided.length > 0) {
    return [
      {
        urn: route.urn,
        outcome: "unresolved",
        code: "unresolved-account",
        subject: route.subject,
        message:
          `${say((name) => `cannot prove that ${name} has an offline copy.`)} Undecided: ${undecided.join("; ")}` +
          (inReach.length > 0 ? `; ${inReach.join("; ")}` : "") +
          (route.advice ? `. ${route.advice.knownAccount}` : `. Make the accounts known (${vocabulary.accountHint}) or copy into a logically air-gapped vault.`),
      },
    ];
  }
  return [
    {
      urn: route.urn,
      outcome: "violation",
      code: "no-offline-copy",
      subject: route.subject,
      message:
        `${say((name) => `${name} has no offline copy: all in ${accountsIn(reachAccounts)}.`)} Copies: ${inReach.join("; ")}. ` +
        `Whoever holds the production credentials (or ransomware running with them) can delete every copy. ${requirement}`,
    },
  ];
}

/** Every backup route keeps a copy out of reach of the production account. */
export const backupOfflineCopy = defineRule<OfflineCopyConfig>({
  meta: {
    id: ID,
    title: "Backups have a copy out of the production account's reach",
    description:
      "At least one copy of every AWS Backup plan rule must be out of reach of the production account: in a logically air-gapped vault, or in a vault in a different AWS account. Native copies are judged the same way, except that a native copy that stays in the production account is accepted when another route of the same primary keeps an offline copy: an S3 replication rule counts when its destination bucket is in another account (destination.account, or the bucket's provider), a DLM event-based policy when it copies snapshots shared by another account, a DLM schedule's share (shareRule.targetAccounts) only when an event-based policy of the target account in this stack copies the shared snapshots (a shared snapshot stays owned by the sharing account, which can delete it for everyone), and EBS/RDS copies when they are created through a provider in another account. Accounts are taken from literal ARNs, from providers' `assumeRoles[].roleArn` and `allowedAccountIds`, or from resources' own ARNs; two resources deployed with the same credentials are in the same account.",
    rationale:
      "Ransomware encrypted a company's backups because they were reachable and administrable from the production network. Backups that production credentials can delete are not an offline copy.",
    severity: "critical",
    defaultLevel: "mandatory",
    frameworks: [
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(3)", title: "Backups logically segregated from the source" },
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9(3)", title: "System backup: separate storage for critical information" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.2", title: "Data backup processes and recovery infrastructure" },
    ],
    remediation: [
      "Create an `aws.backup.LogicallyAirGappedVault` (in another region) and add a copy action to it, or",
      "create the destination vault through a provider that assumes a role in a dedicated backup account (`assumeRoles: [{ roleArn: \"arn:aws:iam::<backup-account>:role/...\" }]`) and allow cross-account backup (`aws.backup.GlobalSettings`).",
      "Declare the production account on the source provider (`aws:allowedAccountIds` in stack config) so that the accounts can be compared during preview.",
    ],
    appliesTo: [...AWS_BACKUP_ROUTE_TYPES, ...NATIVE_COPY_TYPES],
    limits: [
      "An account reached through ambient credentials (no assumeRoles or allowedAccountIds) can only be compared with resources deployed with the same credentials.",
      "A destination vault outside this stack cannot be identified as logically air-gapped from its ARN alone, unless the organisation declares it in the backup-external-vaults config.",
      "A DLM share (shareRule.targetAccounts) is not an offline copy on its own: the shared snapshot stays owned by the source account. It counts when an event-based policy of the target account, declared in this stack with that account known, copies snapshots shared by the source account; a copying policy in another stack cannot be seen (exempt the finding with a reason).",
    ],
    config: {
      trustedAccounts: {
        type: "array",
        items: { type: "string", pattern: "^\\d{12}$" },
        uniqueItems: true,
        default: [],
        description:
          "The backup accounts that hold offline copies (12-digit ids). When not empty, a copy into another account counts only if that account is listed, and a copy into a listed account counts even when the source's account cannot be determined during preview. Copies into logically air-gapped vaults always count.",
      },
    },
  },
  check(model, context) {
    judgeRoutesPerPrimary(
      ID,
      model,
      context,
      requirementOf,
      (route, view) => judge(route, view, context.config, vocabularyOf(model)),
    );
  },
});
