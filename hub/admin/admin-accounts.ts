import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { err, ok, type Result } from '../../core/result';
import { hashPin, verifyPin } from '../clerks/pin-hash';

export const AdminUsernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'tên đăng nhập: 3–40 ký tự a–z, 0–9, ".", "_", "-" (chữ thường)');
export const AdminPasswordSchema = z.string().min(12, 'mật khẩu ít nhất 12 ký tự (at least 12 characters; ASVS 2.1.1)').max(200);

export interface AdminAccountView {
  readonly username: string;
  readonly createdAt: string;
  readonly passwordSetAt: string;
}

interface Row {
  username: string;
  password_hash: string;
  created_at: string;
  password_set_at: string;
}

/** A hash of a password no one has: checking an unknown name costs the same as a known one. Made on first need. */
let decoyHash: string | null = null;
const decoy = (): string => (decoyHash ??= hashPin('decoy-password-never-used'));

/**
 * The administrator accounts of the admin screen, in the hub's SQLite. Passwords are hashed with
 * scrypt by the same code as the clerks' PINs (hub/clerks/pin-hash.ts).
 */
export class AdminAccounts {
  private readonly getStmt: Statement<[string], Row>;
  private readonly listStmt: Statement<[], Row>;
  private readonly insertStmt: Statement<[string, string, string, string]>;
  private readonly removeStmt: Statement<[string]>;
  private readonly setStmt: Statement<[string, string, string]>;
  private readonly countStmt: Statement<[], { n: number }>;
  private readonly endSessionsStmt: Statement<[string]>;

  constructor(
    db: Database,
    private readonly clock: () => Date,
  ) {
    this.getStmt = db.prepare(`SELECT * FROM admin_accounts WHERE username = ?`);
    this.listStmt = db.prepare(`SELECT * FROM admin_accounts ORDER BY username`);
    this.insertStmt = db.prepare(`INSERT INTO admin_accounts (username, password_hash, created_at, password_set_at) VALUES (?, ?, ?, ?)`);
    this.removeStmt = db.prepare(`DELETE FROM admin_accounts WHERE username = ?`);
    this.setStmt = db.prepare(`UPDATE admin_accounts SET password_hash = ?, password_set_at = ? WHERE username = ?`);
    this.countStmt = db.prepare(`SELECT count(*) AS n FROM admin_accounts`);
    this.endSessionsStmt = db.prepare(`DELETE FROM admin_sessions WHERE username = ?`);
  }

  /** Does the centre have any administrator account? Until it does, the admin device's token is the admin's credential. */
  get any(): boolean {
    return this.countStmt.get()!.n > 0;
  }

  add(username: string, password: string): Result<AdminAccountView> {
    const problem = credentialsProblem(username, password);
    if (problem) return err('invalid-input', problem);
    if (this.getStmt.get(username)) return err('conflict', `Đã có tài khoản quản trị "${username}".`);
    const now = this.clock().toISOString();
    this.insertStmt.run(username, hashPin(password), now, now);
    return ok({ username, createdAt: now, passwordSetAt: now });
  }

  list(): AdminAccountView[] {
    return this.listStmt.all().map((r) => ({ username: r.username, createdAt: r.created_at, passwordSetAt: r.password_set_at }));
  }

  /** Removes the account and, with it, its sessions. */
  remove(username: string): Result<{ username: string }> {
    return this.removeStmt.run(username).changes > 0 ? ok({ username }) : err('not-found', `Không có tài khoản quản trị "${username}".`);
  }

  /** A new password; every session of the account ends. */
  resetPassword(username: string, password: string): Result<{ username: string }> {
    const problem = credentialsProblem(username, password);
    if (problem) return err('invalid-input', problem);
    if (this.setStmt.run(hashPin(password), this.clock().toISOString(), username).changes === 0) return err('not-found', `Không có tài khoản quản trị "${username}".`);
    this.endSessionsStmt.run(username);
    return ok({ username });
  }

  exists(username: string): boolean {
    return this.getStmt.get(username) !== undefined;
  }

  /** True only for an existing account and its password; the same work either way. */
  verify(username: string, password: string): boolean {
    const row = this.getStmt.get(username);
    const matches = verifyPin(password, row?.password_hash ?? decoy());
    return row !== undefined && matches;
  }
}

function credentialsProblem(username: string, password: string): string | null {
  const u = AdminUsernameSchema.safeParse(username);
  if (!u.success) return u.error.issues[0]!.message;
  const p = AdminPasswordSchema.safeParse(password);
  return p.success ? null : p.error.issues[0]!.message;
}
