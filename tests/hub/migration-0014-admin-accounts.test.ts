import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { ADMIN_ACCOUNTS_VERSION, migrationAdminAccounts } from '../../hub/db/migrations/0014-admin-accounts';

const before = MIGRATIONS.filter((m) => m.version < ADMIN_ACCOUNTS_VERSION);
const plan = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
const HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

describe('migration 0014: admin accounts, sessions, sign-in lockouts', () => {
  it('adds the three tables with their checks, and a removed account takes its sessions with it', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    expect(migrate(db, [...before, migrationAdminAccounts])).toEqual([ADMIN_ACCOUNTS_VERSION]);
    expect(db.pragma('user_version', { simple: true })).toBe(ADMIN_ACCOUNTS_VERSION);

    const account = db.prepare(`INSERT INTO admin_accounts (username, password_hash, created_at, password_set_at) VALUES (?, ?, 'x', 'x')`);
    account.run('quan-tri', HASH);
    expect(() => account.run('quan-tri', HASH)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => account.run('ab', HASH)).toThrow(/CHECK/);
    expect(() => account.run('mat-khau-tran', 'hunter2hunter2')).toThrow(/CHECK/); // never a password in clear

    const session = db.prepare(`INSERT INTO admin_sessions (token_hash, username, device_id, created_at, expires_at) VALUES (?, ?, 'admin-1', 'x', 'y')`);
    session.run('a'.repeat(64), 'quan-tri');
    expect(() => session.run('b'.repeat(64), 'khong-co')).toThrow(/FOREIGN KEY/);
    expect(() => session.run('token-in-clear', 'quan-tri')).toThrow(/CHECK/);
    db.prepare(`DELETE FROM admin_accounts WHERE username = 'quan-tri'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM admin_sessions').get()).toEqual({ n: 0 });

    const lock = db.prepare(`INSERT INTO sign_in_lockouts (subject, failures, locked_until) VALUES (?, ?, ?)`);
    lock.run('admin:quan-tri', 0, '2026-12-03T07:00:00.000Z');
    expect(() => lock.run('admin:khac', -1, null)).toThrow(/CHECK/);
    expect(() => lock.run('admin:quan-tri', 1, null)).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it("answers the hub's questions by key or index: a token, a device's live session", () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    expect(plan(db, 'SELECT * FROM admin_sessions WHERE token_hash = ?', 'a')).toMatch(/SEARCH admin_sessions USING INDEX sqlite_autoindex_admin_sessions_1 \(token_hash=\?\)/);
    expect(plan(db, 'SELECT username FROM admin_sessions WHERE device_id = ? AND expires_at > ? LIMIT 1', 'admin-1', 'x')).toMatch(
      /SEARCH admin_sessions USING INDEX admin_sessions_by_device \(device_id=\? AND expires_at>\?\)/,
    );
    expect(plan(db, 'SELECT failures FROM sign_in_lockouts WHERE subject = ?', 's')).toMatch(/SEARCH sign_in_lockouts USING INDEX sqlite_autoindex_sign_in_lockouts_1 \(subject=\?\)/);
  });
});
