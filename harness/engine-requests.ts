// Turns a captured program into what the Pulumi engine sends a policy pack: one Analyze request per
// registered resource (inputs) and one AnalyzeStack request (outputs), as plain JSON data.
// What the engine adds that mocks do not: the root stack resource as default parent, one default
// provider per package version, `version` in provider inputs, planned outputs with unknown computed
// attributes. See pulumi-tech.md §1.4-1.6 and §4.3.
import type { CapturedResource, CapturedResourceOptions, ProgramCapture } from "./capture-program";
import { outputOnlyAttributes } from "./computed-attributes";
import { containsUnknown, engineProperties, type JsonObject, UNKNOWN_STRING } from "./wire-values";

/** Type token of the root stack resource. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Resource options as the engine sends them (`AnalyzerResourceOptions`). */
export interface EngineResourceOptions {
  /** `protect` option. */
  protect: boolean;
  /** `ignoreChanges` option. */
  ignoreChanges: string[];
  /** `deleteBeforeReplace`, present only when the program set it. */
  deleteBeforeReplace?: boolean;
  /** `additionalSecretOutputs` option. */
  additionalSecretOutputs: string[];
  /** Alias URNs. */
  aliases: string[];
  /** Custom timeouts in seconds, present only when one was set. */
  customTimeouts?: { create: number; update: number; delete: number };
  /** Parent URN (`""` for the root stack and default providers). */
  parent: string;
}

/** The provider of a resource as the engine describes it (`AnalyzerProviderResource`). */
export interface EngineProviderResource {
  /** Provider URN, e.g. `urn:pulumi:dev::proj::pulumi:providers:aws::default_7_48_0`. */
  urn: string;
  /** Provider type, e.g. `pulumi:providers:aws`. */
  type: string;
  /** URN name, e.g. `default_7_48_0`. */
  name: string;
  /** Provider inputs (checked config), including `version`. */
  properties: JsonObject;
}

/** One `Analyze` request: a resource's inputs. */
export interface EngineAnalyzeRequest {
  /** Resource URN. */
  urn: string;
  /** Type token. */
  type: string;
  /** URN name. */
  name: string;
  /** Inputs, with unknown sentinels and secret signatures kept. */
  properties: JsonObject;
  /** Resource options. */
  options: EngineResourceOptions;
  /** The resource's provider; absent for providers themselves, components and the stack. */
  provider?: EngineProviderResource;
}

/** One resource of the `AnalyzeStack` request: a resource's outputs plus its graph edges. */
export interface EngineStackResource extends EngineAnalyzeRequest {
  /** Parent URN (`""` for the root stack and default providers). */
  parent: string;
  /** URNs this resource depends on. */
  dependencies: string[];
  /** Top-level property → URNs; keys with empty lists are dropped, as the engine does. */
  propertyDependencies: Record<string, string[]>;
}

/** Everything the engine would send the pack for one run. */
export interface EngineRequests {
  /** Project name. */
  project: string;
  /** Stack name. */
  stack: string;
  /** True for a preview. */
  preview: boolean;
  /** URN of the root `pulumi:pulumi:Stack` resource. */
  stackUrn: string;
  /** Analyze requests in registration order (stack first, each default provider before its first user). */
  analyze: EngineAnalyzeRequest[];
  /** The AnalyzeStack resource list, same order; `properties` are outputs. */
  analyzeStack: EngineStackResource[];
}

/** Options of {@link buildEngineRequests}. */
export interface EngineRequestOptions {
  /**
   * Simulates pulumi/pulumi#7854 and Terraform-set planning in preview: every top-level output property
   * whose value contains an unknown anywhere inside becomes wholly unknown (e.g. a backup plan's `rules`).
   */
  collapseNestedUnknowns?: boolean;
  /**
   * Attributes a custom resource's provider computes, which are unknown in a preview unless the mock
   * returned them. Default: the type's output-only attributes read from its generated SDK (`arn`,
   * `tagsAll`, ...), or `["arn"]` for an AWS type whose SDK is not found. `id` is always added.
   */
  computedAttributes?: (resource: CapturedResource) => readonly string[];
}

/** Error raised when a capture cannot be turned into engine requests (e.g. a dangling provider reference). */
export class EngineRequestError extends Error {
  /** Creates the error for the resource URN concerned. */
  constructor(
    readonly urn: string,
    message: string,
  ) {
    super(`${urn}: ${message}`);
    this.name = "EngineRequestError";
  }
}

/** URN of the root stack resource: `urn:pulumi:<stack>::<project>::pulumi:pulumi:Stack::<project>-<stack>`. */
export function stackUrn(project: string, stack: string): string {
  return `urn:pulumi:${stack}::${project}::${ROOT_STACK_TYPE}::${project}-${stack}`;
}

/** Name of a default provider: `default_7_48_0` for version `7.48.0`, `default` without a version. */
export function defaultProviderName(version: string): string {
  return version ? `default_${version.replace(/[.\-+]/g, "_")}` : "default";
}

/** The URN's name part (everything after the last `::`). */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Parses a Go duration (`"1h30m"`, `"5m"`, `"90s"`) into seconds; 0 when empty or malformed. */
export function goDurationSeconds(duration: string | undefined): number {
  if (!duration) {
    return 0;
  }
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== duration.replace(/^[+]/, "")) {
    return 0;
  }
  return parts.reduce((sum, part) => sum + Number(part[1]) * (units[part[2] as string] ?? 0), 0);
}

/** The inputs of the default provider for a package: its stack config keys without namespace, plus `version`. */
export function defaultProviderInputs(pkg: string, version: string, stackConfig: Record<string, string>): JsonObject {
  const properties: JsonObject = {};
  const prefix = `${pkg}:`;
  for (const key of Object.keys(stackConfig).sort()) {
    if (key.startsWith(prefix)) {
      properties[key.slice(prefix.length)] = String(stackConfig[key]);
    }
  }
  if (version) {
    properties["version"] = version;
  }
  return properties;
}

function engineOptions(options: CapturedResourceOptions, parent: string): EngineResourceOptions {
  const result: EngineResourceOptions = {
    protect: options.protect,
    ignoreChanges: [...options.ignoreChanges],
    additionalSecretOutputs: [...options.additionalSecretOutputs],
    aliases: [...options.aliases],
    parent,
  };
  if (options.deleteBeforeReplace !== undefined) {
    result.deleteBeforeReplace = options.deleteBeforeReplace;
  }
  if (options.customTimeouts) {
    result.customTimeouts = {
      create: goDurationSeconds(options.customTimeouts.create),
      update: goDurationSeconds(options.customTimeouts.update),
      delete: goDurationSeconds(options.customTimeouts.delete),
    };
  }
  return result;
}

function bareOptions(parent: string): EngineResourceOptions {
  return { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], parent };
}

function isProvider(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

function defaultComputedAttributes(resource: CapturedResource): readonly string[] {
  return outputOnlyAttributes(resource.type) ?? (resource.type.startsWith("aws:") ? ["arn"] : []);
}

/** Replaces each top-level property that contains an unknown anywhere inside with the unknown sentinel. */
export function collapseNestedUnknowns(properties: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    result[key] = containsUnknown(value) ? UNKNOWN_STRING : value;
  }
  return result;
}

/**
 * Builds the Analyze and AnalyzeStack requests the engine would send for a captured program.
 * - A root `pulumi:pulumi:Stack` resource (`<project>-<stack>`) comes first and is the default parent.
 * - Each custom resource with the default provider gets a synthesized `pulumi:providers:<pkg>` resource
 *   named `default_<version>` whose inputs are the package's stack config plus `version`.
 * - Explicit providers are found by the provider reference's URN (split on the last `::`) and get `version`.
 * - Properties: top-level `__*` keys dropped, resource references replaced by `id || urn`, unknown
 *   sentinels and secrets kept.
 * - AnalyzeStack outputs: inputs merged with the mock's outputs; in preview, `id` and the computed
 *   attributes the mock did not return are the unknown sentinel.
 */
export function buildEngineRequests(capture: ProgramCapture, options: EngineRequestOptions = {}): EngineRequests {
  const { project, stack, preview, stackConfig } = capture;
  const rootUrn = stackUrn(project, stack);
  const computedAttributes = options.computedAttributes ?? defaultComputedAttributes;
  const analyze: EngineAnalyzeRequest[] = [];
  const analyzeStack: EngineStackResource[] = [];

  const add = (request: EngineAnalyzeRequest, outputs: JsonObject, edges: Pick<EngineStackResource, "dependencies" | "propertyDependencies">) => {
    analyze.push(request);
    analyzeStack.push({
      ...request,
      properties: options.collapseNestedUnknowns ? collapseNestedUnknowns(outputs) : outputs,
      parent: request.options.parent,
      dependencies: edges.dependencies,
      propertyDependencies: edges.propertyDependencies,
    });
  };
  const noEdges = () => ({ dependencies: [], propertyDependencies: {} });

  add({ urn: rootUrn, type: ROOT_STACK_TYPE, name: `${project}-${stack}`, properties: {}, options: bareOptions("") }, {}, noEdges());

  const explicitProviders = new Map<string, EngineProviderResource>();
  const defaultProviders = new Map<string, EngineProviderResource>();

  const providerFor = (resource: CapturedResource): EngineProviderResource | undefined => {
    if (!resource.custom || isProvider(resource.type)) {
      return undefined;
    }
    if (resource.provider) {
      const urn = resource.provider.slice(0, resource.provider.lastIndexOf("::"));
      const provider = explicitProviders.get(urn);
      if (!provider) {
        throw new EngineRequestError(resource.urn, `provider ${urn} was not registered before the resource`);
      }
      return provider;
    }
    const pkg = resource.type.split(":")[0] ?? "";
    if (pkg === "pulumi" || pkg === "") {
      return undefined; // built-in resources (e.g. StackReference) use the engine's builtin provider
    }
    const name = defaultProviderName(resource.version);
    const type = `pulumi:providers:${pkg}`;
    const urn = `urn:pulumi:${stack}::${project}::${type}::${name}`;
    let provider = defaultProviders.get(urn);
    if (!provider) {
      provider = { urn, type, name, properties: defaultProviderInputs(pkg, resource.version, stackConfig) };
      defaultProviders.set(urn, provider);
      // Default providers have no parent and are registered just before their first user.
      add({ urn, type, name, properties: provider.properties, options: bareOptions("") }, provider.properties, noEdges());
    }
    return provider;
  };

  for (const resource of capture.resources) {
    const provider = providerFor(resource);
    const parent = resource.parent || rootUrn;
    const inputs = engineProperties(resource.object);
    const name = urnName(resource.urn);
    let outputs: JsonObject;

    if (isProvider(resource.type)) {
      if (resource.version) {
        inputs["version"] = resource.version;
      }
      explicitProviders.set(resource.urn, { urn: resource.urn, type: resource.type, name, properties: inputs });
      outputs = { ...inputs }; // a provider's state is its inputs
    } else if (!resource.custom) {
      outputs = engineProperties(resource.registeredOutputs ?? {});
    } else {
      const mocked = engineProperties(resource.registeredOutputs ?? resource.outputs);
      outputs = { ...inputs, ...mocked };
      if (preview) {
        for (const attribute of ["id", ...computedAttributes(resource)]) {
          if (!(attribute in mocked)) {
            outputs[attribute] = attribute === "id" && resource.id ? resource.id : UNKNOWN_STRING;
          }
        }
      } else if (resource.id && !("id" in mocked)) {
        outputs["id"] = resource.id;
      }
    }

    const request: EngineAnalyzeRequest = {
      urn: resource.urn,
      type: resource.type,
      name,
      properties: inputs,
      options: engineOptions(resource.options, parent),
    };
    if (provider) {
      request.provider = provider;
    }
    add(request, outputs, {
      dependencies: [...resource.dependencies],
      propertyDependencies: Object.fromEntries(
        Object.entries(resource.propertyDependencies).filter(([, urns]) => urns.length > 0),
      ),
    });
  }

  return { project, stack, preview, stackUrn: rootUrn, analyze, analyzeStack };
}
