// The findings of one run of the command, in the one shape every output format renders: each finding
// with the level it is reported at (as the pack would report it), the resource's address, and counts.
import { StackEvaluation, StackFinding } from "../evaluate-stack";
import { ReportedLevel } from "../core/finding-level";
import { RuleMeta } from "../core/rule";

/** The level at or above which findings fail the run (`never`: no finding does). */
export type FailOn = "mandatory" | "advisory" | "never";

/** One input file the report covers. */
export interface ReportInput {
  /** The path as given on the command line (`-` for standard input). */
  readonly path: string;
  /** What the input was read as. */
  readonly format: "terraform-plan" | "pulumi-stack-export" | "pulumi-preview";
  /** Resources in the planned stack (providers and the root stack resource not counted). */
  readonly resources: number;
}

/** One finding as reported (see {@link StackFinding}). */
export type ReportFinding = StackFinding;

/** A policy as the report lists it. */
export interface ReportPolicy {
  readonly meta: RuleMeta;
  readonly level: "mandatory" | "advisory" | "disabled";
}

/** Counts of a report. */
export interface ReportSummary {
  readonly mandatory: number;
  readonly advisory: number;
  /** Findings an exemption covers (counted as advisory too). */
  readonly exempted: number;
  /** Findings that could not be decided before the deployment. */
  readonly unresolved: number;
  /** Policies that ran. */
  readonly policies: number;
  /** Resources the policies could look at. */
  readonly resources: number;
  readonly failOn: FailOn;
  /** True when a finding is at or above `failOn`: the command exits 1. */
  readonly blocked: boolean;
}

/** Everything an output format renders. */
export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly inputs: readonly ReportInput[];
  readonly policies: readonly ReportPolicy[];
  /** Addresses of the resources the policies looked at, sorted. */
  readonly resources: readonly string[];
  /** Sorted by resource, policy, subject, code, message. */
  readonly findings: readonly ReportFinding[];
  readonly summary: ReportSummary;
}

/** True when a finding at `level` fails a run with `failOn`. */
export function failsAt(level: ReportedLevel, failOn: FailOn): boolean {
  return failOn === "advisory" || (failOn === "mandatory" && level === "mandatory");
}

/** Builds the report of one run from every policy's result. */
export function buildReport(parts: {
  readonly tool: Report["tool"];
  readonly inputs: readonly ReportInput[];
  readonly evaluation: StackEvaluation;
  readonly failOn: FailOn;
}): Report {
  const { findings, results, analysed } = parts.evaluation;
  const mandatory = findings.filter((f) => f.level === "mandatory").length;
  const summary: ReportSummary = {
    mandatory,
    advisory: findings.length - mandatory,
    exempted: findings.filter((f) => f.exemption?.state === "granted").length,
    unresolved: findings.filter((f) => f.outcome === "unresolved").length,
    policies: results.filter((r) => r.level !== "disabled").length,
    resources: analysed.length,
    failOn: parts.failOn,
    blocked: findings.some((f) => failsAt(f.level, parts.failOn)),
  };
  return {
    tool: parts.tool,
    inputs: parts.inputs,
    policies: results.map((r) => ({ meta: r.meta, level: r.level })),
    // The default order of strings is compareText's (UTF-16 code units), without a call per comparison.
    resources: [...analysed].sort(),
    findings,
    summary,
  };
}
