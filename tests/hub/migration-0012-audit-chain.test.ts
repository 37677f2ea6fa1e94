import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAllChains, verifyChain } from '../../hub/audit/chain-verifier';
import { AuditLog } from '../../hub/audit/audit-log';
import { chainHash, DOSSIER_HISTORY_CHAIN, GENESIS_HASH } from '../../hub/audit/hash-chain';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { auditChainMigration } from '../../hub/db/migrations/0012-audit-chain';

const before = MIGRATIONS.filter((m) => m.version < auditChainMigration.version);

function dossierHistoryBeforeTheChain() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, before);
  db.prepare(
    `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number,
       fee, fee_paid, received_at, received_by, due_at, due_local, updated_at)
     VALUES ('HK-261120-0001', '261120', 1, 'HT-KS', 'Đăng ký khai sinh', 'tu-phap', 'ho-tich', 'received', 'An', '001090012345', 0, 0, 'x', 'counter-1', 'y', 'z', 'x')`,
  ).run();
  const hist = db.prepare(`INSERT INTO dossier_history (dossier_code, at, action, from_status, to_status, device_id, role, actor_name, note) VALUES ('HK-261120-0001', ?, ?, ?, ?, 'counter-1', 'counter', 'Lan', ?)`);
  hist.run('2026-11-20T09:00:00.000Z', 'receive', null, 'received', null);
  hist.run('2026-11-21T09:00:00.000Z', 'accept', 'received', 'processing', 'Đã nhận');
  hist.run('2026-11-22T09:00:00.000Z', 'done', 'processing', 'done', null);
  return db;
}

describe('migration 0012 (audit chain): Form 05 history and the administrative log, hash-chained', () => {
  it('chains the control sheet rows already written, in id order, from the genesis hash', () => {
    const db = dossierHistoryBeforeTheChain();
    expect(migrate(db, [...before, auditChainMigration])).toEqual([auditChainMigration.version]);
    const rows = db.prepare(`SELECT * FROM dossier_history ORDER BY id`).all() as Record<string, string | number | null>[];
    expect(rows.map((r) => r.prev_hash)).toEqual([GENESIS_HASH, rows[0]?.hash, rows[1]?.hash]);
    // Recomputed by hand: SHA-256(prev || canonical JSON) of the first row.
    const first = rows[0] ?? {};
    expect(first.hash).toBe(chainHash(GENESIS_HASH, first, DOSSIER_HISTORY_CHAIN.columns));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyAllChains(db)).toEqual({ ok: true, rows: 3 });
  });

  it('adds an append-only audit_log: updates and deletes are refused by the database itself', () => {
    const db = dossierHistoryBeforeTheChain();
    migrate(db, [...before, auditChainMigration]);
    const log = new AuditLog(db, () => new Date('2026-11-20T02:00:00Z'));
    log.record({ actor: 'admin:lan', action: 'device.revoke', subject: 'kiosk-2', detail: { reason: 'stolen' } });
    log.record({ actor: 'cli:root', action: 'backup.create', subject: 'x.motcua-backup' });
    expect(log.list().map((r) => [r.id, r.actor, r.action, r.subject, r.detail, r.at])).toEqual([
      [1, 'admin:lan', 'device.revoke', 'kiosk-2', { reason: 'stolen' }, '2026-11-20T02:00:00.000Z'],
      [2, 'cli:root', 'backup.create', 'x.motcua-backup', {}, '2026-11-20T02:00:00.000Z'],
    ]);
    expect(() => db.prepare(`UPDATE audit_log SET subject = 'kiosk-3' WHERE id = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_log WHERE id = 2`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`INSERT INTO audit_log (at, actor, action, subject) VALUES ('x', 'y', 'z', 'w')`).run()).toThrow(/NOT NULL/);
    expect(verifyChain(db, { table: 'audit_log', columns: ['id', 'at', 'actor', 'action', 'subject', 'detail_json'] })).toEqual({ ok: true, rows: 2 });
  });

  it('finds the chain head by the primary key, not a scan', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT id, hash FROM dossier_history ORDER BY id DESC LIMIT 1`)).toMatch(/^SCAN dossier_history$/); // rowid order, stops at the first row
    expect(plan(`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`)).toMatch(/^SCAN audit_log$/);
    expect(plan(`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`)).not.toMatch(/TEMP B-TREE/);
  });
});
