import { createHash, randomBytes } from 'node:crypto';

/** What became of a launch code: opened now, or why not (used and expired codes get the same page, another status). */
export type LaunchRedemption = 'ok' | 'used' | 'expired' | 'unknown';

export interface LaunchCodesOptions {
  readonly clock: () => Date;
  /** How long a code may wait to be opened (default 5 minutes). */
  readonly ttlMs?: number;
}

export const LAUNCH_CODE_TTL_MS = 5 * 60_000;
/** How long a used or expired code is remembered, so a second use is told "used or expired" rather than "unknown". */
const REMEMBER_MS = 60 * 60_000;
/** Codes not yet opened, at most: each one minted is one address printed, so a few suffice. */
const MAX_OPEN_CODES = 100;

interface CodeState {
  readonly expiresAt: number;
  used: boolean;
}

/**
 * One-time launch codes of a terminal's screen server: each opens one browser session, once,
 * within a few minutes. Only a hash of each code is kept (a code is compared as its hash, so the
 * lookup leaks nothing of it), and no code is ever logged.
 */
export class LaunchCodes {
  readonly #codes = new Map<string, CodeState>();
  readonly #ttlMs: number;

  constructor(private readonly options: LaunchCodesOptions) {
    this.#ttlMs = options.ttlMs ?? LAUNCH_CODE_TTL_MS;
  }

  /** A new code (32 URL-safe characters, 192 random bits). */
  mint(): string {
    const now = this.#now();
    this.#prune(now);
    const open = [...this.#codes.entries()].filter(([, s]) => !s.used && s.expiresAt > now);
    // The oldest unopened code gives way: an address printed long ago is the least likely to be opened.
    if (open.length >= MAX_OPEN_CODES) this.#codes.delete(open[0]![0]);
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(hash(code), { expiresAt: now + this.#ttlMs, used: false });
    return code;
  }

  /** Opens `code` if it is valid, using it up: a second call with it answers `used`. */
  redeem(code: string): LaunchRedemption {
    const now = this.#now();
    this.#prune(now);
    const state = this.#codes.get(hash(code));
    if (state === undefined) return 'unknown';
    if (state.used) return 'used';
    if (now >= state.expiresAt) return 'expired';
    state.used = true;
    return 'ok';
  }

  #now(): number {
    return this.options.clock().getTime();
  }

  #prune(now: number): void {
    for (const [key, s] of this.#codes) if (now >= s.expiresAt + REMEMBER_MS) this.#codes.delete(key);
  }
}

function hash(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}
