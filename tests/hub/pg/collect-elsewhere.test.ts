import { PDFDocument } from 'pdf-lib';
import pgDriver from 'pg';
import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../core/dossiers/dossier';
import { verifyCentreChains } from '../../../hub/store/pg/chain-verify';
import { commandId, type DeviceSocket } from '../../support/centre';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { demoProvinceToken } from '../../support/province-process';
import { useTwoProvinceProcesses } from '../../support/two-province-processes';

warnIfPostgresMissing('collecting the result at another centre');

const TP = { id: 'tp-ha-noi', name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội' };
const HK = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BD = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };
const AGENCY = { kind: 'agency', id: 'so-tu-phap', name: 'Sở Tư pháp' };

/**
 * Issue 13, end to end with real processes: two `motcua hub --province … --centre all` processes
 * on one private PostgreSQL. A dossier received at centre A (Thành phố Hà Nội, process one) to be
 * collected at centre B (Hoàn Kiếm); the competent agency (Sở Tư pháp) accepts and finishes it
 * through process two; B's counter (process two) hears it live when it is ready, lists, gets and
 * returns it; A's counter views but may not return; C's (Ba Đình) is refused; Form 05 names A,
 * the agency and B.
 */
describe.skipIf(POSTGRES_MISSING !== null)('receive at one centre, collect the result at another', () => {
  const f = useTwoProvinceProcesses();
  const { open } = f;
  const ready = (s: DeviceSocket) => s.emitWithAck('dossier:ready', { commandId: commandId() });

  it('A receives for B; the agency finishes it on the other process; B hears it live, lists, gets and returns it; A only views; C is refused; Form 05 names A, the agency, B', async () => {
    // Centre A's counter on process one: its hello offers the province's centres.
    const a = await open(f.one, TP.id, 'tp-ha-noi-may-quay-1');
    expect(a.hello.dossiers.collectCentres?.map((c) => c.id)).toEqual([TP.id, HK.id, BD.id]);
    expect(await a.socket.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: 'quay-1', clerkId: 'pham-thi-huong', pin: '1111' })).toMatchObject({ ok: true });
    // Centre B's counter and centre C's, both on process two.
    const b = (await open(f.two, HK.id, 'hoan-kiem-may-quay-1')).socket;
    const c = (await open(f.two, BD.id, 'ba-dinh-may-quay-1')).socket;
    const heardB: DossierEvent[] = [];
    const heardC: DossierEvent[] = [];
    b.on('dossier:event', (e) => heardB.push(e));
    c.on('dossier:event', (e) => heardC.push(e));

    const unknown = await a.socket.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: '2.000488', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0, collectAt: 'dong-da' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('collectAt') } });

    const received = await a.socket.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: '2.000488', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0, collectAt: HK.id });
    if (!received.ok) throw new Error(`${received.error.kind}: ${received.error.message}`);
    const code = received.value.dossier.code;
    expect(received.value.dossier).toMatchObject({ receivedAtCentre: TP, collectAtCentre: HK, departmentId: 'so-tu-phap' });

    // The agency's back office, at Ba Đình's address on process two.
    const agency = (await open(f.two, BD.id, 'xu-ly-so-tu-phap')).socket;
    expect(await agency.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'hoang-minh-tuan', pin: '5555' })).toMatchObject({ ok: true });
    expect(await agency.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'accept' })).toMatchObject({ ok: true });
    // Not ready yet: B's counter has heard nothing and lists nothing.
    await new Promise((r) => setTimeout(r, 1000));
    expect(heardB).toEqual([]);
    expect(await ready(b)).toMatchObject({ ok: true, value: { centre: HK, dossiers: [] } });

    // The result, uploaded through Ba Đình's address (the agency's device is the province's): kept in the
    // process's one dossier-files directory, so Hoàn Kiếm's counter on the same process can open it.
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    const resultPdf = await doc.save();
    const put = await fetch(`${f.two.urls.get(BD.id)}/api/dossiers/${code}/results?name=${encodeURIComponent('Giấy chứng nhận.pdf')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demoProvinceToken('xu-ly-so-tu-phap')}`, 'content-type': 'application/pdf' },
      body: new Blob([resultPdf as Uint8Array<ArrayBuffer>]),
    });
    const putBody = (await put.json()) as { ok: boolean; value: { results: { id: number }[] } };
    expect(put.status, JSON.stringify(putBody)).toBe(200);
    const resultId = putBody.value.results[0]!.id;

    const t0 = Date.now();
    expect(await agency.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'done' })).toMatchObject({ ok: true, value: { dossier: { status: 'done' } } });
    await expect.poll(() => heardB.map((e) => [e.dossier.code, e.action, e.dossier.status]), { timeout: 15_000 }).toEqual([[code, 'done', 'done']]);
    const heardAfterMs = Date.now() - t0;
    expect(heardB[0]!.dossier).toMatchObject({ receivedAtCentre: TP, collectAtCentre: HK });

    // B lists it and gets it; A views it but does not hand it back; C is refused.
    expect(await ready(b)).toMatchObject({ ok: true, value: { centre: HK, dossiers: [{ code, status: 'done', receivedAtCentre: TP }] } });
    expect(await ready(a.socket)).toMatchObject({ ok: true, value: { centre: TP, dossiers: [] } });
    expect(await b.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { code, status: 'done' } } });
    expect(await a.socket.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { code } } });
    const aReturn = await a.socket.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'return' });
    expect(aReturn).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining(HK.name) } });
    expect(await c.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await c.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'return' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await ready(c)).toMatchObject({ ok: true, value: { dossiers: [] } });

    // B's counter opens the result byte for byte; C's is refused.
    const fileAt = (centre: string, device: string) => fetch(`${f.two.urls.get(centre)}/api/dossiers/${code}/results/${resultId}`, { headers: { authorization: `Bearer ${demoProvinceToken(device)}` } });
    const got = await fileAt(HK.id, 'hoan-kiem-may-quay-1');
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(resultPdf))).toBe(true);
    expect((await fileAt(BD.id, 'ba-dinh-may-quay-1')).status).toBe(403);

    const back = await b.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'return' });
    if (!back.ok) throw new Error(`${back.error.kind}: ${back.error.message}`);
    expect(back.value.dossier.status).toBe('returned');
    expect(back.value.history.map((h) => [h.action, h.unit])).toEqual([
      ['receive', { kind: 'centre', ...TP }],
      ['accept', AGENCY],
      ['done', AGENCY],
      ['return', { kind: 'centre', ...HK }],
    ]);
    expect(await ready(b)).toMatchObject({ ok: true, value: { dossiers: [] } });
    // C never heard of it.
    expect(heardC).toEqual([]);

    // The lines are on the receiving centre's chain, which verifies.
    const client = new pgDriver.Client({ connectionString: f.dbUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ centre_id: string; unit_name: string }>('SELECT centre_id, unit_name FROM dossier_history WHERE dossier_code = $1 ORDER BY id', [code]);
      expect(rows).toEqual([TP.name, AGENCY.name, AGENCY.name, HK.name].map((unit_name) => ({ centre_id: TP.id, unit_name })));
      expect(await verifyCentreChains(client, TP.id)).toMatchObject({ ok: true });
    } finally {
      await client.end();
    }
    console.log(`collect-elsewhere: done → B's counter on the other process heard it after ${heardAfterMs} ms`);
  }, 120_000);
});
