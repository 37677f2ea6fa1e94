/**
 * A fixed-window request budget per key (an address, a token): at most `limit` takes per
 * `windowMs`. Time is the caller's (a number of milliseconds), so tests move it by hand. The
 * table is bounded: past `maxKeys` the oldest windows are dropped first, so a flood of new keys
 * costs memory up to that bound and no more (a dropped key starts a fresh window — the bound is
 * set far above the keys a centre's public really has).
 */
export interface RateWindowOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly maxKeys?: number;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

export class RateWindow {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly maxKeys: number;

  constructor(private readonly options: RateWindowOptions) {
    if (!(options.limit >= 1) || !(options.windowMs >= 1)) throw new Error('RateWindow: limit and windowMs must be at least 1');
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  take(key: string, now: number): RateDecision {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.options.windowMs || now < w.start) {
      // Re-inserted, so the Map's order stays oldest window first.
      this.windows.delete(key);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      this.evict();
    }
    if (w.count >= this.options.limit) return { ok: false, retryAfterMs: w.start + this.options.windowMs - now };
    w.count += 1;
    return { ok: true };
  }

  /** Whether the key's budget is spent in the current window (does not take). */
  exhausted(key: string, now: number): boolean {
    const w = this.windows.get(key);
    return w !== undefined && now - w.start < this.options.windowMs && now >= w.start && w.count >= this.options.limit;
  }

  /** Keys currently tracked (for tests and health figures). */
  get size(): number {
    return this.windows.size;
  }

  private evict(): void {
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) return;
      this.windows.delete(key);
    }
  }
}
