import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migrationOutbox, OUTBOX_VERSION } from '../../hub/db/migrations/0018-outbox';

describe('migration 0018: the outbox of deliveries', () => {
  it('keeps one row per target and event, a closed set of states, and finds due rows by index', () => {
    const db = new BetterSqlite3(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < OUTBOX_VERSION);
    migrate(db, before);
    expect(migrate(db, [...before, migrationOutbox])).toEqual([OUTBOX_VERSION]);
    const insert = db.prepare(`INSERT INTO outbox (target, event_id, event_type, subject, payload, created_at, state, next_attempt_at) VALUES (?, ?, 'dossier.received', 'HK-261120-0001', '{}', 't', ?, 't')`);
    insert.run('webhook:a', 'msg_1', 'pending');
    insert.run('webhook:b', 'msg_1', 'pending');
    expect(() => insert.run('webhook:a', 'msg_1', 'pending')).toThrow(/UNIQUE/);
    expect(() => insert.run('webhook:a', 'msg_2', 'lost')).toThrow(/CHECK/);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?`).all('z') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('outbox_due');
    db.prepare(`INSERT INTO webhook_subscription_states (subscription_id, disabled_at, reason) VALUES ('a', 't', 'HTTP 410')`).run();
    expect(() => db.prepare(`INSERT INTO webhook_subscription_states (subscription_id) VALUES ('a')`).run()).toThrow(/UNIQUE|PRIMARY/);
  });
});
