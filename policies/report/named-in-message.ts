// A finding reaches the report as its policy, resource and message only (that is all the Pulumi engine
// passes on). When one resource holds several routes (the rules of a backup plan) or a route several
// copies, the message tells which of them the finding is about: every rule names each route and store it
// speaks of by its label (`rule "daily" of backup plan "p"`, `vault "dr"`), the labels the map shows.

/**
 * The candidates a message names (by any of their names, compared whole: `vault "dr"` does not name
 * `vault "dr-2"`); all of them when it names none or every one (the finding is about them all).
 */
export function namedInMessage<T>(message: string, candidates: readonly T[], namesOf: (candidate: T) => readonly string[]): readonly T[] {
  if (candidates.length < 2) return candidates;
  const named = candidates.filter((candidate) => namesOf(candidate).some((name) => name !== "" && mentions(message, name)));
  return named.length === 0 ? candidates : named;
}

/** True when `name` occurs in `message` not as part of a longer word or name. */
function mentions(message: string, name: string): boolean {
  for (let at = message.indexOf(name); at >= 0; at = message.indexOf(name, at + 1)) {
    const before = at === 0 ? "" : message[at - 1];
    const after = message[at + name.length] ?? "";
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return true;
  }
  return false;
}
