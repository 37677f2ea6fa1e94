import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/store/migrate';
import { TERMINAL_MIGRATIONS } from '../../../main/agent/store/migrations';

describe('terminal migration 0003: the offline ticket QR token', () => {
  it('adds a nullable token column to offline tickets, keeping the pending ones', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, TERMINAL_MIGRATIONS.filter((m) => m.version < 3), 'terminal');
    db.prepare("INSERT INTO offline_tickets (command_id, service_id, day, number, issued_at, priority, state) VALUES ('c1', 'ho-tich', '2026-05-05', 1990, 'x', 'normal', 'pending')").run();
    expect(migrate(db, TERMINAL_MIGRATIONS, 'terminal')).toEqual([3]);
    expect(db.prepare('SELECT command_id, tracking_token FROM offline_tickets').all()).toEqual([{ command_id: 'c1', tracking_token: null }]);
    const insert = db.prepare("INSERT INTO offline_tickets (command_id, service_id, day, number, issued_at, priority, state, tracking_token) VALUES (?, 'ho-tich', '2026-05-05', ?, 'x', 'normal', 'pending', ?)");
    insert.run('c2', 1991, 'A'.repeat(24));
    expect(() => insert.run('c3', 1992, 'short')).toThrow(/CHECK/);
  });
});
