import { Fact } from "../core/facts";
import { FIRST_SENTENCE_MAX } from "../core/message-style";
import { AccountFact, ProtectionRoute } from "../core/protection-model";

/** Labels longer than this are too long to name a route in a message's first sentence (at most 160 characters). */
const HEAD_MAX = 72;

/**
 * How a message's first sentence names a route: its label (`rule "daily" of backup plan "plan"`), or,
 * when that is long, the part of the resource the finding is attributed to (`replication rule "all"`),
 * the resource itself being shown beside the message.
 */
export function routeHead(route: ProtectionRoute): string {
  return route.label.length <= HEAD_MAX || route.subject === "" ? route.label : route.subject;
}

/** A sentence naming the route in full when the first sentence named it by its part only; "" otherwise. */
export function routeInFull(route: ProtectionRoute): string {
  return routeHead(route) === route.label ? "" : ` Route: ${route.label}.`;
}

/**
 * A message's first sentence `sentence(name)` headed by {@link routeHead}, followed by {@link routeInFull}; when
 * that sentence would be longer than 160 characters (a long label without subject: native copies named by long
 * Terraform addresses), headed by the route's own name or kind as {@link routeSentence} names it, the full label
 * following in a sentence of its own.
 */
export function routeHeadSentence(route: ProtectionRoute, sentence: (name: string) => string): string {
  const first = sentence(routeHead(route));
  if (first.length <= FIRST_SENTENCE_MAX) return `${first}${routeInFull(route)}`;
  const name = shortRouteName(route);
  return name === route.label ? sentence(name) : `${sentence(name)} Route: ${route.label}.`;
}

/**
 * A route by its own name, without what it belongs to (`replication rule "all"`, `volume backup
 * "nightly"`), else by the part of the resource it is (`rules[0]`), else by its kind (`this EFS replication`).
 */
function shortRouteName(route: ProtectionRoute): string {
  const own = /^(.*?") of /.exec(route.label)?.[1];
  if (own !== undefined && own.length <= HEAD_MAX) return own;
  if (route.subject !== "" && route.subject.length <= HEAD_MAX) return route.subject;
  const kind = /^([^"]{1,40}) "/.exec(route.label)?.[1];
  return kind !== undefined ? `this ${kind}` : "this route";
}

/**
 * A message's first sentence about a route, `sentence(name)`: naming the route by its label when the
 * sentence then fits (at most 160 characters), else by its own name, the full label following in a
 * sentence of its own. Names fit or not whatever the source (a Pulumi program or a Terraform plan)
 * unless one of them is long, so that both name a route the same way as long as they can.
 */
export function routeSentence(route: ProtectionRoute, sentence: (name: string) => string): string {
  const full = sentence(route.label);
  return full.length <= FIRST_SENTENCE_MAX ? full : `${sentence(shortRouteName(route))} Route: ${route.label}.`;
}

/**
 * A message's first sentence about a resource labelled `label` (`FileSystem "fs"`): naming it by its
 * label when the sentence then fits, else as `this <type>`, the full label following in a sentence of its own.
 */
export function resourceSentence(label: string, sentence: (name: string) => string): string {
  const full = sentence(label);
  if (full.length <= FIRST_SENTENCE_MAX) return full;
  const type = /^([A-Za-z][\w.]*) "/.exec(label)?.[1];
  return `${sentence(type !== undefined && type.length <= 40 ? `this ${type}` : "this resource")} Resource: ${label}.`;
}

/** A region (or site) in a few words, for a first sentence: `eu-west-3`, `an unknown region`. */
export function placeName(region: Fact<string>, place = "region"): string {
  return region.state === "known" ? region.value : `an unknown ${place}`;
}

/** An account in a few words, for a first sentence: `account 111111111111`, `the deploying account`. */
export function accountName(account: AccountFact): string {
  if (account.state === "known") return `account ${account.accountIds.join(" or ")}`;
  return account.state === "principal" ? "the deploying account" : "an unknown account";
}

/** A few names for a first sentence: `a`, `a and b`, or `a, b and 2 more` when there are more. */
export function fewNames(names: readonly string[]): string {
  const unique = [...new Set(names)];
  const shown = unique.length > 2 ? [...unique.slice(0, 2), `${unique.length - 2} more`] : unique;
  return shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** Account ids in a few words, for a first sentence: `account 222222222222`, `accounts 222222222222 and 333333333333`. */
export function accountsNamed(ids: readonly string[]): string {
  return `${new Set(ids).size === 1 ? "account" : "accounts"} ${fewNames(ids)}`;
}
