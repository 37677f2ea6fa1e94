/** Percentiles of a sample, in the sample's unit, rounded to 0.001. */
export function summarize(samples: readonly number[]): { n: number; p50: number; p95: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), min: r(s[0] ?? NaN), max: r(s.at(-1) ?? NaN) };
}

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
