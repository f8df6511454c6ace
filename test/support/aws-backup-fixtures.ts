import { JsonObject } from "../../policies/core/json";
import { PlannedProvider, PlannedResource } from "../../policies/core/planned-stack";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { PlannedStackBuilder, UNKNOWN } from "./planned-stack-builder";

/** Options of the happy-path AWS Backup design; each test mutates one thing. */
export interface BackupDesign {
  /** Provider of the destination vault (default: a provider in us-west-2, another account). */
  readonly destinationProvider?: PlannedProvider | "default";
  /** Destination vault type. */
  readonly destinationAirGapped?: boolean;
  /** Lock of the destination vault: compliance (default), governance, or none. */
  readonly destinationLock?: "compliance" | "governance" | "none";
  /** Lock of the source vault. */
  readonly sourceLock?: "compliance" | "governance" | "none";
  /** Literal destination ARN instead of the vault's unknown ARN. */
  readonly destinationArn?: string;
  /** No copy action at all. */
  readonly noCopy?: boolean;
  /** Copy retention (days). */
  readonly copyDeleteAfter?: number;
}

/** The resources of a built design. */
export interface BuiltDesign {
  readonly builder: PlannedStackBuilder;
  readonly plan: PlannedResource;
  readonly source: PlannedResource;
  readonly destination: PlannedResource;
  readonly locks: PlannedResource[];
}

const PROD_ACCOUNT = "111111111111";
const BACKUP_ACCOUNT = "222222222222";

export { PROD_ACCOUNT, BACKUP_ACCOUNT };

function lockProps(mode: "compliance" | "governance", vaultName: string): JsonObject {
  const props: JsonObject = { backupVaultName: vaultName, minRetentionDays: 7, maxRetentionDays: 365 };
  if (mode === "compliance") props["changeableForDays"] = 3;
  return props;
}

/**
 * A source vault "primary" (default provider, eu-west-3, production account from stack config), a
 * destination vault "dr" created through a provider in us-west-2 that assumes a role in the backup
 * account, compliance locks on both, and a plan whose copy action points at the destination's ARN
 * (unknown in preview, resolved through `propertyDependencies.rules`).
 */
export function backupDesign(design: BackupDesign = {}): BuiltDesign {
  const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]) });
  const drProvider =
    design.destinationProvider === "default"
      ? builder.defaultProvider
      : (design.destinationProvider ??
        builder.provider("dr", { region: "us-west-2", assumeRoles: [{ roleArn: `arn:aws:iam::${BACKUP_ACCOUNT}:role/backup-admin` }] }));
  const source = builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
  const destination = design.destinationAirGapped
    ? builder.add(AWS_TYPES.backupLogicallyAirGappedVault, "dr", { name: "dr", minRetentionDays: 7, maxRetentionDays: 365 }, { provider: drProvider })
    : builder.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: drProvider });
  const locks: PlannedResource[] = [];
  const sourceLock = design.sourceLock ?? "compliance";
  if (sourceLock !== "none") {
    locks.push(builder.add(AWS_TYPES.backupVaultLockConfiguration, "primary-lock", lockProps(sourceLock, "primary"), { propertyDependencies: { backupVaultName: [source] } }));
  }
  const destinationLock = design.destinationLock ?? "compliance";
  if (!design.destinationAirGapped && destinationLock !== "none") {
    locks.push(
      builder.add(AWS_TYPES.backupVaultLockConfiguration, "dr-lock", lockProps(destinationLock, "dr"), {
        provider: drProvider,
        propertyDependencies: { backupVaultName: [destination] },
      }),
    );
  }
  const copyActions = design.noCopy
    ? []
    : [{ destinationVaultArn: design.destinationArn ?? UNKNOWN, lifecycle: { deleteAfter: design.copyDeleteAfter ?? 35 } }];
  const plan = builder.add(
    AWS_TYPES.backupPlan,
    "plan",
    { name: "plan", rules: [{ ruleName: "daily", targetVaultName: "primary", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 }, copyActions }] },
    { propertyDependencies: { rules: design.destinationArn || design.noCopy ? [source] : [source, destination] } },
  );
  return { builder, plan, source, destination, locks };
}

/** A backup plan name long enough (127 characters) that a message cannot name the route in full in its first sentence. */
export const LONG_PLAN_NAME = `orders-${"x".repeat(120)}`;

/**
 * A plan named {@link LONG_PLAN_NAME} whose rule "daily" backs up into vault "primary" (eu-west-3, the
 * production account) and copies into vault "dr" of us-east-1 (same credentials, its ARN unknown).
 */
export function longNamedPlanStack(): ReturnType<PlannedStackBuilder["stack"]> {
  const builder = new PlannedStackBuilder({ "aws:region": "eu-west-3", "aws:allowedAccountIds": JSON.stringify([PROD_ACCOUNT]) });
  const primary = builder.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
  const dr = builder.add(AWS_TYPES.backupVault, "dr", { name: "dr" }, { provider: builder.provider("us", { region: "us-east-1" }) });
  const rules = [{ ruleName: "daily", targetVaultName: "primary", copyActions: [{ destinationVaultArn: UNKNOWN }] }];
  builder.add(AWS_TYPES.backupPlan, LONG_PLAN_NAME, { name: LONG_PLAN_NAME, rules }, { propertyDependencies: { rules: [primary, dr] } });
  return builder.stack();
}
