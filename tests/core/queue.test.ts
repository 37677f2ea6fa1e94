import { describe, expect, it } from 'vitest';
import { pickNext, type CallContext } from '../../core/queue/call-next';
import { DEFAULT_QUEUE_RULES } from '../../core/queue/rules';
import { nextNumber, serviceDay } from '../../core/queue/numbering';
import { applyQueueEvent, RECENT_CALLS, type QueueEvent, type QueueSnapshot, type TicketEventType } from '../../core/queue/snapshot';
import { transition, type TicketAction } from '../../core/queue/ticket-state';
import { TICKET_STATES, type Ticket } from '../../core/queue/types';

const ticket = (over: Partial<Ticket>): Ticket => ({
  id: 1,
  serviceId: 'ho-tich',
  number: 1001,
  day: '2026-11-22',
  state: 'waiting',
  issuedAt: '2026-11-22T01:00:00.000Z',
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  counterId: null,
  issuedBy: 'kiosk-1',
  priority: 'normal',
  recalls: 0,
  assignedCounterId: null,
  clerkId: null,
  firstCalledAt: null,
  ...over,
});

const ctx = (over: Partial<CallContext> = {}): CallContext => ({ now: new Date('2026-11-22T01:10:00.000Z'), rules: DEFAULT_QUEUE_RULES, calledHere: [], ...over });
const ev = (seq: number, type: TicketEventType, t: Ticket): QueueEvent => ({ kind: 'ticket', seq, at: 'x', type, ticket: t });

describe('ticket state machine', () => {
  it('allows exactly waiting → called → serving → done | no-show', () => {
    const allowed: string[] = [];
    for (const s of TICKET_STATES) {
      for (const a of ['call', 'cancel', 'recall', 'start', 'complete', 'no-show', 'transfer'] as TicketAction[]) {
        const r = transition(s, a);
        if (r.ok) allowed.push(`${s} -${a}-> ${r.value}`);
        else expect(r.error.kind).toBe('conflict');
      }
    }
    expect(allowed).toEqual([
      'waiting -call-> called',
      'waiting -cancel-> cancelled',
      'called -recall-> called',
      'called -start-> serving',
      'called -no-show-> no-show',
      'called -transfer-> waiting',
      'serving -complete-> done',
      'serving -transfer-> waiting',
    ]);
  });
});

describe('numbering', () => {
  it('draws from the service block and refuses past its end', () => {
    const s = { id: 'ho-tich', numberFrom: 1001, numberTo: 1003 };
    expect(nextNumber(s, null, null)).toEqual({ ok: true, value: 1001 });
    expect(nextNumber(s, 1002, null)).toEqual({ ok: true, value: 1003 });
    expect(nextNumber(s, 1003, null)).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
  });

  it('counts the day in the centre time zone, not UTC', () => {
    expect(serviceDay(new Date('2026-11-22T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-22');
    expect(serviceDay(new Date('2026-11-22T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-23');
    expect(serviceDay(new Date('2026-11-22T17:00:00Z'), 'UTC')).toBe('2026-11-22');
  });
});

describe('call next', () => {
  it('takes the oldest waiting ticket among the counter services', () => {
    const waiting = [
      ticket({ id: 3, serviceId: 'dat-dai', issuedAt: '2026-11-22T01:00:00.000Z' }),
      ticket({ id: 5, serviceId: 'ho-tich', issuedAt: '2026-11-22T01:05:00.000Z' }),
      ticket({ id: 4, serviceId: 'chung-thuc', issuedAt: '2026-11-22T01:02:00.000Z' }),
      ticket({ id: 2, serviceId: 'ho-tich', issuedAt: '2026-11-22T01:02:00.000Z', state: 'called' }),
    ];
    expect(pickNext({ id: 'quay-1', serviceIds: ['ho-tich', 'chung-thuc'] }, waiting, ctx())?.id).toBe(4);
    expect(pickNext({ id: 'quay-2', serviceIds: ['xay-dung'] }, waiting, ctx())).toBeNull();
  });

  it('breaks ties on the issue time by id', () => {
    const at = '2026-11-22T01:00:00.000Z';
    expect(pickNext({ id: 'quay-1', serviceIds: ['ho-tich'] }, [ticket({ id: 9, issuedAt: at }), ticket({ id: 7, issuedAt: at })], ctx())?.id).toBe(7);
  });
});

describe('applying events to a snapshot', () => {
  const base: QueueSnapshot = { seq: 4, day: '2026-11-22', waiting: { 'ho-tich': 2 }, counters: { 'quay-1': null }, counterStates: {}, recentCalls: [] };

  it('counts issues and calls, and tracks the counter and recent calls', () => {
    const issued = applyQueueEvent(base, { kind: 'ticket', seq: 5, at: 'x', type: 'ticket-issued', ticket: ticket({ id: 10 }) });
    expect(issued?.waiting['ho-tich']).toBe(3);
    const called = ticket({ id: 10, state: 'called', counterId: 'quay-1', calledAt: 'y' });
    const after = applyQueueEvent(issued!, { kind: 'ticket', seq: 6, at: 'y', type: 'ticket-called', ticket: called });
    expect(after).toMatchObject({ seq: 6, waiting: { 'ho-tich': 2 }, counters: { 'quay-1': { id: 10 } }, recentCalls: [{ id: 10 }] });
    const done = applyQueueEvent(after!, { kind: 'ticket', seq: 7, at: 'z', type: 'ticket-started', ticket: { ...called, state: 'serving' } });
    expect(done?.counters['quay-1']?.state).toBe('serving');
    expect(done?.recentCalls[0]?.state).toBe('serving');
  });

  it('asks for a resync on a gap or a new day, and ignores events it already has', () => {
    expect(applyQueueEvent(base, { kind: 'ticket', seq: 6, at: 'x', type: 'ticket-issued', ticket: ticket({}) })).toBeNull();
    expect(applyQueueEvent(base, { kind: 'ticket', seq: 5, at: 'x', type: 'ticket-issued', ticket: ticket({ day: '2026-11-23' }) })).toBeNull();
    expect(applyQueueEvent(base, { kind: 'ticket', seq: 4, at: 'x', type: 'ticket-issued', ticket: ticket({}) })).toBe(base);
  });

  it('keeps only the latest calls', () => {
    let s: QueueSnapshot = { ...base, waiting: { 'ho-tich': 50 } };
    for (let i = 1; i <= RECENT_CALLS + 3; i++) {
      s = applyQueueEvent(s, ev(s.seq + 1, 'ticket-called', ticket({ id: i, state: 'called', counterId: 'quay-1' })))!;
    }
    expect(s.recentCalls).toHaveLength(RECENT_CALLS);
    expect(s.recentCalls[0]?.id).toBe(RECENT_CALLS + 3);
  });
});

describe('queue rules at the call', () => {
  const counter = { id: 'quay-1', serviceIds: ['ho-tich', 'chung-thuc'] };
  const t0 = Date.parse('2026-11-22T01:00:00.000Z');
  const at = (min: number) => new Date(t0 + min * 60_000).toISOString();

  it('interleaves priority tickets by the ratio instead of letting them jump the whole queue', () => {
    const waiting = [ticket({ id: 1, issuedAt: at(0) }), ticket({ id: 2, issuedAt: at(1) }), ticket({ id: 3, issuedAt: at(2), priority: 'elderly' })];
    const called = (...ps: Ticket['priority'][]) => ps.map((p, i) => ticket({ id: 100 + i, priority: p, state: 'done' }));
    expect(pickNext(counter, waiting, ctx({ calledHere: [] }))?.id).toBe(1); // 0 normal calls since a priority one < 2
    expect(pickNext(counter, waiting, ctx({ calledHere: called('normal') }))?.id).toBe(1);
    expect(pickNext(counter, waiting, ctx({ calledHere: called('normal', 'normal') }))?.id).toBe(3);
    expect(pickNext(counter, waiting, ctx({ calledHere: called('normal', 'pregnant', 'normal') }))?.id).toBe(1);
    expect(pickNext(counter, [waiting[2]!], ctx())?.id).toBe(3); // nobody normal waits: the priority ticket goes
    expect(pickNext(counter, waiting, ctx({ rules: { ...DEFAULT_QUEUE_RULES, priorityRatio: 0 } }))?.id).toBe(3);
  });

  it('calls anyone over the maximum wait first, the longest-waiting of them', () => {
    const waiting = [ticket({ id: 1, issuedAt: at(0), serviceId: 'chung-thuc' }), ticket({ id: 2, issuedAt: at(5), priority: 'disabled' })];
    const rules = { ...DEFAULT_QUEUE_RULES, maxWaitMinutes: 30, priorityRatio: 0 };
    expect(pickNext(counter, waiting, ctx({ rules, now: new Date(t0 + 20 * 60_000) }))?.id).toBe(2);
    expect(pickNext(counter, waiting, ctx({ rules, now: new Date(t0 + 31 * 60_000) }))?.id).toBe(1);
  });

  it('shares calls between services by the counter weights', () => {
    const weighted = { ...counter, serviceWeights: { 'ho-tich': 3, 'chung-thuc': 1 } };
    const waiting = [ticket({ id: 1, issuedAt: at(0), serviceId: 'chung-thuc' }), ticket({ id: 2, issuedAt: at(1) })];
    const calledHere = (h: number, c: number) => [
      ...Array.from({ length: h }, (_, i) => ticket({ id: 50 + i, serviceId: 'ho-tich', state: 'done' })),
      ...Array.from({ length: c }, (_, i) => ticket({ id: 80 + i, serviceId: 'chung-thuc', state: 'done' })),
    ];
    expect(pickNext(weighted, waiting, ctx({ calledHere: calledHere(0, 0) }))?.id).toBe(2); // tie → first listed service
    expect(pickNext(weighted, waiting, ctx({ calledHere: calledHere(2, 1) }))?.id).toBe(2); // 2/3 < 1/1
    expect(pickNext(weighted, waiting, ctx({ calledHere: calledHere(3, 0) }))?.id).toBe(1); // 3/3 > 0/1
  });

  it('gives a ticket transferred to a counter to that counter only, ahead of its queue', () => {
    const waiting = [ticket({ id: 1, issuedAt: at(0) }), ticket({ id: 2, issuedAt: at(3), serviceId: 'dat-dai', assignedCounterId: 'quay-1' }), ticket({ id: 3, issuedAt: at(1), assignedCounterId: 'quay-3' })];
    expect(pickNext(counter, waiting, ctx())?.id).toBe(2);
    expect(pickNext({ id: 'quay-2', serviceIds: ['ho-tich'] }, waiting, ctx())?.id).toBe(1);
  });
});
