import { Fact, absent, known } from "../core/facts";
import { PlannedResource, StackIndex } from "../core/planned-stack";
import { CopyEdge, ProtectionRoute } from "../core/protection-model";
import { readArray, readString } from "../core/raw-values";
import { readSetting, readStringSetting } from "../core/settings";
import { databaseAdvice } from "./advice";
import { OvhPlacement } from "./placement";
import { DEFAULT_DATABASE_BACKUP_SITE, siteByKey } from "./sites";
import { nativeRoute, ovhLabel, primaryStore, serviceBackupStore } from "./stores";
import { OVH_TYPES } from "./type-tokens";

const RETENTION = absent("kept by OVHcloud for the retention of the service plan");

/** Engines OVHcloud makes no backups of (streaming services hold no data to restore). */
function withoutBackups(engine: Fact<string>): boolean {
  return engine.state === "known" && engine.value.toLowerCase().startsWith("kafka");
}

/**
 * The backups of each managed database (`ovh:CloudProject/database:Database`): OVHcloud backs the
 * nodes' data up on their site and copies it to each of `backupRegions`; without `backupRegions`, to
 * OVHcloud's default off-site location for the nodes' site (GRA and BHS → SBG, SBG → GRA, ...).
 */
export function databaseRoutes(index: StackIndex, placement: OvhPlacement): ProtectionRoute[] {
  const routes: ProtectionRoute[] = [];
  for (const db of index.ofTypes([OVH_TYPES.database])) {
    if (withoutBackups(readString(db.props, ["engine"]))) continue;
    routes.push(databaseRoute(db, placement));
  }
  return routes;
}

function databaseRoute(db: PlannedResource, placement: OvhPlacement): ProtectionRoute {
  const label = ovhLabel("database", db);
  const at = placement.placement(db, ["nodes", 0, "region"]);
  const route = nativeRoute(db, `backups of ${label}`, "backupRegions", { label, urn: db.urn, placement: at }, databaseAdvice(placement.words));
  const regions = readSetting(db, ["backupRegions"]);
  if (regions.state === "unknown") {
    return { ...route, declaredCopies: { state: "unknown", basis: regions.basis }, views: [], unresolvedReason: `backupRegions is ${regions.basis}` };
  }
  const account = at.account;
  const copies: CopyEdge[] = [];
  const list = readArray(db.props, ["backupRegions"]);
  if (regions.state === "known" && list.state === "known" && list.value.length > 0) {
    list.value.forEach((_, i) => {
      const code = readString(db.props, ["backupRegions", i]);
      copies.push(copyAt(db, label, `backupRegions[${i}]`, code, placement, account));
    });
  } else {
    // Not set: OVHcloud's default, one backup on the nodes' site and one at the site's default off-site location.
    const nodes = readStringSetting(db, ["nodes", 0, "region"]);
    copies.push(copyAt(db, label, "on-site backup", nodes, placement, account));
    const site = at.region;
    const away = site.state === "known" ? DEFAULT_DATABASE_BACKUP_SITE[site.value] : undefined;
    if (site.state === "known") {
      const code: Fact<string> =
        away !== undefined
          ? known(away, `backupRegions not set, OVHcloud's default off-site location for ${site.value} (${siteByKey(site.value)?.name ?? site.value}) is`)
          : { state: "unknown", basis: `backupRegions not set and OVHcloud documents no default off-site location for site ${site.value}` };
      copies.push(copyAt(db, label, "default off-site backup", code, placement, account));
    }
  }
  return {
    ...route,
    declaredCopies: known(copies.length, "backupRegions"),
    views: [{ source: primaryStore(db, label, at), sourceRetentionDays: absent("the primary's live data"), copies }],
  };
}

function copyAt(db: PlannedResource, label: string, copyLabel: string, code: Fact<string>, placement: OvhPlacement, account: ReturnType<OvhPlacement["account"]>): CopyEdge {
  const where = placement.placementAt(code, account);
  const key = `${db.urn}#backup:${where.region.state === "known" ? where.region.value : copyLabel}`;
  return {
    label: copyLabel,
    store: serviceBackupStore(key, `backups of ${label}`, where, `the backups OVHcloud makes of ${label}`),
    retentionDays: RETENTION,
  };
}
