// Draws the backup map as inline SVG: the accounts × regions grid, zone frames, one box per primary
// or store, and one arrow per backup or copy. Every element carries an id and data-* attributes
// (level, lock, region, account, ...) so that the page links and the tests can read it from the DOM.
import { describeAccount, describeRegion, describeZone } from "../core/protection-model";
import { Box, Lane, MapLayout, NODE_HEIGHT, NODE_WIDTH, accountKey, regionKey, zoneKey } from "./map-layout";
import { LockState, MapEdge, MapGraph, MapNode, typeName } from "./map-graph";
import { FindingIndex, PlacedFinding } from "./map-findings-index";
import { FindingLevel, worstLevel } from "./map-findings";
import { approxTextWidth, attributes, clip, escapeHtml } from "./html-text";

type Level = FindingLevel | "none";

const KIND_CAPTION: Record<MapNode["kind"], string> = {
  primary: "PRIMARY DATA",
  "backup-vault": "BACKUP VAULT",
  replica: "REPLICA",
  snapshot: "SNAPSHOT COPIES",
  "unknown-destination": "DESTINATION UNKNOWN",
};

const LOCK_TEXT: Record<LockState, string> = {
  compliance: "locked (compliance)",
  "air-gapped": "air-gapped",
  governance: "UNLOCKED (governance mode)",
  unlocked: "UNLOCKED",
  unknown: "lock unknown",
  "not-applicable": "",
};

function levelOf(findings: readonly PlacedFinding[] | undefined): Level {
  return worstLevel((findings ?? []).map((placed) => placed.finding));
}

function lane(kind: "region" | "account", item: Lane, layout: MapLayout): string {
  const region = kind === "region";
  const box: Box = region ? { x: item.start, y: 0, w: item.size, h: layout.height } : { x: 0, y: item.start, w: layout.width, h: item.size };
  const header = region
    ? `<text class="lane-label" x="${item.start + 14}" y="24">${escapeHtml(item.label)}</text>` +
      (item.detail ? `<text class="lane-detail" x="${item.start + 14}" y="42">${escapeHtml(item.detail)}</text>` : `<text class="lane-detail" x="${item.start + 14}" y="42">region</text>`)
    : `<text class="lane-label" x="14" y="${item.start + 26}">${escapeHtml(clip(item.label, 24))}</text>` +
      `<text class="lane-detail" x="14" y="${item.start + 44}">${escapeHtml(clip(item.detail || "account", 30))}<title>${escapeHtml(item.detail)}</title></text>`;
  return (
    `<g${attributes({ class: `lane lane-${kind}${item.unknown ? " lane-unknown" : ""}`, [`data-${kind}`]: item.key })}>` +
    `<rect class="lane-bg" x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}"/>${header}</g>`
  );
}

function lockIcon(x: number, y: number, lock: LockState): string {
  if (lock === "not-applicable") return "";
  if (lock === "air-gapped") {
    // A shield: out of reach by design.
    return `<path class="icon" d="M${x + 5} ${y - 9} l5 2 v4 c0 3 -2.5 5 -5 6 c-2.5 -1 -5 -3 -5 -6 v-4 z"/>`;
  }
  if (lock === "unknown") return `<text class="icon-q" x="${x + 1}" y="${y}">?</text>`;
  const open = lock !== "compliance";
  const shackle = open ? `M${x + 2} ${y - 6} v-3 a3 3 0 0 1 6 0` : `M${x + 2} ${y - 5} v-2.5 a3 3 0 0 1 6 0 v2.5`;
  return `<path class="icon-shackle" d="${shackle}"/><rect class="icon" x="${x}" y="${y - 5}" width="10" height="7" rx="1.5"/>`;
}

function placementLine(node: MapNode): string {
  const zone = zoneKey(node.placement);
  if (node.kind === "unknown-destination") return "where: unknown before deployment";
  const region = node.placement.region.state === "known" ? node.placement.region.value : "region ?";
  return zone ? `${region} · ${zone.label}` : region;
}

function nodeSvg(node: MapNode, box: Box, findings: readonly PlacedFinding[] | undefined): string {
  const level = levelOf(findings);
  const weakLock = node.lock === "unlocked" || node.lock === "governance";
  const tooltip = [
    node.label,
    `region: ${describeRegion(node.placement.region)}`,
    `account: ${describeAccount(node.placement.account)}`,
    `zone: ${describeZone(node.placement.zone)}`,
    ...(node.lock !== "not-applicable" ? [`lock: ${LOCK_TEXT[node.lock]} (${node.lockBasis})`] : []),
    ...(findings ?? []).map((placed) => `[${placed.finding.level}] ${placed.finding.policy}`),
  ].join("\n");
  const type = node.urn ? typeName(node.urn) : "";
  const caption = node.kind === "primary" && type ? `${KIND_CAPTION.primary} · ${type}` : KIND_CAPTION[node.kind];
  const count = findings?.length ?? 0;
  const lockText = LOCK_TEXT[node.lock];
  const pillWidth = approxTextWidth(lockText, 10.5, true) + 34;
  const body =
    `<rect class="node-box" x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="8"/>` +
    `<rect class="node-stripe" x="${box.x}" y="${box.y}" width="6" height="${box.h}" rx="3"/>` +
    `<text class="node-caption" x="${box.x + 14}" y="${box.y + 16}">${escapeHtml(clip(caption, 34))}</text>` +
    `<text class="node-label" x="${box.x + 14}" y="${box.y + 34}">${escapeHtml(clip(node.label, 30))}</text>` +
    `<text class="node-place" x="${box.x + 14}" y="${box.y + 51}">${escapeHtml(clip(placementLine(node), 38))}</text>` +
    (lockText
      ? `<g class="lock lock-${node.lock}"><rect class="lock-pill" x="${box.x + 12}" y="${box.y + 57}" width="${pillWidth}" height="17" rx="8.5"/>` +
        lockIcon(box.x + 20, box.y + 70, node.lock) +
        `<text class="lock-text" x="${box.x + 36}" y="${box.y + 69.5}">${escapeHtml(lockText)}</text></g>`
      : "") +
    (count > 0
      ? `<g class="badge"><circle cx="${box.x + box.w - 14}" cy="${box.y + 14}" r="10"/><text x="${box.x + box.w - 14}" y="${box.y + 18}">${count}</text></g>`
      : "");
  const attrs = attributes({
    id: node.id,
    class: `node node-${node.kind} level-${level}${weakLock ? " weak-lock" : ""}`,
    "data-kind": node.kind,
    "data-label": node.label,
    "data-urn": node.urn,
    "data-level": level,
    "data-lock": node.lock,
    "data-region": regionKey(node.placement),
    "data-account": accountKey(node.placement.account),
    "data-zone": zoneKey(node.placement)?.label,
    "data-findings": findings && findings.length > 0 ? findings.map((f) => f.id).join(" ") : undefined,
  });
  const content = `<title>${escapeHtml(tooltip)}</title>${body}`;
  return count > 0 ? `<a href="#findings-${node.id}"${attrs}>${content}</a>` : `<g${attrs}>${content}</g>`;
}

interface Port {
  readonly x: number;
  readonly y: number;
}

function edgePath(from: Box, to: Box, lane: number, offset: number): { d: string; label: Port } {
  const sy = from.y + NODE_HEIGHT / 2 + offset;
  const ey = to.y + NODE_HEIGHT / 2 + offset;
  if (to.x === from.x) {
    // Same sub-column: the arrow leaves on the right and bends back.
    const gx = from.x + NODE_WIDTH + 46 + lane * 16;
    const sx = from.x + NODE_WIDTH;
    const ex = to.x + NODE_WIDTH + 6;
    return { d: `M${sx} ${sy} C${gx} ${sy} ${gx} ${ey} ${ex} ${ey}`, label: { x: (sx + 3 * gx) / 4, y: (sy + ey) / 2 } };
  }
  const rightwards = to.x > from.x;
  const sx = rightwards ? from.x + NODE_WIDTH : from.x;
  const ex = rightwards ? to.x - 6 : to.x + NODE_WIDTH + 6;
  const dx = Math.max(40, Math.abs(ex - sx) / 2);
  const c1 = rightwards ? sx + dx : sx - dx;
  const c2 = rightwards ? ex - dx : ex + dx;
  return { d: `M${sx} ${sy} C${c1} ${sy} ${c2} ${ey} ${ex} ${ey}`, label: { x: (sx + ex) / 2, y: (sy + ey) / 2 } };
}

function edgeTags(edge: MapEdge): string[] {
  if (edge.role !== "copy") return [];
  const tags: string[] = [];
  if (edge.sameRegion === "yes") tags.push("SAME REGION");
  if (edge.sameAccount === "yes") tags.push("SAME ACCOUNT");
  if (edge.sameRegion === "unknown") tags.push("region ?");
  return tags;
}

function edgeSvg(edge: MapEdge, layout: MapLayout, level: Level, lane: number, offset: number): string {
  const from = layout.nodes.get(edge.from);
  const to = layout.nodes.get(edge.to);
  if (!from || !to) return "";
  const { d, label } = edgePath(from, to, lane, offset);
  const tags = edgeTags(edge);
  const danger = tags.some((tag) => tag.startsWith("SAME"));
  const captions = danger ? tags.filter((tag) => tag.startsWith("SAME")) : [edge.role === "backup" ? "backup" : tags.length > 0 ? `copy · ${tags.join(" · ")}` : "copy"];
  const pills = captions
    .map((caption, i) => {
      const width = approxTextWidth(caption, 11, true) + 18;
      const y = label.y - (captions.length * 20) / 2 + i * 20;
      return `<rect x="${label.x - width / 2}" y="${y}" width="${width}" height="18" rx="9"/><text x="${label.x}" y="${y + 13}">${escapeHtml(caption)}</text>`;
    })
    .join("");
  const retention = edge.retentionDays?.state === "known" ? `, kept ${edge.retentionDays.value} days` : "";
  const tooltip = `${edge.role}: ${edge.label}${retention}${tags.length > 0 ? ` (${tags.join(", ")})` : ""}${edge.certain ? "" : " — possible: only some readings of the route make this copy"}`;
  return (
    `<g${attributes({
      id: edge.id,
      class: `edge edge-${edge.role} level-${level}${edge.certain ? "" : " uncertain"}${danger ? " danger" : ""}`,
      "data-from": edge.from,
      "data-to": edge.to,
      "data-role": edge.role,
      "data-level": level,
      "data-certain": String(edge.certain),
      "data-same-region": edge.sameRegion,
      "data-same-account": edge.sameAccount,
    })}><title>${escapeHtml(tooltip)}</title>` +
    `<path class="edge-line" d="${d}" marker-end="url(#arrow-${danger ? "mandatory" : level})"/>` +
    `<g class="edge-tag">${pills}</g></g>`
  );
}

function defs(): string {
  const marker = (level: string): string =>
    `<marker id="arrow-${level}" class="marker-${level}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z"/></marker>`;
  return (
    `<defs>${["mandatory", "advisory", "none"].map(marker).join("")}` +
    `<pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="8" class="hatch-line"/></pattern></defs>`
  );
}

/** The map as an inline `<svg>` element. */
export function renderMapSvg(graph: MapGraph, layout: MapLayout, index: FindingIndex): string {
  const parts: string[] = [defs()];
  parts.push(...layout.columns.map((column) => lane("region", column, layout)));
  parts.push(...layout.rows.map((row) => lane("account", row, layout)));
  for (const zone of layout.zones) {
    parts.push(
      `<g${attributes({ class: `zone${zone.unknown ? " zone-unknown" : ""}`, "data-zone": zone.label, "data-region": zone.region, "data-account": zone.account })}>` +
        `<rect x="${zone.x}" y="${zone.y}" width="${zone.w}" height="${zone.h}" rx="10"/><text x="${zone.x + 10}" y="${zone.y + 15}">${escapeHtml(zone.label)}</text></g>`,
    );
  }
  // Routes (their arrows) under the boxes, so that arrow ends tuck under box edges.
  const outgoing = new Map<string, number>();
  for (const route of graph.routes) {
    const level = levelOf(index.byElement.get(route.id));
    const edges = graph.edges.filter((edge) => edge.routeId === route.id);
    const drawn = edges.map((edge) => {
      const k = outgoing.get(edge.from) ?? 0;
      outgoing.set(edge.from, k + 1);
      return edgeSvg(edge, layout, level, k % 3, ((k % 3) - 1) * 6);
    });
    const findings = index.byElement.get(route.id);
    const attrs = attributes({
      id: route.id,
      class: `route level-${level}`,
      "data-urn": route.urn,
      "data-label": route.label,
      "data-mechanism": route.mechanism,
      "data-level": level,
      "data-findings": findings && findings.length > 0 ? findings.map((f) => f.id).join(" ") : undefined,
    });
    const content = `<title>${escapeHtml(`${route.mechanism}: ${route.label}`)}</title>${drawn.join("")}`;
    parts.push(findings && findings.length > 0 ? `<a href="#findings-${route.id}"${attrs}>${content}</a>` : `<g${attrs}>${content}</g>`);
  }
  for (const node of graph.nodes) {
    const box = layout.nodes.get(node.id);
    if (box) parts.push(nodeSvg(node, box, index.byElement.get(node.id)));
  }
  return (
    `<svg id="backup-map" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Backup map: primaries, backups and copies by account and region" ` +
    `viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}">${parts.join("")}</svg>`
  );
}
