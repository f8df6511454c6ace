// Where each box of the backup map goes: one column per region, one row per account, and inside each
// cell the primaries, then the stores, with single-zone resources framed by their availability zone.
// Places the model cannot tell get their own "unknown" column or row: nothing is guessed.
import { AccountFact, Placement } from "../core/protection-model";
import { MapGraph, MapNode } from "./map-graph";

/** A rectangle in map coordinates (pixels). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A column (region) or row (account) of the grid. */
export interface Lane {
  /** `?` for the unknown lane. */
  readonly key: string;
  readonly label: string;
  /** Evidence or explanation shown under the label. */
  readonly detail: string;
  readonly unknown: boolean;
  readonly start: number;
  readonly size: number;
}

/** An availability zone frame inside a cell. */
export interface ZoneFrame extends Box {
  readonly label: string;
  readonly unknown: boolean;
  readonly region: string;
  readonly account: string;
}

/** The positions of everything on the map. */
export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly columns: readonly Lane[];
  readonly rows: readonly Lane[];
  readonly nodes: ReadonlyMap<string, Box>;
  readonly zones: readonly ZoneFrame[];
}

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 80;
const GAP = 22;
const PAD = 18;
const ZONE_PAD = 10;
const ZONE_LABEL = 20;
/** Room between a cell's sub-columns (primaries, backups, copies) for arrows and their tags. */
const STEP_GAP = 150;
const HEADER_HEIGHT = 56;
const ROW_HEADER_WIDTH = 190;

/** The column key of a placement: its region, or `?`. */
export function regionKey(placement: Placement): string {
  return placement.region.state === "known" ? placement.region.value : "?";
}

/** The row key of a placement: its account number(s), its credentials, or `?`. */
export function accountKey(account: AccountFact): string {
  if (account.state === "known") return account.accountIds.join(" or ");
  if (account.state === "principal") return `principal:${account.key}`;
  return "?";
}

/** The zone frame a node goes in, or undefined for regional (multi-zone) resources. */
export function zoneKey(placement: Placement): { readonly label: string; readonly unknown: boolean } | undefined {
  const zone = placement.zone;
  if (zone.state !== "single-zone") return undefined;
  return zone.zone.state === "known" ? { label: `zone ${zone.zone.value}`, unknown: false } : { label: "single zone, unknown which", unknown: true };
}

/** Places of primaries first (so that copies flow rightwards and downwards), then by name; the unknown lane last. */
function sortKeys(keys: Iterable<string>, primaryKeys: ReadonlySet<string>): string[] {
  return [...new Set(keys)].sort(
    (a, b) => Number(a === "?") - Number(b === "?") || Number(!primaryKeys.has(a)) - Number(!primaryKeys.has(b)) || a.localeCompare(b),
  );
}

function accountLabel(key: string, nodes: readonly MapNode[], principals: readonly string[]): { label: string; detail: string } {
  if (key === "?") return { label: "account unknown", detail: "not known before the deployment" };
  if (key.startsWith("principal:")) {
    const n = principals.indexOf(key) + 1;
    const sample = nodes.find((node) => accountKey(node.placement.account) === key)?.placement.account;
    return { label: principals.length > 1 ? `deploying credentials #${n}` : "deploying credentials", detail: `account number not declared${sample ? ` (${sample.basis})` : ""}` };
  }
  return { label: `account ${key}`, detail: key.includes(" or ") ? "one of these accounts" : "" };
}

/**
 * How far each node is from the data it copies: primaries 0, what backs them up 1, copies of those 2...
 * Inside a cell, nodes stand in sub-columns by step, so that arrows run left to right.
 */
function steps(graph: MapGraph): Map<string, number> {
  const step = new Map<string, number>();
  const queue: string[] = [];
  for (const node of graph.nodes) {
    if (node.kind === "primary") {
      step.set(node.id, 0);
      queue.push(node.id);
    }
  }
  while (queue.length > 0) {
    const at = queue.shift() as string;
    for (const edge of graph.edges) {
      if (edge.from === at && !step.has(edge.to)) {
        step.set(edge.to, (step.get(at) ?? 0) + 1);
        queue.push(edge.to);
      }
    }
  }
  for (const node of graph.nodes) if (!step.has(node.id)) step.set(node.id, 1);
  return step;
}

/** Lays the graph out on the accounts × regions grid. */
export function layoutMap(graph: MapGraph): MapLayout {
  const primaries = graph.nodes.filter((node) => node.kind === "primary");
  const regions = sortKeys(
    graph.nodes.map((node) => regionKey(node.placement)),
    new Set(primaries.map((node) => regionKey(node.placement))),
  );
  const accounts = sortKeys(
    graph.nodes.map((node) => accountKey(node.placement.account)),
    new Set(primaries.map((node) => accountKey(node.placement.account))),
  );
  const principals = accounts.filter((key) => key.startsWith("principal:"));
  const stepOf = steps(graph);
  const slotKey = (region: string, account: string, step: number): string => `${region}\u0000${account}\u0000${step}`;

  // Slot contents (one cell's sub-column): regional nodes first, then one frame per zone.
  interface Slot {
    regional: MapNode[];
    zones: Map<string, { unknown: boolean; nodes: MapNode[] }>;
  }
  const slots = new Map<string, Slot>();
  // The steps present in each column, compacted: a column of copies only has no empty primary slot.
  const present = new Map<string, Set<number>>();
  for (const node of graph.nodes) {
    const set = present.get(regionKey(node.placement)) ?? new Set<number>();
    set.add(stepOf.get(node.id) ?? 0);
    present.set(regionKey(node.placement), set);
  }
  const subColumn = (region: string, step: number): number => [...(present.get(region) ?? [])].sort((a, b) => a - b).indexOf(step);
  const columnSteps = new Map<string, number>();
  // Nodes in the order of what they copy, so that arrows between sub-columns cross as little as possible.
  const order = new Map<string, number>();
  const ordered = [...graph.nodes].sort((a, b) => (stepOf.get(a.id) ?? 0) - (stepOf.get(b.id) ?? 0));
  for (const node of ordered) {
    const from = graph.edges.filter((edge) => edge.to === node.id).map((edge) => order.get(edge.from) ?? Infinity);
    order.set(node.id, from.length > 0 ? Math.min(...from) + order.size / 1000 : order.size);
  }
  for (const node of [...graph.nodes].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))) {
    const region = regionKey(node.placement);
    const step = subColumn(region, stepOf.get(node.id) ?? 0);
    columnSteps.set(region, Math.max(columnSteps.get(region) ?? 0, step + 1));
    const key = slotKey(region, accountKey(node.placement.account), step);
    const slot: Slot = slots.get(key) ?? { regional: [], zones: new Map() };
    slots.set(key, slot);
    const zone = zoneKey(node.placement);
    if (!zone) slot.regional.push(node);
    else {
      const frame = slot.zones.get(zone.label) ?? { unknown: zone.unknown, nodes: [] as MapNode[] };
      frame.nodes.push(node);
      slot.zones.set(zone.label, frame);
    }
  }
  const slotHeight = (slot: Slot | undefined): number => {
    if (!slot) return NODE_HEIGHT;
    let h = slot.regional.length * (NODE_HEIGHT + GAP);
    for (const frame of slot.zones.values()) h += ZONE_LABEL + 2 * ZONE_PAD + frame.nodes.length * (NODE_HEIGHT + GAP);
    return Math.max(NODE_HEIGHT, h - GAP);
  };

  const slotWidth = NODE_WIDTH + 2 * ZONE_PAD;
  const columns: Lane[] = [];
  let x = ROW_HEADER_WIDTH;
  for (const key of regions) {
    const count = columnSteps.get(key) ?? 1;
    const size = 2 * PAD + count * slotWidth + (count - 1) * STEP_GAP;
    columns.push({ key, label: key === "?" ? "region unknown" : key, detail: key === "?" ? "not known before the deployment" : "", unknown: key === "?", start: x, size });
    x += size;
  }
  const rows: Lane[] = [];
  let y = HEADER_HEIGHT;
  for (const key of accounts) {
    let h = NODE_HEIGHT;
    for (const region of regions) {
      for (let step = 0; step < (columnSteps.get(region) ?? 1); step++) h = Math.max(h, slotHeight(slots.get(slotKey(region, key, step))));
    }
    h += 2 * PAD;
    rows.push({ key, ...accountLabel(key, graph.nodes, principals), unknown: key === "?", start: y, size: h });
    y += h;
  }

  const positions = new Map<string, Box>();
  const zones: ZoneFrame[] = [];
  for (const column of columns) {
    for (const row of rows) {
      for (let step = 0; step < (columnSteps.get(column.key) ?? 1); step++) {
        const slot = slots.get(slotKey(column.key, row.key, step));
        if (!slot) continue;
        const left = column.start + PAD + step * (slotWidth + STEP_GAP);
        let cy = row.start + PAD;
        for (const node of slot.regional) {
          positions.set(node.id, { x: left + ZONE_PAD, y: cy, w: NODE_WIDTH, h: NODE_HEIGHT });
          cy += NODE_HEIGHT + GAP;
        }
        for (const [label, frame] of [...slot.zones.entries()].sort(([a], [b]) => a.localeCompare(b))) {
          const top = cy;
          cy += ZONE_LABEL + ZONE_PAD;
          for (const node of frame.nodes) {
            positions.set(node.id, { x: left + ZONE_PAD, y: cy, w: NODE_WIDTH, h: NODE_HEIGHT });
            cy += NODE_HEIGHT + GAP;
          }
          const h = cy - GAP + ZONE_PAD - top;
          zones.push({ x: left, y: top, w: slotWidth, h, label, unknown: frame.unknown, region: column.key, account: row.key });
          cy = top + h + GAP;
        }
      }
    }
  }
  return { width: x, height: y, columns, rows, nodes: positions, zones };
}
