/**
 * Attempts per address in a sliding window: a few pairing attempts a minute are plenty for a
 * person typing a code, and make guessing 10^8 codes in a code's 10 minutes hopeless.
 * In memory: a restart of the hub forgets it, which costs a guesser a restart of the hub.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => Date,
  ) {}

  /** Counts an attempt from `address`: null when allowed, else the seconds until the next one is. */
  attempt(address: string): number | null {
    const now = this.clock().getTime();
    const recent = (this.attempts.get(address) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(address, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.attempts.set(address, recent);
    // Addresses seen once long ago are forgotten, so the map does not grow for ever.
    if (this.attempts.size > 10_000) for (const [a, ts] of this.attempts) if (ts.every((t) => t <= now - this.windowMs)) this.attempts.delete(a);
    return null;
  }
}
