// OVHcloud names one place differently per product: "SBG5" (compute), "SBG" (databases), "sbg"
// (Object Storage), "sbg3" (dedicated servers). A *site* is the failure domain behind those codes: the
// March 2021 Strasbourg fire took SBG1 to SBG4 down together, so two SBG codes are never two places.

/** One OVHcloud site (a campus, or a 3-AZ region): one failure domain. */
export interface OvhSite {
  /** Stable key compared between resources, e.g. `SBG`. */
  readonly key: string;
  /** For messages, e.g. `Strasbourg, FR`. */
  readonly name: string;
  /** True for 3-AZ regions, whose zones are separate datacentres of one region. */
  readonly multiZone: boolean;
}

/** Where a region code points: its site and, for a 3-AZ region, the zone the code names. */
export interface SiteOfCode {
  readonly site: OvhSite;
  /** Set when the code names one zone of a 3-AZ region (e.g. `eu-west-par-a`). */
  readonly zone?: string;
}

const SITES: Readonly<Record<string, OvhSite>> = {
  GRA: { key: "GRA", name: "Gravelines, FR", multiZone: false },
  SBG: { key: "SBG", name: "Strasbourg, FR", multiZone: false },
  RBX: { key: "RBX", name: "Roubaix, FR", multiZone: false },
  BHS: { key: "BHS", name: "Beauharnois, CA", multiZone: false },
  LIM: { key: "LIM", name: "Frankfurt area (Limburg), DE", multiZone: false },
  ERI: { key: "ERI", name: "London (Erith), UK", multiZone: false },
  WAW: { key: "WAW", name: "Warsaw, PL", multiZone: false },
  SGP: { key: "SGP", name: "Singapore, SG", multiZone: false },
  SYD: { key: "SYD", name: "Sydney, AU", multiZone: false },
  MUM: { key: "MUM", name: "Mumbai, IN", multiZone: false },
  TOR: { key: "TOR", name: "Toronto, CA", multiZone: false },
  VIN: { key: "VIN", name: "Vint Hill (Virginia), US", multiZone: false },
  HIL: { key: "HIL", name: "Hillsboro (Oregon), US", multiZone: false },
  PAR: { key: "PAR", name: "Paris 3-AZ region, FR", multiZone: true },
  MIL: { key: "MIL", name: "Milan 3-AZ region, IT", multiZone: true },
};

/**
 * Code stems (uppercase, digits and zone suffix removed) and the site they name. Products spell sites by
 * city code (`SBG`, `sbg3`), by country (`DE`, `UK`) or as a region name (`EU-WEST-PAR`, `AP-SOUTHEAST-SYD`).
 */
const STEMS: Readonly<Record<string, string>> = {
  GRA: "GRA",
  SBG: "SBG",
  RBX: "RBX",
  BHS: "BHS",
  DE: "LIM",
  LIM: "LIM",
  UK: "ERI",
  ERI: "ERI",
  WAW: "WAW",
  SGP: "SGP",
  SYD: "SYD",
  "AP-SOUTHEAST-SYD": "SYD",
  "AP-SOUTH-MUM": "MUM",
  "CA-EAST-TOR": "TOR",
  "US-EAST-VA": "VIN",
  "US-WEST-OR": "HIL",
  "EU-WEST-PAR": "PAR",
  "EU-SOUTH-MIL": "MIL",
};

/**
 * The site of an OVHcloud region, datacentre or zone code, or `undefined` for a code not in the table
 * (callers fail closed on it). Case-insensitive; trailing digits (`SBG5`, `gra11`, `AP-SOUTH-MUM-1`) and a
 * zone letter of a 3-AZ region (`eu-west-par-a`) are removed. `RBX-A` (a 1-AZ compute region of Roubaix)
 * names the site, not a zone.
 */
export function siteOfCode(code: string): SiteOfCode | undefined {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]+(-[A-Z]+)*(-?\d+)?(-[A-Z])?(-?\d+)?$/.test(upper)) return undefined;
  const withoutDigits = upper.replace(/-?\d+$/, "");
  const zoneMatch = /^(.*)-([A-Z])$/.exec(withoutDigits);
  const direct = STEMS[withoutDigits.replace(/-?\d+$/, "")];
  if (direct !== undefined) return { site: SITES[direct] as OvhSite };
  if (zoneMatch) {
    const stem = (zoneMatch[1] as string).replace(/-?\d+$/, "");
    const key = STEMS[stem];
    if (key === undefined) return undefined;
    const site = SITES[key] as OvhSite;
    return site.multiZone ? { site, zone: code.trim().toLowerCase() } : { site };
  }
  return undefined;
}

/**
 * Where OVHcloud sends a managed database's off-site backups when `backupRegions` is not set (OVHcloud
 * "Cloud Databases - automated backups"): GRA and BHS go to Strasbourg, which is why a GRA database
 * without backupRegions has its only off-site copy in SBG.
 */
export const DEFAULT_DATABASE_BACKUP_SITE: Readonly<Record<string, string>> = {
  GRA: "SBG",
  BHS: "SBG",
  LIM: "GRA",
  SBG: "GRA",
  ERI: "GRA",
  WAW: "GRA",
  RBX: "GRA",
  SGP: "BHS",
  VIN: "HIL",
  HIL: "VIN",
};

/** The site with this key. */
export function siteByKey(key: string): OvhSite | undefined {
  return SITES[key];
}
