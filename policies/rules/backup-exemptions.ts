import {
  DATE_PATTERN,
  DEFAULT_MAX_EXEMPTION_DAYS,
  EXEMPTIONS_POLICY_ID,
  EXEMPT_TAG_PREFIX,
  ExemptionEntry,
  ExemptionSettings,
  TermsProblemKind,
  termsProblems,
} from "../core/exemptions";
import { CommonRuleConfig, defineRule } from "../core/rule";

const ID = EXEMPTIONS_POLICY_ID;

/**
 * The policies an exemption may name (every registered policy but this one). Listed here because the
 * config schema needs them when the registry is still loading; a test keeps the list equal to the registry.
 */
export const EXEMPTIBLE_POLICIES: readonly string[] = [
  "backup-copy-residency",
  "backup-coverage",
  "backup-cross-region-copy",
  "backup-deletion-protection",
  "backup-external-vaults",
  "backup-immutable",
  "backup-key-separation",
  "backup-offline-copy",
  "backup-restore-testing",
  "backup-retention-minimum",
  "backup-zone-separation",
];

/** Config of backup-exemptions. */
export interface ExemptionsConfig extends CommonRuleConfig, ExemptionSettings {}

const CODES: Readonly<Record<TermsProblemKind, string>> = {
  "no-date": "exemption-invalid-date",
  "invalid-date": "exemption-invalid-date",
  "no-clock": "exemption-invalid-date",
  "no-reason": "exemption-no-reason",
  expired: "exemption-expired",
  "too-long": "exemption-too-long",
};

function fix(kind: TermsProblemKind, maxDays: number): string {
  switch (kind) {
    case "expired":
      return "Remove the entry, or renew it with a later until date if the exemption is still justified (re-approve it).";
    case "too-long":
      return `Set until at most ${maxDays} days ahead and renew the exemption when it expires, or raise maxDays.`;
    case "no-reason":
      return "Write in reason why the risk is accepted (what compensates it, when it will be fixed).";
    default:
      return "Set until to a real date, YYYY-MM-DD (the last day the exemption holds).";
  }
}

/** What is wrong with an entry, in a few words for the message's first sentence (the detail follows). */
function summary(kind: TermsProblemKind, entry: ExemptionEntry, maxDays: number): string {
  switch (kind) {
    case "expired":
      return `it expired on ${entry.until}`;
    case "too-long":
      return `it runs more than ${maxDays} days`;
    case "no-reason":
      return "it gives no reason";
    case "no-date":
      return "it has no expiry date";
    case "invalid-date":
      return "its expiry date is not a real date";
    default:
      return "its expiry date cannot be checked against today's";
  }
}

function describeEntry(entry: ExemptionEntry): string {
  const resources = entry.resources.map((r) => JSON.stringify(r)).join(", ");
  return `The entry (resources ${resources}; policies ${entry.policies.join(", ")})`;
}

/** The central list of exemptions, and a check that each one has a reason and a live expiry date. */
export const backupExemptions = defineRule<ExemptionsConfig>({
  meta: {
    id: ID,
    title: "Exemptions have a reason and an expiry date",
    description:
      `Holds the pack's central list of exemptions: each entry names resources (URN or name globs, \`*\` and \`?\`), the policies it exempts them from (ids, or \`*\`), a reason, an expiry date (until, inclusive) and optionally who approved it (by). A resource can also be exempted from one policy by its tag \`${EXEMPT_TAG_PREFIX}<policy>\` = \`until=YYYY-MM-DD reason=<text>\` (optionally \` by=<who>\`), read by each policy on the resource a finding is attributed to. An exempted finding is still reported, as advisory, with who is exempt, by what, why and until when. An exemption that has expired, gives no reason, has no valid date or runs further than maxDays from today exempts nothing: the finding keeps its level and says why the exemption was refused. This policy reports, for the whole stack, each config entry that exempts nothing. Keep it enabled: when it is disabled or its config is invalid, no config entry exempts anything (tags still do).`,
    rationale:
      "Exceptions without a justification and an end date become permanent holes that nobody reviews: a bucket exempted \"for the migration\" stays unprotected years later. Auditors ask for deviations that are documented, approved and time-bound.",
    severity: "low",
    defaultLevel: "advisory",
    frameworks: [
      { name: "NIST SP 800-53", version: "Rev. 5", reference: "CM-6", title: "Configuration settings: identify, document and approve deviations" },
      { name: "ISO/IEC 27001", version: "2022", reference: "A.5.36", title: "Compliance with policies, rules and standards for information security" },
    ],
    remediation: [
      "Remove exemptions that are no longer needed; renew the others with a later until date once re-approved.",
      "Give every exemption a reason: what risk is accepted, what compensates it, when it will be fixed.",
      "Keep until a real date (YYYY-MM-DD) no further than maxDays ahead.",
    ],
    limits: [
      "An exemption tag is read only on the resource a finding is attributed to (e.g. the backup plan, not the database it backs up): exempt that resource, or use a config entry.",
      "When a resource's tags are unknown during preview (the tag map or any tag value is computed), whether its exemption tag applies cannot be known: its findings keep their level and say so.",
      "This policy reports config entries that exempt nothing; tags that exempt nothing are reported in the findings they fail to exempt. An entry that matches no finding is not reported.",
      "The pack must list this policy first (it does): the other policies read the entries it validated for the same request.",
    ],
    appliesTo: ["pulumi:pulumi:Stack"],
    config: {
      exemptions: {
        type: "array",
        default: [],
        description:
          "Exemptions: each `{ resources: [URN or name globs], policies: [policy ids or \"*\"], reason, until: \"YYYY-MM-DD\", by? }` exempts the findings of those policies on those resources until that day (inclusive). Findings stay reported, as advisory.",
        items: {
          type: "object",
          properties: {
            resources: {
              type: "array",
              minItems: 1,
              description: "Globs (`*`, `?`) matched against the URN or the name of the resource a finding is attributed to.",
              items: { type: "string", minLength: 1 },
            },
            policies: {
              type: "array",
              minItems: 1,
              description: "The policies exempted, or `*` for all of them.",
              items: { type: "string", enum: ["*", ...EXEMPTIBLE_POLICIES] },
            },
            reason: { type: "string", minLength: 1, description: "Why the risk is accepted." },
            until: { type: "string", pattern: DATE_PATTERN, description: "Last day of the exemption (inclusive), YYYY-MM-DD." },
            by: { type: "string", description: "Who approved the exemption." },
          },
          required: ["resources", "policies", "reason", "until"],
          additionalProperties: false,
        },
      },
      maxDays: {
        type: "integer",
        minimum: 1,
        default: DEFAULT_MAX_EXEMPTION_DAYS,
        description: "The longest an exemption (config entry or tag) may run, in days from today: one whose until is further away is refused.",
      },
    },
  },
  check(model, context) {
    // The entries are the stack's business; reported once, from AnalyzeStack.
    if (!model.wholeStack) return;
    const { exemptions, maxDays } = context.config;
    exemptions.forEach((entry, i) => {
      for (const problem of termsProblems(entry, context.today, maxDays)) {
        context.report({
          urn: "",
          outcome: "violation",
          code: CODES[problem.kind],
          subject: `entry #${i + 1}`,
          message:
            `Entry #${i + 1} of the ${ID} config exempts nothing: ${summary(problem.kind, entry, maxDays)}. ` +
            `${describeEntry(entry)} ${problem.text}, so the findings it names keep their level. ${fix(problem.kind, maxDays)}`,
        });
      }
    });
  },
});
