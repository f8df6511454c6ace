import { ExemptionSettings } from "../core/exemptions";
import { JsonObject } from "../core/json";

/**
 * What one deployment's `Analyze` calls leave for its `AnalyzeStack` call. The engine runs every
 * `Analyze` of a deployment, then `AnalyzeStack`, in the same pack process; a harness may reuse the
 * process for another deployment, so the first `Analyze` after an `AnalyzeStack` starts afresh.
 *
 * It also carries the `backup-exemptions` config to the other policies of the same request: the policy
 * runtime calls every enabled policy, in the pack's order, for each `Analyze`/`AnalyzeStack` request
 * (without interleaving requests), and `backup-exemptions` comes first.
 */
export class AnalysisSession {
  private inputs = new Map<string, JsonObject>();
  private stackAnalyzed = false;
  private readonly configErrorsShown = new Set<string>();
  private exemptions: ExemptionSettings | undefined;
  /** The policies that read the exemptions since `backup-exemptions` last set them. */
  private readonly exemptionReaders = new Set<string>();

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

  /**
   * Called by `backup-exemptions` at the start of each request with its validated config (`undefined`
   * when the config is invalid: no config exemption applies).
   */
  setExemptions(settings: ExemptionSettings | undefined): void {
    this.exemptions = settings;
    this.exemptionReaders.clear();
  }

  /**
   * The `backup-exemptions` config of the current request, for another policy (called once per request
   * by each policy). A policy called twice since `backup-exemptions` last ran is in a request that
   * `backup-exemptions` did not run for (it is disabled): then no config exemption applies.
   */
  exemptionsFor(policy: string): ExemptionSettings | undefined {
    if (this.exemptionReaders.has(policy)) {
      this.exemptions = undefined;
      this.exemptionReaders.clear();
    }
    this.exemptionReaders.add(policy);
    return this.exemptions;
  }
}
