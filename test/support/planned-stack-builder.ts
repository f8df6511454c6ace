import { JsonObject } from "../../policies/core/json";
import { PlannedProvider, PlannedResource, PlannedStack } from "../../policies/core/planned-stack";
import { UNKNOWN_STRING } from "../../policies/core/unknowns";
import { AWS_TYPES } from "../../policies/aws/type-tokens";

/** The string unknown sentinel, as fixtures write it. */
export const UNKNOWN = UNKNOWN_STRING;

/** Options of a fixture resource. */
export interface ResourceOptions {
  readonly provider?: PlannedProvider;
  readonly propertyDependencies?: Record<string, readonly PlannedResource[]>;
  readonly origin?: "inputs" | "outputs";
}

/**
 * Builds planned stacks the way the engine shapes them: URNs `urn:pulumi:dev::proj::<type>::<name>`,
 * a default provider `default_7_48_0` whose props are the `aws:*` stack config plus `version`.
 */
export class PlannedStackBuilder {
  private readonly resources: PlannedResource[] = [];
  readonly defaultProvider: PlannedProvider;

  constructor(readonly stackConfig: Record<string, string> = { "aws:region": "eu-west-3" }) {
    const props: JsonObject = { version: "7.48.0" };
    for (const [key, value] of Object.entries(stackConfig)) {
      if (key.startsWith("aws:")) props[key.slice(4)] = value;
    }
    this.defaultProvider = { urn: "urn:pulumi:dev::proj::pulumi:providers:aws::default_7_48_0", type: AWS_TYPES.provider, name: "default_7_48_0", props };
  }

  /** An explicit `aws.Provider`; object settings are JSON strings as the SDK sends them. */
  provider(name: string, props: JsonObject): PlannedProvider {
    const encoded: JsonObject = { skipCredentialsValidation: "false", skipRegionValidation: "true", version: "7.48.0" };
    for (const [key, value] of Object.entries(props)) {
      encoded[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { urn: `urn:pulumi:dev::proj::pulumi:providers:aws::${name}`, type: AWS_TYPES.provider, name, props: encoded };
  }

  /** Adds a resource. */
  add(type: string, name: string, props: JsonObject, options: ResourceOptions = {}): PlannedResource {
    const propertyDependencies: Record<string, string[]> = {};
    const dependencies = new Set<string>();
    for (const [key, deps] of Object.entries(options.propertyDependencies ?? {})) {
      propertyDependencies[key] = deps.map((d) => d.urn);
      for (const d of deps) dependencies.add(d.urn);
    }
    const resource: PlannedResource = {
      urn: `urn:pulumi:dev::proj::${type}::${name}`,
      type,
      name,
      props,
      origin: options.origin ?? "outputs",
      provider: options.provider ?? this.defaultProvider,
      dependencies: [...dependencies],
      propertyDependencies,
    };
    this.resources.push(resource);
    return resource;
  }

  /** The whole stack. */
  stack(): PlannedStack {
    return { resources: [...this.resources], stackConfig: this.stackConfig, scope: "stack" };
  }

  /** One resource on its own, as `Analyze` sees it (inputs, no dependencies). */
  single(resource: PlannedResource): PlannedStack {
    return {
      resources: [{ ...resource, origin: "inputs", dependencies: [], propertyDependencies: {} }],
      stackConfig: this.stackConfig,
      scope: "resource",
    };
  }
}
