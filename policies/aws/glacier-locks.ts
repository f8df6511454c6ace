import { known } from "../core/facts";
import { StackIndex } from "../core/planned-stack";
import { ImmutabilityControl } from "../core/protection-model";
import { readBoolean } from "../core/raw-values";
import { AWS_TYPES } from "./type-tokens";

/** Glacier vault locks as immutability controls: only `completeLock: true` is a permanent lock. */
export function glacierLockControls(index: StackIndex): ImmutabilityControl[] {
  return index.ofTypes([AWS_TYPES.glacierVaultLock]).map((lock) => {
    const complete = readBoolean(lock.props, ["completeLock"]);
    return {
      urn: lock.urn,
      label: `Glacier vault lock "${lock.name}"`,
      mode:
        complete.state === "known"
          ? known(complete.value ? "compliance" : "governance", `completeLock = ${complete.value}`)
          : complete.state === "unknown"
            ? complete
            : known("governance", "completeLock not set"),
      weakness: {
        state: "is not completed, so it can be aborted",
        detail:
          "Its completeLock is not true: the lock stays in its 24-hour in-progress state, can be aborted, and the vault's archives stay deletable. " +
          "Set completeLock: true once the policy is tested, so the lock policy becomes immutable.",
      },
    };
  });
}
