import { Fact, known } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import {
  BackupStore,
  CopyEdge,
  Placement,
  ProtectedResource,
  ProtectionRoute,
  RouteView,
  unresolvedPlacement,
} from "../core/protection-model";
import { AwsPlacement } from "./placement";

/** How a resource is named in messages: `bucket "logs"`, `RDS instance "db"`. */
export function describeResource(resource: PlannedResource): string {
  const kind = resource.type.split(":").pop() ?? resource.type;
  return `${kind} "${resource.name}"`;
}

/** The primary of a native copy, as a protected resource. */
export function primaryOf(resource: PlannedResource, placement: AwsPlacement, label = describeResource(resource)): ProtectedResource {
  return { label, urn: resource.urn, placement: placement.placement(resource) };
}

/** The live data of a primary, as the source of a native copy (never judged for immutability). */
export function primaryStore(primary: ProtectedResource, key = primary.urn ?? primary.label): BackupStore {
  return {
    key,
    kind: "primary",
    label: primary.label,
    urn: primary.urn,
    placement: primary.placement,
    airGapped: known(false, "the primary itself"),
    immutability: { state: "not-applicable", basis: "the primary's live data" },
    resolvedVia: "the primary itself",
  };
}

/** A copy destination that cannot be identified. */
export function unresolvedStore(key: string, label: string, why: string, placement: Placement = unresolvedPlacement(why)): BackupStore {
  return {
    key,
    label,
    placement,
    airGapped: { state: "unknown", basis: why },
    immutability: { state: "unknown", basis: why },
    resolvedVia: why,
  };
}

/** A native copy route: the primary's data copied into one or more places, under one or more readings. */
export function nativeRoute(args: {
  readonly urn: string;
  readonly label: string;
  readonly subject: string;
  readonly primaries: readonly ProtectedResource[];
  readonly source: BackupStore;
  /** Each reading's copies (several readings when an unknown reference has several candidates). */
  readonly readings: readonly (readonly CopyEdge[])[];
  readonly sourceRetentionDays?: Fact<number>;
}): ProtectionRoute {
  const views: RouteView[] = args.readings.map((copies) => ({
    source: args.source,
    sourceRetentionDays: args.sourceRetentionDays ?? { state: "absent", basis: "the primary's live data" },
    copies,
  }));
  return {
    kind: "native-copy",
    urn: args.urn,
    label: args.label,
    subject: args.subject,
    primaries: args.primaries,
    declaredCopies: known(args.readings[0]?.length ?? 0, "native copy"),
    views,
  };
}

/**
 * The in-stack resources of the given types a property refers to: by `propertyDependencies` first,
 * otherwise by a known identifier matched with `matches`.
 */
export function referencedResources(
  index: StackIndex,
  from: PlannedResource,
  property: string,
  types: readonly string[],
  value: Fact<string>,
  matches: (candidate: PlannedResource, value: string) => boolean,
): PlannedResource[] {
  const byDependency = index.dependenciesOf(from, property).filter((r) => types.includes(r.type));
  if (value.state === "known") {
    const byValue = index.ofTypes(types).filter((r) => matches(r, value.value));
    const both = byDependency.filter((r) => byValue.includes(r));
    return both.length > 0 ? both : byValue.length > 0 ? byValue : byDependency;
  }
  return byDependency;
}
