import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { API_KEYS_VERSION, migrationApiKeys } from '../../hub/db/migrations/0017-api-keys';

const before = MIGRATIONS.filter((m) => m.version < API_KEYS_VERSION);
const plan = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
const H = (c: string) => c.repeat(64);

describe('migration 0017: api keys', () => {
  it('adds the table with its checks: hashes only, a revoked key holds none, an overlap has its end', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, before);
    expect(migrate(db, [...before, migrationApiKeys])).toEqual([API_KEYS_VERSION]);
    expect(db.pragma('user_version', { simple: true })).toBe(API_KEYS_VERSION);
    const insert = db.prepare(
      `INSERT INTO api_keys (id, name, department_id, permissions_json, secret_hash, previous_hash, previous_valid_until, created_at, created_by, revoked_at)
       VALUES (?, 'Phần mềm', 'tu-phap', '["dossiers:read"]', ?, ?, ?, 'x', 'cli:root', ?)`,
    );
    insert.run('aaaaaaaaaaaa', H('a'), null, null, null);
    expect(() => insert.run('aaaaaaaaaaaa', H('b'), null, null, null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('bbbbbbbbbbbb', H('a'), null, null, null)).toThrow(/UNIQUE/);
    expect(() => insert.run('short', H('c'), null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('cccccccccccc', 'mck_secret-in-clear', null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('cccccccccccc', null, null, null, null)).toThrow(/CHECK/); // live without a hash
    expect(() => insert.run('cccccccccccc', H('c'), null, null, 'revoked')).toThrow(/CHECK/); // revoked with a hash
    expect(() => insert.run('cccccccccccc', H('c'), H('d'), null, null)).toThrow(/CHECK/); // an overlap without its end
    insert.run('cccccccccccc', H('c'), H('d'), '2026-12-04T00:00:00.000Z', null);
    insert.run('dddddddddddd', null, null, null, '2026-12-03T00:00:00.000Z');
    expect(db.prepare('SELECT count(*) AS n FROM api_keys').get()).toEqual({ n: 3 });
  });

  it('finds a presented key by its id (the primary key)', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    expect(plan(db, 'SELECT * FROM api_keys WHERE id = ?', 'a')).toMatch(/SEARCH api_keys USING INDEX sqlite_autoindex_api_keys_1 \(id=\?\)/);
  });
});
