import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_TARGET, webhookTarget } from '../../../core/integrations/outbound-events';
import { CLAIM_LEASE_MS, CLAIM_RENEW_MS, type NewDelivery } from '../../../hub/integrations/outbox-repository';
import { createOutbox, type Outbox } from '../../../hub/integrations/outbox-setup';
import { REAL_TIMERS, type HubIntegrations } from '../../../hub/integrations/outbox-settings';
import { newWebhookSecret } from '../../../hub/integrations/webhook-sender';
import { PgOutboxRepository } from '../../../hub/store/pg/pg-outbox-repository';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { createPgPool } from '../../../hub/store/pg/pool';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../../support/fake-webhook-receiver';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS, startPgFixture, type PgFixture, type StoreUnderTest } from './stores';

/**
 * OutboxRepository's contract on both stores: idempotent enqueue, due rows in order (a portal
 * row waits for the dossier's earlier ones), claims (one worker per row at a time, until the
 * attempt is recorded or the lease ends), attempts, a 410's disabling and "Gửi lại", the log's
 * filters. Then, on PostgreSQL, two hub processes' workers over one database: every row sent once.
 */

warnIfPostgresMissing('outbox contract');

const T0 = new Date('2026-12-03T02:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const hook = webhookTarget('so-tai-chinh');

const row = (eventId: string, over: Partial<NewDelivery> = {}): NewDelivery => ({
  target: hook,
  eventId,
  eventType: 'dossier.received',
  subject: 'HS-1',
  payload: { data: { code: 'HS-1' } },
  createdAt: T0.toISOString(),
  ...over,
});

const ids = async (s: StoreUnderTest, now: Date) => (await s.outbox.due(now, 50)).map((r) => r.eventId);

describe.each(STORE_KINDS)('OutboxRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('enqueues once per target and event; due rows oldest first; a portal row waits for the dossier’s earlier ones', async () => {
      const s = await kind.fresh();
      await s.transaction(async () => {
        await s.outbox.enqueue(row('e1'));
        await s.outbox.enqueue(row('e1', { payload: { data: { replay: true } } }));
        await s.outbox.enqueue(row('p1', { target: PORTAL_TARGET, eventType: 'DongBoHoSoMC', createdAt: at(1).toISOString() }));
        await s.outbox.enqueue(row('p2', { target: PORTAL_TARGET, eventType: 'CapNhatTienDoHoSoMC', createdAt: at(2).toISOString() }));
        await s.outbox.enqueue(row('off', { createdAt: at(3).toISOString(), state: 'disabled' }));
      });
      expect(await s.outbox.hasEvent('e1')).toBe(true);
      expect(await s.outbox.hasEvent('nope')).toBe(false);
      expect((await s.outbox.list({ limit: 10 })).map((r) => [r.eventId, r.state])).toEqual([
        ['off', 'disabled'],
        ['p2', 'pending'],
        ['p1', 'pending'],
        ['e1', 'pending'],
      ]);
      expect((await s.outbox.list({ limit: 10, target: hook })).map((r) => r.eventId)).toEqual(['off', 'e1']);
      expect((await s.outbox.list({ limit: 10, state: 'pending', eventType: 'DongBoHoSoMC' })).map((r) => r.eventId)).toEqual(['p1']);
      const e1 = (await s.outbox.list({ limit: 10, target: hook, state: 'pending' }))[0]!;
      expect(e1.payload).toEqual({ data: { code: 'HS-1' } });
      expect((await s.outbox.list({ limit: 10, beforeId: e1.id + 1 })).map((r) => r.eventId)).toEqual(['e1']);
      expect(await ids(s, T0)).toEqual(['e1']);
      expect(await ids(s, at(10))).toEqual(['e1', 'p1']);
      expect((await s.outbox.nextDueAt())?.toISOString()).toBe(T0.toISOString());
      expect((await s.outbox.portalRowsOf('HS-1')).map((r) => r.state)).toEqual(['pending', 'pending']);
    });

    it('claims a row for one attempt at a time: a second claim, a stale one or a claim of a row not due is refused; the attempt or a release ends it', async () => {
      const s = await kind.fresh();
      await s.outbox.enqueue(row('e1'));
      await s.outbox.enqueue(row('e2'));
      const [r1, r2] = await s.outbox.due(at(1), 50);
      expect(await s.outbox.claim(r1!.id, 0, at(1))).toBe(true);
      expect(await s.outbox.claim(r1!.id, 0, at(2))).toBe(false);
      // A claimed row is not due for anyone else.
      expect(await ids(s, at(2))).toEqual(['e2']);
      await s.outbox.recordAttempt(r1!.id, { state: 'pending', attempts: 1, firstAttemptAt: at(2).toISOString(), lastAttemptAt: at(2).toISOString(), nextAttemptAt: at(60).toISOString(), lastError: 'HTTP 503', deliveredAt: null });
      // Read before that attempt: stale, refused. Not due yet: refused.
      expect(await s.outbox.claim(r1!.id, 0, at(61))).toBe(false);
      expect(await s.outbox.claim(r1!.id, 1, at(59))).toBe(false);
      expect(await s.outbox.claim(r1!.id, 1, at(61))).toBe(true);
      // Released without an attempt: due again at once.
      expect(await s.outbox.claim(r2!.id, 0, at(61))).toBe(true);
      await s.outbox.release(r2!.id, at(62));
      expect(await ids(s, at(62))).toEqual(['e2']);
      // A claim nobody gave back (the worker died) runs out after the lease.
      expect(await s.outbox.claim(r2!.id, 0, at(62))).toBe(true);
      expect(await s.outbox.claim(r2!.id, 0, new Date(at(62).getTime() + CLAIM_LEASE_MS - 1000))).toBe(false);
      expect(await s.outbox.claim(r2!.id, 0, new Date(at(62).getTime() + CLAIM_LEASE_MS))).toBe(true);
      await s.outbox.recordAttempt(r2!.id, { state: 'delivered', attempts: 1, firstAttemptAt: at(63).toISOString(), lastAttemptAt: at(63).toISOString(), nextAttemptAt: null, lastError: null, deliveredAt: at(63).toISOString() });
      expect(await s.outbox.byId(r2!.id)).toMatchObject({ state: 'delivered', attempts: 1, deliveredAt: at(63).toISOString(), nextAttemptAt: null });
      expect(await s.outbox.claim(r2!.id, 1, at(64))).toBe(false);
    });

    it('a claim renewed while its attempt runs holds past the lease; one no longer renewed (its process died) runs out a lease after the last renewal', async () => {
      const s = await kind.fresh();
      await s.outbox.enqueue(row('e1'));
      const [r1] = await s.outbox.due(at(1), 50);
      expect(await s.outbox.claim(r1!.id, 0, at(1))).toBe(true);
      const later = (ms: number) => new Date(at(1).getTime() + ms);
      // Renewed twice, each before the lease ran out: still held long after the first lease.
      expect(await s.outbox.renew(r1!.id, 0, later(CLAIM_RENEW_MS))).toBe(true);
      expect(await s.outbox.renew(r1!.id, 0, later(2 * CLAIM_RENEW_MS))).toBe(true);
      expect(await s.outbox.claim(r1!.id, 0, later(CLAIM_LEASE_MS + 1000))).toBe(false);
      expect(await ids(s, later(CLAIM_LEASE_MS + 1000))).toEqual([]);
      // No more renewals: free a lease after the last one, for another worker to take.
      expect(await s.outbox.claim(r1!.id, 0, later(2 * CLAIM_RENEW_MS + CLAIM_LEASE_MS - 1000))).toBe(false);
      expect(await ids(s, later(2 * CLAIM_RENEW_MS + CLAIM_LEASE_MS))).toEqual(['e1']);
      expect(await s.outbox.claim(r1!.id, 0, later(2 * CLAIM_RENEW_MS + CLAIM_LEASE_MS))).toBe(true);
      // Once the attempt is recorded there is nothing to renew.
      await s.outbox.recordAttempt(r1!.id, { state: 'delivered', attempts: 1, firstAttemptAt: at(200).toISOString(), lastAttemptAt: at(200).toISOString(), nextAttemptAt: null, lastError: null, deliveredAt: at(200).toISOString() });
      expect(await s.outbox.renew(r1!.id, 0, at(201))).toBe(false);
    });

    it('a 410 disables the subscription and its waiting rows; "Gửi lại" starts a row over and switches the subscription on again', async () => {
      const s = await kind.fresh();
      await s.outbox.enqueue(row('e1'));
      await s.outbox.enqueue(row('e2'));
      await s.outbox.enqueue(row('p1', { target: PORTAL_TARGET }));
      expect(await s.outbox.disabledReason('so-tai-chinh')).toBeNull();
      await s.outbox.disableSubscription('so-tai-chinh', hook, 'HTTP 410 Gone', at(5).toISOString());
      expect(await s.outbox.disabledReason('so-tai-chinh')).toBe('HTTP 410 Gone');
      expect((await s.outbox.list({ limit: 10 })).map((r) => [r.eventId, r.state, r.lastError])).toEqual([
        ['p1', 'pending', null],
        ['e2', 'disabled', 'HTTP 410 Gone'],
        ['e1', 'disabled', 'HTTP 410 Gone'],
      ]);
      const e1 = (await s.outbox.list({ limit: 10, state: 'disabled' })).at(-1)!;
      const again = await s.outbox.requeue(e1.id, at(9), 'so-tai-chinh');
      expect(again).toMatchObject({ eventId: 'e1', state: 'pending', attempts: 0, nextAttemptAt: at(9).toISOString(), lastError: null });
      expect(await s.outbox.disabledReason('so-tai-chinh')).toBeNull();
      expect(await s.outbox.requeue(e1.id + 1000, at(9), null)).toBeNull();
    });

    it('keeps the citizen’s phone in the first notify row of a dossier only', async () => {
      const s = await kind.fresh();
      expect(await s.outbox.firstPayloadOf('HS-1', 'notify')).toBeNull();
      await s.outbox.enqueue(row('n1', { target: 'notify', payload: { phone: '84912345678' } }));
      await s.outbox.enqueue(row('n2', { target: 'notify', payload: { phone: '84900000000' } }));
      expect(await s.outbox.firstPayloadOf('HS-1', 'notify')).toEqual({ phone: '84912345678' });
      expect(await s.outbox.firstPayloadOf('HS-2', 'notify')).toBeNull();
    });

    it('rows written in a transaction that rolls back are not there (a refused command has no deliveries)', async () => {
      const s = await kind.fresh();
      await expect(
        s.transaction(async () => {
          await s.outbox.enqueue(row('e1'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await s.outbox.list({ limit: 10 })).toEqual([]);
      expect(await s.outbox.nextDueAt()).toBeNull();
    });
  });
});

describe.skipIf(POSTGRES_MISSING !== null)('two hub processes’ outbox workers over one PostgreSQL database', () => {
  let fixture: PgFixture;
  let receiver: FakeWebhookReceiver;
  const closers: (() => Promise<void>)[] = [];
  const secret = newWebhookSecret((n) => randomBytes(n));
  beforeAll(async () => {
    fixture = await startPgFixture(2);
    receiver = await startFakeWebhookReceiver({ secret });
  }, 60_000);
  afterAll(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    await receiver?.close();
    await fixture?.close();
  });

  /** One hub process's outbox: its own pool (connections) and worker, over the centre's rows. */
  function processOutbox(centreId: string, over: { clock?: () => Date; claimRenewMs?: number } = {}): Outbox {
    const pool = createPgPool(fixture.server.url, { max: 3 });
    closers.push(() => pool.end());
    const integrations: HubIntegrations = {
      webhooks: { timeoutMs: 15_000, allowPrivateAddresses: true, subscriptions: [{ id: 'so-tai-chinh', system: 'Sở Tài chính', url: receiver.url, secrets: [secret], events: ['ticket.called'] }] },
    };
    const outbox = createOutbox({ repo: new PgOutboxRepository(new PgStore(pool).sql, centreId), integrations, departments: [], clock: () => new Date(), timers: REAL_TIMERS, random: () => 0.5, ...over });
    closers.push(() => outbox.worker.close());
    return outbox;
  }

  it('sends each of 12 rows once while both workers pass over them at the same time (the receiver sees no repeat)', { timeout: 120_000 }, async () => {
    await fixture.addCentre('tt-1');
    const a = processOutbox('tt-1');
    const b = processOutbox('tt-1');
    const now = new Date(Date.now() - 1000).toISOString();
    for (let i = 1; i <= 12; i++) {
      await a.repo.enqueue({ target: hook, eventId: `msg_call_${i}`, eventType: 'ticket.called', subject: `ticket:${i}`, payload: { data: { ticketId: i } }, createdAt: now });
    }
    // Each answer takes a while, so both workers have read the same due rows before either records an attempt.
    receiver.answerNext(...Array.from({ length: 12 }, () => ({ status: 204, delayMs: 150 })));
    const [byA, byB] = await Promise.all([a.worker.runDue(), b.worker.runDue()]);
    expect(byA + byB).toBe(12);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(receiver.requests).toBe(12);
    expect(receiver.duplicates).toEqual([]);
    expect(receiver.received.map((r) => r.id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `msg_call_${i + 1}`).sort());
    expect((await a.repo.list({ limit: 50, state: 'delivered' })).every((r) => r.attempts === 1)).toBe(true);
    expect(await a.repo.list({ limit: 50, state: 'pending' })).toEqual([]);
  });

  it('an attempt that outlasts the lease keeps its row: the worker renews its claim, the other process does not send it again', { timeout: 60_000 }, async () => {
    await fixture.addCentre('tt-2');
    // Both processes read one clock that the test moves forward, past two leases, while the attempt runs.
    let ahead = 0;
    const clock = () => new Date(Date.now() + ahead);
    const a = processOutbox('tt-2', { clock, claimRenewMs: 50 });
    const b = processOutbox('tt-2', { clock, claimRenewMs: 50 });
    await a.repo.enqueue({ target: hook, eventId: 'msg_long_1', eventType: 'ticket.called', subject: 'ticket:long', payload: { data: { ticketId: 1 } }, createdAt: new Date(Date.now() - 1000).toISOString() });
    const before = receiver.requests;
    receiver.answerNext({ status: 204, delayMs: 2_000 });
    const byA = a.worker.runDue();
    await expect.poll(() => receiver.requests).toBe(before + 1);
    ahead = 2 * CLAIM_LEASE_MS;
    // A's renewals (every 50 ms) stamp a lease from the new time before B looks.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await b.worker.runDue()).toBe(0);
    expect(await byA).toBe(1);
    expect(receiver.requests).toBe(before + 1);
    expect(await a.repo.list({ limit: 5, state: 'delivered' })).toMatchObject([{ eventId: 'msg_long_1', attempts: 1 }]);
  });
});
