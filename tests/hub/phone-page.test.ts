import { createHash } from 'node:crypto';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PhoneLimits } from '../../hub/public/phone-limits';
import { DEFAULT_PHONE_LIMITS } from '../../hub/public/phone-limits';
import { PhonePages } from '../../hub/public/phone-pages';
import { hashTicketToken } from '../../hub/public/ticket-tokens';
import type { PublicTicketView } from '../../core/public/ticket-view';
import { commandId, demoConfig, tempDir, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { buildPhonePages } from '../support/phone-pages';
import { httpGet, SseClient } from '../support/sse-client';

/**
 * The citizen's ticket page at the hub: the link in the issue answer, the page and its headers,
 * the live stream following the queue to the call, and the public surface's defences (tokens
 * that find only their own ticket, budgets per address and per token, expiry with the day).
 */
const BASE = 'https://motcua.example.gov.vn';
const TOKEN_URL = /^https:\/\/motcua\.example\.gov\.vn\/t\/([A-Za-z0-9_-]{24})$/;

describe('public ticket page (/t/:token)', () => {
  const built = tempDir('motcua-phone-pages-');
  let now: Date;
  // Each test starts its hub with its own limits and address (start below).
  const f = useHubFixture({ autoStart: false });
  const sockets: DeviceSocket[] = [];
  const streams: SseClient[] = [];

  /** The policy the built pages get: strict, with the inlined stylesheet's hash. */
  let PHONE_CSP = '';
  beforeAll(async () => {
    await buildPhonePages(built.dir);
    PHONE_CSP = new PhonePages(built.dir).csp();
  }, 60_000);
  afterAll(() => built.remove());

  async function start(limits: Partial<PhoneLimits> = {}, publicBaseUrl: string | null = BASE, trustedProxies?: string[]): Promise<void> {
    const config = demoConfig();
    await f.start({
      config: { ...config, hub: { ...config.hub, ...(publicBaseUrl ? { publicBaseUrl } : {}), ...(trustedProxies ? { trustedProxies } : {}) } },
      clock: () => now,
      phonePagesDir: built.dir,
      phoneLimits: { ...limits },
    });
  }
  beforeEach(() => {
    now = new Date('2026-12-03T02:00:00Z'); // 09:00 in Hà Nội
  });
  afterEach(async () => {
    streams.splice(0).forEach((s) => s.close());
    sockets.splice(0).forEach((s) => s.close());
  });

  async function kiosk(): Promise<DeviceSocket> {
    const s = (await f.open('kiosk-1')).socket;
    sockets.push(s);
    return s;
  }
  async function issue(k: DeviceSocket, serviceId = 'ho-tich') {
    const r = await k.emitWithAck('ticket:issue', { commandId: commandId(), serviceId });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }
  const tokenOfUrl = (url: string | undefined) => {
    const m = TOKEN_URL.exec(url ?? '');
    if (!m?.[1]) throw new Error(`not a ticket link: ${url}`);
    return m[1];
  };
  async function stream(token: string, localAddress?: string): Promise<SseClient> {
    const s = await SseClient.open(`${f.hub.url}/t/${token}/events`, localAddress);
    streams.push(s);
    return s;
  }

  it('gives each ticket an unguessable link, stores only its hash, and serves the page with a strict CSP', async () => {
    await start();
    const k = await kiosk();
    const a = await issue(k);
    const b = await issue(k);
    const ta = tokenOfUrl(a.trackingUrl);
    const tb = tokenOfUrl(b.trackingUrl);
    expect(ta).not.toBe(tb);
    // Nothing of the ticket in the token: not its number, id or day.
    for (const part of [String(a.ticket.number), `-${a.ticket.id}-`, a.ticket.day]) expect(ta).not.toContain(part);

    const rows = (await f.rows('SELECT token_hash, ticket_id FROM ticket_public_tokens ORDER BY ticket_id')) as { token_hash: string; ticket_id: number }[];
    expect(rows).toEqual([
      { token_hash: hashTicketToken(ta), ticket_id: a.ticket.id },
      { token_hash: hashTicketToken(tb), ticket_id: b.ticket.id },
    ]);

    const page = await httpGet(`${f.hub.url}/t/${ta}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(PHONE_CSP);
    expect(PHONE_CSP).toContain("default-src 'self'; script-src 'self';");
    expect(PHONE_CSP).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]{43}='/);
    expect(PHONE_CSP).not.toContain('unsafe-inline');
    expect(PHONE_CSP).not.toContain('unsafe-eval');
    // The one inline style is the build's stylesheet, and the hash in the policy is its hash.
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.body)?.[1] ?? '';
    expect(style).toContain('.number');
    expect(PHONE_CSP).toContain(`'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    expect(page.body).not.toMatch(/ style=/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="vi">');
    // Every script is a file of the hub's own: none inline.
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(1);
    for (const [, attrs, body] of scripts) {
      // Relative to "/t/<token>": "/t/assets/…" at the root, "/c/<centre>/t/assets/…" behind a front's path.
      expect(attrs).toMatch(/src="\.\/assets\/[\w.-]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    // The page is the same for every ticket: no ticket data in it.
    expect(page.body).not.toContain(String(a.ticket.number));
    const script = /src="\.\/assets\/([\w.-]+\.js)"/.exec(page.body)![1]!;
    const js = await httpGet(`${f.hub.url}/t/assets/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('keeps the phone bundle small: its JS under 50 kB gzip', () => {
    const assets = path.join(built.dir, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const gzip = js.reduce((n, f) => n + gzipSync(readFileSync(path.join(assets, f))).length, 0);
    console.info(`phone page JS: ${js.length} file(s), ${gzip} bytes gzip`);
    expect(js.length).toBeGreaterThan(0);
    expect(gzip).toBeLessThan(50 * 1024);
  });

  it('follows the queue live and shows the call, with only this ticket in the stream', async () => {
    await start();
    const k = await kiosk();
    const first = await issue(k);
    const mine = await issue(k);
    const s = await stream(tokenOfUrl(mine.trackingUrl));
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    const waiting = await s.ticket<PublicTicketView>((v) => v.phase === 'waiting');
    expect(waiting).toEqual({ number: 1002, serviceName: 'Hộ tịch', phase: 'waiting', ahead: 1, estimatedWaitMinutes: null, counterLabel: null, calledAt: null, day: '2026-12-03', reminder: null, canRemind: false, canRate: false, rated: false });

    const q1 = (await f.open('counter-1')).socket;
    sockets.push(q1);
    const called = await q1.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
    expect(called.ok && called.value.ticket.number).toBe(first.ticket.number);
    expect(await s.ticket<PublicTicketView>((v) => v.ahead === 0)).toMatchObject({ phase: 'waiting', number: 1002 });
    await q1.emitWithAck('ticket:start', { commandId: commandId(), ticketId: first.ticket.id });
    await q1.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: first.ticket.id });
    const second = await q1.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
    expect(second.ok && second.value.ticket.number).toBe(1002);
    const call = await s.ticket<PublicTicketView>((v) => v.phase === 'called');
    expect(call).toMatchObject({ number: 1002, counterLabel: '1', ahead: null });
    expect(call.calledAt).toBe(now.toISOString());

    // Nothing of any other ticket went down this stream: every view is ticket 1002's, with the public fields only.
    for (const e of s.events) {
      expect(e.event).toBe('ticket');
      const v = JSON.parse(e.data) as Record<string, unknown>;
      expect(Object.keys(v).sort()).toEqual(['ahead', 'calledAt', 'canRate', 'canRemind', 'counterLabel', 'day', 'estimatedWaitMinutes', 'number', 'phase', 'rated', 'reminder', 'serviceName']);
      expect(v['number']).toBe(1002);
      expect(e.data).not.toContain('1001');
      expect(e.data).not.toContain('Nguyễn'); // the clerk's name stays off the public page
    }
  });

  it('answers an unknown token with a Vietnamese 404 page, and stops an address that keeps guessing', async () => {
    await start({ unknownPerAddress: { limit: 5, windowMs: 60_000 } });
    const k = await kiosk();
    const mine = tokenOfUrl((await issue(k)).trackingUrl);
    const unknown = await httpGet(`${f.hub.url}/t/AAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy vé');
    expect(unknown.headers['content-security-policy']).toBe(PHONE_CSP);
    expect(unknown.body).not.toMatch(/<script/);
    // A token one character off its neighbour finds nothing either.
    const near = mine.slice(0, -1) + (mine.endsWith('A') ? 'B' : 'A');
    expect((await httpGet(`${f.hub.url}/t/${near}`)).status).toBe(404);
    expect((await (await stream(near)).status)).toBe(404);
    for (let i = 0; i < 2; i++) expect((await httpGet(`${f.hub.url}/t/guess${i}`)).status).toBe(404);
    // The fifth miss spent the budget: now even a real token is refused from this address…
    const refused = await httpGet(`${f.hub.url}/t/${mine}`);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Quá nhiều yêu cầu');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // …while another citizen's address is served.
    expect((await httpGet(`${f.hub.url}/t/${mine}`, '127.0.0.2')).status).toBe(200);
    // After the window, the guessing address is served again.
    now = new Date(now.getTime() + 61_000);
    expect((await httpGet(`${f.hub.url}/t/${mine}`)).status).toBe(200);
  });

  it('limits requests per address and per token, and streams per token', async () => {
    await start({ perToken: { limit: 4, windowMs: 60_000 }, perAddress: { limit: 8, windowMs: 60_000 }, streamsPerToken: 2 });
    const k = await kiosk();
    const t = tokenOfUrl((await issue(k)).trackingUrl);
    const other = tokenOfUrl((await issue(k)).trackingUrl);
    // Per token: four requests, from any addresses; the fifth is refused.
    const statuses = [];
    for (const addr of ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']) statuses.push((await httpGet(`${f.hub.url}/t/${t}`, addr)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    // Two streams for one ticket, not three.
    const s1 = await stream(other, '127.0.0.6');
    const s2 = await stream(other, '127.0.0.7');
    const s3 = await stream(other, '127.0.0.8');
    expect([s1.status, s2.status, s3.status]).toEqual([200, 200, 429]);
    // Per address: eight requests of any kind, then refused.
    const fromOne: number[] = [];
    for (let i = 0; i < 9; i++) fromOne.push((await httpGet(`${f.hub.url}/t/assets/none-${i}.js`, '127.0.0.9')).status);
    expect(fromOne.slice(0, 8).every((s) => s === 404)).toBe(true);
    expect(fromOne[8]).toBe(429);
  });

  it('caps the live streams in all, at 503, whatever the addresses', async () => {
    await start({ streamsTotal: 2 });
    const k = await kiosk();
    const tokens = [];
    for (let i = 0; i < 3; i++) tokens.push(tokenOfUrl((await issue(k)).trackingUrl));
    const opened = [];
    for (const [i, t] of tokens.entries()) opened.push((await stream(t, `127.0.0.${i + 2}`)).status);
    expect(opened).toEqual([200, 200, 503]);
    expect(streams[2]!.body).toContain('quá nhiều người theo dõi');
  });

  it('caps the live streams one address holds', async () => {
    await start({ streamsPerAddress: 2 });
    const k = await kiosk();
    const tokens = [];
    for (let i = 0; i < 3; i++) tokens.push(tokenOfUrl((await issue(k)).trackingUrl));
    const opened = [];
    for (const t of tokens) opened.push((await stream(t, '127.0.0.3')).status);
    expect(opened).toEqual([200, 200, 429]);
    streams[0]!.close();
    await new Promise((r) => setTimeout(r, 100));
    expect((await stream(tokens[2]!, '127.0.0.3')).status).toBe(200);
  });

  it('expires with the service day: the stream is told and closed, the page says "Vé đã hết hạn" the next day', async () => {
    await start({ sweepMs: 50, heartbeatMs: 50 });
    const k = await kiosk();
    const t = tokenOfUrl((await issue(k)).trackingUrl);
    const s = await stream(t);
    await s.ticket(() => true);
    await expect.poll(() => s.comments.includes('hb'), { timeout: 5_000 }).toBe(true);
    now = new Date('2026-12-03T16:59:00Z'); // 23:59 in Hà Nội: still its day
    await new Promise((r) => setTimeout(r, 200));
    expect(s.ended).toBe(false);
    now = new Date('2026-12-03T17:00:01Z'); // 00:00:01 on 4 December in Hà Nội
    await s.next((e) => e.event === 'expired');
    await s.untilEnded();
    const page = await httpGet(`${f.hub.url}/t/${t}`);
    expect(page.status).toBe(410);
    expect(page.body).toContain('Vé đã hết hạn');
    expect(page.headers['content-security-policy']).toBe(PHONE_CSP);
    expect((await stream(t)).status).toBe(410);
  });

  it('counts citizens behind the configured reverse proxy by their forwarded address, and believes no one else', async () => {
    await start({ unknownPerAddress: { limit: 2, windowMs: 60_000 } }, BASE, ['127.0.0.1']);
    const k = await kiosk();
    const mine = tokenOfUrl((await issue(k)).trackingUrl);
    const via = (client: string) => ({ 'x-forwarded-for': client });
    // Through the proxy (127.0.0.1): a guessing citizen is stopped, the next citizen is not.
    for (let i = 0; i < 2; i++) expect((await httpGet(`${f.hub.url}/t/guess${i}`, '127.0.0.1', via('203.0.113.7'))).status).toBe(404);
    expect((await httpGet(`${f.hub.url}/t/${mine}`, '127.0.0.1', via('203.0.113.7'))).status).toBe(429);
    expect((await httpGet(`${f.hub.url}/t/${mine}`, '127.0.0.1', via('198.51.100.20'))).status).toBe(200);
    // From an address that is not a proxy, the header is ignored: the guesses count against 127.0.0.2 itself.
    for (let i = 0; i < 2; i++) expect((await httpGet(`${f.hub.url}/t/guess${i}`, '127.0.0.2', via(`192.0.2.${i}`))).status).toBe(404);
    expect((await httpGet(`${f.hub.url}/t/${mine}`, '127.0.0.2', via('192.0.2.99'))).status).toBe(429);
  });

  it("registers the token a kiosk drew for an offline ticket, but never over another ticket's token", async () => {
    await start();
    const k = await kiosk();
    const online = tokenOfUrl((await issue(k)).trackingUrl);
    const leased = await k.emitWithAck('ticket:lease-numbers', { commandId: commandId(), serviceId: 'ho-tich', count: 3 });
    if (!leased.ok) throw new Error(leased.error.message);
    const { day, from } = leased.value.lease;
    const deliver = (number: number, trackingToken: string) =>
      k.emitWithAck('ticket:deliver-offline', { commandId: commandId(), serviceId: 'ho-tich', day, number, issuedAt: now.toISOString(), trackingToken });
    const drawn = 'kioskDrawnToken_0123456A';
    const delivered = await deliver(from, drawn);
    expect(delivered).toMatchObject({ ok: true, value: { trackingUrl: `${BASE}/t/${drawn}` } });
    const s = await stream(drawn);
    expect(await s.ticket<PublicTicketView>(() => true)).toMatchObject({ number: from, phase: 'waiting' });
    // A kiosk sending the token of a ticket it did not draw: the ticket is taken, the token is not moved.
    const hijack = await deliver(from + 1, online);
    expect(hijack.ok).toBe(true);
    expect(hijack.ok && hijack.value.trackingUrl).toBeUndefined();
    const s2 = await stream(online);
    expect((await s2.ticket<PublicTicketView>(() => true)).number).toBe(1001);
    // Not a token's shape: refused with its reason, nothing delivered.
    const bad = await deliver(from + 2, 'short');
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('makes no token and no link when the centre has no public address', async () => {
    await start({}, null);
    const k = await kiosk();
    const issued = await issue(k);
    expect(issued.trackingUrl).toBeUndefined();
    expect((await f.rows('SELECT count(*) AS n FROM ticket_public_tokens'))[0]).toEqual({ n: 0 });
  });

  it('has default limits that leave room for a hall of phones behind one carrier address', () => {
    expect(DEFAULT_PHONE_LIMITS.streamsPerAddress).toBeGreaterThanOrEqual(20);
    expect(DEFAULT_PHONE_LIMITS.streamsPerToken).toBeLessThanOrEqual(5);
  });
});
