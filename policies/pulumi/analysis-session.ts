import { JsonObject } from "../core/json";

/**
 * What one deployment's `Analyze` calls leave for its `AnalyzeStack` call. The engine runs every
 * `Analyze` of a deployment, then `AnalyzeStack`, in the same pack process; a harness may reuse the
 * process for another deployment, so the first `Analyze` after an `AnalyzeStack` starts afresh.
 */
export class AnalysisSession {
  private inputs = new Map<string, JsonObject>();
  private stackAnalyzed = false;
  private readonly configErrorsShown = new Set<string>();

  /** Records the checked inputs of a resource seen in `Analyze`. */
  rememberInputs(urn: string, props: JsonObject): void {
    this.startAnalyze();
    this.inputs.set(urn, props);
  }

  /** Marks the start of an `Analyze` call. */
  startAnalyze(): void {
    if (this.stackAnalyzed) {
      this.inputs = new Map();
      this.configErrorsShown.clear();
      this.stackAnalyzed = false;
    }
  }

  /** The checked inputs seen in `Analyze` for a URN during this deployment. */
  inputsOf(urn: string): JsonObject | undefined {
    return this.inputs.get(urn);
  }

  /** Marks that `AnalyzeStack` ran (its inputs stay readable for the other stack policies). */
  finishStack(): void {
    this.stackAnalyzed = true;
  }

  /** True the first time a policy's config error is shown during `Analyze` in this deployment. */
  firstConfigError(policy: string): boolean {
    if (this.configErrorsShown.has(policy)) return false;
    this.configErrorsShown.add(policy);
    return true;
  }
}
