import type { Clerk } from '../../core/clerks';
import type { ErrorKind } from '../../core/result';
import { lockSubject, type SignInLockout } from '../admin/sign-in-lockout';
import type { CommandContext } from '../commands/command-runner';
import type { Async } from '../store/async-of';
import { verifyPin } from './pin-hash';

export type PinCheck<T extends Clerk = Clerk> = { readonly ok: true; readonly clerk: T } | { readonly ok: false; readonly reason: 'unknown' | 'wrong-pin' | 'locked'; readonly message: string };

/** The error kind a failed check answers: a lock is `forbidden` (a right PIN is refused too), a wrong PIN `unauthorized`. */
export function pinRefusalKind(reason: 'unknown' | 'wrong-pin' | 'locked'): ErrorKind {
  return reason === 'unknown' ? 'not-found' : reason === 'locked' ? 'forbidden' : 'unauthorized';
}

/**
 * The centre's clerks and the check of their PINs, with a lock after repeated failures so a
 * four-digit PIN cannot be guessed at a counter left unattended. The lock is the shared, persisted
 * one of every staff sign-in (hub/admin/sign-in-lockout.ts): a hub restart does not lift it. The
 * back office's officers (core/clerks.ts Officer) are checked by a directory of their own, the same way.
 */
export class ClerkDirectory<T extends Clerk = Clerk> {
  constructor(
    private readonly clerks: readonly T[],
    private readonly lockout: Async<SignInLockout>,
    private readonly kind: 'clerk' | 'officer' = 'clerk',
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

  /**
   * Inside a command: a wrong PIN is counted (and audited) through `keepIfRefused`, because the
   * caller refuses the command and its own writes roll back.
   */
  async check(clerkId: string, pin: string, ctx: Pick<CommandContext, 'device' | 'keepIfRefused'>): Promise<PinCheck<T>> {
    const clerk = this.clerks.find((c) => c.id === clerkId);
    if (!clerk) return { ok: false, reason: 'unknown', message: `Không có cán bộ "${clerkId}".` };
    const subject = lockSubject(this.kind, clerkId);
    const state = await this.lockout.state(subject);
    // While locked the PIN is not even checked: a guess then costs nothing but time.
    if (state.locked) {
      return { ok: false, reason: 'locked', message: `Đăng nhập của ${clerk.name} bị khoá ${state.minutesLeft} phút (đến ${state.untilText}) do nhập sai mã PIN nhiều lần.` };
    }
    if (verifyPin(pin, clerk.pinHash)) {
      await this.lockout.succeed(subject);
      return { ok: true, clerk };
    }
    const next = await this.lockout.next(subject);
    ctx.keepIfRefused(async () => void (await this.lockout.fail(subject, `device:${ctx.device.id}`)));
    return { ok: false, reason: 'wrong-pin', message: `Mã PIN không đúng (${next.failures}/${await this.lockout.maxFailures()}).` };
  }
}
