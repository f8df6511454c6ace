// Shared fixtures for the harness tests: a small real @pulumi/aws backup program and temp directories.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Repository root (holds node_modules). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Project and stack names used by the fixtures. */
export const PROJECT = "backup-guard-example";
export const STACK = "dev";

/** Stack config of the fixtures. */
export const STACK_CONFIG = { "aws:region": "eu-west-3", "backup-guard-example:scenario": "blocked" };

/** URN helper for the fixtures' project and stack. */
export function urn(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

/**
 * A backup vault created through an explicit provider in us-west-2, and a plan whose copy action
 * targets that vault's ARN (unknown in preview). With `withHomeVault`, a second vault with the
 * default provider and a second plan copying into it.
 */
export function backupProgram(withHomeVault = false): () => void {
  return () => {
    const dr = new aws.Provider("dr", { region: "us-west-2" });
    const drVault = new aws.backup.Vault("dr-vault", {}, { provider: dr });
    new aws.backup.Plan("plan", {
      rules: [
        {
          ruleName: "daily",
          targetVaultName: "primary",
          schedule: "cron(0 5 * * ? *)",
          copyActions: [{ destinationVaultArn: drVault.arn, lifecycle: { deleteAfter: 35 } }],
        },
      ],
    });
    if (withHomeVault) {
      const homeVault = new aws.backup.Vault("home-vault", { name: "home" });
      new aws.backup.Plan("home-plan", {
        rules: [{ ruleName: "hourly", targetVaultName: "primary", copyActions: [{ destinationVaultArn: homeVault.arn }] }],
      });
    }
  };
}

/** A program that records what config it saw. */
export function configProbeProgram(seen: Record<string, unknown>): () => void {
  return () => {
    seen["scenario"] = new pulumi.Config().get("scenario");
    seen["awsRegion"] = aws.config.region;
    seen["project"] = pulumi.getProject();
    seen["stack"] = pulumi.getStack();
    seen["dryRun"] = pulumi.runtime.isDryRun();
  };
}

/** Creates a temp dir whose node_modules links to the repository's, so files in it can require packages. */
export function tempDirWithModules(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Removes a temp dir made by {@link tempDirWithModules} (the node_modules link first, never its target). */
export function removeTempDir(dir: string | undefined): void {
  if (!dir) {
    return;
  }
  fs.rmSync(path.join(dir, "node_modules"), { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a throwaway policy pack (PulumiPolicy.yaml, package.json, index.js) into a new temp dir. */
export function writeTinyPack(indexJs: string, version = "1.2.3", policyYaml = "runtime: nodejs\n"): string {
  const dir = tempDirWithModules("tiny-pack-");
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), policyYaml);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tiny-pack", version, main: "index.js" }, null, 2));
  fs.writeFileSync(path.join(dir, "index.js"), indexJs);
  return dir;
}

/** The tiny pack: one mandatory resource policy and one configurable mandatory stack policy. */
export const TINY_PACK_INDEX = `
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("tiny-pack", {
  policies: [
    {
      name: "vault-needs-name",
      description: "Backup vaults must have an explicit name.",
      enforcementLevel: "mandatory",
      severity: "high",
      validateResource: (args, report) => {
        if (args.type === "aws:backup/vault:Vault" && !args.props.name) {
          const region = args.provider ? args.provider.props.region : "?";
          report("vault " + args.name + " (provider " + args.provider.name + ", region " + region + ") has no name");
        }
      },
    },
    {
      name: "copies-leave-home-region",
      description: "Backup copies go to a vault outside the home region.",
      enforcementLevel: "mandatory",
      configSchema: { properties: { homeRegion: { type: "string", default: "eu-west-3" } } },
      validateStack: (args, report) => {
        const home = args.getConfig().homeRegion;
        for (const plan of args.resources.filter((r) => r.type === "aws:backup/plan:Plan")) {
          const rules = plan.props.rules.length; // throws UnknownValueError when rules is wholly unknown
          for (const vault of plan.propertyDependencies.rules || []) {
            const region = vault.props.region || (vault.provider && vault.provider.props.region);
            if (region === home) {
              report("plan " + plan.name + " (" + rules + " rule) copies to " + vault.name + " in " + region + ", the home region", plan.urn);
            }
          }
        }
      },
    },
  ],
});
`;
