// The hand-written Terraform plan fixtures (test/fixtures/terraform) and the Pulumi designs they twin.
import { TerraformStyle, TwinDesign } from "./twin-designs";

const BACKUP_ACCOUNT = "222222222222";
const PROD_ACCOUNT = "111111111111";

/** One fixture: its file, the design, how Terraform writes it, and the mandatory findings it gives. */
export interface TwinFixture {
  readonly file: string;
  readonly design: TwinDesign;
  readonly style: TerraformStyle;
  /** The mandatory findings ("policy resource-address") the plan gives; none: the design passes. */
  readonly mandatory: readonly string[];
}

export const TWIN_FIXTURES: readonly TwinFixture[] = [
  {
    // A module receives `providers = { aws = aws.dr }`; the plan references the module's output ARN.
    file: "modules-passed-provider.plan.json",
    design: { destination: { region: "us-west-2", account: BACKUP_ACCOUNT }, vaultPolicy: true },
    style: { destinationInModule: true },
    mandatory: [],
  },
  {
    // The aliased provider's region comes from a root variable: the same region as the source.
    file: "aliased-provider-region-from-variable.plan.json",
    design: { destination: { region: "eu-west-3", account: BACKUP_ACCOUNT }, vaultPolicy: true },
    style: { regionFromVariable: true },
    mandatory: ["backup-cross-region-copy aws_backup_plan.plan"],
  },
  {
    // The destination vault has `count = 1`, the plan is a `for_each` instance.
    file: "count-and-for-each.plan.json",
    design: { destination: { region: "us-west-2", account: BACKUP_ACCOUNT }, vaultPolicy: true },
    style: { countedDestination: true, forEachPlan: true },
    mandatory: [],
  },
  {
    // AWS provider v6: the destination vault sets its own region on the default provider (prod account).
    file: "v6-resource-region.plan.json",
    design: { destination: "default", destinationRegion: "eu-central-1", vaultPolicy: true },
    style: { v6Region: true },
    mandatory: ["backup-offline-copy aws_backup_plan.plan"],
  },
  {
    // The destination ARN is unknown until apply; only configuration references say which vault it is.
    file: "unknown-destination-arn.plan.json",
    design: { destination: { region: "us-west-2", account: BACKUP_ACCOUNT }, destinationLock: "governance", vaultPolicy: true },
    style: {},
    mandatory: ["backup-immutable aws_backup_vault_lock_configuration.dr-lock"],
  },
  {
    // Sensitive copy retention and vault name: still values in the plan.
    file: "sensitive-values.plan.json",
    design: { destination: { region: "us-west-2", account: BACKUP_ACCOUNT }, copyDeleteAfter: 3, vaultPolicy: true },
    style: { sensitive: true, v6Region: true },
    mandatory: ["backup-immutable aws_backup_plan.plan", "backup-retention-minimum aws_backup_plan.plan"],
  },
  {
    // The destination's lock is destroyed by this plan: nothing locks the copies after apply.
    file: "destroyed-lock.plan.json",
    design: { destination: { region: "us-west-2", account: BACKUP_ACCOUNT }, destinationLock: "none", vaultPolicy: true },
    style: { removedDestinationLock: "delete" },
    mandatory: ["backup-immutable aws_backup_vault.dr"],
  },
  {
    // The destination's lock is forgotten (`removed { lifecycle { destroy = false } }`): no longer guaranteed.
    file: "forgotten-lock.plan.json",
    design: { destination: { region: "us-west-2", account: BACKUP_ACCOUNT }, destinationLock: "none", vaultPolicy: true },
    style: { removedDestinationLock: "forget", deployed: true },
    mandatory: ["backup-immutable aws_backup_vault.dr"],
  },
  {
    // Every resource already deployed (no-op): known ARNs, copies in the production account.
    file: "deployed-same-account.plan.json",
    design: { destination: { region: "us-west-2", account: PROD_ACCOUNT }, vaultPolicy: true },
    style: { deployed: true, v6Region: true },
    mandatory: ["backup-offline-copy aws_backup_plan.plan"],
  },
];
