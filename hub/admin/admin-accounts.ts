import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { err, ok, type Result } from '../../core/result';
import { hashPin, verifyPin } from '../clerks/pin-hash';
import { asyncOf, type Async } from '../store/async-of';
import { AdminAccountRepository } from './admin-account-repository';

export const AdminUsernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'tên đăng nhập: 3–40 ký tự a–z, 0–9, ".", "_", "-" (chữ thường)');
export const AdminPasswordSchema = z.string().min(12, 'mật khẩu ít nhất 12 ký tự (at least 12 characters; ASVS 2.1.1)').max(200);

export interface AdminAccountView {
  readonly username: string;
  readonly createdAt: string;
  readonly passwordSetAt: string;
}

/** A hash of a password no one has: checking an unknown name costs the same as a known one. Made on first need. */
let decoyHash: string | null = null;
const decoy = (): string => (decoyHash ??= hashPin('decoy-password-never-used'));

/**
 * The administrator accounts of the admin screen, over either store. Passwords are hashed with
 * scrypt by the same code as the clerks' PINs (hub/clerks/pin-hash.ts).
 */
export class AdminAccounts {
  constructor(
    private readonly repo: Async<AdminAccountRepository>,
    private readonly clock: () => Date,
  ) {}

  /** Does the centre have any administrator account? Until it does, the admin device's token is the admin's credential. */
  any(): Promise<boolean> {
    return this.repo.any();
  }

  async add(username: string, password: string): Promise<Result<AdminAccountView>> {
    const problem = credentialsProblem(username, password);
    if (problem) return err('invalid-input', problem);
    const now = this.clock().toISOString();
    // One conditional insert: two processes adding the same name at once give one account and one refusal.
    const added = await this.repo.insert({ username, passwordHash: hashPin(password), createdAt: now, passwordSetAt: now });
    return added ? ok({ username, createdAt: now, passwordSetAt: now }) : err('conflict', `Đã có tài khoản quản trị "${username}".`);
  }

  async list(): Promise<AdminAccountView[]> {
    return (await this.repo.list()).map((r) => ({ username: r.username, createdAt: r.createdAt, passwordSetAt: r.passwordSetAt }));
  }

  /** Removes the account and, with it, its sessions. */
  async remove(username: string): Promise<Result<{ username: string }>> {
    return (await this.repo.remove(username)) ? ok({ username }) : err('not-found', `Không có tài khoản quản trị "${username}".`);
  }

  /** A new password; every session of the account ends. */
  async resetPassword(username: string, password: string): Promise<Result<{ username: string }>> {
    const problem = credentialsProblem(username, password);
    if (problem) return err('invalid-input', problem);
    if (!(await this.repo.setPassword(username, hashPin(password), this.clock().toISOString()))) return err('not-found', `Không có tài khoản quản trị "${username}".`);
    return ok({ username });
  }

  async exists(username: string): Promise<boolean> {
    return (await this.repo.get(username)) !== null;
  }

  /** True only for an existing account and its password; the same work either way. */
  async verify(username: string, password: string): Promise<boolean> {
    const row = await this.repo.get(username);
    const matches = verifyPin(password, row?.passwordHash ?? decoy());
    return row !== null && matches;
  }
}

/** The accounts over a hub's SQLite file (the CLI's `motcua admin`, tests). */
export function sqliteAdminAccounts(db: Database, clock: () => Date): AdminAccounts {
  return new AdminAccounts(asyncOf(new AdminAccountRepository(db)), clock);
}

function credentialsProblem(username: string, password: string): string | null {
  const u = AdminUsernameSchema.safeParse(username);
  if (!u.success) return u.error.issues[0]!.message;
  const p = AdminPasswordSchema.safeParse(password);
  return p.success ? null : p.error.issues[0]!.message;
}
