/**
 * Who may leave kiosk mode or change the settings: the admin PIN, checked in the main process.
 * Pure (clock and verifier injected) so the rules are unit-tested without Electron or scrypt cost.
 */

/** Wrong PINs in a row before the terminal stops listening… */
export const MAX_WRONG_PINS = 5;
/** …for this long. */
export const LOCKOUT_MS = 5 * 60_000;
/** A right PIN opens the admin menu for this long; every action after it asks again. */
export const ADMIN_SESSION_MS = 2 * 60_000;

export type PinVerdict =
  | { readonly kind: 'granted' }
  | { readonly kind: 'refused'; readonly attemptsLeft: number }
  | { readonly kind: 'locked'; readonly retryInMs: number }
  /** The config carries no adminPinHash: nobody can unlock this terminal on the spot. */
  | { readonly kind: 'no-pin' };

export interface AdminLockOptions {
  /** null: no PIN configured. */
  readonly pinHash: string | null;
  readonly verify: (pin: string, hash: string) => boolean;
  readonly now: () => number;
}

export class AdminLock {
  readonly #options: AdminLockOptions;
  #wrong = 0;
  #lockedUntil = 0;
  #sessionUntil = 0;

  constructor(options: Readonly<AdminLockOptions>) {
    this.#options = options;
  }

  get pinConfigured(): boolean {
    return this.#options.pinHash !== null;
  }

  /** Milliseconds left of a lockout, 0 when PINs are accepted. */
  lockedForMs(): number {
    return Math.max(0, this.#lockedUntil - this.#options.now());
  }

  tryPin(pin: string): PinVerdict {
    const hash = this.#options.pinHash;
    if (hash === null) return { kind: 'no-pin' };
    const locked = this.lockedForMs();
    // While locked the PIN is not even checked: guessing costs nothing but time we take away.
    if (locked > 0) return { kind: 'locked', retryInMs: locked };
    if (this.#options.verify(pin, hash)) {
      this.#wrong = 0;
      this.#sessionUntil = this.#options.now() + ADMIN_SESSION_MS;
      return { kind: 'granted' };
    }
    this.#wrong += 1;
    if (this.#wrong >= MAX_WRONG_PINS) {
      this.#wrong = 0;
      this.#lockedUntil = this.#options.now() + LOCKOUT_MS;
      return { kind: 'locked', retryInMs: LOCKOUT_MS };
    }
    return { kind: 'refused', attemptsLeft: MAX_WRONG_PINS - this.#wrong };
  }

  isUnlocked(): boolean {
    return this.#options.now() < this.#sessionUntil;
  }

  /** Closing the admin menu ends the session at once. */
  end(): void {
    this.#sessionUntil = 0;
  }
}
