import * as fs from "fs";
import * as path from "path";
import { stackFromTerraformPlan } from "../../../policies/adapters/terraform/plan-to-stack";
import { TERRAFORM_VOCABULARY } from "../../../policies/adapters/terraform/vocabulary";
import { AWS_TYPES } from "../../../policies/aws/type-tokens";
import { PULUMI_VOCABULARY } from "../../../policies/core/source-vocabulary";
import { evaluateStack } from "../../../policies/evaluate-stack";

const ROOT = path.join(__dirname, "..", "..", "..");

function blockedPlanFindings(config: Record<string, unknown> = {}) {
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, "example", "terraform", "blocked.plan.json"), "utf8")) as unknown;
  return evaluateStack(stackFromTerraformPlan(plan), config, { today: "2026-12-02" }).findings;
}

describe("Terraform findings name Terraform fixes, not Pulumi ones", () => {
  it("tells a Terraform user to add a provider block with an alias for the copy's region", () => {
    const finding = blockedPlanFindings().find((f) => f.policy === "backup-cross-region-copy" && f.resource === "aws_backup_plan.orders-backup");
    expect(finding).toEqual({
      policy: "backup-cross-region-copy",
      level: "mandatory",
      outcome: "violation",
      resource: "aws_backup_plan.orders-backup",
      code: "same-region-copy",
      subject: 'rule "daily"',
      message:
        'rule "daily" of backup plan "aws_backup_plan.orders-backup" copies its recovery points only within the same region (eu-west-3). Copies: copy action → vault "aws_backup_vault.dr" in eu-west-3 (region input of aws_backup_vault.dr), the region of source vault "aws_backup_vault.primary". ' +
        "A regional disaster would destroy the backups and their copies together. " +
        'Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. a provider "aws" block with alias = "dr" and region = "eu-central-1", set on the resource as provider = aws.dr).',
    });
  });

  it("names allowed_account_ids and assume_role, and a provider block, in residency fixes", () => {
    const findings = blockedPlanFindings({ "backup-copy-residency": { allowedRegions: ["eu-central-*"], allowedAccounts: ["222222222222"] } });
    const replication = "aws_s3_bucket_replication_configuration.orders-exports";
    expect(findings.filter((f) => f.policy === "backup-copy-residency" && f.resource === replication)).toEqual([
      {
        policy: "backup-copy-residency",
        level: "mandatory",
        outcome: "violation",
        resource: replication,
        code: "copy-outside-allowed-accounts",
        subject: 'replication rule "everything"',
        message:
          `replication rule "everything" keeps copies in account 111111111111, outside the allowed accounts. Route: replication rule "everything" of replication configuration "${replication}" of bucket "aws_s3_bucket.orders-exports". Outside the allowed accounts (allowedAccounts: "222222222222"): replica → bucket "aws_s3_bucket.orders-exports-replica" in account 111111111111 (provider aws.dr assumeRoles[0].roleArn). ` +
          "Whoever administers that account can read, move or delete the copies: data handed to another account or provider without consent is data out of control. " +
          "Send the copy into an allowed account: create the destination through a provider that assumes a role there (assume_role) or sets allowed_account_ids (for S3 replication, also set destination.account to that account); if the account is approved, add it to allowedAccounts.",
      },
      {
        policy: "backup-copy-residency",
        level: "mandatory",
        outcome: "violation",
        resource: replication,
        code: "copy-outside-allowed-regions",
        subject: 'replication rule "everything"',
        message:
          `replication rule "everything" keeps copies in eu-west-3, outside the allowed regions. Route: replication rule "everything" of replication configuration "${replication}" of bucket "aws_s3_bucket.orders-exports". Outside the allowed regions (allowedRegions: "eu-central-*"): replica → bucket "aws_s3_bucket.orders-exports-replica" in eu-west-3 (region input of aws_s3_bucket.orders-exports-replica). ` +
          "Where backups are kept is a commitment to the data's owner (contracts, rules on transfers of personal data, the data locations DORA asks financial entities to record): a copy moved elsewhere breaks it without anyone noticing. " +
          'Create the destination (replica bucket, replica file system, snapshot copy) through a provider for an allowed region (e.g. a provider "aws" block with alias = "eu" and region = "eu-central-1", set on the resource as provider = aws.eu) or set its region input, destination.region or the DLM rule\'s target to an allowed region; if the region is approved, add it to allowedRegions.',
      },
    ]);
  });

  it("names the configuration references a Terraform argument was resolved through, in Terraform spelling", () => {
    expect(TERRAFORM_VOCABULARY.references(AWS_TYPES.backupPlan, "rules")).toBe("the references of aws_backup_plan.rule in the configuration");
    expect(TERRAFORM_VOCABULARY.references(AWS_TYPES.s3ReplicationConfig, "bucket")).toBe("the references of aws_s3_bucket_replication_configuration.bucket in the configuration");
    expect(TERRAFORM_VOCABULARY.references("aws:unmapped/thing:Thing", "someProperty")).toBe("the references of some_property in the configuration");
  });

  it("keeps the Pulumi wording for Pulumi stacks", () => {
    expect(PULUMI_VOCABULARY.providerForRegion("dr", "eu-central-1")).toBe('new aws.Provider("dr", { region: "eu-central-1" })');
    expect(PULUMI_VOCABULARY.references(AWS_TYPES.backupPlan, "rules")).toBe("propertyDependencies.rules");
  });
});

describe("settings, values and resource types in each source's words", () => {
  it("writes Pulumi paths and object values as a Pulumi program does", () => {
    expect(PULUMI_VOCABULARY.setting("objectLock.rule.period")).toBe("objectLock.rule.period");
    expect(PULUMI_VOCABULARY.assignment("backupRegions", '["SBG", "GRA"]')).toBe('backupRegions: ["SBG", "GRA"]');
    expect(PULUMI_VOCABULARY.resourceType("ovh:CloudProject/storage:Storage", "ovh.cloudproject.Storage")).toBe("ovh.cloudproject.Storage");
    expect([PULUMI_VOCABULARY.ovhAccounts, PULUMI_VOCABULARY.ovhAccountsWhere]).toEqual(["backup-guard:ovhAccounts", "stack config backup-guard:ovhAccounts"]);
  });

  it("writes them as a Terraform configuration does: snake_case arguments, HCL objects, the type of the token", () => {
    expect(TERRAFORM_VOCABULARY.setting("objectLock.rule.period")).toBe("object_lock.rule.period");
    expect(TERRAFORM_VOCABULARY.assignment("backupRegions", '["SBG", "GRA"]')).toBe('backup_regions = ["SBG", "GRA"]');
    expect(TERRAFORM_VOCABULARY.assignment("objectLock", '{ status: "enabled", rule: { mode: "compliance", period: "P30D" } }')).toBe(
      'object_lock = { status = "enabled", rule = { mode = "compliance", period = "P30D" } }',
    );
    expect(TERRAFORM_VOCABULARY.resourceType("ovh:CloudProject/storage:Storage", "ovh.cloudproject.Storage")).toBe("ovh_cloud_project_storage");
    expect(TERRAFORM_VOCABULARY.resourceType(AWS_TYPES.backupVault, "aws.backup.Vault")).toBe("aws_backup_vault");
    expect(TERRAFORM_VOCABULARY.resourceType("ovh:Unknown/thing:Thing", "ovh.Thing")).toBe("ovh.Thing");
    expect([TERRAFORM_VOCABULARY.ovhAccounts, TERRAFORM_VOCABULARY.ovhAccountsWhere]).toEqual(["--ovh-accounts", "the file given to --ovh-accounts"]);
  });
});

describe("resource classes in a finding's text, in each source's words", () => {
  it("leaves Pulumi's class names in a Pulumi program's findings", () => {
    expect(PULUMI_VOCABULARY.inOwnWords("Attach an aws.backup.VaultPolicy to the vault.")).toBe("Attach an aws.backup.VaultPolicy to the vault.");
  });

  it("names the Terraform types of the classes in a plan's findings, and leaves classes no type map declares", () => {
    expect(TERRAFORM_VOCABULARY.inOwnWords("Attach an aws.backup.VaultPolicy; or use aws.backup.LogicallyAirGappedVault, aws.s3.Bucket or ovh.cloudproject.Storage.")).toBe(
      "Attach an aws_backup_vault_policy; or use aws_backup_logically_air_gapped_vault, aws_s3_bucket or ovh_cloud_project_storage.",
    );
    expect(TERRAFORM_VOCABULARY.inOwnWords("Set aws.backup.GlobalSettings (not read); keep aws.backup.Vault.")).toBe("Set aws.backup.GlobalSettings (not read); keep aws_backup_vault.");
  });

  it("names Terraform's destroy command in a plan's findings, and Pulumi's in a program's", () => {
    const text = "One delete call, from a mistaken `pulumi destroy` or replacement, removes the data at once.";
    expect(TERRAFORM_VOCABULARY.inOwnWords(text)).toBe("One delete call, from a mistaken `terraform destroy` or replacement, removes the data at once.");
    expect(PULUMI_VOCABULARY.inOwnWords(text)).toBe(text);
  });

  it("speaks Terraform in every finding of the blocked plan: no Pulumi class is left", () => {
    const findings = blockedPlanFindings();
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => /\baws\.[a-z0-9]+\.[A-Z]/.test(f.message)).map((f) => `${f.policy} ${f.resource}`)).toEqual([]);
    expect(findings.find((f) => f.policy === "backup-offline-copy" && f.resource === "aws_backup_plan.orders-backup")?.message).toContain(
      "Copy at least once into a logically air-gapped vault (aws_backup_logically_air_gapped_vault)",
    );
  });
});
