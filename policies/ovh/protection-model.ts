import { PlannedStack, StackIndex } from "../core/planned-stack";
import { ProtectionModel } from "../core/protection-model";
import { databaseRoutes } from "./database-backups";
import { instanceBackupRoutes } from "./instance-backups";
import { OvhPlacement } from "./placement";
import { replicationRoutes } from "./storage-replication";

/** Builds the cloud-neutral protection model of the OVHcloud resources of a planned stack. */
export function buildOvhProtectionModel(stack: PlannedStack): ProtectionModel {
  const index = new StackIndex(stack);
  const placement = new OvhPlacement(stack.stackConfig, index);
  return {
    wholeStack: stack.scope === "stack",
    routes: [...databaseRoutes(index, placement), ...instanceBackupRoutes(index, placement), ...replicationRoutes(index, placement)],
    immutabilityControls: [],
    zonalResources: [],
    dataStores: [],
    vaults: [],
    problems: [],
  };
}
