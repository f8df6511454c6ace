import { Fact, absent, known, unknown } from "../core/facts";
import { JsonValue, isJsonObject } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import {
  AccountFact,
  BackupStore,
  CopyEdge,
  Immutability,
  ModelProblem,
  Placement,
  ProtectedResource,
  ProtectionRoute,
  compareAccounts,
  describeAccount,
  multiZone,
  unknownZone,
} from "../core/protection-model";
import { PropertyPath, formatPath, readArray, readNumber, readObject, readRaw, readString } from "../core/raw-values";
import { isUnknown } from "../core/unknowns";
import { dlmCopyKey, inheritedKey, keySetting, snapshotCopyDefaultKey } from "./encryption-keys";
import { describeResource, nativeRoute, primaryStore, unreadableNativeRoute } from "./native-routes";
import { dlmScheduleRetention } from "./dlm-retention";
import { AwsPlacement } from "./placement";
import { commonVolumeTags, inlineVolumes } from "./inline-volumes";
import { resourceTags } from "./tags";
import { AWS_TYPES } from "./type-tokens";

const RBIN_HOWTO =
  "Retain deleted EBS snapshots in the copy's region with a locked Recycle Bin rule: new aws.rbin.Rule(..., { resourceType: \"EBS_SNAPSHOT\", retentionPeriod: {...}, lockConfiguration: { unlockDelay: { unlockDelayUnit: \"DAYS\", unlockDelayValue: 7 } } }) through a provider for that region.";

/** The same account fact with another basis (for messages). */
function withBasis(account: AccountFact, basis: string): AccountFact {
  return { ...account, basis };
}

const SNAPSHOT_ZONE = multiZone("EBS snapshots are kept across the zones of their region");

/** Days in an interval with a DLM/Recycle Bin unit. */
export function intervalDays(value: Fact<number>, unit: Fact<string>): Fact<number> {
  if (value.state !== "known") return value;
  if (unit.state !== "known") return unit.state === "unknown" ? unit : known(value.value, "days");
  const factor: Record<string, number> = { DAYS: 1, WEEKS: 7, MONTHS: 30, YEARS: 365 };
  const f = factor[unit.value.toUpperCase()];
  return f === undefined ? unknown(`unit ${unit.value} is not a day-based unit`) : known(value.value * f, `${value.value} ${unit.value}`);
}

/** Does a Recycle Bin tag list match the tags (any entry)? `unknown` when an entry cannot be read. */
function matchesTagList(list: readonly JsonValue[], tags: Readonly<Record<string, string>>): "yes" | "no" | "unknown" {
  let result: "no" | "unknown" = "no";
  for (const entry of list) {
    const key = readString(entry, ["resourceTagKey"]);
    const value = readString(entry, ["resourceTagValue"]);
    if (key.state === "unknown" || value.state === "unknown") {
      result = "unknown";
      continue;
    }
    if (key.state === "known" && key.value in tags && (value.state !== "known" || tags[key.value] === value.value)) return "yes";
  }
  return result;
}

/** Recycle Bin retention rules for EBS snapshots, and whether a snapshot at a place is protected by a locked one. */
export class RecycleBin {
  private readonly rules: Array<{ resource: PlannedResource; placement: Placement }>;

  constructor(
    index: StackIndex,
    placement: AwsPlacement,
    private readonly wholeStack: boolean,
  ) {
    this.rules = index.ofTypes([AWS_TYPES.rbinRule]).map((resource) => ({ resource, placement: placement.placement(resource) }));
  }

  /**
   * The protection Recycle Bin gives EBS snapshots (or AMIs, `EC2_IMAGE`) at `at` that carry `tags`
   * (undefined = unknown tags).
   */
  protection(at: Placement, tags: Readonly<Record<string, string>> | undefined, resourceType: "EBS_SNAPSHOT" | "EC2_IMAGE" = "EBS_SNAPSHOT"): Immutability {
    let unlocked: PlannedResource | undefined;
    let undecided: string | undefined;
    for (const { resource, placement } of this.rules) {
      const type = readString(resource.props, ["resourceType"]);
      if (type.state === "known" && type.value !== resourceType) continue;
      if (at.region.state !== "known" || placement.region.state !== "known") {
        undecided = `the region of Recycle Bin rule "${resource.name}" or of the copy is unknown during preview`;
        continue;
      }
      if (at.region.value !== placement.region.value) continue;
      const accounts = compareAccounts(at.account, placement.account);
      if (accounts === "different") continue;
      if (accounts === "undecided") {
        undecided = `Recycle Bin rule "${resource.name}" may be in another account than the copy (${describeAccount(placement.account)} vs ${describeAccount(at.account)})`;
        continue;
      }
      const include = readArray(resource.props, ["resourceTags"]);
      const exclude = readArray(resource.props, ["excludeResourceTags"]);
      if (type.state === "unknown" || include.state === "unknown" || exclude.state === "unknown") {
        undecided = `Recycle Bin rule "${resource.name}" is unknown during preview`;
        continue;
      }
      const includes = include.state === "known" ? include.value : [];
      const excludes = exclude.state === "known" ? exclude.value : [];
      if (includes.length > 0 || excludes.length > 0) {
        if (!tags) {
          undecided = `the tags of the copy are unknown during preview, so it cannot be told whether Recycle Bin rule "${resource.name}" applies`;
          continue;
        }
        const included = includes.length === 0 ? "yes" : matchesTagList(includes, tags);
        const excluded = matchesTagList(excludes, tags);
        if (included === "no" || excluded === "yes") continue;
        if (included === "unknown" || excluded === "unknown") {
          undecided = `the tag filters of Recycle Bin rule "${resource.name}" are unknown during preview`;
          continue;
        }
      }
      const lock = readRaw(resource.props, ["lockConfiguration"]);
      if (lock.state === "unknown") {
        undecided = `lockConfiguration of Recycle Bin rule "${resource.name}" is unknown during preview`;
        continue;
      }
      if (lock.state === "known" && isJsonObject(lock.value)) {
        return {
          state: "compliance-lock",
          lockUrn: resource.urn,
          lockLabel: `Recycle Bin rule "${resource.name}"`,
          minRetentionDays: absent("Recycle Bin retains deleted snapshots; it does not bound the copy's own retention"),
          maxRetentionDays: absent("not bounded"),
        };
      }
      unlocked = resource;
    }
    if (undecided) return { state: "unknown", basis: undecided };
    if (unlocked) {
      return {
        state: "governance-lock",
        lockUrn: unlocked.urn,
        lockLabel: `Recycle Bin rule "${unlocked.name}"`,
        weakness: "is not locked (no lockConfiguration): anyone allowed rbin:DeleteRule or rbin:UpdateRule can remove it and then delete the snapshots for good. Add lockConfiguration.unlockDelay.",
      };
    }
    if (!this.wholeStack) return { state: "unknown", basis: "a Recycle Bin rule may be declared elsewhere in the stack" };
    const where = at.region.state === "known" ? ` in ${at.region.value}` : "";
    const what = resourceType === "EBS_SNAPSHOT" ? "snapshots" : "AMIs";
    return { state: "none", basis: `no Recycle Bin rule with a lock (aws.rbin.Rule, resourceType ${resourceType}) retains deleted ${what}${where}, so whoever can delete the copy can destroy it` };
  }
}

/** Routes of EBS native copies: `aws.ebs.SnapshotCopy` and DLM cross-region copy and share rules. */
export class EbsCopyRoutes {
  readonly problems: ModelProblem[] = [];

  constructor(
    private readonly index: StackIndex,
    private readonly placement: AwsPlacement,
    private readonly recycleBin: RecycleBin,
  ) {}

  routes(): ProtectionRoute[] {
    const out: ProtectionRoute[] = [];
    for (const copy of this.index.ofTypes([AWS_TYPES.ebsSnapshotCopy])) out.push(this.snapshotCopy(copy));
    for (const policy of this.index.ofTypes([AWS_TYPES.dlmLifecyclePolicy])) out.push(...this.lifecyclePolicy(policy));
    return out;
  }

  private snapshotStore(
    key: string,
    label: string,
    urn: string | undefined,
    at: Placement,
    tags: Readonly<Record<string, string>> | undefined,
    resolvedVia: string,
    resourceType: "EBS_SNAPSHOT" | "EC2_IMAGE" = "EBS_SNAPSHOT",
  ): BackupStore {
    return {
      key,
      kind: "snapshot",
      label,
      urn,
      placement: at,
      airGapped: known(false, "EBS snapshots are administrable by their account"),
      immutability: this.recycleBin.protection(at, tags, resourceType),
      lockHowto: RBIN_HOWTO,
      resolvedVia,
    };
  }

  private snapshotCopy(copy: PlannedResource): ProtectionRoute {
    const own = this.placement.placement(copy);
    const snapshots = this.index.dependenciesOf(copy, "sourceSnapshotId").filter((r) => r.type === AWS_TYPES.ebsSnapshot);
    const snapshot = snapshots.length === 1 ? snapshots[0] : undefined;
    const sourceRegion = readString(copy.props, ["sourceRegion"]);
    const region: Fact<string> = sourceRegion.state === "known" ? known(sourceRegion.value, "sourceRegion") : snapshot ? this.placement.region(snapshot) : sourceRegion;
    const account: AccountFact = snapshot
      ? this.placement.account(snapshot)
      : { state: "unknown", basis: "sourceSnapshotId does not refer to a snapshot declared in this stack" };
    const sourcePlacement: Placement = { region, account, zone: SNAPSHOT_ZONE };
    const sourceLabel = snapshot ? describeResource(snapshot) : "the source snapshot";
    const volumes = snapshot ? this.index.dependenciesOf(snapshot, "volumeId").filter((r) => r.type === AWS_TYPES.ebsVolume) : [];
    const primaries: ProtectedResource[] =
      volumes.length === 1 ? [{ label: describeResource(volumes[0]), urn: volumes[0].urn, placement: this.placement.placement(volumes[0]) }] : [];
    const source = primaryStore({ label: sourceLabel, urn: snapshot?.urn, placement: sourcePlacement }, snapshot?.urn ?? `ebs-source:${copy.urn}`);
    const store = this.snapshotStore(copy.urn, `snapshot copy "${copy.name}"`, copy.urn, { ...own, zone: SNAPSHOT_ZONE }, resourceTags(copy), "the copy is made in its own region (region input or provider)");
    const encryptionKey = keySetting(this.index, this.placement, copy, "kmsKeyId", own, snapshotCopyDefaultKey(region, own.region));
    return nativeRoute({
      urn: copy.urn,
      label: `snapshot copy "${copy.name}" of ${sourceLabel}`,
      subject: "",
      primaries: primaries.length > 0 ? primaries : [{ label: sourceLabel, urn: snapshot?.urn, placement: sourcePlacement }],
      source,
      readings: [[{ label: "snapshot copy", store: { ...store, encryptionKey }, retentionDays: absent("kept until deleted") }]],
    });
  }

  private byTag?: { readonly tagged: Map<string, PlannedResource[]>; readonly untold: Array<{ resource: PlannedResource; role: string }> };

  /**
   * The in-stack volumes and instances a DLM policy targets by tag (any of its target tags), and why
   * other resources may be targets too (target tags, resource types or a resource's tags unknown). An
   * instance is targeted as INSTANCE by its own tags, and its inline volumes (rootBlockDevice,
   * ebsBlockDevices) as VOLUME by the tags every one of them carries (volumeTags or the device's tags).
   */
  private targets(policy: PlannedResource, policyPlacement: Placement): { primaries: ProtectedResource[]; incomplete?: string; possible?: readonly string[] } {
    const inRegion = (resource: PlannedResource): boolean => {
      const region = this.placement.region(resource);
      return !(region.state === "known" && policyPlacement.region.state === "known" && region.value !== policyPlacement.region.value);
    };
    // Every volume and instance of the policy's region (the ones that declare volumes inline as VOLUME targets too).
    const everyCandidate = (roles: readonly string[]): string[] =>
      [
        ...(roles.includes("VOLUME") ? this.index.ofTypes([AWS_TYPES.ebsVolume]) : []),
        ...this.index.ofTypes([AWS_TYPES.ec2Instance]).filter((i) => roles.includes("INSTANCE") || inlineVolumes(i).length > 0),
      ]
        .filter(inRegion)
        .map((r) => r.urn);
    const targetTags = readObject(policy.props, ["policyDetails", "targetTags"]);
    if (targetTags.state === "unknown") return { primaries: [], incomplete: "its targetTags are unknown during preview", possible: everyCandidate(["VOLUME", "INSTANCE"]) };
    if (targetTags.state !== "known") return { primaries: [] };
    const types = readArray(policy.props, ["policyDetails", "resourceTypes"]);
    let incomplete: string | undefined;
    if (types.state === "unknown" || (types.state === "known" && types.value.some((t) => typeof t !== "string" || isUnknown(t)))) {
      incomplete = "its resourceTypes are unknown during preview";
    }
    const wantedRoles: string[] =
      types.state === "known" && incomplete === undefined ? types.value.filter((t): t is string => typeof t === "string") : ["VOLUME", "INSTANCE"];
    if (!this.byTag) {
      const tagged = new Map<string, PlannedResource[]>();
      const untold: Array<{ resource: PlannedResource; role: string }> = [];
      const add = (resource: PlannedResource, role: string, tags: Readonly<Record<string, string>> | undefined): void => {
        if (!tags) untold.push({ resource, role });
        for (const [key, value] of Object.entries(tags ?? {})) {
          const list = tagged.get(`${role}\u0000${key}\u0000${value}`);
          if (list) list.push(resource);
          else tagged.set(`${role}\u0000${key}\u0000${value}`, [resource]);
        }
      };
      for (const resource of this.index.ofTypes([AWS_TYPES.ebsVolume])) add(resource, "VOLUME", resourceTags(resource));
      for (const resource of this.index.ofTypes([AWS_TYPES.ec2Instance])) {
        add(resource, "INSTANCE", resourceTags(resource));
        if (inlineVolumes(resource).length > 0) add(resource, "VOLUME", commonVolumeTags(resource));
      }
      this.byTag = { tagged, untold };
    }
    const matched = new Set<PlannedResource>();
    for (const [key, value] of Object.entries(targetTags.value)) {
      if (typeof value === "string" && !isUnknown(value)) {
        for (const role of wantedRoles) for (const r of this.byTag.tagged.get(`${role}\u0000${key}\u0000${value}`) ?? []) matched.add(r);
      } else incomplete = "a value of its targetTags is unknown during preview";
    }
    const untold = this.byTag.untold.filter((r) => wantedRoles.includes(r.role) && inRegion(r.resource) && !matched.has(r.resource));
    // What may be a target besides the matched ones: anything whose tags are unknown, or anything at all
    // when the policy's own resource types or a target tag value are unknown.
    const matchedUrns = new Set([...matched].map((r) => r.urn));
    const possible = (incomplete !== undefined ? everyCandidate(wantedRoles) : untold.map((r) => r.resource.urn)).filter((urn) => !matchedUrns.has(urn));
    if (untold.length > 0) {
      const what = untold[0].resource.type === AWS_TYPES.ec2Instance && untold[0].role === "VOLUME" ? `the inline volumes of ${describeResource(untold[0].resource)}` : describeResource(untold[0].resource);
      incomplete ??= `the tags of ${what} are unknown during preview, so it may be a target`;
    }
    const primaries: ProtectedResource[] = [];
    for (const resource of matched) {
      if (!inRegion(resource)) continue;
      primaries.push({ label: describeResource(resource), urn: resource.urn, placement: this.placement.placement(resource) });
    }
    return { primaries, incomplete, ...(possible.length > 0 ? { possible: [...new Set(possible)] } : {}) };
  }

  private lifecyclePolicy(policy: PlannedResource): ProtectionRoute[] {
    const state = readString(policy.props, ["state"]);
    if (state.state === "known" && state.value === "DISABLED") return [];
    const conditional = state.state === "unknown" ? "its state (ENABLED or DISABLED) is unknown during preview" : undefined;
    const at = this.placement.placement(policy);
    const policyLabel = `lifecycle policy "${policy.name}"`;
    const details = readRaw(policy.props, ["policyDetails"]);
    const unreadable = (subject: string, reason: string): ProtectionRoute => unreadableNativeRoute({ urn: policy.urn, label: policyLabel, subject, primaries: [], reason });
    if (details.state === "unknown") return [unreadable("policyDetails", "its policyDetails are unknown during preview")];
    if (details.state === "absent") return [];
    const out: ProtectionRoute[] = [];
    // Event-based policies copy snapshots that other accounts share with this one.
    const action = readArray(policy.props, ["policyDetails", "action", "crossRegionCopies"]);
    if (action.state === "unknown") out.push(unreadable("policyDetails.action", "its cross-region copy actions are unknown during preview"));
    if (action.state === "known") {
      const owners = readArray(policy.props, ["policyDetails", "eventSource", "parameters", "snapshotOwners"]);
      const ids = owners.state === "known" ? owners.value.filter((v): v is string => typeof v === "string" && /^\d{12}$/.test(v)) : [];
      const sourceAccount: AccountFact =
        ids.length > 0 ? { state: "known", accountIds: ids, basis: "eventSource.parameters.snapshotOwners" } : { state: "unknown", basis: "snapshotOwners unknown" };
      const sourcePlacement: Placement = { region: at.region, account: sourceAccount, zone: SNAPSHOT_ZONE };
      const copies = action.value.map((copy, j) => this.regionCopy(policy, at, copy, ["policyDetails", "action", "crossRegionCopies", j], "target"));
      out.push({
        ...nativeRoute({
          urn: policy.urn,
          label: `the event-based copy action of ${policyLabel}`,
          subject: "action",
          primaries: [{ label: "snapshots shared by the source accounts", placement: sourcePlacement }],
          source: primaryStore({ label: "the shared snapshots", placement: sourcePlacement }, `dlm-shared:${policy.urn}`),
          readings: [copies],
        }),
        ...(conditional ? { conditional } : {}),
      });
    }
    const schedules = readArray(policy.props, ["policyDetails", "schedules"]);
    if (schedules.state === "unknown") return [...out, unreadable("policyDetails.schedules", "its schedules are unknown during preview")];
    if (schedules.state !== "known") {
      if (readRaw(policy.props, ["policyDetails", "schedules"]).state === "absent") return out;
      const reason = "its policyDetails.schedules have an unexpected shape (expected a list)";
      this.problems.push({ urn: policy.urn, message: reason });
      return [...out, unreadable("policyDetails.schedules", reason)];
    }
    const { primaries, incomplete, possible } = this.targets(policy, at);
    const sourcePlacement: Placement = { ...at, zone: SNAPSHOT_ZONE };
    schedules.value.forEach((schedule, i) => {
      const base = ["policyDetails", "schedules", i];
      const name = readString(schedule, ["name"]);
      const subject = name.state === "known" ? `schedule "${name.value}"` : formatPath(base);
      const label = `${subject} of ${policyLabel}`;
      const rules = readArray(schedule, ["crossRegionCopyRules"]);
      const shareAccounts = readArray(schedule, ["shareRule", "targetAccounts"]);
      if (rules.state === "unknown" || shareAccounts.state === "unknown") {
        out.push(unreadable(subject, `the copy or share rules of ${subject} are unknown during preview`));
        return;
      }
      const copies: CopyEdge[] = (rules.state === "known" ? rules.value : []).map((rule, j) =>
        this.regionCopy(policy, at, rule, [...base, "crossRegionCopyRules", j], "target"),
      );
      for (const account of shareAccounts.state === "known" ? shareAccounts.value : []) {
        copies.push(this.share(policy, at, account, [...base, "shareRule", "targetAccounts"], i));
      }
      out.push({
        ...nativeRoute({
          urn: policy.urn,
          label,
          subject,
          primaries: primaries.length > 0 ? primaries : [{ label: `the resources ${policyLabel} targets`, placement: sourcePlacement }],
          source: primaryStore({ label: `the snapshots of ${subject}`, placement: sourcePlacement }, `dlm:${policy.urn}:${i}`),
          readings: [copies],
          sourceRetentionDays: dlmScheduleRetention(schedule, intervalDays(readNumber(schedule, ["retainRule", "interval"]), readString(schedule, ["retainRule", "intervalUnit"]))),
        }),
        ...(incomplete ? { primariesIncomplete: incomplete } : {}),
        ...(possible ? { possiblePrimaryUrns: possible } : {}),
        ...(conditional ? { conditional } : {}),
      });
    });
    return out;
  }

  /**
   * A DLM share: the target account may read the source snapshots, but they stay owned by the source
   * account, which can delete them for everyone. The share is a copy out of the source account's reach
   * only when an event-based policy of the target account in this stack copies the snapshots this
   * account shares (the copy is then owned by the target account).
   */
  private share(policy: PlannedResource, at: Placement, account: JsonValue, path: PropertyPath, schedule: number): CopyEdge {
    const id = typeof account === "string" && !isUnknown(account) ? account : "(unknown during preview)";
    const copier = /^\d{12}$/.test(id) ? this.eventCopierIn(id, at) : undefined;
    const owner: AccountFact = copier
      ? { state: "known", accountIds: [id], basis: `lifecycle policy "${copier.name}" of account ${id} copies the snapshots shared with it` }
      : withBasis(at.account, `a shared snapshot stays owned by the sharing account, which can delete it for everyone: ${at.account.basis}`);
    return {
      label: `share with account ${id}`,
      store: {
        key: `dlm-share:${policy.urn}:${schedule}:${id}`,
        kind: "snapshot",
        label: `snapshots shared with account ${id}`,
        placement: { region: at.region, account: owner, zone: SNAPSHOT_ZONE },
        airGapped: known(false, "shared snapshots"),
        immutability: { state: "not-applicable", basis: "a share is judged by the copies the target account makes" },
        resolvedVia: copier ? `${formatPath(path)}, copied by lifecycle policy "${copier.name}"` : formatPath(path),
        encryptionKey: inheritedKey("a share gives the account the source snapshots themselves, encrypted with their own key"),
      },
      retentionDays: absent("shared until unshared"),
    };
  }

  /** An event-based DLM policy of `accountId` in this stack, in the region of `source`, that copies snapshots shared by the account of `source`. */
  private eventCopierIn(accountId: string, source: Placement): PlannedResource | undefined {
    return this.index.ofTypes([AWS_TYPES.dlmLifecyclePolicy]).find((candidate) => {
      const account = this.placement.account(candidate);
      if (account.state !== "known" || account.accountIds.length !== 1 || account.accountIds[0] !== accountId) return false;
      // A share is seen, and copied, by an event-based policy of the snapshots' own region only.
      const region = this.placement.region(candidate);
      if (region.state !== "known" || source.region.state !== "known" || region.value !== source.region.value) return false;
      const state = readString(candidate.props, ["state"]);
      if (state.state === "unknown" || (state.state === "known" && state.value === "DISABLED")) return false;
      const owners = readArray(candidate.props, ["policyDetails", "eventSource", "parameters", "snapshotOwners"]);
      const copies = readArray(candidate.props, ["policyDetails", "action", "crossRegionCopies"]);
      if (owners.state !== "known" || copies.state !== "known" || copies.value.length === 0) return false;
      // The sharing account must be known to be one of the owners whose shared snapshots are copied.
      return source.account.state === "known" && source.account.accountIds.length === 1 && owners.value.includes(source.account.accountIds[0]);
    });
  }

  private regionCopy(policy: PlannedResource, at: Placement, rule: JsonValue, path: Array<string | number>, key: string): CopyEdge {
    const target = readString(rule, [key]);
    const targetRegion = target.state === "absent" ? readString(rule, ["targetRegion"]) : target;
    const field = target.state === "absent" && targetRegion.state !== "absent" ? "targetRegion" : key;
    const region: Fact<string> =
      targetRegion.state === "known"
        ? targetRegion.value.startsWith("arn:")
          ? unknown(`${formatPath(path)} targets the Outpost ${targetRegion.value}`)
          : known(targetRegion.value, `${formatPath(path)}.${field}`)
        : targetRegion.state === "unknown"
          ? targetRegion
          : unknown(`${formatPath(path)} sets no target region`);
    const placement: Placement = { region, account: at.account, zone: region.state === "known" ? SNAPSHOT_ZONE : unknownZone(region.basis) };
    const where = region.state === "known" ? region.value : "?";
    const policyType = readString(policy.props, ["policyDetails", "policyType"]);
    const resourceType = policyType.state === "known" && policyType.value === "IMAGE_MANAGEMENT" ? "EC2_IMAGE" : "EBS_SNAPSHOT";
    return {
      label: `cross-region copy ${formatPath(path.slice(-2))}`,
      store: {
        ...this.snapshotStore(`dlm-copy:${policy.urn}:${formatPath(path)}`, `the DLM copy destination ${where} (${formatPath(path)})`, policy.urn, placement, undefined, `${formatPath(path)}.${field}`, resourceType),
        encryptionKey: dlmCopyKey(this.index, this.placement, policy, rule, path, placement),
      },
      retentionDays: intervalDays(readNumber(rule, ["retainRule", "interval"]), readString(rule, ["retainRule", "intervalUnit"])),
    };
  }
}
