import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0001 } from '../../hub/db/migrations/0001-initial';

describe('migration 0001: initial queue schema', () => {
  it('creates the tables and indexes, and records the version', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, [migration0001])).toEqual([1]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const objects = db.prepare(`SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`).all();
    expect(objects).toEqual([
      { type: 'table', name: 'commands' },
      { type: 'table', name: 'events' },
      { type: 'table', name: 'number_sequences' },
      { type: 'table', name: 'tickets' },
      { type: 'index', name: 'tickets_by_counter' },
      { type: 'index', name: 'tickets_by_state' },
    ]);
  });

  it('refuses a duplicate number for a service on a day, and unknown states', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [migration0001]);
    const insert = db.prepare(`INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by) VALUES ('2026-11-22', 'ho-tich', ?, ?, 'x', 'k')`);
    insert.run(1001, 'waiting');
    expect(() => insert.run(1001, 'waiting')).toThrow(/UNIQUE/);
    expect(() => insert.run(1002, 'lost')).toThrow(/CHECK/);
  });

  it('serves the hot queries from indexes', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [migration0001]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT * FROM tickets WHERE day = '2026-11-22' AND state = 'waiting' ORDER BY issued_at, id`)).toContain('tickets_by_state');
    expect(plan(`SELECT * FROM tickets WHERE day = '2026-11-22' AND counter_id = 'quay-1' ORDER BY called_at DESC LIMIT 1`)).toContain('tickets_by_counter');
  });

  it('is applied once: a second run applies nothing, a newer database is refused', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this hub/);
  });
});
