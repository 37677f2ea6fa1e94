import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../core/dossiers/dossier';
import { commandId, demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { call, createKey, receive } from './api-keys-support';

const SYSTEM = 'Phần mềm một cửa Sở KH&ĐT';
const ACTOR = { actorId: 'nvb', actorName: 'Nguyễn Văn Bình' };
const config = demoConfig();

async function pdfOf(pages: number, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save();
}

const query = (q: Record<string, string>) => new URLSearchParams(q).toString();

describe('result files: the agency attaches the PDFs it issues, the counter hands them back (real hub on loopback)', () => {
  const f = useHubFixture();
  const upload = (key: string, code: string, q: Record<string, string>, body: Uint8Array | string, type = 'application/pdf') =>
    fetch(`${f.hub.url}/api/v1/dossiers/${code}/results?${query(q)}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]) });
  const accept = async (key: string, code: string) => {
    const r = await call(f.hub.url, 'POST', `/api/v1/dossiers/${code}/actions`, { bearer: key, body: { action: 'accept', actor: { id: 'nvb', name: 'Nguyễn Văn Bình' } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const rows = async (code: string) => (await call(f.hub.url, 'POST', `/api/dossiers/${code}/get`, { bearer: tokenOf(config, 'counter-3'), body: { commandId: commandId(), code } })).body.value.results as { id: number; name: string }[];

  it("through an API key: attached while processing, live to the back office, downloaded by the key and by any counter byte for byte; the same bytes again change nothing", async () => {
    const counter = (await f.open('counter-3')).socket;
    const backoffice = (await f.open('backoffice-tckh')).socket;
    const events: DossierEvent[] = [];
    backoffice.on('dossier:event', (e) => events.push(e));
    const dossier = await receive(counter, 'KD-TL');
    const { key } = await createKey(f.hub.url, SYSTEM, 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    await accept(key, dossier.code);

    const bytes = await pdfOf(2, 'Giấy chứng nhận đăng ký hộ kinh doanh');
    const res = await upload(key, dossier.code, { name: 'Giấy chứng nhận đăng ký hộ kinh doanh.pdf', ...ACTOR }, bytes);
    const body = (await res.json()) as { ok: boolean; value: { results: Record<string, unknown>[] } };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.value.results).toEqual([
      { id: expect.any(Number), name: 'Giấy chứng nhận đăng ký hộ kinh doanh.pdf', pages: 2, bytes: bytes.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), attachedAt: expect.any(String), attachedBy: `${SYSTEM} / Nguyễn Văn Bình (nvb)` },
    ]);
    const id = body.value.results[0]!.id as number;
    await expect.poll(() => events.filter((e) => e.dossier.code === dossier.code).map((e) => e.action)).toContain('attach');

    // The key reads it back; any counter (to hand it over) too: the same bytes, the Vietnamese name kept.
    for (const bearer of [key, tokenOf(config, 'counter-1')]) {
      const path = bearer === key ? `/api/v1/dossiers/${dossier.code}/results/${id}` : `/api/dossiers/${dossier.code}/results/${id}`;
      const got = await fetch(`${f.hub.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Giấy chứng nhận đăng ký hộ kinh doanh.pdf')}`);
      expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    }

    // A retried upload (its answer was lost): one file, the first name.
    const again = await upload(key, dossier.code, { name: 'khác.pdf', ...ACTOR }, bytes);
    expect(again.status).toBe(200);
    expect((await rows(dossier.code)).map((r) => r.name)).toEqual(['Giấy chứng nhận đăng ký hộ kinh doanh.pdf']);

    // Done, then a second file; handed back at the counter: no more attaching.
    expect((await call(f.hub.url, 'POST', `/api/v1/dossiers/${dossier.code}/actions`, { bearer: key, body: { action: 'done', actor: { id: 'nvb', name: 'Nguyễn Văn Bình' } } })).status).toBe(200);
    expect((await upload(key, dossier.code, { name: 'Quyết định', ...ACTOR }, await pdfOf(1, 'Quyết định'))).status).toBe(200);
    expect((await rows(dossier.code)).map((r) => r.name)).toEqual(['Giấy chứng nhận đăng ký hộ kinh doanh.pdf', 'Quyết định']);
    expect(await counter.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'return' })).toMatchObject({ ok: true });
    const late = await upload(key, dossier.code, { name: 'muộn.pdf', ...ACTOR }, await pdfOf(1, 'muộn'));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toContain('đang giải quyết hoặc đã có kết quả');
    expect(await rows(dossier.code)).toHaveLength(2);
  });

  it('refusals, each typed, nothing recorded: not yet accepted, not a PDF, no name, no actor, another agency, a read-only key, an unknown file, a counter uploading', async () => {
    const counter = (await f.open('counter-3')).socket;
    const dossier = await receive(counter, 'KD-TL');
    const { key } = await createKey(f.hub.url, SYSTEM, 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    const good = await pdfOf(1, 'Kết quả');
    const kind = async (res: Response) => [res.status, ((await res.json()) as { error: { kind: string } }).error.kind];

    expect(await kind(await upload(key, dossier.code, { name: 'a.pdf', ...ACTOR }, good))).toEqual([409, 'conflict']); // still "received"
    await accept(key, dossier.code);
    expect(await kind(await upload(key, dossier.code, { name: 'a.pdf', ...ACTOR }, 'xin chào'))).toEqual([422, 'invalid-input']);
    expect(await kind(await upload(key, dossier.code, { name: 'a.pdf', ...ACTOR }, Buffer.from('%PDF-1.7 hỏng')))).toEqual([422, 'invalid-input']);
    expect(await kind(await upload(key, dossier.code, { name: '  ', ...ACTOR }, good))).toEqual([422, 'invalid-input']);
    expect(await kind(await upload(key, dossier.code, { name: '../../etc/passwd', ...ACTOR }, good))).toEqual([422, 'invalid-input']);
    expect(await kind(await upload(key, dossier.code, { name: 'a.pdf' }, good))).toEqual([422, 'invalid-input']);
    expect((await upload(key, dossier.code, { name: 'a.pdf', ...ACTOR }, good, 'application/octet-stream')).status).toBe(415);
    const tuPhap = await createKey(f.hub.url, 'Phần mềm Tư pháp', 'tu-phap', ['dossiers:read', 'dossiers:act']);
    expect(await kind(await upload(tuPhap.key, dossier.code, { name: 'a.pdf', ...ACTOR }, good))).toEqual([403, 'forbidden']);
    const reader = await createKey(f.hub.url, 'Chỉ đọc', 'tai-chinh-ke-hoach', ['dossiers:read']);
    expect(await kind(await upload(reader.key, dossier.code, { name: 'a.pdf', ...ACTOR }, good))).toEqual([403, 'forbidden']);
    expect(await kind(await upload(key, 'KHONGCO', { name: 'a.pdf', ...ACTOR }, good))).toEqual([404, 'not-found']);
    expect(await kind(await fetch(`${f.hub.url}/api/v1/dossiers/${dossier.code}/results/99`, { headers: { authorization: `Bearer ${key}` } }))).toEqual([404, 'not-found']);
    const byCounter = await fetch(`${f.hub.url}/api/dossiers/${dossier.code}/results?name=a.pdf`, { method: 'PUT', headers: { authorization: `Bearer ${tokenOf(config, 'counter-3')}`, 'content-type': 'application/pdf' }, body: new Blob([good as Uint8Array<ArrayBuffer>]) });
    expect(await kind(byCounter)).toEqual([403, 'forbidden']);
    // A back office's socket naming bytes the hub never received.
    const bo = (await f.open('backoffice-tckh')).socket;
    expect(await bo.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'do-quang-vinh', pin: '5555' })).toMatchObject({ ok: true });
    expect(await bo.emitWithAck('dossier:attach-result', { commandId: commandId(), code: dossier.code, name: 'x.pdf', pages: 1, bytes: 10, sha256: 'a'.repeat(64) })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await rows(dossier.code)).toEqual([]);
  });

  it("the back office's own screen uploads with its device token (officer signed in); another department's back office may neither upload nor download", async () => {
    const counter = (await f.open('counter-3')).socket;
    const dossier = await receive(counter, 'KD-TL');
    const bo = (await f.open('backoffice-tckh')).socket;
    const put = (device: string, body: Uint8Array) =>
      fetch(`${f.hub.url}/api/dossiers/${dossier.code}/results?name=${encodeURIComponent('Kết quả thẩm định.pdf')}`, { method: 'PUT', headers: { authorization: `Bearer ${tokenOf(config, device)}`, 'content-type': 'application/pdf' }, body: new Blob([body as Uint8Array<ArrayBuffer>]) });
    const bytes = await pdfOf(3, 'Kết quả thẩm định');
    expect(await bo.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'do-quang-vinh', pin: '5555' })).toMatchObject({ ok: true });
    expect(await bo.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'accept' })).toMatchObject({ ok: true });
    const res = await put('backoffice-tckh', bytes);
    const body = (await res.json()) as { value: { results: { id: number; attachedBy: string; pages: number }[] } };
    expect(res.status).toBe(200);
    expect(body.value.results).toMatchObject([{ attachedBy: 'Đỗ Quang Vinh', pages: 3 }]);
    expect((await put('backoffice-tu-phap', bytes)).status).toBe(403);
    const other = await fetch(`${f.hub.url}/api/dossiers/${dossier.code}/results/${body.value.results[0]!.id}`, { headers: { authorization: `Bearer ${tokenOf(config, 'backoffice-tu-phap')}` } });
    expect(other.status).toBe(403);
  });
});
