import { capitalize, headline, named, shortenLabel } from "../../policies/core/headline";

describe("first sentences with names of any length", () => {
  it("keeps a label that fits, and cuts the longest quoted part of one that does not", () => {
    expect(shortenLabel('vault "dr"', 20)).toBe('vault "dr"');
    expect(shortenLabel('vault "orders-backup-vault-in-paris"', 24)).toBe('vault "orders-backup-v…"');
    expect(shortenLabel('rule "daily" of backup plan "orders-backup-plan-for-paris"', 40)).toBe('rule "daily" of backup plan "orders-ba…"');
  });

  it("drops a trailing remark in parentheses before cutting, and cuts at the end when nothing is quoted", () => {
    expect(shortenLabel('vault "central" (outside this stack)', 20)).toBe('vault "central"');
    expect(shortenLabel("the DLM copy destination eu-central-1 (policyDetails.schedules[0].crossRegionCopyRules[0])", 40)).toBe(
      "the DLM copy destination eu-central-1",
    );
    expect(shortenLabel("the copy destination of every rule of the plan", 20)).toBe("the copy destinatio…");
  });

  it("writes the sentence with the names as they are when it fits in 160 characters", () => {
    expect(headline([named('vault "dr"')], (v) => `${capitalize(v)} is not immutable.`)).toBe('Vault "dr" is not immutable.');
  });

  it("shortens the names until the sentence fits, then names them in full", () => {
    const long = `vault "${"a".repeat(200)}"`;
    const message = headline([named(long), named('rule "daily"')], (v, r) => `${capitalize(v)} holds recovery points of ${r}.`);
    expect(message).toBe(`Vault "${"a".repeat(55)}…" holds recovery points of rule "daily". In full: ${long}.`);
  });

  it("names in full a name whose first-sentence form differs from its full form (a route named by its part)", () => {
    const route = { text: 'rule "daily"', full: 'rule "daily" of backup plan "orders"' };
    expect(headline([route], (r) => `Cannot check ${r}.`)).toBe('Cannot check rule "daily". In full: rule "daily" of backup plan "orders".');
  });
});
