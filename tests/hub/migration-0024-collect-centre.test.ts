import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAllChains } from '../../hub/audit/chain-verifier';
import { chainHash, DOSSIER_HISTORY_CHAIN, GENESIS_HASH } from '../../hub/audit/hash-chain';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { COLLECT_CENTRE_VERSION, migrationCollectCentre } from '../../hub/db/migrations/0024-collect-centre';
import { DossierRepository } from '../../hub/dossiers/dossier-repository';

const before = MIGRATIONS.filter((m) => m.version < COLLECT_CENTRE_VERSION);
const HERE = { id: 'local', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const NOW = new Date('2026-12-03T03:00:00.000Z');

/** A centre's file before issue 13: a dossier received, accepted and done, its Form 05 lines chained without units. */
function fileBeforeTheMigration() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, before);
  db.prepare(
    `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number, fee, fee_paid, received_at, received_by, due_at, due_local, updated_at)
     VALUES ('HK-261120-0001', '261120', 1, 'HT-KS', 'Đăng ký khai sinh', 'tu-phap', 'ho-tich', 'done', 'An', '001090012345', 0, 0, '2026-11-20T02:00:00.000Z', 'counter-1', '2026-11-21T10:00:00.000Z', '2026-11-21T17:00', '2026-11-20T02:00:00.000Z')`,
  ).run();
  return db;
}

describe('migration 0024: where the result is collected, and the unit on each Form 05 line', () => {
  it('old dossiers are collected where they were received; old lines keep their hashes and the chain goes on with units, verified', () => {
    const db = fileBeforeTheMigration();
    // Lines chained as the hub wrote them before (the chain's first columns only).
    let prev = GENESIS_HASH;
    const insert = db.prepare(`INSERT INTO dossier_history (id, dossier_code, at, action, from_status, to_status, device_id, role, actor_name, note, new_due_at, prev_hash, hash) VALUES (@id, @dossier_code, @at, @action, @from_status, @to_status, @device_id, @role, @actor_name, @note, @new_due_at, @prev_hash, @hash)`);
    const lines = [
      { id: 1, dossier_code: 'HK-261120-0001', at: '2026-11-20T02:00:00.000Z', action: 'receive', from_status: null, to_status: 'received', device_id: 'counter-1', role: 'counter', actor_name: 'Lan', note: null, new_due_at: null },
      { id: 2, dossier_code: 'HK-261120-0001', at: '2026-11-20T03:00:00.000Z', action: 'accept', from_status: 'received', to_status: 'processing', device_id: 'bo-1', role: 'backoffice', actor_name: 'Tuấn', note: null, new_due_at: null },
      { id: 3, dossier_code: 'HK-261120-0001', at: '2026-11-20T04:00:00.000Z', action: 'done', from_status: 'processing', to_status: 'done', device_id: 'bo-1', role: 'backoffice', actor_name: 'Tuấn', note: null, new_due_at: null },
    ];
    for (const l of lines) {
      const hash = chainHash(prev, l, DOSSIER_HISTORY_CHAIN.columns);
      insert.run({ ...l, prev_hash: prev, hash });
      prev = hash;
    }
    expect(verifyAllChains(db)).toEqual({ ok: true, rows: 3 });

    expect(migrate(db, [...before, migrationCollectCentre])).toEqual([COLLECT_CENTRE_VERSION]);
    // The old lines still verify: their unit columns are null and not hashed.
    expect(verifyAllChains(db)).toEqual({ ok: true, rows: 3 });
    const repo = new DossierRepository(db, { here: HERE, centres: [HERE] });
    expect(repo.byCode('HK-261120-0001', NOW)).toMatchObject({ receivedAtCentre: HERE, collectAtCentre: HERE });
    expect(repo.readyAt('local', NOW).map((d) => d.code)).toEqual(['HK-261120-0001']);
    expect(repo.history('HK-261120-0001').map((h) => h.unit)).toEqual([null, null, null]);

    // A new line with its unit goes on the same chain and verifies.
    db.exec('BEGIN');
    repo.update('HK-261120-0001', { status: 'returned', dueAt: '2026-11-21T10:00:00.000Z', dueLocal: '2026-11-21T17:00', missing: [], at: '2026-11-21T02:00:00.000Z' });
    repo.record('HK-261120-0001', { at: '2026-11-21T02:00:00.000Z', action: 'return', fromStatus: 'done', toStatus: 'returned', deviceId: 'counter-1', role: 'counter', actorName: 'Lan', note: null, newDueAt: null, unit: { kind: 'centre', ...HERE } });
    db.exec('COMMIT');
    expect(repo.history('HK-261120-0001').map((h) => h.unit?.name ?? null)).toEqual([null, null, null, HERE.name]);
    expect(verifyAllChains(db)).toEqual({ ok: true, rows: 4 });

    // The unit is covered by the hash: changed, or cleared, the chain breaks there.
    db.prepare(`UPDATE dossier_history SET unit_name = 'Trung tâm khác' WHERE id = 4`).run();
    expect(verifyAllChains(db)).toMatchObject({ ok: false, broken: { table: 'dossier_history', rowId: 4 } });
    db.prepare(`UPDATE dossier_history SET unit_name = NULL, unit_id = NULL, unit_kind = NULL WHERE id = 4`).run();
    expect(verifyAllChains(db)).toMatchObject({ ok: false, broken: { table: 'dossier_history', rowId: 4 } });
    // Put back as written, it verifies again; a unit added to an old line breaks that line.
    db.prepare(`UPDATE dossier_history SET unit_kind = 'centre', unit_id = 'local', unit_name = ? WHERE id = 4`).run(HERE.name);
    expect(verifyAllChains(db)).toEqual({ ok: true, rows: 4 });
    db.prepare(`UPDATE dossier_history SET unit_kind = 'agency', unit_id = 'tu-phap', unit_name = 'Phòng Tư pháp' WHERE id = 2`).run();
    expect(verifyAllChains(db)).toMatchObject({ ok: false, broken: { table: 'dossier_history', rowId: 2 } });
  });

  it('refuses a unit kind that is neither a centre nor an agency; the waiting list reads an index', () => {
    const db = fileBeforeTheMigration();
    migrate(db, [...before, migrationCollectCentre]);
    expect(() => db.prepare(`INSERT INTO dossier_history (dossier_code, at, action, to_status, device_id, role, actor_name, unit_kind) VALUES ('HK-261120-0001', 'x', 'receive', 'received', 'c', 'counter', 'L', 'phòng')`).run()).toThrow(/CHECK/);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM dossiers WHERE status = 'done' AND coalesce(collect_centre_id, 'local') = 'local' ORDER BY received_at, code`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/dossiers_ready_at/);
  });
});
