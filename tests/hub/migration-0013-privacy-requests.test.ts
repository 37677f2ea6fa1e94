import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migration0013PrivacyRequests as migration } from '../../hub/db/migrations/0013-privacy-requests';

const before = MIGRATIONS.filter((m) => m.version < migration.version);
const plan = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0013 (privacy requests, anonymised dossiers)', () => {
  it('adds privacy_requests with its checks and dossiers.anonymised_at, on top of a database with a dossier', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    db.prepare(
      `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number, fee, fee_paid, received_at, received_by, due_at, due_local, updated_at)
       VALUES ('HK-261120-0001', '261120', 1, 'KD-TL', 'x', 'tckh', 'dkkd', 'returned', 'Phạm Văn An', '001090012345', 0, 0, 'a', 'counter-3', 'b', 'c', '2026-11-20T02:00:00.000Z')`,
    ).run();
    expect(migrate(db, [...before, migration])).toEqual([migration.version]);
    expect(db.prepare('SELECT anonymised_at FROM dossiers').get()).toEqual({ anonymised_at: null });

    const insert = db.prepare(`INSERT INTO privacy_requests (kind, subject, requested_by, at, outcome, detail_json) VALUES (?, ?, ?, 'x', ?, '{}')`);
    insert.run('export', '0010******45', 'Nguyễn Thị Lan', 'done');
    insert.run('purge', null, 'retention-policy', 'done');
    expect(() => insert.run('delete', '0010******45', 'x', 'done')).toThrow(/CHECK/);
    expect(() => insert.run('erase', '001090012345x', 'x', 'done')).toThrow(/CHECK/);
    expect(() => insert.run('erase', '0010******45', '', 'done')).toThrow(/CHECK/);
    expect(() => insert.run('erase', '0010******45', 'x', 'maybe')).toThrow(/CHECK/);

    // A person's dossiers and the closed ones past retention are found by index, not by a scan.
    expect(plan(db, 'SELECT * FROM dossiers WHERE applicant_id_number = ?', '001090012345')).toContain('USING INDEX dossiers_by_applicant');
    expect(plan(db, `SELECT code FROM dossiers WHERE status IN ('returned', 'refused') AND updated_at < ?`, 'x')).toContain('USING INDEX dossiers_closed_by_update');
  });
});
