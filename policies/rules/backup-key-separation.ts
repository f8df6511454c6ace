import { DataStore, KeyFact } from "../core/data-stores";
import { Fact, compareFacts } from "../core/facts";
import { AccountFact, CopyEdge, ProtectionModel, ProtectionRoute, RouteView, compareAccounts, describeAccount } from "../core/protection-model";
import { CommonRuleConfig, defineRule } from "../core/rule";
import { AWS_BACKUP_ROUTE_TYPES, NATIVE_COPY_TYPES } from "./applies-to";
import { routeHeadSentence } from "./route-names";
import { Issue, reportAcrossViews, reportUnreadableRoute } from "./route-verdicts";

const ID = "backup-key-separation";
const BACKUP_REMEDY =
  "Create a KMS key for the copies in the destination vault's account and region (aws.kms.Key created through that account's provider) and set it as the destination vault's kmsKeyArn (encryptionKeyArn for a logically air-gapped vault); or leave it unset to use AWS Backup's AWS managed key of that account.";
const NATIVE_REMEDY =
  "Encrypt the copy with a KMS key of its own, created in the copy's account and region: replicaKmsKeyId (S3 replication), kmsKeyId (RDS automated-backup replication and snapshot copies, EBS snapshot copies, EFS replication destination), cmkArn (DLM cross-region copy rules). A DLM share hands over the source snapshots themselves: have the target account copy them with its own key (an event-based DLM policy with encryptionConfiguration.cmkArn).";
const COMPARE_HOWTO =
  "Name the keys so that they can be compared during preview: reference keys declared in this stack (aws.kms.Key, aws.kms.Alias) or write key ARNs.";

/** Config of backup-key-separation. */
export interface KeySeparationConfig extends CommonRuleConfig {
  /** A copy in another account must not be encrypted with a key owned by the production account. */
  readonly requireKeyInCopyAccount: boolean;
}

type CustomerKey = Extract<KeyFact, { state: "customer-key" }>;

/** A key that encrypts production data: a primary's, or the source vault's. */
interface ProductionKey {
  /** For messages, e.g. `Instance "db"` or `source vault "primary"`. */
  readonly owner: string;
  readonly key: KeyFact;
  /** The region of the data the key encrypts (KMS keys are regional). */
  readonly region: Fact<string>;
  /** False when the store may not be a primary of the route (its selection is unknown in preview). */
  readonly certain: boolean;
  /** True for the primaries' own keys (what an `inherited` copy keeps). */
  readonly primary: boolean;
}

/**
 * `related`: two keys of one multi-Region family (a primary and its replica, or two replicas) in different
 * regions. They share key material, but each has its own key policy, key state and deletion schedule:
 * separate keys, whose owning account decides whether production can reach them.
 */
type Verdict = { readonly verdict: "same" | "related" | "different" | "undecided"; readonly why: string };

function isKeyId(ref: string): boolean {
  return !ref.startsWith("alias/");
}

/** Two keys of one multi-Region family: the same key in the same region, related keys in different regions. */
function familyVerdict(a: CustomerKey, b: CustomerKey, what: string): Verdict {
  const regions = compareFacts(a.region, b.region);
  if (regions === "same") return { verdict: "same", why: `the same key (${what} in the same region)` };
  if (regions === "different") return { verdict: "related", why: `a multi-Region relative (${what} in another region)` };
  return { verdict: "undecided", why: `${a.key} and ${b.key} are ${what} whose regions cannot be compared` };
}

/**
 * Are two customer keys the same key? Key resources of the stack are compared by identity (a multi-Region
 * replica is a key of its own, related to its primary); keys written as ids or ARNs by their key id
 * (unique; a multi-Region `mrk-` id names one related key per region); keys of different accounts, or of
 * different regions (unless multi-Region), are different. An alias cannot be compared with a key id, nor
 * two alias names with each other, before the deployment runs.
 */
export function compareKeys(a: CustomerKey, b: CustomerKey): Verdict {
  if (a.keyUrn !== undefined && b.keyUrn !== undefined) {
    if (a.keyUrn === b.keyUrn) return { verdict: "same", why: "the same key" };
    if (a.family !== undefined && a.family === b.family) return { verdict: "related", why: "a multi-Region relative" };
    return { verdict: "different", why: "different keys" };
  }
  if (compareAccounts(a.account, b.account) === "different") return { verdict: "different", why: "keys of different accounts" };
  const multiRegion = a.multiRegion || b.multiRegion;
  if (a.ref !== undefined && b.ref !== undefined && isKeyId(a.ref) && isKeyId(b.ref)) {
    if (a.ref !== b.ref) return { verdict: "different", why: "different key ids" };
    return a.ref.startsWith("mrk-") ? familyVerdict(a, b, `the multi-Region key id ${a.ref}`) : { verdict: "same", why: `the same key id ${a.ref}` };
  }
  if (compareFacts(a.region, b.region) === "different" && !multiRegion) return { verdict: "different", why: "keys of different regions" };
  const literal = a.keyUrn === undefined ? a : b;
  const declared = literal === a ? b : a;
  if (a.keyUrn !== undefined || b.keyUrn !== undefined) {
    // A literal mrk- id of the family of a key declared in this stack (its primary written by ARN).
    if (literal.family !== undefined && literal.family === declared.family) return familyVerdict(a, b, `keys of the multi-Region family ${literal.ref ?? literal.key}`);
    // A key this stack creates has a new id: a key id written in the program cannot be it.
    if (literal.ref !== undefined && isKeyId(literal.ref) && !multiRegion) return { verdict: "different", why: "a key declared in this stack and another key id" };
    return { verdict: "undecided", why: `${literal.key} may or may not name the same key as ${declared.key}` };
  }
  if (a.ref === b.ref && compareFacts(a.region, b.region) === "same" && compareAccounts(a.account, b.account) === "same") {
    return { verdict: "same", why: `the same alias ${a.ref} in the same account and region` };
  }
  return { verdict: "undecided", why: `${a.key} and ${b.key} are aliases or key ids that cannot be compared before the deployment runs` };
}

/** A store an AWS Backup plan's selections cover: the production key it contributes to that plan's routes. */
interface RouteStore extends ProductionKey {
  readonly store: DataStore;
}

/** The data stores of a model: by URN, and those each AWS Backup plan's selections cover (`certain`: proven). */
interface StoreIndex {
  readonly byUrn: ReadonlyMap<string, DataStore>;
  readonly byRoute: ReadonlyMap<string, readonly RouteStore[]>;
  /** No two stores share a URN (true of any well-formed stack). */
  readonly distinctUrns: boolean;
}

function indexStores(model: ProtectionModel): StoreIndex {
  // Per route, the stores in first-seen order, each with its production key built once (shared by the
  // route's views). A store's entries are all added while that store is visited, so a repeat (two
  // selections feeding one plan) is the last entry of the route's list: linear even when every
  // selection may cover every store (resources unknown until apply).
  // Only a customer key, or one unknown during preview, can be shared with a copy: a store encrypted with a
  // key AWS manages or owns (or not at all) adds nothing to judge, so its backups are not even read (a
  // selection unknown until apply may back up every store of its region and account).
  const byRoute = new Map<string, Array<{ -readonly [K in keyof RouteStore]: RouteStore[K] }>>();
  const byUrn = new Map<string, DataStore>();
  const stores = model.dataStores;
  // An index loop: it visits every store of the stack, and for..of allocates an iterator result per store until optimised.
  for (let i = 0; i < stores.length; i++) {
    const store = stores[i];
    byUrn.set(store.urn, store);
    if (store.encryptionKey.state !== "customer-key" && store.encryptionKey.state !== "unknown") continue;
    for (const backup of store.backups) {
      if (backup.kind !== "aws-backup") continue;
      for (const urn of backup.routeUrns) {
        let list = byRoute.get(urn);
        if (!list) byRoute.set(urn, (list = []));
        const last = list.length > 0 ? list[list.length - 1] : undefined;
        if (last?.store === store) last.certain = last.certain || backup.state === "yes";
        else list.push({ store, owner: store.label, key: store.encryptionKey, region: store.placement.region, certain: backup.state === "yes", primary: true });
      }
    }
  }
  return { byUrn, byRoute, distinctUrns: byUrn.size === model.dataStores.length };
}

/** The keys that encrypt the production side of a route under one view. */
function productionKeys(route: ProtectionRoute, view: RouteView, stores: StoreIndex): ProductionKey[] {
  const out: ProductionKey[] = [];
  const seen = new Set<string>();
  const addStore = (store: DataStore, certain: boolean): void => {
    if (seen.has(store.urn)) return;
    seen.add(store.urn);
    out.push({ owner: store.label, key: store.encryptionKey, region: store.placement.region, certain, primary: true });
  };
  for (const primary of route.primaries) {
    const store = primary.urn !== undefined ? stores.byUrn.get(primary.urn) : undefined;
    if (store) {
      addStore(store, true);
      continue;
    }
    const key = primary.urn ?? primary.label;
    if (seen.has(key)) continue;
    seen.add(key);
    const why = primary.urn !== undefined ? `the key of ${primary.label} is not analysed` : `${primary.label} is not declared in this stack, so its key cannot be seen`;
    out.push({ owner: primary.label, key: { state: "unknown", basis: why }, region: primary.placement.region, certain: true, primary: true });
  }
  if (route.kind === "native-copy") {
    // The source of a native copy is the primary's own data.
    const store = view.source.urn !== undefined ? stores.byUrn.get(view.source.urn) : undefined;
    if (store) addStore(store, true);
  } else {
    // AWS Backup: the stores the plan's selections cover (by reference, ARN, wildcard or tags).
    for (const production of stores.byRoute.get(route.urn) ?? []) {
      if (seen.has(production.store.urn)) continue;
      // With distinct URNs, a route's stores cannot repeat one another: only the primaries above can repeat one.
      if (!stores.distinctUrns) seen.add(production.store.urn);
      out.push(production);
    }
    if ((view.source.kind ?? "backup-vault") === "backup-vault") {
      out.push({
        owner: `source ${view.source.label}`,
        key: view.source.encryptionKey ?? { state: "unknown", basis: view.source.resolvedVia },
        region: view.source.placement.region,
        certain: true,
        primary: false,
      });
    }
  }
  if (route.primariesIncomplete !== undefined) {
    out.push({ owner: "other primaries", key: { state: "unknown", basis: route.primariesIncomplete }, region: view.source.placement.region, certain: true, primary: true });
  }
  return out;
}

/** KMS keys are regional: a single-Region key of one region cannot encrypt data of another. */
function regionSeparated(key: CustomerKey, region: Fact<string>): boolean {
  return !key.multiRegion && compareFacts(key.region, region) === "different";
}

/** What one copy shares with production, and what cannot be told. */
interface CopyVerdict {
  readonly shared: string[];
  readonly inProduction: string[];
  /** Copies in production's own account encrypted with a multi-Region relative of a production key that account owns. */
  readonly relatedInProduction: string[];
  /** The accounts that own those keys, in a few words. */
  readonly relatedOwners: string[];
  readonly undecided: string[];
}

/** An account in a few words, for a first sentence: `account 111111111111`, `the deploying account`. */
function accountName(account: AccountFact): string {
  if (account.state === "known") return `account ${account.accountIds.join(" or ")}`;
  return account.state === "principal" ? "the deploying account" : "an unknown account";
}

function judgeCopy(copy: CopyEdge, view: RouteView, production: readonly ProductionKey[], config: KeySeparationConfig, verdict: CopyVerdict): void {
  const store = copy.store;
  const where = `${copy.label} → ${store.label}`;
  const key: KeyFact = store.encryptionKey ?? { state: "unknown", basis: store.resolvedVia };
  const productionAccount = view.source.placement.account;
  const crossAccount = compareAccounts(store.placement.account, productionAccount) !== "same";
  if (key.state === "service-default" || key.state === "unencrypted") return;
  if (key.state === "unknown") {
    const open = production.some((p) => p.key.state === "customer-key" || p.key.state === "unknown") || (config.requireKeyInCopyAccount && crossAccount);
    if (open) verdict.undecided.push(`the key of ${where} is unknown (${key.basis})`);
    return;
  }
  if (key.state === "inherited") {
    for (const p of production.filter((x) => x.primary)) {
      if (p.key.state === "customer-key") {
        const text = `${where} keeps the key of its source (${key.basis}): ${p.key.key}, which encrypts ${p.owner} (${p.key.basis})`;
        (p.certain ? verdict.shared : verdict.undecided).push(text);
      } else if (p.key.state === "unknown") {
        verdict.undecided.push(`${where} keeps the key of its source (${key.basis}), and the key of ${p.owner} is unknown (${p.key.basis})`);
      }
    }
    return;
  }
  let shares = false;
  const related: Array<{ readonly owner: string; readonly key: CustomerKey; readonly why: string }> = [];
  for (const p of production) {
    if (p.key.state === "customer-key") {
      const same = compareKeys(key, p.key);
      const text = `${where} is encrypted with ${key.key} (${key.basis}), ${same.why} as the one that encrypts ${p.owner} (${p.key.basis})`;
      if (same.verdict === "same" && p.certain) {
        verdict.shared.push(text);
        shares = true;
      } else if (same.verdict === "related") {
        // A separate key: what decides is the account that owns it (judged below).
        if (p.certain) related.push({ owner: p.owner, key: p.key, why: same.why });
      } else if (same.verdict !== "different") {
        verdict.undecided.push(same.verdict === "same" ? `${text}, if ${p.owner} is selected` : `${where} is encrypted with ${key.key}: ${same.why} (the key of ${p.owner})`);
      }
    } else if (p.key.state === "unknown" && !regionSeparated(key, p.region)) {
      verdict.undecided.push(`${where} is encrypted with ${key.key}, and the key of ${p.owner} is unknown (${p.key.basis})`);
    }
  }
  if (shares) return;
  const relation = related.length === 0 ? "" : ` (${related.map((r) => `${r.why} of the key of ${r.owner}`).join("; ")})`;
  if (config.requireKeyInCopyAccount && crossAccount) {
    // The copy is (or may be) in another account: its key should not be one the production account owns.
    if (compareAccounts(key.account, store.placement.account) === "same" || compareAccounts(key.account, productionAccount) === "different") return;
    if (compareAccounts(key.account, productionAccount) === "same" && compareAccounts(store.placement.account, productionAccount) === "different") {
      verdict.inProduction.push(
        `${where} in ${describeAccount(store.placement.account)} is encrypted with ${key.key}${relation}, owned by ${describeAccount(key.account)}, the account of ${view.source.label}`,
      );
      return;
    }
    verdict.undecided.push(
      `cannot tell whether ${key.key}, the key of ${where}, is owned by the production account: key in ${describeAccount(key.account)}, copy in ${describeAccount(store.placement.account)}, ${view.source.label} in ${describeAccount(productionAccount)}`,
    );
    return;
  }
  // A copy in production's account, encrypted with a relative of a production key: a key of its own, but the
  // production account that owns it can schedule its deletion or change its policy.
  for (const r of related) {
    const owners = compareAccounts(key.account, r.key.account);
    if (owners === "different") continue;
    if (owners === "same") {
      verdict.relatedInProduction.push(`${where} is encrypted with ${key.key}, ${r.why} of the key of ${r.owner}, both owned by ${describeAccount(key.account)}`);
      verdict.relatedOwners.push(accountName(key.account));
    } else {
      verdict.undecided.push(`cannot tell whether ${key.key}, the key of ${where} and ${r.why} of the key of ${r.owner}, is owned by the production account: ${describeAccount(key.account)}`);
    }
  }
}

function routeIssues(route: ProtectionRoute, view: RouteView, stores: StoreIndex, config: KeySeparationConfig): Issue[] {
  if (view.copies.length === 0) return [];
  const production = productionKeys(route, view, stores);
  const verdict: CopyVerdict = { shared: [], inProduction: [], relatedInProduction: [], relatedOwners: [], undecided: [] };
  for (const copy of view.copies) judgeCopy(copy, view, production, config, verdict);
  const remedy = route.kind === "native-copy" ? NATIVE_REMEDY : BACKUP_REMEDY;
  const unique = (list: readonly string[]): string => [...new Set(list)].join("; ");
  const issues: Issue[] = [];
  if (verdict.shared.length > 0) {
    issues.push({
      urn: route.urn,
      outcome: "violation",
      code: "copy-shares-primary-key",
      subject: route.subject,
      message:
        `${routeHeadSentence(route, (name) => `${name} encrypts its copies with a key shared with production.`)} Shared: ${unique(verdict.shared)}. ` +
        `Whoever can disable, delete or re-policy that key from production (or ransomware using those permissions) makes the copies unreadable together with the primary data. ${remedy}`,
    });
  }
  if (verdict.inProduction.length > 0) {
    issues.push({
      urn: route.urn,
      outcome: "violation",
      code: "copy-key-in-production-account",
      subject: route.subject,
      message:
        `${routeHeadSentence(route, (name) => `${name} encrypts copies in another account with a production key.`)} Keys: ${unique(verdict.inProduction)}. ` +
        `The production account's administrators (or ransomware using their credentials) can disable the key, schedule its deletion or change its key policy, and the copies become unreadable although they are kept in another account. ${remedy}`,
    });
  }
  if (verdict.relatedInProduction.length > 0 && issues.length === 0) {
    const owner = [...new Set(verdict.relatedOwners)].join(" and ");
    issues.push({
      urn: route.urn,
      outcome: "advisory",
      code: "copy-key-replica-in-production-account",
      subject: route.subject,
      message:
        `${routeHeadSentence(route, (name) => `${name} encrypts its copies with a key that ${owner} owns.`)} Keys: ${unique(verdict.relatedInProduction)}. ` +
        "A multi-Region replica has its own key policy, key state and deletion schedule, so disabling or deleting the production key does not reach it; " +
        `but the administrators of ${owner} (or ransomware using their credentials) can still disable it, schedule its deletion or change its key policy, and the copies become unreadable. ${remedy}`,
    });
  }
  if (verdict.undecided.length > 0 && issues.every((issue) => issue.outcome === "advisory")) {
    issues.push({
      urn: route.urn,
      outcome: "unresolved",
      code: "unresolved-key",
      subject: route.subject,
      message: `${routeHeadSentence(route, (name) => `cannot tell whether ${name} shares keys with production.`)} Undecided: ${unique(verdict.undecided)}. ${COMPARE_HOWTO}`,
    });
  }
  if (route.conditional === undefined) return issues;
  // A route that may not exist (e.g. its status is unknown) proves nothing.
  return issues.map((issue) =>
    issue.outcome === "violation" ? { ...issue, outcome: "unresolved" as const, message: `${issue.message} (This applies only if the route is active: ${route.conditional}.)` } : issue,
  );
}

/** Copies are encrypted with keys that a compromise of production keys does not reach. */
export const backupKeySeparation = defineRule<KeySeparationConfig>({
  meta: {
    id: ID,
    title: "Copies are encrypted with keys separate from production",
    description:
      "Every copy of a backup route must be encrypted with a KMS key other than the keys that encrypt its primaries (and, for AWS Backup, the source vault's key), and a copy kept in another account must not use a key owned by the production account. Copy keys are read from the destination vault's kmsKeyArn (encryptionKeyArn of a logically air-gapped vault), S3 replication's replicaKmsKeyId, the kmsKeyId of RDS automated-backup replications, RDS and EBS snapshot copies and the EFS replication destination, and the cmkArn of DLM cross-region copy rules; a snapshot copy without kmsKeyId in its source's region, and a DLM share, keep the source's key. Primaries' keys are read from RDS instances and clusters (kmsKeyId, storageEncrypted), DynamoDB tables (serverSideEncryption), EFS, FSx and EBS (kmsKeyId, encrypted) and S3 buckets (aws.s3.BucketServerSideEncryptionConfiguration or the inline configuration). Keys are compared through the stack's aws.kms.Key, ReplicaKey and Alias resources, by key id or ARN. A multi-Region replica key (aws.kms.ReplicaKey, or the same `mrk-` key id in another region) shares its primary's key material but has its own key policy, key state and deletion schedule: it is a separate key, judged by the account that owns it. A copy in another account encrypted with a relative of a production key that the production account owns is a violation (copy-key-in-production-account, naming the account); a copy in the production account encrypted with such a relative is advisory (copy-key-replica-in-production-account: the production account can still disable it, schedule its deletion or change its key policy); a relative owned by another account is separate. The same applies to S3 replication's destination.encryptionConfiguration.replicaKmsKeyId. Keys AWS manages or owns (aws/backup, aws/rds, SSE-S3, ...) cannot be disabled, deleted or re-policied by anyone and are always separate.",
    rationale:
      "Encrypting the backups with the production key ties their fate to it: an attacker with the production account's key permissions (or a mistaken key deletion) can disable the key or schedule its deletion and make primaries and copies unreadable at once, a crypto-shredding variant of ransomware. A copy is only independent if its key is administered apart from production, ideally in the backup account that holds the copy.",
    severity: "medium",
    defaultLevel: "advisory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "SC-12", title: "Cryptographic key establishment and management" },
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CP-9(8)", title: "System backup: cryptographic protection" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.8.24", title: "Use of cryptography" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 9(4)(d)", title: "Protection of cryptographic keys" },
      { name: "DORA", version: "Regulation (EU) 2022/2554", reference: "Art. 12(3)", title: "Backups logically segregated from the source" },
      { name: "NIS2", version: "Directive (EU) 2022/2555", reference: "Art. 21(2)(h)", title: "Policies and procedures on the use of cryptography and encryption" },
      { name: "SOC 2", version: "2017 TSC", reference: "CC6.1", title: "Logical access security, including the protection of encryption keys" },
    ],
    remediation: [
      "Create a KMS key for the copies in the backup account and destination region (`new aws.kms.Key(\"backup-key\", {...}, { provider: backupProvider })`).",
      "Set it on the copy destination: the vault's `kmsKeyArn` (`encryptionKeyArn` of an `aws.backup.LogicallyAirGappedVault`), `destination.encryptionConfiguration.replicaKmsKeyId` of S3 replication, `kmsKeyId` of RDS and EBS snapshot copies, RDS automated-backup replication and the EFS replication destination, `cmkArn` of DLM cross-region copy rules.",
      "Never reuse the primary's key for copies, and do not leave RDS or EBS snapshot copies in the source's region without a kmsKeyId: they keep the source's key. A multi-Region replica of the production key is a key of its own, but AWS creates it in the primary key's account: for copies out of the production account's reach, use a key created in the backup account instead.",
    ],
    limits: [
      "Two aliases, or an alias and a key id, that are not declared in this stack cannot be compared: such copies are unresolved.",
      "A key reference nested in a block (a replication rule, a copy rule) that is unknown during preview is attributed to the one KMS key the block depends on.",
      "For resource types AWS Backup does not fully manage (RDS, Aurora, EBS, FSx, ...), the recovery points in the source vault keep the primary's key; copies are re-encrypted with the destination vault's key, which is what is judged.",
      "The account's default EBS key (aws.ebs.DefaultKmsKey) is not read: EBS copies without kmsKeyId in another region are taken to use an AWS managed key.",
      "Key policies and grants are not read: a key owned by another account that production may administer through its key policy is not detected.",
      "A key's account is taken from its ARN or from the provider that creates it: a multi-Region replica created through a provider of another account is judged as that account's key, although AWS creates replicas only in the primary key's account.",
    ],
    appliesTo: [
      ...AWS_BACKUP_ROUTE_TYPES,
      ...NATIVE_COPY_TYPES,
      "aws:rds/instance:Instance",
      "aws:rds/cluster:Cluster",
      "aws:dynamodb/table:Table",
      "aws:efs/fileSystem:FileSystem",
      "aws:ebs/volume:Volume",
      "aws:fsx/windowsFileSystem:WindowsFileSystem",
      "aws:fsx/lustreFileSystem:LustreFileSystem",
      "aws:fsx/ontapFileSystem:OntapFileSystem",
      "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
      "aws:kms/key:Key",
      "aws:kms/replicaKey:ReplicaKey",
      "aws:kms/externalKey:ExternalKey",
      "aws:kms/replicaExternalKey:ReplicaExternalKey",
      "aws:kms/alias:Alias",
    ],
    config: {
      requireKeyInCopyAccount: {
        type: "boolean",
        default: true,
        description:
          "Also flag a copy kept in another account than its primary whose key is owned by the production account (the key should be owned by the copy's account, or by a separate key account). Turn off to check only that copies do not share the primaries' keys.",
      },
    },
  },
  check(model, context) {
    const stores = indexStores(model);
    for (const route of model.routes) {
      if (!model.wholeStack && route.views.length === 0) continue;
      if (reportUnreadableRoute(route, context, "The keys of its copies cannot be compared with production's.", false)) continue;
      reportAcrossViews(ID, route, context, (view) => {
        const issues = routeIssues(route, view, stores, context.config);
        // Seen alone (Analyze), a resource proves only violations; the rest is judged with the whole stack.
        return model.wholeStack ? issues : issues.filter((issue) => issue.outcome === "violation");
      });
    }
  },
});
