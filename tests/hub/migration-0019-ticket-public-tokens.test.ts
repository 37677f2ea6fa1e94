import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migrationTicketPublicTokens, TICKET_PUBLIC_TOKENS_VERSION } from '../../hub/db/migrations/0019-ticket-public-tokens';

describe('migration 0019: ticket public tokens', () => {
  it('keeps one hash per ticket, looked up by the hash through the primary key', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((m) => m.version < TICKET_PUBLIC_TOKENS_VERSION);
    migrate(db, before);
    expect(migrate(db, [...before, migrationTicketPublicTokens])).toEqual([TICKET_PUBLIC_TOKENS_VERSION]);
    const ticket = db
      .prepare(`INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by, priority) VALUES ('2026-12-03', 'ho-tich', 1001, 'waiting', 'x', 'kiosk-1', 'normal') RETURNING id`)
      .get() as { id: number };
    const insert = db.prepare('INSERT INTO ticket_public_tokens (token_hash, ticket_id, created_at) VALUES (?, ?, ?)');
    insert.run('a'.repeat(64), ticket.id, '2026-12-03T02:00:00.000Z');
    expect(() => insert.run('b'.repeat(64), ticket.id, 'x')).toThrow(/UNIQUE/); // one token per ticket
    expect(() => insert.run('a'.repeat(64), 999, 'x')).toThrow(/UNIQUE|PRIMARY KEY|FOREIGN KEY/);
    expect(() => insert.run('c'.repeat(64), 999, 'x')).toThrow(/FOREIGN KEY/); // no token without its ticket
    expect(() => insert.run('the-token-itself', ticket.id, 'x')).toThrow(/CHECK/); // a hash, never the token
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT ticket_id FROM ticket_public_tokens WHERE token_hash = ?').all('a'.repeat(64)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX sqlite_autoindex_ticket_public_tokens_1|USING PRIMARY KEY/);
  });
});
