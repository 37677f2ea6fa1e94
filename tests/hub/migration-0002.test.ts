import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { migration0001 } from '../../hub/db/migrations/0001-initial';
import { migration0002 } from '../../hub/db/migrations/0002-device-health';

describe('migration 0002: device health', () => {
  it('adds the device_health table on top of 0001, keeping existing tickets', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [migration0001]);
    db.prepare(`INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by) VALUES ('2026-11-22', 'ho-tich', 1001, 'waiting', 'x', 'k')`).run();
    expect(migrate(db, [migration0001, migration0002])).toEqual([2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    const cols = (db.prepare('PRAGMA table_info(device_health)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['device_id', 'printer_id', 'printer_health', 'detail', 'reported_at']);
  });

  it('accepts only known printer health values, one row per device', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [migration0001, migration0002]);
    const insert = db.prepare(`INSERT INTO device_health VALUES (?, 'p', ?, '', 'x')`);
    insert.run('kiosk-1', 'paper-out');
    expect(() => insert.run('kiosk-2', 'smoking')).toThrow(/CHECK/);
    expect(() => insert.run('kiosk-1', 'ok')).toThrow(/UNIQUE|PRIMARY/);
  });
});
