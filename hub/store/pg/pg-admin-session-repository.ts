import type { AdminSessionRow } from '../../admin/admin-session-repository';
import type { PgSql } from './pg-store';

interface Row {
  token_hash: string;
  username: string;
  device_id: string;
  created_at: string;
  expires_at: string;
}

const rowOf = (r: Row): AdminSessionRow => ({ tokenHash: r.token_hash, username: r.username, deviceId: r.device_id, createdAt: r.created_at, expiresAt: r.expires_at });

/** The sessions of this centre's accounts, or of the province's (centre null): admin_sessions has no centre_id, its account has. */
const OF_CENTRE = 'username IN (SELECT username FROM admin_accounts WHERE centre_id IS NOT DISTINCT FROM $1)';

/**
 * The PostgreSQL twin of hub/admin/admin-session-repository.ts, for one centre: it sees only the
 * sessions of the centre's accounts (with `centreId` null: of the province administrators'). As on SQLite, expiry is decided inside each statement, so
 * hub processes resolving one session at once agree: extend() pushes a still-live session's end
 * on and never back (GREATEST of the two), deleteIfExpired() removes it only if it is still
 * expired when the DELETE runs — a session another process has just extended survives.
 */
export class PgAdminSessionRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string | null,
  ) {}

  async get(tokenHash: string): Promise<AdminSessionRow | null> {
    const r = await this.sql.row<Row>(`SELECT * FROM admin_sessions WHERE ${OF_CENTRE} AND token_hash = $2`, [this.centreId, tokenHash]);
    return r ? rowOf(r) : null;
  }

  async insert(row: AdminSessionRow): Promise<void> {
    await this.sql.run('INSERT INTO admin_sessions (token_hash, username, device_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [row.tokenHash, row.username, row.deviceId, row.createdAt, row.expiresAt]);
  }

  async extend(tokenHash: string, expiresAt: string, now: string): Promise<boolean> {
    const n = await this.sql.run(`UPDATE admin_sessions SET expires_at = GREATEST(expires_at, $3) WHERE ${OF_CENTRE} AND token_hash = $2 AND expires_at > $4`, [this.centreId, tokenHash, expiresAt, now]);
    return n > 0;
  }

  async delete(tokenHash: string): Promise<boolean> {
    return (await this.sql.run(`DELETE FROM admin_sessions WHERE ${OF_CENTRE} AND token_hash = $2`, [this.centreId, tokenHash])) > 0;
  }

  async deleteIfExpired(tokenHash: string, now: string): Promise<boolean> {
    return (await this.sql.run(`DELETE FROM admin_sessions WHERE ${OF_CENTRE} AND token_hash = $2 AND expires_at <= $3`, [this.centreId, tokenHash, now])) > 0;
  }

  async liveAt(deviceId: string, now: string): Promise<string | null> {
    const r = await this.sql.row<{ username: string }>(`SELECT username FROM admin_sessions WHERE ${OF_CENTRE} AND device_id = $2 AND expires_at > $3 ORDER BY created_at LIMIT 1`, [this.centreId, deviceId, now]);
    return r?.username ?? null;
  }

  async prune(now: string): Promise<number> {
    return this.sql.run(`DELETE FROM admin_sessions WHERE ${OF_CENTRE} AND expires_at <= $2`, [this.centreId, now]);
  }
}
