import { Finding } from "../core/findings";

export { firstSentence } from "../core/message-style";

/** The level a finding is reported at: `mandatory` blocks the deployment, `advisory` only warns. */
export type FindingLevel = "mandatory" | "advisory";

/**
 * A finding as the outputs show it: what the consumer saw (policy, level, resource, message), whatever
 * the source (the pack's diagnostics over gRPC, or findings evaluated in-process by a command).
 */
export interface ReportedFinding {
  readonly policy: string;
  readonly level: FindingLevel;
  /** The resource's URN (or address) as the protection model names it; "" for the stack as a whole. */
  readonly resource: string;
  readonly message: string;
  /** True when the finding could not be decided before the deployment (reported under `onUnresolved`). */
  readonly unresolved?: boolean;
}

/** A core finding at the level its policy reported it (e.g. `onUnresolved`, or advisory when exempt or an advisory outcome). */
export function reportedFinding(finding: Finding, level: FindingLevel): ReportedFinding {
  return {
    policy: finding.ruleId,
    level: finding.exemption?.state === "granted" || finding.outcome === "advisory" ? "advisory" : level,
    resource: finding.urn,
    message: finding.message,
    ...(finding.outcome === "unresolved" ? { unresolved: true } : {}),
  };
}

/** `mandatory` outranks `advisory`, which outranks nothing. */
export function worstLevel(findings: readonly ReportedFinding[]): FindingLevel | "none" {
  if (findings.some((f) => f.level === "mandatory")) return "mandatory";
  return findings.length > 0 ? "advisory" : "none";
}

/**
 * The same finding reported twice (Pulumi sends it from `Analyze` and again from `AnalyzeStack`) has
 * the same policy, resource and message: keeps the first of each, at the higher level of the two.
 * Returns the distinct findings and how many repeats were dropped.
 */
export function distinctFindings(findings: readonly ReportedFinding[]): { readonly findings: ReportedFinding[]; readonly repeats: number } {
  const byKey = new Map<string, ReportedFinding>();
  for (const finding of findings) {
    const key = `${finding.policy}\u0000${finding.resource}\u0000${finding.message}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, finding);
    else if (seen.level === "advisory" && finding.level === "mandatory") byKey.set(key, { ...seen, level: "mandatory" });
  }
  return { findings: [...byKey.values()], repeats: findings.length - byKey.size };
}
