import { PDFDocument } from 'pdf-lib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../core/dossiers/dossier';
import { demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { APPLICANT, call, createKey, receive } from './api-keys-support';

/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T09:00');
const ACTOR = { id: 'nvb', name: 'Nguyễn Văn Bình' };
const SYSTEM = 'Phần mềm một cửa Sở KH&ĐT';

describe("a department's own software acts on its dossiers through an API key (real hub on loopback, injected clock)", () => {
  const f = useHubFixture({ clock: () => now });
  beforeEach(() => {
    now = vn('2026-11-20T09:00');
  });
  const act = (key: string, code: string, body: unknown, idempotencyKey?: string) =>
    call(f.hub.url, 'POST', `/api/v1/dossiers/${code}/actions`, { bearer: key, body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });
  const get = (p: string, key: string) => call(f.hub.url, 'GET', p, { bearer: key });

  it('accept → supplement → processing → delay → done: the back office\'s rules, each in Form 05 with "<system> / <user>", live to the back office', async () => {
    const counter = (await f.open('counter-3')).socket;
    const backoffice = (await f.open('backoffice-tckh')).socket;
    const events: DossierEvent[] = [];
    backoffice.on('dossier:event', (e) => events.push(e));
    const dossier = await receive(counter, 'KD-TL');
    const { key, record } = await createKey(f.hub.url, SYSTEM, 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);

    const steps: [Record<string, unknown>, string, string | null][] = [
      [{ action: 'accept' }, 'processing', null],
      [{ action: 'supplement', reason: 'Thiếu bản sao hợp đồng thuê nhà', missing: ['Hợp đồng thuê địa điểm kinh doanh'] }, 'supplement-requested', 'Thiếu bản sao hợp đồng thuê nhà'],
      [{ action: 'processing', reason: 'Công dân đã bổ sung' }, 'processing', 'Công dân đã bổ sung'],
      [{ action: 'delay', reason: 'Cần xác minh thực địa', newDueDate: '2026-12-02T17:00' }, 'processing', 'Cần xác minh thực địa'],
      [{ action: 'done' }, 'done', null],
    ];
    for (const [body, status, note] of steps) {
      now = new Date(now.getTime() + 600_000);
      const r = await act(key, dossier.code, { ...body, actor: ACTOR });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.value.dossier.status).toBe(status);
      // What the applicant must bring is set by the supplement request and cleared when processing resumes (the hub's rule).
      if (body.action === 'supplement') expect(r.body.value.dossier.missing).toEqual(['Hợp đồng thuê địa điểm kinh doanh']);
      expect(r.body.value.history.at(-1)).toEqual({
        at: now.toISOString(),
        action: body.action,
        fromStatus: expect.any(String),
        toStatus: status,
        deviceId: `apikey:${record.id}@tai-chinh-ke-hoach`,
        role: 'backoffice',
        actorName: `${SYSTEM} / Nguyễn Văn Bình (nvb)`,
        note,
        newDueAt: body.action === 'delay' ? vn('2026-12-02T17:00').toISOString() : null,
        // The agency the key acts for names the line (issue 13).
        unit: { kind: 'agency', id: 'tai-chinh-ke-hoach', name: 'Phòng Tài chính – Kế hoạch' },
      });
    }
    const detail = await get(`/api/v1/dossiers/${dossier.code}`, key);
    expect(detail.body.value.dossier).toMatchObject({ code: dossier.code, status: 'done', dueLocal: '2026-12-02T17:00', missing: [] });
    expect(detail.body.value.history.map((h: { action: string }) => h.action)).toEqual(['receive', 'accept', 'supplement', 'processing', 'delay', 'done']);
    // The back office saw every move live, as if its own officer had made it.
    await expect.poll(() => events.filter((e) => e.dossier.code === dossier.code && e.kind === 'changed').map((e) => e.action)).toEqual(['accept', 'supplement', 'processing', 'delay', 'done']);
    // Returning the result stays at the counter: not an action of this API.
    const ret = await act(key, dossier.code, { action: 'return', actor: ACTOR });
    expect(ret.status).toBe(422);
  });

  it('refuse from received; 409 for a move the life cycle does not allow; 404 unknown code; 422 bad bodies — nothing changes', async () => {
    const counter = (await f.open('counter-3')).socket;
    const a = await receive(counter, 'KD-TL');
    const b = await receive(counter, 'KD-TL');
    const { key } = await createKey(f.hub.url, SYSTEM, 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    const refused = await act(key, b.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền', actor: ACTOR });
    expect(refused.body.value.dossier.status).toBe('refused');
    expect(refused.body.value.history.at(-1)).toMatchObject({ action: 'refuse', note: 'Không thuộc thẩm quyền', actorName: `${SYSTEM} / Nguyễn Văn Bình (nvb)` });

    const history = async () => (await get(`/api/v1/dossiers/${a.code}`, key)).body.value.history.length;
    const before = await history();
    const done = await act(key, a.code, { action: 'done', actor: ACTOR });
    expect(done.status).toBe(409);
    expect(done.body.error).toMatchObject({ kind: 'conflict', message: expect.stringContaining('Đã tiếp nhận') });
    expect((await act(key, 'HK-261120-9999', { action: 'accept', actor: ACTOR })).status).toBe(404);
    const bodies: unknown[] = [
      { action: 'accept' }, // no actor
      { action: 'supplement', actor: ACTOR }, // no reason
      { action: 'delay', reason: 'x', actor: ACTOR }, // no new date
      { action: 'accept', newDueDate: '2026-12-01T17:00', actor: ACTOR },
      { action: 'accept', actor: ACTOR, note: 'unknown field' },
      { action: 'accept', actor: { id: 'x', name: 'Y' } },
      { action: 'delay', reason: 'x', newDueDate: '2026-11-19T17:00', actor: ACTOR }, // before the due date: the hub's own rule
      { action: 'delay', reason: 'x', newDueDate: '02/12/2026', actor: ACTOR },
    ];
    for (const body of bodies) {
      const r = await act(key, a.code, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error?.kind).toBe('invalid-input');
    }
    const notJson = await fetch(`${f.hub.url}/api/v1/dossiers/${a.code}/actions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"action":' });
    expect(notJson.status).toBe(400);
    const notJsonType = await fetch(`${f.hub.url}/api/v1/dossiers/${a.code}/actions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' }, body: 'accept' });
    expect(notJsonType.status).toBe(415);
    expect(await history()).toBe(before);
  });

  it("a key of agency A on agency B's dossier: 403 and nothing changed; a key without a permission: 403", async () => {
    const counter = (await f.open('counter-3')).socket;
    const theirs = await receive(counter, 'KD-TL'); // Tài chính – Kế hoạch
    const ours = await receive(counter, 'HT-KS'); // Tư pháp
    const tuPhap = await createKey(f.hub.url, 'Phần mềm Phòng Tư pháp', 'tu-phap', ['dossiers:read', 'dossiers:act']);
    const readOnly = await createKey(f.hub.url, 'Cổng thông tin', 'tai-chinh-ke-hoach', ['dossiers:read']);
    const admin = await createKey(f.hub.url, 'Sở KH&ĐT', 'tai-chinh-ke-hoach', ['dossiers:read']);

    for (const r of [
      await act(tuPhap.key, theirs.code, { action: 'accept', actor: ACTOR }),
      await act(tuPhap.key, theirs.code, { action: 'refuse', reason: 'x', actor: ACTOR }),
      await get(`/api/v1/dossiers/${theirs.code}`, tuPhap.key),
      await get(`/api/v1/dossiers/${theirs.code}/pdf`, tuPhap.key),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({ kind: 'forbidden', message: expect.stringContaining('Phòng Tài chính') });
    }
    const list = await get('/api/v1/dossiers', tuPhap.key);
    expect(list.body.value.dossiers.map((d: { code: string }) => d.code)).toEqual([ours.code]);
    const denied = await act(readOnly.key, theirs.code, { action: 'accept', actor: ACTOR });
    expect(denied.status).toBe(403);
    expect(denied.body.error?.message).toContain('dossiers:act');
    expect((await get('/api/v1/stats?from=2026-11-20&to=2026-11-20', admin.key)).status).toBe(403);
    // Nothing changed: the dossier still only has its receipt row.
    const detail = await get(`/api/v1/dossiers/${theirs.code}`, admin.key);
    expect(detail.body.value.dossier.status).toBe('received');
    expect(detail.body.value.history).toHaveLength(1);
  });

  it('Idempotency-Key: a replay answers the same and changes nothing; a new key for the same move is a conflict', async () => {
    const counter = (await f.open('counter-3')).socket;
    const dossier = await receive(counter, 'KD-TL');
    const { key } = await createKey(f.hub.url, SYSTEM, 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    const first = await act(key, dossier.code, { action: 'accept', actor: ACTOR }, 'don-7731-accept');
    expect(first.status).toBe(200);
    now = new Date(now.getTime() + 60_000);
    const replay = await act(key, dossier.code, { action: 'accept', actor: ACTOR }, 'don-7731-accept');
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const again = await act(key, dossier.code, { action: 'accept', actor: ACTOR }, 'don-7731-accept-2');
    expect(again.status).toBe(409);
    // A refusal is kept too: its replay answers the same refusal.
    expect((await act(key, dossier.code, { action: 'accept', actor: ACTOR }, 'don-7731-accept-2')).status).toBe(409);
    const detail = await get(`/api/v1/dossiers/${dossier.code}`, key);
    expect(detail.body.value.history.map((h: { action: string }) => h.action)).toEqual(['receive', 'accept']);
    // The same Idempotency-Key from another key is another command.
    const other = await createKey(f.hub.url, 'Phần mềm khác', 'tai-chinh-ke-hoach', ['dossiers:act']);
    const second = await receive(counter, 'KD-TL');
    expect((await act(other.key, second.code, { action: 'accept', actor: ACTOR }, 'don-7731-accept')).status).toBe(200);
    const bad = await act(key, dossier.code, { action: 'done', actor: ACTOR }, 'has space');
    expect(bad.status).toBe(422);
  });

  it('lists without CCCD numbers (initials, masked), filters by status and since, pages by limit; a centre key sees every agency; the PDF is served', async () => {
    const counter = (await f.open('counter-3')).socket;
    const first = await receive(counter, 'KD-TL');
    now = new Date(now.getTime() + 60_000);
    const second = await receive(counter, 'KD-TL');
    now = new Date(now.getTime() + 60_000);
    const civil = await receive(counter, 'HT-KS');
    const { key } = await createKey(f.hub.url, SYSTEM, 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    const centre = await createKey(f.hub.url, 'Hệ thống thông tin giải quyết TTHC tỉnh', null, ['dossiers:read', 'dossiers:act', 'stats:read']);

    const list = await get('/api/v1/dossiers', key);
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(APPLICANT.idNumber);
    expect(text).not.toContain(APPLICANT.fullName);
    expect(list.body.value).toEqual({ dossiers: [expect.objectContaining({ code: first.code, applicantInitials: 'P.V.A.', applicantIdMasked: '0010******45', status: 'received', statusName: 'Đã tiếp nhận' }), expect.objectContaining({ code: second.code })], more: false });
    // The detail is the back office's view: the full applicant, as its screen shows it.
    expect((await get(`/api/v1/dossiers/${first.code}`, key)).body.value.dossier.applicant.idNumber).toBe(APPLICANT.idNumber);

    await act(key, second.code, { action: 'accept', actor: ACTOR });
    expect((await get('/api/v1/dossiers?status=processing', key)).body.value.dossiers.map((d: { code: string }) => d.code)).toEqual([second.code]);
    expect((await get(`/api/v1/dossiers?since=${encodeURIComponent(now.toISOString())}`, key)).body.value.dossiers.map((d: { code: string }) => d.code)).toEqual([second.code]);
    expect((await get('/api/v1/dossiers?limit=1', key)).body.value).toMatchObject({ dossiers: [expect.objectContaining({ code: first.code })], more: true });
    for (const q of ['status=lost', 'limit=0', 'limit=501', 'since=yesterday', 'page=2']) expect((await get(`/api/v1/dossiers?${q}`, key)).status, q).toBe(422);

    const all = await get('/api/v1/dossiers', centre.key);
    expect(all.body.value.dossiers.map((d: { code: string }) => d.code).sort()).toEqual([first.code, second.code, civil.code].sort());
    const onCivil = await act(centre.key, civil.code, { action: 'accept', actor: { id: 'tinh-01', name: 'Trần Thị Tỉnh' } });
    expect(onCivil.body.value.history.at(-1)).toMatchObject({ deviceId: `apikey:${centre.record.id}@tu-phap`, actorName: 'Hệ thống thông tin giải quyết TTHC tỉnh / Trần Thị Tỉnh (tinh-01)' });
    const stats = await get('/api/v1/stats?from=2026-11-20&to=2026-11-20', centre.key);
    expect(stats.status).toBe(200);
    expect((await get('/api/v1/stats?from=2026-11-21&to=2026-11-20', centre.key)).status).toBe(422);

    expect((await get(`/api/v1/dossiers/${first.code}/pdf`, key)).status).toBe(404);
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    const bytes = await pdf.save();
    const up = await fetch(`${f.hub.url}/api/dossiers/${first.code}/pdf`, { method: 'PUT', headers: { authorization: `Bearer ${tokenOf(demoConfig(), 'counter-3')}`, 'content-type': 'application/pdf' }, body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
    expect(up.status).toBe(200);
    const res = await fetch(`${f.hub.url}/api/v1/dossiers/${first.code}/pdf`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rate limit per key: past the burst, 429 with Retry-After; another key is unaffected', async () => {
    const a = await createKey(f.hub.url, 'Vòng lặp lỗi', 'tu-phap', ['dossiers:read']);
    const b = await createKey(f.hub.url, 'Phần mềm tốt', 'tu-phap', ['dossiers:read']);
    // The clock is frozen: nothing refills during the test.
    for (let i = 0; i < 120; i += 1) expect((await get('/api/v1/dossiers', a.key)).status).toBe(200);
    const limited = await get('/api/v1/dossiers', a.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.error?.kind).toBe('exhausted');
    expect((await get('/api/v1/dossiers', b.key)).status).toBe(200);
    now = new Date(now.getTime() + 1000);
    expect((await get('/api/v1/dossiers', a.key)).status).toBe(200);
  });
});
