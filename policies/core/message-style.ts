// Every finding's message starts with one sentence of at most 160 characters that says what is wrong
// and where; the explanation and the fix follow. The Pulumi CLI prints messages as they are, so this
// first sentence is what a reader of a CI log sees first: the only layout a policy pack controls.

/** The most characters the first sentence may have. */
export const FIRST_SENTENCE_MAX = 160;

/**
 * The message's first sentence: up to the first `.`, `!` or `?` followed by the end or by white space
 * and a capital letter or a quote (so `e.g. new aws.Provider`, `v0.1.0` or `"a.b"` do not end it).
 */
export function firstSentence(message: string): string {
  const match = /^(.*?[.!?])(?=\s+[A-Z"`(]|\s*$)/s.exec(message);
  return (match ? match[1] : message).trim();
}

/** Why a message breaks the first-sentence rule, or undefined when it keeps it. */
export function firstSentenceProblem(message: string): string | undefined {
  const first = firstSentence(message);
  if (!/[.!?]$/.test(first)) return "it does not start with a sentence (no sentence end found)";
  if (first.length > FIRST_SENTENCE_MAX) return `its first sentence has ${first.length} characters (at most ${FIRST_SENTENCE_MAX})`;
  return undefined;
}

/** Set (to "1") by the test suites, so that every message any test makes a rule emit is checked. */
export const MESSAGE_STYLE_ENV = "BACKUP_GUARD_CHECK_MESSAGES";

/** Rules (comma-separated ids) whose messages are not checked yet, while they are being rewritten. */
export const MESSAGE_STYLE_PENDING_ENV = "BACKUP_GUARD_MESSAGE_STYLE_PENDING";
