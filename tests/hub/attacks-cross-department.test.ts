import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { commandId, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { storeRowCounts } from './attacks-support';

const config = demoConfig();
const now = new Date('2026-11-20T09:00:00+07:00');
const APPLICANT = { fullName: 'Lê Văn Cường', idNumber: '001085011111' };

/**
 * A back-office device of one department (Tư pháp) asking — over the socket and over REST — for a
 * dossier of another (Tài chính – Kế hoạch): its record, its PDF, a move in its life cycle, or
 * that department's list. Each is refused `forbidden` (the list simply holds only the device's own
 * department), and nothing changes: row counts, the dossier and its control sheet, the audit chains.
 */
describe("attack: a department's back office asks for another department's dossiers (real hub on loopback)", () => {
  const f = useHubFixture({ clock: () => now });
  const bearer = (deviceId: string) => ({ authorization: `Bearer ${tokenOf(config, deviceId)}` });
  const rest = async (method: 'GET' | 'POST' | 'PUT', url: string, deviceId: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${f.hub.url}${url}`, {
      method,
      headers: { ...bearer(deviceId), ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (text.startsWith('{') ? JSON.parse(text) : text) as { ok: boolean; value?: unknown; error?: { kind: string; message: string } } | string };
  };
  const receive = async (counter: DeviceSocket, procedureCode: string) => {
    const r = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode, applicant: APPLICANT, documents: [], feePaid: 0 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.dossier;
  };

  it('dossier:get, dossier:act, the PDF and the list, over socket and REST: forbidden or not there, and nothing changed', async () => {
    const counter = (await f.open('counter-1')).socket;
    const theirs = await receive(counter, 'KD-TL'); // Phòng Tài chính – Kế hoạch
    const ours = await receive(counter, 'HT-KS'); // Phòng Tư pháp
    expect(theirs.departmentId).toBe('tai-chinh-ke-hoach');
    expect(ours.departmentId).toBe('tu-phap');
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    expect(await rest('PUT', `/api/dossiers/${theirs.code}/pdf`, 'counter-1', new Uint8Array(await pdf.save()), 'application/pdf')).toMatchObject({ status: 200 });

    const tuPhap = (await f.open('backoffice-tu-phap')).socket;
    // An officer of Tư pháp signed in, so the refusals below are about the department, not a missing sign-in.
    expect(await tuPhap.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'hoang-minh-tuan', pin: '5555' })).toMatchObject({ ok: true });
    const sheetBefore = await counter.emitWithAck('dossier:get', { commandId: commandId(), code: theirs.code });
    const before = await storeRowCounts((sql) => f.rows(sql), f.storeKind);

    const forbidden = { ok: false, error: { kind: 'forbidden', message: expect.stringContaining(theirs.code) } };
    expect(await tuPhap.emitWithAck('dossier:get', { commandId: commandId(), code: theirs.code })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Tài chính') } });
    for (const action of ['accept', 'processing', 'done'] as const) {
      expect(await tuPhap.emitWithAck('dossier:act', { commandId: commandId(), code: theirs.code, action })).toMatchObject(forbidden);
    }
    expect(await rest('POST', `/api/dossiers/${theirs.code}/get`, 'backoffice-tu-phap', { commandId: commandId() })).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden' } } });
    expect(await rest('POST', `/api/dossiers/${theirs.code}/act`, 'backoffice-tu-phap', { commandId: commandId(), action: 'accept' })).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden' } } });
    const pdfAsked = await rest('GET', `/api/dossiers/${theirs.code}/pdf`, 'backoffice-tu-phap');
    expect(pdfAsked).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden' } } });
    expect(pdfAsked.type).not.toContain('application/pdf');
    // Overwriting their scan is not a back office's to do at all.
    expect(await rest('PUT', `/api/dossiers/${theirs.code}/pdf`, 'backoffice-tu-phap', new Uint8Array(await pdf.save()), 'application/pdf')).toMatchObject({ status: 403 });

    // The list has no department to ask for: it is always the device's own.
    const listed = await tuPhap.emitWithAck('dossier:list', { commandId: commandId() });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.departmentId).toBe('tu-phap');
    expect(listed.value.dossiers.map((d) => d.code)).toEqual([ours.code]);
    expect(await rest('POST', '/api/dossiers/list', 'backoffice-tu-phap', { commandId: commandId(), departmentId: 'tai-chinh-ke-hoach' })).toMatchObject({ status: 400, body: { error: { kind: 'invalid-input' } } });
    const listedOverRest = await rest('POST', '/api/dossiers/list', 'backoffice-tu-phap', { commandId: commandId() });
    expect(JSON.stringify(listedOverRest.body)).not.toContain(theirs.code);

    expect(await storeRowCounts((sql) => f.rows(sql), f.storeKind)).toEqual(before);
    expect(await counter.emitWithAck('dossier:get', { commandId: commandId(), code: theirs.code })).toEqual(sheetBefore);
    expect(await f.chains()).toMatchObject({ ok: true });
  });

  it('a device of another role (a display, the kiosk) gets nothing of a dossier either', async () => {
    const counter = (await f.open('counter-1')).socket;
    const theirs = await receive(counter, 'KD-TL');
    const before = await storeRowCounts((sql) => f.rows(sql), f.storeKind);
    for (const id of ['display-1', 'kiosk-1']) {
      expect(await rest('POST', `/api/dossiers/${theirs.code}/get`, id, { commandId: commandId() })).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });
      expect(await rest('GET', `/api/dossiers/${theirs.code}/pdf`, id)).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });
      expect(await rest('POST', '/api/dossiers/list', id, { commandId: commandId() })).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });
    }
    expect(await storeRowCounts((sql) => f.rows(sql), f.storeKind)).toEqual(before);
  });
});
