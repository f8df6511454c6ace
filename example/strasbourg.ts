// The Strasbourg case (stacks `strasbourg-blocked` and `strasbourg-fixed`; see index.ts). On 10 March
// 2021 a fire destroyed OVHcloud's SBG2 datacentre and shut the whole Strasbourg site down: customers
// whose backups were kept in Strasbourg next to their servers lost both. Here an orders database runs in
// Strasbourg. Blocked: its backups are kept in SBG only. Fixed: backupRegions adds Gravelines, another site.
import * as ovh from "@ovhcloud/pulumi-ovh";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const scenario = config.get("scenario") ?? "passing";
if (scenario !== "passing" && scenario !== "blocked") {
  throw new Error(`config backup-guard-example:scenario must be "passing" or "blocked", not "${scenario}"`);
}

new ovh.cloudproject.Database("orders", {
  // The Public Cloud project (OVH_CLOUD_PROJECT_SERVICE); stack config backup-guard:ovhAccounts names its account.
  serviceName: config.require("ovhProject"),
  description: "orders",
  engine: "postgresql",
  version: "16",
  plan: "business",
  flavor: "db1-7",
  nodes: [{ region: "SBG" }, { region: "SBG" }],
  // SBG and SBG5 are the same site: only another site (GRA, 300 km away) survives a site-wide disaster.
  backupRegions: scenario === "passing" ? ["SBG", "GRA"] : ["SBG"],
  backupTime: "02:00:00",
  deletionProtection: true,
});
