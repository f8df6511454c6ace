// What the harness needs to draw a preview's backup map and copy table: the protection model of the
// requests the engine sent (built in-process, exactly as the pack builds it in AnalyzeStack) and the
// findings the pack reported over gRPC.
import type { PolicyResource } from "@pulumi/policy";
import { plannedResourceFromPolicyResource } from "../policies/adapters/pulumi-policy-args";
import { buildProtectionModel } from "../policies/clouds/protection-model";
import type { ProtectionModel } from "../policies/core/protection-model";
import type { PlannedStack } from "../policies/core/planned-stack";
import type { ReportedFinding } from "../policies/report/map-findings";
import type { EngineRequests, EngineStackResource } from "./engine-requests";
import type { PreviewDiagnostic } from "./run-preview";

/** The engine's AnalyzeStack resource as the policy runtime hands it to a stack policy (references resolved). */
function asPolicyResources(resources: readonly EngineStackResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const shapes = resources.map((resource) => {
    const shape = {
      urn: resource.urn,
      type: resource.type,
      name: resource.name,
      props: resource.properties,
      provider: resource.provider ? { urn: resource.provider.urn, type: resource.provider.type, name: resource.provider.name, props: resource.provider.properties } : undefined,
      dependencies: [] as PolicyResource[],
      propertyDependencies: {} as Record<string, PolicyResource[]>,
      parent: undefined as PolicyResource | undefined,
    };
    byUrn.set(resource.urn, shape as unknown as PolicyResource);
    return shape;
  });
  resources.forEach((resource, i) => {
    const shape = shapes[i];
    if (!shape) return;
    const find = (urn: string): PolicyResource => byUrn.get(urn) ?? ({ urn } as unknown as PolicyResource);
    shape.dependencies = resource.dependencies.map(find);
    shape.propertyDependencies = Object.fromEntries(Object.entries(resource.propertyDependencies).map(([key, urns]) => [key, urns.map(find)]));
    shape.parent = resource.parent ? find(resource.parent) : undefined;
  });
  return shapes as unknown as PolicyResource[];
}

/**
 * The protection model of one preview's whole stack: the AnalyzeStack outputs, with the Analyze inputs
 * filling what preview outputs lose, as the pack does.
 */
export function previewProtectionModel(requests: EngineRequests, stackConfig: Readonly<Record<string, string>>): ProtectionModel {
  const inputs = new Map(requests.analyze.map((request) => [request.urn, request.properties]));
  const resources = asPolicyResources(requests.analyzeStack).map((resource) => plannedResourceFromPolicyResource(resource, inputs.get(resource.urn)));
  const stack: PlannedStack = { resources, stackConfig, scope: "stack" };
  return buildProtectionModel(stack);
}

/** The pack's diagnostics as findings (the stack's own URN stands for "the stack as a whole"). */
export function reportedFindings(diagnostics: readonly PreviewDiagnostic[], stackUrn: string): ReportedFinding[] {
  return diagnostics
    .filter((d) => d.enforcementLevel !== "disabled")
    .map((d) => ({
      policy: d.policyName,
      level: d.enforcementLevel === "advisory" ? "advisory" : "mandatory",
      resource: d.resourceUrn === stackUrn ? "" : d.resourceUrn,
      message: d.message,
      ...(d.message.includes("[unresolved before deployment") ? { unresolved: true } : {}),
    }));
}
