import type { CopyMechanism } from "../aws/copy-mechanisms";
import { CloudCoverage } from "../core/cloud-coverage";
import { RuleMeta, configProperties } from "../core/rule";

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function exampleConfig(meta: RuleMeta): string {
  const entry: Record<string, unknown> = { enforcementLevel: meta.defaultLevel };
  for (const [key, property] of Object.entries(configProperties(meta))) entry[key] = property.default;
  return JSON.stringify({ [meta.id]: entry }, null, 2);
}

/** A section per cloud model: the resources and properties it feeds to this policy. */
function cloudSections(meta: RuleMeta, clouds: readonly CloudCoverage[]): string[] {
  return clouds.flatMap((cloud) => {
    const uses = cloud.byPolicy[meta.id] ?? [];
    return [
      `## ${cloud.cloud} resources`,
      "",
      ...(uses.length === 0
        ? [`No ${cloud.cloud} resource (\`${cloud.sdk}\`) is judged by this policy yet.`]
        : ["| Type | Properties read | How |", "|---|---|---|", ...uses.map((u) => `| \`${u.type}\` | ${u.properties.map((p) => `\`${p}\``).join(", ")} | ${escapeCell(u.how)} |`)]),
      "",
    ];
  });
}

/** The docs page of one rule, generated from its metadata (never edited by hand). */
export function renderRuleDoc(meta: RuleMeta, clouds: readonly CloudCoverage[] = []): string {
  const lines: string[] = [
    `<!-- Generated from the rule's metadata by \`npm run docs\`; do not edit. -->`,
    `# ${meta.id}`,
    "",
    `**${meta.title}.**`,
    "",
    `| Severity | Default level | Applies to |`,
    `|---|---|---|`,
    `| ${meta.severity} | ${meta.defaultLevel} | ${meta.appliesTo.map((t) => `\`${t}\``).join(", ")} |`,
    "",
    "## What it checks",
    "",
    meta.description,
    "",
    "## Why",
    "",
    meta.rationale,
    "",
    ...cloudSections(meta, clouds),
    "## How to fix a violation",
    "",
    ...meta.remediation.map((step, i) => `${i + 1}. ${step}`),
    "",
    "## Configuration",
    "",
    "| Key | Type | Default | Meaning |",
    "|---|---|---|---|",
    ...Object.entries(configProperties(meta)).map(
      ([key, p]) => `| \`${key}\` | ${p.type}${p.enum ? ` (${p.enum.map((v) => JSON.stringify(v)).join(", ")})` : ""} | \`${JSON.stringify(p.default)}\` | ${escapeCell(p.description)} |`,
    ),
    "",
    "In a `--policy-pack-config` file or a policy group's config (every key optional; unknown keys are refused):",
    "",
    "```json",
    exampleConfig(meta),
    "```",
    "",
    "## Compliance mapping",
    "",
    "| Framework | Version | Control | Title |",
    "|---|---|---|---|",
    ...meta.frameworks.map((f) => `| ${f.name} | ${f.version ?? ""} | ${f.reference} | ${escapeCell(f.title)} |`),
    "",
    "## Known limits",
    "",
    ...meta.limits.map((limit) => `- ${limit}`),
    "",
  ];
  return lines.join("\n");
}

/** The index page listing every rule. */
export function renderRuleIndex(metas: readonly RuleMeta[]): string {
  return [
    `<!-- Generated from the rules' metadata by \`npm run docs\`; do not edit. -->`,
    "# backup-guard policies",
    "",
    "| Policy | Requirement | Severity | Default level |",
    "|---|---|---|---|",
    ...metas.map((m) => `| [${m.id}](${m.id}.md) | ${escapeCell(m.title)} | ${m.severity} | ${m.defaultLevel} |`),
    "",
    "The copy mechanisms the policies judge, with the properties they read: [copy-mechanisms.md](copy-mechanisms.md).",
    "",
    "Every policy against DORA, NIS2, ISO/IEC 27001:2022, NIST SP 800-53 and SOC 2: [compliance.md](compliance.md).",
    "",
  ].join("\n");
}

/** The frameworks the compliance page tables, with the names rules use for them. */
export const COMPLIANCE_FRAMEWORKS: readonly { readonly name: string; readonly title: string }[] = [
  { name: "DORA", title: "DORA (Regulation (EU) 2022/2554)" },
  { name: "NIS2", title: "NIS2 (Directive (EU) 2022/2555)" },
  { name: "ISO/IEC 27001", title: "ISO/IEC 27001:2022" },
  { name: "NIST SP 800-53", title: "NIST SP 800-53 Rev. 5" },
  { name: "SOC 2", title: "SOC 2 (2017 Trust Services Criteria)" },
];

/** The compliance page: every policy against every framework, then every control with its policies. */
export function renderCompliance(metas: readonly RuleMeta[]): string {
  const cell = (meta: RuleMeta, framework: string): string => {
    const refs = meta.frameworks.filter((f) => f.name === framework).map((f) => f.reference);
    return refs.length > 0 ? refs.join(", ") : "—";
  };
  const lines = [
    `<!-- Generated from the rules' metadata by \`npm run docs\`; do not edit. -->`,
    "# Compliance mapping",
    "",
    "Which control of each framework every backup-guard policy helps to meet. A policy is evidence for a control, not the whole control: the controls also ask for procedures, tests and records outside infrastructure code. The first framework listed on a policy's page is the `framework` it reports to Pulumi; the others are its tags.",
    "",
    `| Policy | Default level | ${COMPLIANCE_FRAMEWORKS.map((f) => f.title).join(" | ")} |`,
    `|---|---|${COMPLIANCE_FRAMEWORKS.map(() => "---").join("|")}|`,
    ...metas.map((m) => `| [${m.id}](${m.id}.md) | ${m.defaultLevel} | ${COMPLIANCE_FRAMEWORKS.map((f) => cell(m, f.name)).join(" | ")} |`),
    "",
  ];
  for (const framework of COMPLIANCE_FRAMEWORKS) {
    const controls = new Map<string, { title: string; policies: string[] }>();
    for (const meta of metas) {
      for (const f of meta.frameworks.filter((x) => x.name === framework.name)) {
        const entry = controls.get(f.reference) ?? { title: f.title, policies: [] };
        entry.policies.push(`[${meta.id}](${meta.id}.md)`);
        controls.set(f.reference, entry);
      }
    }
    lines.push(`## ${framework.title}`, "", "| Control | Title | Policies |", "|---|---|---|");
    const sorted = [...controls.entries()].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
    for (const [reference, entry] of sorted) lines.push(`| ${reference} | ${escapeCell(entry.title)} | ${entry.policies.join(", ")} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/** The page listing every copy mechanism the rules judge: types, properties read, policies. */
export function renderMechanisms(mechanisms: readonly CopyMechanism[]): string {
  const lines = [
    `<!-- Generated from policies/aws/copy-mechanisms.ts by \`npm run docs\`; do not edit. -->`,
    "# Copy mechanisms backup-guard models",
    "",
    "Every mechanism below becomes, in the protection model, a route *primary → copy* with a resolved place (account, region, zone); the policies judge those routes.",
    "",
  ];
  for (const m of mechanisms) {
    lines.push(
      `## ${m.name}`,
      "",
      `Types: ${m.types.map((t) => `\`${t}\``).join(", ")} (code: \`${m.module}\`).`,
      "",
      "Reads:",
      "",
      ...m.reads.map((r) => `- ${r}`),
      "",
      "Judged by:",
      "",
      ...m.judgedBy.map((j) => `- ${j}`),
      "",
      "Not covered:",
      "",
      ...m.notCovered.map((n) => `- ${n}`),
      "",
    );
  }
  return lines.join("\n");
}

/** Every generated docs file, path (relative to docs/policies) -> content. */
export function renderAllDocs(metas: readonly RuleMeta[], mechanisms: readonly CopyMechanism[], clouds: readonly CloudCoverage[] = []): Map<string, string> {
  const files = new Map<string, string>();
  files.set("README.md", renderRuleIndex(metas));
  files.set("copy-mechanisms.md", renderMechanisms(mechanisms));
  files.set("compliance.md", renderCompliance(metas));
  for (const meta of metas) files.set(`${meta.id}.md`, renderRuleDoc(meta, clouds));
  return files;
}
