import { createHash } from "crypto";
import { ExemptionSettings } from "../core/exemptions";
import { PlannedStack } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
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

  private stackModel: { readonly key: string; readonly model: ProtectionModel } | undefined;

  /** Per policy, the configuration problems only the pack can see (names that are not its policies). */
  private configReports: ReadonlyMap<string, readonly string[]> = new Map();

  /** Records what the last Configure call carried that the pack refuses (see configure-watch.ts). */
  setConfigReports(reports: ReadonlyMap<string, readonly string[]>): void {
    this.configReports = reports;
  }

  /** The configuration problems a policy reports (mandatory) in each AnalyzeStack. */
  configReportsFor(policy: string): readonly string[] {
    return this.configReports.get(policy) ?? [];
  }

  /**
   * The protection model of a whole stack, built once per `AnalyzeStack` request although every policy
   * receives its own copy of the resources: the model is reused when the planned stack has the same
   * content (a digest of its resources and config), and rebuilt otherwise.
   */
  stackModelOf(stack: PlannedStack, build: (stack: PlannedStack) => ProtectionModel): ProtectionModel {
    const hash = createHash("sha256");
    hash.update(JSON.stringify(stack.stackConfig));
    for (const r of stack.resources) {
      hash.update(JSON.stringify([r.urn, r.type, r.origin, r.props, r.provider ?? null, r.propertyDependencies, r.dependencies, r.parent ?? null, r.filledFromInputs ?? null, r.unknownInInputs ?? null]));
    }
    const key = `${stack.scope}:${hash.digest("hex")}`;
    if (this.stackModel?.key === key) return this.stackModel.model;
    const model = build(stack);
    this.stackModel = { key, model };
    return model;
  }

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
