import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrationsOf } from '../../bin/cli/centre-runtime';
import type { PublicTicketView } from '../../core/public/ticket-view';
import type { Hub } from '../../hub/hub';
import { ERASED_PHONE } from '../../hub/privacy/retention-purge';
import { IntegrationsConfigSchema, type IntegrationsConfigInput } from '../../kiosk-config/integrations-schema';
import { HELD_TIMERS } from '../integrations/outbox-support';
import { commandId, demoConfig, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';
import { startFakeZns, type FakeZns } from '../support/fake-zns';
import { SseClient } from '../support/sse-client';

/**
 * The ticket page's two follow-ups at a real hub (SQLite file, Socket.IO counters, SSE read off the
 * wire, injected clock): "nhắc tôi khi còn N người" through the durable outbox to the fake Zalo
 * (then the fake eSMS), and the rating of the served ticket with the rating command's rules.
 */
const BASE = 'https://motcua.example.gov.vn';
const APP_ID = '4318842101';
const ZALO_SECRET = 'zalo-secret-key';
const NEAR_TEMPLATE = '301130';
const ENV = { MOTCUA_ZALO_SECRET: ZALO_SECRET, MOTCUA_ZALO_REFRESH: '', MOTCUA_ESMS_KEY: 'esms-key', MOTCUA_ESMS_SECRET: 'esms-secret' };
const CCCD = '001090012345';

interface Answer {
  readonly status: number;
  readonly body: { ok: true; value: Record<string, unknown> } | { ok: false; error: { kind: string; message: string } };
}

describe('phone page: "nhắc tôi khi còn N người" and the rating', () => {
  let now: Date;
  // Each test starts (and may restart) its hub with its own integrations and limits (start below).
  const f = useHubFixture({ autoStart: false });
  let zalo: FakeZns;
  let esms: FakeEsms;
  const sockets: DeviceSocket[] = [];
  const streams: SseClient[] = [];

  const section = (withNotifier: boolean): IntegrationsConfigInput =>
    withNotifier
      ? {
          notifier: {
            zns: {
              apiUrl: zalo.url,
              oauthUrl: zalo.url,
              appId: APP_ID,
              secretKeyEnv: 'MOTCUA_ZALO_SECRET',
              refreshTokenEnv: 'MOTCUA_ZALO_REFRESH',
              timeoutMs: 1000,
              templates: { 'queue-near': { templateId: NEAR_TEMPLATE, data: { con_lai: '{remaining}', so_ve: '{number}', dich_vu: '{service}', noi_den: '{centre}' } } },
            },
            esms: { apiUrl: esms.url, apiKeyEnv: 'MOTCUA_ESMS_KEY', secretKeyEnv: 'MOTCUA_ESMS_SECRET', brandname: 'MOTCUA', timeoutMs: 1000 },
          },
        }
      : {};

  async function start(withNotifier = true, limits = {}): Promise<Hub> {
    const base = demoConfig();
    const centre = { ...base, hub: { ...base.hub, publicBaseUrl: BASE }, integrations: IntegrationsConfigSchema.parse(section(withNotifier)) };
    const options = {
      config: centre,
      integrations: integrationsOf(centre, { ...ENV, MOTCUA_ZALO_REFRESH: zalo.refreshToken }),
      outboxTimers: HELD_TIMERS,
      random: () => 0.5,
      clock: () => now,
      phoneLimits: limits,
    };
    // A second start in a test is the same hub's restart on its database.
    return f.hasHub ? f.restart(options) : f.start(options);
  }

  beforeEach(async () => {
    now = new Date('2026-12-03T02:00:00Z'); // 09:00 in Hà Nội
    zalo = await startFakeZns({ appId: APP_ID, secretKey: ZALO_SECRET, templates: { [NEAR_TEMPLATE]: ['con_lai', 'so_ve', 'dich_vu', 'noi_den'] } });
    esms = await startFakeEsms({ apiKey: 'esms-key', secretKey: 'esms-secret', brandnames: ['MOTCUA'] });
  });
  afterEach(async () => {
    streams.splice(0).forEach((s) => s.close());
    sockets.splice(0).forEach((s) => s.close());
    await zalo.close();
    await esms.close();
  });

  async function kiosk(): Promise<DeviceSocket> {
    const s = (await f.open('kiosk-1')).socket;
    sockets.push(s);
    return s;
  }
  async function counter(): Promise<DeviceSocket> {
    const s = (await f.open('counter-1')).socket;
    sockets.push(s);
    return s;
  }
  async function issue(k: DeviceSocket): Promise<{ id: number; number: number; token: string }> {
    const r = await k.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    if (!r.ok) throw new Error(r.error.message);
    const token = /\/t\/([A-Za-z0-9_-]{24})$/.exec(r.value.trackingUrl ?? '')?.[1];
    if (!token) throw new Error('no link');
    return { id: r.value.ticket.id, number: r.value.ticket.number, token };
  }
  async function callNext(q: DeviceSocket): Promise<number> {
    const r = await q.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.ticket.id;
  }
  async function serve(q: DeviceSocket): Promise<number> {
    const id = await callNext(q);
    for (const step of ['ticket:start', 'ticket:complete'] as const) {
      const r = await q.emitWithAck(step, { commandId: commandId(), ticketId: id });
      if (!r.ok) throw new Error(r.error.message);
    }
    return id;
  }
  async function post(token: string, what: 'remind' | 'rate', body: unknown): Promise<Answer> {
    const res = await fetch(`${f.hub.url}/t/${token}/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }
  async function stream(token: string): Promise<SseClient> {
    const s = await SseClient.open(`${f.hub.url}/t/${token}/events`);
    streams.push(s);
    return s;
  }
  const nearSent = () => zalo.sent.filter((m) => m.templateId === NEAR_TEMPLATE);

  it('sends ONE "còn N người" message as the queue moves: written in the call that made it due, by Zalo, never twice, no CCCD', async () => {
    await start();
    const k = await kiosk();
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue(k));
    const mine = tickets[5]!;
    const page = await stream(mine.token);
    expect(await page.ticket<PublicTicketView>((v) => v.ahead === 5)).toMatchObject({ canRemind: true, reminder: null });

    const set = await post(mine.token, 'remind', { phone: '0912 345 678', remaining: 2, consent: true });
    expect(set).toEqual({ status: 200, body: { ok: true, value: { remaining: 2 } } });
    // The page learns it at once: the form gives way to "we will text you at 2".
    expect(await page.ticket<PublicTicketView>((v) => v.reminder === 2)).toMatchObject({ canRemind: false, ahead: 5 });

    const q = await counter();
    await serve(q); // 4 ahead
    await serve(q); // 3 ahead
    await f.hub.deliveries.runDue();
    expect(nearSent()).toEqual([]);
    await serve(q); // 2 ahead: due
    await f.hub.deliveries.runDue();
    expect(nearSent()).toHaveLength(1);
    expect(nearSent()[0]).toMatchObject({
      phone: '84912345678',
      data: { con_lai: '2', so_ve: String(mine.number), dich_vu: 'Hộ tịch', noi_den: demoConfig().centre.name },
      trackingId: `notify_ticket_${mine.id}_queue-near`,
    });
    await serve(q); // 1 ahead
    await serve(q); // 0 ahead
    await f.hub.deliveries.runDue();
    await f.hub.deliveries.runDue();
    expect(nearSent()).toHaveLength(1);
    expect(esms.sent).toEqual([]);
    expect(JSON.stringify(zalo.sent)).not.toContain(CCCD);
    expect(await f.rows(`SELECT event_type, state, attempts FROM outbox WHERE target = 'notify'`)).toEqual([{ event_type: 'queue-near', state: 'delivered', attempts: 1 }]);
    expect((await f.rows('SELECT remaining, sent_at FROM ticket_reminders WHERE ticket_id = ?', mine.id))[0]).toEqual({ remaining: 2, sent_at: '2026-12-03T02:00:00.000Z' });
  });

  it('a failed send is retried later with the same key (ZNS tracking_id); still one message', async () => {
    await start();
    const k = await kiosk();
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await issue(k));
    expect((await post(tickets[2]!.token, 'remind', { phone: '+84 987 654 321', remaining: 1, consent: true })).status).toBe(200);
    const q = await counter();
    zalo.failNextSend(-32, 'Template chưa được duyệt');
    await serve(q); // 1 ahead: due
    await f.hub.deliveries.runDue();
    expect(nearSent()).toEqual([]);
    // The retry's time (webhook schedule: 5 s first), with the same tracking id.
    now = new Date(now.getTime() + 10 * 60_000);
    await f.hub.deliveries.runDue();
    expect(nearSent().map((m) => m.trackingId)).toEqual([`notify_ticket_${tickets[2]!.id}_queue-near`]);
    await serve(q);
    await f.hub.deliveries.runDue();
    expect(nearSent()).toHaveLength(1);
  });

  it('refuses with typed errors: no consent, a foreign or landline number, N outside 1–10, already close, a second reminder, a phone over its daily budget', async () => {
    await start(true, { actionsPerToken: { limit: 100, windowMs: 60_000 } });
    const k = await kiosk();
    const t = [];
    for (let i = 0; i < 8; i++) t.push(await issue(k));
    const last = t[7]!.token;
    const refused = async (body: unknown, token = last) => {
      const a = await post(token, 'remind', body);
      return [a.status, a.body.ok ? 'ok' : a.body.error.kind, a.body.ok ? '' : a.body.error.message] as const;
    };
    expect(await refused({ phone: '0912345678', remaining: 3 })).toEqual([400, 'invalid-input', expect.stringContaining('đồng ý nhận tin')]);
    expect(await refused({ phone: '0912345678', remaining: 3, consent: false })).toEqual([400, 'invalid-input', expect.stringContaining('đồng ý')]);
    expect(await refused({ phone: '+33 6 12 34 56 78', remaining: 3, consent: true })).toEqual([400, 'invalid-input', expect.stringContaining('không phải số di động Việt Nam')]);
    expect(await refused({ phone: '024 3825 1234', remaining: 3, consent: true })).toEqual([400, 'invalid-input', expect.stringContaining('không phải số di động Việt Nam')]);
    expect(await refused({ phone: '0912345678', remaining: 11, consent: true })).toEqual([400, 'invalid-input', expect.stringContaining('từ 1 đến 10')]);
    expect(await refused({ phone: '0912345678', remaining: 3, consent: true, idNumber: CCCD })).toEqual([400, 'invalid-input', expect.any(String)]);
    // Ticket 1002 has 1 person ahead: nothing to wait for.
    expect(await refused({ phone: '0912345678', remaining: 3, consent: true }, t[1]!.token)).toEqual([409, 'conflict', 'Chỉ còn 1 người trước bạn: hãy theo dõi ngay trên trang này.']);
    expect((await post(last, 'remind', { phone: '0912345678', remaining: 3, consent: true })).status).toBe(200);
    expect(await refused({ phone: '0987654321', remaining: 2, consent: true })).toEqual([409, 'conflict', 'Vé này đã có lời nhắc.']);
    // One phone, three tickets a day at most (written as 0…, +84… or 84…: the same number).
    expect((await post(t[6]!.token, 'remind', { phone: '+84 912 345 678', remaining: 1, consent: true })).status).toBe(200);
    expect((await post(t[5]!.token, 'remind', { phone: '84912345678', remaining: 1, consent: true })).status).toBe(200);
    expect(await refused({ phone: '0912.345.678', remaining: 1, consent: true }, t[4]!.token)).toEqual([409, 'conflict', 'Số điện thoại này đã đặt đủ 3 lời nhắc hôm nay.']);
    expect((await f.rows('SELECT count(*) AS n FROM ticket_reminders'))[0]).toEqual({ n: 3 });
  });

  it('without a notifier the page offers no reminder and the route says so; the rest of the page works', async () => {
    await start(false);
    const k = await kiosk();
    await issue(k);
    const mine = await issue(k);
    const page = await stream(mine.token);
    expect(await page.ticket<PublicTicketView>((v) => v.ahead === 1)).toMatchObject({ canRemind: false, reminder: null });
    const a = await post(mine.token, 'remind', { phone: '0912345678', remaining: 1, consent: true });
    expect(a.status).toBe(404);
    expect(a.body).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('budgets the writes per token and per address (429 with Retry-After), before any lookup', async () => {
    await start(true, { actionsPerToken: { limit: 2, windowMs: 60_000 }, actionsPerAddress: { limit: 4, windowMs: 60_000 } });
    const k = await kiosk();
    const a = await issue(k);
    const b = await issue(k);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(a.token, 'rate', { rating: 4 })).status);
    expect(statuses).toEqual([409, 409, 429]); // not served yet: refused, but each counted
    expect((await post(b.token, 'rate', { rating: 4 })).status).toBe(409);
    const over = await fetch(`${f.hub.url}/t/${b.token}/rate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rating":4}' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    now = new Date(now.getTime() + 61_000);
    expect((await post(b.token, 'rate', { rating: 4 })).status).toBe(409);
  });

  it('erases the phone when the ticket\'s day is over: the reminder rows and the phone in the sent message\'s outbox row', async () => {
    await start();
    const k = await kiosk();
    const t = [];
    for (let i = 0; i < 4; i++) t.push(await issue(k));
    expect((await post(t[2]!.token, 'remind', { phone: '0912345678', remaining: 1, consent: true })).status).toBe(200);
    expect((await post(t[3]!.token, 'remind', { phone: '0987654321', remaining: 1, consent: true })).status).toBe(200);
    const q = await counter();
    await serve(q); // ticket 3 has 1 ahead: due, sent
    await f.hub.deliveries.runDue();
    expect(nearSent()).toHaveLength(1);
    now = new Date('2026-12-03T17:05:00Z'); // 00:05 on the 4th in Hà Nội
    await start(); // the same hub's restart
    expect((await f.rows('SELECT count(*) AS n FROM ticket_reminders'))[0]).toEqual({ n: 0 });
    const rows = (await f.rows(`SELECT payload, state FROM outbox WHERE target = 'notify'`)) as { payload: string; state: string }[];
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ phone: ERASED_PHONE, kind: 'queue-near' });
    const dump = JSON.stringify(await f.rows(`SELECT * FROM outbox`)) + JSON.stringify(await f.rows(`SELECT * FROM privacy_requests`));
    expect(dump).not.toContain('912345678');
    expect(dump).not.toContain('987654321');
  });

  it('rates the served ticket once from its page, tied to the counter and clerk that served it; a second rating is refused', async () => {
    await start();
    const k = await kiosk();
    const mine = await issue(k);
    const other = await issue(k);
    const page = await stream(mine.token);
    expect(await page.ticket<PublicTicketView>((v) => v.phase === 'waiting')).toMatchObject({ canRate: false });
    expect(await post(mine.token, 'rate', { rating: 4 })).toMatchObject({ status: 409, body: { ok: false, error: { kind: 'conflict', message: expect.stringContaining('chưa được phục vụ xong') } } });
    const q = await counter();
    await serve(q);
    expect(await page.ticket<PublicTicketView>((v) => v.phase === 'done')).toMatchObject({ canRate: true, rated: false });

    expect(await post(mine.token, 'rate', { rating: 5 })).toMatchObject({ status: 400, body: { ok: false, error: { kind: 'invalid-input' } } });
    const rated = await post(mine.token, 'rate', { rating: 4, comment: '  Cán bộ hướng dẫn tận tình. ' });
    expect(rated).toEqual({
      status: 200,
      body: { ok: true, value: { ticketId: mine.id, rating: 4, comment: 'Cán bộ hướng dẫn tận tình.', serviceId: 'ho-tich', counterId: 'quay-1', clerkId: 'nguyen-thi-lan', ratedAt: now.toISOString() } },
    });
    expect(await page.ticket<PublicTicketView>((v) => v.rated)).toMatchObject({ canRate: false, phase: 'done' });
    expect(await post(mine.token, 'rate', { rating: 1 })).toEqual({ status: 409, body: { ok: false, error: { kind: 'conflict', message: `Lượt này đã được đánh giá (vé số ${mine.number}).` } } });
    // The counter's own command meets the same rule.
    const again = await q.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: mine.id, rating: 2 });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    // The other ticket's link rates only the other ticket.
    expect((await post(other.token, 'rate', { rating: 3 })).status).toBe(409);
    expect(await f.rows('SELECT ticket_id, rating, counter_id, clerk_id, rated_by FROM ratings')).toEqual([{ ticket_id: mine.id, rating: 4, counter_id: 'quay-1', clerk_id: 'nguyen-thi-lan', rated_by: 'phone-page' }]);
  });
});
