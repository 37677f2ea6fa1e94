import type { Database, Statement } from 'better-sqlite3';

export interface LockoutPolicy {
  /** Wrong attempts in a row that lock the subject. */
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const ADMIN_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

export type LockState = { readonly locked: false; readonly failures: number } | { readonly locked: true; readonly minutesLeft: number };

/**
 * Counts wrong sign-in attempts per subject and locks it after `maxFailures` in a row. Kept in
 * SQLite (sign_in_lockouts), so restarting the hub neither lifts a lock nor forgets the failures.
 */
export class SignInLockout {
  private readonly getStmt: Statement<[string], { failures: number; locked_until: string | null }>;
  private readonly putStmt: Statement<[string, number, string | null]>;
  private readonly clearStmt: Statement<[string]>;

  constructor(
    db: Database,
    private readonly clock: () => Date,
    private readonly policy: LockoutPolicy = ADMIN_LOCKOUT,
  ) {
    this.getStmt = db.prepare(`SELECT failures, locked_until FROM sign_in_lockouts WHERE subject = ?`);
    this.putStmt = db.prepare(
      `INSERT INTO sign_in_lockouts (subject, failures, locked_until) VALUES (?, ?, ?)
       ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
    );
    this.clearStmt = db.prepare(`DELETE FROM sign_in_lockouts WHERE subject = ?`);
  }

  state(subject: string): LockState {
    const row = this.getStmt.get(subject);
    const now = this.clock().getTime();
    const until = row?.locked_until ? Date.parse(row.locked_until) : 0;
    if (until > now) return { locked: true, minutesLeft: Math.ceil((until - now) / 60_000) };
    return { locked: false, failures: row?.failures ?? 0 };
  }

  /** A wrong attempt; answers the count so far and whether it has just locked. */
  fail(subject: string): { readonly failures: number; readonly locked: boolean } {
    const current = this.state(subject);
    const failures = (current.locked ? 0 : current.failures) + 1;
    if (failures >= this.policy.maxFailures) {
      this.putStmt.run(subject, 0, new Date(this.clock().getTime() + this.policy.lockMs).toISOString());
      return { failures, locked: true };
    }
    this.putStmt.run(subject, failures, null);
    return { failures, locked: false };
  }

  succeed(subject: string): void {
    this.clearStmt.run(subject);
  }

  get maxFailures(): number {
    return this.policy.maxFailures;
  }
}
