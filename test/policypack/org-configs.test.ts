import * as fs from "fs";
import * as path from "path";
import type { PolicyConfigFile } from "../../harness/policy-pack-config";
import type { PolicyPreviewResult } from "../../harness/run-preview";
import { RULES } from "../../policies/rules";
import { GOV_DB_URN, GOV_PLAN_URN, governedDesign } from "../programs/governance-designs";
import { PACK_DIR, summary, usePackUnderTest } from "../support/protocol-preview";

const CONFIG_DIR = path.join(PACK_DIR, "config");

function load(file: string): PolicyConfigFile {
  return JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, file), "utf8")) as PolicyConfigFile;
}

/** No policy may have refused its configuration. */
function expectConfigAccepted(result: PolicyPreviewResult): void {
  expect(result.diagnostics.filter((d) => /invalid configuration/.test(d.message))).toEqual([]);
}

describe("the example org configurations shipped with the pack (policypack/config), through the engine-style Configure", () => {
  const packUnderTest = usePackUnderTest({ BACKUP_GUARD_TODAY: "2026-11-22" });

  it("ships exactly the documented files, naming only existing policies", () => {
    expect(fs.readdirSync(CONFIG_DIR).sort()).toEqual(["README.md", "audit.json", "eu-residency.json", "strict.json"]);
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const file of ["audit.json", "eu-residency.json", "strict.json"]) {
      expect(Object.keys(load(file)).filter((key) => key !== "all" && !ids.has(key))).toEqual([]);
    }
  });

  describe("strict.json", () => {
    const policyConfig = load("strict.json");

    it("accepts the compliant design", async () => {
      const result = await packUnderTest.run(governedDesign(), { policyConfig });
      expectConfigAccepted(result);
      expect(summary(result)).toEqual([]);
    });

    it("blocks an unprotected database and copies kept 30 days (its floor is 35)", async () => {
      expect(summary(await packUnderTest.run(governedDesign({ unprotected: true }), { policyConfig }))).toEqual([
        `analyzeStack mandatory backup-coverage ${GOV_DB_URN}`,
      ]);
      expect(summary(await packUnderTest.run(governedDesign({ copyDeleteAfter: 30 }), { policyConfig }))).toEqual([
        `analyze mandatory backup-retention-minimum ${GOV_PLAN_URN}`,
        `analyzeStack mandatory backup-retention-minimum ${GOV_PLAN_URN}`,
      ]);
    });
  });

  describe("eu-residency.json", () => {
    const policyConfig = load("eu-residency.json");

    it("accepts copies in eu-central-1 and blocks copies in us-east-1", async () => {
      const inEu = await packUnderTest.run(governedDesign(), { policyConfig });
      expectConfigAccepted(inEu);
      expect(summary(inEu)).toEqual([]);
      expect(summary(await packUnderTest.run(governedDesign({ copyRegion: "us-east-1" }), { policyConfig }))).toEqual([
        `analyzeStack mandatory backup-copy-residency ${GOV_PLAN_URN}`,
      ]);
    });
  });

  describe("audit.json", () => {
    it("reports everything as advisory and blocks nothing", async () => {
      const result = await packUnderTest.run(governedDesign({ unprotected: true, copyRegion: "eu-west-3" }), { policyConfig: load("audit.json") });
      expectConfigAccepted(result);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(result.diagnostics.filter((d) => d.enforcementLevel !== "advisory")).toEqual([]);
      expect(result.blocked).toBe(false);
    });
  });
});
