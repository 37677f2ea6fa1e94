import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0007 } from '../../hub/db/migrations/0007-appointments';

const before = MIGRATIONS.filter((m) => m.version < 7);

describe('migration 0007: appointments', () => {
  it('adds the appointments table: codes unique, states closed, tickets referenced', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    expect(migrate(db, [...before, migration0007])).toEqual([7]);
    const insert = db.prepare(
      `INSERT INTO appointments (code, service_id, date, slot_start, citizen_name, state, created_at, created_by, ticket_id) VALUES (?, 'ho-tich', '2026-11-24', '09:00', 'An', ?, 'x', 'admin-1', ?)`,
    );
    insert.run('ABC234', 'booked', null);
    expect(() => insert.run('ABC234', 'booked', null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('XYZ789', 'lost', null)).toThrow(/CHECK/);
    expect(() => insert.run('XYZ789', 'checked-in', 999)).toThrow(/FOREIGN KEY/);
  });

  it('counts a slot and lists a day from indexes', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [...before, migration0007]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT slot_start, count(*) FROM appointments WHERE date = '2026-11-24' AND service_id = 'ho-tich' AND state != 'cancelled' GROUP BY slot_start`)).toContain('appointments_by_slot');
    expect(plan(`SELECT * FROM appointments WHERE date = '2026-11-24' ORDER BY slot_start`)).toContain('appointments_by_date');
  });
});
