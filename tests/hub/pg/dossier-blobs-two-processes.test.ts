import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import pgDriver from 'pg';
import { describe, expect, it } from 'vitest';
import { BLOB_SLICE_BYTES } from '../../../hub/store/pg/pg-dossier-blobs';
import { commandId } from '../../support/centre';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { demoProvinceToken, type ProvinceProcess } from '../../support/province-process';
import { useTwoProvinceProcesses } from '../../support/two-province-processes';

warnIfPostgresMissing('dossier files in PostgreSQL across hub processes');

const TP = { id: 'tp-ha-noi', name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội' };
const HK = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BD = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };

/** A PDF of `pages` pages carrying `extra` random bytes (an attachment), so its size is known and it does not compress. */
async function pdfOf(pages: number, extra: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  if (extra > 0) await doc.attach(randomBytes(extra), 'trang-quet.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}

/**
 * Issue 13: a dossier's files in the province database, read through another hub process. Two
 * `motcua hub --province … --centre all` processes on one private PostgreSQL, each with its own
 * data directory (nothing shared on disk): the scan uploaded through process one is read through
 * process two byte for byte (a rescan through process two replaces it for both); the result the
 * agency uploads through process two opens at the collecting centre's counter on process one.
 * With the directory implementation (each process's own `dossier-files`) both reads are 404.
 */
describe.skipIf(POSTGRES_MISSING !== null)('dossier files across two hub processes on one PostgreSQL', () => {
  const f = useTwoProvinceProcesses();
  const open = async (p: ProvinceProcess, centre: string, deviceId: string) => (await f.open(p, centre, deviceId)).socket;
  const auth = (device: string) => ({ authorization: `Bearer ${demoProvinceToken(device)}` });
  const putScan = (p: ProvinceProcess, centre: string, device: string, code: string, body: Buffer) =>
    fetch(`${p.urls.get(centre)}/api/dossiers/${code}/pdf`, { method: 'PUT', headers: { ...auth(device), 'content-type': 'application/pdf' }, body: new Uint8Array(body) });
  const getBytes = async (url: string, device: string) => {
    const r = await fetch(url, { headers: auth(device) });
    return { status: r.status, length: r.headers.get('content-length'), etag: r.headers.get('etag'), body: Buffer.from(await r.arrayBuffer()) };
  };
  const blobRows = async (code: string) => {
    const client = new pgDriver.Client({ connectionString: f.dbUrl });
    await client.connect();
    try {
      return (await client.query<{ kind: string; n: number }>('SELECT kind, octet_length(bytes) AS n FROM dossier_blobs WHERE dossier_code = $1 ORDER BY kind, n', [code])).rows;
    } finally {
      await client.end();
    }
  };

  it('a scan uploaded through process one is read through process two byte for byte; the result uploaded through process two opens at the collecting counter on process one', async () => {
    const counter = await open(f.one, TP.id, 'tp-ha-noi-may-quay-1');
    expect(await counter.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: 'quay-1', clerkId: 'pham-thi-huong', pin: '1111' })).toMatchObject({ ok: true });
    const received = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: '2.000488', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0, collectAt: HK.id });
    if (!received.ok) throw new Error(`${received.error.kind}: ${received.error.message}`);
    const code = received.value.dossier.code;

    // The scan (several slices of a download) through process one, at the receiving centre's address.
    const scan = await pdfOf(3, 2 * BLOB_SLICE_BYTES + 12_345);
    const up = await putScan(f.one, TP.id, 'tp-ha-noi-may-quay-1', code, scan);
    expect(up.status, await up.clone().text()).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, value: { pages: 3, bytes: scan.length } });

    // The agency's back office on process two (at Ba Đình's address) reads it, byte for byte.
    const agency = await open(f.two, BD.id, 'xu-ly-so-tu-phap');
    const scanAtTwo = await getBytes(`${f.two.urls.get(BD.id)}/api/dossiers/${code}/pdf`, 'xu-ly-so-tu-phap');
    expect(scanAtTwo.status).toBe(200);
    expect(scanAtTwo.length).toBe(String(scan.length));
    expect(scanAtTwo.body.equals(scan)).toBe(true);

    // A rescan through process two replaces it: process one now serves the new bytes, and the table holds one scan.
    const rescan = await pdfOf(4, 1000);
    expect((await putScan(f.two, TP.id, 'tp-ha-noi-may-quay-1', code, rescan)).status).toBe(200);
    const rescanAtOne = await getBytes(`${f.one.urls.get(TP.id)}/api/dossiers/${code}/pdf`, 'tp-ha-noi-may-quay-1');
    expect(rescanAtOne.status).toBe(200);
    expect(rescanAtOne.body.equals(rescan)).toBe(true);
    expect(await blobRows(code)).toEqual([{ kind: 'scan', n: rescan.length }]);

    // The agency accepts, attaches the result through process two, finishes.
    expect(await agency.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'hoang-minh-tuan', pin: '5555' })).toMatchObject({ ok: true });
    expect(await agency.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'accept' })).toMatchObject({ ok: true });
    const result = await pdfOf(1, 50_000);
    const put = await fetch(`${f.two.urls.get(BD.id)}/api/dossiers/${code}/results?name=${encodeURIComponent('Giấy chứng nhận.pdf')}`, {
      method: 'PUT',
      headers: { ...auth('xu-ly-so-tu-phap'), 'content-type': 'application/pdf' },
      body: new Uint8Array(result),
    });
    const putBody = (await put.json()) as { ok: boolean; value: { results: { id: number }[] } };
    expect(put.status, JSON.stringify(putBody)).toBe(200);
    const resultId = putBody.value.results[0]!.id;
    expect(await agency.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'done' })).toMatchObject({ ok: true, value: { dossier: { status: 'done' } } });

    // Hoàn Kiếm's counter on process one opens it byte for byte.
    const got = await getBytes(`${f.one.urls.get(HK.id)}/api/dossiers/${code}/results/${resultId}`, 'hoan-kiem-may-quay-1');
    expect(got.status).toBe(200);
    expect(got.body.equals(result)).toBe(true);
    expect(await blobRows(code)).toEqual([
      { kind: 'result', n: result.length },
      { kind: 'scan', n: rescan.length },
    ]);
    // Nothing went to either process's disk.
    expect(existsSync(path.join(f.dataDirs.one, 'dossier-files'))).toBe(false);
    expect(existsSync(path.join(f.dataDirs.two, 'dossier-files'))).toBe(false);
  }, 180_000);
});
