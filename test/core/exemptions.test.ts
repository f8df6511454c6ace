import { buildAwsProtectionModel } from "../../policies/aws/protection-model";
import { AWS_TYPES } from "../../policies/aws/type-tokens";
import {
  ExemptionEntry,
  ExemptionSettings,
  addDays,
  entryApplies,
  exemptionContext,
  exemptionOf,
  isCalendarDate,
  matchesGlob,
  parseExemptTag,
  resourceName,
  termsProblems,
} from "../../policies/core/exemptions";
import { Finding } from "../../policies/core/findings";
import { JsonValue } from "../../policies/core/json";
import { PlannedStack } from "../../policies/core/planned-stack";
import { RULES } from "../../policies/rules";
import { PlannedStackBuilder, UNKNOWN } from "../support/planned-stack-builder";

const ID = "backup-cross-region-copy";
const TODAY = "2025-03-01";
const PLAN = "urn:pulumi:dev::proj::aws:backup/plan:Plan::plan";
const TAG = "backup-guard:exempt:backup-cross-region-copy";
const NO_COPY =
  'rule "daily" of backup plan "plan" has no copy action: its recovery points stay in eu-west-3. They stay in vault "primary" in eu-west-3 (default provider default_7_48_0, stack config aws:region), where a regional disaster destroys them together with the primaries. Add a copy action whose destination vault is in another region (create it with a provider for that region, e.g. new aws.Provider("dr", { region: "eu-central-1" })).';

/** A plan whose rule makes no copy (a violation of backup-cross-region-copy), with the given tags. */
function planWithoutCopy(tags?: JsonValue, rules: JsonValue = [{ ruleName: "daily", targetVaultName: "primary" }]): { stack: PlannedStack; single: PlannedStack } {
  const b = new PlannedStackBuilder();
  b.add(AWS_TYPES.backupVault, "primary", { name: "primary" });
  const plan = b.add(AWS_TYPES.backupPlan, "plan", { name: "plan", rules, ...(tags === undefined ? {} : { tags }) });
  return { stack: b.stack(), single: b.single(plan) };
}

function evaluate(stack: PlannedStack, settings?: ExemptionSettings, today = TODAY, ruleId = ID): Finding[] {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(ruleId);
  const model = buildAwsProtectionModel(stack);
  const evaluation = rule.evaluate(model, {}, exemptionContext(model, today, settings));
  if (evaluation.configErrors.length > 0 || evaluation.internalError) throw new Error(evaluation.configErrors.join("; ") + evaluation.internalError);
  return [...evaluation.findings];
}

/** The exemption of the only finding. */
function exemptionIn(stack: PlannedStack, settings?: ExemptionSettings, today = TODAY) {
  const findings = evaluate(stack, settings, today);
  expect(findings).toHaveLength(1);
  return findings[0].exemption;
}

function entries(...list: ExemptionEntry[]): ExemptionSettings {
  return { exemptions: list, maxDays: 366 };
}

const ENTRY: ExemptionEntry = { resources: ["plan"], policies: [ID], reason: "plan retired with the legacy stack", until: "2025-06-30" };

describe("exemption terms", () => {
  it("accepts only real calendar dates written YYYY-MM-DD", () => {
    expect(["2025-03-01", "2024-02-29", "2025-12-31"].map(isCalendarDate)).toEqual([true, true, true]);
    expect(["2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-3-1", "20250301", "tomorrow", "", " 2025-03-01"].map(isCalendarDate)).toEqual(
      Array(9).fill(false),
    );
    expect([addDays("2025-03-01", 366), addDays("2024-02-28", 1), addDays("2025-12-31", 1)]).toEqual(["2026-03-02", "2024-02-29", "2026-01-01"]);
  });

  it("reads a tag value's tokens in any order; reason and by run to the next token", () => {
    expect(parseExemptTag("until=2025-06-30 reason=legacy plan moves to the DR account in Q2 by=alice@example.com")).toEqual({
      until: "2025-06-30",
      reason: "legacy plan moves to the DR account in Q2",
      by: "alice@example.com",
    });
    expect(parseExemptTag("reason=ticket OPS-1234: retire after migration until=2025-06-30")).toEqual({ until: "2025-06-30", reason: "ticket OPS-1234: retire after migration" });
    expect(parseExemptTag("by=Jane Doe reason=accepted risk until=2025-06-30")).toEqual({ until: "2025-06-30", reason: "accepted risk", by: "Jane Doe" });
    // `=` inside the reason is kept; a token must follow a space to start.
    expect(parseExemptTag("until=2025-06-30 reason=rpo=24h accepted lastuntil=x")).toEqual({ until: "2025-06-30", reason: "rpo=24h accepted lastuntil=x" });
  });

  it("reads missing, empty, repeated and stray tokens without throwing", () => {
    expect(parseExemptTag("")).toEqual({ reason: "" });
    expect(parseExemptTag("until=2025-06-30")).toEqual({ until: "2025-06-30", reason: "" });
    expect(parseExemptTag("legacy until=2025-06-30 reason=")).toEqual({ until: "2025-06-30", reason: "" });
    expect(parseExemptTag("until=2025-06-30 reason=first until=2026-01-01")).toEqual({ until: "2025-06-30", reason: "first" });
    expect(parseExemptTag("until=2025-06-30 legacy")).toEqual({ until: "2025-06-30 legacy", reason: "" });
    expect(parseExemptTag("UNTIL=2025-06-30 Reason=x")).toEqual({ reason: "" });
  });

  it("says why terms exempt nothing: no or invalid date, no reason, expired, too long", () => {
    // today: null = no clock
    const problems = (until: string | undefined, reason: string, today: string | null = TODAY, tag = false) =>
      termsProblems({ ...(until === undefined ? {} : { until }), reason }, today ?? undefined, 366, tag).map((p) => `${p.kind}: ${p.text}`);
    expect(problems("2025-06-30", "ok")).toEqual([]);
    expect(problems(TODAY, "valid through its last day")).toEqual([]);
    expect(problems(addDays(TODAY, 366), "exactly maxDays")).toEqual([]);
    expect(problems(undefined, "r", TODAY, true)).toEqual(["no-date: has no expiry date (write until=YYYY-MM-DD in the tag value)"]);
    expect(problems("2025-02-30", "r")).toEqual(['invalid-date: has an invalid expiry date "2025-02-30" (expected a real date, YYYY-MM-DD)']);
    expect(problems("2025-06-30", "  ", TODAY, true)).toEqual(["no-reason: gives no reason (write reason=<why> in the tag value)"]);
    expect(problems("2025-02-28", "r")).toEqual(["expired: expired on 2025-02-28 (today is 2025-03-01)"]);
    expect(problems("2026-03-03", "r")).toEqual([
      "too-long: runs until 2026-03-03, more than 366 days from today (2025-03-01; maxDays of backup-exemptions): the latest expiry allowed is 2026-03-02",
    ]);
    expect(problems("2025-02-28", "")).toEqual(["no-reason: gives no reason", "expired: expired on 2025-02-28 (today is 2025-03-01)"]);
    // Without a clock only the date-free checks run; a broken clock refuses (fails closed).
    expect(problems("2020-01-01", "r", null)).toEqual([]);
    expect(problems("2020-02-30", "", null)).toEqual(['invalid-date: has an invalid expiry date "2020-02-30" (expected a real date, YYYY-MM-DD)', "no-reason: gives no reason"]);
    expect(problems("2025-06-30", "r", "someday")).toEqual(['no-clock: cannot be checked against today\'s date ("someday" is not a date)']);
  });

  it("matches resources by URN or name globs, and policies by id or *", () => {
    expect(matchesGlob("orders-*", "orders-exports")).toBe(true);
    expect(matchesGlob("orders-?", "orders-1")).toBe(true);
    expect(matchesGlob("orders-?", "orders-12")).toBe(false);
    expect(matchesGlob("*::aws:backup/plan:Plan::*", PLAN)).toBe(true);
    expect(matchesGlob("a.b", "axb")).toBe(false);
    expect(matchesGlob("(x)+[y]", "(x)+[y]")).toBe(true);
    expect([resourceName(PLAN), resourceName("")]).toEqual(["plan", ""]);
    const finding = { ruleId: ID, urn: PLAN };
    expect(entryApplies({ ...ENTRY, resources: ["pla?"] }, finding)).toBe(true);
    expect(entryApplies({ ...ENTRY, resources: [PLAN] }, finding)).toBe(true);
    expect(entryApplies({ ...ENTRY, resources: ["urn:pulumi:dev::proj::*"] }, finding)).toBe(true);
    expect(entryApplies({ ...ENTRY, resources: ["other", "plan*"], policies: ["*"] }, finding)).toBe(true);
    expect(entryApplies({ ...ENTRY, resources: ["Plan"] }, finding)).toBe(false);
    expect(entryApplies({ ...ENTRY, policies: ["backup-immutable"] }, finding)).toBe(false);
  });
});

describe("exemptions of findings (evaluateRule with an exemption context)", () => {
  it("grants a valid tag exemption: the finding stays, with who, by what, why, until when and who approved", () => {
    const { stack } = planWithoutCopy({ [TAG]: "until=2025-06-30 reason=legacy plan moves to the DR account in Q2 by=alice@example.com", team: "ops" });
    expect(evaluate(stack)).toEqual([
      {
        ruleId: ID,
        urn: PLAN,
        outcome: "violation",
        code: "no-copy",
        subject: 'rule "daily"',
        message: NO_COPY,
        exemption: {
          state: "granted",
          note: `exempt: "plan" is exempted from backup-cross-region-copy until 2025-06-30 by tag ${TAG} of "plan" (approved by alice@example.com), reason: legacy plan moves to the DR account in Q2; reported as advisory until then`,
        },
      },
    ]);
  });

  it("grants it on the resource alone too (Analyze reads the tags from the inputs)", () => {
    const { single } = planWithoutCopy({ [TAG]: "until=2025-06-30 reason=legacy" });
    expect(exemptionIn(single)?.state).toBe("granted");
  });

  it("grants a valid config entry, naming the entry", () => {
    const { stack } = planWithoutCopy();
    expect(exemptionIn(stack, entries({ ...ENTRY, resources: ["*::aws:backup/plan:Plan::pl*"], by: "platform team" }))).toEqual({
      state: "granted",
      note: 'exempt: "plan" is exempted from backup-cross-region-copy until 2025-06-30 by entry #1 of the backup-exemptions config (approved by platform team), reason: plan retired with the legacy stack; reported as advisory until then',
    });
    expect(exemptionIn(stack, entries({ ...ENTRY, policies: ["*"] }))?.state).toBe("granted");
  });

  it("is valid through its until date, and expired the day after", () => {
    const { stack } = planWithoutCopy({ [TAG]: "until=2025-03-01 reason=last day" });
    expect(exemptionIn(stack, undefined, "2025-03-01")?.state).toBe("granted");
    expect(exemptionIn(stack, undefined, "2025-03-02")).toEqual({
      state: "refused",
      note: `exemption refused, so the finding keeps its level: tag ${TAG} of "plan" expired on 2025-03-01 (today is 2025-03-02)`,
    });
  });

  it("refuses a tag without a reason, without a date, with an invalid date or running too long", () => {
    const refusal = (value: string) => exemptionIn(planWithoutCopy({ [TAG]: value }).stack);
    expect(refusal("until=2025-06-30")).toEqual({
      state: "refused",
      note: `exemption refused, so the finding keeps its level: tag ${TAG} of "plan" gives no reason (write reason=<why> in the tag value)`,
    });
    expect(refusal("until=2025-06-30 reason=   ")?.state).toBe("refused");
    expect(refusal("reason=legacy")).toEqual({
      state: "refused",
      note: `exemption refused, so the finding keeps its level: tag ${TAG} of "plan" has no expiry date (write until=YYYY-MM-DD in the tag value)`,
    });
    expect(refusal("")).toEqual({
      state: "refused",
      note: `exemption refused, so the finding keeps its level: tag ${TAG} of "plan" has no expiry date (write until=YYYY-MM-DD in the tag value) and gives no reason (write reason=<why> in the tag value)`,
    });
    expect(refusal("until=2025-02-30 reason=legacy")?.note).toContain('has an invalid expiry date "2025-02-30"');
    expect(refusal("until=next-year reason=legacy")?.note).toContain('has an invalid expiry date "next-year"');
    expect(refusal("until=2030-01-01 reason=legacy")?.note).toContain("runs until 2030-01-01, more than 366 days from today");
  });

  it("applies maxDays from the backup-exemptions settings to tags and entries", () => {
    const tagged = planWithoutCopy({ [TAG]: "until=2025-06-30 reason=legacy" }).stack;
    expect(exemptionIn(tagged, { exemptions: [], maxDays: 30 })?.note).toContain("more than 30 days from today (2025-03-01; maxDays of backup-exemptions): the latest expiry allowed is 2025-03-31");
    expect(exemptionIn(planWithoutCopy().stack, { exemptions: [ENTRY], maxDays: 30 })?.state).toBe("refused");
  });

  it("refuses config entries that expired or have a blank reason, listing every refusal", () => {
    const { stack } = planWithoutCopy({ [TAG]: "until=2025-01-31 reason=old" });
    expect(exemptionIn(stack, entries({ ...ENTRY, until: "2025-02-01" }, { ...ENTRY, policies: ["backup-immutable"] }, { ...ENTRY, reason: " " }))).toEqual({
      state: "refused",
      note:
        `exemption refused, so the finding keeps its level: tag ${TAG} of "plan" expired on 2025-01-31 (today is 2025-03-01); ` +
        "entry #1 of the backup-exemptions config expired on 2025-02-01 (today is 2025-03-01); entry #3 of the backup-exemptions config gives no reason",
    });
  });

  it("grants with the first valid exemption even when others are refused", () => {
    const { stack } = planWithoutCopy({ [TAG]: "until=2025-01-31 reason=old" });
    const exemption = exemptionIn(stack, entries({ ...ENTRY, until: "2025-02-01" }, ENTRY));
    expect(exemption?.state).toBe("granted");
    expect(exemption?.note).toContain("by entry #2 of the backup-exemptions config");
  });

  it("ignores a tag or an entry for another policy, or for another resource", () => {
    const { stack } = planWithoutCopy({ "backup-guard:exempt:backup-immutable": "until=2025-06-30 reason=not this policy", "backup-guard:exempt": "until=2025-06-30 reason=x" });
    expect(exemptionIn(stack, entries({ ...ENTRY, policies: ["backup-immutable", "backup-offline-copy"] }, { ...ENTRY, resources: ["vault-*", "primary"] }))).toBeUndefined();
    expect(evaluate(stack)[0]).not.toHaveProperty("exemption");
  });

  it("cannot decide a tag exemption when the tags are unknown in preview: the finding keeps its level and says so", () => {
    const unknownTags: JsonValue[] = [UNKNOWN, { [TAG]: UNKNOWN }, { team: UNKNOWN, [TAG]: "until=2025-06-30 reason=legacy" }];
    for (const tags of unknownTags) {
      expect(exemptionIn(planWithoutCopy(tags).stack)).toEqual({
        state: "undecided",
        note: `exemption undecided, so the finding keeps its level: the tags of "plan" are unknown during preview, so whether a ${TAG} tag exempts it cannot be known`,
      });
    }
    // ... and says which config entries were refused besides
    expect(exemptionIn(planWithoutCopy(UNKNOWN).stack, entries({ ...ENTRY, until: "2025-01-01" }))?.note).toBe(
      `exemption undecided, so the finding keeps its level: the tags of "plan" are unknown during preview, so whether a ${TAG} tag exempts it cannot be known; besides, entry #1 of the backup-exemptions config expired on 2025-01-01 (today is 2025-03-01)`,
    );
    // A valid config entry decides it whatever the tags.
    expect(exemptionIn(planWithoutCopy(UNKNOWN).stack, entries(ENTRY))?.state).toBe("granted");
  });

  it("exempts a finding whose outcome is unresolved like a violation", () => {
    const { stack } = planWithoutCopy({ [TAG]: "until=2025-06-30 reason=legacy" }, UNKNOWN);
    const [finding] = evaluate(stack);
    expect([finding.outcome, finding.exemption?.state]).toEqual(["unresolved", "granted"]);
    const expired = evaluate(planWithoutCopy({ [TAG]: "until=2025-01-01 reason=legacy" }, UNKNOWN).stack)[0];
    expect([expired.outcome, expired.exemption?.state]).toEqual(["unresolved", "refused"]);
  });

  it("exempts nothing without an exemption context, or with a broken clock", () => {
    const { stack } = planWithoutCopy({ [TAG]: "until=2025-06-30 reason=legacy" });
    const rule = RULES.find((r) => r.meta.id === ID);
    expect(rule?.evaluate(buildAwsProtectionModel(stack), {}).findings[0]).not.toHaveProperty("exemption");
    expect(exemptionIn(stack, undefined, "not-a-date")?.state).toBe("refused");
  });

  it("never exempts findings of backup-exemptions, nor reads tags for a finding about the stack", () => {
    const context = { today: TODAY, entries: [{ ...ENTRY, resources: ["*"], policies: ["*"] }], maxDays: 366, tagsOf: () => undefined };
    const stackFinding: Finding = { ruleId: "backup-exemptions", urn: "", outcome: "violation", code: "exemption-expired", subject: "entry #1", message: "m" };
    expect(exemptionOf(stackFinding, context)).toBeUndefined();
    expect(exemptionOf({ ...stackFinding, ruleId: ID }, context)?.note).toContain('exempt: the stack is exempted from backup-cross-region-copy');
  });

  it("fails closed, never throws, on malformed tags", () => {
    for (const tags of [null, "x", 5, [TAG]] as JsonValue[]) {
      const findings = evaluate(planWithoutCopy(tags).stack);
      expect(findings.map((f) => f.exemption?.state ?? "none")).toEqual(["none"]);
    }
    // A tag map with a value that is not a string cannot be read: whether it exempts is undecided.
    for (const tags of [{ [TAG]: 7 }, { [TAG]: { until: "2025-06-30" } }] as JsonValue[]) {
      const findings = evaluate(planWithoutCopy(tags).stack);
      expect(findings.map((f) => f.exemption?.state ?? "none")).toEqual(["undecided"]);
    }
  });
});
