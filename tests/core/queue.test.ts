import { describe, expect, it } from 'vitest';
import { pickNext } from '../../core/queue/call-next';
import { nextNumber, serviceDay } from '../../core/queue/numbering';
import { applyQueueEvent, RECENT_CALLS, type QueueSnapshot } from '../../core/queue/snapshot';
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
  ...over,
});

describe('ticket state machine', () => {
  it('allows exactly waiting → called → serving → done | no-show', () => {
    const allowed: string[] = [];
    for (const s of TICKET_STATES) {
      for (const a of ['call', 'start', 'complete', 'no-show'] as TicketAction[]) {
        const r = transition(s, a);
        if (r.ok) allowed.push(`${s} -${a}-> ${r.value}`);
        else expect(r.error.kind).toBe('conflict');
      }
    }
    expect(allowed).toEqual(['waiting -call-> called', 'called -start-> serving', 'called -no-show-> no-show', 'serving -complete-> done']);
  });
});

describe('numbering', () => {
  it('draws from the service block and refuses past its end', () => {
    const s = { id: 'ho-tich', numberFrom: 1001, numberTo: 1003 };
    expect(nextNumber(s, null)).toEqual({ ok: true, value: 1001 });
    expect(nextNumber(s, 1002)).toEqual({ ok: true, value: 1003 });
    expect(nextNumber(s, 1003)).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
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
    expect(pickNext({ serviceIds: ['ho-tich', 'chung-thuc'] }, waiting)?.id).toBe(4);
    expect(pickNext({ serviceIds: ['xay-dung'] }, waiting)).toBeNull();
  });

  it('breaks ties on the issue time by id', () => {
    const at = '2026-11-22T01:00:00.000Z';
    expect(pickNext({ serviceIds: ['ho-tich'] }, [ticket({ id: 9, issuedAt: at }), ticket({ id: 7, issuedAt: at })])?.id).toBe(7);
  });
});

describe('applying events to a snapshot', () => {
  const base: QueueSnapshot = { seq: 4, day: '2026-11-22', waiting: { 'ho-tich': 2 }, counters: { 'quay-1': null }, recentCalls: [] };

  it('counts issues and calls, and tracks the counter and recent calls', () => {
    const issued = applyQueueEvent(base, { seq: 5, at: 'x', type: 'ticket-issued', ticket: ticket({ id: 10 }) });
    expect(issued?.waiting['ho-tich']).toBe(3);
    const called = ticket({ id: 10, state: 'called', counterId: 'quay-1', calledAt: 'y' });
    const after = applyQueueEvent(issued!, { seq: 6, at: 'y', type: 'ticket-called', ticket: called });
    expect(after).toMatchObject({ seq: 6, waiting: { 'ho-tich': 2 }, counters: { 'quay-1': { id: 10 } }, recentCalls: [{ id: 10 }] });
    const done = applyQueueEvent(after!, { seq: 7, at: 'z', type: 'ticket-started', ticket: { ...called, state: 'serving' } });
    expect(done?.counters['quay-1']?.state).toBe('serving');
    expect(done?.recentCalls[0]?.state).toBe('serving');
  });

  it('asks for a resync on a gap or a new day, and ignores events it already has', () => {
    expect(applyQueueEvent(base, { seq: 6, at: 'x', type: 'ticket-issued', ticket: ticket({}) })).toBeNull();
    expect(applyQueueEvent(base, { seq: 5, at: 'x', type: 'ticket-issued', ticket: ticket({ day: '2026-11-23' }) })).toBeNull();
    expect(applyQueueEvent(base, { seq: 4, at: 'x', type: 'ticket-issued', ticket: ticket({}) })).toBe(base);
  });

  it('keeps only the latest calls', () => {
    let s: QueueSnapshot = { ...base, waiting: { 'ho-tich': 50 } };
    for (let i = 1; i <= RECENT_CALLS + 3; i++) {
      s = applyQueueEvent(s, { seq: s.seq + 1, at: 'x', type: 'ticket-called', ticket: ticket({ id: i, state: 'called', counterId: 'quay-1' }) })!;
    }
    expect(s.recentCalls).toHaveLength(RECENT_CALLS);
    expect(s.recentCalls[0]?.id).toBe(RECENT_CALLS + 3);
  });
});
