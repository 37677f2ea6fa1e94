import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierStatus } from '../../../core/dossiers/dossier-state';
import type { NewDossier } from '../../../hub/dossiers/dossier-rows';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { PgDossierRepository } from '../../../hub/store/pg/pg-dossier-repository';
import { ensureCentre } from '../../../hub/store/pg/pg-repositories';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { createPgPool } from '../../../hub/store/pg/pool';
import { provinceStats } from '../../../hub/store/pg/province-stats';
import { runMotcua } from '../../support/motcua-cli';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('province statistics');

const AT = new Date('2026-12-03T03:00:00.000Z');

function dossier(code: string, seq: number, departmentId: string, receivedAt: string, dueAt: string): NewDossier {
  return {
    code, day: receivedAt.slice(2, 10).replaceAll('-', ''), seq,
    procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', departmentId, serviceId: 'ho-tich',
    applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: null, address: null, phone: null },
    documents: [], fee: 0, feePaid: 0, ticketId: null, receivedAt, receivedBy: 'quay-1', dueAt, dueLocal: dueAt.slice(0, 16), collectCentreId: null,
  } as NewDossier;
}

/**
 * Province statistics over the province database (docs/province.md): two centres' dossiers, each
 * counted at its receiving centre and at its competent agency wherever it was received; overdue =
 * open and past due at the given instant; a range of receiving days; a centre with nothing
 * received is listed with zeros. Then the CLI: `motcua province stats --store … --json`.
 */
describe.skipIf(POSTGRES_MISSING !== null)('province statistics: per centre, per agency, overdue', () => {
  let server: PostgresInstance;
  let url: string;
  let pool: ReturnType<typeof createPgPool>;

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase('province');
    pool = createPgPool(url, { max: 2 });
    await migratePool(pool, PG_MIGRATIONS);
    const store = new PgStore(pool);
    for (const [id, name] of [['hoan-kiem', 'TTHCC Hoàn Kiếm'], ['ba-dinh', 'TTHCC Ba Đình'], ['tay-ho', 'TTHCC Tây Hồ']] as const) await ensureCentre(store, { id, name }, AT);
    const seed = async (centre: string, list: readonly [code: string, department: string, receivedAt: string, dueAt: string, status: DossierStatus][]) => {
      const repo = new PgDossierRepository(store.sql, centre);
      let seq = 0;
      for (const [code, department, receivedAt, dueAt, status] of list) {
        await store.transaction(async () => {
          await repo.insert(dossier(code, ++seq, department, receivedAt, dueAt));
          if (status !== 'received') await repo.update(code, { status, dueAt, dueLocal: dueAt.slice(0, 16), missing: [], at: receivedAt });
        });
      }
    };
    // Hoàn Kiếm: two for Tư pháp (one overdue), one for Tài chính done late (finished, not overdue), one refused.
    await seed('hoan-kiem', [
      ['HK-1', 'so-tu-phap', '2026-11-20T02:00:00.000Z', '2026-11-25T10:00:00.000Z', 'processing'],
      ['HK-2', 'so-tu-phap', '2026-12-01T02:00:00.000Z', '2026-12-05T10:00:00.000Z', 'received'],
      ['HK-3', 'so-tai-chinh', '2026-11-10T02:00:00.000Z', '2026-11-12T10:00:00.000Z', 'done'],
      ['HK-4', 'so-tai-chinh', '2026-12-02T02:00:00.000Z', '2026-12-09T10:00:00.000Z', 'refused'],
    ]);
    // Ba Đình: received for Tư pháp too (the agency hears of it wherever it was received); one overdue awaiting a supplement.
    await seed('ba-dinh', [
      ['BD-1', 'so-tu-phap', '2026-11-28T02:00:00.000Z', '2026-12-02T10:00:00.000Z', 'supplement-requested'],
      ['BD-2', 'so-tu-phap', '2026-10-01T02:00:00.000Z', '2026-10-05T10:00:00.000Z', 'returned'],
    ]);
  }, 180_000);

  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  it('counts each dossier once per centre and once per agency; overdue = open and past due; a range of receiving days', async () => {
    const all = await provinceStats(pool, {}, AT);
    expect(all.centres.map((c) => [c.id, c.name, c.received, c.open, c.overdue, c.finished, c.refused])).toEqual([
      ['ba-dinh', 'TTHCC Ba Đình', 2, 1, 1, 1, 0],
      ['hoan-kiem', 'TTHCC Hoàn Kiếm', 4, 2, 1, 1, 1],
      ['tay-ho', 'TTHCC Tây Hồ', 0, 0, 0, 0, 0],
    ]);
    expect(all.agencies.map((a) => [a.id, a.received, a.open, a.overdue, a.finished, a.refused])).toEqual([
      ['so-tai-chinh', 2, 0, 0, 1, 1],
      ['so-tu-phap', 4, 3, 2, 1, 0],
    ]);
    expect(all.total).toEqual({ received: 6, open: 3, overdue: 2, finished: 2, refused: 1 });
    // Received in [20 Nov, 1 Dec] (Vietnam days as instants): HK-1, HK-2, BD-1.
    const nov = await provinceStats(pool, { from: '2026-11-19T17:00:00.000Z', to: '2026-12-01T17:00:00.000Z' }, AT);
    expect(nov.centres.map((c) => [c.id, c.received, c.overdue])).toEqual([
      ['ba-dinh', 1, 1],
      ['hoan-kiem', 2, 1],
      ['tay-ho', 0, 0],
    ]);
    expect(nov.agencies.map((a) => [a.id, a.received])).toEqual([['so-tu-phap', 3]]);
  });

  it('motcua province stats --store … --from --to --json prints the same figures; a bad day is refused (2) before connecting', { timeout: 600_000 }, async () => {
    const [json, text, bad] = await Promise.all([
      runMotcua(['province', 'stats', '--store', url, '--from', '2026-11-20', '--to', '2026-12-01', '--json']),
      runMotcua(['province', 'stats', '--store', url]),
      runMotcua(['province', 'stats', '--store', url, '--from', '2026-13-01']),
    ]);
    expect(json.code, json.stderr).toBe(0);
    const stats = JSON.parse(json.stdout) as Awaited<ReturnType<typeof provinceStats>>;
    expect(stats).toMatchObject({ from: '2026-11-19T17:00:00.000Z', to: '2026-12-01T17:00:00.000Z' });
    expect(stats.centres.map((c) => [c.id, c.received])).toEqual([
      ['ba-dinh', 1],
      ['hoan-kiem', 2],
      ['tay-ho', 0],
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Trung tâm (nơi tiếp nhận)');
    expect(text.stdout).toMatch(/TTHCC Hoàn Kiếm \(hoan-kiem\)\s+4\s+2\s+\d\s+1\s+1/);
    expect(text.stdout).toMatch(/so-tu-phap\s+4\s+3/);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--from phải là ngày dạng YYYY-MM-DD') });
  });
});
