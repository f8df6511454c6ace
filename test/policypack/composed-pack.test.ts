// An organisation's own policy pack that composes backup-guard, installed from the packed tarball (as
// npm would install it from a registry), started through the real launcher and driven over gRPC with the
// bundled example's `blocked` stack.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type PolicyPackProcess, startPolicyPack } from "../../harness/pack-process";
import { compiledProgramPath } from "../../harness/preview-cli";
import { type PolicyPreviewResult, runPolicyPreview } from "../../harness/run-preview";
import { readPulumiProject, readStackConfig } from "../../harness/stack-config";

const ROOT = path.join(__dirname, "..", "..");

const INDEX_TS = `import { PolicyPack, ResourceValidationPolicy } from "@pulumi/policy";
import { BackupGuard } from "backup-guard";

// One of the organisation's own policies, next to backup-guard's.
const bucketsNamedByTeam: ResourceValidationPolicy = {
  name: "org-bucket-names",
  description: "Buckets are named after their team.",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (args.type === "aws:s3/bucket:Bucket") reportViolation(\`bucket \${args.name} is not named after its team.\`);
  },
};

new PolicyPack("org-policies", {
  policies: [
    ...new BackupGuard({
      all: "advisory",
      "backup-cross-region-copy": "mandatory",
      "backup-retention-minimum": { minimumDays: 40 },
    }).policies(),
    bucketsNamedByTeam,
  ],
});
`;

/** Installs the packed tarball of policypack/ as node_modules/backup-guard of a new org pack. */
function orgPackFromTarball(): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bg-org-pack-"));
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: path.join(ROOT, "policypack"), encoding: "utf8", env: { ...process.env, npm_config_loglevel: "error" } });
  const [info] = JSON.parse(out) as Array<{ filename: string }>;
  const pack = path.join(work, "org-pack");
  const modules = path.join(pack, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(work, info.filename), "-C", work]);
  fs.renameSync(path.join(work, "package"), path.join(modules, "backup-guard"));
  // The other dependencies: the repository's installed modules (the versions the shrinkwrap pins).
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (entry === ".bin" || entry === "backup-guard" || entry.startsWith(".")) continue;
    fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry), "dir");
  }
  fs.writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: The organisation's policies.\n");
  fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "org-policies", version: "1.0.0", dependencies: { "backup-guard": "0.1.0", "@pulumi/policy": "1.21.0" } }, null, 2));
  fs.writeFileSync(path.join(pack, "index.ts"), INDEX_TS);
  return pack;
}

describe("an organisation's pack composed with new BackupGuard({...}).policies()", () => {
  let result: PolicyPreviewResult;
  let pack: PolicyPackProcess | undefined;

  beforeAll(async () => {
    const project = readPulumiProject(ROOT);
    const stackConfig = readStackConfig(ROOT, project, "blocked");
    // ts-node type-checks the org's index.ts at start-up: slow on a loaded machine.
    pack = await startPolicyPack({ packDir: orgPackFromTarball(), project: project.name, stack: "blocked", stackConfig, startupTimeoutMs: 300_000 });
    result = await runPolicyPreview({ program: compiledProgramPath(ROOT, project.main), project: project.name, stack: "blocked", stackConfig, pack });
  }, 400_000);

  afterAll(async () => {
    await pack?.stop();
  });

  it("declares backup-guard's policies, at the levels set in code, next to the organisation's own", () => {
    expect(result.analyzerInfo.name).toBe("org-policies");
    const levels = Object.fromEntries(result.analyzerInfo.policies.map((p) => [p.name, p.enforcementLevel]));
    expect(levels).toEqual({
      "backup-exemptions": "advisory",
      "backup-copy-residency": "advisory",
      "backup-coverage": "advisory",
      "backup-cross-region-copy": "mandatory",
      "backup-deletion-protection": "advisory",
      "backup-external-vaults": "advisory",
      "backup-immutable": "advisory",
      "backup-key-separation": "advisory",
      "backup-offline-copy": "advisory",
      "backup-restore-testing": "advisory",
      "backup-retention-minimum": "advisory",
      "backup-zone-separation": "advisory",
      "org-bucket-names": "advisory",
    });
  });

  it("reports backup-guard's findings at those levels, with the settings given in code, and the organisation's", () => {
    const seen = [...new Set(result.diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.resourceName}`))].sort();
    expect(seen).toEqual([
      "advisory backup-deletion-protection dr",
      "advisory backup-deletion-protection orders",
      "advisory backup-immutable dr",
      "advisory backup-immutable orders-exports-replica",
      "advisory backup-immutable primary-lock",
      "advisory backup-offline-copy orders-backup",
      "advisory backup-offline-copy orders-exports",
      "advisory backup-restore-testing dr",
      "advisory backup-restore-testing primary",
      "advisory backup-retention-minimum orders-backup",
      "advisory org-bucket-names orders-exports",
      "advisory org-bucket-names orders-exports-replica",
      "mandatory backup-cross-region-copy orders-backup",
      "mandatory backup-cross-region-copy orders-exports",
    ]);
    expect(result.diagnostics.find((d) => d.policyName === "backup-retention-minimum")?.message).toContain("40");
    expect(result.blocked).toBe(true);
  });
});
