// The backup map: one self-contained HTML page (inline CSS and SVG, no script, no network) that shows
// where every primary data store lives, where its backups and copies go, which stores are locked, and
// the findings beside the picture, linked both ways with the element they are about.
import { ProtectionModel } from "../core/protection-model";
import { CopyRow, copyRows } from "./copy-table";
import { attributes, escapeHtml } from "./html-text";
import { FindingGroup, FindingIndex, indexFindings } from "./map-findings-index";
import { ReportedFinding, distinctFindings, firstSentence, worstLevel } from "./map-findings";
import { buildMapGraph } from "./map-graph";
import { layoutMap } from "./map-layout";
import { MAP_CSS } from "./map-style";
import { renderMapSvg } from "./map-svg";

/** Options of {@link renderBackupMap}. */
export interface BackupMapOptions {
  /** What is shown: e.g. the stack (`blocked`) or the plan file. */
  readonly title?: string;
  /** A second line, e.g. `backup-guard@v0.1.0 · project backup-guard-example`. */
  readonly subtitle?: string;
}

const LEGEND = `<ul class="legend" aria-label="Legend">
<li><span class="swatch level-mandatory"></span>blocks the deployment (mandatory finding)</li>
<li><span class="swatch level-advisory"></span>advisory finding</li>
<li><span class="swatch level-none"></span>no finding</li>
<li><span class="swatch unknown"></span>place unknown before the deployment</li>
<li><span class="pill danger">UNLOCKED</span>store anyone with the account's rights can empty</li>
<li><span class="pill ok">locked (compliance)</span><span class="pill ok">air-gapped</span>immutable store</li>
<li><span class="pill danger">SAME REGION</span>copy that a regional disaster destroys with its source</li>
<li><span class="line-sample"></span>backup or copy</li>
<li><span class="line-sample dashed"></span>possible copy (unknown in preview)</li>
</ul>`;

function findingsPanel(index: FindingIndex): string {
  if (index.groups.length === 0) return `<p class="none" id="no-findings">No finding: every backup and copy on the map meets the policies.</p>`;
  const group = (g: FindingGroup): string => {
    const back = g.elementId ? `<a class="to-map" href="#${escapeHtml(g.elementId)}">show on map ↑</a>` : `<span class="to-map">not drawn on the map</span>`;
    const items = g.findings
      .map(({ id, finding }) => {
        const head = firstSentence(finding.message);
        const rest = finding.message.slice(finding.message.indexOf(head) + head.length).trim();
        return (
          `<li${attributes({ id, class: `finding level-${finding.level}`, "data-policy": finding.policy, "data-level": finding.level, "data-resource": finding.resource, "data-element": g.elementId })}>` +
          `<div class="head"><span class="level ${finding.level}">${finding.level}</span><span class="policy">${escapeHtml(finding.policy)}</span>` +
          `${finding.unresolved ? `<span class="unresolved">unresolved before deployment</span>` : ""}</div>` +
          `<p class="summary">${escapeHtml(head)}</p>` +
          (rest ? `<details><summary>why, and how to fix it</summary><p>${escapeHtml(rest)}</p></details>` : "") +
          `</li>`
        );
      })
      .join("");
    return `<section${attributes({ id: g.id, class: `group level-${g.level}`, "data-element": g.elementId })}><h3><span>${escapeHtml(g.label)}</span>${back}</h3><ol>${items}</ol></section>`;
  };
  return `<div class="findings-list">${index.groups.map(group).join("")}</div>`;
}

function copiesTable(rows: readonly CopyRow[]): string {
  if (rows.length === 0) return `<p class="subtitle">No backup or copy is declared in this deployment.</p>`;
  const head = ["Primary", "Mechanism", "Destination", "Region", "Account", "Locked", "Verdict"].map((h) => `<th>${h}</th>`).join("");
  const body = rows
    .map(
      (row) =>
        `<tr${attributes({ class: `level-${row.level}`, "data-route": row.routeId, "data-destination": row.destinationId })}>` +
        `<td>${escapeHtml(row.primary)}</td><td><a href="#${row.routeId}">${escapeHtml(row.mechanism)}</a></td>` +
        `<td><a href="#${row.destinationId}">${escapeHtml(row.destination)}</a></td><td>${escapeHtml(row.region)}</td>` +
        `<td>${escapeHtml(row.account)}</td><td>${escapeHtml(row.locked)}</td><td class="verdict-cell">${escapeHtml(row.verdict)}</td></tr>`,
    )
    .join("");
  return `<table id="copies"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * Renders the backup map of a protection model and the findings reported on it as one HTML page.
 * The same finding reported twice (e.g. from Pulumi's `Analyze` and `AnalyzeStack`) is shown once.
 * The page has no script and loads nothing (a Content-Security-Policy forbids it).
 */
export function renderBackupMap(model: ProtectionModel, findings: readonly ReportedFinding[], options: BackupMapOptions = {}): string {
  const { findings: distinct } = distinctFindings(findings);
  const graph = buildMapGraph(model);
  const layout = layoutMap(graph);
  const index = indexFindings(graph, distinct);
  const level = worstLevel(distinct);
  const mandatory = distinct.filter((f) => f.level === "mandatory").length;
  const advisory = distinct.length - mandatory;
  const verdict =
    level === "mandatory"
      ? `Blocked: ${mandatory} mandatory, ${advisory} advisory`
      : level === "advisory"
        ? `Not blocked: ${advisory} advisory`
        : "Passing: no finding";
  const verdictClass = level === "mandatory" ? "blocked" : level === "advisory" ? "advisory" : "passing";
  const title = options.title ? `Backup map: ${options.title}` : "Backup map";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${MAP_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>${options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : ""}<p${attributes({ id: "verdict", class: `verdict verdict-${verdictClass}`, "data-verdict": verdictClass, "data-mandatory": mandatory, "data-advisory": advisory })}>${escapeHtml(verdict)}</p></header>
<main class="layout">
<div>
<section class="panel"><h2>Where the data and its copies live (accounts × regions)</h2>${LEGEND}<div class="map-scroll">${renderMapSvg(graph, layout, index)}</div></section>
<section class="panel"><h2>Backups and copies</h2>${copiesTable(copyRows(graph, distinct))}</section>
</div>
<aside class="panel" id="findings"><h2>Findings (${distinct.length})</h2>${findingsPanel(index)}</aside>
</main>
<footer>Generated by backup-guard from the planned deployment; places the plan cannot tell are drawn as unknown, never guessed.</footer>
</body>
</html>
`;
}
