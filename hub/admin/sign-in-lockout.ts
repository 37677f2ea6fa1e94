import type { Database, Statement } from 'better-sqlite3';
import { afterFailure, DEFAULT_LOCKOUT, lockEndText, minutesLeft, type LockoutPolicy } from '../../core/sign-in/lockout-policy';
import type { AuditLog } from '../audit/audit-log';

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
  readonly audit?: AuditLog | null;
  /** For the lock's end as the user reads it; defaults to Vietnam. */
  readonly timeZone?: string;
}

/**
 * Counts wrong sign-in attempts per subject (`admin:<username>`, `clerk:<id>`, `officer:<id>`)
 * and locks it after `maxFailures` in a row. Kept in SQLite (sign_in_lockouts, migration 0014),
 * so restarting the hub neither lifts a lock nor forgets the failures; each failure and each lock
 * is appended to the audit chain in the same transaction as the row.
 */
export class SignInLockout {
  private readonly getStmt: Statement<[string], { failures: number; locked_until: string | null }>;
  private readonly putStmt: Statement<[string, number, string | null]>;
  private readonly clearStmt: Statement<[string]>;
  private readonly policy: LockoutPolicy;
  private readonly timeZone: string;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly options: SignInLockoutOptions = {},
  ) {
    this.policy = options.policy ?? DEFAULT_LOCKOUT;
    this.timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
    this.getStmt = db.prepare(`SELECT failures, locked_until FROM sign_in_lockouts WHERE subject = ?`);
    this.putStmt = db.prepare(
      `INSERT INTO sign_in_lockouts (subject, failures, locked_until) VALUES (?, ?, ?)
       ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
    );
    this.clearStmt = db.prepare(`DELETE FROM sign_in_lockouts WHERE subject = ?`);
  }

  state(subject: string): LockState {
    const row = this.getStmt.get(subject);
    const now = this.clock();
    const until = row?.locked_until ? new Date(row.locked_until) : null;
    if (until && until.getTime() > now.getTime()) return { locked: true, minutesLeft: minutesLeft(until, now), until, untilText: lockEndText(until, this.timeZone) };
    // An expired lock starts the count afresh.
    return { locked: false, failures: until ? 0 : (row?.failures ?? 0) };
  }

  /** What one more wrong attempt would make of the subject, without writing it (see `fail`). */
  next(subject: string): FailureOutcome {
    const current = this.state(subject);
    const step = afterFailure(current.locked ? 0 : current.failures, this.policy, this.clock());
    return { failures: step.failures, locked: step.lockedUntil !== null, until: step.lockedUntil, untilText: step.lockedUntil && lockEndText(step.lockedUntil, this.timeZone) };
  }

  /**
   * A wrong attempt, written with its audit record: `by` is who tried (`device:<id>`), and
   * `recordAs` what the audit names as the subject when it differs (an unknown admin username is
   * not written down: it may be a password typed in the wrong field).
   */
  fail(subject: string, by: string, recordAs: string = subject): FailureOutcome {
    const outcome = this.next(subject);
    const write = () => {
      this.putStmt.run(subject, outcome.locked ? 0 : outcome.failures, outcome.until?.toISOString() ?? null);
      this.options.audit?.record({
        actor: by,
        action: outcome.locked ? 'sign-in.lock' : 'sign-in.fail',
        subject: recordAs,
        detail: outcome.locked ? { failures: outcome.failures, lockedUntil: outcome.until!.toISOString() } : { failures: outcome.failures, maxFailures: this.policy.maxFailures },
      }, this.clock());
    };
    if (this.db.inTransaction) write();
    else this.db.transaction(write).immediate();
    return outcome;
  }

  succeed(subject: string): void {
    this.clearStmt.run(subject);
  }

  maxFailures(): number {
    return this.policy.maxFailures;
  }
}
