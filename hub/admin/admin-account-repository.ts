import type { Database, Statement } from 'better-sqlite3';

/** One administrator account as stored (the password as its scrypt hash). */
export interface AdminAccountRow {
  readonly username: string;
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly passwordSetAt: string;
}

interface Row {
  username: string;
  password_hash: string;
  created_at: string;
  password_set_at: string;
}

const rowOf = (r: Row): AdminAccountRow => ({ username: r.username, passwordHash: r.password_hash, createdAt: r.created_at, passwordSetAt: r.password_set_at });

/**
 * The rows of admin_accounts (migration 0014). insert() is one conditional INSERT that answers
 * whether it added the row, so two processes adding the same name at once end with one account
 * and one `conflict`, never a constraint error. A new password ends the account's sessions.
 */
export class AdminAccountRepository {
  private readonly getStmt: Statement<[string], Row>;
  private readonly listStmt: Statement<[], Row>;
  private readonly insertStmt: Statement<[string, string, string, string]>;
  private readonly removeStmt: Statement<[string]>;
  private readonly setStmt: Statement<[string, string, string]>;
  private readonly anyStmt: Statement<[], { n: number }>;
  private readonly endSessionsStmt: Statement<[string]>;

  constructor(db: Database) {
    this.getStmt = db.prepare(`SELECT * FROM admin_accounts WHERE username = ?`);
    this.listStmt = db.prepare(`SELECT * FROM admin_accounts ORDER BY username`);
    this.insertStmt = db.prepare(`INSERT INTO admin_accounts (username, password_hash, created_at, password_set_at) VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`);
    // Sessions go with the account (ON DELETE CASCADE, foreign keys are on).
    this.removeStmt = db.prepare(`DELETE FROM admin_accounts WHERE username = ?`);
    this.setStmt = db.prepare(`UPDATE admin_accounts SET password_hash = ?, password_set_at = ? WHERE username = ?`);
    this.anyStmt = db.prepare(`SELECT EXISTS (SELECT 1 FROM admin_accounts) AS n`);
    this.endSessionsStmt = db.prepare(`DELETE FROM admin_sessions WHERE username = ?`);
  }

  /** Does the centre have any administrator account? */
  any(): boolean {
    return this.anyStmt.get()!.n > 0;
  }

  get(username: string): AdminAccountRow | null {
    const r = this.getStmt.get(username);
    return r ? rowOf(r) : null;
  }

  list(): AdminAccountRow[] {
    return this.listStmt.all().map(rowOf);
  }

  /** Adds the account unless the name is taken; true when added. */
  insert(row: AdminAccountRow): boolean {
    return this.insertStmt.run(row.username, row.passwordHash, row.createdAt, row.passwordSetAt).changes > 0;
  }

  /** Removes the account and its sessions; true when there was one. */
  remove(username: string): boolean {
    return this.removeStmt.run(username).changes > 0;
  }

  /** A new password hash; every session of the account ends. True when the account exists. */
  setPassword(username: string, passwordHash: string, at: string): boolean {
    if (this.setStmt.run(passwordHash, at, username).changes === 0) return false;
    this.endSessionsStmt.run(username);
    return true;
  }
}
