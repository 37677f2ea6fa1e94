import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0006 } from '../../hub/db/migrations/0006-ratings';

const UP_TO_5 = MIGRATIONS.slice(0, 5);
const UP_TO_6 = [...UP_TO_5, migration0006];

function withTicket(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, UP_TO_5);
  db.prepare(`INSERT INTO tickets (id, day, service_id, number, state, issued_at, issued_by) VALUES (1, '2026-11-23', 'ho-tich', 1001, 'done', 'x', 'k')`).run();
  return db;
}

describe('migration 0006: ratings', () => {
  it('adds the ratings table on top of 0005, keeping the tickets', () => {
    const db = withTicket();
    expect(migrate(db, UP_TO_6)).toEqual([6]);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    const cols = (db.prepare('PRAGMA table_info(ratings)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'ticket_id', 'day', 'service_id', 'counter_id', 'clerk_id', 'rating', 'comment', 'rated_at', 'rated_by']);
  });

  it('holds one rating per existing ticket, levels 1–4, comments up to 500', () => {
    const db = withTicket();
    migrate(db, UP_TO_6);
    const insert = db.prepare(`INSERT INTO ratings (ticket_id, day, service_id, rating, comment, rated_at, rated_by) VALUES (?, '2026-11-23', 'ho-tich', ?, ?, 'x', 'counter-1')`);
    expect(() => insert.run(1, 5, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 4, 'z'.repeat(501))).toThrow(/CHECK/);
    expect(() => insert.run(2, 4, null)).toThrow(/FOREIGN KEY/);
    insert.run(1, 4, 'z'.repeat(500));
    expect(() => insert.run(1, 3, null)).toThrow(/UNIQUE/);
  });

  it("finds a day's ratings by index", () => {
    const db = withTicket();
    migrate(db, UP_TO_6);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM ratings WHERE day = '2026-11-23'`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX ratings_by_day/);
  });
});
