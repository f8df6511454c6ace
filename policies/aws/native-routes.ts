import { Fact, known } from "../core/facts";
import { PlannedResource } from "../core/planned-stack";
import {
  BackupStore,
  CopyEdge,
  ProtectedResource,
  ProtectionRoute,
  RouteView,
} from "../core/protection-model";

/** How a resource is named in messages: `bucket "logs"`, `RDS instance "db"`. */
export function describeResource(resource: PlannedResource): string {
  let kind = KINDS.get(resource.type);
  if (kind === undefined) {
    kind = resource.type.split(":").pop() ?? resource.type;
    KINDS.set(resource.type, kind);
  }
  return `${kind} "${resource.name}"`;
}

/** The kind (last part of the type token) of each type described so far: type tokens are few, resources many. */
const KINDS = new Map<string, string>();

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

/** A native copy route that cannot be read (its configuration unknown in preview or of an unexpected shape). */
export function unreadableNativeRoute(args: {
  readonly urn: string;
  readonly label: string;
  readonly subject: string;
  readonly primaries: readonly ProtectedResource[];
  readonly reason: string;
}): ProtectionRoute {
  return {
    kind: "native-copy",
    urn: args.urn,
    label: args.label,
    subject: args.subject,
    primaries: args.primaries,
    declaredCopies: { state: "unknown", basis: args.reason },
    views: [],
    unresolvedReason: args.reason,
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
