import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migrationWaitingAndCounterIndexes, WAITING_AND_COUNTER_INDEXES_VERSION } from '../../hub/db/migrations/0026-waiting-and-counter-indexes';
import { TICKET_SQL } from '../../hub/queue/ticket-repository';

describe('migration 0026: the waiting and counter indexes of tickets', () => {
  it('a centre with a day of tickets keeps every ticket and its answers; the queue\'s statements read the service\'s queue, the counter\'s read its tickets', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((m) => m.version < WAITING_AND_COUNTER_INDEXES_VERSION);
    migrate(db, before);
    const day = '2026-12-05';
    // 3 services × 40 tickets: the first 10 of each called to quầy 1 and done, one transferred to quầy 2, one priority.
    const insert = db.prepare(
      `INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by, priority, counter_id, called_at, assigned_counter_id) VALUES (?, ?, ?, ?, ?, 'kiosk-1', ?, ?, ?, ?)`,
    );
    for (const service of ['ho-tich', 'chung-thuc', 'dat-dai'])
      for (let n = 1; n <= 40; n++) {
        const done = n <= 10;
        const at = `2026-12-05T01:${String(n).padStart(2, '0')}:00.000Z`;
        insert.run(day, service, n, done ? 'done' : 'waiting', at, n === 30 ? 'elderly' : 'normal', done ? 'quay-1' : null, done ? at : null, n === 20 ? 'quay-2' : null);
      }
    const answers = () => ({
      ahead: db.prepare(TICKET_SQL.waitingAhead).get({ day, serviceId: 'ho-tich', issuedAt: '2026-12-05T01:25:00.000Z', id: 1_000 }),
      counts: db.prepare(TICKET_SQL.waitingCounts).all(day),
      head: db.prepare(TICKET_SQL.headOfService).get(day, 'ho-tich', 0),
      priorityHead: db.prepare(TICKET_SQL.headOfService).get(day, 'ho-tich', 1),
      transferred: db.prepare(TICKET_SQL.headTransferred).get(day, 'quay-2'),
      last: db.prepare(TICKET_SQL.lastAtCounter).get(day, 'quay-1'),
    });
    const old = answers();
    expect(old.ahead).toEqual({ n: 15 });
    expect(migrate(db, [...before, migrationWaitingAndCounterIndexes])).toEqual([WAITING_AND_COUNTER_INDEXES_VERSION]);
    expect(answers()).toEqual(old);
    expect(db.prepare(`SELECT count(*) AS n FROM tickets`).get()).toEqual({ n: 120 });

    const indexes = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL ORDER BY name`).all() as { name: string; sql: string }[];
    expect(indexes.map((i) => i.name)).not.toContain('tickets_by_state');
    expect(indexes.find((i) => i.name === 'tickets_by_counter')!.sql).toMatch(/WHERE counter_id IS NOT NULL$/);
    expect(indexes.find((i) => i.name === 'tickets_waiting_heads')!.sql).toMatch(/\(day, service_id, assigned_counter_id, priority <> 'normal', issued_at\)\s+WHERE state = 'waiting'$/);
    // A waiting ticket is in the queue's index, a called one in the counter's; neither index holds the others.
    const entries = (index: string) => (db.prepare(`SELECT count(*) AS n FROM tickets INDEXED BY ${index} WHERE ${index === 'tickets_by_counter' ? 'counter_id IS NOT NULL' : "state = 'waiting'"} AND day = ?`).get(day) as { n: number }).n;
    expect([entries('tickets_waiting_heads'), entries('tickets_by_counter')]).toEqual([90, 30]);

    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan(TICKET_SQL.waitingAhead, { day, serviceId: 'ho-tich', issuedAt: 'x', id: 1 })).toMatch(/^SEARCH tickets USING COVERING INDEX tickets_waiting_heads \(day=\? AND service_id=\?\)$/);
    expect(plan(TICKET_SQL.waitingCounts, day)).toMatch(/^SEARCH tickets USING COVERING INDEX tickets_waiting_heads \(day=\?\)$/);
    expect(plan(TICKET_SQL.headOfService, day, 'ho-tich', 0)).toMatch(/^SEARCH tickets USING INDEX tickets_waiting_heads \(day=\? AND service_id=\? AND assigned_counter_id=\? AND <expr>=\?\)$/);
    expect(plan(TICKET_SQL.headTransferred, day, 'quay-2')).toMatch(/tickets_waiting_transferred \(day=\? AND assigned_counter_id=\?\)/);
    expect(plan(TICKET_SQL.lastAtCounter, day, 'quay-1')).toMatch(/^SEARCH tickets USING INDEX tickets_by_counter \(day=\? AND counter_id=\?\)$/);
    expect(plan(TICKET_SQL.activeAtCounter, day, 'quay-1')).toMatch(/^SEARCH tickets USING INDEX tickets_by_counter \(day=\? AND counter_id=\?\)$/);
  });
});
