/**
 * A fact about a planned resource is known, unknown (not computable before the deployment runs) or
 * absent (not set). Rules must handle all three: "absent" is not "unknown", and "unknown" is never "ok".
 */
export type Fact<T> = Known<T> | Unknown | Absent;

/** A value known at plan time, with how it was decided (shown to users as evidence). */
export interface Known<T> {
  readonly state: "known";
  readonly value: T;
  readonly basis: string;
}

/** A value that cannot be known before the deployment runs. */
export interface Unknown {
  readonly state: "unknown";
  readonly basis: string;
}

/** A value that is not set. */
export interface Absent {
  readonly state: "absent";
  readonly basis: string;
}

/** Builds a known fact. */
export function known<T>(value: T, basis: string): Known<T> {
  return { state: "known", value, basis };
}

/** Builds an unknown fact. */
export function unknown(basis: string): Unknown {
  return { state: "unknown", basis };
}

/** Builds an absent fact. */
export function absent(basis: string): Absent {
  return { state: "absent", basis };
}

/** Maps the value of a known fact; unknown and absent facts pass through. */
export function mapFact<T, U>(fact: Fact<T>, fn: (value: T) => U): Fact<U> {
  return fact.state === "known" ? known(fn(fact.value), fact.basis) : fact;
}

/** The value of a known fact, otherwise `undefined`. */
export function valueOf<T>(fact: Fact<T>): T | undefined {
  return fact.state === "known" ? fact.value : undefined;
}

/** The result of comparing two facts: decided only when both are known. */
export type Comparison = "same" | "different" | "undecided";

/** Compares two facts for equality. */
export function compareFacts<T>(a: Fact<T>, b: Fact<T>): Comparison {
  if (a.state !== "known" || b.state !== "known") {
    return "undecided";
  }
  return a.value === b.value ? "same" : "different";
}
