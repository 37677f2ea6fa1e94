import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierHistoryEntry } from '../../../core/dossiers/dossier';
import type { NewDossier } from '../../../hub/dossiers/dossier-rows';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS } from './stores';

/**
 * DossierRepository's contract on both stores: a dossier inserted with its documents and read
 * back by code and by department (with and without a status), updated, its Form 05 history
 * recorded (hash-chained: the chains verify afterwards), the day's sequences past every dossier
 * and lease, the leases of a device, the scanned file saved and replaced, tickets that exist.
 * Codes and departments are unique per test (dossier codes are province-wide in PostgreSQL,
 * whose database the tests share, one centre each).
 */

warnIfPostgresMissing('dossier-repository contract');

const DAY = '261203';
const NOW = new Date('2026-12-03T03:00:00.000Z');
const LATER = new Date('2026-12-20T03:00:00.000Z');

function names() {
  const run = randomUUID().slice(0, 8).toUpperCase();
  return { code: (seq: number) => `T${run}-${DAY}-${String(seq).padStart(4, '0')}`, department: `so-tu-phap-${run}` };
}

function dossier(code: string, seq: number, departmentId: string, ticketId: number | null, receivedAt = '2026-12-03T01:30:00.000Z'): NewDossier {
  return {
    code, day: DAY, seq,
    procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', departmentId, serviceId: 'ho-tich',
    applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', dateOfBirth: '1990-05-17', address: 'Số 12 phố Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912345678' },
    documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true }, { name: 'Giấy chứng sinh', copies: 2, original: false }],
    fee: 8000, feePaid: 8000, ticketId, receivedAt, receivedBy: 'quay-1',
    dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', collectCentreId: null,
  };
}

const received = (at: string): DossierHistoryEntry => ({
  at, action: 'receive', fromStatus: null, toStatus: 'received', deviceId: 'quay-1', role: 'counter', actorName: 'Trần Văn An', note: null, newDueAt: '2026-12-04T10:00:00.000Z', unit: null,
});

describe.each(STORE_KINDS)('DossierRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('inserts a dossier with its documents and reads it back by code and by department; unknown ones are absent', async () => {
      const s = await kind.fresh();
      const n = names();
      const ticket = await s.transaction(() => s.tickets.insertTicket('2026-12-03', 'ho-tich', 1001, '2026-12-03T01:00:00.000Z', 'kiosk-1', 'normal'));
      await s.transaction(async () => {
        await s.dossiers.insert(dossier(n.code(1), 1, n.department, ticket.id));
        await s.dossiers.insert({ ...dossier(n.code(2), 2, n.department, null, '2026-12-03T01:10:00.000Z'), documents: [] });
      });
      const first = await s.dossiers.byCode(n.code(1), NOW);
      expect(first).toEqual({
        code: n.code(1), procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', departmentId: n.department, serviceId: 'ho-tich', status: 'received',
        applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', dateOfBirth: '1990-05-17', address: 'Số 12 phố Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912345678' },
        documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true }, { name: 'Giấy chứng sinh', copies: 2, original: false }],
        fee: 8000, feePaid: 8000, ticketId: ticket.id, receivedAt: '2026-12-03T01:30:00.000Z', receivedBy: 'quay-1', receivedAtCentre: s.centre, collectAtCentre: s.centre,
        dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', overdue: false, missing: [], updatedAt: '2026-12-03T01:30:00.000Z', pdf: null,
      });
      expect((await s.dossiers.byCode(n.code(1), LATER))!.overdue).toBe(true);
      expect(await s.dossiers.byCode(n.code(9), NOW)).toBeNull();
      // In order of reception, then code.
      expect((await s.dossiers.ofDepartment(n.department, undefined, NOW)).map((d) => [d.code, d.documents.length])).toEqual([[n.code(2), 0], [n.code(1), 2]]);
      expect(await s.dossiers.ofDepartment(`${n.department}-khac`, undefined, NOW)).toEqual([]);
      // A second dossier with the same code is refused and changes nothing.
      await expect(s.transaction(() => s.dossiers.insert(dossier(n.code(1), 3, n.department, null)))).rejects.toThrow();
      expect((await s.dossiers.ofDepartment(n.department, undefined, NOW)).length).toBe(2);
    });

    it('updates status, due date and missing papers; lists by status', async () => {
      const s = await kind.fresh();
      const n = names();
      await s.transaction(async () => {
        await s.dossiers.insert(dossier(n.code(1), 1, n.department, null));
        await s.dossiers.insert(dossier(n.code(2), 2, n.department, null));
      });
      await s.transaction(async () => {
        const d = await s.dossiers.byCode(n.code(1), NOW);
        await s.dossiers.update(d!.code, { status: 'supplement-requested', dueAt: '2026-12-10T10:00:00.000Z', dueLocal: '2026-12-10T17:00', missing: ['Bản sao CCCD của người đi khai', 'Giấy đăng ký kết hôn'], at: '2026-12-03T04:00:00.000Z' });
      });
      const d = await s.dossiers.byCode(n.code(1), NOW);
      expect(d).toMatchObject({ status: 'supplement-requested', dueAt: '2026-12-10T10:00:00.000Z', dueLocal: '2026-12-10T17:00', missing: ['Bản sao CCCD của người đi khai', 'Giấy đăng ký kết hôn'], updatedAt: '2026-12-03T04:00:00.000Z' });
      expect((await s.dossiers.ofDepartment(n.department, 'supplement-requested', NOW)).map((x) => x.code)).toEqual([n.code(1)]);
      expect((await s.dossiers.ofDepartment(n.department, 'received', NOW)).map((x) => x.code)).toEqual([n.code(2)]);
      expect(await s.dossiers.ofDepartment(n.department, 'done', NOW)).toEqual([]);
    });

    it('keeps where the result is collected (null: the receiving centre) and lists the done ones by the centre that hands them back', async () => {
      const s = await kind.fresh();
      const n = names();
      const mine = (d: { departmentId: string }) => d.departmentId === n.department;
      await s.transaction(async () => {
        await s.dossiers.insert(dossier(n.code(1), 1, n.department, null));
        await s.dossiers.insert({ ...dossier(n.code(2), 2, n.department, null, '2026-12-03T01:10:00.000Z'), collectCentreId: s.otherCentre.id });
        await s.dossiers.insert({ ...dossier(n.code(3), 3, n.department, null, '2026-12-03T01:05:00.000Z'), collectCentreId: s.otherCentre.id });
      });
      expect(await s.dossiers.byCode(n.code(1), NOW)).toMatchObject({ receivedAtCentre: s.centre, collectAtCentre: s.centre });
      expect(await s.dossiers.byCode(n.code(2), NOW)).toMatchObject({ receivedAtCentre: s.centre, collectAtCentre: s.otherCentre });
      // Nothing is ready before the agency is done.
      expect((await s.dossiers.readyAt(s.centre.id, NOW)).filter(mine)).toEqual([]);
      expect((await s.dossiers.readyAt(s.otherCentre.id, NOW)).filter(mine)).toEqual([]);
      const done = { status: 'done' as const, dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', missing: [], at: '2026-12-03T05:00:00.000Z' };
      await s.transaction(async () => {
        for (const seq of [1, 2, 3]) await s.dossiers.update(n.code(seq), done);
      });
      expect((await s.dossiers.readyAt(s.centre.id, NOW)).filter(mine).map((d) => d.code)).toEqual([n.code(1)]);
      // Oldest received first, with the centres named.
      const there = (await s.dossiers.readyAt(s.otherCentre.id, NOW)).filter(mine);
      expect(there.map((d) => [d.code, d.collectAtCentre.name, d.receivedAtCentre.name])).toEqual([
        [n.code(3), s.otherCentre.name, s.centre.name],
        [n.code(2), s.otherCentre.name, s.centre.name],
      ]);
      // Handed back: no longer waiting.
      await s.transaction(() => s.dossiers.update(n.code(3), { ...done, status: 'returned' }));
      expect((await s.dossiers.readyAt(s.otherCentre.id, NOW)).filter(mine).map((d) => d.code)).toEqual([n.code(2)]);
    });

    it('records the Form 05 history in order, hash-chained; a rolled-back entry leaves no trace and the chains verify', async () => {
      const s = await kind.fresh();
      const n = names();
      await s.transaction(async () => {
        await s.dossiers.insert(dossier(n.code(1), 1, n.department, null));
        await s.dossiers.record(n.code(1), received('2026-12-03T01:30:00.000Z'));
      });
      await s.transaction(() => s.dossiers.insert(dossier(n.code(2), 2, n.department, null)));
      await s.transaction(() => s.dossiers.record(n.code(2), received('2026-12-03T01:40:00.000Z')));
      const processing: DossierHistoryEntry = { at: '2026-12-03T02:00:00.000Z', action: 'processing', fromStatus: 'received', toStatus: 'processing', deviceId: 'bo-phan-1', role: 'backoffice', actorName: 'Lê Thị Mai', note: 'Đã nhận hồ sơ giấy', newDueAt: null, unit: { kind: 'agency', id: 'so-tu-phap', name: 'Sở Tư pháp' } };
      await s.transaction(() => s.dossiers.record(n.code(1), processing));
      await expect(s.transaction(async () => {
        await s.dossiers.record(n.code(1), { ...processing, at: '2026-12-03T02:05:00.000Z', note: 'bỏ' });
        throw new Error('refused');
      })).rejects.toThrow('refused');
      expect(await s.dossiers.history(n.code(1))).toEqual([received('2026-12-03T01:30:00.000Z'), processing]);
      expect(await s.dossiers.history(n.code(2))).toEqual([received('2026-12-03T01:40:00.000Z')]);
      expect(await s.dossiers.history(n.code(9))).toEqual([]);
      expect(await s.verifyChains()).toEqual({ ok: true, rows: 3, ...(s.kind === 'postgres' ? { heads: expect.any(Object) } : {}) });
      // History of a dossier that does not exist: refused (foreign key), nothing recorded.
      await expect(s.transaction(() => s.dossiers.record(n.code(9), received('2026-12-03T03:00:00.000Z')))).rejects.toThrow();
      expect(await s.verifyChains()).toMatchObject({ ok: true, rows: 3 });
    });

    it('numbers a day past every dossier and every lease; a lease is found by the device that holds it', async () => {
      const s = await kind.fresh();
      const n = names();
      expect(await s.transaction(() => s.dossiers.lastSequence(DAY))).toBe(0);
      await s.transaction(() => s.dossiers.insert(dossier(n.code(1), 1, n.department, null)));
      expect(await s.transaction(() => s.dossiers.lastSequence(DAY))).toBe(1);
      await s.transaction(() => s.dossiers.lease('quay-2', DAY, 2, 11, '2026-12-03T01:00:00.000Z'));
      expect(await s.transaction(() => s.dossiers.lastSequence(DAY))).toBe(11);
      expect(await s.dossiers.lastSequence('261204')).toBe(0);
      await s.transaction(() => s.dossiers.insert(dossier(n.code(12), 12, n.department, null)));
      expect(await s.dossiers.lastSequence(DAY)).toBe(12);
      expect(await s.dossiers.leaseOf('quay-2', DAY, 2)).toEqual({ firstSeq: 2, lastSeq: 11, leasedAt: '2026-12-03T01:00:00.000Z' });
      expect(await s.dossiers.leaseOf('quay-2', DAY, 11)).toEqual({ firstSeq: 2, lastSeq: 11, leasedAt: '2026-12-03T01:00:00.000Z' });
      expect(await s.dossiers.leaseOf('quay-2', DAY, 12)).toBeNull();
      expect(await s.dossiers.leaseOf('quay-1', DAY, 5)).toBeNull();
      expect(await s.dossiers.leaseOf('quay-2', '261204', 5)).toBeNull();
    });

    it('saves the scanned file, replaces it, and shows it on the dossier', async () => {
      const s = await kind.fresh();
      const n = names();
      await s.transaction(() => s.dossiers.insert(dossier(n.code(1), 1, n.department, null)));
      expect(await s.dossiers.file(n.code(1))).toBeNull();
      const file = { pages: 3, bytes: 182_044, sha256: 'a'.repeat(64), uploadedAt: '2026-12-03T01:35:00.000Z', uploadedBy: 'quay-1' };
      await s.transaction(() => s.dossiers.saveFile(n.code(1), file));
      expect(await s.dossiers.file(n.code(1))).toEqual(file);
      const again = { pages: 4, bytes: 240_512, sha256: 'b'.repeat(64), uploadedAt: '2026-12-03T01:50:00.000Z', uploadedBy: 'quay-3' };
      await s.transaction(() => s.dossiers.saveFile(n.code(1), again));
      expect(await s.dossiers.file(n.code(1))).toEqual(again);
      expect((await s.dossiers.byCode(n.code(1), NOW))!.pdf).toEqual({ pages: 4, bytes: 240_512 });
      expect((await s.dossiers.ofDepartment(n.department, undefined, NOW))[0]!.pdf).toEqual({ pages: 4, bytes: 240_512 });
      // A file for no dossier: refused (foreign key).
      await expect(s.transaction(() => s.dossiers.saveFile(n.code(9), file))).rejects.toThrow();
    });

    it('records result files in order with their ids; the same bytes are found by their checksum and refused twice; a file for no dossier is refused', async () => {
      const s = await kind.fresh();
      const n = names();
      await s.transaction(() => s.dossiers.insert(dossier(n.code(1), 1, n.department, null)));
      expect(await s.dossiers.results(n.code(1))).toEqual([]);
      const first = { name: 'Giấy khai sinh (bản chính).pdf', pages: 1, bytes: 91_230, sha256: 'c'.repeat(64), attachedAt: '2026-12-03T04:00:00.000Z', attachedBy: 'Hoàng Minh Tuấn' };
      const second = { ...first, name: 'Trích lục', pages: 2, bytes: 120_000, sha256: 'd'.repeat(64), attachedAt: '2026-12-03T04:05:00.000Z' };
      const a = await s.transaction(() => s.dossiers.addResult(n.code(1), first));
      const b = await s.transaction(() => s.dossiers.addResult(n.code(1), second));
      expect(a).toEqual({ id: expect.any(Number), ...first });
      expect(b.id).toBeGreaterThan(a.id);
      expect(await s.dossiers.results(n.code(1))).toEqual([a, b]);
      expect(await s.dossiers.resultBySha256(n.code(1), 'd'.repeat(64))).toEqual(b);
      expect(await s.dossiers.resultBySha256(n.code(1), 'e'.repeat(64))).toBeNull();
      await expect(s.transaction(() => s.dossiers.addResult(n.code(1), { ...first, name: 'lần hai' }))).rejects.toThrow();
      await expect(s.transaction(() => s.dossiers.addResult(n.code(9), first))).rejects.toThrow();
      expect(await s.dossiers.results(n.code(1))).toHaveLength(2);
    });

    it('knows which tickets exist', async () => {
      const s = await kind.fresh();
      const t = await s.transaction(() => s.tickets.insertTicket('2026-12-03', 'ho-tich', 1001, '2026-12-03T01:00:00.000Z', 'kiosk-1', 'normal'));
      expect(await s.dossiers.ticketPlace(t.id)).toBe('here');
      expect(await s.dossiers.ticketPlace(t.id + 1000)).toBeNull();
    });
  });
});
