import type { LockoutRow } from '../../admin/sign-in-lockout-repository';
import type { PgSql } from './pg-store';

/**
 * The PostgreSQL twin of hub/admin/sign-in-lockout-repository.ts, for one centre: subjects such
 * as `admin:lan` recur in every centre, so a lockout row is per (centre, subject) — PostgreSQL
 * migration 0003. Bound to no centre (null) it keeps the province administrators' rows, one per
 * subject for the whole province (province_sign_in_lockouts, migration 0019): their wrong
 * passwords count wherever they are tried. SignInLockout reads the count and writes the next one
 * in one transaction (fail()); inside a transaction get() first takes the subject's
 * transaction-scoped advisory lock (the row may not exist yet, so not a row lock), so wrong
 * attempts reaching two hub processes at once take turns and each one counts. Outside a
 * transaction get() takes no lock.
 */

/** The first key of the subjects' advisory locks (the second: a hash of centre and subject). */
const LOCKOUT_LOCK_SPACE = 74_465_933;

const CENTRE = {
  get: 'SELECT failures, locked_until FROM sign_in_lockouts WHERE centre_id = $1 AND subject = $2',
  put: `INSERT INTO sign_in_lockouts (centre_id, subject, failures, locked_until) VALUES ($1, $2, $3, $4)
     ON CONFLICT (centre_id, subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  clear: 'DELETE FROM sign_in_lockouts WHERE centre_id = $1 AND subject = $2',
} as const;

const PROVINCE = {
  get: 'SELECT failures, locked_until FROM province_sign_in_lockouts WHERE subject = $1',
  put: `INSERT INTO province_sign_in_lockouts (subject, failures, locked_until) VALUES ($1, $2, $3)
     ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  clear: 'DELETE FROM province_sign_in_lockouts WHERE subject = $1',
} as const;

export class PgSignInLockoutRepository {
  constructor(
    private readonly sql: PgSql,
    /** The centre whose subjects these are; null: the province's administrators. */
    readonly centreId: string | null,
  ) {}

  async get(subject: string): Promise<LockoutRow | null> {
    if (this.sql.inTransaction) await this.sql.run('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCKOUT_LOCK_SPACE, `${this.centreId ?? '(province)'}/${subject}`]);
    const row = await this.sql.row<{ failures: number; locked_until: string | null }>(...this.statement('get', subject));
    return row ? { failures: row.failures, lockedUntil: row.locked_until } : null;
  }

  async put(subject: string, failures: number, lockedUntil: string | null): Promise<void> {
    await this.sql.run(...this.statement('put', subject, failures, lockedUntil));
  }

  async clear(subject: string): Promise<void> {
    await this.sql.run(...this.statement('clear', subject));
  }

  private statement(which: keyof typeof CENTRE, ...params: unknown[]): [string, unknown[]] {
    return this.centreId === null ? [PROVINCE[which], params] : [CENTRE[which], [this.centreId, ...params]];
  }
}
