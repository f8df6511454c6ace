import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { ConvertedResource, ProviderConversions, argsMatch, convertPolicyResource, convertedMatches, plannedResourceFromArgs } from "../adapters/pulumi-policy-args";
import { ExemptionSettings } from "../core/exemptions";
import { PlannedResource, PlannedStack } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
import { JsonObject } from "../core/json";

/** Builds the protection model of a planned stack. */
export type ModelBuilder = (stack: PlannedStack) => ProtectionModel;

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

  /** The last resource converted in `Analyze`, with its model: the other policies of the request reuse it. */
  private lastResource: { readonly resource: PlannedResource; readonly stackConfig: object; readonly model: ProtectionModel } | undefined;
  /** The last stack converted in `AnalyzeStack`, with its model: the other policies of the request reuse it. */
  private lastStack: { readonly converted: readonly ConvertedResource[]; readonly stackConfig: object; readonly model: ProtectionModel } | undefined;

  /**
   * The resource an `Analyze` call is about and its protection model, and records its checked inputs.
   * The runtime hands every policy of a request its own copy of the resource: when a copy is equal to the
   * last resource converted (compared in place, without copying), its conversion and model are reused.
   */
  resourceModelOf(args: ResourceValidationArgs, stackConfig: Readonly<Record<string, string>>, build: ModelBuilder): { readonly resource: PlannedResource; readonly model: ProtectionModel } {
    let last = this.lastResource;
    if (!last || last.stackConfig !== stackConfig || !argsMatch(args, last.resource)) {
      const resource = plannedResourceFromArgs(args);
      last = { resource, stackConfig, model: build({ resources: [resource], stackConfig, scope: "resource" }) };
      this.lastResource = last;
    }
    this.rememberInputs(args.urn, last.resource.props);
    return last;
  }

  /**
   * The protection model of a whole stack, built once per `AnalyzeStack` request although every policy
   * receives its own copy of the resources: the model is reused while each resource equals the one
   * converted last time (compared in place) and was filled from the same checked inputs.
   * `resources` are the resources that can change a finding (see `relevantResources`); those of the
   * `analysed` types are filled in from the inputs seen in `Analyze`.
   */
  stackModelOf(resources: readonly PolicyResource[], analysed: ReadonlySet<string>, stackConfig: Readonly<Record<string, string>>, build: ModelBuilder): ProtectionModel {
    const inputsOf = (resource: PolicyResource): JsonObject | undefined => (analysed.has(resource.type) ? this.inputsOf(resource.urn) : undefined);
    const last = this.lastStack;
    if (
      last &&
      last.stackConfig === stackConfig &&
      last.converted.length === resources.length &&
      resources.every((resource, i) => convertedMatches(resource, inputsOf(resource), last.converted[i]))
    ) {
      return last.model;
    }
    const providers = new ProviderConversions();
    const converted = resources.map((resource) => convertPolicyResource(resource, inputsOf(resource), providers));
    const model = build({ resources: converted.map((c) => c.planned), stackConfig, scope: "stack" });
    this.lastStack = { converted, stackConfig, model };
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
