import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/store/migrate';
import { TERMINAL_MIGRATIONS } from '../../../main/agent/store/migrations';

const before = TERMINAL_MIGRATIONS.filter((m) => m.version < 2);

describe('terminal migration 0002: number leases and offline tickets of the kiosk', () => {
  it('adds both tables with their checks, on top of an outbox holding an undelivered dossier', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, before, 'terminal');
    db.prepare("INSERT INTO outbox (code, command_id, input_json, received_at, dossier_json, state) VALUES ('HK-260505-0001', 'c1', '{}', 'x', '{}', 'pending')").run();
    expect(migrate(db, TERMINAL_MIGRATIONS.filter((m) => m.version <= 2), 'terminal')).toEqual([2]);
    expect(db.prepare("SELECT code, state FROM outbox").all()).toEqual([{ code: 'HK-260505-0001', state: 'pending' }]);

    const lease = db.prepare("INSERT INTO number_leases (service_id, day, from_number, to_number, next_number, leased_at) VALUES ('ho-tich', ?, ?, ?, ?, 'x')");
    lease.run('2026-05-05', 1011, 1020, 1011);
    expect(() => lease.run('2026-05-05', 1011, 1020, 1011)).toThrow(/UNIQUE/);
    expect(() => lease.run('2026-05-05', 1030, 1029, 1030)).toThrow(/CHECK/);
    expect(() => lease.run('2026-05-05', 1040, 1049, 1051)).toThrow(/CHECK/);
    expect(() => lease.run('05/05/2026', 1050, 1059, 1050)).toThrow(/CHECK/);
    lease.run('2026-05-05', 1060, 1069, 1070); // used up: next is one past the end

    const ticket = db.prepare("INSERT INTO offline_tickets (command_id, service_id, day, number, issued_at, priority, state) VALUES (?, 'ho-tich', '2026-05-05', ?, 'x', 'normal', ?)");
    ticket.run('c1', 1011, 'pending');
    expect(() => ticket.run('c2', 1011, 'pending')).toThrow(/UNIQUE/);
    expect(() => ticket.run('c1', 1012, 'pending')).toThrow(/UNIQUE/);
    expect(() => ticket.run('c3', 1013, 'sent')).toThrow(/CHECK/);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM offline_tickets WHERE state = 'pending' ORDER BY seq").all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/offline_tickets_undelivered/);
    db.close();
  });
});
