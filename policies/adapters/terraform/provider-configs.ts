import { JsonObject, JsonValue, isJsonObject } from "../../core/json";
import { PlannedProvider } from "../../core/planned-stack";
import { UNKNOWN_STRING } from "../../core/unknowns";
import { ModuleScope, PlanConfiguration } from "./configuration";
import { parseModuleAddress } from "./module-address";
import { PROVIDER_TYPES, TerraformCloud } from "./terraform-types";
import { camelCase } from "./type-map";

const PROVIDER_TYPE = PROVIDER_TYPES.aws;

/** OVH provider arguments kept on its provider resource: no credentials (no rule reads them, and reports must not echo them). */
const OVH_PROVIDER_SETTINGS: readonly string[] = ["endpoint"];

/** An AWS region name (`eu-west-3`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`). */
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Terraform AWS provider arguments whose Pulumi name is not their camelCased name. */
const PROVIDER_RENAMES: Readonly<Record<string, string>> = { assume_role: "assumeRoles" };

/** Block keys of a provider argument in Pulumi's case (`role_arn` → `roleArn`), recursively. */
function camelKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), camelKeys(v)]));
  return value;
}

/**
 * The providers of a plan's resources, in the shape of Pulumi AWS provider resources (`region`,
 * `allowedAccountIds`, `assumeRoles`, `profile`, ...) so that the AWS placement reads them unchanged.
 * A provider argument the plan cannot evaluate is the unknown sentinel (its facts are unknown).
 */
export class ProviderConfigs {
  /** Cloud → key (`undefined`: the default configuration) → provider: built once per configuration, no composite key per resource. */
  private readonly cache = new Map<TerraformCloud, Map<string | undefined, PlannedProvider>>();

  constructor(
    private readonly configuration: PlanConfiguration,
    private readonly defaultRegion: string | undefined,
  ) {}

  /**
   * The provider of a resource, by the `provider_config_key` of its configuration (which already
   * follows `providers = {}` passing). A key Terraform emits for an inherited configuration
   * (`module.child:aws`, `child:aws`) that is not itself in `provider_config` falls back to the
   * enclosing module's configuration, then the root's.
   */
  provider(key: string | undefined, cloud: TerraformCloud = "aws"): PlannedProvider {
    let byKey = this.cache.get(cloud);
    if (!byKey) this.cache.set(cloud, (byKey = new Map()));
    const cached = byKey.get(key);
    if (cached) return cached;
    const provider = cloud === "aws" ? this.build(key) : this.buildOvh(key);
    byKey.set(key, provider);
    return provider;
  }

  /**
   * An OVH provider configuration. It has no region (every OVHcloud resource names its own) and no
   * account (the project's account comes from `backup-guard:ovhAccounts`): only its API endpoint is kept.
   */
  private buildOvh(key: string | undefined): PlannedProvider {
    const type = PROVIDER_TYPES.ovh;
    if (key === undefined) return { urn: "provider:(unknown)", type, name: "(configuration not in the plan)", props: {} };
    for (const candidate of fallbackKeys(key)) {
      const config = this.configuration.providerConfig(candidate);
      if (!config) continue;
      const expressions = isJsonObject(config["expressions"]) ? config["expressions"] : {};
      const props: JsonObject = {};
      for (const argument of OVH_PROVIDER_SETTINGS) {
        const value = this.configuration.evaluate(expressions[argument], scopeOfKey(config, candidate));
        if (value?.state === "unknown") props[camelCase(argument)] = UNKNOWN_STRING;
        else if (value?.state === "known" && value.value !== null) props[camelCase(argument)] = value.value;
      }
      return { urn: `provider:${candidate}`, type, name: candidate, props };
    }
    return { urn: `provider:${key}`, type, name: key, props: {} };
  }

  private build(key: string | undefined): PlannedProvider {
    if (key === undefined) {
      // No configuration block for the resource: which provider configuration it uses cannot be told.
      const props: JsonObject = this.defaultRegion ? { region: this.defaultRegion } : { region: UNKNOWN_STRING };
      return { urn: "provider:(unknown)", type: PROVIDER_TYPE, name: "(configuration not in the plan)", props };
    }
    for (const candidate of fallbackKeys(key)) {
      const config = this.configuration.providerConfig(candidate);
      if (config) return { urn: `provider:${candidate}`, type: PROVIDER_TYPE, name: candidate, props: this.props(config, candidate) };
    }
    // No provider block at all: the provider runs with the environment's settings.
    return { urn: `provider:${key}`, type: PROVIDER_TYPE, name: key, props: this.defaultRegion ? { region: this.defaultRegion } : {} };
  }

  private props(config: JsonObject, key: string): JsonObject {
    const scope = scopeOfKey(config, key);
    const props: JsonObject = {};
    const expressions = isJsonObject(config["expressions"]) ? config["expressions"] : {};
    for (const [argument, expression] of Object.entries(expressions)) {
      const value = this.configuration.evaluate(expression, scope);
      if (value === undefined) continue;
      const name = PROVIDER_RENAMES[argument] ?? camelCase(argument);
      if (value.state === "unknown") props[name] = UNKNOWN_STRING;
      else if (value.value !== null) props[name] = camelKeys(value.value);
    }
    const region = props["region"];
    if (region !== undefined && region !== UNKNOWN_STRING && (typeof region !== "string" || !AWS_REGION.test(region))) {
      // An expression the plan describes only by its references (a conditional, a template) is not the
      // variable's value: what does not read as a region is unknown, never a region of its own.
      props["region"] = UNKNOWN_STRING;
    }
    if ((props["region"] === undefined || props["region"] === "") && this.defaultRegion) props["region"] = this.defaultRegion;
    return props;
  }
}

/** The module a provider configuration is declared in, where its expressions are evaluated. */
function scopeOfKey(config: JsonObject, key: string): ModuleScope {
  const moduleAddress = typeof config["module_address"] === "string" ? config["module_address"] : moduleOfKey(key);
  const steps = parseModuleAddress(moduleAddress) ?? [];
  return { path: steps.map((s) => s.name), instance: steps };
}

/** `module.a.module.b:aws.dr` → `module.a.module.b`; a key without module prefix is the root's. */
function moduleOfKey(key: string): string {
  const colon = key.lastIndexOf(":");
  if (colon < 0) return "";
  const prefix = key.slice(0, colon);
  return prefix.startsWith("module.") ? prefix : prefix.split(".").map((name) => `module.${name}`).join(".");
}

/** The key itself, then the same provider name in each enclosing module up to the root. */
function fallbackKeys(key: string): string[] {
  const colon = key.lastIndexOf(":");
  if (colon < 0) return [key];
  const local = key.slice(colon + 1);
  const modules = moduleOfKey(key).split(".module.").map((m) => m.replace(/^module\./, ""));
  const keys = [key];
  for (let depth = modules.length - 1; depth >= 1; depth--) {
    const prefix = modules.slice(0, depth);
    keys.push(`${prefix.map((m) => `module.${m}`).join(".")}:${local}`, `${prefix.join(".")}:${local}`);
  }
  keys.push(local);
  return keys;
}
