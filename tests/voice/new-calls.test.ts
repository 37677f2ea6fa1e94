import { describe, expect, test } from 'vitest';
import type { QueueSnapshot } from '../../core/queue/snapshot';
import { applyQueueEvent } from '../../core/queue/snapshot';
import type { Counter, Ticket } from '../../core/queue/types';
import { announcementsBetween, callKey, MAX_CALLS_PER_UPDATE, newCallsBetween } from '../../core/voice/new-calls';
import { calledTicket, emptyFloor, recalled } from './support/tickets';

const called = calledTicket;

/** The snapshot after the hub broadcasts `type` for `t` (the same reducer every device runs). */
function after(s: QueueSnapshot, type: 'ticket-called' | 'ticket-recalled' | 'ticket-started', t: Ticket): QueueSnapshot {
  const next = applyQueueEvent(s, { kind: 'ticket', seq: s.seq + 1, at: t.calledAt ?? '', type, ticket: t });
  if (next === null) throw new Error('event not applied');
  return next;
}

const numbers = (tickets: readonly Ticket[]): number[] => tickets.map((t) => t.number);

describe('which calls are new', () => {
  const start = emptyFloor();

  test('a call is new once; a later state change of the same ticket is silent', () => {
    const s1 = after(start, 'ticket-called', called(1, 1001, 'quay-1', '08:00'));
    expect(numbers(newCallsBetween(start, s1))).toEqual([1001]);
    const s2 = after(s1, 'ticket-started', { ...called(1, 1001, 'quay-1', '08:00'), state: 'serving' });
    expect(newCallsBetween(s1, s2)).toEqual([]);
    expect(newCallsBetween(s2, s2)).toEqual([]);
  });

  test('a recall (same ticket, new calledAt) is a new call', () => {
    const first = called(1, 1001, 'quay-1', '08:00');
    const s1 = after(after(start, 'ticket-called', first), 'ticket-called', called(2, 1002, 'quay-2', '08:01'));
    const recall = recalled(first, '08:03');
    const s2 = after(s1, 'ticket-recalled', recall);
    expect(newCallsBetween(s1, s2)).toEqual([recall]);
    expect(callKey(recall)).not.toBe(callKey(first));
  });

  test('several calls in one update are spoken oldest first', () => {
    const s1 = after(start, 'ticket-called', called(1, 1001, 'quay-1', '08:00'));
    const s2 = after(after(s1, 'ticket-called', called(2, 1002, 'quay-2', '08:01')), 'ticket-called', called(3, 1003, 'quay-3', '08:01'));
    expect(numbers(newCallsBetween(s1, s2))).toEqual([1002, 1003]);
  });

  test('the first snapshot a display sees, and the first of a new day, speak nothing', () => {
    const busy = after(start, 'ticket-called', called(1, 1001, 'quay-1', '08:00'));
    expect(newCallsBetween(null, busy)).toEqual([]);
    expect(newCallsBetween(busy, { ...busy, day: '2025-05-13' })).toEqual([]);
  });

  test(`after a long gap only the newest ${MAX_CALLS_PER_UPDATE} calls are spoken`, () => {
    let s = after(start, 'ticket-called', called(1, 1001, 'quay-1', '08:00'));
    const before = s;
    for (let i = 2; i <= 7; i++) s = after(s, 'ticket-called', called(i, 1000 + i, 'quay-1', `08:0${i}`));
    expect(numbers(newCallsBetween(before, s))).toEqual([1005, 1006, 1007]);
  });
});

describe('what the display says', () => {
  const counter = (id: string, label: string): Counter => ({ id, label, name: `Quầy ${label}`, serviceIds: ['ho-tich'] });
  const counters = [counter('quay-3a', '3A'), counter('quay-vip', 'VIP 1')];

  test('each new call with its counter label, and calls that cannot be spoken whole are reported, not shortened', () => {
    const start = emptyFloor();
    const s1 = after(start, 'ticket-called', calledTicket(1, 1023, 'quay-3a', '08:00'));
    const s2 = after(after(s1, 'ticket-called', calledTicket(2, 1024, 'quay-vip', '08:01')), 'ticket-called', calledTicket(3, 1025, 'quay-gone', '08:02'));
    const first = announcementsBetween(start, s1, counters);
    expect(first.calls).toEqual([
      {
        key: `1@${calledTicket(1, 1023, 'quay-3a', '08:00').calledAt}`,
        text: 'Mời khách hàng số một nghìn không trăm hai mươi ba đến quầy số ba a',
        clips: ['moi-khach-hang-so', 'mot-nang', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'ba', 'den-quay-so', 'ba', 'chu-a'],
      },
    ]);
    expect(first.problems).toEqual([]);
    const second = announcementsBetween(s1, s2, counters);
    expect(second.calls).toEqual([]);
    expect(second.problems).toHaveLength(2);
    expect(second.problems[0]).toContain('"VIP 1"');
    expect(second.problems[1]).toContain('quay-gone');
  });
});
