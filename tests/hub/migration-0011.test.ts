import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0011 } from '../../hub/db/migrations/0011-number-leases';

const before = MIGRATIONS.filter((m) => m.version < 11);
const plan = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0011: number leases, offline tickets', () => {
  it('adds both tables with their checks and keys, on top of a database with tickets', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    const ticket = db.prepare(`INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by) VALUES ('2026-11-20', 'ho-tich', ?, 'waiting', 'x', 'kiosk-1') RETURNING id`);
    const online = ticket.get(1001) as { id: number };
    expect(migrate(db, [...before, migration0011])).toEqual([11]);
    expect(db.pragma('user_version', { simple: true })).toBe(11);

    const lease = db.prepare(`INSERT INTO number_leases (day, service_id, device_id, first_number, last_number, leased_at, command_id) VALUES (?, 'ho-tich', 'kiosk-1', ?, ?, 'x', ?) RETURNING id`);
    const { id: leaseId } = lease.get('2026-11-20', 1990, 1999, 'lease-0001') as { id: number };
    expect(() => lease.run('2026-11-20', 1989, 1980, 'lease-0002')).toThrow(/CHECK/);
    expect(() => lease.run('2026-11-20', 0, 5, 'lease-0003')).toThrow(/CHECK/);
    expect(() => lease.run('20/11/2026', 1980, 1989, 'lease-0004')).toThrow(/CHECK/);
    expect(() => lease.run('2026-11-20', 1980, 1989, 'lease-0001')).toThrow(/UNIQUE/); // one lease per command

    const offline = db.prepare(
      `INSERT INTO offline_tickets (ticket_id, lease_id, day, service_id, number, reported_issued_at, delivered_at, command_id, supersedes, superseded_ticket_id)
       VALUES (?, ?, '2026-11-20', 'ho-tich', ?, 'x', 'y', ?, ?, ?)`,
    );
    const t1990 = ticket.get(1990) as { id: number };
    offline.run(t1990.id, leaseId, 1990, 'deliver-0001', 'issue-0001', online.id);
    const t1991 = ticket.get(1991) as { id: number };
    expect(() => offline.run(t1991.id, leaseId, 1990, 'deliver-0002', null, null)).toThrow(/UNIQUE/); // a number is delivered once
    expect(() => offline.run(t1991.id, leaseId, 1991, 'deliver-0001', null, null)).toThrow(/UNIQUE/); // one ticket per command
    expect(() => offline.run(t1991.id, leaseId, 1991, 'deliver-0002', 'issue-0001', null)).toThrow(/UNIQUE/); // a phantom is superseded once
    expect(() => offline.run(t1991.id, 999, 1991, 'deliver-0002', null, null)).toThrow(/FOREIGN KEY/);
    expect(() => offline.run(9999, leaseId, 1991, 'deliver-0002', null, null)).toThrow(/FOREIGN KEY/);
    offline.run(t1991.id, leaseId, 1991, 'deliver-0002', null, null);
    expect(db.prepare('SELECT count(*) AS n FROM offline_tickets WHERE supersedes IS NULL').get()).toEqual({ n: 1 });
  });

  it('answers the hub\'s questions by index: which lease holds a number, the lowest leased, was it delivered, what a command superseded, how many a kiosk holds', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    expect(plan(db, 'SELECT * FROM number_leases WHERE day = ? AND service_id = ? AND first_number <= ? ORDER BY first_number DESC LIMIT 1', '2026-11-20', 'ho-tich', 1005)).toMatch(
      /SEARCH number_leases USING INDEX number_leases_by_number \(day=\? AND service_id=\? AND first_number<\?\)/,
    );
    // The ceiling of online numbering and the top of the next lease: one index entry, not the day's leases.
    expect(plan(db, 'SELECT min(first_number) FROM number_leases WHERE day = ? AND service_id = ?', '2026-11-20', 'ho-tich')).toMatch(
      /^SEARCH number_leases USING COVERING INDEX number_leases_by_number \(day=\? AND service_id=\?\)$/,
    );
    expect(plan(db, 'SELECT ticket_id FROM offline_tickets WHERE day = ? AND service_id = ? AND number = ?', '2026-11-20', 'ho-tich', 1005)).toMatch(/SEARCH offline_tickets USING (COVERING )?INDEX sqlite_autoindex_offline_tickets_\d/);
    expect(plan(db, 'SELECT number FROM offline_tickets WHERE supersedes = ?', 'x')).toMatch(/SEARCH offline_tickets USING (COVERING )?INDEX sqlite_autoindex_offline_tickets_\d \(supersedes=\?\)/);
    const held = plan(
      db,
      `SELECT count(*) FROM offline_tickets o JOIN number_leases l ON l.id = o.lease_id WHERE l.day = ? AND l.service_id = ? AND l.device_id = ?`,
      '2026-11-20',
      'ho-tich',
      'kiosk-1',
    );
    expect(held).toMatch(/SEARCH l USING INDEX number_leases_by_number \(day=\? AND service_id=\?\)/);
    expect(held).toMatch(/SEARCH o USING (COVERING )?INDEX offline_tickets_by_lease \(lease_id=\?\)/);
    expect(held).not.toMatch(/SCAN/);
  });
});
