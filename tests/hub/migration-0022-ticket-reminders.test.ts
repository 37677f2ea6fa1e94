import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migrationTicketReminders, TICKET_REMINDERS_VERSION } from '../../hub/db/migrations/0022-ticket-reminders';

describe('migration 0022: ticket reminders', () => {
  it('one reminder per existing ticket; the pending ones of a service and the per-phone count use their indexes', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((m) => m.version < TICKET_REMINDERS_VERSION);
    migrate(db, before);
    expect(migrate(db, [...before, migrationTicketReminders])).toEqual([TICKET_REMINDERS_VERSION]);
    const ticket = db
      .prepare(`INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by, priority) VALUES ('2026-12-03', 'ho-tich', 1001, 'waiting', 'x', 'kiosk-1', 'normal') RETURNING id`)
      .get() as { id: number };
    const insert = db.prepare('INSERT INTO ticket_reminders (ticket_id, day, service_id, phone, remaining, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(ticket.id, '2026-12-03', 'ho-tich', '84912345678', 3, 'x');
    expect(() => insert.run(ticket.id, '2026-12-03', 'ho-tich', '84912345678', 2, 'x')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run(999, '2026-12-03', 'ho-tich', '84912345678', 2, 'x')).toThrow(/FOREIGN KEY/);
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan(`SELECT ticket_id FROM ticket_reminders WHERE day = ? AND service_id = ? AND sent_at IS NULL`, '2026-12-03', 'ho-tich')).toMatch(/USING INDEX ticket_reminders_pending/);
    expect(plan(`SELECT count(*) FROM ticket_reminders WHERE day = ? AND phone = ?`, '2026-12-03', '84912345678')).toMatch(/USING COVERING INDEX ticket_reminders_by_phone/);
  });
});
