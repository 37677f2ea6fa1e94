import { createHash, randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { err, ok, type Result } from '../../core/result';
import type { AdminAccounts } from './admin-accounts';
import { lockSubject, type SignInLockout } from './sign-in-lockout';

export interface AdminSessionPolicy {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** And none lasts longer than this from sign-in, however busy. */
  readonly maxMs: number;
}

export const ADMIN_SESSION_POLICY: AdminSessionPolicy = { idleMs: 30 * 60_000, maxMs: 12 * 60 * 60_000 };

export interface AdminSession {
  readonly username: string;
  readonly deviceId: string;
  readonly expiresAt: string;
}

interface Row {
  username: string;
  device_id: string;
  created_at: string;
  expires_at: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Same words for an unknown name and a wrong password: the answer does not tell which names exist. */
const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng';

/**
 * Administrators' sessions: a random token given once at sign-in (the hub keeps only its
 * SHA-256), bound to the admin device it was opened at, ending after `idleMs` without use or
 * `maxMs` after sign-in, or at sign-out. Failed sign-ins count towards a persisted lockout.
 */
export class AdminSessions {
  private readonly getStmt: Statement<[string], Row>;
  private readonly insertStmt: Statement<[string, string, string, string, string]>;
  private readonly touchStmt: Statement<[string, string]>;
  private readonly deleteStmt: Statement<[string]>;
  private readonly liveAtStmt: Statement<[string, string], { username: string }>;
  private readonly pruneStmt: Statement<[string]>;
  private readonly listeners = new Set<(deviceId: string) => void>();

  constructor(
    db: Database,
    private readonly accounts: AdminAccounts,
    private readonly lockout: SignInLockout,
    private readonly clock: () => Date,
    private readonly policy: AdminSessionPolicy = ADMIN_SESSION_POLICY,
  ) {
    this.getStmt = db.prepare(`SELECT username, device_id, created_at, expires_at FROM admin_sessions WHERE token_hash = ?`);
    this.insertStmt = db.prepare(`INSERT INTO admin_sessions (token_hash, username, device_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`);
    this.touchStmt = db.prepare(`UPDATE admin_sessions SET expires_at = ? WHERE token_hash = ?`);
    this.deleteStmt = db.prepare(`DELETE FROM admin_sessions WHERE token_hash = ?`);
    this.liveAtStmt = db.prepare(`SELECT username FROM admin_sessions WHERE device_id = ? AND expires_at > ? LIMIT 1`);
    this.pruneStmt = db.prepare(`DELETE FROM admin_sessions WHERE expires_at <= ?`);
  }

  async signIn(deviceId: string, username: string, password: string): Promise<Result<AdminSession & { readonly token: string }>> {
    const subject = lockSubject('admin', username);
    const state = await this.lockout.state(subject);
    if (state.locked) {
      return err('forbidden', `Tài khoản "${username}" đang bị khoá ${state.minutesLeft} phút (đến ${state.untilText}) do nhập sai mật khẩu nhiều lần (locked after repeated failures).`);
    }
    if (!this.accounts.verify(username, password)) {
      // An unknown name is counted like a known one, but not written into the audit: it may be a password typed in the wrong field.
      const after = await this.lockout.fail(subject, `device:${deviceId}`, this.accounts.exists(username) ? subject : 'admin:?');
      return after.locked
        ? err('forbidden', `${WRONG}. Tài khoản "${username}" bị khoá đến ${after.untilText} do nhập sai ${after.failures} lần (locked).`)
        : err('unauthorized', `${WRONG} (${after.failures}/${this.lockout.maxFailures()}).`);
    }
    await this.lockout.succeed(subject);
    const now = this.clock();
    this.pruneStmt.run(now.toISOString());
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.expiry(now, now).toISOString();
    this.insertStmt.run(sha256(token), username, deviceId, now.toISOString(), expiresAt);
    this.changed(deviceId);
    return ok({ token, username, deviceId, expiresAt });
  }

  /** The live session of a token presented by a device (and its expiry pushed on), or why not. */
  resolve(deviceId: string, token: string): Result<AdminSession> {
    const hash = sha256(token);
    const row = this.getStmt.get(hash);
    const now = this.clock();
    if (!row || row.device_id !== deviceId) return err('unauthorized', 'Phiên quản trị không hợp lệ: hãy đăng nhập lại (sign in again).');
    if (Date.parse(row.expires_at) <= now.getTime()) {
      this.deleteStmt.run(hash);
      return err('unauthorized', 'Phiên quản trị đã hết hạn: hãy đăng nhập lại (the session expired).');
    }
    const expiresAt = this.expiry(new Date(row.created_at), now).toISOString();
    this.touchStmt.run(expiresAt, hash);
    return ok({ username: row.username, deviceId: row.device_id, expiresAt });
  }

  /** Is an administrator signed in at this device right now (for its socket commands)? */
  signedInAt(deviceId: string): string | null {
    return this.liveAtStmt.get(deviceId, this.clock().toISOString())?.username ?? null;
  }

  signOut(token: string): void {
    const hash = sha256(token);
    const row = this.getStmt.get(hash);
    this.deleteStmt.run(hash);
    if (row) this.changed(row.device_id);
  }

  /** After a sign-in or sign-out at an admin device (the hub pushes or withdraws its device list). */
  onChange(listener: (deviceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(deviceId: string): void {
    for (const listener of this.listeners) listener(deviceId);
  }

  private expiry(createdAt: Date, now: Date): Date {
    return new Date(Math.min(now.getTime() + this.policy.idleMs, createdAt.getTime() + this.policy.maxMs));
  }
}
