import { z } from 'zod';
import { zonedFormatter } from '../calendar/zoned-format';

/**
 * The one lockout rule of every staff sign-in path (a clerk's or an officer's PIN, an
 * administrator's password): `maxFailures` wrong attempts in a row lock the subject for `lockMs`,
 * during which even the right secret is refused; a success clears the count.
 */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

/** Config `hub.signInLockout`: the same policy for every path, in minutes. */
export const LockoutConfigSchema = z.strictObject({
  maxFailures: z.number().int().min(3).max(20).default(DEFAULT_LOCKOUT.maxFailures),
  lockMinutes: z.number().int().min(1).max(24 * 60).default(DEFAULT_LOCKOUT.lockMs / 60_000),
});
export type LockoutConfig = z.infer<typeof LockoutConfigSchema>;

export function lockoutPolicyOf(config: Readonly<LockoutConfig> | undefined): LockoutPolicy {
  return config ? { maxFailures: config.maxFailures, lockMs: config.lockMinutes * 60_000 } : DEFAULT_LOCKOUT;
}

/** Where a subject stands after one more wrong attempt (`failures` counted so far, not locked). */
export function afterFailure(failures: number, policy: LockoutPolicy, now: Date): { readonly failures: number; readonly lockedUntil: Date | null } {
  const count = failures + 1;
  return { failures: count, lockedUntil: count >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null };
}

/** Whole minutes left of a lock, rounded up (a lock with 10 s left still says 1 minute). */
export function minutesLeft(until: Date, now: Date): number {
  return Math.ceil((until.getTime() - now.getTime()) / 60_000);
}

/** "09:45" — the centre's wall-clock time a lock ends, for the refusal the user reads. */
export function lockEndText(until: Date, timeZone: string): string {
  return zonedFormatter('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(until);
}
