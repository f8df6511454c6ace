// One AWS Backup design written twice: as the planned stack the Pulumi pack sees (test/support
// aws-backup-fixtures) and as the Terraform plan of the equivalent HCL. Both must give the same findings.
import { JsonObject } from "../../../policies/core/json";
import { PlannedStack } from "../../../policies/core/planned-stack";
import { BACKUP_ACCOUNT, BackupDesign, PROD_ACCOUNT, backupDesign } from "../../support/aws-backup-fixtures";
import { PlannedStackBuilder } from "../../support/planned-stack-builder";
import { AWS_TYPES } from "../../../policies/aws/type-tokens";
import { TerraformPlanBuilder, attr, constant, refs } from "./plan-builder";

/** How the Terraform twin writes the same design (none of it may change a verdict). */
export interface TerraformStyle {
  /** Resources carry the AWS provider v6 `region` attribute. */
  readonly v6Region?: boolean;
  /** The destination provider's region comes from a root variable instead of a constant. */
  readonly regionFromVariable?: boolean;
  /** The destination vault (and its lock) is created in `module.dr`, which receives `aws.dr` via `providers = {}`. */
  readonly destinationInModule?: boolean;
  /** The destination vault is created with `count = 1`. */
  readonly countedDestination?: boolean;
  /** The plan is an update of deployed resources: ARNs known, actions no-op. */
  readonly deployed?: boolean;
  /** The backup plan is one `for_each` instance (`aws_backup_plan.plan["daily"]`). */
  readonly forEachPlan?: boolean;
  /** `after_sensitive` flags the copy rules and vault names (values still present, as Terraform prints them). */
  readonly sensitive?: boolean;
  /** The plan also destroys (`delete`) or forgets (`forget`) a lock of the destination, which is then gone. */
  readonly removedDestinationLock?: "delete" | "forget";
}

/** A design: where the copy goes and how it is protected. */
export interface TwinDesign extends Pick<BackupDesign, "destinationAirGapped" | "destinationLock" | "sourceLock" | "noCopy" | "copyDeleteAfter"> {
  /** Destination provider: `default` or a region and account (the role assumed there). */
  readonly destination: "default" | { readonly region: string; readonly account: string };
  /** The destination vault's own region (AWS provider v6 / Pulumi v7 per-resource `region`). */
  readonly destinationRegion?: string;
  /** A vault policy denying recovery-point deletion on the destination vault. */
  readonly vaultPolicy?: boolean;
}

/** The access policy that denies deleting or shortening recovery points to everyone. */
export const DENY_DELETION_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }],
});

const SOURCE_REGION = "eu-west-3";
const lockAfter = (mode: "compliance" | "governance", vault: string): JsonObject => ({
  backup_vault_name: vault,
  changeable_for_days: mode === "compliance" ? 3 : null,
  min_retention_days: 7,
  max_retention_days: 365,
});

/** The design as the Pulumi pack's AnalyzeStack sees it. */
export function pulumiTwin(design: TwinDesign): PlannedStack {
  const remote = design.destination === "default" ? undefined : design.destination;
  const built = backupDesign({
    destinationProvider: remote
      ? new PlannedStackBuilder().provider("dr", { region: remote.region, assumeRoles: [{ roleArn: `arn:aws:iam::${remote.account}:role/backup-admin` }] })
      : "default",
    destinationAirGapped: design.destinationAirGapped,
    destinationLock: design.destinationLock,
    sourceLock: design.sourceLock,
    noCopy: design.noCopy,
    copyDeleteAfter: design.copyDeleteAfter,
  });
  if (design.vaultPolicy) {
    built.builder.add(
      AWS_TYPES.backupVaultPolicy,
      "dr-policy",
      { backupVaultName: "dr", policy: DENY_DELETION_POLICY },
      { provider: built.destination.provider, propertyDependencies: { backupVaultName: [built.destination] } },
    );
  }
  const stack = built.builder.stack();
  if (!design.destinationRegion) return stack;
  const region = design.destinationRegion;
  // The destination vault, its lock and its policy are all created in that region.
  const inRegion = (name: string): boolean => name === "dr" || name === "dr-lock" || name === "dr-policy";
  return { ...stack, resources: stack.resources.map((r) => (inRegion(r.name) ? { ...r, props: { ...r.props, region } } : r)) };
}

/** The same design as `terraform show -json` prints the plan of the equivalent HCL. */
export function terraformTwin(design: TwinDesign, style: TerraformStyle = {}): JsonObject {
  const tf = new TerraformPlanBuilder();
  tf.provider("aws", { region: constant(SOURCE_REGION), allowed_account_ids: constant([PROD_ACCOUNT]) });
  const remote = design.destination !== "default" ? design.destination : undefined;
  if (remote) {
    if (style.regionFromVariable) tf.variable("dr_region", remote.region);
    tf.provider("aws.dr", {
      region: style.regionFromVariable ? refs("var.dr_region") : constant(remote.region),
      assume_role: [{ role_arn: constant(`arn:aws:iam::${remote.account}:role/backup-admin`) }],
    });
  }
  const destinationRegion = design.destinationRegion ?? remote?.region ?? SOURCE_REGION;
  const region = (r: string): JsonObject => (style.v6Region ? { region: r } : {});
  const actions = style.deployed ? ["no-op"] : ["create"];
  const arnOf = (type: string, name: string, r: string, account: string): JsonObject =>
    style.deployed ? { arn: `arn:aws:backup:${r}:${account}:${type}:${name}`, id: name } : {};
  const computed = (...keys: string[]): JsonObject => (style.deployed ? {} : Object.fromEntries(keys.map((k) => [k, true])));

  tf.resource({
    type: "aws_backup_vault",
    name: "primary",
    actions,
    after: { name: "primary", force_destroy: false, ...region(SOURCE_REGION), ...arnOf("backup-vault", "primary", SOURCE_REGION, PROD_ACCOUNT) },
    afterUnknown: computed("arn", "id", "kms_key_arn", "recovery_points", "tags_all"),
    expressions: { name: constant("primary") },
  });
  const sourceLock = design.sourceLock ?? "compliance";
  if (sourceLock !== "none") {
    tf.resource({
      type: "aws_backup_vault_lock_configuration",
      name: "primary-lock",
      actions,
      after: { ...lockAfter(sourceLock, "primary"), ...region(SOURCE_REGION) },
      afterUnknown: computed("backup_vault_arn", "id"),
      expressions: { backup_vault_name: attr("aws_backup_vault.primary", "name"), min_retention_days: constant(7), max_retention_days: constant(365) },
    });
  }

  const module = style.destinationInModule ? "module.dr" : undefined;
  const providerKey = remote ? "aws.dr" : "aws";
  const index = style.countedDestination ? 0 : undefined;
  const destinationType = design.destinationAirGapped ? "aws_backup_logically_air_gapped_vault" : "aws_backup_vault";
  const destinationAccount = remote?.account ?? PROD_ACCOUNT;
  tf.resource({
    type: destinationType,
    name: "dr",
    module,
    index,
    actions,
    provider: providerKey,
    after: {
      name: "dr",
      ...(design.destinationAirGapped ? { min_retention_days: 7, max_retention_days: 365 } : { force_destroy: false }),
      ...(design.destinationRegion ? { region: design.destinationRegion } : region(destinationRegion)),
      ...arnOf("backup-vault", "dr", destinationRegion, destinationAccount),
    },
    afterUnknown: computed("arn", "id", "kms_key_arn", "tags_all"),
    afterSensitive: style.sensitive ? { name: true } : undefined,
    expressions: { name: constant("dr"), ...(design.destinationRegion ? { region: constant(design.destinationRegion) } : {}) },
  });
  const destinationLock = design.destinationLock ?? "compliance";
  if (!design.destinationAirGapped && destinationLock !== "none") {
    tf.resource({
      type: "aws_backup_vault_lock_configuration",
      name: "dr-lock",
      module,
      actions,
      provider: providerKey,
      after: { ...lockAfter(destinationLock, "dr"), ...(design.destinationRegion ? { region: design.destinationRegion } : region(destinationRegion)) },
      afterUnknown: computed("backup_vault_arn", "id"),
      expressions: { backup_vault_name: attr(`${destinationType}.dr${index === undefined ? "" : "[0]"}`, "name"), ...(design.destinationRegion ? { region: constant(design.destinationRegion) } : {}) },
    });
  }
  if (style.removedDestinationLock) {
    tf.resource({
      type: "aws_backup_vault_lock_configuration",
      name: "dr-old-lock",
      module,
      actions: [style.removedDestinationLock],
      provider: providerKey,
      after: null,
      noConfig: true,
    });
  }
  if (design.vaultPolicy) {
    tf.resource({
      type: "aws_backup_vault_policy",
      name: "dr-policy",
      module,
      actions,
      provider: providerKey,
      after: { backup_vault_name: "dr", policy: DENY_DELETION_POLICY, ...(design.destinationRegion ? { region: design.destinationRegion } : region(destinationRegion)) },
      afterUnknown: computed("backup_vault_arn", "id"),
      expressions: { backup_vault_name: attr(`${destinationType}.dr${index === undefined ? "" : "[0]"}`, "name"), policy: refs("local.deny_deletion") },
    });
  }
  if (module) {
    tf.module(["dr"], {}, {}, { vault_arn: { expression: attr(`${destinationType}.dr`, "arn") } });
  }

  const destinationArn = style.deployed ? `arn:aws:backup:${destinationRegion}:${destinationAccount}:backup-vault:dr` : undefined;
  const copyActions = design.noCopy ? [] : [{ lifecycle: [{ cold_storage_after: null, delete_after: design.copyDeleteAfter ?? 35, opt_in_to_archive_for_supported_resources: false }], ...(destinationArn ? { destination_vault_arn: destinationArn } : {}) }];
  tf.resource({
    type: "aws_backup_plan",
    name: "plan",
    index: style.forEachPlan ? "daily" : undefined,
    actions,
    afterSensitive: style.sensitive ? { rule: [{ copy_action: copyActions.map(() => ({ lifecycle: [{ delete_after: true }] })), lifecycle: [{}] }] } : undefined,
    after: {
      name: "plan",
      ...region(SOURCE_REGION),
      ...(style.deployed ? { arn: `arn:aws:backup:${SOURCE_REGION}:${PROD_ACCOUNT}:backup-plan:plan`, id: "plan" } : {}),
      rule: [
        {
          rule_name: "daily",
          target_vault_name: "primary",
          schedule: "cron(0 5 * * ? *)",
          enable_continuous_backup: false,
          lifecycle: [{ cold_storage_after: null, delete_after: 35, opt_in_to_archive_for_supported_resources: false }],
          copy_action: copyActions,
        },
      ],
    },
    afterUnknown: style.deployed
      ? {}
      : { arn: true, id: true, version: true, tags_all: true, rule: [{ completion_window: true, start_window: true, lifecycle: [{}], copy_action: copyActions.map(() => ({ destination_vault_arn: true, lifecycle: [{}] })) }] },
    expressions: {
      name: constant("plan"),
      rule: [
        {
          rule_name: constant("daily"),
          target_vault_name: attr("aws_backup_vault.primary", "name"),
          ...(design.noCopy
            ? {}
            : { copy_action: [{ destination_vault_arn: module ? refs("module.dr.vault_arn", "module.dr") : attr(`${destinationType}.dr`, "arn") }] }),
        },
      ],
    },
  });
  return tf.plan();
}

export { BACKUP_ACCOUNT, PROD_ACCOUNT };
