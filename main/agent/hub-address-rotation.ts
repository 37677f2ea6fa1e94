/** How a terminal moves between its hub addresses (several processes of one province hub). */
export interface RotationTimings {
  /** The wait before the second and later tries of the first round (the first move after a drop is at once; default 100 ms). */
  readonly stepMs?: number;
  /** The wait before the first try of the second round, doubled each round (default 500 ms). */
  readonly backoffMs?: number;
  /** The longest wait between two tries (default 5 s). */
  readonly maxBackoffMs?: number;
  /** 0 ≤ r < 1; the back-off waits are spread by ±25 % so terminals of a dead process do not all knock at once. Injected for tests. */
  readonly random?: () => number;
}

export interface NextTry {
  readonly url: string;
  readonly delayMs: number;
}

/**
 * The order and pace of connection tries over a terminal's hub addresses: stays on an address
 * while it works; when it fails (no connection, or a link that dropped) goes to the next one at
 * once, tries the rest of the list quickly, then goes round again with a doubling back-off up to
 * `maxBackoffMs`. Pure: it says where and how long to wait; the caller keeps the timers.
 */
export class HubAddressRotation {
  private index = 0;
  /** Tries that failed since the last connection. */
  private failures = 0;
  private readonly stepMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;

  constructor(
    private readonly addresses: readonly string[],
    timings: RotationTimings = {},
  ) {
    if (addresses.length === 0) throw new Error('HubAddressRotation: no hub address');
    this.stepMs = timings.stepMs ?? 100;
    this.backoffMs = timings.backoffMs ?? 500;
    this.maxBackoffMs = timings.maxBackoffMs ?? 5000;
    this.random = timings.random ?? Math.random;
  }

  /** The address being tried or used now. */
  current(): string {
    return this.addresses[this.index] as string;
  }

  /** The current address answered: the next failure starts a fresh round from the address after it. */
  connected(): void {
    this.failures = 0;
  }

  /** The current address failed: the next address to try and how long to wait first. */
  failed(): NextTry {
    this.failures += 1;
    this.index = (this.index + 1) % this.addresses.length;
    const round = Math.floor((this.failures - 1) / this.addresses.length);
    let delayMs: number;
    if (round === 0) delayMs = this.failures === 1 ? 0 : this.stepMs;
    else {
      const base = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (round - 1));
      delayMs = Math.min(this.maxBackoffMs, Math.round(base * (0.75 + this.random() / 2)));
    }
    return { url: this.current(), delayMs };
  }
}
