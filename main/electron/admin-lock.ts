/**
 * Who may leave kiosk mode or change the settings: the admin PIN, checked in the main process.
 * Pure (clock and verifier injected) so the rules are unit-tested without Electron or scrypt cost.
 */

/** Wrong PINs in a row before the terminal stops listening… */
export const MAX_WRONG_PINS = 5;
/** …for this long: the policy of every staff sign-in at the hub (core/sign-in/lockout-policy.ts), 5 → 15 minutes. */
export const LOCKOUT_MS = 15 * 60_000;
/** A right PIN opens the admin menu for this long; every action after it asks again. */
export const ADMIN_SESSION_MS = 2 * 60_000;

export type PinVerdict =
  | { readonly kind: 'granted' }
  | { readonly kind: 'refused'; readonly attemptsLeft: number }
  | { readonly kind: 'locked'; readonly retryInMs: number }
  /** The config carries no adminPinHash: nobody can unlock this terminal on the spot. */
  | { readonly kind: 'no-pin' };

/** What outlives a restart of the terminal: the count of wrong PINs and the end of a lock (ms since the epoch, 0: none). */
export interface AdminLockState {
  readonly wrong: number;
  readonly lockedUntil: number;
}

/** Where the lock keeps its state (main/electron/admin-lock-file.ts), so pulling the plug does not lift it. */
export interface AdminLockStore {
  load(): AdminLockState | null;
  save(state: AdminLockState): void;
}

export interface AdminLockOptions {
  /** null: no PIN configured. */
  readonly pinHash: string | null;
  readonly verify: (pin: string, hash: string) => boolean;
  readonly now: () => number;
  /** Absent: the state lives in memory only (tests of the rules). */
  readonly store?: AdminLockStore;
}

export class AdminLock {
  readonly #options: AdminLockOptions;
  #wrong = 0;
  #lockedUntil = 0;
  #sessionUntil = 0;

  constructor(options: Readonly<AdminLockOptions>) {
    this.#options = options;
    const saved = options.store?.load();
    if (saved) {
      this.#wrong = saved.wrong;
      this.#lockedUntil = saved.lockedUntil;
    }
  }

  #save(): void {
    this.#options.store?.save({ wrong: this.#wrong, lockedUntil: this.#lockedUntil });
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
      if (this.#wrong !== 0) {
        this.#wrong = 0;
        this.#save();
      }
      this.#sessionUntil = this.#options.now() + ADMIN_SESSION_MS;
      return { kind: 'granted' };
    }
    this.#wrong += 1;
    if (this.#wrong >= MAX_WRONG_PINS) {
      this.#wrong = 0;
      this.#lockedUntil = this.#options.now() + LOCKOUT_MS;
      this.#save();
      return { kind: 'locked', retryInMs: LOCKOUT_MS };
    }
    this.#save();
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
