import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookEventType } from '../../core/integrations/outbound-events';
import type { Hub } from '../../hub/hub';
import { newWebhookSecret } from '../../hub/integrations/webhook-sender';
import type { IntegrationsConfigInput } from '../../kiosk-config/integrations-schema';
import { commandId, connectCounter, connectDevice, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { act, adminGet, adminResend, config, deliveries, receive, signInOfficer, startIntegratedHub } from './outbox-support';

/**
 * Signed webhooks through the hub's outbox: a real hub, receivers that verify every delivery with
 * the `standardwebhooks` package (signature and its 5-minute timestamp tolerance, so the hub's
 * pinned clock stays within minutes of the real one), and passes of the worker run by the test.
 */
const secret = () => newWebhookSecret((n) => randomBytes(n));
const ALL_EVENTS = ['dossier.received', 'dossier.status_changed', 'dossier.overdue', 'ticket.called', 'rating.given'] as const;

describe('webhooks out through the outbox: real hub, verifying receivers', () => {
  let now: Date;
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub | null = null;
  const receivers: FakeWebhookReceiver[] = [];
  const sockets: DeviceSocket[] = [];
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const receiver = async (s: string) => {
    const r = await startFakeWebhookReceiver({ secret: s });
    receivers.push(r);
    return r;
  };
  const open = async (id: string) => {
    const c = id.startsWith('counter-') ? await connectCounter(hub!.url, id as 'counter-1') : await connectDevice(hub!.url, id, tokenOf(config, id));
    sockets.push(c.socket);
    return c.socket;
  };
  const start = async (section: IntegrationsConfigInput, env: Record<string, string>) => {
    hub = await startIntegratedHub(tmp.dir, section, env, { clock: () => now });
    return hub;
  };
  /** One subscription to `url` for `events`, its secret in MOTCUA_WH_<n>. */
  const subscription = (id: string, url: string, events: readonly WebhookEventType[], extra: { previousSecretEnv?: string } = {}) => ({ id, system: `Phần mềm ${id}`, url, secretEnv: `MOTCUA_WH_${id.toUpperCase().replace(/-/g, '_')}`, events: [...events], ...extra });

  beforeEach(() => {
    // Four minutes behind the real clock: a test may move forward five minutes and stay within the receiver's tolerance.
    now = new Date(Date.now() - 4 * 60_000);
    tmp = tempDir();
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub?.close();
    hub = null;
    for (const r of receivers.splice(0)) await r.close();
    tmp.remove();
  });

  it('every event reaches its subscriber once, signed (also with the previous secret during a rotation), with thin payloads', async () => {
    const current = secret();
    const previous = secret();
    const dept = await receiver(current);
    const rotating = await receiver(previous);
    await start(
      {
        webhooks: {
          allowPrivateAddresses: true,
          timeoutMs: 2000,
          subscriptions: [subscription('so-tai-chinh', `${dept.url}/hooks`, ALL_EVENTS), subscription('tinh', `${rotating.url}/hooks`, ['dossier.received'], { previousSecretEnv: 'MOTCUA_WH_TINH_OLD' })],
        },
      },
      { MOTCUA_WH_SO_TAI_CHINH: current, MOTCUA_WH_TINH: secret(), MOTCUA_WH_TINH_OLD: previous },
    );
    const kiosk = await open('kiosk-1');
    const issued = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    if (!issued.ok) throw new Error(issued.error.message);
    const counter1 = await open('counter-1');
    const called = await counter1.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
    if (!called.ok) throw new Error(called.error.message);
    const ticketId = called.value.ticket.id;
    expect(await counter1.emitWithAck('ticket:start', { commandId: commandId(), ticketId })).toMatchObject({ ok: true });
    expect(await counter1.emitWithAck('ticket:complete', { commandId: commandId(), ticketId })).toMatchObject({ ok: true });
    expect(await counter1.emitWithAck('ticket:rate', { commandId: commandId(), ticketId, rating: 4, comment: 'Cán bộ Nguyễn Văn B rất nhiệt tình' })).toMatchObject({ ok: true });
    const desk = await open('counter-3');
    const { dossier } = await receive(desk);
    const tckh = await open('backoffice-tckh');
    await signInOfficer(tckh, 'bui-thi-thu');
    await act(tckh, dossier.code, 'accept');
    await hub!.deliveries.runDue();
    await hub!.deliveries.runDue();

    expect(dept.rejected).toEqual([]);
    expect(dept.duplicates).toEqual([]);
    expect(dept.received.map((r) => r.type)).toEqual(['ticket.called', 'rating.given', 'dossier.received', 'dossier.status_changed']);
    const [call, rating, got, changed] = dept.received;
    expect(call!.data).toMatchObject({ ticketId, number: issued.value.ticket.number, serviceId: 'ho-tich', counterId: 'quay-1' });
    expect(rating!.data).toEqual({ ticketId, rating: 4, serviceId: 'ho-tich', counterId: 'quay-1', clerkId: expect.any(String), ratedAt: now.toISOString() });
    // Issue 13 added the centres (receiving, collecting) and the line's unit: names and ids of units, no person.
    const centre = { id: 'local', name: config.centre.name };
    expect(got!.data).toEqual({ code: dossier.code, procedureCode: 'KD-TL', departmentId: 'tai-chinh-ke-hoach', status: 'received', receivedAt: dossier.receivedAt, dueAt: dossier.dueAt, receivedAtCentre: centre, collectAtCentre: centre });
    expect(changed!.data).toMatchObject({ code: dossier.code, action: 'accept', previousStatus: 'received', status: 'processing', collectAtCentre: centre, unit: { kind: 'agency', id: 'tai-chinh-ke-hoach', name: 'Phòng Tài chính – Kế hoạch' } });
    // Thin: nothing of the applicant nor the citizen's comment leaves the centre.
    const bodies = JSON.stringify(dept.received);
    for (const personal of ['Phạm Văn An', '001090012345', '0912', 'Nguyễn Văn B']) expect(bodies).not.toContain(personal);

    // The rotating endpoint verifies with its previous secret: one of the two signatures is made with it.
    expect(rotating.rejected).toEqual([]);
    expect(rotating.received.map((r) => r.type)).toEqual(['dossier.received']);
    expect(rotating.received[0]!.signatureHeader.split(' ')).toHaveLength(2);

    // A further pass sends nothing again.
    const requests = dept.requests;
    expect(await hub!.deliveries.runDue()).toBe(0);
    expect(dept.requests).toBe(requests);
    const log = await deliveries(hub!, '?target=webhook:so-tai-chinh&state=delivered');
    expect(log).toHaveLength(4);
    expect(log.every((d) => d.attempts === 1 && d.lastError === null)).toBe(true);
  });

  it('a receiver that is down is retried on the schedule (5 s, then 5 min after the first), honours Retry-After, then gets it once', async () => {
    const s = secret();
    const dept = await receiver(s);
    await start({ webhooks: { allowPrivateAddresses: true, timeoutMs: 2000, subscriptions: [subscription('so-tai-chinh', dept.url, ['dossier.received'])] } }, { MOTCUA_WH_SO_TAI_CHINH: s });
    dept.answerNext({ status: 500, body: 'Internal Server Error' }, { status: 503, body: 'Service Unavailable' });
    const first = now.getTime();
    const desk = await open('counter-3');
    await receive(desk);
    await hub!.deliveries.runDue();
    let [row] = await deliveries(hub!);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 500', nextAttemptAt: new Date(first + 5000).toISOString() });

    later(4000);
    expect(await hub!.deliveries.runDue()).toBe(0);
    later(1000);
    await hub!.deliveries.runDue();
    [row] = await deliveries(hub!);
    expect(row).toMatchObject({ state: 'pending', attempts: 2, lastError: 'HTTP 503', nextAttemptAt: new Date(first + 5 * 60_000).toISOString() });

    now = new Date(first + 5 * 60_000);
    await hub!.deliveries.runDue();
    [row] = await deliveries(hub!);
    expect(row).toMatchObject({ state: 'delivered', attempts: 3, lastError: null, deliveredAt: now.toISOString() });
    expect(dept.requests).toBe(3);
    expect(dept.received).toHaveLength(1);
    expect(dept.rejected).toEqual([]);

    // 429 with Retry-After: 120 s is later than the schedule's 5 s, and wins.
    dept.answerNext({ status: 429, headers: { 'retry-after': '120' }, body: 'Too Many Requests' });
    await receive(desk);
    await hub!.deliveries.runDue();
    [row] = await deliveries(hub!, '?state=pending');
    expect(row).toMatchObject({ attempts: 1, lastError: 'HTTP 429', nextAttemptAt: new Date(now.getTime() + 120_000).toISOString() });
    later(120_000);
    await hub!.deliveries.runDue();
    expect(dept.received).toHaveLength(2);
  });

  it('410 Gone disables the subscription: later events are kept, not sent, until the administrator sends again', async () => {
    const s = secret();
    const dept = await receiver(s);
    await start({ webhooks: { allowPrivateAddresses: true, timeoutMs: 2000, subscriptions: [subscription('so-tai-chinh', dept.url, ['dossier.received', 'dossier.status_changed'])] } }, { MOTCUA_WH_SO_TAI_CHINH: s });
    dept.answerNext({ status: 410, body: 'Gone' });
    const desk = await open('counter-3');
    const { dossier } = await receive(desk);
    await hub!.deliveries.runDue();
    const listed = await adminGet(hub!);
    if (!listed.body.ok) throw new Error(listed.body.error.message);
    expect(listed.body.value.subscriptions).toEqual([expect.objectContaining({ id: 'so-tai-chinh', disabled: expect.stringContaining('410') })]);
    expect(listed.body.value.deliveries).toEqual([expect.objectContaining({ state: 'disabled', attempts: 1 })]);

    const tckh = await open('backoffice-tckh');
    await signInOfficer(tckh, 'bui-thi-thu');
    await act(tckh, dossier.code, 'accept');
    await hub!.deliveries.runDue();
    expect(dept.requests).toBe(1);
    const kept = await deliveries(hub!);
    expect(kept.map((d) => [d.eventType, d.state, d.attempts])).toEqual([
      ['dossier.status_changed', 'disabled', 0],
      ['dossier.received', 'disabled', 1],
    ]);

    // "Gửi lại" on each: the subscription is on again and both arrive, once each.
    for (const d of kept) expect((await adminResend(hub!, d.id)).body).toMatchObject({ ok: true, value: { delivery: { state: 'pending', attempts: 0 } } });
    await hub!.deliveries.runDue();
    expect(dept.received.map((r) => r.type).sort()).toEqual(['dossier.received', 'dossier.status_changed']);
    expect((await adminGet(hub!)).body).toMatchObject({ ok: true, value: { subscriptions: [{ id: 'so-tai-chinh', disabled: null }] } });
  });

  it('dossier.overdue goes out once per due date, found by the worker when the due time has passed', async () => {
    const s = secret();
    const dept = await receiver(s);
    const real = now;
    // Received ten days ago: its 3 working days are long past by now.
    now = new Date(real.getTime() - 10 * 86_400_000);
    await start({ webhooks: { allowPrivateAddresses: true, timeoutMs: 2000, subscriptions: [subscription('so-tai-chinh', dept.url, ['dossier.overdue'])] } }, { MOTCUA_WH_SO_TAI_CHINH: s });
    const desk = await open('counter-3');
    const { dossier } = await receive(desk);
    await hub!.deliveries.runDue();
    expect(dept.requests).toBe(0);

    now = real;
    await hub!.deliveries.runDue();
    await hub!.deliveries.runDue();
    expect(dept.received.map((r) => [r.type, r.data])).toEqual([['dossier.overdue', { code: dossier.code, departmentId: 'tai-chinh-ke-hoach', status: 'received', dueAt: dossier.dueAt }]]);
    expect(dept.rejected).toEqual([]);
  });

  it('the delivery log is the administrator\'s: other devices, bad filters and unknown ids are refused with a reason', async () => {
    const s = secret();
    const dept = await receiver(s);
    await start({ webhooks: { allowPrivateAddresses: true, timeoutMs: 2000, subscriptions: [subscription('so-tai-chinh', dept.url, ['dossier.received'])] } }, { MOTCUA_WH_SO_TAI_CHINH: s });
    expect(await adminGet(hub!, '', tokenOf(config, 'counter-3'))).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden' } } });
    expect(await adminGet(hub!, '', 'not-a-token')).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized' } } });
    expect(await adminGet(hub!, '?state=lost')).toMatchObject({ status: 400, body: { ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('Bộ lọc không hợp lệ') } } });
    expect(await adminResend(hub!, 999)).toMatchObject({ status: 404, body: { ok: false, error: { kind: 'not-found', message: 'Không có lần gửi số 999.' } } });
    expect(await adminResend(hub!, 'abc')).toMatchObject({ status: 400, body: { ok: false, error: { kind: 'invalid-input' } } });
    expect(await adminResend(hub!, 1, tokenOf(config, 'counter-3'))).toMatchObject({ status: 403 });

    // A refused command leaves no delivery behind: the rows share its transaction.
    const desk = await open('counter-3');
    const refused = await desk.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KHONG-CO', applicant: { fullName: 'A', idNumber: '001090012345' }, documents: [], feePaid: 0 } as never);
    expect(refused).toMatchObject({ ok: false });
    expect(await deliveries(hub!)).toEqual([]);
    const { dossier } = await receive(desk);
    expect(await deliveries(hub!)).toEqual([expect.objectContaining({ subject: dossier.code, eventType: 'dossier.received' })]);
  });
});
