import type { Clerk } from '../../core/clerks';
import type { ErrorKind } from '../../core/result';
import { verifyPin } from './pin-hash';

const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;

export type PinCheck<T extends Clerk = Clerk> = { readonly ok: true; readonly clerk: T } | { readonly ok: false; readonly reason: 'unknown' | 'wrong-pin' | 'locked'; readonly message: string };

/** The error kind a failed check answers: a lock is `forbidden` (a right PIN is refused too), a wrong PIN `unauthorized`. */
export function pinRefusalKind(reason: 'unknown' | 'wrong-pin' | 'locked'): ErrorKind {
  return reason === 'unknown' ? 'not-found' : reason === 'locked' ? 'forbidden' : 'unauthorized';
}

/**
 * The centre's clerks and the check of their PINs, with a lock after repeated failures so a
 * four-digit PIN cannot be guessed at a counter left unattended. The back office's officers
 * (core/clerks.ts Officer) are checked by a directory of their own, the same way.
 */
export class ClerkDirectory<T extends Clerk = Clerk> {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly clerks: readonly T[],
    private readonly clock: () => Date,
  ) {}

  get any(): boolean {
    return this.clerks.length > 0;
  }

  nameOf(id: string): string | null {
    return this.clerks.find((c) => c.id === id)?.name ?? null;
  }

  /** Every entry, PIN hashes included: for the hub's own use, never for a device. */
  all(): readonly T[] {
    return this.clerks;
  }

  list(): { id: string; name: string }[] {
    return this.clerks.map(({ id, name }) => ({ id, name }));
  }

  check(clerkId: string, pin: string): PinCheck<T> {
    const clerk = this.clerks.find((c) => c.id === clerkId);
    if (!clerk) return { ok: false, reason: 'unknown', message: `Không có cán bộ "${clerkId}".` };
    const now = this.clock().getTime();
    const record = this.failures.get(clerkId);
    if (record && record.lockedUntil > now) {
      const minutes = Math.ceil((record.lockedUntil - now) / 60_000);
      return { ok: false, reason: 'locked', message: `Đăng nhập của ${clerk.name} bị khoá ${minutes} phút do nhập sai mã PIN nhiều lần.` };
    }
    if (verifyPin(pin, clerk.pinHash)) {
      this.failures.delete(clerkId);
      return { ok: true, clerk };
    }
    const count = (record?.count ?? 0) + 1;
    this.failures.set(clerkId, { count: count >= MAX_FAILURES ? 0 : count, lockedUntil: count >= MAX_FAILURES ? now + LOCK_MS : 0 });
    return { ok: false, reason: 'wrong-pin', message: `Mã PIN không đúng (${count}/${MAX_FAILURES}).` };
  }
}
