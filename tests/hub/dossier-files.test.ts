import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../core/dossiers/dossier';
import { commandId, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
const now = vn('2026-11-20T09:00');
const config = demoConfig();
const APPLICANT = { fullName: 'Lê Văn Cường', idNumber: '001085011111' };

async function pdfOf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

const settle = () => new Promise((r) => setTimeout(r, 150));
const collect = (s: DeviceSocket) => {
  const events: DossierEvent[] = [];
  s.on('dossier:event', (e) => events.push(e));
  return events;
};

describe('dossier PDFs over HTTP, dossier:get, and dossier events to every counter (real hub)', () => {
  const f = useHubFixture({ clock: () => now });
  const auth = (deviceId: string) => ({ authorization: `Bearer ${tokenOf(config, deviceId)}` });
  const put = (code: string, body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${f.hub.url}/api/dossiers/${code}/pdf`, { method: 'PUT', headers: { 'content-type': 'application/pdf', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const get = (code: string, headers: Record<string, string>) => fetch(`${f.hub.url}/api/dossiers/${code}/pdf`, { headers });
  const receive = async (s: DeviceSocket, procedureCode = 'KD-TL') => {
    const r = await s.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode, applicant: APPLICANT, documents: [], feePaid: 0 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.dossier;
  };

  it('the counter uploads the scan; the department and every counter hear "attach"; the same bytes answer the same; a rescan replaces it', async () => {
    const counter = (await f.open('counter-1')).socket;
    const tckh = (await f.open('backoffice-tckh')).socket;
    const tuPhap = (await f.open('backoffice-tu-phap')).socket;
    const otherCounter = (await f.open('counter-2')).socket;
    const { code, pdf } = await receive(counter);
    expect(pdf).toBeNull();
    await settle(); // the 'received' event is behind us
    const [atTckh, atCounter, atTuPhap] = [collect(tckh), collect(otherCounter), collect(tuPhap)];

    const three = await pdfOf(3);
    const first = await put(code, three, auth('counter-1'));
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { ok: true; value: { pages: number; bytes: number; sha256: string } };
    expect(answer).toEqual({ ok: true, value: { pages: 3, bytes: three.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const dir = path.join(f.dir, 'dossier-files');
    const stored = async () => (await f.storedScans(code)).map((b) => b.toString('base64'));
    expect(await stored()).toEqual([three.toString('base64')]);

    const again = await put(code.toLowerCase(), three, auth('counter-2'));
    expect(await again.json()).toEqual(answer);
    await settle();
    for (const events of [atTckh, atCounter]) expect(events).toEqual([{ kind: 'changed', action: 'attach', dossier: expect.objectContaining({ code, pdf: { pages: 3, bytes: three.length } }) }]);
    expect(atTuPhap).toEqual([]);

    const got = await counter.emitWithAck('dossier:get', { commandId: commandId(), code });
    expect(got).toMatchObject({ ok: true, value: { dossier: { code, pdf: { pages: 3, bytes: three.length } }, history: [{ action: 'receive' }] } });

    const five = await pdfOf(5);
    expect(await (await put(code, five, auth('counter-1'))).json()).toMatchObject({ ok: true, value: { pages: 5, bytes: five.length } });
    expect(await stored()).toEqual([five.toString('base64')]); // the rescan replaced the scan
    // SQLite: no temp file left behind; PostgreSQL: nothing written to the data dir.
    expect(f.storeKind === 'sqlite' ? readdirSync(dir) : existsSync(dir)).toEqual(f.storeKind === 'sqlite' ? [`${code}.pdf`] : false);
    await settle();
    expect(atTckh.map((e) => e.dossier.pdf)).toEqual([{ pages: 3, bytes: three.length }, { pages: 5, bytes: five.length }]);

    // Downloads: any counter, the department's back office; nobody else.
    for (const who of ['counter-2', 'backoffice-tckh']) {
      const res = await get(code, auth(who));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await res.arrayBuffer()).equals(five)).toBe(true);
    }
    expect(await get(code, auth('backoffice-tu-phap'))).toMatchObject({ status: 403 });
    expect(await get(code, auth('kiosk-1'))).toMatchObject({ status: 403 });
    expect(await get(code, {})).toMatchObject({ status: 401 });
    expect(await get('HK-261120-0999', auth('counter-1'))).toMatchObject({ status: 404 });
    const bare = await receive(counter);
    const none = await get(bare.code, auth('counter-1'));
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ ok: false, error: { kind: 'not-found', message: `Hồ sơ ${bare.code} chưa có bản quét PDF.` } });

    // The record survives a restart.
    await f.restart();
    const back = (await f.open('counter-3')).socket;
    expect(await back.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { pdf: { pages: 5, bytes: five.length } } } });
  });

  it('refuses uploads from other roles, of other things than a PDF, for unknown dossiers, and over the size limit, each with its status', async () => {
    const counter = (await f.open('counter-1')).socket;
    const { code } = await receive(counter);
    const pdf = await pdfOf(1);
    const failure = async (res: Response) => ({ status: res.status, body: (await res.json()) as unknown });
    expect(await failure(await put(code, pdf, {}))).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized' } } });
    expect(await failure(await put(code, pdf, auth('backoffice-tckh')))).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Chỉ máy quầy') } } });
    expect(await failure(await put('HK-261120-0999', pdf, auth('counter-1')))).toMatchObject({ status: 404, body: { ok: false, error: { kind: 'not-found' } } });
    expect(await failure(await put(code, 'hello, not a pdf', auth('counter-1')))).toMatchObject({ status: 400, body: { ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('%PDF-') } } });
    expect(await failure(await put(code, '%PDF-1.7\ngarbage', auth('counter-1')))).toMatchObject({ status: 400, body: { ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('Không đọc được tệp PDF') } } });
    const wrongType = await fetch(`${f.hub.url}/api/dossiers/${code}/pdf`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', ...auth('counter-1') }, body: new Uint8Array(pdf) });
    expect(await failure(wrongType)).toMatchObject({ status: 415, body: { ok: false, error: { kind: 'invalid-input' } } });

    // Over 200 MB: refused from the Content-Length alone, before the body is read.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${f.hub.url}/api/dossiers/${code}/pdf`, { method: 'PUT', headers: { 'content-type': 'application/pdf', 'content-length': String(201 * 1024 * 1024), ...auth('counter-1') } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(pdf);
    });
    expect(status).toBe(413);
    expect(await f.storedScans(code)).toEqual([]);
    expect(await counter.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { pdf: null } } });
  });

  it('dossier:get: any counter; the back office only for its own department; the kiosk not at all', async () => {
    const counter = (await f.open('counter-1')).socket;
    const { code } = await receive(counter); // Phòng Tài chính – Kế hoạch
    const asked = async (id: string) => (await f.open(id)).socket.emitWithAck('dossier:get', { commandId: commandId(), code });
    expect(await asked('counter-3')).toMatchObject({ ok: true, value: { dossier: { code, receivedBy: 'counter-1' }, history: [{ action: 'receive' }] } });
    expect(await asked('backoffice-tckh')).toMatchObject({ ok: true, value: { dossier: { code } } });
    expect(await asked('backoffice-tu-phap')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('thuộc Phòng Tài chính – Kế hoạch') } });
    expect(await asked('kiosk-1')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await counter.emitWithAck('dossier:get', { commandId: commandId(), code: 'HK-261120-0999' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    // Over REST too.
    const res = await fetch(`${f.hub.url}/api/dossiers/${code}/get`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth('counter-2') }, body: JSON.stringify({ commandId: commandId() }) });
    expect(res.status).toBe(200);
  });
});
