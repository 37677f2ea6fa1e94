import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { BOOKING_HOLDS_VERSION, migrationBookingHolds } from '../../hub/db/migrations/0020-booking-holds';

describe('migration 0020: booking holds and identities', () => {
  it('keeps holds by hash, identities per booking, hashes only, and counts by index', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((m) => m.version < BOOKING_HOLDS_VERSION);
    migrate(db, before);
    expect(migrate(db, [...before, migrationBookingHolds])).toEqual([BOOKING_HOLDS_VERSION]);
    const hold = db.prepare('INSERT INTO booking_holds (hold_hash, service_id, date, slot_start, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    hold.run('a'.repeat(64), 'ho-tich', '2026-12-04', '08:00', '2026-12-03T02:05:00.000Z', '2026-12-03T02:00:00.000Z');
    expect(() => hold.run('a'.repeat(64), 'ho-tich', '2026-12-04', '08:00', 'x', 'x')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => hold.run('the-hold-token-itself', 'ho-tich', '2026-12-04', '08:00', 'x', 'x')).toThrow(/CHECK/);
    db.prepare(`INSERT INTO appointments (code, service_id, date, slot_start, citizen_name, phone, state, created_at, created_by) VALUES ('K7M2QX', 'ho-tich', '2026-12-04', '08:00', 'A', '0912345678', 'booked', 'x', 'dat-lich')`).run();
    const identity = db.prepare('INSERT INTO booking_identities (code, date, phone_hash, cccd_hash) VALUES (?, ?, ?, ?)');
    identity.run('K7M2QX', '2026-12-04', 'b'.repeat(64), null);
    expect(() => identity.run('NONE00', '2026-12-04', 'b'.repeat(64), null)).toThrow(/FOREIGN KEY/);
    expect(() => identity.run('K7M2QX', '2026-12-04', '0912345678', null)).toThrow(/CHECK|UNIQUE/);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan(`SELECT count(*) FROM booking_holds WHERE date = '2026-12-04' AND service_id = 'ho-tich' AND expires_at > 'x'`)).toMatch(/booking_holds_by_slot/);
    expect(plan(`SELECT count(*) FROM booking_identities WHERE date = '2026-12-04' AND phone_hash = 'x'`)).toMatch(/booking_identities_by_phone/);
  });
});
