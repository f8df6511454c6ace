import { DataStore } from "../core/data-stores";
import { ProtectionModel, ProtectionRoute } from "../core/protection-model";
import { CommonRuleConfig, FindingReport, defineRule } from "../core/rule";
import { DEFAULT_PROTECTED_TYPES, DEFAULT_TAGGED_TYPES, STORE_SCOPE_PROPERTIES, StoreScopeConfig, inScope } from "../core/store-scope";
import { RestoreTestPlan, VaultGovernance } from "../core/vault-governance";

const ID = "backup-restore-testing";

/** Config of backup-restore-testing. */
export interface RestoreTestingConfig extends CommonRuleConfig, StoreScopeConfig {
  /** Also require restore tests in the vaults that hold copies, not only in the vaults backups are made into. */
  readonly requireForCopyVaults: boolean;
}

/** A protected store's backups reaching the vaults of a backup plan, and how sure that is. */
interface Feed {
  readonly store: DataStore;
  /** Set when the store may not be protected or may not be backed up by the plan. */
  readonly doubt?: string;
}

/** What a vault must be restore-tested for: one AWS Backup resource type. */
interface Requirement {
  readonly type: string;
  readonly stores: Set<string>;
  readonly routes: Set<string>;
  /**
   * Why it may not be required, per uncertain path, with repeats: read (deduplicated) only when no path is
   * certain, so a vault fed by many stores does not hash every doubt.
   */
  readonly doubts: string[];
  certain: boolean;
}

function fix(type: string): string {
  return (
    'Add an aws.backup.RestoreTestingPlan in the vault\'s region and account whose recoveryPointSelection.includeVaults lists the vault\'s ARN (or "*"), ' +
    `and an aws.backup.RestoreTestingSelection with restoreTestingPlanName set to the plan's name and protectedResourceType "${type}".`
  );
}

/** The protected stores whose AWS Backup plans are in the stack, per plan URN. */
function feedsByPlan(model: ProtectionModel, config: RestoreTestingConfig): Map<string, Feed[]> {
  const out = new Map<string, Feed[]>();
  const stores = model.dataStores;
  // An index loop: it visits every store of the stack, and for..of allocates an iterator result per store until optimised.
  for (let i = 0; i < stores.length; i++) {
    const store = stores[i];
    const scope = inScope(store, config);
    if (scope === "no") continue;
    for (const backup of store.backups) {
      if (backup.kind !== "aws-backup") continue;
      const doubts: string[] = [];
      if (scope === "unknown") doubts.push(`whether ${store.label} is a protected data store depends on its tags, unknown during preview`);
      if (backup.state === "unknown") doubts.push(`${backup.label} may not back up ${store.label} (${backup.why})`);
      for (const urn of backup.routeUrns) {
        const list = out.get(urn) ?? [];
        list.push(doubts.length > 0 ? { store, doubt: doubts.join("; ") } : { store });
        out.set(urn, list);
      }
    }
  }
  return out;
}

function describePlan(plan: RestoreTestPlan, type: string): string {
  const types = [
    ...new Set(
      plan.selections.map((s) =>
        s.resourceType.state === "known" ? s.resourceType.value : s.resourceType.state === "unknown" ? "a type unknown during preview" : `nothing (${s.resourceType.basis})`,
      ),
    ),
  ];
  const tested = types.length === 0 ? "it has no restore testing selection" : `its selections test ${types.join(", ")}, not ${type}`;
  switch (plan.covers) {
    case "yes":
      return `${plan.label} covers it (${plan.coversVia}), but ${tested}`;
    case "no":
      return `${plan.label} does not cover it (${plan.coversVia})`;
    default:
      return `${plan.label} may cover it (${plan.coversVia})`;
  }
}

function judge(vault: VaultGovernance, requirement: Requirement, fallbackUrn: string): FindingReport | undefined {
  const { type } = requirement;
  const tests = vault.restoreTests;
  const matching = (plan: RestoreTestPlan, proven: boolean) =>
    plan.selections.filter((s) =>
      proven
        ? s.linked === "yes" && s.resourceType.state === "known" && s.resourceType.value === type
        : s.resourceType.state === "unknown" || (s.resourceType.state === "known" && s.resourceType.value === type),
    );
  if (tests.some((plan) => plan.covers === "yes" && matching(plan, true).length > 0)) return undefined;
  const maybe = tests.flatMap((plan) =>
    plan.covers === "no"
      ? []
      : matching(plan, false).map((s) => {
          const open = [
            ...(plan.covers === "unknown" ? [`whether the plan covers the vault: ${plan.coversVia}`] : []),
            ...(s.linked === "unknown" ? [`whether the selection belongs to the plan: ${s.linkedVia}`] : []),
            ...(s.resourceType.state === "unknown" ? ["its protectedResourceType is unknown during preview"] : []),
          ];
          return `${s.label} of ${plan.label} may test them (${open.join("; ")})`;
        }),
  );
  const urn = vault.urn ?? fallbackUrn;
  const subject = vault.urn !== undefined ? type : `${type} in ${vault.key}`;
  const stores = [...requirement.stores].join(", ");
  const routes = [...requirement.routes].join(", ");
  if (maybe.length > 0) {
    return {
      urn,
      outcome: "unresolved",
      code: "restore-test-undecided",
      subject,
      message: `Cannot tell whether restores of the ${type} backups in ${vault.label} are tested. They are backups of ${stores}, from ${routes}: ${maybe.join("; ")}. ${fix(type)}`,
    };
  }
  const elsewhere = vault.restoreTestsElsewhere;
  const away =
    elsewhere.length === 0
      ? ""
      : `${elsewhere.slice(0, 3).join(", ")}${elsewhere.length > 3 ? ` and ${elsewhere.length - 3} more` : ""} ${elsewhere.length === 1 ? "runs" : "run"} in another region and cannot test it`;
  const evidence =
    tests.length === 0
      ? away === ""
        ? "there is no aws.backup.RestoreTestingPlan in this stack"
        : `there is no aws.backup.RestoreTestingPlan in its region: ${away}`
      : [...tests.map((plan) => describePlan(plan, type)), ...(away === "" ? [] : [away])].join("; ");
  if (!requirement.certain) {
    return {
      urn,
      outcome: "unresolved",
      code: "restore-test-undecided",
      subject,
      message: `Cannot tell whether ${vault.label} receives ${type} backups that no restore test reads. It may receive backups of ${stores} (${type}) from ${routes} (${[...new Set(requirement.doubts)].join("; ")}), and no restore test reads them: ${evidence}. ${fix(type)}`,
    };
  }
  return {
    urn,
    outcome: "violation",
    code: "no-restore-test",
    subject,
    message:
      `No restore test reads the ${type} backups in ${vault.label}. It receives backups of ${stores} (${type}) from ${routes}, but no restore test reads them: ${evidence}. ` +
      `Nobody would learn that these backups cannot be restored until they are needed. ${fix(type)}`,
  };
}

/** Routes whose vaults cannot be told: they may take protected backups anywhere. */
function unreadable(route: ProtectionRoute, model: ProtectionModel, config: RestoreTestingConfig): string | undefined {
  if (route.views.length === 0) return route.unresolvedReason ?? "its configuration is unknown";
  const keys = new Set(model.vaults.map((v) => v.key));
  const reasons = new Set<string>();
  for (const view of route.views) {
    for (const store of [view.source, ...(config.requireForCopyVaults ? view.copies.map((c) => c.store) : [])]) {
      if ((store.kind ?? "backup-vault") === "backup-vault" && !keys.has(store.key)) reasons.add(`${store.label}: ${store.resolvedVia}`);
    }
  }
  return reasons.size > 0 ? [...reasons].join("; ") : undefined;
}

/** Each vault that receives backups of protected data stores is covered by restore tests for their types. */
export const backupRestoreTesting = defineRule<RestoreTestingConfig>({
  meta: {
    id: ID,
    title: "Vaults receiving backups have restore tests",
    description:
      "Each vault that receives AWS Backup recovery points of protected data stores (the target vault of a backup plan rule that selects them and, unless `requireForCopyVaults` is off, its copy destinations) must be covered by an `aws.backup.RestoreTestingPlan` — one in the vault's region and account whose `recoveryPointSelection.includeVaults` names the vault (its ARN, an ARN pattern, `\"*\"`, or a reference to the vault) and whose `excludeVaults` does not — with an `aws.backup.RestoreTestingSelection` (`restoreTestingPlanName` = the plan's name, or a reference to it) whose `protectedResourceType` is each protected store's AWS Backup resource type (`RDS`, `Aurora`, `DynamoDB`, `EFS`, `EBS`, `FSx`, `S3`). Vaults outside the stack that a plan names by name or ARN are judged too, on the backup plan. Whole-stack analysis only.",
    rationale:
      "An outsourcer's backups could not restore 200 000 lost files: the backups had run every night, and nobody had ever tried a restore. AWS Backup restore testing restores recovery points on a schedule and reports whether they could be restored.",
    severity: "medium",
    defaultLevel: "advisory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9(1)", title: "System backup: testing for reliability and integrity" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(2)", title: "Periodic testing of backup and restoration procedures" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.13", title: "Information backup (backup copies regularly tested)" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(c)", title: "Backup management" },
      { name: "SOC 2", version: "2017 TSC", reference: "A1.3", title: "Recovery plan procedures are tested" },
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-4", title: "Contingency plan testing" },
    ],
    remediation: [
      'Add an `aws.backup.RestoreTestingPlan` in the vault\'s region and account: `recoveryPointSelection: { algorithm: "LATEST_WITHIN_WINDOW", includeVaults: [vault.arn], recoveryPointTypes: ["SNAPSHOT"] }`, `scheduleExpression: "cron(0 6 ? * SUN *)"`.',
      'Add an `aws.backup.RestoreTestingSelection` per resource type: `restoreTestingPlanName: plan.name`, `protectedResourceType: "RDS"` (or `Aurora`, `DynamoDB`, `EFS`, `EBS`, `FSx`, `S3`), `protectedResourceArns: ["*"]`, `iamRoleArn`.',
      "Test the copy vaults too (a plan per region and account that holds copies), or set `requireForCopyVaults: false` if copies are tested elsewhere.",
    ],
    limits: [
      "A restore testing selection's `protectedResourceArns` and `protectedResourceConditions` are not matched against the stores: a selection of the right type counts for every store of that type.",
      "Whether restore tests succeed, and whether their validation checks the data, can only be seen after they have run.",
      "Backups made by plans outside this stack (a selection whose plan is not in the stack) are not judged; nor are restore tests declared in another stack, e.g. of a central backup account.",
    ],
    appliesTo: [
      "aws:backup/vault:Vault",
      "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
      "aws:backup/plan:Plan",
      "aws:backup/selection:Selection",
      "aws:backup/restoreTestingPlan:RestoreTestingPlan",
      "aws:backup/restoreTestingSelection:RestoreTestingSelection",
      ...DEFAULT_PROTECTED_TYPES,
      ...DEFAULT_TAGGED_TYPES,
    ],
    config: {
      ...STORE_SCOPE_PROPERTIES,
      requireForCopyVaults: {
        type: "boolean",
        default: true,
        description:
          "Also require restore tests in the vaults that hold copies (copy-action destinations, logically air-gapped targets), not only in the vaults backups are made into (targetVaultName).",
      },
    },
  },
  check(model, context) {
    if (!model.wholeStack) return; // restore tests are other resources
    const config = context.config;
    const feeds = feedsByPlan(model, config);
    if (feeds.size === 0) return;
    for (const route of model.routes) {
      if (route.kind === "native-copy" || !feeds.has(route.urn)) continue;
      const why = unreadable(route, model, config);
      if (why === undefined) continue;
      const stores = [...new Set((feeds.get(route.urn) ?? []).map((f) => f.store.label))].join(", ");
      context.report({
        urn: route.urn,
        outcome: "unresolved",
        code: "unresolved-vault",
        subject: route.subject,
        message: `Cannot tell which vaults receive the backups of ${route.label}, so their restore tests cannot be checked. Backups of ${stores}: ${why}. Reference each vault unambiguously (e.g. targetVaultName: vault.name, destinationVaultArn: vault.arn).`,
      });
    }
    for (const vault of model.vaults) {
      const requirements = new Map<string, Requirement>();
      let fallbackUrn: string | undefined;
      for (const receipt of vault.receipts) {
        if (receipt.role === "copy" && !config.requireForCopyVaults) continue;
        for (const feed of feeds.get(receipt.routeUrn) ?? []) {
          const type = feed.store.backupResourceType;
          const requirement = requirements.get(type) ?? { type, stores: new Set(), routes: new Set(), doubts: [], certain: false };
          requirements.set(type, requirement);
          requirement.stores.add(feed.store.label);
          requirement.routes.add(receipt.routeLabel);
          fallbackUrn ??= receipt.routeUrn;
          const doubt = feed.doubt ?? (receipt.certain ? undefined : `${receipt.routeLabel} may put the backups into another vault (references unknown during preview)`);
          if (doubt === undefined) requirement.certain = true;
          else requirement.doubts.push(doubt);
        }
      }
      for (const requirement of [...requirements.values()].sort((a, b) => a.type.localeCompare(b.type))) {
        const finding = judge(vault, requirement, fallbackUrn ?? vault.key);
        if (finding) context.report(finding);
      }
    }
  },
});
