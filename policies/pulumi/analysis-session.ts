import { createHash } from "crypto";
import { ExemptionSettings } from "../core/exemptions";
import { PlannedStack } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
import { JsonObject, JsonValue } from "../core/json";
import { ExternalVault } from "../aws/external-vaults";

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
  private readonly exemptions = new RequestShare<ExemptionSettings>();
  private readonly externalVaults = new RequestShare<readonly ExternalVault[]>();

  private stackModel: { readonly key: string; readonly model: ProtectionModel } | undefined;

  /**
   * The protection model of a whole stack, built once per `AnalyzeStack` request although every policy
   * receives its own copy of the resources: the model is reused when the planned stack has the same
   * content (a digest of its resources and config), and rebuilt otherwise.
   */
  stackModelOf(stack: PlannedStack, build: (stack: PlannedStack) => ProtectionModel, options: JsonValue = null): ProtectionModel {
    const hash = createHash("sha256");
    // What the model is built with besides the stack (e.g. the declared external vaults) is part of its identity.
    hash.update(JSON.stringify(options));
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
}
