import { DEFAULT_DATABASE_BACKUP_SITE, siteByKey, siteOfCode } from "../../policies/ovh/sites";

/** Every code of reference multicloud.md §3.4 and tf-ovh-multicloud.md §3, with the site it names. */
const CODES: ReadonlyArray<[string, string, string?]> = [
  // Gravelines: database macro-region, compute regions, Object Storage, dedicated-server datacentres
  ["GRA", "GRA"], ["GRA1", "GRA"], ["GRA5", "GRA"], ["GRA7", "GRA"], ["GRA9", "GRA"], ["GRA11", "GRA"], ["gra", "GRA"], ["gra1", "GRA"], ["gra3", "GRA"], ["gra4", "GRA"],
  // Strasbourg: SBG1 to SBG5 are one campus (the 2021 fire)
  ["SBG", "SBG"], ["SBG1", "SBG"], ["SBG2", "SBG"], ["SBG3", "SBG"], ["SBG4", "SBG"], ["SBG5", "SBG"], ["sbg", "SBG"], ["sbg1", "SBG"], ["sbg5", "SBG"],
  ["RBX", "RBX"], ["RBX-A", "RBX"], ["rbx", "RBX"], ["rbx1", "RBX"], ["rbx8", "RBX"],
  ["BHS", "BHS"], ["BHS1", "BHS"], ["BHS5", "BHS"], ["BHS8", "BHS"], ["bhs", "BHS"], ["bhs1", "BHS"], ["bhs8", "BHS"],
  ["DE", "LIM"], ["DE1", "LIM"], ["de", "LIM"], ["lim1", "LIM"], ["lim3", "LIM"],
  ["UK", "ERI"], ["UK1", "ERI"], ["uk", "ERI"], ["eri1", "ERI"],
  ["WAW", "WAW"], ["WAW1", "WAW"], ["waw", "WAW"], ["waw1", "WAW"],
  ["SGP", "SGP"], ["SGP1", "SGP"], ["sgp", "SGP"],
  ["SYD1", "SYD"], ["ap-southeast-syd", "SYD"], ["AP-SOUTH-MUM-1", "MUM"], ["ap-south-mum", "MUM"],
  ["CA-EAST-TOR", "TOR"], ["ca-east-tor", "TOR"], ["US-EAST-VA", "VIN"], ["US-WEST-OR", "HIL"],
  ["EU-WEST-PAR", "PAR"], ["eu-west-par", "PAR"], ["eu-west-par-a", "PAR", "eu-west-par-a"], ["eu-west-par-b", "PAR", "eu-west-par-b"], ["EU-WEST-PAR-C", "PAR", "eu-west-par-c"],
  ["EU-SOUTH-MIL", "MIL"], ["eu-south-mil-a", "MIL", "eu-south-mil-a"],
];

describe("OVHcloud site normalisation", () => {
  it.each(CODES.map(([code, site, zone]) => [code, site, zone ?? "no zone"]))("puts %s on site %s (%s)", (code, site, zone) => {
    const found = siteOfCode(code);
    expect(found?.site.key).toBe(site);
    expect(found?.zone ?? "no zone").toBe(zone);
  });

  it("treats every Strasbourg code as one failure domain", () => {
    const sites = new Set(["SBG", "SBG1", "SBG2", "SBG3", "SBG4", "SBG5", "sbg", "sbg3"].map((code) => siteOfCode(code)?.site.key));
    expect([...sites]).toEqual(["SBG"]);
  });

  it("keeps Roubaix and Gravelines apart (two sites about 80 km apart)", () => {
    expect(siteOfCode("RBX")?.site.key).not.toBe(siteOfCode("GRA")?.site.key);
  });

  it("knows the Paris 3-AZ region as one site with zones", () => {
    expect(siteOfCode("EU-WEST-PAR")?.site).toEqual({ key: "PAR", name: "Paris 3-AZ region, FR", multiZone: true });
    expect(siteOfCode("eu-west-par-a")).toEqual({ site: siteByKey("PAR"), zone: "eu-west-par-a" });
  });

  it.each(["", "XYZ1", "EU-WEST-LZ-LUX-A", "us-east-1", "GRA 7", "eu_west_par", "1GRA"])("names no site for the unknown code %j", (code) => {
    expect(siteOfCode(code)).toBeUndefined();
  });

  it("maps every database default off-site location to a known site other than its own", () => {
    for (const [from, to] of Object.entries(DEFAULT_DATABASE_BACKUP_SITE)) {
      expect(siteByKey(from)).toBeDefined();
      expect(siteByKey(to)).toBeDefined();
      expect(to).not.toBe(from);
    }
    // OVHcloud sends the backups of GRA and BHS databases to Strasbourg by default.
    expect(DEFAULT_DATABASE_BACKUP_SITE["GRA"]).toBe("SBG");
    expect(DEFAULT_DATABASE_BACKUP_SITE["BHS"]).toBe("SBG");
  });
});
