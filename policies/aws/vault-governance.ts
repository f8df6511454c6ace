import { StackIndex } from "../core/planned-stack";
import { ProtectionRoute } from "../core/protection-model";
import { VaultGovernance } from "../core/vault-governance";
import { AwsPlacement } from "./placement";

/** The stack's backup vaults with their access policies and restore tests. */
export function vaultGovernance(index: StackIndex, placement: AwsPlacement, routes: readonly ProtectionRoute[]): VaultGovernance[] {
  void index;
  void placement;
  void routes;
  return [];
}
