import { resolveRuleConfig } from "../../policies/core/rule-config";
import { backupImmutable, backupOfflineCopy } from "../../policies/rules";

describe("rule config", () => {
  it("fills in defaults and ignores the engine's enforcementLevel", () => {
    expect(resolveRuleConfig(backupImmutable.meta, { enforcementLevel: "mandatory" })).toEqual({ ok: true, config: { onUnresolved: "mandatory", minRetentionDays: 7 } });
    expect(resolveRuleConfig(backupOfflineCopy.meta, undefined)).toEqual({ ok: true, config: { onUnresolved: "mandatory", trustedAccounts: [] } });
  });

  it("refuses unknown keys, wrong types and values out of range, naming the key", () => {
    expect(resolveRuleConfig(backupImmutable.meta, { minRetentionDays: 0, onUnresolved: "sometimes", typo: true })).toEqual({
      ok: false,
      errors: [
        'backup-immutable: config key "minRetentionDays" must be >= 1',
        'backup-immutable: config key "onUnresolved" is "sometimes", which is not one of "mandatory", "advisory"',
        'backup-immutable: unknown config key "typo"',
      ],
    });
    expect(resolveRuleConfig(backupOfflineCopy.meta, { trustedAccounts: ["12"] })).toEqual({
      ok: false,
      errors: ['backup-offline-copy: config key "trustedAccounts.0" must match pattern "^\\d{12}$"'],
    });
  });

  it("does not alter the config object it was given", () => {
    const raw = Object.freeze({ trustedAccounts: Object.freeze(["111111111111"]) });
    expect(resolveRuleConfig(backupOfflineCopy.meta, raw)).toEqual({ ok: true, config: { onUnresolved: "mandatory", trustedAccounts: ["111111111111"] } });
  });
});
