import type { LockoutRow } from '../../admin/sign-in-lockout-repository';
import type { PgSql } from './pg-store';

/**
 * The PostgreSQL twin of hub/admin/sign-in-lockout-repository.ts, for one centre: subjects such
 * as `admin:lan` recur in every centre, so a lockout row is per (centre, subject) — PostgreSQL
 * migration 0003. SignInLockout reads the count and writes the next one in one transaction
 * (fail()); inside a transaction get() first takes the subject's transaction-scoped advisory lock
 * (the row may not exist yet, so not a row lock), so wrong attempts reaching two hub processes at
 * once take turns and each one counts. Outside a transaction get() takes no lock.
 */

/** The first key of the subjects' advisory locks (the second: a hash of centre and subject). */
const LOCKOUT_LOCK_SPACE = 74_465_933;
export class PgSignInLockoutRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async get(subject: string): Promise<LockoutRow | null> {
    if (this.sql.inTransaction) await this.sql.run('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCKOUT_LOCK_SPACE, `${this.centreId}/${subject}`]);
    const row = await this.sql.row<{ failures: number; locked_until: string | null }>(
      'SELECT failures, locked_until FROM sign_in_lockouts WHERE centre_id = $1 AND subject = $2',
      [this.centreId, subject],
    );
    return row ? { failures: row.failures, lockedUntil: row.locked_until } : null;
  }

  async put(subject: string, failures: number, lockedUntil: string | null): Promise<void> {
    await this.sql.run(
      `INSERT INTO sign_in_lockouts (centre_id, subject, failures, locked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (centre_id, subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      [this.centreId, subject, failures, lockedUntil],
    );
  }

  async clear(subject: string): Promise<void> {
    await this.sql.run('DELETE FROM sign_in_lockouts WHERE centre_id = $1 AND subject = $2', [this.centreId, subject]);
  }
}
