import { PlannedResource } from "../core/planned-stack";
import { BackupStore, Placement, ProtectedResource, ProtectionRoute, RouteAdvice } from "../core/protection-model";

/** How OVHcloud resources are named in messages: `database "orders-db"`. */
export function ovhLabel(kind: string, resource: PlannedResource): string {
  return `${kind} "${resource.name}"`;
}

/** The primary's live data, the source of a native copy. */
export function primaryStore(resource: PlannedResource, label: string, placement: Placement): BackupStore {
  return {
    key: `primary:${resource.urn}`,
    kind: "primary",
    label,
    urn: resource.urn,
    placement,
    airGapped: { state: "known", value: false, basis: "the primary itself" },
    immutability: { state: "not-applicable", basis: "the primary's live data" },
    resolvedVia: "declared in this stack",
    encryptionKey: { state: "service-default", basis: "encrypted by OVHcloud" },
  };
}

/**
 * Backups OVHcloud makes and keeps for a service (database backups, instance and volume backups): in
 * the project's account, with no lock OVHcloud offers, encrypted by OVHcloud.
 */
export function serviceBackupStore(key: string, label: string, placement: Placement, resolvedVia: string): BackupStore {
  return {
    key,
    kind: "snapshot",
    label,
    placement,
    airGapped: { state: "known", value: false, basis: "OVHcloud keeps service backups in the project's account" },
    immutability: { state: "not-applicable", basis: "OVHcloud offers no lock for service backups" },
    resolvedVia,
    encryptionKey: { state: "service-default", basis: "encrypted by OVHcloud" },
  };
}

/** The parts every OVHcloud route shares: a native copy of one primary, with the cloud's advice. */
export function nativeRoute(
  resource: PlannedResource,
  label: string,
  subject: string,
  primary: ProtectedResource,
  advice: RouteAdvice,
): Pick<ProtectionRoute, "kind" | "urn" | "label" | "subject" | "primaries" | "advice"> {
  return { kind: "native-copy", urn: resource.urn, label, subject, primaries: [primary], advice };
}
