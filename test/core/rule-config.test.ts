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

  describe("resolved once per config", () => {
    it("reuses the resolution while the runtime hands fresh copies of the same config", () => {
      // What getConfig() returns on each call: a new shallow copy of the config Configure set.
      const configured = { enforcementLevel: "mandatory", trustedAccounts: ["222222222222"], onUnresolved: "advisory" };
      const first = resolveRuleConfig(backupOfflineCopy.meta, { ...configured });
      const second = resolveRuleConfig(backupOfflineCopy.meta, { ...configured });
      expect(first).toEqual({ ok: true, config: { onUnresolved: "advisory", trustedAccounts: ["222222222222"] } });
      expect(second).toBe(first);
    });

    it("resolves again after a new Configure, whose values are new objects", () => {
      const before = resolveRuleConfig(backupOfflineCopy.meta, { trustedAccounts: ["222222222222"] });
      const after = resolveRuleConfig(backupOfflineCopy.meta, { trustedAccounts: ["333333333333"] });
      expect(before).toEqual({ ok: true, config: { onUnresolved: "mandatory", trustedAccounts: ["222222222222"] } });
      expect(after).toEqual({ ok: true, config: { onUnresolved: "mandatory", trustedAccounts: ["333333333333"] } });
    });

    it("resolves again when a value, a key or the whole config changes", () => {
      expect(resolveRuleConfig(backupImmutable.meta, { minRetentionDays: 14 })).toEqual({ ok: true, config: { onUnresolved: "mandatory", minRetentionDays: 14 } });
      expect(resolveRuleConfig(backupImmutable.meta, { minRetentionDays: 21 })).toEqual({ ok: true, config: { onUnresolved: "mandatory", minRetentionDays: 21 } });
      expect(resolveRuleConfig(backupImmutable.meta, { minRetentionDays: 21, onUnresolved: "advisory" })).toEqual({ ok: true, config: { onUnresolved: "advisory", minRetentionDays: 21 } });
      expect(resolveRuleConfig(backupImmutable.meta, { minRetentionDays: 0 })).toEqual({ ok: false, errors: ['backup-immutable: config key "minRetentionDays" must be >= 1'] });
      expect(resolveRuleConfig(backupImmutable.meta, undefined)).toEqual({ ok: true, config: { onUnresolved: "mandatory", minRetentionDays: 7 } });
    });

    it("keeps the resolutions of different rules apart", () => {
      const raw = { onUnresolved: "advisory" };
      expect(resolveRuleConfig(backupImmutable.meta, raw)).toEqual({ ok: true, config: { onUnresolved: "advisory", minRetentionDays: 7 } });
      expect(resolveRuleConfig(backupOfflineCopy.meta, raw)).toEqual({ ok: true, config: { onUnresolved: "advisory", trustedAccounts: [] } });
    });

    it("hands out a frozen config, so that no caller can change what the others read", () => {
      const resolved = resolveRuleConfig(backupOfflineCopy.meta, { trustedAccounts: ["222222222222"] });
      if (!resolved.ok) throw new Error("expected a valid config");
      expect(Object.isFrozen(resolved.config)).toBe(true);
      expect(Object.isFrozen((resolved.config as unknown as { trustedAccounts: string[] }).trustedAccounts)).toBe(true);
    });
  });
});
