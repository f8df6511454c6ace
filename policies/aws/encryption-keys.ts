import { KeyFact } from "../core/data-stores";
import { PlannedResource, StackIndex } from "../core/planned-stack";

/** The key that encrypts a data store's data. */
export function encryptionKeyOf(index: StackIndex, resource: PlannedResource): KeyFact {
  void index;
  return { state: "unknown", basis: `encryption of ${resource.name} not analysed yet` };
}
