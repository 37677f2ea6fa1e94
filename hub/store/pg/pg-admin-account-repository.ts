import type { AdminAccountRow } from '../../admin/admin-account-repository';
import type { PgSql } from './pg-store';

interface Row {
  username: string;
  password_hash: string;
  created_at: string;
  password_set_at: string;
}

const rowOf = (r: Row): AdminAccountRow => ({ username: r.username, passwordHash: r.password_hash, createdAt: r.created_at, passwordSetAt: r.password_set_at });

/** This repository's accounts: the centre's, or (centre null) the province's (PostgreSQL migration 0016). */
const OWNED = 'centre_id IS NOT DISTINCT FROM $2';

/**
 * The PostgreSQL twin of hub/admin/admin-account-repository.ts, for one centre — or, with
 * `centreId` null, for the province's administrators (accounts of no centre, which read the
 * province statistics and administer no centre). Usernames are
 * unique across the province (PostgreSQL migration 0003) and each account administers one centre:
 * this centre sees, verifies and changes only its own, and a name taken at another centre is a
 * conflict here too. insert() is one `ON CONFLICT DO NOTHING`, so two hub processes (or
 * `motcua admin add` beside a running hub) adding the first administrator at once leave one
 * account and answer the other `conflict`. setPassword() updates the hash and ends the sessions
 * in one statement.
 */
export class PgAdminAccountRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string | null,
  ) {}

  async any(): Promise<boolean> {
    const r = await this.sql.row<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM admin_accounts WHERE centre_id IS NOT DISTINCT FROM $1) AS any', [this.centreId]);
    return r?.any ?? false;
  }

  async get(username: string): Promise<AdminAccountRow | null> {
    const r = await this.sql.row<Row>(`SELECT * FROM admin_accounts WHERE username = $1 AND ${OWNED}`, [username, this.centreId]);
    return r ? rowOf(r) : null;
  }

  async list(): Promise<AdminAccountRow[]> {
    return (await this.sql.rows<Row>('SELECT * FROM admin_accounts WHERE centre_id IS NOT DISTINCT FROM $1 ORDER BY username', [this.centreId])).map(rowOf);
  }

  async insert(row: AdminAccountRow): Promise<boolean> {
    const added = await this.sql.run(
      `INSERT INTO admin_accounts (username, centre_id, password_hash, created_at, password_set_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING`,
      [row.username, this.centreId, row.passwordHash, row.createdAt, row.passwordSetAt],
    );
    return added > 0;
  }

  /** Its sessions go with it (ON DELETE CASCADE). */
  async remove(username: string): Promise<boolean> {
    return (await this.sql.run(`DELETE FROM admin_accounts WHERE username = $1 AND ${OWNED}`, [username, this.centreId])) > 0;
  }

  async setPassword(username: string, passwordHash: string, at: string): Promise<boolean> {
    const r = await this.sql.row<{ n: number }>(
      `WITH changed AS (
         UPDATE admin_accounts SET password_hash = $3, password_set_at = $4 WHERE username = $1 AND ${OWNED} RETURNING username
       ), ended AS (
         DELETE FROM admin_sessions WHERE username IN (SELECT username FROM changed)
       )
       SELECT count(*)::int AS n FROM changed`,
      [username, this.centreId, passwordHash, at],
    );
    return (r?.n ?? 0) > 0;
  }
}
