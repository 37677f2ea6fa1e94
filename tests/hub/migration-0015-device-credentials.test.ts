import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { DEVICE_CREDENTIALS_VERSION, migrationDeviceCredentials } from '../../hub/db/migrations/0015-device-credentials';

const before = MIGRATIONS.filter((m) => m.version < DEVICE_CREDENTIALS_VERSION);
const plan = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
const H = (c: string) => c.repeat(64);

describe('migration 0015: device credentials, pairing codes', () => {
  it('adds the two tables with their checks: hashes only, a revoked row holds none, a live one holds one', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, before);
    expect(migrate(db, [...before, migrationDeviceCredentials])).toEqual([DEVICE_CREDENTIALS_VERSION]);
    expect(db.pragma('user_version', { simple: true })).toBe(DEVICE_CREDENTIALS_VERSION);

    const cred = db.prepare(`INSERT INTO device_credentials (device_id, credential_hash, previous_hash, created_at, revoked_at) VALUES (?, ?, ?, 'x', ?)`);
    cred.run('kiosk-1', H('a'), null, null);
    expect(() => cred.run('kiosk-1', H('b'), null, null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => cred.run('kiosk-2', H('a'), null, null)).toThrow(/UNIQUE/); // one credential, one device
    expect(() => cred.run('kiosk-2', 'credential-in-clear', null, null)).toThrow(/CHECK/);
    expect(() => cred.run('kiosk-2', null, null, null)).toThrow(/CHECK/); // live without a hash
    expect(() => cred.run('kiosk-2', H('c'), null, 'revoked')).toThrow(/CHECK/); // revoked with a hash
    expect(() => cred.run('kiosk-2', null, H('d'), 'revoked')).toThrow(/CHECK/); // a previous one without a current one
    cred.run('kiosk-2', null, null, '2026-12-03T02:00:00.000Z');
    cred.run('counter-1', H('e'), H('f'), null);
    expect(db.prepare('SELECT count(*) AS n FROM device_credentials').get()).toEqual({ n: 3 });

    const code = db.prepare(`INSERT INTO pairing_codes (device_id, salt, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, 'cli:root', 'x', 'y')`);
    code.run('kiosk-1', 's'.repeat(32), H('1'));
    expect(() => code.run('kiosk-1', 's'.repeat(32), '12345678')).toThrow(/CHECK/); // never the code in clear
    expect(() => code.run('kiosk-1', 'short', H('2'))).toThrow(/CHECK/);
  });

  it("answers the hub's questions by key or index: a device's row, a bearer's hash, the recent codes", () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    expect(plan(db, 'SELECT * FROM device_credentials WHERE device_id = ?', 'a')).toMatch(/SEARCH device_credentials USING INDEX sqlite_autoindex_device_credentials_1 \(device_id=\?\)/);
    const byHash = plan(db, 'SELECT * FROM device_credentials WHERE credential_hash = ? UNION ALL SELECT * FROM device_credentials WHERE previous_hash = ?', 'a', 'a');
    expect(byHash).toMatch(/USING INDEX sqlite_autoindex_device_credentials_2 \(credential_hash=\?\)/);
    expect(byHash).toMatch(/USING INDEX sqlite_autoindex_device_credentials_3 \(previous_hash=\?\)/);
    expect(plan(db, 'SELECT * FROM pairing_codes WHERE created_at > ? ORDER BY created_at DESC', 'x')).toMatch(/pairing_codes USING INDEX pairing_codes_by_created \(created_at>\?\)/);
    expect(plan(db, 'UPDATE pairing_codes SET expires_at = ? WHERE device_id = ? AND used_at IS NULL', 'x', 'a')).toMatch(/USING INDEX pairing_codes_by_device \(device_id=\? AND used_at=\?\)/);
  });
});
