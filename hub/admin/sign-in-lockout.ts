import { afterFailure, DEFAULT_LOCKOUT, lockEndText, minutesLeft, type LockoutPolicy } from '../../core/sign-in/lockout-policy';
import type { AuditLog } from '../audit/audit-log';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { SignInLockoutRepository } from './sign-in-lockout-repository';

export type { LockoutPolicy } from '../../core/sign-in/lockout-policy';

/** The administrators' policy, which every staff sign-in path now shares (core/sign-in/lockout-policy.ts). */
export const ADMIN_LOCKOUT: LockoutPolicy = DEFAULT_LOCKOUT;

/** The sign-in paths that share the lockout; the subject of a row is `<kind>:<name>`. */
export type SignInKind = 'admin' | 'clerk' | 'officer';

export const lockSubject = (kind: SignInKind, name: string): string => `${kind}:${name}`;

export type LockState =
  | { readonly locked: false; readonly failures: number }
  | { readonly locked: true; readonly minutesLeft: number; readonly until: Date; /** "09:45", the centre's time. */ readonly untilText: string };

export interface FailureOutcome {
  readonly failures: number;
  readonly locked: boolean;
  readonly until: Date | null;
  readonly untilText: string | null;
}

export interface SignInLockoutOptions {
  readonly policy?: LockoutPolicy;
  /** Failures and locks go on record here (never the PIN or password tried). */
  readonly audit?: Pick<Async<AuditLog>, 'record'> | null;
  /** For the lock's end as the user reads it; defaults to Vietnam. */
  readonly timeZone?: string;
}

/**
 * Counts wrong sign-in attempts per subject (`admin:<username>`, `clerk:<id>`, `officer:<id>`)
 * and locks it after `maxFailures` in a row. Kept in the store (sign_in_lockouts: SQLite migration
 * 0014, PostgreSQL 0003 per centre), so restarting the hub neither lifts a lock nor forgets the
 * failures; each failure and each lock is appended to the audit chain in the same transaction as
 * the row.
 */
export class SignInLockout {
  private readonly policy: LockoutPolicy;
  private readonly timeZone: string;

  constructor(
    private readonly repo: Async<SignInLockoutRepository>,
    /** A failure's row and its audit record commit together: in the caller's transaction, or one of their own. */
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly options: SignInLockoutOptions = {},
  ) {
    this.policy = options.policy ?? DEFAULT_LOCKOUT;
    this.timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  }

  async state(subject: string): Promise<LockState> {
    const row = await this.repo.get(subject);
    const now = this.clock();
    const until = row?.lockedUntil ? new Date(row.lockedUntil) : null;
    if (until && until.getTime() > now.getTime()) return { locked: true, minutesLeft: minutesLeft(until, now), until, untilText: lockEndText(until, this.timeZone) };
    // An expired lock starts the count afresh.
    return { locked: false, failures: until ? 0 : (row?.failures ?? 0) };
  }

  /** What one more wrong attempt would make of the subject, without writing it (see `fail`). */
  async next(subject: string): Promise<FailureOutcome> {
    const current = await this.state(subject);
    const step = afterFailure(current.locked ? 0 : current.failures, this.policy, this.clock());
    return { failures: step.failures, locked: step.lockedUntil !== null, until: step.lockedUntil, untilText: step.lockedUntil && lockEndText(step.lockedUntil, this.timeZone) };
  }

  /**
   * A wrong attempt, written with its audit record: `by` is who tried (`device:<id>`), and
   * `recordAs` what the audit names as the subject when it differs (an unknown admin username is
   * not written down: it may be a password typed in the wrong field).
   */
  async fail(subject: string, by: string, recordAs: string = subject): Promise<FailureOutcome> {
    return this.store.transaction(async () => {
      const outcome = await this.next(subject);
      await this.repo.put(subject, outcome.locked ? 0 : outcome.failures, outcome.until?.toISOString() ?? null);
      await this.options.audit?.record({
        actor: by,
        action: outcome.locked ? 'sign-in.lock' : 'sign-in.fail',
        subject: recordAs,
        detail: outcome.locked ? { failures: outcome.failures, lockedUntil: outcome.until!.toISOString() } : { failures: outcome.failures, maxFailures: this.policy.maxFailures },
      }, this.clock());
      return outcome;
    });
  }

  async succeed(subject: string): Promise<void> {
    await this.repo.clear(subject);
  }

  maxFailures(): number {
    return this.policy.maxFailures;
  }
}
