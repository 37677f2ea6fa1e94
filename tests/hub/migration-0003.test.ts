import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { migration0001 } from '../../hub/db/migrations/0001-initial';
import { migration0002 } from '../../hub/db/migrations/0002-device-health';
import { migration0003 } from '../../hub/db/migrations/0003-ticket-states';

const before = [migration0001, migration0002];
const all = [...before, migration0003];

describe('migration 0003: ticket states', () => {
  it('keeps every ticket and its events, and accepts cancelled and transferred', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    db.prepare(`INSERT INTO tickets (id, day, service_id, number, state, issued_at, issued_by) VALUES (7, '2026-11-22', 'ho-tich', 1001, 'done', 'x', 'k')`).run();
    db.prepare(`INSERT INTO events (at, type, ticket_id) VALUES ('x', 'ticket-issued', 7)`).run();
    expect(() => db.prepare(`UPDATE tickets SET state = 'cancelled'`).run()).toThrow(/CHECK/);

    expect(migrate(db, all)).toEqual([3]);
    expect(db.prepare('SELECT id, number, state FROM tickets').all()).toEqual([{ id: 7, number: 1001, state: 'done' }]);
    expect(db.prepare('SELECT ticket_id FROM events').all()).toEqual([{ ticket_id: 7 }]);
    db.prepare(`UPDATE tickets SET state = 'cancelled'`).run();
    db.prepare(`UPDATE tickets SET state = 'transferred'`).run();
    expect(() => db.prepare(`UPDATE tickets SET state = 'lost'`).run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('still refuses events for unknown tickets and serves the hot queries from indexes', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, all);
    expect(() => db.prepare(`INSERT INTO events (at, type, ticket_id) VALUES ('x', 'ticket-issued', 999)`).run()).toThrow(/FOREIGN KEY/);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT * FROM tickets WHERE day = '2026-11-22' AND state = 'waiting' ORDER BY issued_at, id`)).toContain('tickets_by_state');
    expect(plan(`SELECT * FROM tickets WHERE day = '2026-11-22' AND counter_id = 'q' ORDER BY called_at DESC LIMIT 1`)).toContain('tickets_by_counter');
  });
});
