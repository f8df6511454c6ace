import { PlannedStack, StackIndex } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
import { BackupPlanRoutes } from "./backup-plans";
import { BackupVaults } from "./backup-vaults";
import { AwsPlacement } from "./placement";

/** Builds the cloud-neutral protection model of the AWS resources of a planned stack. */
export function buildAwsProtectionModel(stack: PlannedStack): ProtectionModel {
  const index = new StackIndex(stack);
  const placement = new AwsPlacement(stack.stackConfig);
  placement.learnAccounts(stack.resources);
  const vaults = new BackupVaults(index, placement);
  const plans = new BackupPlanRoutes(index, placement, vaults);
  const routes = plans.routes();
  return { routes, immutabilityControls: vaults.controls, problems: plans.problems };
}
