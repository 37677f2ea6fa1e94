import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0010 } from '../../hub/db/migrations/0010-call-indexes-command-log';

const before = MIGRATIONS.filter((m) => m.version < 10);
const plan = (db: BetterSqlite3.Database, sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0010: call-next indexes, command log retention', () => {
  it('keeps logged writes (as ok), purges logged reads, and indexes the log by time', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, before);
    const log = db.prepare(`INSERT INTO commands (command_id, device_id, name, result_json, at) VALUES (?, ?, ?, '{"ok":true}', ?)`);
    log.run('c-1', 'kiosk-1', 'ticket:issue', '2026-11-20T01:00:00.000Z');
    log.run('c-2', 'backoffice-1', 'dossier:get', '2026-11-20T01:00:00.000Z');
    log.run('c-3', 'kiosk-1', 'dossier:lookup', '2026-11-20T01:00:00.000Z');
    log.run('c-4', 'backoffice-1', 'appointment:list', '2026-11-20T01:00:00.000Z');
    expect(migrate(db, [...before, migration0010])).toEqual([10]);

    expect(db.prepare('SELECT command_id, name, ok FROM commands').all()).toEqual([{ command_id: 'c-1', name: 'ticket:issue', ok: 1 }]);
    expect(() => db.prepare(`INSERT INTO commands (command_id, device_id, name, result_json, at, ok) VALUES ('c-5', 'k', 'ticket:issue', '{}', 'x', 2)`).run()).toThrow(/CHECK/);
    expect(plan(db, 'DELETE FROM commands WHERE at < ?', 'x')).toMatch(/USING (COVERING )?INDEX commands_by_at/);
  });

  it('answers each call-next rule from an index, never by scanning the waiting queue', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['tickets_waiting_heads', 'tickets_waiting_transferred', 'tickets_called_here', 'tickets_called_by_service']));

    const head = plan(
      db,
      `SELECT * FROM tickets INDEXED BY tickets_waiting_heads WHERE state = 'waiting' AND day = ? AND assigned_counter_id IS NULL AND service_id = ?
         AND (priority <> 'normal') = ? ORDER BY issued_at, id LIMIT 1`,
      '2026-11-22', 'ho-tich', 1,
    );
    // Every condition an equality on the index (0026 put the service before the assigned counter).
    expect(head).toMatch(/tickets_waiting_heads \(day=\? AND (assigned_counter_id=\? AND service_id=\?|service_id=\? AND assigned_counter_id=\?) AND <expr>=\?\)/);
    expect(head).not.toContain('TEMP B-TREE');
    const transferred = plan(db, `SELECT * FROM tickets WHERE state = 'waiting' AND day = ? AND assigned_counter_id = ? ORDER BY issued_at, id LIMIT 1`, 'd', 'quay-1');
    expect(transferred).toContain('USING INDEX tickets_waiting_transferred');
    expect(transferred).not.toContain('TEMP B-TREE');
    const latest = plan(db, `SELECT priority FROM tickets WHERE day = ? AND counter_id = ? AND first_called_at IS NOT NULL ORDER BY first_called_at DESC, id DESC LIMIT ?`, 'd', 'quay-1', 2);
    expect(latest).toContain('USING INDEX tickets_called_here');
    expect(latest).not.toContain('TEMP B-TREE');
    expect(plan(db, `SELECT service_id, count(*) AS n FROM tickets WHERE day = ? AND counter_id = ? AND first_called_at IS NOT NULL GROUP BY service_id`, 'd', 'quay-1')).toMatch(
      /USING (COVERING )?INDEX tickets_called_by_service/,
    );

    // A snapshot's latest calls and an issue's wait estimate read a few rows, never the day or the history sorted.
    const recent = plan(db, `SELECT * FROM tickets WHERE day = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT 10`, 'd');
    expect(recent).toContain('USING INDEX tickets_recent_calls');
    expect(recent).not.toContain('TEMP B-TREE');
    const estimate = plan(db, `SELECT finished_at FROM tickets WHERE service_id = ? AND state = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?`, 'ho-tich', 20);
    expect(estimate).toContain('USING INDEX tickets_done_by_service');
    expect(estimate).not.toMatch(/TEMP B-TREE|SCAN tickets/);
  });
});
