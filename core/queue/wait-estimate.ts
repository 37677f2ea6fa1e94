/** How many recent services of a service the estimate looks at. */
export const ESTIMATE_SAMPLE = 20;

/**
 * Minutes a newly issued ticket can expect to wait: the people ahead, times the mean of the
 * service's recent service times, shared by the counters open for the service. Null when the
 * service has no finished service yet: a made-up figure would mislead the citizen.
 */
export function estimateWaitMinutes(ahead: number, recentServiceMinutes: readonly number[], openCounters: number): number | null {
  if (recentServiceMinutes.length === 0) return null;
  if (ahead === 0) return 0;
  const mean = recentServiceMinutes.reduce((a, b) => a + b, 0) / recentServiceMinutes.length;
  return Math.ceil((ahead * mean) / Math.max(1, openCounters));
}
