import { Finding } from "./findings";

/** The level a finding is reported at. */
export type ReportedLevel = "mandatory" | "advisory";

/**
 * The level of one finding of a policy enforced at `policyLevel`: a granted exemption makes it advisory
 * (still shown); an unresolved finding is at the policy's level (fail closed) unless `onUnresolved` asks
 * for advisory; an advisory finding (a smaller gap whose main risk is covered otherwise) is always advisory;
 * a violation is at the policy's level. The pack and the command decide it here alike.
 */
export function findingLevel(finding: Finding, policyLevel: ReportedLevel, onUnresolved: ReportedLevel): ReportedLevel {
  if (finding.exemption?.state === "granted" || finding.outcome === "advisory") return "advisory";
  if (finding.outcome === "unresolved" && onUnresolved === "advisory") return "advisory";
  return policyLevel;
}

/** The message of a finding as reported: what could not be known is said so, with what the exemption decided. */
export function findingText(finding: Finding, onUnresolved: ReportedLevel): string {
  const exemption = finding.exemption;
  if (exemption?.state === "granted") {
    const unresolved = finding.outcome === "unresolved" ? " [unresolved before deployment]" : "";
    return `${finding.message}${unresolved} [${exemption.note}]`;
  }
  const note = exemption ? ` [${exemption.note}]` : "";
  if (finding.outcome !== "unresolved") return `${finding.message}${note}`;
  const how =
    onUnresolved === "advisory"
      ? "reported as advisory (onUnresolved: advisory)"
      : "reported at the policy's enforcement level (onUnresolved: mandatory)";
  return `${finding.message} [unresolved before deployment; ${how}]${note}`;
}

/** The message of a policy that did not run because its config was refused (it fails closed). */
export function configErrorText(ruleId: string, errors: readonly string[]): string {
  return `Invalid configuration for policy ${ruleId}: the policy did not run and fails closed. ${errors.join("; ")}. Fix the --policy-pack-config file or the policy group's config.`;
}

/** The message of a policy that crashed (a bug): reported, failing closed, never swallowed. */
export function internalErrorText(ruleId: string, error: string): string {
  return `backup-guard could not evaluate policy ${ruleId}, so it fails closed. ${error}. Please report this as a bug with the resource shapes involved.`;
}
