import { FIRST_SENTENCE_MAX } from "../../policies/core/message-style";
import { ProtectionRoute } from "../../policies/core/protection-model";
import { accountsNamed, fewNames, resourceSentence, routeHeadSentence, routeSentence } from "../../policies/rules/route-names";

/** A route with only what naming it reads. */
function route(label: string, subject: string): ProtectionRoute {
  return { urn: "urn:x", label, subject, primaries: [], declaredCopies: { state: "known", value: 1, basis: "test" }, views: [] };
}

const LONG = "x".repeat(120);

describe("how first sentences name routes and resources", () => {
  it("names a route in full while the sentence fits in 160 characters", () => {
    const r = route('rule "daily" of backup plan "orders"', 'rule "daily"');
    expect(routeSentence(r, (name) => `${name} has no copy.`)).toBe('rule "daily" of backup plan "orders" has no copy.');
    const fits = route(`rule "daily" of backup plan "${"y".repeat(FIRST_SENTENCE_MAX - 43)}"`, 'rule "daily"');
    expect(routeSentence(fits, (name) => `${name} has no copy.`)).toHaveLength(FIRST_SENTENCE_MAX);
    const over = route(`rule "daily" of backup plan "${"y".repeat(FIRST_SENTENCE_MAX - 42)}"`, 'rule "daily"');
    expect(routeSentence(over, (name) => `${name} has no copy.`)).toBe(`rule "daily" has no copy. Route: ${over.label}.`);
  });

  it("names a long route by its own name, else its subject, else its kind, and then in full", () => {
    expect(routeSentence(route(`rule "daily" of backup plan "${LONG}"`, 'rule "daily"'), (name) => `${name} has no copy${".".repeat(40)}`)).toBe(
      `rule "daily" has no copy${".".repeat(40)} Route: rule "daily" of backup plan "${LONG}".`,
    );
    expect(routeSentence(route(`EFS replication "${LONG}" of FileSystem "fs"`, "rules[0]"), (name) => `${name} copies nothing.`)).toBe(
      `rules[0] copies nothing. Route: EFS replication "${LONG}" of FileSystem "fs".`,
    );
    expect(routeSentence(route(`EFS replication "${LONG}" of FileSystem "fs"`, ""), (name) => `${name} copies nothing.`)).toBe(
      `this EFS replication copies nothing. Route: EFS replication "${LONG}" of FileSystem "fs".`,
    );
    expect(routeSentence(route(`"${LONG}${LONG}"`, ""), (name) => `${name} copies nothing.`)).toBe(`this route copies nothing. Route: "${LONG}${LONG}".`);
  });

  it("heads a sentence as before while it fits, else by the route's own name or kind (never by a long label)", () => {
    const short = route('rule "daily" of backup plan "orders"', 'rule "daily"');
    expect(routeHeadSentence(short, (name) => `${name} keeps its copies 7 days.`)).toBe('rule "daily" of backup plan "orders" keeps its copies 7 days.');
    const withSubject = route(`rule "daily" of backup plan "${LONG}"`, 'rule "daily"');
    expect(routeHeadSentence(withSubject, (name) => `${name} keeps its copies 7 days.`)).toBe(`rule "daily" keeps its copies 7 days. Route: ${withSubject.label}.`);
    const fits = route(`automated-backup replication "repl" of "arn:aws:rds:eu-west-3:111111111111:db:orders"`, "");
    expect(routeHeadSentence(fits, (name) => `${name} keeps its copies 7 days.`)).toBe(`${fits.label} keeps its copies 7 days.`);
    const native = route(`automated-backup replication "module.dr.aws_db_instance_automated_backups_replication.orders" of Instance "module.db.aws_db_instance.orders"`, "");
    expect(routeHeadSentence(native, (name) => `${name} keeps its copies only 7 days, below the required 30 days.`)).toBe(
      `this automated-backup replication keeps its copies only 7 days, below the required 30 days. Route: ${native.label}.`,
    );
  });

  it("names a long resource by its type, and then in full", () => {
    expect(resourceSentence('Volume "vol"', (name) => `${name} has no copy.`)).toBe('Volume "vol" has no copy.');
    expect(resourceSentence(`Volume "${LONG}"`, (name) => `${name} has no backup or copy outside zone eu-west-3a.`)).toBe(
      `this Volume has no backup or copy outside zone eu-west-3a. Resource: Volume "${LONG}".`,
    );
    expect(resourceSentence(`EBS storage of Instance "${LONG}"`, (name) => `${name} has no backup or copy outside zone eu-west-3a.`)).toBe(
      `this resource has no backup or copy outside zone eu-west-3a. Resource: EBS storage of Instance "${LONG}".`,
    );
  });

  it("lists at most two names, and how many more", () => {
    expect(fewNames(["us-east-1"])).toBe("us-east-1");
    expect(fewNames(["us-east-1", "us-west-2", "us-east-1"])).toBe("us-east-1 and us-west-2");
    expect(fewNames(["a", "b", "c", "d"])).toBe("a, b and 2 more");
    expect(accountsNamed(["222222222222", "222222222222"])).toBe("account 222222222222");
    expect(accountsNamed(["222222222222", "333333333333"])).toBe("accounts 222222222222 and 333333333333");
  });
});
