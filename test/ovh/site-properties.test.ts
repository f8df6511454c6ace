// Property tests: whatever region codes name one site, and whatever mechanism copies the data, a copy
// on the primary's site is never accepted by backup-cross-region-copy; a copy on another site is.
import * as fc from "fast-check";
import { JsonObject } from "../../policies/core/json";
import { siteOfCode } from "../../policies/ovh/sites";
import { findingsOf } from "../support/evaluate";
import { PlannedStackBuilder } from "../support/planned-stack-builder";

const PROJECT = "0123456789abcdef0123456789abcdef";

/** Spellings of each 1-AZ site, per product (compute with digits, databases, Object Storage, datacentres). */
const STEMS: Readonly<Record<string, readonly string[]>> = {
  GRA: ["GRA", "gra"],
  SBG: ["SBG", "sbg"],
  RBX: ["RBX", "rbx", "RBX-A"],
  BHS: ["BHS", "bhs"],
  LIM: ["DE", "de", "lim"],
  ERI: ["UK", "uk", "eri"],
  WAW: ["WAW", "waw"],
  SGP: ["SGP", "sgp"],
};
const SITES = Object.keys(STEMS);

/** Any code of a site: a spelling, maybe with a datacentre number. */
function codeOf(site: string): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...(STEMS[site] as string[])), fc.option(fc.integer({ min: 1, max: 11 }), { nil: undefined })).map(([stem, n]) => (n === undefined || stem.includes("-") ? stem : `${stem}${n}`));
}

type Mechanism = "database" | "workflow" | "volume-backup" | "replication";

function design(mechanism: Mechanism, primaryCode: string, copyCodes: readonly string[]) {
  const b = new PlannedStackBuilder({});
  const add = (type: string, name: string, props: JsonObject) => b.add(type, name, { serviceName: PROJECT, ...props });
  switch (mechanism) {
    case "database":
      add("ovh:CloudProject/database:Database", "db", { engine: "mysql", nodes: [{ region: primaryCode }], backupRegions: [...copyCodes] });
      break;
    case "workflow": {
      const instance = add("ovh:CloudProject/instance:Instance", "vm", { region: primaryCode });
      b.add("ovh:CloudProject/workflowBackup:WorkflowBackup", "wf", { serviceName: PROJECT, regionName: copyCodes[0] as string, instanceId: "i-1", cron: "0 1 * * *", rotation: 40 }, { propertyDependencies: { instanceId: [instance] } });
      break;
    }
    case "volume-backup": {
      const volume = add("ovh:CloudProject/volume:Volume", "vol", { regionName: primaryCode });
      b.add("ovh:CloudProject/volumeBackup:VolumeBackup", "vb", { serviceName: PROJECT, regionName: copyCodes[0] as string, volumeId: "v-1" }, { propertyDependencies: { volumeId: [volume] } });
      break;
    }
    case "replication":
      add("ovh:CloudProject/storage:Storage", "src", {
        regionName: primaryCode,
        name: "src",
        replication: { rules: copyCodes.map((region, i) => ({ status: "enabled", destination: { name: `dst${i}`, region } })) },
      });
      break;
  }
  return b.stack();
}

describe("backup-cross-region-copy over random OVHcloud sites and designs", () => {
  const mechanisms: Mechanism[] = ["database", "workflow", "volume-backup", "replication"];

  it("never accepts copies that are all on the primary's site", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SITES).chain((site) => fc.tuple(fc.constant(site), codeOf(site), fc.array(codeOf(site), { minLength: 1, maxLength: 3 }))),
        fc.constantFrom(...mechanisms),
        ([site, primary, copies], mechanism) => {
          expect(siteOfCode(primary)?.site.key).toBe(site);
          const findings = findingsOf("backup-cross-region-copy", design(mechanism, primary, copies));
          expect(findings.map((f) => f.outcome)).toEqual(["violation"]);
          expect(findings[0].message).toContain(`in ${site} (`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts a database or replication copy on another site, whatever the spellings", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...SITES), { minLength: 2, maxLength: 2 }).chain(([a, b]) => fc.tuple(codeOf(a as string), codeOf(b as string))),
        fc.constantFrom<Mechanism>("database", "replication"),
        ([primary, away], mechanism) => {
          expect(findingsOf("backup-cross-region-copy", design(mechanism, primary, [primary, away]))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never accepts a copy whose code it does not know, and names the code", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SITES).chain(codeOf), fc.stringMatching(/^[A-Z]{2,5}[0-9]?$/).filter((code) => siteOfCode(code) === undefined), (primary, strange) => {
        const findings = findingsOf("backup-cross-region-copy", design("database", primary, [strange]));
        expect(findings.map((f) => f.outcome)).toEqual(["unresolved"]);
        expect(findings[0].message).toContain(`"${strange}" is not a known OVHcloud region code`);
      }),
      { numRuns: 100 },
    );
  });
});
