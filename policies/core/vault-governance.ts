/** What governs a vault that holds backups: its access policy and the restore tests that read it. */
export interface VaultGovernance {
  readonly urn: string;
  readonly label: string;
}
