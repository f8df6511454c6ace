// Figures of a noisy, shared machine: ratios of alternate runs, their median and spread.

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A ratio's median and its range over the rounds. */
export interface RatioSummary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Summarises per-round ratios `pack[i] / floor[i]` (runs of the same round ran back to back). */
export function ratioSummary(pack: readonly number[], floor: readonly number[]): RatioSummary {
  const ratios = pack.map((value, i) => value / floor[i]);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** `1.07× (1.02–1.11)`. */
export function formatRatio(summary: RatioSummary): string {
  return `${summary.median.toFixed(2)}× (${summary.min.toFixed(2)}–${summary.max.toFixed(2)})`;
}
