import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierHistoryEntry } from '../../../core/dossiers/dossier';
import { AuditLog } from '../../../hub/audit/audit-log';
import { verifyAllChains } from '../../../hub/audit/chain-verifier';
import { openDatabase } from '../../../hub/db/open-database';
import { DossierRepository } from '../../../hub/dossiers/dossier-repository';
import type { NewDossier } from '../../../hub/dossiers/dossier-rows';
import { verifyCentreChains } from '../../../hub/store/pg/chain-verify';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { PgAuditLog } from '../../../hub/store/pg/pg-audit-log';
import { PgDossierRepository } from '../../../hub/store/pg/pg-dossier-repository';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { createPgPool } from '../../../hub/store/pg/pool';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { startPgFixture, type PgFixture } from '../store-contract/stores';

/**
 * PostgreSQL's chains and dossier numbers under several connections: the same rows hash the same
 * as in SQLite; a changed row is caught; 8 connections appending to one centre's audit chain at
 * once (while another centre appends too) leave one unbroken chain per centre; 8 connections
 * receiving dossiers for the same day at once take every sequence once, with no gap.
 */

warnIfPostgresMissing('pg chains and sequences');

const CLOCK = () => new Date('2026-12-03T02:00:00.000Z');
const DAY = '261203';

function dossier(code: string, seq: number): NewDossier {
  return {
    code, day: DAY, seq, procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', departmentId: 'so-tu-phap', serviceId: 'ho-tich',
    applicant: { fullName: 'Đỗ Minh Khoa', idNumber: '001088004321', dateOfBirth: null, address: null, phone: null },
    documents: [{ name: 'Tờ khai', copies: 1, original: true }], fee: 0, feePaid: 0, ticketId: null,
    receivedAt: '2026-12-03T01:30:00.000Z', receivedBy: 'quay-1', dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', collectCentreId: null,
  };
}

const entry = (i: number): DossierHistoryEntry => ({
  at: `2026-12-03T0${i}:00:00.000Z`, action: i === 1 ? 'receive' : 'processing', fromStatus: i === 1 ? null : 'received', toStatus: i === 1 ? 'received' : 'processing',
  deviceId: 'quay-1', role: 'counter', actorName: 'Trần Văn An', note: i === 3 ? 'Bổ sung bản sao' : null, newDueAt: null, unit: null,
});

describe.skipIf(POSTGRES_MISSING !== null)('PostgreSQL chains and dossier sequences (real PostgreSQL, 8 connections)', () => {
  let fx: PgFixture;

  beforeAll(async () => {
    fx = await startPgFixture(8);
    await fx.addCentre('hoan-kiem');
    await fx.addCentre('ba-dinh');
  }, 120_000);
  afterAll(() => fx?.close());

  it('the same rows get the same hashes in SQLite and PostgreSQL (a new database: ids from 1 in both); a changed row is caught', async () => {
    const url = await fx.server.createDatabase('same_hashes');
    const pool = createPgPool(url, { max: 2 });
    try {
      await migratePool(pool, PG_MIGRATIONS);
      await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('c1', 'Trung tâm 1', '2026-12-03T00:00:00.000Z')`);
      const store = new PgStore(pool);
      const pgAudit = new PgAuditLog(store, 'c1', CLOCK);
      const pgDossiers = new PgDossierRepository(store.sql, 'c1');
      const db = openDatabase(':memory:');
      const audit = new AuditLog(db, CLOCK);
      const dossiers = new DossierRepository(db);

      const entries = [
        { actor: 'admin', action: 'device.pair', subject: 'kiosk-1', detail: { role: 'kiosk', note: 'Quầy số 1 — tầng trệt' } },
        { actor: 'cli:vanhanh', action: 'backup.create', subject: 'hub.sqlite' },
        { actor: 'admin', action: 'config.change', subject: 'dịch vụ hộ tịch', detail: { before: 'a', after: 'b' } },
      ];
      const sqliteAudit = entries.map((e) => audit.record(e));
      const pgAuditHashes = [];
      for (const e of entries) pgAuditHashes.push(await pgAudit.record(e));
      expect(pgAuditHashes).toEqual(sqliteAudit);

      db.transaction(() => {
        dossiers.insert(dossier('HK-261203-0001', 1));
        for (const i of [1, 2, 3]) dossiers.record('HK-261203-0001', entry(i));
      })();
      await store.transaction(async () => {
        await pgDossiers.insert(dossier('HK-261203-0001', 1));
        for (const i of [1, 2, 3]) await pgDossiers.record('HK-261203-0001', entry(i));
      });
      const sqliteHistory = db.prepare('SELECT id, prev_hash, hash FROM dossier_history ORDER BY id').all();
      const pgHistory = (await pool.query('SELECT id, prev_hash, hash FROM dossier_history ORDER BY id')).rows;
      expect(pgHistory).toEqual(sqliteHistory);
      expect(pgHistory).toHaveLength(3);
      expect(verifyAllChains(db)).toEqual({ ok: true, rows: 6 });
      expect(await verifyCentreChains(pool, 'c1')).toMatchObject({ ok: true, rows: 6 });
      db.close();

      await pool.query(`UPDATE dossier_history SET note = 'đã sửa' WHERE id = 2`);
      expect(await verifyCentreChains(pool, 'c1')).toMatchObject({ ok: false, broken: { table: 'dossier_history', rowId: 2, problem: expect.stringContaining('the row was changed') } });
    } finally {
      await pool.end();
    }
  }, 120_000);

  it('8 connections appending to one centre\'s audit chain at once (another centre appending meanwhile): one unbroken chain each', async () => {
    const hoanKiem = new PgAuditLog(fx.store, 'hoan-kiem', CLOCK);
    const baDinh = new PgAuditLog(fx.store, 'ba-dinh', CLOCK);
    const PER_WRITER = 25;
    const writers = Array.from({ length: 8 }, (_, w) => (async () => {
      for (let i = 0; i < PER_WRITER; i++) {
        await (w === 7 ? baDinh : hoanKiem).record({ actor: `writer-${w}`, action: 'config.change', subject: `lần ${i}` });
      }
    })());
    await Promise.all(writers);
    const hk = await hoanKiem.list();
    expect(hk).toHaveLength(7 * PER_WRITER);
    expect(new Set(hk.map((r) => r.hash)).size).toBe(hk.length);
    // Every writer's entries are there, each writer's in its own order.
    for (let w = 0; w < 7; w++) expect(hk.filter((r) => r.actor === `writer-${w}`).map((r) => r.subject)).toEqual(Array.from({ length: PER_WRITER }, (_, i) => `lần ${i}`));
    expect(await verifyCentreChains(fx.pool, 'hoan-kiem')).toMatchObject({ ok: true, rows: 7 * PER_WRITER });
    expect(await verifyCentreChains(fx.pool, 'ba-dinh')).toMatchObject({ ok: true, rows: PER_WRITER });
    // No two rows of a centre's chain extend the same link.
    const forks = await fx.pool.query(`SELECT prev_hash, count(*) FROM audit_log WHERE centre_id = 'hoan-kiem' GROUP BY prev_hash HAVING count(*) > 1`);
    expect(forks.rows).toEqual([]);
  }, 180_000);

  it('8 connections receiving dossiers for one day at once (two of them leasing blocks): every sequence once, none skipped', async () => {
    const repo = new PgDossierRepository(fx.store.sql, 'hoan-kiem');
    const other = new PgDossierRepository(fx.store.sql, 'ba-dinh');
    const RECEIPTS = 20;
    const taken: number[] = [];
    const leased: [number, number][] = [];
    const writers = Array.from({ length: 8 }, (_, w) => (async () => {
      for (let i = 0; i < RECEIPTS; i++) {
        if (w === 6 && i % 5 === 0) {
          // dossier:lease-codes: a block of 3 past every number used or leased.
          leased.push(await fx.store.transaction(async () => {
            const first = (await repo.lastSequence(DAY)) + 1;
            await repo.lease('quay-6', DAY, first, first + 2, '2026-12-03T01:00:00.000Z');
            return [first, first + 2] as [number, number];
          }));
          continue;
        }
        // dossier:receive, as DossierService numbers it; the history is appended under the centre's lock too.
        const r = w === 7 ? other : repo;
        const seq = await fx.store.transaction(async () => {
          const next = (await r.lastSequence(DAY)) + 1;
          const code = `${w === 7 ? 'BD' : 'HK'}-${DAY}-${String(next).padStart(4, '0')}`;
          await r.insert(dossier(code, next));
          await r.record(code, entry(1));
          return next;
        });
        if (w !== 7) taken.push(seq);
      }
    })());
    await Promise.all(writers);
    const all = [...taken, ...leased.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(taken).toHaveLength(7 * RECEIPTS - RECEIPTS / 5);
    expect(await repo.lastSequence(DAY)).toBe(all.length);
    // The other centre numbers its own day from 1, untouched by this one.
    expect(await other.lastSequence(DAY)).toBe(RECEIPTS);
    expect(await verifyCentreChains(fx.pool, 'hoan-kiem')).toMatchObject({ ok: true });
    expect(await verifyCentreChains(fx.pool, 'ba-dinh')).toMatchObject({ ok: true });
  }, 180_000);

  it('one leased code received through 8 connections at once: received once, the others find it', async () => {
    const repo = new PgDossierRepository(fx.store.sql, 'hoan-kiem');
    const day = '261204';
    await fx.store.transaction(() => repo.lease('quay-2', day, 1, 5, '2026-12-04T01:00:00.000Z'));
    const code = `HK-${day}-0003`;
    // dossier:receive with a leased code, as DossierService checks it.
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => fx.store.transaction(async () => {
      if (!(await repo.leaseOf('quay-2', day, 3))) return 'forbidden';
      if (await repo.byCode(code, CLOCK())) return 'conflict';
      await repo.insert({ ...dossier(code, 3), day });
      return 'received';
    })));
    expect(outcomes.filter((o) => o === 'received')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(7);
  }, 120_000);
});
