import type { Database, Statement } from 'better-sqlite3';

/** One administrator session as stored: the SHA-256 of its token, never the token. */
export interface AdminSessionRow {
  readonly tokenHash: string;
  readonly username: string;
  readonly deviceId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

interface Row {
  token_hash: string;
  username: string;
  device_id: string;
  created_at: string;
  expires_at: string;
}

const rowOf = (r: Row): AdminSessionRow => ({ tokenHash: r.token_hash, username: r.username, deviceId: r.device_id, createdAt: r.created_at, expiresAt: r.expires_at });

/**
 * The rows of admin_sessions (migration 0014). Instants are ISO strings of one format, so they
 * compare as text. Expiry is decided in the statements themselves, so hub processes resolving and
 * expiring one session at once agree: extend() only pushes a live session's end on (never back),
 * deleteIfExpired() only removes one that is still expired when it runs.
 */
export class AdminSessionRepository {
  private readonly getStmt: Statement<[string], Row>;
  private readonly insertStmt: Statement<[string, string, string, string, string]>;
  private readonly extendStmt: Statement<[string, string, string]>;
  private readonly deleteStmt: Statement<[string]>;
  private readonly deleteExpiredStmt: Statement<[string, string]>;
  private readonly liveAtStmt: Statement<[string, string], { username: string }>;
  private readonly pruneStmt: Statement<[string]>;

  constructor(db: Database) {
    this.getStmt = db.prepare(`SELECT * FROM admin_sessions WHERE token_hash = ?`);
    this.insertStmt = db.prepare(`INSERT INTO admin_sessions (token_hash, username, device_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`);
    this.extendStmt = db.prepare(`UPDATE admin_sessions SET expires_at = max(expires_at, ?) WHERE token_hash = ? AND expires_at > ?`);
    this.deleteStmt = db.prepare(`DELETE FROM admin_sessions WHERE token_hash = ?`);
    this.deleteExpiredStmt = db.prepare(`DELETE FROM admin_sessions WHERE token_hash = ? AND expires_at <= ?`);
    this.liveAtStmt = db.prepare(`SELECT username FROM admin_sessions WHERE device_id = ? AND expires_at > ? ORDER BY created_at LIMIT 1`);
    this.pruneStmt = db.prepare(`DELETE FROM admin_sessions WHERE expires_at <= ?`);
  }

  get(tokenHash: string): AdminSessionRow | null {
    const r = this.getStmt.get(tokenHash);
    return r ? rowOf(r) : null;
  }

  insert(row: AdminSessionRow): void {
    this.insertStmt.run(row.tokenHash, row.username, row.deviceId, row.createdAt, row.expiresAt);
  }

  /** Moves a session still live at `now` to end at `expiresAt` (or keeps a later end); false when it is gone or expired. */
  extend(tokenHash: string, expiresAt: string, now: string): boolean {
    return this.extendStmt.run(expiresAt, tokenHash, now).changes > 0;
  }

  delete(tokenHash: string): boolean {
    return this.deleteStmt.run(tokenHash).changes > 0;
  }

  deleteIfExpired(tokenHash: string, now: string): boolean {
    return this.deleteExpiredStmt.run(tokenHash, now).changes > 0;
  }

  /** The administrator of a session live at `now` at this device, or null. */
  liveAt(deviceId: string, now: string): string | null {
    return this.liveAtStmt.get(deviceId, now)?.username ?? null;
  }

  /** Removes every session expired at `now`; how many. */
  prune(now: string): number {
    return this.pruneStmt.run(now).changes;
  }
}
