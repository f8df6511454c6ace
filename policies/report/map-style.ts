/**
 * The backup map's stylesheet, inlined in the page (no external fonts or files). Red: blocks the
 * deployment; amber: advisory; green: no finding. Same-region copies and unlocked stores are drawn
 * thick and red so that they stand out in a review.
 */
export const MAP_CSS = `
:root { --red: #c62828; --red-bg: #fdecea; --amber: #b26a00; --amber-bg: #fff4e0; --green: #2e7d32; --green-bg: #edf7ee;
  --ink: #1f2933; --muted: #5f6b7a; --line: #d6dbe1; --paper: #ffffff; --canvas: #f4f6f8; --blue: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--canvas); }
header { padding: 18px 28px 12px; background: var(--paper); border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 20px; }
header h1 { font-size: 20px; margin: 0; }
.subtitle { color: var(--muted); margin: 0; }
.verdict { margin: 0 0 0 auto; padding: 4px 12px; border-radius: 14px; font-weight: 600; }
.verdict-blocked { background: var(--red-bg); color: var(--red); border: 1px solid var(--red); }
.verdict-advisory { background: var(--amber-bg); color: var(--amber); border: 1px solid var(--amber); }
.verdict-passing { background: var(--green-bg); color: var(--green); border: 1px solid var(--green); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 400px; gap: 20px; padding: 20px 28px; align-items: start; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.panel h2 { font-size: 15px; margin: 0 0 10px; }
.map-scroll { overflow: auto; }
#backup-map { display: block; max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; color: var(--muted); margin: 0 0 12px; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 16px; height: 12px; border-radius: 3px; border: 2px solid; display: inline-block; }
.swatch.level-mandatory { background: var(--red-bg); border-color: var(--red); }
.swatch.level-advisory { background: var(--amber-bg); border-color: var(--amber); }
.swatch.level-none { background: var(--green-bg); border-color: var(--green); }
.swatch.unknown { background: repeating-linear-gradient(45deg, #eef0f3, #eef0f3 3px, #dde1e6 3px, #dde1e6 6px); border-color: #9aa5b1; }
.pill { border-radius: 9px; padding: 0 8px; font-size: 11px; font-weight: 600; }
.pill.danger { background: var(--red); color: #fff; }
.pill.ok { background: var(--green-bg); color: var(--green); border: 1px solid var(--green); }
.pill.neutral { background: #eef0f3; color: var(--muted); border: 1px solid #c3cad3; }
.line-sample { width: 28px; height: 0; border-top: 3px solid var(--muted); display: inline-block; }
.line-sample.dashed { border-top-style: dashed; }
/* the map */
svg .lane-bg { fill: transparent; stroke: var(--line); stroke-width: 1; }
svg .lane-region .lane-bg { fill: #fbfcfd; }
svg .lane-unknown .lane-bg { fill: url(#hatch); }
svg .hatch-bg { fill: #f3f4f6; } svg .hatch-line { stroke: #e1e4e8; stroke-width: 4; }
svg .lane-label { font-weight: 700; font-size: 14px; fill: var(--ink); }
svg .lane-detail { font-size: 11px; fill: var(--muted); }
svg .zone rect { fill: rgba(31, 95, 168, 0.04); stroke: var(--blue); stroke-dasharray: 5 4; }
svg .zone text { font-size: 11px; font-weight: 600; fill: var(--blue); }
svg .zone-unknown rect { stroke: #8792a2; } svg .zone-unknown text { fill: var(--muted); }
svg .node-box { fill: var(--paper); stroke-width: 2; }
svg .node.level-mandatory .node-box { fill: var(--red-bg); stroke: var(--red); stroke-width: 2.5; }
svg .node.level-advisory .node-box { fill: var(--amber-bg); stroke: var(--amber); }
svg .node.level-none .node-box { fill: var(--green-bg); stroke: var(--green); }
svg .node-unknown-destination .node-box { fill: url(#hatch); stroke-dasharray: 6 4; }
svg .node.level-mandatory .node-stripe { fill: var(--red); } svg .node.level-advisory .node-stripe { fill: var(--amber); } svg .node.level-none .node-stripe { fill: var(--green); }
svg .node-caption { font-size: 10px; font-weight: 700; letter-spacing: 0.06em; fill: var(--muted); }
svg .node-label { font-size: 13px; font-weight: 700; fill: var(--ink); }
svg .node-place { font-size: 11px; fill: var(--muted); }
svg .lock-pill { fill: #eef0f3; stroke: #c3cad3; }
svg .lock-text { font-size: 10.5px; font-weight: 700; fill: var(--ink); }
svg .lock-compliance .lock-pill, svg .lock-air-gapped .lock-pill { fill: var(--green); stroke: var(--green); }
svg .lock-compliance .lock-text, svg .lock-air-gapped .lock-text { fill: #fff; }
svg .lock-unlocked .lock-pill, svg .lock-governance .lock-pill { fill: var(--red); stroke: var(--red); }
svg .lock-unlocked .lock-text, svg .lock-governance .lock-text { fill: #fff; }
svg .icon { fill: currentColor; } svg .lock .icon { fill: #fff; } svg .lock-unknown .icon-q { fill: var(--muted); font-weight: 700; font-size: 11px; }
svg .lock-unknown .icon-q { font-size: 11px; }
svg .icon-shackle { fill: none; stroke: #fff; stroke-width: 1.6; }
svg .badge circle { fill: var(--ink); } svg .level-mandatory .badge circle { fill: var(--red); } svg .level-advisory .badge circle { fill: var(--amber); }
svg .badge text { fill: #fff; font-size: 11px; font-weight: 700; text-anchor: middle; }
svg .edge-line { fill: none; stroke: var(--green); stroke-width: 2; }
svg .edge.level-advisory .edge-line { stroke: var(--amber); }
svg .edge.level-mandatory .edge-line { stroke: var(--red); stroke-width: 2.5; }
svg .edge.danger .edge-line { stroke: var(--red); stroke-width: 4; }
svg .edge.uncertain .edge-line { stroke-dasharray: 7 5; }
svg .edge-tag rect { fill: #fff; stroke: var(--line); }
svg .edge-tag text { font-size: 11px; text-anchor: middle; fill: var(--muted); font-weight: 600; }
svg .edge.danger .edge-tag rect { fill: var(--red); stroke: var(--red); }
svg .edge.danger .edge-tag text { fill: #fff; font-weight: 700; }
svg .marker-mandatory path { fill: var(--red); } svg .marker-advisory path { fill: var(--amber); } svg .marker-none path { fill: var(--green); }
svg a { cursor: pointer; }
svg .node:target .node-box, svg a:hover .node-box { stroke: var(--blue); stroke-width: 4; }
svg .route:target .edge-line { stroke: var(--blue); }
/* findings */
.findings-list { display: flex; flex-direction: column; gap: 12px; }
.group { border: 1px solid var(--line); border-left: 5px solid var(--green); border-radius: 8px; padding: 8px 12px; }
.group.level-mandatory { border-left-color: var(--red); } .group.level-advisory { border-left-color: var(--amber); }
.group:target { box-shadow: 0 0 0 3px var(--blue); }
.group h3 { font-size: 13px; margin: 0 0 6px; display: flex; justify-content: space-between; gap: 8px; }
.group h3 a { color: var(--blue); font-weight: 500; font-size: 12px; white-space: nowrap; }
.group ol { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 8px; }
.finding:target { background: #eaf1fb; }
.finding .head { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.level { font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 4px; text-transform: uppercase; }
.level.mandatory { background: var(--red); color: #fff; } .level.advisory { background: var(--amber); color: #fff; }
.policy { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); }
.unresolved { font-size: 11px; color: var(--muted); border: 1px dashed var(--muted); border-radius: 4px; padding: 0 4px; }
.finding .summary { font-weight: 600; margin: 2px 0; }
.finding details { color: var(--muted); font-size: 12.5px; }
.finding summary { cursor: pointer; color: var(--blue); font-size: 12px; }
.none { color: var(--green); font-weight: 600; }
/* copies table */
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
tr.level-mandatory td.verdict-cell { color: var(--red); font-weight: 700; }
tr.level-advisory td.verdict-cell { color: var(--amber); font-weight: 700; }
tr.level-none td.verdict-cell { color: var(--green); font-weight: 700; }
td a { color: var(--blue); }
section + section { margin-top: 20px; }
footer { padding: 0 28px 24px; color: var(--muted); font-size: 12px; }
`;
