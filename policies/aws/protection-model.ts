import { PlannedStack, StackIndex } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
import { BackupPlanRoutes } from "./backup-plans";
import { BackupVaults } from "./backup-vaults";
import { dataStores } from "./data-stores";
import { EbsCopyRoutes, RecycleBin } from "./ebs-copies";
import { EfsReplicationRoutes } from "./efs-replication";
import { ExternalVault } from "./external-vaults";
import { glacierLockControls } from "./glacier-locks";
import { AwsPlacement } from "./placement";
import { RdsCopyRoutes } from "./rds-copies";
import { S3Buckets } from "./s3-buckets";
import { S3ReplicationRoutes } from "./s3-replication";
import { ResourceTagMap } from "./tags";
import { vaultGovernance } from "./vault-governance";
import { zonalResources } from "./zonal-resources";

/** What the organisation declares besides the stack (the pack's config). */
export interface AwsModelOptions {
  /** Vaults outside the stack that the organisation vouches for (`backup-external-vaults`). */
  readonly externalVaults?: readonly ExternalVault[];
}

/** Builds the cloud-neutral protection model of the AWS resources of a planned stack. */
export function buildAwsProtectionModel(stack: PlannedStack, options: AwsModelOptions = {}): ProtectionModel {
  const index = new StackIndex(stack);
  const placement = new AwsPlacement(stack.stackConfig, index);
  placement.learnAccounts(stack.resources);
  const wholeStack = stack.scope === "stack";
  const vaults = new BackupVaults(index, placement, options.externalVaults);
  const plans = new BackupPlanRoutes(index, placement, vaults);
  const s3 = new S3ReplicationRoutes(index, placement, new S3Buckets(index, placement));
  const ebs = new EbsCopyRoutes(index, placement, new RecycleBin(index, placement, wholeStack));
  const routes = [
    ...plans.routes(),
    ...s3.routes(),
    ...new RdsCopyRoutes(index, placement).routes(),
    ...ebs.routes(),
    ...new EfsReplicationRoutes(index, placement).routes(),
  ];
  return {
    wholeStack,
    routes,
    immutabilityControls: [...vaults.controls, ...glacierLockControls(index)],
    zonalResources: wholeStack ? zonalResources(index, placement, routes) : [],
    dataStores: dataStores(index, placement, routes, wholeStack),
    vaults: vaultGovernance(index, placement, routes),
    problems: [...plans.problems, ...s3.problems, ...ebs.problems],
    resourceTags: new ResourceTagMap(index),
  };
}
