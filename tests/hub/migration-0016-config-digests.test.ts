import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { CONFIG_DIGESTS_VERSION, migrationConfigDigests } from '../../hub/db/migrations/0016-config-digests';

describe('migration 0016: config digests', () => {
  it('adds one row per config section, keyed by section, holding a SHA-256 and nothing else', () => {
    const db = new BetterSqlite3(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < CONFIG_DIGESTS_VERSION);
    migrate(db, before);
    expect(migrate(db, [...before, migrationConfigDigests])).toEqual([CONFIG_DIGESTS_VERSION]);
    const insert = db.prepare('INSERT INTO config_digests (section, digest, recorded_at) VALUES (?, ?, ?)');
    insert.run('services', 'a'.repeat(64), '2026-12-03T02:00:00.000Z');
    expect(() => insert.run('services', 'b'.repeat(64), 'x')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('clerks', '$scrypt$not-a-digest', 'x')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM config_digests').get()).toEqual({ n: 1 });
  });
});
