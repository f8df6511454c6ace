import { Fact, absent, known, unknown } from "../core/facts";
import { JsonObject, JsonValue, isJsonObject } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { BackupStore, Placement, ProtectionRoute, compareAccounts, describeRegion, mayShare } from "../core/protection-model";
import { readArray, readJsonEncoded, readObject, readRaw, readString } from "../core/raw-values";
import { isUnknown } from "../core/unknowns";
import {
  DeletionDenial,
  RestoreTestPlan,
  RestoreTestSelection,
  VaultAccessPolicy,
  VaultGovernance,
  VaultReceipt,
} from "../core/vault-governance";
import { backupVaultNameFromArn, parseArn } from "./arn";
import { AwsPlacement } from "./placement";
import { globMatch } from "./selection-coverage";
import { AWS_TYPES } from "./type-tokens";

/** The two actions a vault access policy must deny to every principal. */
export const PROTECTED_ACTIONS = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"] as const;

/** The AWS Backup vault types. */
const VAULT_TYPES: readonly string[] = [AWS_TYPES.backupVault, AWS_TYPES.backupLogicallyAirGappedVault];

/** A vault the governance facts are about: in the stack, or named by a route. */
interface VaultSubject {
  readonly key: string;
  readonly urn?: string;
  readonly label: string;
  readonly name: Fact<string>;
  readonly arn: Fact<string>;
  readonly placement: Placement;
  /** Logically air-gapped vaults hold AWS Backup recovery points only (no service snapshots). */
  readonly airGapped: boolean;
}

/** The ARN partition of a region. */
function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The single account id of a placement, if known. */
function accountIdOf(placement: Placement): string | undefined {
  const account = placement.account;
  return account.state === "known" && account.accountIds.length === 1 ? account.accountIds[0] : undefined;
}

/** A vault's ARN: its own, or built from its name, region and account when those are known. */
function vaultArn(own: Fact<string>, name: Fact<string>, placement: Placement): Fact<string> {
  if (own.state === "known") return own;
  const region = placement.region;
  const account = accountIdOf(placement);
  if (name.state === "known" && region.state === "known" && account !== undefined) {
    return known(`arn:${partitionOf(region.value)}:backup:${region.value}:${account}:backup-vault:${name.value}`, "built from the vault's name, region and account");
  }
  return unknown("the vault's ARN is unknown during preview");
}

/**
 * A vault outside the stack from the key the AWS Backup routes give it: its literal ARN, or
 * `vault:<name>@<region>` for a vault named by a rule's targetVaultName. Other keys (unresolved
 * references) name no vault.
 */
function externalVault(store: BackupStore): VaultSubject | undefined {
  const arn = parseArn(store.key);
  const fromArn = arn ? backupVaultNameFromArn(arn) : undefined;
  if (fromArn !== undefined) {
    return { key: store.key, label: store.label, name: known(fromArn, `ARN ${store.key}`), arn: known(store.key, "literal ARN"), placement: store.placement, airGapped: airGappedStore(store) };
  }
  const named = /^vault:(.+)@[^@]*$/.exec(store.key);
  if (!named) return undefined;
  const name = known(named[1], "the rule's targetVaultName");
  return { key: store.key, label: store.label, name, arn: vaultArn(unknown("not declared in this stack"), name, store.placement), placement: store.placement, airGapped: airGappedStore(store) };
}

function airGappedStore(store: BackupStore): boolean {
  return store.airGapped.state === "known" && store.airGapped.value;
}

/** Where a vault may receive recovery points: every backup-plan route view's source and copies. */
function receiptsByKey(routes: readonly ProtectionRoute[]): { receipts: Map<string, VaultReceipt[]>; stores: Map<string, BackupStore> } {
  const receipts = new Map<string, VaultReceipt[]>();
  const stores = new Map<string, BackupStore>();
  for (const route of routes) {
    if (route.kind === "native-copy" || route.views.length === 0) continue;
    for (const role of ["source", "copy"] as const) {
      const perView = route.views.map((view) =>
        (role === "source" ? [view.source] : view.copies.map((c) => c.store)).filter((s) => (s.kind ?? "backup-vault") === "backup-vault"),
      );
      const keys = new Set(perView.flatMap((list) => list.map((s) => s.key)));
      for (const list of perView) for (const store of list) if (!stores.has(store.key)) stores.set(store.key, store);
      for (const key of keys) {
        const certain = route.conditional === undefined && perView.every((list) => list.some((s) => s.key === key));
        const receipt: VaultReceipt = { routeUrn: route.urn, routeLabel: route.label, role, certain };
        const list = receipts.get(key);
        if (list) list.push(receipt);
        else receipts.set(key, [receipt]);
      }
    }
  }
  return { receipts, stores };
}

/** Describes a JSON value briefly for messages. */
function brief(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Reads an IAM element that is a string or a list of strings; `undefined` for another shape. */
function stringList(fact: Fact<JsonValue>): Fact<string[]> | undefined {
  if (fact.state !== "known") return fact;
  const items = Array.isArray(fact.value) ? fact.value : [fact.value];
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = readString(items, [i]);
    if (item.state === "unknown") return unknown(`${fact.basis} unknown during preview`);
    if (item.state !== "known") return undefined;
    out.push(item.value);
  }
  return known(out, fact.basis);
}

/**
 * Sample ARNs of the recovery points a vault may hold: AWS Backup's own and, except in a logically
 * air-gapped vault, service snapshots (EBS, RDS, FSx, DynamoDB without advanced backup) whose ARNs
 * are the service's.
 */
function recoveryPointSamples(placement: Placement, airGapped: boolean): string[] {
  const region = placement.region.state === "known" ? placement.region.value : "<region>";
  const account = accountIdOf(placement) ?? "<account>";
  const p = partitionOf(region);
  const own = `arn:${p}:backup:${region}:${account}:recovery-point:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
  if (airGapped) return [own];
  return [
    own,
    `arn:${p}:ec2:${region}::snapshot/snap-0123456789abcdef0`,
    `arn:${p}:rds:${region}:${account}:snapshot:awsbackup:job-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
    `arn:${p}:rds:${region}:${account}:cluster-snapshot:awsbackup:job-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
    `arn:${p}:fsx:${region}:${account}:backup/backup-0123456789abcdef0`,
    `arn:${p}:dynamodb:${region}:${account}:table/orders/backup/01700000000000-0a1b2c3d`,
  ];
}

/** What one statement of a vault access policy denies, as far as the two protected actions go. */
interface StatementVerdict {
  /** The protected actions the statement denies to every principal, unconditionally, on every recovery point. */
  readonly denies: readonly string[];
  /** Why the statement falls short for actions it touches (empty when it is irrelevant or qualifies). */
  readonly shortfalls: readonly string[];
  /** Set when part of the statement is unknown during preview. */
  readonly unknown?: string;
  /** True when the statement is a Deny that names at least one protected action. */
  readonly touches: boolean;
}

/** Why a statement's principal is not every principal (a clause): absent when it is, unknown during preview. */
function principalShortfall(statement: JsonObject): Fact<string> {
  if ("NotPrincipal" in statement) return known("it uses NotPrincipal, which exempts the principals it lists", "NotPrincipal");
  const principal = readRaw(statement, ["Principal"]);
  if (principal.state === "unknown") return principal;
  if (principal.state === "absent") return known("it has no Principal", principal.basis);
  if (principal.value === "*") return absent('Principal "*"');
  if (isJsonObject(principal.value)) {
    const aws = stringList(readRaw(principal.value, ["AWS"]));
    if (aws?.state === "unknown") return aws;
    if (aws?.state === "known" && aws.value.includes("*")) return absent('Principal { AWS: "*" }');
  }
  return known(`only to principal ${brief(principal.value)}, not to every principal ("*")`, "Principal");
}

/** Why a statement does not cover every recovery point of the vault (a clause): absent when it does. */
function resourceShortfall(statement: JsonObject, samples: readonly string[]): Fact<string> {
  if ("NotResource" in statement) return known("it uses NotResource, which exempts the resources it lists", "NotResource");
  const resources = stringList(readRaw(statement, ["Resource"]));
  if (resources === undefined) return known("its Resource is not a string or a list of strings", "Resource");
  if (resources.state === "unknown") return resources;
  if (resources.state === "absent") return known("it has no Resource", resources.basis);
  const missed = samples.find((sample) => !resources.value.some((pattern) => globMatch(pattern, sample)));
  if (missed === undefined) return absent("Resource covers every recovery point");
  return known(
    `its Resource (${resources.value.join(", ")}) misses recovery points such as ${missed} (use "*": a vault access policy applies to its own vault only)`,
    "Resource",
  );
}

function judgeStatement(statement: JsonValue, name: string, samples: readonly string[]): StatementVerdict {
  const none: StatementVerdict = { denies: [], shortfalls: [], touches: false };
  if (isUnknown(statement)) return { ...none, unknown: `${name} is unknown during preview` };
  if (!isJsonObject(statement)) return { ...none, shortfalls: [`${name} is not an object (${brief(statement)})`] };
  const effect = readString(statement, ["Effect"]);
  if (effect.state === "unknown") return { ...none, unknown: `the Effect of ${name} is unknown during preview` };
  if (effect.state !== "known" || effect.value !== "Deny") return none; // only denials protect; Allow statements cannot override them
  if ("NotAction" in statement) {
    return { ...none, touches: true, shortfalls: [`${name} uses NotAction; list the actions to deny in Action instead`] };
  }
  const actions = stringList(readRaw(statement, ["Action"]));
  if (actions === undefined) return { ...none, shortfalls: [`the Action of ${name} is not a string or a list of strings`] };
  if (actions.state === "unknown") return { ...none, unknown: `the Action of ${name} is unknown during preview` };
  if (actions.state === "absent") return none;
  const covered = PROTECTED_ACTIONS.filter((action) => actions.value.some((pattern) => globMatch(pattern.toLowerCase(), action.toLowerCase())));
  if (covered.length === 0) return none;
  const touched: StatementVerdict = { denies: [], shortfalls: [], touches: true };
  const clauses: string[] = [];
  const principal = principalShortfall(statement);
  if (principal.state === "unknown") return { ...touched, unknown: `the Principal of ${name} is unknown during preview` };
  if (principal.state === "known") clauses.push(principal.value);
  const resource = resourceShortfall(statement, samples);
  if (resource.state === "unknown") return { ...touched, unknown: `the Resource of ${name} is unknown during preview` };
  if (resource.state === "known") clauses.push(resource.value);
  const condition = readRaw(statement, ["Condition"]);
  if (condition.state === "unknown") return { ...touched, unknown: `the Condition of ${name} is unknown during preview` };
  if (condition.state === "known" && !(isJsonObject(condition.value) && Object.keys(condition.value).length === 0)) {
    clauses.push(
      "it has a Condition, which exempts every principal and request that does not match it (drop the Condition; if some principal must keep the right, " +
        "lock the vault in compliance mode instead, with an aws.backup.VaultLockConfiguration with changeableForDays, which binds even the root user)",
    );
  }
  if (clauses.length === 0) return { ...touched, denies: covered };
  const [first, ...rest] = clauses;
  const lead = first.startsWith("only to") ? `${name} denies ${covered.join(" and ")} ${first}` : `${name} denies ${covered.join(" and ")}, but ${first}`;
  return { ...touched, shortfalls: [[lead, ...rest].join(", and ")] };
}

/**
 * Judges a vault access policy document: does it deny `backup:DeleteRecoveryPoint` and
 * `backup:UpdateRecoveryPointLifecycle` to every principal (`Principal: "*"` or `{ AWS: "*" }`),
 * without Condition, NotPrincipal, NotAction or NotResource, on every recovery point of the vault?
 * The two actions may be denied by separate statements. Never throws.
 */
export function judgeVaultPolicyDocument(resource: PlannedResource, placement: Placement, airGapped: boolean): { readonly deletionDenied: DeletionDenial; readonly evidence: readonly string[] } {
  const document = readJsonEncoded(resource.props, ["policy"]);
  if (document.state === "unknown") {
    return {
      deletionDenied: "unknown",
      evidence: [
        "its policy document is unknown during preview (it is built from values computed during the deployment, e.g. with pulumi.jsonStringify or pulumi.interpolate of the vault's ARN)",
      ],
    };
  }
  if (document.state === "absent") {
    return { deletionDenied: "none", evidence: [document.basis === "policy not set" ? "it has no policy document" : `its ${document.basis}`] };
  }
  if (!isJsonObject(document.value)) return { deletionDenied: "none", evidence: [`its policy document is not a JSON object (${brief(document.value)})`] };
  const raw = readRaw(document.value, ["Statement"]);
  if (raw.state === "unknown") return { deletionDenied: "unknown", evidence: ["the Statement of its policy document is unknown during preview"] };
  if (raw.state === "absent") return { deletionDenied: "none", evidence: ["its policy document has no Statement"] };
  const single = isJsonObject(raw.value);
  if (!single && !Array.isArray(raw.value)) {
    return { deletionDenied: "none", evidence: [`the Statement of its policy document is neither a list nor an object (${brief(raw.value)})`] };
  }
  const statements: JsonValue[] = single ? [raw.value] : (raw.value as JsonValue[]);
  const samples = recoveryPointSamples(placement, airGapped);
  const denied = new Set<string>();
  const shortfalls: string[] = [];
  const unknowns: string[] = [];
  let touched = false;
  statements.forEach((statement, i) => {
    const sid = isJsonObject(statement) ? readString(statement, ["Sid"]) : undefined;
    const name = sid?.state === "known" ? `statement "${sid.value}"` : single ? "the statement" : `Statement[${i}]`;
    const verdict = judgeStatement(statement, name, samples);
    for (const action of verdict.denies) denied.add(action);
    shortfalls.push(...verdict.shortfalls);
    if (verdict.unknown) unknowns.push(verdict.unknown);
    touched ||= verdict.touches;
  });
  const missing = PROTECTED_ACTIONS.filter((action) => !denied.has(action));
  if (missing.length === 0) return { deletionDenied: "all-principals", evidence: [`it denies ${PROTECTED_ACTIONS.join(" and ")} to every principal`] };
  if (unknowns.length > 0) return { deletionDenied: "unknown", evidence: unknowns };
  const evidence = [
    `no statement denies ${missing.join(" or ")} to every principal, on every recovery point, without condition`,
    ...shortfalls,
  ];
  return { deletionDenied: touched || denied.size > 0 ? "partial" : "none", evidence };
}

/** Which vaults each access policy attaches to, and the policies whose vault cannot be told. */
function accessPolicies(
  index: StackIndex,
  placement: AwsPlacement,
  subjects: readonly VaultSubject[],
): { attached: Map<string, VaultAccessPolicy[]>; undecided: Map<string, string[]> } {
  const attached = new Map<string, VaultAccessPolicy[]>();
  const undecided = new Map<string, string[]>();
  const push = <V>(map: Map<string, V[]>, key: string, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const resource of index.ofTypes([AWS_TYPES.backupVaultPolicy])) {
    const label = `vault policy "${resource.name}"`;
    const at = placement.placement(resource);
    const attach = (subject: VaultSubject, via: string): void => {
      const verdict = judgeVaultPolicyDocument(resource, subject.placement, subject.airGapped);
      push(attached, subject.key, { urn: resource.urn, label, ...verdict, attachedVia: via });
    };
    const vaultDeps = index.dependenciesOf(resource, "backupVaultName").filter((r) => VAULT_TYPES.includes(r.type));
    const name = readString(resource.props, ["backupVaultName"]);
    if (vaultDeps.length === 1) {
      const subject = subjects.find((s) => s.urn === vaultDeps[0].urn);
      // The reference passes only the name: a policy created in another region or account applies to a vault of
      // that name there (or fails), never to this one.
      if (subject && mayShare(subject.placement, at)) attach(subject, `backupVaultName computed from ${subject.label}`);
      continue;
    }
    if (vaultDeps.length > 1) {
      for (const dep of vaultDeps) {
        push(undecided, dep.urn, `the backupVaultName of ${label} is computed from several vaults (${vaultDeps.map((d) => `"${d.name}"`).join(", ")})`);
      }
      continue;
    }
    if (name.state === "known") {
      for (const subject of subjects) {
        if (!mayShare(subject.placement, at)) continue;
        if (subject.name.state === "known" && subject.name.value === name.value) attach(subject, `backupVaultName "${name.value}"`);
        else if (subject.name.state !== "known") push(undecided, subject.key, `${label} names vault "${name.value}", and the name of ${subject.label} is unknown during preview`);
      }
      continue;
    }
    if (name.state === "unknown") {
      const why = `the backupVaultName of ${label} is unknown during preview and is not computed from any vault in this stack`;
      for (const subject of subjects) if (mayShare(subject.placement, at)) push(undecided, subject.key, why);
    }
  }
  return { attached, undecided };
}

/** Whether a list of vault ARNs or patterns (`includeVaults`, `excludeVaults`) names a vault. */
type ListMatch = { readonly match: "yes" | "no" | "unknown" | "by-reference"; readonly why: string };

function listMatch(plan: PlannedResource, field: string, subject: VaultSubject): ListMatch {
  const path = ["recoveryPointSelection", field];
  const list = readArray(plan.props, path);
  const deps = plan.propertyDependencies["recoveryPointSelection"] ?? [];
  const byReference = subject.urn !== undefined && deps.includes(subject.urn);
  const unknownEntry = (what: string): ListMatch => {
    if (byReference) return { match: "by-reference", why: `${what} computed from ${subject.label} (propertyDependencies.recoveryPointSelection)` };
    if (deps.length > 0) return { match: "no", why: `${what} computed from other resources` };
    return { match: "unknown", why: `${what} unknown during preview` };
  };
  if (list.state === "unknown") return unknownEntry(`${field} is`);
  if (list.state === "absent") return { match: "no", why: list.basis };
  let result: ListMatch = { match: "no", why: `${field} [${list.value.map((v) => (readString(v, []).state === "unknown" ? "(unknown during preview)" : brief(v))).join(", ")}] does not name ${subject.label}` };
  for (const item of list.value) {
    const entry = readString(item, []);
    if (entry.state === "unknown") {
      const verdict = unknownEntry(`an entry of ${field} is`);
      if (verdict.match !== "no") result = verdict;
      continue;
    }
    if (entry.state !== "known") continue;
    if (entry.value === "*") return { match: "yes", why: `${field} "*"` };
    if (subject.arn.state === "known") {
      if (globMatch(entry.value, subject.arn.value)) return { match: "yes", why: `${field} "${entry.value}" matches ${subject.arn.value}` };
      continue;
    }
    const arn = parseArn(entry.value);
    const named = arn ? backupVaultNameFromArn(arn) : undefined;
    // Without wildcards, only an ARN of a vault of the same name can be this vault's.
    const possible = /[*?]/.test(entry.value) || (named !== undefined && (subject.name.state !== "known" || named === subject.name.value));
    if (possible && result.match !== "by-reference") {
      result = { match: "unknown", why: `${field} "${entry.value}" may match ${subject.label}, whose ARN is unknown during preview` };
    }
  }
  return result;
}

/** Does a restore testing plan pick recovery points from a vault? */
function planCovers(plan: PlannedResource, planPlacement: Placement, subject: VaultSubject): { covers: "yes" | "no" | "unknown"; why: string } {
  const a = planPlacement.region;
  const b = subject.placement.region;
  if (a.state === "known" && b.state === "known" && a.value !== b.value) {
    return { covers: "no", why: `it runs in region ${a.value}, not in the vault's region ${b.value}` };
  }
  const accounts = compareAccounts(planPlacement.account, subject.placement.account);
  if (accounts === "different") return { covers: "no", why: "it runs in another account than the vault" };
  const selection = readObject(plan.props, ["recoveryPointSelection"]);
  if (selection.state === "unknown") return { covers: "unknown", why: "its recoveryPointSelection is unknown during preview" };
  if (selection.state === "absent") return { covers: "no", why: `its ${selection.basis}` };
  const include = listMatch(plan, "includeVaults", subject);
  if (include.match === "no") return { covers: "no", why: include.why };
  const exclude = listMatch(plan, "excludeVaults", subject);
  if (exclude.match === "yes") return { covers: "no", why: `${subject.label} is excluded: ${exclude.why}` };
  const placementUndecided =
    a.state !== "known" || b.state !== "known"
      ? `the region is not known (${describeRegion(a.state !== "known" ? a : b)})`
      : accounts !== "same"
        ? "the plan and the vault may be in different accounts"
        : undefined;
  if ((include.match === "yes" || include.match === "by-reference") && exclude.match === "no") {
    return placementUndecided ? { covers: "unknown", why: `${include.why}, but ${placementUndecided}` } : { covers: "yes", why: include.why };
  }
  if (include.match === "by-reference" && exclude.match === "by-reference") {
    // The vault's reference may sit in excludeVaults as well as in includeVaults.
    return { covers: "unknown", why: `${include.why}, and ${exclude.why}` };
  }
  return { covers: "unknown", why: include.match === "unknown" ? include.why : exclude.why };
}

/** The restore testing selections of the stack, linked to the plans they may belong to. */
function selectionsByPlan(
  index: StackIndex,
  placement: AwsPlacement,
  plans: ReadonlyArray<{ readonly resource: PlannedResource; readonly placement: Placement }>,
): Map<string, RestoreTestSelection[]> {
  const out = new Map<string, RestoreTestSelection[]>();
  for (const resource of index.ofTypes([AWS_TYPES.restoreTestingSelection])) {
    const at = placement.placement(resource);
    const base = { urn: resource.urn, label: `restore testing selection "${resource.name}"`, resourceType: readString(resource.props, ["protectedResourceType"]) };
    const add = (plan: PlannedResource, linked: "yes" | "unknown", linkedVia: string): void => {
      const list = out.get(plan.urn) ?? [];
      list.push({ ...base, linked, linkedVia });
      out.set(plan.urn, list);
    };
    const deps = index.dependenciesOf(resource, "restoreTestingPlanName");
    const byReference = plans.map((p) => p.resource).filter((plan) => deps.includes(plan));
    if (byReference.length > 0) {
      for (const plan of byReference) add(plan, byReference.length === 1 ? "yes" : "unknown", `restoreTestingPlanName computed from restore testing plan "${plan.name}"`);
      continue;
    }
    const name = readString(resource.props, ["restoreTestingPlanName"]);
    for (const { resource: plan, placement: planPlacement } of plans) {
      if (!mayShare(planPlacement, at)) continue;
      const planName = planNameOf(plan);
      if (name.state === "known") {
        if (planName.state === "known" && planName.value === name.value) add(plan, "yes", `restoreTestingPlanName "${name.value}"`);
        else if (planName.state !== "known") add(plan, "unknown", `restoreTestingPlanName "${name.value}", and ${planName.basis}`);
      } else if (name.state === "unknown" && deps.length === 0) {
        add(plan, "unknown", "restoreTestingPlanName is unknown during preview and is not computed from any restore testing plan in this stack");
      }
    }
  }
  return out;
}

function planNameOf(plan: PlannedResource): Fact<string> {
  const name = readString(plan.props, ["name"]);
  return name.state === "absent" ? unknown(`the name of restore testing plan "${plan.name}" is chosen by the provider`) : name;
}

/**
 * The governance facts of every vault: the stack's vaults and the vaults outside it that backup plan
 * rules name, each with the routes that fill it, the access policies (`aws.backup.VaultPolicy`) that
 * attach to it, and the restore testing plans (with their selections) that may test it.
 */
export function vaultGovernance(index: StackIndex, placement: AwsPlacement, routes: readonly ProtectionRoute[]): VaultGovernance[] {
  const { receipts, stores } = receiptsByKey(routes);
  const subjects: VaultSubject[] = index.ofTypes(VAULT_TYPES).map((resource) => {
    const airGapped = resource.type === AWS_TYPES.backupLogicallyAirGappedVault;
    const name = readString(resource.props, ["name"]);
    const vaultName = name.state === "absent" ? unknown(`vault ${resource.name} is auto-named by the provider`) : name;
    const at = placement.placement(resource);
    return {
      key: resource.urn,
      urn: resource.urn,
      label: `${airGapped ? "logically air-gapped vault" : "vault"} "${resource.name}"`,
      name: vaultName,
      arn: vaultArn(readString(resource.props, ["arn"]), vaultName, at),
      placement: at,
      airGapped,
    };
  });
  for (const store of stores.values()) {
    if (store.urn !== undefined) continue;
    const external = externalVault(store);
    if (external && !subjects.some((s) => s.key === external.key)) subjects.push(external);
  }
  if (subjects.length === 0) return [];
  const policies = accessPolicies(index, placement, subjects);
  const plans = index.ofTypes([AWS_TYPES.restoreTestingPlan]).map((resource) => ({ resource, placement: placement.placement(resource) }));
  const selections = selectionsByPlan(index, placement, plans);
  // Restore testing plans test vaults of their own region only: index them by region so that large
  // stacks do not compare every vault with every plan.
  const byRegion = new Map<string, typeof plans>();
  const anyRegion: typeof plans = [];
  for (const plan of plans) {
    if (plan.placement.region.state !== "known") anyRegion.push(plan);
    else byRegion.set(plan.placement.region.value, [...(byRegion.get(plan.placement.region.value) ?? []), plan]);
  }
  return subjects.map((subject) => {
    const undecided = policies.undecided.get(subject.key);
    const region = subject.placement.region;
    const candidates = region.state === "known" ? [...(byRegion.get(region.value) ?? []), ...anyRegion] : plans;
    const elsewhere = region.state === "known" ? plans.filter((p) => p.placement.region.state === "known" && p.placement.region.value !== region.value) : [];
    const restoreTests: RestoreTestPlan[] = candidates.map(({ resource: plan, placement: at }) => {
      const verdict = planCovers(plan, at, subject);
      return {
        urn: plan.urn,
        label: `restore testing plan "${plan.name}"`,
        covers: verdict.covers,
        coversVia: verdict.why,
        selections: selections.get(plan.urn) ?? [],
      };
    });
    const declaration = subject.urn === undefined ? stores.get(subject.key)?.declaration : undefined;
    return {
      key: subject.key,
      ...(subject.urn !== undefined ? { urn: subject.urn } : {}),
      ...(declaration ? { declaration } : {}),
      label: subject.label,
      placement: subject.placement,
      receipts: receipts.get(subject.key) ?? [],
      ...(stores.has(subject.key) ? { immutability: stores.get(subject.key)?.immutability } : {}),
      accessPolicies: policies.attached.get(subject.key) ?? [],
      ...(undecided ? { accessPolicyUndecided: undecided.join("; ") } : {}),
      restoreTests,
      restoreTestsElsewhere: elsewhere.map(({ resource, placement: at }) => `restore testing plan "${resource.name}" (region ${at.region.state === "known" ? at.region.value : "unknown"})`),
    };
  });
}
