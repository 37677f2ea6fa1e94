/**
 * Small pure figures for the statistics. Percentiles use the nearest-rank method (the value at
 * rank ⌈p·n⌉ of the sorted sample): always one of the observed values, so a centre's manager can
 * check a p90 by hand from a list of waits.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 1)) throw new RangeError(`percentile must be in (0, 1], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(p * sorted.length);
  return sorted[rank - 1]!;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Two decimals: minutes to the second are noise on a report, and float residue (6.666…7) is worse. */
export function round2(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
