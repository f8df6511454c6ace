import { BackupGuard, BackupGuardConfigError } from "../../policies/pulumi/backup-guard";
import { AnalysisSession } from "../../policies/pulumi/analysis-session";
import { PolicyEnvironment } from "../../policies/pulumi/pulumi-policy";

const environment = (): PolicyEnvironment => ({ session: new AnalysisSession(), stackConfig: {} });

describe("BackupGuard (the policies as a library)", () => {
  it("keeps each policy's default level and settings when given no configuration, exemptions first", () => {
    const policies = new BackupGuard({}, environment()).policies();
    expect(policies.map((p) => `${p.name} ${p.enforcementLevel}`)).toEqual([
      "backup-exemptions advisory",
      "backup-copy-residency mandatory",
      "backup-coverage mandatory",
      "backup-cross-region-copy mandatory",
      "backup-deletion-protection mandatory",
      "backup-external-vaults advisory",
      "backup-immutable mandatory",
      "backup-key-separation advisory",
      "backup-offline-copy mandatory",
      "backup-restore-testing advisory",
      "backup-retention-minimum mandatory",
      "backup-zone-separation mandatory",
    ]);
    expect(policies.find((p) => p.name === "backup-retention-minimum")?.configSchema?.properties["minimumDays"]?.default).toBe(30);
  });

  it("sets levels with all and per policy, and settings as the defaults the engine sends", () => {
    const policies = new BackupGuard({ all: "advisory", "backup-immutable": { enforcementLevel: "mandatory", minRetentionDays: 14 }, "backup-coverage": "disabled" }, environment()).policies();
    const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
    expect([levels["backup-cross-region-copy"], levels["backup-immutable"], levels["backup-coverage"]]).toEqual(["advisory", "mandatory", "disabled"]);
    expect(policies.find((p) => p.name === "backup-immutable")?.configSchema?.properties["minRetentionDays"]?.default).toBe(14);
  });

  it("refuses an unknown policy, level or setting, naming each", () => {
    let error: unknown;
    try {
      new BackupGuard({ "backup-imutable": "mandatory", all: "strict" as never, "backup-immutable": { minRetentionDay: 3 } }, environment());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackupGuardConfigError);
    expect((error as BackupGuardConfigError).problems).toEqual([
      expect.stringMatching(/^"backup-imutable" is not a backup-guard policy \(policies: backup-copy-residency, /),
      'all: enforcement level "strict" is not one of advisory, mandatory, remediate, disabled',
      'backup-immutable: unknown config key "minRetentionDay"',
    ]);
  });
});
