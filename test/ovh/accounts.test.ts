import { buildOvhProtectionModel } from "../../policies/ovh/protection-model";
import { OVH_ACCOUNTS_CONFIG_KEY, ovhAccounts } from "../../policies/ovh/accounts";
import { findingsOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const PROD = "0123456789abcdef0123456789abcdef";
const OTHER = "fedcba9876543210fedcba9876543210";

function databaseStack(config: Record<string, string>, serviceName: string = PROD) {
  const b = new PlannedStackBuilder(config);
  b.add("ovh:CloudProject/database:Database", "orders-db", { serviceName, engine: "postgresql", nodes: [{ region: "SBG" }], backupRegions: ["SBG", "GRA"] });
  return b.stack();
}

describe("OVHcloud accounts (stack config backup-guard:ovhAccounts)", () => {
  it("maps each project to its account", () => {
    const parsed = ovhAccounts({ [OVH_ACCOUNTS_CONFIG_KEY]: JSON.stringify({ "ab12345-ovh": [PROD], "cd67890-ovh": [OTHER] }) });
    expect(parsed).toEqual({ ok: true, accountOf: new Map([[PROD, "ab12345-ovh"], [OTHER, "cd67890-ovh"]]) });
  });

  it("maps nothing when the key is not set", () => {
    expect(ovhAccounts({})).toEqual({ ok: true, accountOf: new Map() });
  });

  it.each([
    ["not JSON", "{", `${OVH_ACCOUNTS_CONFIG_KEY} is not JSON (expected {"<account>": ["<32-hex project id>", ...]})`],
    ["a list", "[]", `${OVH_ACCOUNTS_CONFIG_KEY} is invalid: (root) must be object (expected {"<account>": ["<32-hex project id>", ...]})`],
    ["a project id that is not 32 hex digits", JSON.stringify({ "ab12345-ovh": ["prod"] }), `${OVH_ACCOUNTS_CONFIG_KEY} is invalid: /ab12345-ovh/0 must match pattern "^[0-9a-f]{32}$" (expected {"<account>": ["<32-hex project id>", ...]})`],
    ["a project under two accounts", JSON.stringify({ a: [PROD], b: [PROD] }), `${OVH_ACCOUNTS_CONFIG_KEY} lists project ${PROD} under two accounts (a and b)`],
  ])("rejects %s with a clear error", (_name, raw, error) => {
    expect(ovhAccounts({ [OVH_ACCOUNTS_CONFIG_KEY]: raw })).toEqual({ ok: false, error });
  });

  it("places a database's backups in the account of its project", () => {
    const model = buildOvhProtectionModel(databaseStack({ [OVH_ACCOUNTS_CONFIG_KEY]: JSON.stringify({ "ab12345-ovh": [PROD] }) }));
    expect(model.routes[0].views[0].copies[0].store.placement.account).toEqual({
      state: "known",
      accountIds: ["ab12345-ovh"],
      basis: `project ${PROD} is in ab12345-ovh per ${OVH_ACCOUNTS_CONFIG_KEY}`,
    });
  });

  it("blocks the database's copies in its named account as not offline", () => {
    const [finding] = findingsOf("backup-offline-copy", databaseStack({ [OVH_ACCOUNTS_CONFIG_KEY]: JSON.stringify({ "ab12345-ovh": [PROD] }) }));
    expect(finding).toMatchObject({ outcome: "violation", code: "no-offline-copy" });
    expect(finding.message).toContain(`in account ab12345-ovh (project ${PROD} is in ab12345-ovh per ${OVH_ACCOUNTS_CONFIG_KEY}), which is also the account of source database "orders-db"`);
  });

  it("fails closed on a malformed map: the accounts are unresolved, with the config error", () => {
    const findings = findingsOf("backup-offline-copy", databaseStack({ [OVH_ACCOUNTS_CONFIG_KEY]: "[]" }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ outcome: "unresolved", code: "unresolved-account" });
    expect(findings[0].message).toContain(`${OVH_ACCOUNTS_CONFIG_KEY} is invalid: (root) must be object`);
  });

  it("keeps resources of one project in one account while the project id is unknown in preview", () => {
    const b = new PlannedStackBuilder({});
    const project = b.add("ovh:CloudProject/project:Project", "prod", { projectId: UNKNOWN });
    b.add("ovh:CloudProject/database:Database", "orders-db", { serviceName: UNKNOWN, engine: "postgresql", nodes: [{ region: "SBG" }], backupRegions: ["SBG", "GRA"] }, { propertyDependencies: { serviceName: [project] } });
    const [finding] = findingsOf("backup-offline-copy", b.stack());
    expect(finding).toMatchObject({ outcome: "violation", code: "no-offline-copy" });
    expect(finding.message).toContain('in the deploying account (the OVHcloud project of Project "prod")');
  });
});
