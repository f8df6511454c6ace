import { DataStore, DestructiveSetting, KeyFact, ServiceBackup, StoreBackup } from "../core/data-stores";
import { Fact, known, unknown } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { Placement, ProtectionRoute, compareAccounts } from "../core/protection-model";
import { readArray, readBoolean, readRaw, readString } from "../core/raw-values";
import { readStringSetting } from "../core/settings";
import { deletionProtectionOf } from "./deletion-protection";
import { encryptionKeyOf } from "./encryption-keys";
import { deleteOnTerminationSettings, inlineStorageLabel, inlineVolumes, inlineVolumesAsVolume } from "./inline-volumes";
import { describeResource } from "./native-routes";
import { AwsPlacement } from "./placement";
import { SelectionIndex, selectionCovers, selectionExcludes } from "./selection-coverage";
import { destructiveSettingsOf, serviceBackupsOf } from "./service-backups";
import { resourceTags } from "./tags";
import { AWS_TYPES, FSX_FILE_SYSTEM_TYPES, S3_BUCKET_TYPES } from "./type-tokens";

/** Every type the model describes as a data store (the values `resourceTypes` may name). */
export const DATA_STORE_TYPES: readonly string[] = [
  AWS_TYPES.rdsInstance,
  AWS_TYPES.rdsCluster,
  AWS_TYPES.dynamodbTable,
  AWS_TYPES.efsFileSystem,
  ...FSX_FILE_SYSTEM_TYPES,
  AWS_TYPES.ebsVolume,
  ...S3_BUCKET_TYPES,
  AWS_TYPES.docdbCluster,
  AWS_TYPES.neptuneCluster,
];

/** The AWS Backup resource type of a data store (what restore-testing selections name). */
function backupResourceType(resource: PlannedResource): string {
  switch (resource.type) {
    case AWS_TYPES.rdsInstance:
      return "RDS";
    case AWS_TYPES.rdsCluster: {
      const engine = readStringSetting(resource, ["engine"]);
      // Multi-AZ DB clusters (engine mysql/postgres) are backed up as RDS; Aurora is the default engine.
      return engine.state === "known" && !engine.value.startsWith("aurora") ? "RDS" : "Aurora";
    }
    case AWS_TYPES.dynamodbTable:
      return "DynamoDB";
    case AWS_TYPES.docdbCluster:
      return "DocumentDB";
    case AWS_TYPES.neptuneCluster:
      return "Neptune";
    case AWS_TYPES.efsFileSystem:
      return "EFS";
    case AWS_TYPES.ebsVolume:
      return "EBS";
    default:
      return FSX_FILE_SYSTEM_TYPES.includes(resource.type) ? "FSx" : "S3";
  }
}

/** The plans a selection assigns resources to: by reference, or by a literal plan id. */
function plansOf(index: StackIndex, selection: PlannedResource): string[] {
  const plans = new Set(index.dependenciesOf(selection, "planId").filter((r) => r.type === AWS_TYPES.backupPlan).map((r) => r.urn));
  const planId = readString(selection.props, ["planId"]);
  if (planId.state === "known") {
    for (const plan of index.ofTypes([AWS_TYPES.backupPlan])) {
      const id = readString(plan.props, ["id"]);
      if (id.state === "known" && id.value === planId.value) plans.add(plan.urn);
    }
  }
  return [...plans];
}

/**
 * Whether the recovery points an AWS Backup selection makes for `store` outlive the store's deletion.
 * Snapshot recovery points and copies are kept in their vault whatever becomes of the source. Continuous
 * backups of RDS and Aurora are the database's own automated backups, which AWS Backup manages (deleting
 * such a recovery point disables the database's point-in-time recovery, AWS Backup developer guide,
 * "Stopping or deleting continuous backups"): a plan that makes nothing else for the store does not
 * outlive it when its automated backups are deleted with it.
 */
function planOutlives(index: StackIndex, label: string, planUrns: readonly string[], store: PlannedResource): Fact<boolean> {
  const survives = `the recovery points of ${label}, kept in their vault whatever becomes of the store`;
  if (store.type !== AWS_TYPES.rdsInstance && store.type !== AWS_TYPES.rdsCluster) return known(true, survives);
  const doubts: string[] = [];
  for (const urn of planUrns) {
    const plan = index.byUrn(urn);
    const rules = plan ? readArray(plan.props, ["rules"]) : undefined;
    if (!plan || !rules || rules.state !== "known") {
      doubts.push(plan ? `the rules of backup plan "${plan.name}" are unknown during preview` : "its backup plan is not in this stack");
      continue;
    }
    for (const rule of rules.value) {
      const continuous = readBoolean(rule, ["enableContinuousBackup"]);
      const copies = readArray(rule, ["copyActions"]);
      // A snapshot rule's recovery points, and any rule's copies (snapshots in another vault), are independent of the database.
      if (continuous.state === "absent" || (continuous.state === "known" && !continuous.value) || (copies.state === "known" && copies.value.length > 0)) {
        return known(true, `${survives} (backup plan "${plan.name}")`);
      }
      if (continuous.state === "unknown" || copies.state === "unknown") doubts.push(`whether a rule of backup plan "${plan.name}" makes snapshots is unknown during preview`);
    }
  }
  if (doubts.length > 0) return unknown(`${label} may make only continuous backups, which are the database's own automated backups: ${doubts.join("; ")}`);
  return known(false, `${label} makes only continuous backups, which are the database's own automated backups`);
}

/**
 * Whether the copies a native route makes of a store outlive the store's deletion. An RDS snapshot copy
 * is a manual snapshot, which deleting the database leaves alone ("Manual DB snapshots of the DB instance
 * to be deleted by DeleteDBInstance are not deleted", RDS API reference, DeleteDBInstance). Replicated
 * automated backups are not counted: the same reference says that deleting a DB instance deletes "all
 * automated backups for that instance" unless they are retained (DeleteAutomatedBackups false), and the
 * RDS user guide keeps replicated backups only "subject to the backup retention period" (Stopping automated
 * backup replication), so they never outlive the instance lastingly.
 */
function routeOutlives(index: StackIndex, route: ProtectionRoute): Fact<boolean> {
  const type = index.byUrn(route.urn)?.type;
  // EBS snapshots are independent of their volume: deleting the volume leaves them (and their DLM retention) alone.
  if (type === AWS_TYPES.dlmLifecyclePolicy) return known(true, `the EBS snapshots of ${route.label}, which deleting the volume leaves alone`);
  if (type === AWS_TYPES.rdsSnapshotCopy || type === AWS_TYPES.rdsClusterSnapshotCopy) {
    return known(true, `${route.label}, a manual snapshot that deleting the database leaves alone`);
  }
  if (type === AWS_TYPES.rdsAutomatedBackupsReplication) {
    return known(false, `${route.label} replicates automated backups, which are deleted with the instance's or expire with their retention period`);
  }
  return unknown(`whether what ${route.label} copies outlives the store is not analysed`);
}

/** Where a selection is and the plans it feeds (shared by every store it may cover). */
interface SelectionFacts {
  readonly label: string;
  readonly where: Placement;
  readonly routeUrns: readonly string[];
}

/**
 * The stack's data stores with what backs each of them up: AWS Backup selections (references, ARNs,
 * wildcards, tags, conditions, minus notResources, in the store's own region and account) and native
 * copy routes whose primary they are. Copies (replica buckets and file systems of in-stack routes) and
 * RDS read replicas are not data stores of their own.
 */
export function dataStores(index: StackIndex, placement: AwsPlacement, routes: readonly ProtectionRoute[], wholeStack: boolean): DataStore[] {
  const candidates = index.ofTypes(DATA_STORE_TYPES);
  // EC2 instances that declare EBS volumes inline (rootBlockDevice, ebsBlockDevices): their volumes are one store of the instance.
  const instances = index.ofTypes([AWS_TYPES.ec2Instance]).filter((instance) => inlineVolumes(instance).length > 0);
  if (candidates.length === 0 && instances.length === 0) return [];
  const selections = new SelectionIndex(index, index.ofTypes([AWS_TYPES.backupSelection]));
  const routesByPrimary = new Map<string, ProtectionRoute[]>();
  // Routes that may copy a resource (a DLM policy that targets tags the resource's may hold, unknown in preview).
  const routesByPossiblePrimary = new Map<string, ProtectionRoute[]>();
  const copies = new Set<string>();
  const file = (map: Map<string, ProtectionRoute[]>, urn: string, route: ProtectionRoute): void => {
    const list = map.get(urn);
    if (list) list.push(route);
    else map.set(urn, [route]);
  };
  for (const route of routes) {
    for (const primary of route.primaries) if (primary.urn) file(routesByPrimary, primary.urn, route);
    for (const urn of route.possiblePrimaryUrns ?? []) file(routesByPossiblePrimary, urn, route);
    for (const view of route.views) for (const copy of view.copies) if (copy.store.urn) copies.add(copy.store.urn);
  }
  // Facts of a selection, computed once: with resources unknown until apply, a selection may cover every store.
  const selectionFacts = new Map<PlannedResource, SelectionFacts>();
  const factsOf = (selection: PlannedResource): SelectionFacts => {
    let facts = selectionFacts.get(selection);
    if (!facts) selectionFacts.set(selection, (facts = { label: `AWS Backup selection "${selection.name}"`, where: placement.placement(selection), routeUrns: plansOf(index, selection) }));
    return facts;
  };
  /** The AWS Backup selections and native copy routes that back up `resource` (placed at `at`). */
  const backupsOf = (resource: PlannedResource, at: Placement): StoreBackup[] => {
    const backups: StoreBackup[] = [];
    for (const selection of selections.candidates(resource)) {
      // AWS Backup selects resources of its own region and account only.
      const { label, where, routeUrns } = factsOf(selection);
      if (at.region.state === "known" && where.region.state === "known" && at.region.value !== where.region.value) continue;
      const accounts = compareAccounts(at.account, where.account);
      if (accounts === "different") continue;
      const covers = selectionCovers(index, selection, resource, at);
      if (covers === "no") continue;
      const sameRegion = at.region.state === "known" && where.region.state === "known";
      const state = covers === "yes" && sameRegion && accounts === "same" ? "yes" : "unknown";
      backups.push({
        label,
        kind: "aws-backup",
        state,
        why:
          covers !== "yes"
            ? selectionExcludes(index, selection, resource, at) === "unknown"
              ? "its notResources may name the store: the store's ARN or name, or an entry, is not known before the deployment runs, and AWS Backup leaves out whatever notResources matches"
              : readString(resource.props, ["arn"]).state === "unknown"
              ? "the store's ARN or tags, or the selection's resources, tags or conditions, are not known before the deployment runs"
              : "its resources, tags or conditions, or the store's tags, are unknown during preview"
            : !sameRegion
              ? "its region or the store's is unknown during preview, and AWS Backup selects resources of its own region only"
              : accounts !== "same"
                ? "its account and the store's cannot be compared during preview, and AWS Backup selects resources of its own account only"
                : "selected by its resources, tags or conditions",
        routeUrns,
        outlivesStore: planOutlives(index, label, routeUrns, resource),
      });
    }
    for (const route of routesByPrimary.get(resource.urn) ?? []) {
      if (route.kind !== "native-copy" || route.scope?.state === "part") continue; // AWS Backup routes are counted through their selections
      const doubt = route.conditional ?? route.scope?.basis;
      backups.push({
        label: route.label,
        kind: "native-copy",
        state: doubt === undefined ? "yes" : "unknown",
        why: doubt ?? "copies its data",
        routeUrns: [route.urn],
        outlivesStore: routeOutlives(index, route),
      });
    }
    for (const route of routesByPossiblePrimary.get(resource.urn) ?? []) {
      if (route.kind !== "native-copy" || route.scope?.state === "part") continue;
      backups.push({
        label: route.label,
        kind: "native-copy",
        state: "unknown",
        why: `may target it: ${resourceTags(resource) === undefined ? "its tags are unknown during preview" : (route.primariesIncomplete ?? "its targets are unknown during preview")}`,
        routeUrns: [route.urn],
        outlivesStore: routeOutlives(index, route),
      });
    }
    return backups;
  };
  const sources: StoreSources = { index, placement, routesByPrimary, wholeStack, backupsOf };
  const out: DataStore[] = [];
  // An index loop: it visits every store of the stack, and for..of allocates an iterator result per store until optimised.
  for (let i = 0; i < candidates.length; i++) {
    const resource = candidates[i];
    if (copies.has(resource.urn)) continue;
    if (resource.type === AWS_TYPES.rdsInstance && readRaw(resource.props, ["replicateSourceDb"]).state !== "absent") continue;
    out.push(new AwsDataStore(resource, sources));
  }
  for (const instance of instances) out.push(new InlineVolumesStore(instance, sources));
  return out;
}

/** What the stores of one model read their facts from. */
interface StoreSources {
  readonly index: StackIndex;
  readonly placement: AwsPlacement;
  readonly routesByPrimary: ReadonlyMap<string, readonly ProtectionRoute[]>;
  readonly wholeStack: boolean;
  /** The AWS Backup selections and native copy routes that back up a resource (placed at `at`). */
  readonly backupsOf: (resource: PlannedResource, at: Placement) => StoreBackup[];
}

const NO_SERVICE_BACKUPS: readonly ServiceBackup[] = Object.freeze([]);
const UNDECIDED_ALONE = "only this resource is analysed; its backups are judged with the whole stack";

/**
 * A data store whose facts are worked out on first read: a large stack holds tens of thousands of buckets,
 * and the rules read most facts of the few stores they judge only (a selection whose resources are unknown
 * until apply may back up every store: see DataStore.backups). The facts are getters, which a spread copy
 * of a store would lose.
 */
class AwsDataStore implements DataStore {
  readonly urn: string;
  /** A field, not a getter: every policy's scope test reads it for every store. */
  readonly type: string;
  private labelMemo?: string;
  private placementMemo?: Placement;
  private tagsMemo?: { readonly tags: Readonly<Record<string, string>> | undefined };
  private backupsMemo?: readonly StoreBackup[];
  private serviceBackupsMemo?: readonly ServiceBackup[];
  private destructiveMemo?: readonly DestructiveSetting[];
  private keyMemo?: KeyFact;

  constructor(
    protected readonly resource: PlannedResource,
    protected readonly sources: StoreSources,
    type = resource.type,
  ) {
    this.urn = resource.urn;
    this.type = type;
  }

  get label(): string {
    return (this.labelMemo ??= this.describe());
  }

  protected describe(): string {
    return describeResource(this.resource);
  }

  get backupResourceType(): string {
    return backupResourceType(this.resource);
  }

  get placement(): Placement {
    return (this.placementMemo ??= this.sources.placement.placement(this.resource));
  }

  get tags(): Readonly<Record<string, string>> | undefined {
    return (this.tagsMemo ??= { tags: resourceTags(this.resource) }).tags;
  }

  get backups(): readonly StoreBackup[] {
    return (this.backupsMemo ??= this.findBackups());
  }

  protected findBackups(): StoreBackup[] {
    return this.sources.backupsOf(this.resource, this.placement);
  }

  /** Native copies of part of its data: a copy of part of the data is not a backup of the store. */
  get partialCopies(): readonly string[] | undefined {
    const partial: string[] = [];
    for (const route of this.sources.routesByPrimary.get(this.resource.urn) ?? []) {
      if (route.kind === "native-copy" && route.scope?.state === "part") partial.push(`${route.label}: ${route.scope.basis}`);
    }
    return partial.length > 0 ? partial : undefined;
  }

  get backupsUndecided(): string | undefined {
    return this.sources.wholeStack ? undefined : UNDECIDED_ALONE;
  }

  get serviceBackups(): readonly ServiceBackup[] {
    return (this.serviceBackupsMemo ??= this.findServiceBackups());
  }

  protected findServiceBackups(): readonly ServiceBackup[] {
    const found = serviceBackupsOf(this.sources.index, this.resource);
    return found.length > 0 ? found : NO_SERVICE_BACKUPS;
  }

  get destructiveSettings(): readonly DestructiveSetting[] {
    return (this.destructiveMemo ??= this.findDestructiveSettings());
  }

  protected findDestructiveSettings(): readonly DestructiveSetting[] {
    return destructiveSettingsOf(this.resource);
  }

  get deletionProtection(): { readonly setting: string; readonly enabled: Fact<boolean> } | undefined {
    return deletionProtectionOf(this.resource);
  }

  get encryptionKey(): KeyFact {
    return (this.keyMemo ??= encryptionKeyOf(this.sources.index, this.resource, this.sources.placement));
  }
}

/**
 * The EBS volumes an EC2 instance declares inline (rootBlockDevice, ebsBlockDevices), as one store of the
 * instance. AWS Backup selects them through the instance (resource type EC2: by reference, ARN or the
 * instance's tags) or as EBS volumes by their own tags (volumeTags, the devices' tags): the volumes seen as
 * one EBS volume that carries the tags all of them carry, whose ARN AWS picks.
 */
class InlineVolumesStore extends AwsDataStore {
  protected override describe(): string {
    return inlineStorageLabel(this.resource);
  }

  constructor(instance: PlannedResource, sources: StoreSources) {
    // They are EBS volumes: resourceTypes and the policies judge them as volumes.
    super(instance, sources, AWS_TYPES.ebsVolume);
  }

  /** AWS Backup backs them up through the instance (resource type EC2: an AMI with snapshots of its volumes). */
  override get backupResourceType(): string {
    return "EC2";
  }

  protected override findBackups(): StoreBackup[] {
    const volumes = inlineVolumesAsVolume(this.resource);
    const byLabel = new Map<string, StoreBackup>();
    for (const backup of [...this.sources.backupsOf(this.resource, this.placement), ...this.sources.backupsOf(volumes, this.placement)]) {
      const seen = byLabel.get(backup.label);
      if (!seen || (seen.state !== "yes" && backup.state === "yes")) byLabel.set(backup.label, backup);
    }
    return [...byLabel.values()];
  }

  override get partialCopies(): readonly string[] | undefined {
    return undefined;
  }

  protected override findServiceBackups(): readonly ServiceBackup[] {
    return NO_SERVICE_BACKUPS;
  }

  protected override findDestructiveSettings(): readonly DestructiveSetting[] {
    return deleteOnTerminationSettings(this.resource);
  }

  override get deletionProtection(): undefined {
    return undefined;
  }
}
