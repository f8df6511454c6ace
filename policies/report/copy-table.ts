// The rows of "where does each primary's data go": primary → mechanism → destination, with the
// destination's region, account and lock, and the verdict of the findings on the route and the
// destination. Shared by the backup map's table and the text report of `npm start`.
import { separation } from "../core/protection-model";
import { MapGraph, MapNode } from "./map-graph";
import { FindingLevel, ReportedFinding, worstLevel } from "./map-findings";
import { namedInMessage } from "./named-in-message";

/** One primary → destination pair. */
export interface CopyRow {
  readonly primary: string;
  /** e.g. `AWS Backup rule "daily": backup`, `BucketReplicationConfig: replica → bucket "r"`. */
  readonly mechanism: string;
  readonly destination: string;
  /** The destination's region, with `(same)` when it shares the primary's region. */
  readonly region: string;
  readonly account: string;
  readonly locked: string;
  readonly level: FindingLevel | "none";
  /** `blocked (policy, ...)`, `advisory (policy, ...)` or `ok`. */
  readonly verdict: string;
  /** Ids of the map elements, for links. */
  readonly routeId: string;
  readonly destinationId: string;
}

const LOCKED: Record<MapNode["lock"], string> = {
  compliance: "yes (compliance)",
  "air-gapped": "yes (air-gapped)",
  governance: "no (governance)",
  unlocked: "no",
  unknown: "unknown",
  "not-applicable": "n/a",
};

function regionText(primary: MapNode, destination: MapNode): string {
  const region = destination.placement.region;
  if (region.state !== "known") return "unknown";
  return separation(primary.placement, destination.placement, "region").verdict === "shared" ? `${region.value} (same)` : region.value;
}

function accountText(primary: MapNode, destination: MapNode): string {
  const account = destination.placement.account;
  const same = (() => {
    const a = primary.placement.account;
    if (a.state === "known" && account.state === "known") return a.accountIds.length === 1 && account.accountIds.join() === a.accountIds.join();
    return a.state === "principal" && account.state === "principal" && a.key === account.key;
  })();
  const text = account.state === "known" ? account.accountIds.join(" or ") : account.state === "principal" ? "deploying credentials" : "unknown";
  return same ? `${text} (same)` : text;
}

function verdict(findings: readonly ReportedFinding[]): string {
  const level = worstLevel(findings);
  if (level === "none") return "ok";
  const policies = [...new Set(findings.filter((f) => f.level === level).map((f) => f.policy))].sort();
  return `${level === "mandatory" ? "blocked" : "advisory"} (${policies.join(", ")})`;
}

/** The rows, in route order, then primary, then the order the copies are reached. */
export function copyRows(graph: MapGraph, findings: readonly ReportedFinding[]): CopyRow[] {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const rows: CopyRow[] = [];
  // A finding on a resource that holds several routes (the rules of one plan) belongs to the routes it names.
  const routesOf = (finding: ReportedFinding) =>
    namedInMessage(
      finding.message,
      graph.routes.filter((route) => route.urn === finding.resource),
      (route) => [route.label, route.subject],
    );
  for (const route of graph.routes) {
    const edges = graph.edges.filter((edge) => edge.routeId === route.id);
    // What is wrong with a route (same-region copy, no copy out of the account) is about its copies, those
    // its message names when it names some only (e.g. the one copy kept outside the allowed regions); a
    // route that makes none is wrong about its backups.
    const routeFindingsOn: "backup" | "copy" = edges.some((edge) => edge.role === "copy") ? "copy" : "backup";
    const routeEnds = [...new Set(edges.filter((edge) => edge.role === routeFindingsOn).map((edge) => edge.to))].map((id) => nodes.get(id) as MapNode);
    const routeFindings = findings.filter((f) => f.resource === route.urn && routesOf(f).includes(route));
    const findingsOnEnd = (end: MapNode): ReportedFinding[] =>
      routeFindings.filter((f) => namedInMessage(f.message, routeEnds, (node) => [node.label]).includes(end));
    const primaries = [...new Set(edges.map((edge) => edge.from))].filter((id) => nodes.get(id)?.kind === "primary");
    for (const primaryId of primaries) {
      const primary = nodes.get(primaryId) as MapNode;
      // Walk from the primary along the route: its backup vault, then that vault's copies.
      const queue = [primaryId];
      const seen = new Set(queue);
      while (queue.length > 0) {
        const at = queue.shift() as string;
        for (const edge of edges.filter((e) => e.from === at && !seen.has(e.to))) {
          seen.add(edge.to);
          queue.push(edge.to);
          const destination = nodes.get(edge.to) as MapNode;
          const onEnd = edge.role === routeFindingsOn ? findingsOnEnd(destination) : [];
          const relevant = findings.filter((f) => onEnd.includes(f) || destination.findingUrns.includes(f.resource));
          rows.push({
            primary: primary.label,
            mechanism: `${route.mechanism} ${route.subject}: ${edge.role === "backup" ? "backup" : edge.label}${edge.certain ? "" : " (possible)"}`,
            destination: destination.label,
            region: regionText(primary, destination),
            account: accountText(primary, destination),
            locked: LOCKED[destination.lock],
            level: worstLevel(relevant),
            verdict: verdict(relevant),
            routeId: route.id,
            destinationId: destination.id,
          });
        }
      }
    }
  }
  return rows;
}
