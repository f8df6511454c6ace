import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import { exemptionContext } from "../../policies/core/exemptions";
import { Finding } from "../../policies/core/findings";
import { PlannedStack } from "../../policies/core/planned-stack";
import { RULES } from "../../policies/rules";
import { EXEMPTIBLE_POLICIES } from "../../policies/rules/backup-exemptions";
import { outcomesOf } from "../support/evaluate";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-exemptions";
const TODAY = "2025-03-01";
const VALID = { resources: ["orders-*"], policies: ["backup-immutable"], reason: "legacy bucket migrates in Q2", until: "2025-06-30", by: "alice@example.com" };

function rule() {
  const found = RULES.find((r) => r.meta.id === ID);
  if (!found) throw new Error(ID);
  return found;
}

function someStack(): PlannedStack {
  const b = new PlannedStackBuilder();
  b.add(AWS_TYPES.backupVault, "primary", { name: "primary", tags: UNKNOWN });
  return b.stack();
}

/** Runs backup-exemptions with a fixed clock (`null`: no clock). */
function run(config: Record<string, unknown>, stack: PlannedStack = someStack(), today: string | null = TODAY) {
  const model = buildAwsProtectionModel(stack);
  return rule().evaluate(model, config, today === null ? undefined : exemptionContext(model, today));
}

function findings(config: Record<string, unknown>, stack?: PlannedStack, today?: string | null): Finding[] {
  const evaluation = run(config, stack, today);
  if (evaluation.configErrors.length > 0 || evaluation.internalError) throw new Error(evaluation.configErrors.join("; ") + evaluation.internalError);
  return [...evaluation.findings];
}

function codes(config: Record<string, unknown>, today?: string | null): string[] {
  return findings(config, undefined, today).map((f) => `${f.code} ${f.subject}`);
}

describe("backup-exemptions", () => {
  it("lets every registered policy but itself be named in an exemption", () => {
    expect(EXEMPTIBLE_POLICIES).toEqual(RULES.map((r) => r.meta.id).filter((id) => id !== ID));
  });

  it("reports nothing without exemptions, or when every entry is valid", () => {
    expect(findings({})).toEqual([]);
    expect(findings({ exemptions: [VALID, { ...VALID, policies: ["*"], until: TODAY }] })).toEqual([]);
    expect(outcomesOf(ID, someStack())).toEqual([]);
  });

  it("reports an expired entry for the stack, saying it exempts nothing and how to fix it", () => {
    expect(findings({ exemptions: [VALID, { ...VALID, until: "2025-02-28" }] })).toEqual([
      {
        ruleId: ID,
        urn: "",
        outcome: "violation",
        code: "exemption-expired",
        subject: "entry #2",
        message:
          'Entry #2 of the backup-exemptions config exempts nothing: it expired on 2025-02-28. The entry (resources "orders-*"; policies backup-immutable) expired on 2025-02-28 (today is 2025-03-01), so the findings it names keep their level. Remove the entry, or renew it with a later until date if the exemption is still justified (re-approve it).',
      },
    ]);
  });

  it("keeps the first sentence short however long the entry's resource globs are", () => {
    const glob = `orders-${"archive-".repeat(30)}*`;
    expect(findings({ exemptions: [{ ...VALID, resources: [glob, glob], until: "2025-02-28" }] }).map((f) => f.message)).toEqual([
      `Entry #1 of the backup-exemptions config exempts nothing: it expired on 2025-02-28. The entry (resources "${glob}", "${glob}"; policies backup-immutable) expired on 2025-02-28 (today is 2025-03-01), so the findings it names keep their level. ` +
        "Remove the entry, or renew it with a later until date if the exemption is still justified (re-approve it).",
    ]);
  });

  it("reports an entry with a blank reason", () => {
    expect(findings({ exemptions: [{ ...VALID, reason: "   ", resources: ["a", "b"], policies: ["*"] }] })).toEqual([
      {
        ruleId: ID,
        urn: "",
        outcome: "violation",
        code: "exemption-no-reason",
        subject: "entry #1",
        message:
          'Entry #1 of the backup-exemptions config exempts nothing: it gives no reason. The entry (resources "a", "b"; policies *) gives no reason, so the findings it names keep their level. Write in reason why the risk is accepted (what compensates it, when it will be fixed).',
      },
    ]);
  });

  it("reports an entry whose date is not a real date", () => {
    expect(findings({ exemptions: [{ ...VALID, until: "2025-02-30" }] })).toEqual([
      {
        ruleId: ID,
        urn: "",
        outcome: "violation",
        code: "exemption-invalid-date",
        subject: "entry #1",
        message:
          'Entry #1 of the backup-exemptions config exempts nothing: its expiry date is not a real date. The entry (resources "orders-*"; policies backup-immutable) has an invalid expiry date "2025-02-30" (expected a real date, YYYY-MM-DD), so the findings it names keep their level. Set until to a real date, YYYY-MM-DD (the last day the exemption holds).',
      },
    ]);
  });

  it("reports an entry running further than maxDays", () => {
    expect(findings({ exemptions: [{ ...VALID, until: "2025-06-30" }], maxDays: 90 })).toEqual([
      {
        ruleId: ID,
        urn: "",
        outcome: "violation",
        code: "exemption-too-long",
        subject: "entry #1",
        message:
          'Entry #1 of the backup-exemptions config exempts nothing: it runs more than 90 days. The entry (resources "orders-*"; policies backup-immutable) runs until 2025-06-30, more than 90 days from today (2025-03-01; maxDays of backup-exemptions): the latest expiry allowed is 2025-05-30, so the findings it names keep their level. Set until at most 90 days ahead and renew the exemption when it expires, or raise maxDays.',
      },
    ]);
    expect(codes({ exemptions: [{ ...VALID, until: "2026-03-02" }] })).toEqual([]);
    expect(codes({ exemptions: [{ ...VALID, until: "2026-03-03" }] })).toEqual(["exemption-too-long entry #1"]);
  });

  it("reports every problem of every entry", () => {
    const exemptions = [
      { ...VALID, reason: " ", until: "2024-12-31" },
      VALID,
      { ...VALID, until: "2025-13-01" },
    ];
    expect(codes({ exemptions })).toEqual(["exemption-expired entry #1", "exemption-no-reason entry #1", "exemption-invalid-date entry #3"]);
  });

  it("checks only what does not depend on the date without a clock, and refuses everything with a broken one", () => {
    const exemptions = [{ ...VALID, until: "2020-01-01" }, { ...VALID, reason: " " }];
    expect(codes({ exemptions }, null)).toEqual(["exemption-no-reason entry #2"]);
    expect(codes({ exemptions: [VALID] }, "2025-02-31")).toEqual(["exemption-invalid-date entry #1"]);
  });

  it("reports nothing about the entries in Analyze (one resource alone): the stack analysis does", () => {
    const b = new PlannedStackBuilder();
    const vault = b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
    expect(findings({ exemptions: [{ ...VALID, until: "2020-01-01" }] }, b.single(vault))).toEqual([]);
  });

  it("does not depend on the stack's resources: unknown, malformed or through another region's provider", () => {
    const b = new PlannedStackBuilder();
    const far = b.provider("far", { region: "us-east-1" });
    b.add(AWS_TYPES.backupVault, "far", { name: UNKNOWN, tags: { "backup-guard:exempt:backup-immutable": "until=2020-01-01" } }, { provider: far });
    b.add(AWS_TYPES.backupPlan, "odd", { rules: [null, 5, "x"] } as never);
    const config = { exemptions: [{ ...VALID, until: "2020-01-01" }] };
    expect(findings(config, b.stack()).map((f) => f.code)).toEqual(["exemption-expired"]);
    expect(findings(config, b.stack())).toEqual(findings(config));
  });

  it("refuses invalid config, naming the key: unknown policy, missing reason or date, bad date format, unknown field", () => {
    const errors = (config: Record<string, unknown>) => run(config).configErrors;
    expect(errors({ exemptions: [{ ...VALID, policies: ["backup-imutable"] }] })).toEqual([
      `backup-exemptions: config key "exemptions.0.policies.0" is "backup-imutable", which is not one of ${["*", ...EXEMPTIBLE_POLICIES].map((p) => JSON.stringify(p)).join(", ")}`,
    ]);
    expect(errors({ exemptions: [{ ...VALID, policies: [ID] }] })).toHaveLength(1);
    expect(errors({ exemptions: [{ resources: ["x"], policies: ["*"], until: "2025-06-30" }] })).toEqual([
      'backup-exemptions: config key "exemptions.0" must have required property \'reason\'',
    ]);
    expect(errors({ exemptions: [{ ...VALID, reason: "" }] })).toEqual(['backup-exemptions: config key "exemptions.0.reason" must NOT have fewer than 1 characters']);
    expect(errors({ exemptions: [{ resources: ["x"], policies: ["*"], reason: "r" }] })).toEqual([
      'backup-exemptions: config key "exemptions.0" must have required property \'until\'',
    ]);
    expect(errors({ exemptions: [{ ...VALID, until: "30/06/2025" }] })).toEqual([
      'backup-exemptions: config key "exemptions.0.until" must match pattern "^\\d{4}-\\d{2}-\\d{2}$"',
    ]);
    expect(errors({ exemptions: [{ ...VALID, expires: "2025-06-30" }] })).toEqual(['backup-exemptions: unknown config key "exemptions.0.expires"']);
    expect(errors({ exemptions: [{ ...VALID, resources: [] }] })).toEqual(['backup-exemptions: config key "exemptions.0.resources" must NOT have fewer than 1 items']);
    expect(errors({ exemptions: "all" })).toEqual(['backup-exemptions: config key "exemptions" must be array']);
    expect(errors({ maxDays: 0, exemption: [] })).toEqual(['backup-exemptions: config key "maxDays" must be >= 1', 'backup-exemptions: unknown config key "exemption"']);
  });
});
