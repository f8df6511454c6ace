import type { AnalyzerInfoData } from "../../harness/analyzer-types";
import { engineStylePolicyConfig, parsePolicyConfigFile, PolicyConfigError } from "../../harness/policy-pack-config";

const info: AnalyzerInfoData = {
  name: "backup-guard",
  displayName: "",
  version: "0.1.0",
  description: "",
  supportsConfig: true,
  initialConfig: {},
  policies: [
    {
      name: "cross-region-copy",
      displayName: "",
      description: "copies leave the region",
      enforcementLevel: "mandatory",
      severity: "critical",
      policyType: "stack",
      configSchema: {
        properties: {
          onUnresolved: { type: "string", enum: ["mandatory", "advisory"], default: "mandatory" },
          minCopies: { type: "integer", minimum: 1, default: 1 },
          allowedRegions: { type: "array", items: { type: "string" } },
        },
        required: [],
      },
    },
    { name: "vault-lock", displayName: "", description: "vaults are locked", enforcementLevel: "advisory", severity: "", policyType: "resource" },
  ],
};

describe("engineStylePolicyConfig", () => {
  it("sends every policy with its own level and all schema defaults when no file is given", () => {
    expect(engineStylePolicyConfig(info)).toEqual({
      "cross-region-copy": { enforcementLevel: "mandatory", properties: { onUnresolved: "mandatory", minCopies: 1 } },
      "vault-lock": { enforcementLevel: "advisory", properties: {} },
    });
  });

  it("applies the file on top: levels as strings or in objects, properties merged over defaults", () => {
    expect(
      engineStylePolicyConfig(info, {
        "cross-region-copy": { enforcementLevel: "advisory", minCopies: 2, allowedRegions: ["eu-west-1"] },
        "vault-lock": "mandatory",
      }),
    ).toEqual({
      "cross-region-copy": {
        enforcementLevel: "advisory",
        properties: { onUnresolved: "mandatory", minCopies: 2, allowedRegions: ["eu-west-1"] },
      },
      "vault-lock": { enforcementLevel: "mandatory", properties: {} },
    });
  });

  it("lets `all` set every level before per-policy entries, and keeps `all` as an entry like the engine", () => {
    expect(engineStylePolicyConfig(info, { all: "disabled", "vault-lock": "advisory" })).toEqual({
      "cross-region-copy": { enforcementLevel: "disabled", properties: { onUnresolved: "mandatory", minCopies: 1 } },
      "vault-lock": { enforcementLevel: "advisory", properties: {} },
      all: { enforcementLevel: "disabled", properties: {} },
    });
  });

  it("applies the pack's initial config before the file", () => {
    const withInitial: AnalyzerInfoData = { ...info, initialConfig: { "vault-lock": { enforcementLevel: "mandatory", properties: {} } } };
    expect(engineStylePolicyConfig(withInitial)["vault-lock"]).toEqual({ enforcementLevel: "mandatory", properties: {} });
    expect(engineStylePolicyConfig(withInitial, { "vault-lock": "advisory" })["vault-lock"]?.enforcementLevel).toBe("advisory");
  });

  it("rejects invalid levels and values that fail a policy's schema, as the engine does", () => {
    expect(() => engineStylePolicyConfig(info, { "vault-lock": "strict" as never })).toThrow(
      new PolicyConfigError(['vault-lock: "strict" is not a valid enforcement level']),
    );
    expect(() => engineStylePolicyConfig(info, { "cross-region-copy": { minCopies: 0 } })).toThrow(
      new PolicyConfigError(["cross-region-copy: /minCopies must be >= 1"]),
    );
    expect(() => parsePolicyConfigFile(["not", "an", "object"])).toThrow(PolicyConfigError);
  });
});
