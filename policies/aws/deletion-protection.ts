import { Fact } from "../core/facts";
import { PlannedResource } from "../core/planned-stack";

/** A data store's deletion protection; undefined when the service offers none. */
export function deletionProtectionOf(resource: PlannedResource): { readonly setting: string; readonly enabled: Fact<boolean> } | undefined {
  void resource;
  return undefined;
}
