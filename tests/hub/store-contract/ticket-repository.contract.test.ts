import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickNextFrom } from '../../../core/queue/call-candidates';
import { DEFAULT_QUEUE_RULES } from '../../../core/queue/rules';
import { transition } from '../../../core/queue/ticket-state';
import type { Counter, PriorityClass, Service, Ticket } from '../../../core/queue/types';
import { ESTIMATE_SAMPLE } from '../../../core/queue/wait-estimate';
import type { WaitFigures } from '../../../hub/queue/ticket-rows';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS, type StoreUnderTest } from './stores';

/**
 * TicketRepository's contract, the same cases on SQLite and on PostgreSQL: issuing (numbering,
 * insert), calling (call candidates, update), the event log's seqs, the counter's tickets and
 * recent calls, counts, counter states and service times. The steps are the queue service's
 * (hub/queue/queue-service.ts) with core's rules, each command in one transaction of the store.
 */

warnIfPostgresMissing('ticket-repository contract');

const DAY = '2026-12-03';
const HO_TICH: Pick<Service, 'id' | 'numberFrom' | 'numberTo'> = { id: 'ho-tich', numberFrom: 1001, numberTo: 1999 };
const DAT_DAI: Pick<Service, 'id' | 'numberFrom' | 'numberTo'> = { id: 'dat-dai', numberFrom: 2001, numberTo: 2999 };
const COUNTER_1: Pick<Counter, 'id' | 'serviceIds' | 'serviceWeights'> = { id: 'quay-1', serviceIds: ['ho-tich', 'dat-dai'] };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 1, minute)).toISOString();

/** ticket:issue as the queue service runs it. */
function issue(s: StoreUnderTest, service: typeof HO_TICH, minute: number, priority: PriorityClass = 'normal'): Promise<{ ticket: Ticket; seq: number; figures: WaitFigures }> {
  return s.transaction(async () => {
    const issued = await s.tickets.issueTicket(DAY, service, at(minute), 'kiosk-1', priority);
    if (!issued.ok) throw new Error(issued.error.message);
    const { ticket, figures } = issued.value;
    const { seq } = await s.tickets.appendTicketEvent('ticket-issued', ticket, at(minute));
    return { ticket, seq, figures };
  });
}

/** counter:call-next as the queue service runs it: the counter's candidates, core's pick, the update and its event. */
function callNext(s: StoreUnderTest, counter: typeof COUNTER_1, minute: number): Promise<Ticket | null> {
  return s.transaction(async () => {
    if (await s.tickets.activeAtCounter(DAY, counter.id)) throw new Error('the counter has a ticket already');
    const now = new Date(at(minute));
    const next = pickNextFrom(counter, await s.tickets.callCandidates(DAY, counter, DEFAULT_QUEUE_RULES.priorityRatio), { now, rules: DEFAULT_QUEUE_RULES });
    if (!next) return null;
    const state = transition(next.state, 'call');
    if (!state.ok) throw new Error(state.error.message);
    const ticket = await s.tickets.update({ ...next, state: state.value, calledAt: at(minute), firstCalledAt: next.firstCalledAt ?? at(minute), counterId: counter.id, assignedCounterId: null, clerkId: 'cb-1' });
    await s.tickets.appendTicketEvent('ticket-called', ticket, at(minute));
    return ticket;
  });
}

/** start / complete / no-show / cancel of a ticket, as the queue service applies them. */
function apply(s: StoreUnderTest, ticketId: number, action: 'start' | 'complete' | 'no-show' | 'cancel', minute: number): Promise<Ticket> {
  return s.transaction(async () => {
    const current = await s.tickets.byId(ticketId);
    if (!current) throw new Error(`no ticket ${ticketId}`);
    const state = transition(current.state, action);
    if (!state.ok) throw new Error(state.error.message);
    const changes = action === 'start' ? { startedAt: at(minute) } : { finishedAt: at(minute) };
    return s.tickets.update({ ...current, ...changes, state: state.value });
  });
}

describe.each(STORE_KINDS)('TicketRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('issues numbers from the block start, one up per ticket and per service; numbering and lastSeq follow', async () => {
      const s = await kind.fresh();
      expect(await s.tickets.numbering(DAY, HO_TICH.id)).toEqual({ lastIssued: null, lowestLeased: null });
      expect(await s.tickets.lastSeq()).toBe(0);
      const a = await issue(s, HO_TICH, 0);
      const b = await issue(s, HO_TICH, 1, 'elderly');
      const c = await issue(s, DAT_DAI, 2);
      expect([a.ticket.number, b.ticket.number, c.ticket.number]).toEqual([1001, 1002, 2001]);
      expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
      expect(await s.tickets.lastSeq()).toBe(3);
      expect(a.ticket).toEqual({
        id: a.ticket.id, day: DAY, serviceId: 'ho-tich', number: 1001, state: 'waiting', issuedAt: at(0), calledAt: null, startedAt: null, finishedAt: null,
        counterId: null, issuedBy: 'kiosk-1', priority: 'normal', recalls: 0, assignedCounterId: null, firstCalledAt: null, clerkId: null,
      });
      expect(await s.tickets.byId(b.ticket.id)).toEqual(b.ticket);
      expect(await s.tickets.byId(999_999)).toBeNull();
      expect(await s.tickets.numbering(DAY, HO_TICH.id)).toEqual({ lastIssued: 1002, lowestLeased: null });
      expect(await s.tickets.numbering('2026-12-04', HO_TICH.id)).toEqual({ lastIssued: null, lowestLeased: null });
    });

    it('an issue reads its wait figures with it — waiting ahead (at the same instant, by id), counter states, the latest durations — as waitFigures reads them after', async () => {
      const s = await kind.fresh();
      const a = await issue(s, HO_TICH, 0);
      expect(a.figures).toEqual({ waitingAhead: 0, counterStates: new Map(), recentMinutes: [] });
      await issue(s, DAT_DAI, 1); // another service's ticket is not ahead
      const b = await issue(s, HO_TICH, 2);
      // A ticket issued at b's very instant: b, with the smaller id, is ahead of it.
      const c = await issue(s, HO_TICH, 2, 'elderly');
      expect([b.figures.waitingAhead, c.figures.waitingAhead]).toEqual([1, 2]);
      // a served in 7 minutes, quay-1 paused: the next issue's figures say so.
      await callNext(s, COUNTER_1, 3);
      await apply(s, a.ticket.id, 'start', 3);
      await apply(s, a.ticket.id, 'complete', 10);
      await s.transaction(() => s.tickets.setCounterState('quay-1', { paused: true, pausedReason: 'Nghỉ trưa', clerkId: null }, at(11)));
      const d = await issue(s, HO_TICH, 12);
      expect(d.figures).toEqual({
        waitingAhead: 2,
        counterStates: new Map([['quay-1', { paused: true, pausedReason: 'Nghỉ trưa', clerkId: null }]]),
        recentMinutes: [7],
      });
      expect(await s.tickets.waitFigures(d.ticket, ESTIMATE_SAMPLE)).toEqual(d.figures);
    });

    it('an issue the rules refuse (a kiosk\'s lease reached, the block used up) answers exhausted and leaves nothing, even in a transaction that commits', async () => {
      const s = await kind.fresh();
      const SMALL: typeof HO_TICH = { id: 'ho-tich', numberFrom: 1001, numberTo: 1003 };
      const issueCommitted = () => s.transaction(() => s.tickets.issueTicket(DAY, SMALL, at(0), 'kiosk-1', 'normal'));
      // The first refusal is the very first issue of the day: a kiosk holds the whole block.
      await s.transaction(() => s.leases.insertLease({ day: DAY, serviceId: SMALL.id, deviceId: 'kiosk-2', from: 1001, to: 1003, leasedAt: at(0), commandId: 'lease-1' }));
      expect(await issueCommitted()).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
      expect(await s.tickets.numbering(DAY, SMALL.id)).toMatchObject({ lastIssued: null, lowestLeased: 1001 });
      expect(await s.tickets.waitingCounts(DAY)).toEqual(new Map());
      // Another service's block runs out after two numbers: the third is refused and the count stays at the second.
      const TWO: typeof DAT_DAI = { id: 'dat-dai', numberFrom: 2001, numberTo: 2002 };
      const twice = [await s.transaction(() => s.tickets.issueTicket(DAY, TWO, at(1), 'kiosk-1', 'normal')), await s.transaction(() => s.tickets.issueTicket(DAY, TWO, at(2), 'kiosk-1', 'normal'))];
      expect(twice.map((r) => (r.ok ? r.value.ticket.number : r.error.kind))).toEqual([2001, 2002]);
      expect(await s.transaction(() => s.tickets.issueTicket(DAY, TWO, at(3), 'kiosk-1', 'normal'))).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
      expect(await s.tickets.numbering(DAY, TWO.id)).toEqual({ lastIssued: 2002, lowestLeased: null });
      expect(await s.tickets.waitingCounts(DAY)).toEqual(new Map([['dat-dai', 2]]));
    });

    it('a rolled-back issue leaves no ticket, no number and no event', async () => {
      const s = await kind.fresh();
      await issue(s, HO_TICH, 0);
      await expect(
        s.transaction(async () => {
          const ticket = await s.tickets.insertTicket(DAY, HO_TICH.id, 1002, at(1), 'kiosk-1', 'normal');
          await s.tickets.appendTicketEvent('ticket-issued', ticket, at(1));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await s.tickets.numbering(DAY, HO_TICH.id)).toEqual({ lastIssued: 1001, lowestLeased: null });
      expect(await s.tickets.lastSeq()).toBe(1);
      expect((await issue(s, HO_TICH, 2)).ticket.number).toBe(1002);
    });

    it('calls in the rules\' order: priority after the ratio of normal calls, oldest first; the counter\'s tickets and recent calls follow', async () => {
      const s = await kind.fresh();
      const n1 = (await issue(s, HO_TICH, 0)).ticket;
      const n2 = (await issue(s, DAT_DAI, 1)).ticket;
      const p1 = (await issue(s, HO_TICH, 2, 'elderly')).ticket;
      const n3 = (await issue(s, HO_TICH, 3)).ticket;
      const called: number[] = [];
      for (let minute = 10; ; minute++) {
        const active = await s.tickets.activeAtCounter(DAY, COUNTER_1.id);
        if (active) {
          await apply(s, active.id, 'start', minute);
          await apply(s, active.id, 'complete', minute);
        }
        const ticket = await callNext(s, COUNTER_1, minute);
        if (!ticket) break;
        expect(ticket).toMatchObject({ state: 'called', counterId: 'quay-1', calledAt: at(minute), firstCalledAt: at(minute), clerkId: 'cb-1' });
        expect(await s.tickets.activeAtCounter(DAY, COUNTER_1.id)).toEqual(ticket);
        called.push(ticket.id);
      }
      // The core rule decides; both stores must hand it the same candidates.
      const ratio = DEFAULT_QUEUE_RULES.priorityRatio;
      expect(called.length).toBe(4);
      expect(new Set(called)).toEqual(new Set([n1.id, n2.id, p1.id, n3.id]));
      expect(called.indexOf(p1.id)).toBe(Math.min(ratio, 3));
      expect(await s.tickets.activeAtCounter(DAY, COUNTER_1.id)).toBeNull();
      expect((await s.tickets.lastAtCounter(DAY, COUNTER_1.id))?.id).toBe(called.at(-1));
      expect((await s.tickets.recentCalls(DAY)).map((t) => t.id)).toEqual([...called].reverse());
      expect(await s.tickets.lastAtCounter(DAY, 'quay-9')).toBeNull();
      expect(await s.tickets.lastSeq()).toBe(8);
    });

    it('call candidates: heads per service and class, the ticket transferred to this counter, calls since the last priority, calls per service', async () => {
      const s = await kind.fresh();
      const n1 = (await issue(s, HO_TICH, 0)).ticket;
      const p1 = (await issue(s, HO_TICH, 1, 'disabled')).ticket;
      const d1 = (await issue(s, DAT_DAI, 2)).ticket;
      const weighted = { ...COUNTER_1, serviceWeights: { 'ho-tich': 2, 'dat-dai': 1 } };
      const first = await s.transaction(() => s.tickets.callCandidates(DAY, weighted, 3));
      expect(first).toEqual({
        transferredHere: null,
        heads: [
          { serviceId: 'ho-tich', priority: p1, normal: n1 },
          { serviceId: 'dat-dai', priority: null, normal: d1 },
        ],
        normalCallsSincePriority: 0,
        callsByService: new Map(),
      });
      // The same read outside a transaction (a snapshot) answers the same.
      expect(await s.tickets.callCandidates(DAY, weighted, 3)).toEqual(first);
      await s.transaction(() => s.tickets.update({ ...n1, state: 'called', calledAt: at(5), firstCalledAt: at(5), counterId: 'quay-1' }));
      // Transferred to this counter: waiting again, assigned to it.
      await s.transaction(() => s.tickets.update({ ...d1, assignedCounterId: 'quay-1' }));
      const later = await s.tickets.callCandidates(DAY, weighted, 3);
      expect(later.transferredHere?.id).toBe(d1.id);
      expect(later.heads).toEqual([
        { serviceId: 'ho-tich', priority: p1, normal: null },
        { serviceId: 'dat-dai', priority: null, normal: null },
      ]);
      expect(later.normalCallsSincePriority).toBe(1);
      expect(later.callsByService).toEqual(new Map([['ho-tich', 1]]));
    });

    it('waiting ahead and waiting counts by service; taken today leaves out cancelled tickets', async () => {
      const s = await kind.fresh();
      const a = (await issue(s, HO_TICH, 0)).ticket;
      const b = (await issue(s, HO_TICH, 0)).ticket; // the same instant: the id breaks the tie
      const c = (await issue(s, HO_TICH, 1)).ticket;
      await issue(s, DAT_DAI, 2);
      expect([await s.tickets.waitingAhead(a), await s.tickets.waitingAhead(b), await s.tickets.waitingAhead(c)]).toEqual([0, 1, 2]);
      expect(await s.tickets.waitingCounts(DAY)).toEqual(new Map([['ho-tich', 3], ['dat-dai', 1]]));
      await apply(s, b.id, 'cancel', 3);
      expect(await s.tickets.waitingAhead(c)).toBe(1);
      expect(await s.tickets.waitingCounts(DAY)).toEqual(new Map([['ho-tich', 2], ['dat-dai', 1]]));
      expect(await s.tickets.takenToday(DAY, HO_TICH.id)).toBe(2);
      expect(await s.tickets.takenToday('2026-12-04', HO_TICH.id)).toBe(0);
    });

    it('service minutes of the latest finished services, newest first', async () => {
      const s = await kind.fresh();
      for (const [i, minutes] of [7, 3.5, 12].entries()) {
        const t = (await issue(s, HO_TICH, i)).ticket;
        const called = await callNext(s, COUNTER_1, 10 + i * 20);
        expect(called?.id).toBe(t.id);
        await apply(s, t.id, 'start', 10 + i * 20);
        await s.transaction(async () => {
          const current = (await s.tickets.byId(t.id))!;
          const finished = new Date(Date.parse(current.startedAt!) + minutes * 60_000).toISOString();
          return s.tickets.update({ ...current, state: 'done', finishedAt: finished });
        });
      }
      expect(await s.tickets.recentServiceMinutes(HO_TICH.id, 2)).toEqual([12, 3.5]);
      expect(await s.tickets.recentServiceMinutes(HO_TICH.id, 10)).toEqual([12, 3.5, 7]);
      expect(await s.tickets.recentServiceMinutes(DAT_DAI.id, 10)).toEqual([]);
    });

    it('wait figures of a new ticket: waiting ahead, the counter states and the service minutes, as the three reads answer them', async () => {
      const s = await kind.fresh();
      const first = (await issue(s, HO_TICH, 0)).ticket;
      await callNext(s, COUNTER_1, 5);
      await apply(s, first.id, 'start', 5);
      await s.transaction(async () => s.tickets.update({ ...(await s.tickets.byId(first.id))!, state: 'done', finishedAt: at(9) }));
      const waiting = [(await issue(s, HO_TICH, 10)).ticket, (await issue(s, DAT_DAI, 11)).ticket, (await issue(s, HO_TICH, 12)).ticket];
      const ticket = waiting[2]!;
      expect(await s.tickets.waitFigures(ticket, 10)).toEqual({ waitingAhead: 1, counterStates: new Map(), recentMinutes: [4] });
      await s.transaction(() => s.tickets.setCounterState('quay-1', { paused: true, pausedReason: 'Nghỉ giữa ca', clerkId: 'cb-1' }, at(13)));
      const figures = await s.transaction(() => s.tickets.waitFigures(ticket, 10));
      expect(figures).toEqual({ waitingAhead: await s.tickets.waitingAhead(ticket), counterStates: await s.tickets.counterStates(), recentMinutes: await s.tickets.recentServiceMinutes(HO_TICH.id, 10) });
      expect(figures.counterStates.get('quay-1')).toEqual({ paused: true, pausedReason: 'Nghỉ giữa ca', clerkId: 'cb-1' });
      expect((await s.tickets.waitFigures(waiting[1]!, 10)).recentMinutes).toEqual([]);
      expect((await s.tickets.waitFigures(ticket, 0)).recentMinutes).toEqual([]);
    });

    it('counter states: set, replaced, listed; counter events take the next seqs', async () => {
      const s = await kind.fresh();
      expect(await s.tickets.counterStates()).toEqual(new Map());
      await s.transaction(() => s.tickets.setCounterState('quay-1', { paused: true, pausedReason: 'Nghỉ giữa ca', clerkId: null }, at(0)));
      await s.transaction(() => s.tickets.setCounterState('quay-2', { paused: false, pausedReason: null, clerkId: 'cb-2' }, at(0)));
      await s.transaction(() => s.tickets.setCounterState('quay-1', { paused: false, pausedReason: null, clerkId: 'cb-1' }, at(1)));
      expect(await s.tickets.counterStates()).toEqual(
        new Map([
          ['quay-1', { paused: false, pausedReason: null, clerkId: 'cb-1' }],
          ['quay-2', { paused: false, pausedReason: null, clerkId: 'cb-2' }],
        ]),
      );
      // One counter's state, in a transaction (read to change it) or not; null for one never changed.
      expect(await s.transaction(() => s.tickets.counterState('quay-2'))).toEqual({ paused: false, pausedReason: null, clerkId: 'cb-2' });
      expect(await s.tickets.counterState('quay-1')).toEqual({ paused: false, pausedReason: null, clerkId: 'cb-1' });
      expect(await s.tickets.counterState('quay-9')).toBeNull();
      const state = { paused: false, pausedReason: null, clerk: { id: 'cb-1', name: 'Nguyễn Văn An' } };
      const e1 = await s.transaction(() => s.tickets.appendCounterEvent(DAY, 'quay-1', state, at(1)));
      await issue(s, HO_TICH, 2);
      const e2 = await s.transaction(() => s.tickets.appendCounterEvent(DAY, 'quay-2', state, at(3)));
      expect(e1).toEqual({ kind: 'counter', seq: 1, at: at(1), day: DAY, counterId: 'quay-1', state });
      expect(e2.seq).toBe(3);
      expect(await s.tickets.lastSeq()).toBe(3);
    });
  });
});
