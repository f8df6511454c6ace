// What the backup map draws, as plain data: every primary data store, every place its backups and
// copies go, and an edge for each backup or copy, with the facts (region, account, zone, lock) the
// protection model decided. Nothing here guesses: what the model leaves unknown stays unknown.
import { Fact } from "../core/facts";
import {
  AccountFact,
  BackupStore,
  Placement,
  ProtectedResource,
  ProtectionModel,
  ProtectionRoute,
  compareAccounts,
  separation,
  unresolvedPlacement,
} from "../core/protection-model";

/** What a node on the map is. */
export type MapNodeKind = "primary" | "backup-vault" | "replica" | "snapshot" | "unknown-destination";

/** How a store protects what it holds against deletion. */
export type LockState = "compliance" | "air-gapped" | "governance" | "unlocked" | "unknown" | "not-applicable";

/** A box on the map. */
export interface MapNode {
  /** Unique on the map, stable for the same model (used as the element id). */
  readonly id: string;
  readonly kind: MapNodeKind;
  readonly label: string;
  /** The in-stack resource, when it is one. */
  readonly urn?: string;
  /** Resources whose findings are shown on this node (the node's own, its lock, its access policies). */
  readonly findingUrns: readonly string[];
  readonly placement: Placement;
  readonly lock: LockState;
  /** Why the lock state is what it is (evidence, for tooltips). */
  readonly lockBasis: string;
}

/** An arrow: a backup into a vault, or a copy from one place into another. */
export interface MapEdge {
  readonly id: string;
  /** The route (backup plan rule, replication rule, ...) the edge belongs to. */
  readonly routeId: string;
  readonly from: string;
  readonly to: string;
  readonly role: "backup" | "copy";
  /** For the arrow's label, e.g. `copy action`. */
  readonly label: string;
  /** False when only some readings of the route make this edge (references unknown in preview), or the route may not exist. */
  readonly certain: boolean;
  /** For copies: whether the copy shares the region / account of what it copies. */
  readonly sameRegion: "yes" | "no" | "unknown";
  readonly sameAccount: "yes" | "no" | "unknown";
  /** Days the copy is kept; absent = not stated. */
  readonly retentionDays?: Fact<number>;
}

/** A backup plan rule or native copy, whose findings colour its edges. */
export interface MapRoute {
  readonly id: string;
  readonly urn: string;
  readonly label: string;
  /** The part of the route's resource, e.g. `rule "daily"`. */
  readonly subject: string;
  /** e.g. `AWS Backup` or `BucketReplicationConfig`. */
  readonly mechanism: string;
  readonly edgeIds: readonly string[];
  /** Why the route's destinations are unknown, when they are. */
  readonly unresolvedReason?: string;
}

/** The map's content. */
export interface MapGraph {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
  readonly routes: readonly MapRoute[];
}

/** `aws:backup/plan:Plan` → `Plan`; a type's readable last part. */
export function typeName(urnOrType: string): string {
  const type = urnOrType.includes("::") ? (urnOrType.split("::")[2] ?? urnOrType) : urnOrType;
  return type.split(":").pop() ?? type;
}

/** A slug for element ids: lower case letters, digits and dashes. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "x";
}

/** Hands out unique ids from readable bases. */
class IdMaker {
  private readonly used = new Set<string>();
  make(prefix: string, base: string): string {
    const root = `${prefix}-${slug(base)}`;
    let id = root;
    for (let n = 2; this.used.has(id); n++) id = `${root}-${n}`;
    this.used.add(id);
    return id;
  }
}

function urnBase(urn: string | undefined, fallback: string): string {
  if (!urn || !urn.includes("::")) return fallback;
  return `${typeName(urn)}-${urn.slice(urn.lastIndexOf("::") + 2)}`;
}

function lockOf(store: BackupStore): { readonly lock: LockState; readonly basis: string; readonly urns: readonly string[] } {
  if (store.kind === "primary") return { lock: "not-applicable", basis: "the primary's live data", urns: [] };
  if (store.airGapped.state === "known" && store.airGapped.value) return { lock: "air-gapped", basis: store.airGapped.basis, urns: [] };
  const immutability = store.immutability;
  switch (immutability.state) {
    case "compliance-lock":
      return { lock: "compliance", basis: immutability.lockLabel, urns: immutability.lockUrn ? [immutability.lockUrn] : [] };
    case "immutable-by-design":
      return { lock: "air-gapped", basis: "immutable by design", urns: [] };
    case "governance-lock":
      return { lock: "governance", basis: immutability.lockLabel, urns: immutability.lockUrn ? [immutability.lockUrn] : [] };
    case "none":
      return { lock: "unlocked", basis: immutability.basis, urns: [] };
    case "not-applicable":
      return { lock: "not-applicable", basis: immutability.basis, urns: [] };
    default:
      return { lock: "unknown", basis: immutability.basis, urns: [] };
  }
}

function sameRegion(a: Placement, b: Placement): MapEdge["sameRegion"] {
  const verdict = separation(a, b, "region").verdict;
  return verdict === "shared" ? "yes" : verdict === "separated" ? "no" : "unknown";
}

function sameAccount(a: AccountFact, b: AccountFact): MapEdge["sameAccount"] {
  const verdict = compareAccounts(a, b);
  return verdict === "same" ? "yes" : verdict === "different" ? "no" : "unknown";
}

/** The mechanism of a route, for labels: AWS Backup, or the native copy's resource type. */
function mechanismOf(route: ProtectionRoute): string {
  return route.kind === "native-copy" ? typeName(route.urn) : "AWS Backup";
}

/** Builds the map's nodes, edges and routes from the protection model. */
export function buildMapGraph(model: ProtectionModel): MapGraph {
  const ids = new IdMaker();
  const nodes = new Map<string, MapNode>();
  const extraUrns = new Map<string, Set<string>>();

  const addNode = (key: string, make: (id: string) => MapNode): MapNode => {
    const existing = nodes.get(key);
    if (existing) return existing;
    const node = make("");
    const withId = { ...node, id: ids.make(node.kind === "primary" ? "primary" : "store", urnBase(node.urn, node.label)) };
    nodes.set(key, withId);
    return withId;
  };
  const primaryNode = (primary: ProtectedResource): MapNode =>
    addNode(primary.urn ?? `label:${primary.label}`, () => ({
      id: "",
      kind: "primary",
      label: primary.label,
      urn: primary.urn,
      findingUrns: primary.urn ? [primary.urn] : [],
      placement: primary.placement,
      lock: "not-applicable",
      lockBasis: "the primary's live data",
    }));
  const storeNode = (store: BackupStore): MapNode => {
    if (store.kind === "primary") return primaryNode({ label: store.label, urn: store.urn, placement: store.placement });
    const lock = lockOf(store);
    const node = addNode(store.urn ?? `store:${store.key}`, () => ({
      id: "",
      kind: store.kind ?? "backup-vault",
      label: store.label,
      urn: store.urn,
      findingUrns: [...(store.urn ? [store.urn] : []), ...lock.urns],
      placement: store.placement,
      lock: lock.lock,
      lockBasis: lock.basis,
    }));
    for (const urn of lock.urns) addUrn(node, urn);
    return node;
  };
  const addUrn = (node: MapNode, urn: string): void => {
    const set = extraUrns.get(node.id) ?? new Set<string>();
    set.add(urn);
    extraUrns.set(node.id, set);
  };

  for (const store of model.dataStores) primaryNode({ label: store.label, urn: store.urn, placement: store.placement });
  for (const zonal of model.zonalResources) primaryNode({ label: zonal.label, urn: zonal.urn, placement: zonal.placement });

  const edges: MapEdge[] = [];
  const routes: MapRoute[] = [];
  for (const route of model.routes) {
    const routeId = ids.make("route", `${urnBase(route.urn, route.label)}-${route.subject}`);
    const primaries = route.primaries.map(primaryNode);
    // An edge is certain when every reading of the route makes it and the route surely exists.
    const readings = new Map<string, { edge: Omit<MapEdge, "id" | "certain">; count: number }>();
    const addReading = (edge: Omit<MapEdge, "id" | "certain">): void => {
      const key = `${edge.from}\u0000${edge.to}\u0000${edge.role}\u0000${edge.label}`;
      const seen = readings.get(key);
      if (seen) seen.count++;
      else readings.set(key, { edge, count: 1 });
    };
    for (const view of route.views) {
      const viewKeys = new Set<string>();
      const once = (edge: Omit<MapEdge, "id" | "certain">): void => {
        const key = `${edge.from}\u0000${edge.to}\u0000${edge.role}\u0000${edge.label}`;
        if (viewKeys.has(key)) return;
        viewKeys.add(key);
        addReading(edge);
      };
      const source = storeNode(view.source);
      if (view.source.kind !== "primary") {
        for (const primary of primaries) {
          once({ routeId, from: primary.id, to: source.id, role: "backup", label: route.subject, sameRegion: sameRegion(primary.placement, source.placement), sameAccount: sameAccount(primary.placement.account, source.placement.account), retentionDays: view.sourceRetentionDays });
        }
      }
      for (const copy of view.copies) {
        const target = storeNode(copy.store);
        once({
          routeId,
          from: source.id,
          to: target.id,
          role: "copy",
          label: copy.label,
          sameRegion: sameRegion(view.source.placement, copy.store.placement),
          sameAccount: sameAccount(view.source.placement.account, copy.store.placement.account),
          retentionDays: copy.retentionDays,
        });
      }
    }
    if (route.views.length === 0) {
      // Nothing can be said about where this route's copies go: draw that, in the unknown place.
      const why = route.unresolvedReason ?? "its destinations are unknown before the deployment";
      const unknownNode = addNode(`unknown:${route.urn}:${route.subject}`, () => ({
        id: "",
        kind: "unknown-destination",
        label: `destination of ${route.subject}`,
        findingUrns: [],
        placement: unresolvedPlacement(why),
        lock: "unknown",
        lockBasis: why,
      }));
      for (const primary of primaries) {
        addReading({ routeId, from: primary.id, to: unknownNode.id, role: "copy", label: route.subject, sameRegion: "unknown", sameAccount: "unknown" });
      }
    }
    const edgeIds: string[] = [];
    for (const { edge, count } of readings.values()) {
      const id = ids.make("edge", `${routeId}-${edge.role}`);
      edges.push({ ...edge, id, certain: count === Math.max(1, route.views.length) && route.conditional === undefined });
      edgeIds.push(id);
    }
    routes.push({
      id: routeId,
      urn: route.urn,
      label: route.label,
      subject: route.subject,
      mechanism: mechanismOf(route),
      edgeIds,
      ...(route.unresolvedReason !== undefined ? { unresolvedReason: route.unresolvedReason } : {}),
    });
  }

  // Vaults declared in the stack that no route uses, and what governs vaults: shown where they are.
  for (const vault of model.vaults) {
    const node = addNode(vault.urn ?? `store:${vault.key}`, () => ({
      id: "",
      kind: "backup-vault",
      label: vault.label,
      urn: vault.urn,
      findingUrns: vault.urn ? [vault.urn] : [],
      placement: vault.placement,
      lock: "unknown",
      lockBasis: "no backup route uses this vault",
    }));
    for (const policy of vault.accessPolicies) addUrn(node, policy.urn);
  }
  const withUrns = [...nodes.values()].map((node) => {
    const extra = extraUrns.get(node.id);
    return extra ? { ...node, findingUrns: [...new Set([...node.findingUrns, ...extra])] } : node;
  });
  return { nodes: withUrns, edges, routes };
}
