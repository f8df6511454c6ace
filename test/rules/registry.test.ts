import * as fs from "fs";
import * as path from "path";
import { COMPLIANCE_FRAMEWORKS } from "../../policies/docs/render-docs";
import { RULES } from "../../policies/rules";

const ROOT = path.join(__dirname, "..", "..");

describe("the rule registry", () => {
  const ids = RULES.map((r) => r.meta.id);

  it("lists the rules sorted by unique id", () => {
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(ids).toEqual([
      "backup-copy-residency",
      "backup-coverage",
      "backup-cross-region-copy",
      "backup-deletion-protection",
      "backup-exemptions",
      "backup-external-vaults",
      "backup-immutable",
      "backup-key-separation",
      "backup-offline-copy",
      "backup-restore-testing",
      "backup-retention-minimum",
      "backup-zone-separation",
    ]);
  });

  it.each(ids)("%s has a source file, a test file and a docs page", (id) => {
    expect(fs.existsSync(path.join(ROOT, "policies", "rules", `${id}.ts`))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, "test", "rules", `${id}.test.ts`))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, "docs", "policies", `${id}.md`))).toBe(true);
  });

  it.each(RULES.map((r) => [r.meta.id, r.meta] as const))("%s has remediation, a framework mapping and documented config", (_id, meta) => {
    expect(meta.remediation.length).toBeGreaterThan(0);
    expect(meta.frameworks.length).toBeGreaterThan(0);
    expect(meta.limits.length).toBeGreaterThan(0);
    for (const property of Object.values(meta.config)) {
      expect(property.description.length).toBeGreaterThan(10);
    }
    // Only the frameworks the compliance page tables, spelled as it spells them.
    for (const framework of meta.frameworks) expect(COMPLIANCE_FRAMEWORKS.map((f) => f.name)).toContain(framework.name);
  });

  it("has a policy source file for every registered rule and nothing unregistered", () => {
    const files = fs
      .readdirSync(path.join(ROOT, "policies", "rules"))
      .filter((f) => f.startsWith("backup-") && f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(files).toEqual(ids);
  });
});
