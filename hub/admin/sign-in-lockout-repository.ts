import type { Database, Statement } from 'better-sqlite3';

/** A subject's count of wrong attempts in a row, and the end of its lock (ISO) if one was set. */
export interface LockoutRow {
  readonly failures: number;
  readonly lockedUntil: string | null;
}

/** The rows of sign_in_lockouts (migration 0014), one per subject (`admin:<username>`, `clerk:<id>`, `officer:<id>`). */
export class SignInLockoutRepository {
  private readonly getStmt: Statement<[string], { failures: number; locked_until: string | null }>;
  private readonly putStmt: Statement<[string, number, string | null]>;
  private readonly clearStmt: Statement<[string]>;

  constructor(db: Database) {
    this.getStmt = db.prepare(`SELECT failures, locked_until FROM sign_in_lockouts WHERE subject = ?`);
    this.putStmt = db.prepare(
      `INSERT INTO sign_in_lockouts (subject, failures, locked_until) VALUES (?, ?, ?)
       ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
    );
    this.clearStmt = db.prepare(`DELETE FROM sign_in_lockouts WHERE subject = ?`);
  }

  get(subject: string): LockoutRow | null {
    const row = this.getStmt.get(subject);
    return row ? { failures: row.failures, lockedUntil: row.locked_until } : null;
  }

  put(subject: string, failures: number, lockedUntil: string | null): void {
    this.putStmt.run(subject, failures, lockedUntil);
  }

  clear(subject: string): void {
    this.clearStmt.run(subject);
  }
}
