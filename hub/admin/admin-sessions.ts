import { createHash, randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../core/result';
import type { Async } from '../store/async-of';
import type { AdminAccounts } from './admin-accounts';
import type { AdminSessionRepository } from './admin-session-repository';
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

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Same words for an unknown name and a wrong password: the answer does not tell which names exist. */
const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng';

/**
 * Administrators' sessions: a random token given once at sign-in (the hub keeps only its
 * SHA-256), bound to the admin device it was opened at, ending after `idleMs` without use or
 * `maxMs` after sign-in, or at sign-out. Failed sign-ins count towards a persisted lockout.
 */
export class AdminSessions {
  private readonly listeners = new Set<(deviceId: string) => Promise<void>>();

  constructor(
    private readonly repo: Async<AdminSessionRepository>,
    private readonly accounts: AdminAccounts,
    private readonly lockout: SignInLockout,
    private readonly clock: () => Date,
    private readonly policy: AdminSessionPolicy = ADMIN_SESSION_POLICY,
  ) {}

  async signIn(deviceId: string, username: string, password: string): Promise<Result<AdminSession & { readonly token: string }>> {
    const subject = lockSubject('admin', username);
    const state = await this.lockout.state(subject);
    if (state.locked) {
      return err('forbidden', `Tài khoản "${username}" đang bị khoá ${state.minutesLeft} phút (đến ${state.untilText}) do nhập sai mật khẩu nhiều lần (locked after repeated failures).`);
    }
    if (!(await this.accounts.verify(username, password))) {
      // An unknown name is counted like a known one, but not written into the audit: it may be a password typed in the wrong field.
      const after = await this.lockout.fail(subject, `device:${deviceId}`, (await this.accounts.exists(username)) ? subject : 'admin:?');
      return after.locked
        ? err('forbidden', `${WRONG}. Tài khoản "${username}" bị khoá đến ${after.untilText} do nhập sai ${after.failures} lần (locked).`)
        : err('unauthorized', `${WRONG} (${after.failures}/${this.lockout.maxFailures()}).`);
    }
    await this.lockout.succeed(subject);
    const now = this.clock();
    await this.repo.prune(now.toISOString());
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.expiry(now, now).toISOString();
    await this.repo.insert({ tokenHash: sha256(token), username, deviceId, createdAt: now.toISOString(), expiresAt });
    await this.changed(deviceId);
    return ok({ token, username, deviceId, expiresAt });
  }

  /** The live session of a token presented by a device (and its expiry pushed on), or why not. */
  async resolve(deviceId: string, token: string): Promise<Result<AdminSession>> {
    const hash = sha256(token);
    const row = await this.repo.get(hash);
    const now = this.clock();
    if (!row || row.deviceId !== deviceId) return err('unauthorized', 'Phiên quản trị không hợp lệ: hãy đăng nhập lại (sign in again).');
    const expiresAt = this.expiry(new Date(row.createdAt), now).toISOString();
    // Checked and extended in one statement: a session that expired (or was ended) meanwhile is not revived.
    if (Date.parse(row.expiresAt) <= now.getTime() || !(await this.repo.extend(hash, expiresAt, now.toISOString()))) {
      await this.repo.deleteIfExpired(hash, now.toISOString());
      return err('unauthorized', 'Phiên quản trị đã hết hạn: hãy đăng nhập lại (the session expired).');
    }
    return ok({ username: row.username, deviceId: row.deviceId, expiresAt });
  }

  /** Is an administrator signed in at this device right now, or at `at` (for its socket commands, its device feed)? */
  signedInAt(deviceId: string, at: Date = this.clock()): Promise<string | null> {
    return this.repo.liveAt(deviceId, at.toISOString());
  }

  async signOut(token: string): Promise<void> {
    const hash = sha256(token);
    const row = await this.repo.get(hash);
    await this.repo.delete(hash);
    if (row) await this.changed(row.deviceId);
  }

  /**
   * After a sign-in or sign-out at an admin device (the hub pushes or withdraws its device list).
   * The sign-in/out answers after its listeners settle: they must not reject (log their failures).
   */
  onChange(listener: (deviceId: string) => Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async changed(deviceId: string): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(deviceId)));
  }

  private expiry(createdAt: Date, now: Date): Date {
    return new Date(Math.min(now.getTime() + this.policy.idleMs, createdAt.getTime() + this.policy.maxMs));
  }
}

