import { ProtectionRoute } from "../core/protection-model";

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
