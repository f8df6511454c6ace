import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { ConvertedResource, ProviderConversions, argsMatch, convertPolicyResource, convertedMatches, plannedResourceFromArgs } from "../adapters/pulumi-policy-args";
import { ExemptionSettings } from "../core/exemptions";
import { PlannedResource, PlannedStack } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
import { JsonObject } from "../core/json";
import { ExternalVault } from "../aws/external-vaults";

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
  /** The text and level of each finding `Analyze` reported in this deployment, by finding key. */
  private analyzeReports = new Map<string, { readonly message: string; readonly level: string }>();
  private stackAnalyzed = false;
  private readonly configErrorsShown = new Set<string>();
  private readonly exemptions = new RequestShare<ExemptionSettings>();
  private readonly externalVaults = new RequestShare<readonly ExternalVault[]>();

  /** The last resource converted in `Analyze`, with its model: the other policies of the request reuse it. */
  private lastResource: { readonly resource: PlannedResource; readonly stackConfig: object; readonly variant: string; readonly model: ProtectionModel } | undefined;
  /** The last stack converted in `AnalyzeStack`, with its model: the other policies of the request reuse it. */
  private lastStack:
    | { readonly converted: readonly ConvertedResource[]; readonly stackConfig: object; readonly variant: string; readonly model: ProtectionModel }
    | undefined;

  /**
   * The resource an `Analyze` call is about and its protection model, and records its checked inputs.
   * The runtime hands every policy of a request its own copy of the resource: when a copy is equal to the
   * last resource converted (compared in place, without copying), its conversion and model are reused.
   */
  resourceModelOf(
    args: ResourceValidationArgs,
    stackConfig: Readonly<Record<string, string>>,
    build: ModelBuilder,
    variant = "",
  ): { readonly resource: PlannedResource; readonly model: ProtectionModel } {
    let last = this.lastResource;
    if (!last || last.stackConfig !== stackConfig || last.variant !== variant || !argsMatch(args, last.resource)) {
      const resource = plannedResourceFromArgs(args);
      last = { resource, stackConfig, variant, model: build({ resources: [resource], stackConfig, scope: "resource" }) };
      this.lastResource = last;
    }
    this.rememberInputs(args.urn, last.resource.props);
    return last;
  }

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
   * receives its own copy of the resources: the model is reused while each resource equals the one
   * converted last time (compared in place) and was filled from the same checked inputs.
   * `resources` are the resources that can change a finding (see `relevantResources`); those of the
   * `analysed` types are filled in from the inputs seen in `Analyze`. `variant` names what the model is
   * built with besides the stack (e.g. the declared external vaults): a model of another variant is rebuilt.
   */
  stackModelOf(
    resources: readonly PolicyResource[],
    analysed: ReadonlySet<string>,
    stackConfig: Readonly<Record<string, string>>,
    build: ModelBuilder,
    variant = "",
  ): ProtectionModel {
    const inputsOf = (resource: PolicyResource): JsonObject | undefined => (analysed.has(resource.type) ? this.inputsOf(resource.urn) : undefined);
    const last = this.lastStack;
    if (
      last &&
      last.stackConfig === stackConfig &&
      last.variant === variant &&
      last.converted.length === resources.length &&
      resources.every((resource, i) => convertedMatches(resource, inputsOf(resource), last.converted[i]))
    ) {
      return last.model;
    }
    const providers = new ProviderConversions();
    const converted = resources.map((resource) => convertPolicyResource(resource, inputsOf(resource), providers));
    const model = build({ resources: converted.map((c) => c.planned), stackConfig, scope: "stack" });
    this.lastStack = { converted, stackConfig, variant, model };
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
      this.analyzeReports = new Map();
      this.configErrorsShown.clear();
      this.stackAnalyzed = false;
    }
  }

  /** Records the text and level of a finding `Analyze` reported (see `textOfStackFinding`). */
  rememberAnalyzeReport(key: string, message: string, level: string): void {
    this.analyzeReports.set(key, { message, level });
  }

  /**
   * The text `AnalyzeStack` reports a finding with. The same finding (same policy, resource, code and
   * subject) reported at the same level by `Analyze` in this deployment keeps the text `Analyze` gave it:
   * the engine has already shown that text, and the same finding worded twice with different facts reads
   * as two problems. Otherwise the stack's own text, which can name facts only the whole stack shows.
   */
  textOfStackFinding(key: string, message: string, level: string): string {
    const reported = this.analyzeReports.get(key);
    return reported !== undefined && reported.level === level ? reported.message : message;
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
    this.exemptions.set(settings);
  }

  /**
   * The `backup-exemptions` config of the current request, for another policy (called once per request
   * by each policy). A policy called twice since `backup-exemptions` last ran is in a request that
   * `backup-exemptions` did not run for (it is disabled): then no config exemption applies.
   */
  exemptionsFor(policy: string): ExemptionSettings | undefined {
    return this.exemptions.readFor(policy);
  }

  /**
   * Called by `backup-external-vaults` at the start of each request (after `backup-exemptions`) with the
   * vaults its validated config declares (`undefined` when the config is invalid: no vault is vouched for).
   */
  setExternalVaults(vaults: readonly ExternalVault[] | undefined): void {
    this.externalVaults.set(vaults);
  }

  /** The vaults `backup-external-vaults` declared for the current request, for another policy (as `exemptionsFor`). */
  externalVaultsFor(policy: string): readonly ExternalVault[] | undefined {
    return this.externalVaults.readFor(policy);
  }

  /**
   * The vaults last declared, for `backup-exemptions`, which runs before `backup-external-vaults` and whose
   * findings do not depend on them: building its model with the same vaults lets the next policies reuse it.
   */
  lastExternalVaults(): readonly ExternalVault[] | undefined {
    return this.externalVaults.peek();
  }
}

/**
 * A validated config that one policy hands to the policies the runtime calls after it in the same
 * request. A policy that reads twice since the value was last set is in a request the setting policy
 * did not run for (it is disabled): then nothing is shared.
 */
class RequestShare<T> {
  private value: T | undefined;
  private readonly readers = new Set<string>();

  set(value: T | undefined): void {
    this.value = value;
    this.readers.clear();
  }

  readFor(policy: string): T | undefined {
    if (this.readers.has(policy)) {
      this.value = undefined;
      this.readers.clear();
    }
    this.readers.add(policy);
    return this.value;
  }

  /** The value, without counting as a read. */
  peek(): T | undefined {
    return this.value;
  }
}
