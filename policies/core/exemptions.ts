import { Exemption, Finding } from "./findings";
import { ProtectionModel } from "./protection-model";

/** The policy that holds the central list of exemptions; its own findings are never exempted. */
export const EXEMPTIONS_POLICY_ID = "backup-exemptions";

/** Prefix of the tag that exempts a resource from one policy: `backup-guard:exempt:<policy>`. */
export const EXEMPT_TAG_PREFIX = "backup-guard:exempt:";

/** The longest exemption allowed, in days from today, unless `backup-exemptions` sets `maxDays`. */
export const DEFAULT_MAX_EXEMPTION_DAYS = 366;

/** The JSON Schema pattern of a date (`YYYY-MM-DD`); calendar validity is checked by `isCalendarDate`. */
export const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

/** A resource's tags. */
export type Tags = Readonly<Record<string, string>>;

/** One entry of the `backup-exemptions` config, as validated by its schema. */
export interface ExemptionEntry {
  /** Globs (`*`, `?`) matched against the URN or the name of the resource a finding is attributed to. */
  readonly resources: readonly string[];
  /** Policy ids, or `*` for every policy. */
  readonly policies: readonly string[];
  readonly reason: string;
  /** Last day of the exemption (inclusive), `YYYY-MM-DD`. */
  readonly until: string;
  /** Who approved the exemption. */
  readonly by?: string;
}

/** What deciding exemptions needs: today's date, the config entries, and the resources' tags. */
export interface ExemptionContext {
  /** Today (UTC), `YYYY-MM-DD`, from a clock the caller controls. */
  readonly today: string;
  /** The entries of the `backup-exemptions` config (none when that policy is disabled or misconfigured). */
  readonly entries: readonly ExemptionEntry[];
  /** An exemption may not run further than this many days from today. */
  readonly maxDays: number;
  /** The tags of the resource with this URN; `undefined` when they cannot be known before the deployment. */
  tagsOf(urn: string): Tags | undefined;
}

/** The settings of the `backup-exemptions` policy that other policies use. */
export interface ExemptionSettings {
  readonly exemptions: readonly ExemptionEntry[];
  readonly maxDays: number;
}

/** No config exemption (`backup-exemptions` disabled or misconfigured: fail closed); tags still count. */
export const NO_EXEMPTION_SETTINGS: ExemptionSettings = { exemptions: [], maxDays: DEFAULT_MAX_EXEMPTION_DAYS };

/**
 * The exemption context of an evaluation over a model: tags come from the model (a resource outside
 * it, or a model without tags, has unknown tags).
 */
export function exemptionContext(model: ProtectionModel, today: string, settings: ExemptionSettings = NO_EXEMPTION_SETTINGS): ExemptionContext {
  return { today, entries: settings.exemptions, maxDays: settings.maxDays, tagsOf: (urn) => model.resourceTags?.get(urn) };
}

/** The terms of one exemption, however it was written. */
export interface ExemptionTerms {
  /** Absent when not given. */
  readonly until?: string;
  readonly reason: string;
  readonly by?: string;
}

const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (`2025-02-30` is not one). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function epochDay(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The date `days` days after a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The tag key that exempts a resource from a policy. */
export function exemptTagKey(policy: string): string {
  return `${EXEMPT_TAG_PREFIX}${policy}`;
}

const TOKEN = /(?:^|\s)(until|reason|by)=/g;

/**
 * Reads an exemption tag value: `until=YYYY-MM-DD reason=<text>`, with an optional `by=<who>`, in any
 * order. Each token's value runs to the next ` until=`, ` reason=` or ` by=` token or to the end; text
 * before the first token is ignored. A repeated token keeps its first value.
 */
export function parseExemptTag(value: string): ExemptionTerms {
  const tokens = [...value.matchAll(TOKEN)];
  const found: Record<string, string> = {};
  tokens.forEach((token, i) => {
    const start = (token.index ?? 0) + token[0].length;
    const end = i + 1 < tokens.length ? (tokens[i + 1].index ?? value.length) : value.length;
    if (!(token[1] in found)) found[token[1]] = value.slice(start, end).trim();
  });
  return {
    ...(found["until"] !== undefined ? { until: found["until"] } : {}),
    reason: found["reason"] ?? "",
    ...(found["by"] ? { by: found["by"] } : {}),
  };
}

/** Why exemption terms exempt nothing. */
export type TermsProblemKind = "no-date" | "invalid-date" | "no-reason" | "expired" | "too-long" | "no-clock";

/** One reason why exemption terms exempt nothing, in words. */
export interface TermsProblem {
  readonly kind: TermsProblemKind;
  readonly text: string;
}

/**
 * Why exemption terms exempt nothing (empty when they are valid today): no or invalid expiry date, no
 * reason, expired (valid through `until` inclusive), or running further than `maxDays` from today.
 * Without `today`, only what does not depend on the date is checked; an invalid `today` fails closed.
 * `tag`: the terms were written in a tag value (the problems then say what to write).
 */
export function termsProblems(terms: ExemptionTerms, today: string | undefined, maxDays: number, tag = false): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const until = terms.until;
  if (until === undefined || until === "") {
    problems.push({ kind: "no-date", text: `has no expiry date${tag ? " (write until=YYYY-MM-DD in the tag value)" : ""}` });
  } else if (!isCalendarDate(until)) {
    problems.push({ kind: "invalid-date", text: `has an invalid expiry date "${until}" (expected a real date, YYYY-MM-DD)` });
  }
  if (terms.reason.trim() === "") {
    problems.push({ kind: "no-reason", text: `gives no reason${tag ? " (write reason=<why> in the tag value)" : ""}` });
  }
  if (today === undefined || until === undefined || !isCalendarDate(until)) return problems;
  if (!isCalendarDate(today)) {
    problems.push({ kind: "no-clock", text: `cannot be checked against today's date ("${today}" is not a date)` });
  } else if (until < today) {
    problems.push({ kind: "expired", text: `expired on ${until} (today is ${today})` });
  } else if (epochDay(until) - epochDay(today) > maxDays) {
    problems.push({
      kind: "too-long",
      text: `runs until ${until}, more than ${maxDays} days from today (${today}; maxDays of ${EXEMPTIONS_POLICY_ID}): the latest expiry allowed is ${addDays(today, maxDays)}`,
    });
  }
  return problems;
}

/** True when a glob (`*`: any characters, `?`: one character) matches the whole text. */
export function matchesGlob(glob: string, text: string): boolean {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${source}$`).test(text);
}

/** The name in a URN (its last `::` segment); "" for the stack. */
export function resourceName(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at < 0 ? urn : urn.slice(at + 2);
}

/** True when a config entry names the finding's policy and resource (by URN or name). */
export function entryApplies(entry: ExemptionEntry, finding: Pick<Finding, "ruleId" | "urn">): boolean {
  if (!entry.policies.includes("*") && !entry.policies.includes(finding.ruleId)) return false;
  const name = resourceName(finding.urn);
  return entry.resources.some((glob) => matchesGlob(glob, finding.urn) || matchesGlob(glob, name));
}

function who(urn: string): string {
  return urn === "" ? "the stack" : `"${resourceName(urn)}"`;
}

function granted(finding: Finding, terms: ExemptionTerms, by: string): Exemption {
  const approver = terms.by ? ` (approved by ${terms.by})` : "";
  return {
    state: "granted",
    note: `exempt: ${who(finding.urn)} is exempted from ${finding.ruleId} until ${terms.until} by ${by}${approver}, reason: ${terms.reason.trim()}; reported as advisory until then`,
  };
}

/**
 * Decides whether an exemption covers a finding: the `backup-guard:exempt:<policy>` tag of the resource
 * the finding is attributed to, then the config entries in order; the first valid one grants it.
 * `undefined` when nothing names the finding. Findings of `backup-exemptions` itself are never exempted.
 */
export function exemptionOf(finding: Finding, context: ExemptionContext): Exemption | undefined {
  if (finding.ruleId === EXEMPTIONS_POLICY_ID) return undefined;
  const refusals: string[] = [];
  const key = exemptTagKey(finding.ruleId);
  const tags = finding.urn === "" ? {} : context.tagsOf(finding.urn);
  const tagValue = tags?.[key];
  if (tagValue !== undefined) {
    const terms = parseExemptTag(tagValue);
    const by = `tag ${key} of ${who(finding.urn)}`;
    const problems = termsProblems(terms, context.today, context.maxDays, true);
    if (problems.length === 0) return granted(finding, terms, by);
    refusals.push(`${by} ${problems.map((p) => p.text).join(" and ")}`);
  }
  for (const [i, entry] of context.entries.entries()) {
    if (!entryApplies(entry, finding)) continue;
    const by = `entry #${i + 1} of the ${EXEMPTIONS_POLICY_ID} config`;
    const problems = termsProblems(entry, context.today, context.maxDays);
    if (problems.length === 0) return granted(finding, entry, by);
    refusals.push(`${by} ${problems.map((p) => p.text).join(" and ")}`);
  }
  if (tags === undefined) {
    const unknownTags = `the tags of ${who(finding.urn)} are unknown during preview, so whether a ${key} tag exempts it cannot be known`;
    const also = refusals.length > 0 ? `; besides, ${refusals.join("; ")}` : "";
    return { state: "undecided", note: `exemption undecided, so the finding keeps its level: ${unknownTags}${also}` };
  }
  if (refusals.length === 0) return undefined;
  return { state: "refused", note: `exemption refused, so the finding keeps its level: ${refusals.join("; ")}` };
}
