// Converts the plain engine requests (engine-requests.ts) into the protobuf messages of
// `@pulumi/pulumi/proto/analyzer_pb` that go over the wire to a policy pack.
import {
  AnalyzeRequest,
  AnalyzerPropertyDependencies,
  AnalyzerProviderResource,
  AnalyzerResource,
  AnalyzerResourceOptions,
  AnalyzeStackRequest,
} from "@pulumi/pulumi/proto/analyzer_pb";
import type { EngineAnalyzeRequest, EngineProviderResource, EngineResourceOptions, EngineStackResource } from "./engine-requests";
import { structPb } from "./pulumi-deps";
import type { JsonObject } from "./wire-values";

/** Converts a JSON object into a `google.protobuf.Struct` of @pulumi/pulumi's google-protobuf instance. */
export function toStruct(value: JsonObject): InstanceType<typeof structPb.Struct> {
  return structPb.Struct.fromJavaScript(value);
}

/** Converts resource options into `AnalyzerResourceOptions`. */
export function toResourceOptions(options: EngineResourceOptions): AnalyzerResourceOptions {
  const message = new AnalyzerResourceOptions();
  message.setProtect(options.protect);
  message.setIgnorechangesList(options.ignoreChanges);
  message.setDeletebeforereplacedefined(options.deleteBeforeReplace !== undefined);
  message.setDeletebeforereplace(options.deleteBeforeReplace ?? false);
  message.setAdditionalsecretoutputsList(options.additionalSecretOutputs);
  message.setAliasesList(options.aliases);
  message.setParent(options.parent);
  if (options.customTimeouts) {
    const timeouts = new AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(options.customTimeouts.create);
    timeouts.setUpdate(options.customTimeouts.update);
    timeouts.setDelete(options.customTimeouts.delete);
    message.setCustomtimeouts(timeouts);
  }
  return message;
}

/** Converts a provider description into `AnalyzerProviderResource`. */
export function toProviderResource(provider: EngineProviderResource): AnalyzerProviderResource {
  const message = new AnalyzerProviderResource();
  message.setUrn(provider.urn);
  message.setType(provider.type);
  message.setName(provider.name);
  message.setProperties(toStruct(provider.properties));
  return message;
}

/** Converts one plain Analyze request into an `AnalyzeRequest` message. */
export function toAnalyzeRequest(request: EngineAnalyzeRequest): AnalyzeRequest {
  const message = new AnalyzeRequest();
  message.setUrn(request.urn);
  message.setType(request.type);
  message.setName(request.name);
  message.setProperties(toStruct(request.properties));
  message.setOptions(toResourceOptions(request.options));
  if (request.provider) {
    message.setProvider(toProviderResource(request.provider));
  }
  return message;
}

/** Converts one AnalyzeStack resource into an `AnalyzerResource` message. */
export function toAnalyzerResource(resource: EngineStackResource): AnalyzerResource {
  const message = new AnalyzerResource();
  message.setUrn(resource.urn);
  message.setType(resource.type);
  message.setName(resource.name);
  message.setProperties(toStruct(resource.properties));
  message.setOptions(toResourceOptions(resource.options));
  if (resource.provider) {
    message.setProvider(toProviderResource(resource.provider));
  }
  message.setParent(resource.parent);
  message.setDependenciesList(resource.dependencies);
  const dependencies = message.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
    const entry = new AnalyzerPropertyDependencies();
    entry.setUrnsList(urns);
    dependencies.set(key, entry);
  }
  return message;
}

/** Converts the AnalyzeStack resource list into an `AnalyzeStackRequest` message. */
export function toAnalyzeStackRequest(resources: readonly EngineStackResource[]): AnalyzeStackRequest {
  const message = new AnalyzeStackRequest();
  message.setResourcesList(resources.map(toAnalyzerResource));
  return message;
}
