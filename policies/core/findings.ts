/**
 * `violation`: the plan is proven to break the rule. `unresolved`: the rule could not be decided
 * from what is known before the deployment runs; the rule's `onUnresolved` setting decides its level.
 * `advisory`: the requirement's main risk is covered otherwise (e.g. by a compliance-mode lock), and what
 * remains is a smaller gap, reported as advisory whatever the policy's level.
 */
export type Outcome = "violation" | "unresolved" | "advisory";

const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { violation: 2, unresolved: 1, advisory: 0 };

/** True when `a` is a more serious outcome than `b` (violation, then unresolved, then advisory). */
export function outranks(a: Outcome, b: Outcome): boolean {
  return OUTCOME_RANK[a] > OUTCOME_RANK[b];
}

/**
 * What an exemption did to a finding. `granted`: a valid exemption covers it (the pack reports it as
 * advisory). `refused`: exemptions name it but none is valid (expired, no reason, no date, too long).
 * `undecided`: whether an exemption tag covers it cannot be known before the deployment (its resource's
 * tags are unknown). Only `granted` changes the finding's level.
 */
export interface Exemption {
  readonly state: "granted" | "refused" | "undecided";
  /** Who is exempt, by what (tag key or config entry #n), why and until when; or why it was refused. */
  readonly note: string;
}

/** One result of a rule about one resource. */
export interface Finding {
  readonly ruleId: string;
  /** The resource the finding is attributed to; "" for a finding about the stack as a whole. */
  readonly urn: string;
  readonly outcome: Outcome;
  /** A stable message id, e.g. `same-region-copy`. */
  readonly code: string;
  /** What inside the resource the finding is about, e.g. `rule "daily"`; part of the finding's identity. */
  readonly subject: string;
  /** What is wrong, where, with the evidence that decided it, and how to fix it. */
  readonly message: string;
  /** Set when an exemption (resource tag or config entry) names the finding. */
  readonly exemption?: Exemption;
}

/** The identity of a finding: the same problem found twice (Analyze, then AnalyzeStack) has one key. */
export function findingKey(finding: Pick<Finding, "ruleId" | "urn" | "code" | "subject">): string {
  return `${finding.ruleId}\u0000${finding.urn}\u0000${finding.code}\u0000${finding.subject}`;
}

/** Orders findings deterministically (by resource, rule, subject, code). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.urn.localeCompare(b.urn) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.subject.localeCompare(b.subject) ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}
