import { Fact, known, unknown } from "../core/facts";
import { vocabularyOf } from "../core/source-vocabulary";
import { JsonObject, JsonValue, isJsonObject } from "../core/json";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import {
  BackupStore,
  CopyEdge,
  ModelProblem,
  Placement,
  ProtectedResource,
  ProtectionRoute,
  RouteView,
  mayShare,
  multiZone,
  unknownZone,
  unresolvedPlacement,
  unresolvedStore,
} from "../core/protection-model";
import { formatPath, knownStrings, PropertyPath, readArray, readNumberStrict, readRaw, readString, unknownPaths } from "../core/raw-values";
import { backupVaultArnProblem, backupVaultNameFromArn, parseArn } from "./arn";
import { BackupVaults, VaultNode } from "./backup-vaults";
import { AwsPlacement } from "./placement";
import { AWS_TYPES } from "./type-tokens";

/** At most this many readings of one plan are enumerated; beyond, the plan is unresolved. */
const MAX_READINGS = 4096;

type SlotKind = "target" | "copy" | "air-gapped-target";

/** A reference whose value is unknown in preview, to be pinned to one of the in-stack candidates. */
interface Slot {
  readonly kind: SlotKind;
  readonly path: PropertyPath;
  readonly candidates: readonly Candidate[];
  /** For a copy destination whose rule's source vault is itself unknown: that source's slot (a rule never copies into its own source vault). */
  readonly distinctFrom?: number;
}

/** A vault a slot may refer to, or `undefined` for "a value derived from a non-vault resource". */
type Candidate = VaultNode | { readonly opaque: PlannedResource };

type Ref = { readonly store: BackupStore } | { readonly slot: number };

interface CopyDraft {
  readonly label: string;
  readonly ref: Ref;
  readonly retentionDays: Fact<number>;
}

interface RuleDraft {
  readonly subject: string;
  readonly label: string;
  readonly source: Ref;
  readonly sourceRetentionDays: Fact<number>;
  readonly copies: readonly CopyDraft[];
  readonly declaredCopies: Fact<number>;
  readonly unresolvedReason?: string;
}

function isOpaque(candidate: Candidate): candidate is { readonly opaque: PlannedResource } {
  return "opaque" in candidate;
}

/** The readings that meet a constraint, or all of them when none does. */
function narrow(readings: number[][], keep: (reading: readonly number[]) => boolean): number[][] {
  const kept = readings.filter(keep);
  return kept.length > 0 ? kept : readings;
}

/** A plan rule without the fields that refer to vaults. */
function withoutReferenceFields(rule: JsonValue): JsonValue {
  if (!isJsonObject(rule)) return rule;
  const copy: JsonObject = { ...rule };
  delete copy["targetVaultName"];
  delete copy["targetLogicallyAirGappedBackupVaultArn"];
  if (Array.isArray(copy["copyActions"])) {
    copy["copyActions"] = copy["copyActions"].map((action) => {
      if (!isJsonObject(action)) return action;
      const rest: JsonObject = { ...action };
      delete rest["destinationVaultArn"];
      return rest;
    });
  }
  return copy;
}

/** Builds the backup routes of every AWS Backup plan in the stack. */
export class BackupPlanRoutes {
  readonly problems: ModelProblem[] = [];

  constructor(
    private readonly index: StackIndex,
    private readonly placement: AwsPlacement,
    private readonly vaults: BackupVaults,
  ) {}

  /** One route per plan rule. */
  routes(): ProtectionRoute[] {
    const out: ProtectionRoute[] = [];
    const primaries = this.primariesByPlan();
    for (const plan of this.index.ofTypes([AWS_TYPES.backupPlan])) {
      out.push(...this.planRoutes(plan, primaries.get(plan.urn) ?? []));
    }
    return out;
  }

  /** The resources each plan backs up, from its selections. */
  private primariesByPlan(): Map<string, ProtectedResource[]> {
    const byPlan = new Map<string, ProtectedResource[]>();
    const plans = this.index.ofTypes([AWS_TYPES.backupPlan]);
    for (const selection of this.index.ofTypes([AWS_TYPES.backupSelection])) {
      const planId = readString(selection.props, ["planId"]);
      const targets = new Set(this.index.dependenciesOf(selection, "planId").filter((r) => r.type === AWS_TYPES.backupPlan));
      if (planId.state === "known") {
        for (const plan of plans) {
          const id = readString(plan.props, ["id"]);
          if (id.state === "known" && id.value === planId.value) targets.add(plan);
        }
      }
      const protectedResources: ProtectedResource[] = this.index
        .dependenciesOf(selection, "resources")
        .map((resource) => ({ label: `${resource.type.split(":").pop()} "${resource.name}"`, urn: resource.urn, placement: this.placement.placement(resource) }));
      const listed = readArray(selection.props, ["resources"]);
      for (const item of listed.state === "known" ? listed.value : []) {
        const arn = typeof item === "string" ? parseArn(item) : undefined;
        if (!arn || arn.region === "" || /[*?]/.test(arn.region)) continue;
        // AWS Backup selects resources of the selection's own region only: an ARN of another region selects nothing.
        const selectionRegion = this.placement.region(selection);
        if (selectionRegion.state === "known" && selectionRegion.value !== arn.region) continue;
        protectedResources.push({
          label: `resource ${item as string}`,
          placement: {
            region: known(arn.region, "resource ARN"),
            account: arn.account ? { state: "known", accountIds: [arn.account], basis: "resource ARN" } : { state: "unknown", basis: "ARN without account" },
            zone: unknownZone(`resource ${item as string} is not declared in this stack`),
          },
        });
      }
      for (const plan of targets) {
        const list = byPlan.get(plan.urn) ?? [];
        list.push(...protectedResources);
        byPlan.set(plan.urn, list);
      }
    }
    return byPlan;
  }

  private planRoutes(plan: PlannedResource, primaries: readonly ProtectedResource[]): ProtectionRoute[] {
    const planLabel = `backup plan "${plan.name}"`;
    const rules = readArray(plan.props, ["rules"]);
    if (rules.state !== "known") {
      const raw = readRaw(plan.props, ["rules"]);
      if (raw.state === "absent") return []; // a plan without rules backs nothing up
      const reason = rules.state === "unknown" ? "its rules are unknown during preview" : "its rules have an unexpected shape (expected a list)";
      if (raw.state === "known") this.problems.push({ urn: plan.urn, message: reason });
      return [
        {
          urn: plan.urn,
          label: planLabel,
          subject: "rules",
          primaries,
          declaredCopies: unknown(reason),
          views: [],
          unresolvedReason: reason,
        },
      ];
    }
    const planPlacement = this.placement.placement(plan);
    const dependencies = this.index.dependenciesOf(plan, "rules");
    const vaultDeps: VaultNode[] = [];
    const opaqueDeps: PlannedResource[] = [];
    for (const resource of dependencies) {
      const node = this.vaults.nodeOf(resource);
      if (node) vaultDeps.push(node);
      else opaqueDeps.push(resource);
    }
    const slots: Slot[] = [];
    const pinned = new Set<VaultNode>();
    const drafts = rules.value.map((rule, i) =>
      this.ruleDraft(plan, planLabel, planPlacement, rule, i, vaultDeps, opaqueDeps, slots, pinned),
    );
    const readings = this.readings(plan, rules.value, slots, vaultDeps, pinned);
    // The vaults the plan's rules back up into: a copy reference that may mean one of them is ambiguous
    // because one plan mixes several target vaults.
    const targets = new Set<string>();
    for (const draft of drafts) {
      if ("store" in draft.source && draft.source.store.urn) targets.add(draft.source.store.urn);
      else if ("slot" in draft.source) for (const c of slots[draft.source.slot].candidates) if (!isOpaque(c)) targets.add(c.resource.urn);
    }
    return drafts.map((draft) => this.route(plan, draft, primaries, slots, readings, targets));
  }

  private ruleDraft(
    plan: PlannedResource,
    planLabel: string,
    planPlacement: Placement,
    rule: JsonValue,
    i: number,
    vaultDeps: readonly VaultNode[],
    opaqueDeps: readonly PlannedResource[],
    slots: Slot[],
    pinned: Set<VaultNode>,
  ): RuleDraft {
    const name = readString(rule, ["ruleName"]);
    const subject = name.state === "known" ? `rule "${name.value}"` : `rules[${i}]`;
    const label = `${subject} of ${planLabel}`;
    const base: PropertyPath = ["rules", i];
    const slotFor = (kind: SlotKind, path: PropertyPath, accept: (vault: VaultNode) => boolean, source?: Ref): Ref => {
      // AWS Backup copies a recovery point into another vault than the one it is in: a copy destination
      // is never its own rule's source vault, unless the rules depend on no other resource at all.
      const sourceVault = source && "store" in source ? source.store.urn : undefined;
      const others: Candidate[] = vaultDeps.filter((v) => accept(v) && v.resource.urn !== sourceVault);
      for (const opaque of opaqueDeps) others.push({ opaque });
      const candidates: Candidate[] = others.length > 0 ? others : vaultDeps.filter(accept);
      if (candidates.length === 0) {
        const why = `${formatPath(path)} is unknown during preview and is not computed from any vault in this stack`;
        return { store: unresolvedStore(`unresolved:${plan.urn}:${formatPath(path)}`, `the vault at ${formatPath(path)}`, why, unresolvedPlacement(why)) };
      }
      const distinctFrom = source && "slot" in source ? source.slot : undefined;
      slots.push({ kind, path, candidates, ...(distinctFrom !== undefined ? { distinctFrom } : {}) });
      return { slot: slots.length - 1 };
    };

    // The source: `targetVaultName` names a regular vault in the plan's own account and region.
    const targetPath = [...base, "targetVaultName"];
    const target = readString(rule, ["targetVaultName"]);
    let source: Ref;
    if (target.state === "known") {
      source = this.byName(target.value, planPlacement, false, vaultDeps, pinned, `targetVaultName "${target.value}"`, slots, targetPath);
    } else if (target.state === "unknown") {
      source = slotFor("target", targetPath, (v) => !v.airGapped && mayShare(v.placement, planPlacement));
    } else {
      const why = "targetVaultName is not set";
      source = { store: unresolvedStore(`unresolved:${plan.urn}:${formatPath(targetPath)}`, "the target vault", why, planPlacement) };
    }

    const copies: CopyDraft[] = [];
    const actions = readArray(rule, ["copyActions"]);
    const rawActions = readRaw(rule, ["copyActions"]);
    const malformed = !isJsonObject(rule) || (rawActions.state === "known" && !Array.isArray(rawActions.value));
    if (malformed) {
      this.problems.push({ urn: plan.urn, message: `${formatPath(base)} has an unexpected shape` });
      return {
        subject,
        label,
        source,
        sourceRetentionDays: unknown("unexpected shape"),
        copies,
        declaredCopies: unknown("unexpected shape"),
        unresolvedReason: `${formatPath(base)} has an unexpected shape (expected an object with a copyActions list)`,
      };
    }
    if (actions.state === "unknown") {
      return {
        subject,
        label,
        source,
        sourceRetentionDays: readNumberStrict(rule, ["lifecycle", "deleteAfter"]),
        copies,
        declaredCopies: unknown("copyActions unknown during preview"),
        unresolvedReason: "its copyActions are unknown during preview",
      };
    }
    const list = actions.state === "known" ? actions.value : [];
    list.forEach((action, j) => {
      const path = [...base, "copyActions", j, "destinationVaultArn"];
      const arn = readString(action, ["destinationVaultArn"]);
      const copyLabel = list.length === 1 ? "copy action" : `copy action ${j + 1}`;
      let ref: Ref;
      if (arn.state === "known") {
        ref = this.byArn(plan, arn.value, vaultDeps, pinned, path);
      } else if (arn.state === "unknown") {
        ref = slotFor("copy", path, () => true, source);
      } else {
        const why = "destinationVaultArn is not set";
        ref = { store: unresolvedStore(`unresolved:${plan.urn}:${formatPath(path)}`, "the copy destination", why, unresolvedPlacement(why)) };
      }
      copies.push({ label: copyLabel, ref, retentionDays: readNumberStrict(action, ["lifecycle", "deleteAfter"]) });
    });

    // A logically air-gapped target receives the rule's recovery points directly (same account and region).
    const airGappedPath = [...base, "targetLogicallyAirGappedBackupVaultArn"];
    const airGapped = readString(rule, ["targetLogicallyAirGappedBackupVaultArn"]);
    if (airGapped.state !== "absent") {
      const ref =
        airGapped.state === "known"
          ? this.byArn(plan, airGapped.value, vaultDeps, pinned, airGappedPath, true)
          : slotFor("air-gapped-target", airGappedPath, (v) => v.airGapped);
      copies.push({ label: "logically air-gapped target", ref, retentionDays: readNumberStrict(rule, ["lifecycle", "deleteAfter"]) });
    }
    return {
      subject,
      label,
      source,
      sourceRetentionDays: readNumberStrict(rule, ["lifecycle", "deleteAfter"]),
      copies,
      declaredCopies: known(copies.length, "copyActions"),
    };
  }

  /** Resolves a vault named in the plan's own account and region. */
  private byName(
    name: string,
    planPlacement: Placement,
    airGapped: boolean,
    vaultDeps: readonly VaultNode[],
    pinned: Set<VaultNode>,
    via: string,
    slots: Slot[],
    path: PropertyPath,
  ): Ref {
    const matches = this.vaults.byName(name, planPlacement, airGapped);
    const preferred = matches.filter((m) => vaultDeps.includes(m));
    const found = preferred.length > 0 ? preferred : matches;
    if (found.length === 1) {
      pinned.add(found[0]);
      return { store: this.vaults.storeOf(found[0], `${via} matches the vault declared in this stack`) };
    }
    if (found.length > 1) {
      slots.push({ kind: "target", path, candidates: found });
      return { slot: slots.length - 1 };
    }
    const region = planPlacement.region.state === "known" ? planPlacement.region.value : "?";
    const unnamed = this.vaults.unnamedAt(planPlacement, airGapped);
    if (unnamed.length > 0) return { store: this.mayBeUnnamed(name, unnamed, via, planPlacement) };
    return {
      store: this.vaults.externalStore(`vault:${name}@${region}`, name, planPlacement, known(airGapped, "named as the rule's target"), `${via}, a vault not declared in this stack, in the plan's region and account`),
    };
  }

  /**
   * A literal name that matches no in-stack vault of known name while some in-stack vault's name is
   * unknown during preview: it may name that vault, or one outside the stack. Which, cannot be told.
   */
  private mayBeUnnamed(name: string, unnamed: readonly VaultNode[], via: string, placement: Placement): BackupStore {
    const why = `${via} may name ${unnamed.map((v) => `vault "${v.resource.name}"`).join(" or ")} (whose name is unknown during preview) or a vault outside this stack`;
    return unresolvedStore(`maybe:${name}`, `vault "${name}"`, why, placement);
  }

  /** Resolves a vault given by a literal ARN; the ARN is authoritative for region and account. */
  private byArn(
    plan: PlannedResource,
    value: string,
    vaultDeps: readonly VaultNode[],
    pinned: Set<VaultNode>,
    path: PropertyPath,
    airGappedTarget = false,
  ): Ref {
    const arn = parseArn(value);
    const name = arn ? backupVaultNameFromArn(arn) : undefined;
    if (!arn || !name || arn.region === "" || arn.account === "") {
      const problem = backupVaultArnProblem(value) ?? "its region or account is empty";
      this.problems.push({ urn: plan.urn, message: `${formatPath(path)} "${value}" is not an AWS Backup vault ARN: ${problem}` });
      const why = `${formatPath(path)} "${value}" is not a backup vault ARN: ${problem}`;
      return { store: unresolvedStore(`invalid:${value}`, `"${value}"`, why, unresolvedPlacement(why)) };
    }
    const placement: Placement = {
      region: known(arn.region, `destination ARN ${value}`),
      account: { state: "known", accountIds: [arn.account], basis: `destination ARN ${value}` },
      zone: multiZone("backup vaults keep recovery points across the zones of their region"),
    };
    const matches = [...new Set([...this.vaults.byArn(value), ...this.vaults.byName(name, placement)])];
    const preferred = matches.filter((m) => vaultDeps.includes(m));
    const found = preferred.length > 0 ? preferred : matches;
    if (found.length === 1) {
      pinned.add(found[0]);
      return { store: this.vaults.storeOf(found[0], `literal ARN ${value} matches the vault declared in this stack`, placement) };
    }
    const unnamed = found.length === 0 ? this.vaults.unnamedAt(placement) : [];
    if (unnamed.length > 0) return { store: this.mayBeUnnamed(name, unnamed, `literal ARN ${value}`, placement) };
    const airGapped: Fact<boolean> = airGappedTarget
      ? known(true, "targetLogicallyAirGappedBackupVaultArn")
      : unknown(`vault ${value} is not declared in this stack; whether it is logically air-gapped cannot be seen (declare it in the backup-external-vaults config)`);
    return { store: this.vaults.externalStore(value, name, placement, airGapped, `literal ARN ${value}`) };
  }

  /**
   * Every consistent assignment of the plan's unknown references to candidate vaults. Every vault the
   * plan's rules depend on must be referred to by some value: when all unknown values in `rules` are
   * vault references, vaults not explained by a known value must be the target of some slot.
   */
  private readings(
    plan: PlannedResource,
    rules: readonly JsonValue[],
    slots: readonly Slot[],
    vaultDeps: readonly VaultNode[],
    pinned: ReadonlySet<VaultNode>,
  ): number[][] | undefined {
    if (slots.length === 0) return [[]];
    let total = 1;
    for (const slot of slots) total *= slot.candidates.length;
    if (total > MAX_READINGS) {
      this.problems.push({ urn: plan.urn, message: `${total} possible readings of the plan's vault references; at most ${MAX_READINGS} are examined` });
      return undefined;
    }
    const slotPaths = new Set(slots.map((s) => formatPath(s.path)));
    const onlySlotsUnknown = unknownPaths(rules as JsonValue, ["rules"]).every((p) => slotPaths.has(formatPath(p)));
    // A vault named by a known reference field is pinned (or not) by name and placement above; only other
    // fields (tags, ...) may mention a vault without being a reference to it.
    const mentioned = new Set(knownStrings(rules.map(withoutReferenceFields)));
    const mustCover = onlySlotsUnknown
      ? vaultDeps.filter(
          (v) =>
            !pinned.has(v) &&
            !(v.name.state === "known" && mentioned.has(v.name.value)) &&
            !(v.arn.state === "known" && mentioned.has(v.arn.value)),
        )
      : [];
    const all: number[][] = [];
    const choice: number[] = new Array<number>(slots.length).fill(0);
    for (let n = 0; n < total; n++) {
      let rest = n;
      for (let s = 0; s < slots.length; s++) {
        choice[s] = rest % slots[s].candidates.length;
        rest = Math.floor(rest / slots[s].candidates.length);
      }
      all.push([...choice]);
    }
    // Each constraint narrows the readings only when some reading meets it: the program may be odd, never
    // impossible, so an unmet constraint is dropped rather than leaving no reading at all.
    const distinct = narrow(all, (reading) =>
      slots.every((slot, s) => slot.distinctFrom === undefined || slot.candidates[reading[s]] !== slots[slot.distinctFrom].candidates[reading[slot.distinctFrom]]),
    );
    return narrow(distinct, (reading) => mustCover.every((vault) => reading.some((c, s) => slots[s].candidates[c] === vault)));
  }

  private route(
    plan: PlannedResource,
    draft: RuleDraft,
    primaries: readonly ProtectedResource[],
    slots: readonly Slot[],
    readings: number[][] | undefined,
    targets: ReadonlySet<string>,
  ): ProtectionRoute {
    const base = { urn: plan.urn, label: draft.label, subject: draft.subject, primaries, declaredCopies: draft.declaredCopies };
    if (draft.unresolvedReason) return { ...base, views: [], unresolvedReason: draft.unresolvedReason };
    if (!readings) return { ...base, views: [], unresolvedReason: "too many vaults could be meant by its unknown references" };
    const views = new Map<string, RouteView>();
    const choices = slots.map((_, s) => new Set(readings.map((reading) => reading[s])).size);
    for (const reading of readings) {
      const resolve = (ref: Ref): BackupStore =>
        "store" in ref ? ref.store : this.slotStore(plan, slots[ref.slot], reading[ref.slot], choices[ref.slot]);
      const copies: CopyEdge[] = draft.copies.map((copy) => ({ label: copy.label, store: resolve(copy.ref), retentionDays: copy.retentionDays }));
      const view: RouteView = { source: resolve(draft.source), sourceRetentionDays: draft.sourceRetentionDays, copies };
      const key = [view.source.key, ...copies.map((c) => c.store.key)].join("|");
      if (!views.has(key)) views.set(key, view);
    }
    const refs = [draft.source, ...draft.copies.map((c) => c.ref)];
    const ambiguous = refs.flatMap((ref) => ("slot" in ref && choices[ref.slot] > 1 ? [ref.slot] : []));
    const disambiguation = views.size > 1 && ambiguous.length > 0 ? this.disambiguation(slots, readings, ambiguous, targets) : undefined;
    return { ...base, views: [...views.values()], ...(disambiguation ? { disambiguation } : {}) };
  }

  /**
   * How to make this rule's ambiguous references decidable, with fixes that work in this program: what
   * each reference may mean, then only the changes that would tell the candidates apart.
   */
  private disambiguation(slots: readonly Slot[], readings: readonly number[][], ambiguous: readonly number[], targets: ReadonlySet<string>): string {
    const means: string[] = [];
    const fixes = new Set<string>();
    for (const s of [...new Set(ambiguous)]) {
      const slot = slots[s];
      const meant = [...new Set(readings.map((reading) => reading[s]))].map((c) => slot.candidates[c]);
      const where = formatPath(slot.path);
      means.push(`${where} may be ${meant.map((c) => (isOpaque(c) ? `computed from ${c.opaque.type} "${c.opaque.name}"` : `vault "${c.resource.name}"`)).join(" or ")}`);
      const vaults = meant.filter((c): c is VaultNode => !isOpaque(c));
      const unnamed = vaults.filter((v) => v.name.state !== "known").map((v) => `"${v.resource.name}"`);
      const nameFirst = unnamed.length > 0 ? `give vault ${unnamed.join(" and ")} a literal name (name: "...") and ` : "";
      if (slot.kind === "copy") {
        if (vaults.some((v) => targets.has(v.resource.urn))) {
          fixes.add("put the rules that back up into different vaults in separate aws.backup.Plan resources (one plan's rules share one dependency list, so their copy destinations cannot be told apart)");
        }
        fixes.add(
          `${nameFirst}write ${where} so that it is known during preview: the vault's ARN built from literal parts, e.g. pulumi.interpolate\`arn:aws:backup:<region>:<account id>:backup-vault:\${vault.name}\` with the vault's literal name, region and account`,
        );
      } else {
        fixes.add(`${nameFirst}set ${where} to the target vault's literal name (or to vault.name of a vault whose name is literal)`);
      }
    }
    return `${means.join("; ")}. To decide it: ${[...fixes].join("; or ")}.`;
  }

  private slotStore(plan: PlannedResource, slot: Slot, choice: number, alternatives: number): BackupStore {
    const candidate = slot.candidates[choice];
    const where = formatPath(slot.path);
    if (isOpaque(candidate)) {
      const why = `${where} is unknown during preview and may be computed from ${candidate.opaque.type} "${candidate.opaque.name}"`;
      return unresolvedStore(`opaque:${plan.urn}:${where}:${candidate.opaque.urn}`, `the vault at ${where}`, why, unresolvedPlacement(why));
    }
    const via =
      alternatives === 1
        ? `${where} is unknown during preview and resolved through ${vocabularyOf(this.index.stack).references(plan.type, "rules")} to this vault`
        : `${where} is unknown during preview; it may be any of ${alternatives} vaults in ${vocabularyOf(this.index.stack).references(plan.type, "rules")}`;
    return this.vaults.storeOf(candidate, via);
  }
}
