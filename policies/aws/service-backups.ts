import { DestructiveSetting, ServiceBackup } from "../core/data-stores";
import { PlannedResource, StackIndex } from "../core/planned-stack";

/** A data store's own automatic backups (RDS automated backups, DynamoDB PITR, FSx automatic backups). */
export function serviceBackupsOf(index: StackIndex, resource: PlannedResource): ServiceBackup[] {
  void index;
  void resource;
  return [];
}

/** Settings of a data store that destroy its backups when it is deleted. */
export function destructiveSettingsOf(resource: PlannedResource): DestructiveSetting[] {
  void resource;
  return [];
}
