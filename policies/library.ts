// The package's library entry (`import { BackupGuard } from "backup-guard"`): the policies, to compose
// into an organisation's own pack, and the backup map renderer. Importing it starts nothing; only the
// pack's entry (lib/pulumi/pack-entry.js, its `main`) constructs a PolicyPack.
export { BackupGuard, BackupGuardConfigError } from "./pulumi/backup-guard";
export type { BackupGuardConfig, BackupGuardPolicyConfig } from "./pulumi/backup-guard";
export type { ResourceAndStackPolicy } from "./pulumi/pulumi-policy";
export { PACK_NAME } from "./pulumi/pack-args";
export { renderBackupMap } from "./report/backup-map";
export type { BackupMapOptions } from "./report/backup-map";
export type { ReportedFinding, FindingLevel } from "./report/map-findings";
