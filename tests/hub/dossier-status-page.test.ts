import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_TOKEN_BYTES, publicTokenFromBytes } from '../../core/public/public-token';
import type { Dossier } from '../../core/dossiers/dossier';
import { PhonePages } from '../../hub/public/phone-pages';
import { hashPublicToken } from '../../hub/public/public-token-hash';
import { commandId, demoConfig, tempDir, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { buildPhonePages } from '../support/phone-pages';
import { httpGet, SseClient } from '../support/sse-client';

/**
 * The Form 01 receipt's status page at the hub (GET /hs/:token): the counter's token registered
 * with dossier:receive (hash only), the page showing what the kiosk lookup shows and nothing more
 * of the applicant, the new status after the back office moves the dossier, and the defences it
 * shares with the ticket page (/t/): CSP, per-address, per-token and enumeration budgets.
 */
const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T10:00');
const config = demoConfig();
const built = tempDir('motcua-hs-pages-');
const APPLICANT = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' };
const token = () => publicTokenFromBytes(randomBytes(PUBLIC_TOKEN_BYTES));

const receive = async (counter: DeviceSocket, extra: Record<string, unknown> = {}): Promise<Dossier> => {
  const r = await counter.emitWithAck('dossier:receive', {
    commandId: commandId(),
    procedureCode: 'KD-TL',
    applicant: APPLICANT,
    documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
    feePaid: 100000,
    ...extra,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.dossier;
};

describe('dossier status page (/hs/:token) behind the receipt QR', () => {
  beforeAll(async () => {
    await buildPhonePages(built.dir);
  }, 60_000);
  afterAll(() => built.remove());
  beforeEach(() => {
    now = vn('2026-11-20T10:00');
  });
  const f = useHubFixture({
    clock: () => now,
    config: { ...config, hub: { ...config.hub, publicBaseUrl: 'https://motcua.example.gov.vn' } },
    phonePagesDir: built.dir,
    phoneLimits: { unknownPerAddress: { limit: 5, windowMs: 60_000 }, perToken: { limit: 6, windowMs: 60_000 } },
  });
  const page = (t: string, from?: string) => httpGet(`${f.hub.url}/hs/${t}`, from);

  it('shows status, due date and initials (no name, CCCD or phone), stores only the hash, and follows the back office', async () => {
    const counter = (await f.open('counter-3')).socket;
    const t = token();
    const dossier = await receive(counter, { publicToken: t });

    expect(await f.rows('SELECT token_hash, dossier_code FROM dossier_public_tokens')).toEqual([{ token_hash: hashPublicToken(t), dossier_code: dossier.code }]);

    const first = await page(t);
    expect(first.status).toBe(200);
    expect(first.headers['content-security-policy']).toBe(new PhonePages(built.dir).csp());
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    expect(first.headers['cache-control']).toBe('no-store');
    // One same-origin script (the live stream), never inline script; named relatively (a front's path prefix stays).
    expect(first.body.match(/<script[^>]*>[^<]*<\/script>/g)).toEqual(['<script src="assets/live.js" defer></script>']);
    expect(first.body).toContain(dossier.code);
    expect(first.body).toContain('Đã tiếp nhận');
    expect(first.body).toContain('Đăng ký thành lập hộ kinh doanh');
    expect(first.body).toContain('P.V.A.');
    // 3 working days from Friday 20/11 (not counted): Mon 23, Tue 24, Wed 25 — to its closing hour.
    expect(first.body).toContain('17:00, thứ Tư 25/11/2026');
    for (const personal of ['Phạm Văn An', 'Văn An', '001090012345', '0912', 'Hàng Bạc', '1990']) expect(first.body).not.toContain(personal);

    // The kiosk's scanner reads the same QR: its lookup finds the dossier by the token; a made-up one is not found.
    const kiosk = (await f.open('kiosk-1')).socket;
    expect(await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), token: t })).toMatchObject({ ok: true, value: { dossier: { code: dossier.code, applicantInitials: 'P.V.A.' } } });
    expect(await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), token: 'A'.repeat(24) })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await kiosk.emitWithAck('dossier:lookup', { commandId: commandId() })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });

    // The back office asks for a supplement: a reload shows it and what to bring.
    const tckh = (await f.open('backoffice-tckh')).socket;
    const signedIn = await tckh.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: '5555' });
    expect(signedIn.ok).toBe(true);
    now = vn('2026-11-23T08:00');
    expect((await tckh.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'accept' })).ok).toBe(true);
    expect((await page(t)).body).toContain('Đang giải quyết');
    const missing = 'Bản sao biên bản họp thành viên hộ gia đình';
    expect((await tckh.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'supplement', missing: [missing], note: 'Thiếu biên bản' } as never)).ok).toBe(true);
    const later = await page(t);
    expect(later.body).toContain('Cần bổ sung');
    expect(later.body).toContain(missing);
  });

  it('follows the dossier live: the stream sends the page body again when the back office moves it, within the ticket page’s stream limits', async () => {
    const counter = (await f.open('counter-3')).socket;
    const t = token();
    const dossier = await receive(counter, { publicToken: t });
    const streams: SseClient[] = [];
    try {
      const live = await SseClient.open(`${f.hub.url}/hs/${t}/events`);
      streams.push(live);
      expect(live.status).toBe(200);
      expect(live.headers['content-security-policy']).toBe(new PhonePages(built.dir).csp());
      const body = (e: { data: string }) => JSON.parse(e.data) as { status: string; body: string };
      const opened = body(await live.next((e) => e.event === 'dossier'));
      expect(opened.status).toBe('received');
      expect(opened.body).toContain('Đã tiếp nhận');

      const tckh = (await f.open('backoffice-tckh')).socket;
      expect((await tckh.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: '5555' })).ok).toBe(true);
      now = vn('2026-11-23T08:00');
      expect((await tckh.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'accept' })).ok).toBe(true);
      const moved = body(await live.next((e) => e.event === 'dossier' && body(e).status === 'processing'));
      expect(moved.body).toContain('Đang giải quyết');
      expect(moved.body).toContain(dossier.code);
      expect(moved.body).toContain('P.V.A.');
      for (const personal of ['Phạm Văn An', 'Văn An', '001090012345', '0912', 'Hàng Bạc', '1990']) expect(moved.body).not.toContain(personal);
      // Another dossier's move sends nothing on this stream.
      const other = await receive(counter, { publicToken: token() });
      expect((await tckh.emitWithAck('dossier:act', { commandId: commandId(), code: other.code, action: 'accept' })).ok).toBe(true);
      expect(live.events.filter((e) => e.event === 'dossier').map((e) => body(e).status)).toEqual(['received', 'processing']);

      // The ticket page's limit of streams per token holds here too (3): the fourth is refused.
      for (let i = 0; i < 2; i++) streams.push(await SseClient.open(`${f.hub.url}/hs/${t}/events`));
      const fourth = await SseClient.open(`${f.hub.url}/hs/${t}/events`);
      streams.push(fourth);
      expect(fourth.status).toBe(429);
      // A made-up token opens no stream.
      const stray = await SseClient.open(`${f.hub.url}/hs/${'B'.repeat(24)}/events`);
      streams.push(stray);
      expect(stray.status).toBe(404);
      // The page's script is served from the same origin, under the same headers.
      const script = await httpGet(`${f.hub.url}/hs/assets/live.js`);
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toContain('text/javascript');
      // The stream off the page's own path: under a front's path prefix, the prefixed one.
      expect(script.body).toContain("new EventSource(m[1] + '/events')");
    } finally {
      streams.forEach((s) => s.close());
    }
  });

  it('never hands one dossier another dossier’s token, and a dossier without a token has no page', async () => {
    const counter = (await f.open('counter-3')).socket;
    const t = token();
    const first = await receive(counter, { publicToken: t });
    // A second dossier naming the same token (a bug or a forger): received, but the link stays the first's.
    const second = await receive(counter, { publicToken: t });
    expect(second.code).not.toBe(first.code);
    const shown = await page(t);
    expect(shown.body).toContain(first.code);
    expect(shown.body).not.toContain(second.code);
    // Without a token nothing is registered.
    await receive(counter);
    expect(await f.rows('SELECT count(*) AS n FROM dossier_public_tokens')).toEqual([{ n: 1 }]);
    // A malformed token is refused at the boundary, nothing received.
    const bad = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 0, publicToken: 'short' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('answers unknown tokens with a Vietnamese 404 and stops an address that keeps guessing, on the budget it shares with /t/', async () => {
    const counter = (await f.open('counter-3')).socket;
    const t = token();
    await receive(counter, { publicToken: t });
    const unknown = await page('AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy hồ sơ');
    expect(unknown.body).not.toMatch(/<script/);
    const near = t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A');
    expect((await page(near)).status).toBe(404);
    expect((await page('not-even-a-token')).status).toBe(404);
    // Two guesses at ticket pages spend the same budget: the fifth miss.
    expect((await httpGet(`${f.hub.url}/t/BBBBBBBBBBBBBBBBBBBBBBBB`)).status).toBe(404);
    expect((await httpGet(`${f.hub.url}/t/CCCCCCCCCCCCCCCCCCCCCCCC`)).status).toBe(404);
    const refused = await page(t);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is served; the guessing one again after the window.
    expect((await page(t, '127.0.0.2')).status).toBe(200);
    now = new Date(now.getTime() + 61_000);
    expect((await page(t)).status).toBe(200);
  });

  it('limits the requests for one token, from any address', async () => {
    const counter = (await f.open('counter-3')).socket;
    const t = token();
    await receive(counter, { publicToken: t });
    const statuses: number[] = [];
    for (let i = 2; i <= 8; i++) statuses.push((await page(t, `127.0.0.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
