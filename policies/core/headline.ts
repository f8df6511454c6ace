// Builds a message's first sentence (see message-style.ts) from resource names of any length: the names
// as they are when the sentence fits in FIRST_SENTENCE_MAX characters, shortened (their quoted parts cut
// with "…") when it does not, and then given in full right after the sentence.

import { FIRST_SENTENCE_MAX } from "./message-style";

/** A name for a first sentence: how it reads there (`text`), and in full. */
export interface HeadlineName {
  readonly text: string;
  readonly full: string;
}

/** A label as a name for a first sentence. */
export function named(label: string): HeadlineName {
  return { text: label, full: label };
}

/** The text with its first letter in upper case (a label that starts a sentence: `Vault "dr"`). */
export function capitalize(text: string): string {
  return text.length === 0 ? text : `${text[0].toUpperCase()}${text.slice(1)}`;
}

/** The fewest characters a quoted part keeps when it is cut (plus "…"). */
const QUOTED_KEEP = 6;

/**
 * The label in at most `max` characters: without its trailing parenthesised remarks, then with its longest
 * quoted parts cut (`vault "orders-backup-…"`), so that what kind of resource it names stays readable; cut at
 * the end when that is not enough.
 */
export function shortenLabel(label: string, max: number): string {
  let out = label;
  // A trailing explanation in parentheses goes first: `the DLM copy destination eu-central-1 (policyDetails…)`.
  while (out.length > max && / \([^()]*(?:\([^()]*\)[^()]*)*\)$/.test(out) && !out.startsWith("(")) {
    out = out.replace(/ \([^()]*(?:\([^()]*\)[^()]*)*\)$/, "");
  }
  while (out.length > max) {
    const parts = [...out.matchAll(/"([^"]*)"/g)].filter((m) => m[1].length > QUOTED_KEEP + 1 && !m[1].endsWith("…"));
    if (parts.length === 0) break;
    const longest = parts.reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const keep = Math.max(QUOTED_KEEP, longest[1].length - (out.length - max) - 1);
    const start = (longest.index ?? 0) + 1;
    out = `${out.slice(0, start)}${longest[1].slice(0, keep)}…${out.slice(start + longest[1].length)}`;
  }
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** The longest each name may be, tried in turn until the sentence fits. */
const NAME_LIMITS = [64, 48, 32, 20];

/**
 * A message's first sentence written by `sentence` with the given names, followed, when some had to be
 * shortened to keep the sentence within FIRST_SENTENCE_MAX characters, by a sentence giving them in full.
 * `sentence` must end its sentence (with `.`).
 */
export function headline(names: readonly HeadlineName[], sentence: (...texts: string[]) => string): string {
  let texts = names.map((n) => n.text);
  let first = sentence(...texts);
  for (const limit of NAME_LIMITS) {
    if (first.length <= FIRST_SENTENCE_MAX) break;
    texts = names.map((n) => shortenLabel(n.text, limit));
    first = sentence(...texts);
  }
  const shortened = [...new Set(names.filter((n, i) => texts[i] !== n.full).map((n) => n.full))];
  return shortened.length === 0 ? first : `${first} In full: ${shortened.join("; ")}.`;
}
