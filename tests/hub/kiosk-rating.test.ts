import { beforeEach, describe, expect, it } from 'vitest';
import type { StatsReport } from '../../core/stats/stats-report';
import { commandId, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/**
 * The kiosk's "Đánh giá dịch vụ" against a real hub (SQLite file, injected clock): the visit a
 * typed number, a `MOTCUA:VE:` code or a ticket link names, the rating rule's refusals, and the
 * rating through `ticket:rate` tied to the counter and clerk that served the ticket.
 */
const BASE = 'https://motcua.example.gov.vn';
const config = demoConfig();
const ADMIN = tokenOf(config, 'admin-1');

describe('rating at the kiosk by ticket number or QR', () => {
  let now: Date;
  beforeEach(() => {
    now = new Date('2026-12-03T02:30:00Z'); // 09:30 in Hà Nội
  });
  const f = useHubFixture({ config: { ...config, hub: { ...config.hub, publicBaseUrl: BASE } }, clock: () => now });
  let kiosk: DeviceSocket;
  let c1: DeviceSocket;
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const visit = (entry: string) => kiosk.emitWithAck('ticket:rating-visit', { commandId: commandId(), entry });
  const issue = async () => {
    const v = ok(await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }));
    return { id: v.ticket.id, number: v.ticket.number, day: v.ticket.day, link: v.trackingUrl ?? '' };
  };
  const step = async (name: 'counter:call-next' | 'ticket:start' | 'ticket:complete', ticketId?: number) =>
    ok(await c1.emitWithAck(name as 'ticket:start', { commandId: commandId(), ...(ticketId ? { ticketId } : { counterId: 'quay-1' }) } as never));

  beforeEach(async () => {
    kiosk = (await f.open('kiosk-1')).socket;
    c1 = (await f.open('counter-1')).socket;
  });

  it('names the visit by number, rates it once with its counter and clerk; the statistics count it', async () => {
    const t = await issue();
    await step('counter:call-next');
    now = new Date('2026-12-03T02:42:00Z');
    await step('ticket:start', t.id);
    now = new Date('2026-12-03T02:50:00Z');
    await step('ticket:complete', t.id);

    const found = ok(await visit(` ${t.number}\n`));
    expect(found).toEqual({
      visit: { ticketId: t.id, number: t.number, day: '2026-12-03', serviceName: 'Hộ tịch', counterLabel: '1', clerkName: 'Nguyễn Thị Lan', servedTime: '09:42' },
      refusal: null,
    });
    const rated = ok(await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: t.id, rating: 4, comment: 'Nhanh' }));
    expect(rated.rating).toMatchObject({ ticketId: t.id, rating: 4, counterId: 'quay-1', clerkId: 'nguyen-thi-lan' });

    // Again: the visit says it is rated, and a second rating is refused in so many words.
    expect(ok(await visit(String(t.number))).refusal).toEqual({ reason: 'already-rated', message: `Lượt này đã được đánh giá (vé số ${t.number}).` });
    expect(await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: t.id, rating: 1 })).toEqual({
      ok: false,
      error: { kind: 'conflict', message: `Lượt này đã được đánh giá (vé số ${t.number}).` },
    });
    expect(await f.rows('SELECT ticket_id, rating, counter_id, clerk_id, rated_by FROM ratings')).toEqual([{ ticket_id: t.id, rating: 4, counter_id: 'quay-1', clerk_id: 'nguyen-thi-lan', rated_by: 'kiosk-1' }]);
    const report = ((await (await fetch(`${f.hub.url}/api/stats?from=2026-12-03&to=2026-12-03`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { value: StatsReport }).value;
    expect(report.groups.counter.find((r) => r.key === 'quay-1')).toMatchObject({ rating4: 1, ratingCount: 1, ratingMean: 4 });
  });

  it('finds the visit from the ticket QR: its link, or MOTCUA:VE when the centre has no public address', async () => {
    const t = await issue();
    await step('counter:call-next');
    await step('ticket:start', t.id);
    await step('ticket:complete', t.id);
    expect(t.link).toMatch(/^https:\/\/motcua\.example\.gov\.vn\/t\/[A-Za-z0-9_-]{24}$/);
    expect(ok(await visit(t.link)).visit.ticketId).toBe(t.id);
    // A field that upper-cased the address before /t/ keeps the token's case.
    const token = t.link.slice(-24);
    expect(ok(await visit(`HTTPS://MOTCUA.EXAMPLE.GOV.VN/t/${token}`)).visit.ticketId).toBe(t.id);
    expect(ok(await visit(`MOTCUA:VE:${t.day}:ho-tich:${t.number}\r\n`))).toMatchObject({ visit: { ticketId: t.id }, refusal: null });
    // Another service's code with the same number, a made-up link: nothing.
    expect(await visit(`MOTCUA:VE:${t.day}:chung-thuc:${t.number}`)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await visit(`${BASE}/t/${'A'.repeat(24)}`)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses in typed words: unknown number, not yet served, another day, not a ticket', async () => {
    expect(await visit('1999')).toEqual({ ok: false, error: { kind: 'not-found', message: 'Hôm nay không có vé số 1999. Vui lòng kiểm tra lại số in trên vé.' } });
    expect(await visit('xin chào')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const t = await issue();
    expect(ok(await visit(String(t.number)))).toMatchObject({ visit: { counterLabel: null, clerkName: null, servedTime: null }, refusal: { reason: 'not-served' } });
    await step('counter:call-next');
    expect(ok(await visit(String(t.number)))).toMatchObject({ visit: { counterLabel: '1', clerkName: 'Nguyễn Thị Lan', servedTime: '09:30' }, refusal: { reason: 'not-served' } });
    expect(await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: t.id, rating: 3 })).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('chưa được phục vụ xong') } });
    await step('ticket:start', t.id);
    await step('ticket:complete', t.id);

    // The next morning: yesterday's number typed is today's (none); its QR names yesterday's ticket, which is refused.
    now = new Date('2026-12-04T01:00:00Z');
    expect(await visit(String(t.number))).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const code = ok(await visit(`MOTCUA:VE:2026-12-03:ho-tich:${t.number}`));
    expect(code.refusal).toEqual({ reason: 'other-day', message: `Vé số ${t.number} là vé của ngày 03/12/2026: chỉ đánh giá được trong ngày được phục vụ.` });
    expect(ok(await visit(t.link)).refusal?.reason).toBe('other-day');
    // The rule is the same for ticket:rate itself, whoever sends it.
    expect(await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: t.id, rating: 3 })).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('03/12/2026') } });
    expect(await c1.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: t.id, rating: 3 })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('is for kiosks only', async () => {
    const send = c1.emitWithAck as unknown as (n: string, i: unknown) => Promise<unknown>;
    expect(await send.call(c1, 'ticket:rating-visit', { commandId: commandId(), entry: '1001' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
