// Which element of the map each finding belongs to: the box of its resource (a vault also carries
// the findings of its lock and access policies), else the arrows of its route (a backup plan's rule that
// the message names, a replication configuration), else a list of findings about resources the map does not draw.
import { MapGraph, MapRoute } from "./map-graph";
import { namedInMessage } from "./named-in-message";
import { FindingLevel, ReportedFinding, worstLevel } from "./map-findings";

/** A finding with its id on the page and the element it belongs to. */
export interface PlacedFinding {
  readonly id: string;
  readonly finding: ReportedFinding;
  /** The element's id (a node or a route), or undefined when the map does not draw its resource. */
  readonly elementId?: string;
}

/** The findings of one element, as the side list shows them. */
export interface FindingGroup {
  /** `findings-<element id>`, or `findings-elsewhere-<n>`. */
  readonly id: string;
  readonly elementId?: string;
  readonly label: string;
  readonly level: FindingLevel | "none";
  readonly findings: readonly PlacedFinding[];
}

/** Findings by element, numbered in the order the page lists them. */
export interface FindingIndex {
  readonly groups: readonly FindingGroup[];
  /** Element id → its findings. */
  readonly byElement: ReadonlyMap<string, readonly PlacedFinding[]>;
}

const LEVEL_ORDER = { mandatory: 0, advisory: 1, none: 2 } as const;

function resourceName(urn: string): string {
  if (urn === "") return "the stack";
  const name = urn.includes("::") ? urn.slice(urn.lastIndexOf("::") + 2) : urn;
  const type = urn.split("::")[2]?.split(":").pop();
  return type ? `${type} "${name}"` : name;
}

/** Attaches each finding to its element and orders the groups: blocking first, then by label. */
export function indexFindings(graph: MapGraph, findings: readonly ReportedFinding[]): FindingIndex {
  const owner = new Map<string, { id: string; label: string }>();
  for (const node of graph.nodes) {
    for (const urn of node.findingUrns) if (!owner.has(urn)) owner.set(urn, { id: node.id, label: node.label });
  }
  // A resource may hold several routes (the rules of one plan): its finding goes to the first it names.
  const routesOf = new Map<string, MapRoute[]>();
  for (const route of graph.routes) if (!owner.has(route.urn)) routesOf.set(route.urn, [...(routesOf.get(route.urn) ?? []), route]);
  const routeOwner = (finding: ReportedFinding): { id: string; label: string } | undefined => {
    const route = namedInMessage(finding.message, routesOf.get(finding.resource) ?? [], (r) => [r.label, r.subject])[0];
    return route ? { id: route.id, label: route.label } : undefined;
  };

  const drafts = new Map<string, { elementId?: string; label: string; findings: ReportedFinding[] }>();
  for (const finding of findings) {
    const element = owner.get(finding.resource) ?? routeOwner(finding);
    const key = element ? `el:${element.id}` : `res:${finding.resource}`;
    const draft = drafts.get(key) ?? { ...(element ? { elementId: element.id } : {}), label: element ? element.label : resourceName(finding.resource), findings: [] };
    draft.findings.push(finding);
    drafts.set(key, draft);
  }
  const ordered = [...drafts.values()].sort(
    (a, b) =>
      Number(a.elementId === undefined) - Number(b.elementId === undefined) ||
      LEVEL_ORDER[worstLevel(a.findings)] - LEVEL_ORDER[worstLevel(b.findings)] ||
      a.label.localeCompare(b.label),
  );
  let n = 0;
  let elsewhere = 0;
  const groups: FindingGroup[] = [];
  const byElement = new Map<string, PlacedFinding[]>();
  for (const draft of ordered) {
    const sorted = [...draft.findings].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message));
    const placed = sorted.map((finding) => ({ id: `finding-${++n}`, finding, ...(draft.elementId ? { elementId: draft.elementId } : {}) }));
    if (draft.elementId) byElement.set(draft.elementId, placed);
    groups.push({
      id: draft.elementId ? `findings-${draft.elementId}` : `findings-elsewhere-${++elsewhere}`,
      ...(draft.elementId ? { elementId: draft.elementId } : {}),
      label: draft.label,
      level: worstLevel(sorted),
      findings: placed,
    });
  }
  return { groups, byElement };
}
