/** How many requests one API key may make: a burst, refilled steadily. */
export interface KeyRateLimitPolicy {
  readonly burst: number;
  readonly perMinute: number;
}

/** A department's software polling every few seconds stays far below; a runaway loop does not. */
export const DEFAULT_KEY_RATE_LIMIT: KeyRateLimitPolicy = { burst: 120, perMinute: 120 };

/**
 * A token bucket per key, in memory (a restart refills every bucket: the limit guards the hub
 * against a runaway client, it is not a quota). The clock is injected, so a frozen test clock
 * refills nothing.
 */
export class KeyRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: () => Date,
    private readonly policy: KeyRateLimitPolicy = DEFAULT_KEY_RATE_LIMIT,
  ) {}

  /** Takes one request's token; null when allowed, else the seconds until the next one. */
  take(keyId: string): number | null {
    const now = this.clock().getTime();
    const perMs = this.policy.perMinute / 60_000;
    const bucket = this.buckets.get(keyId) ?? { tokens: this.policy.burst, at: now };
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    // A clock set back refills nothing, now or when it catches up again.
    bucket.at = Math.max(bucket.at, now);
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
