import { describe, expect, it } from 'vitest';
import { inputsFromFigures, issueAnswer, loggedAnswerJson, STORED_ISSUE_PREFIX } from '../../hub/queue/issue-answer';
import type { TicketRow } from '../../hub/queue/ticket-rows';
import { toTicket } from '../../hub/queue/ticket-rows';

const ROW: TicketRow = {
  id: 41, day: '2026-12-05', service_id: 'ho-tich', number: 1007, state: 'waiting', issued_at: '2026-12-05T02:00:00.000Z', called_at: null, started_at: null,
  finished_at: null, counter_id: null, issued_by: 'kiosk-1', priority: 'normal', recalls: 0, assigned_counter_id: null, first_called_at: null, clerk_id: null,
};
const COUNTERS = [
  { id: 'quay-1', label: '1', name: 'Quầy 1', serviceIds: ['ho-tich'] },
  { id: 'quay-2', label: '2', name: 'Quầy 2', serviceIds: ['ho-tich', 'dat-dai'] },
  { id: 'quay-3', label: '3', name: 'Quầy 3', serviceIds: ['dat-dai'] },
];

/** What the one-statement issue stores (hub/store/pg/pg-issue-alone.ts builds the same JSON in SQL). */
const stored = (over: Record<string, unknown> = {}) =>
  `${STORED_ISSUE_PREFIX}${JSON.stringify({ ticket: ROW, waitingAhead: 6, serving: ['quay-1', 'quay-2'], paused: ['quay-2', 'quay-3'], minutes: [4, 6], trackingUrl: 'https://motcua.example.gov.vn/t/abc', ...over })}}`;

describe("a ticket:issue answer and its stored inputs (hub/queue/issue-answer.ts)", () => {
  it('is core\'s estimate over the open counters serving the service: paused ones and other services\' do not count', () => {
    const answer = issueAnswer({ ticket: toTicket(ROW), waitingAhead: 6, servingCounters: ['quay-1', 'quay-2'], pausedCounters: ['quay-2', 'quay-3'], recentMinutes: [4, 6] });
    // 6 ahead × 5 minutes mean / 1 open counter.
    expect(answer).toEqual({ ticket: toTicket(ROW), waitingAhead: 6, estimatedWaitMinutes: 30 });
  });

  it('is the same from the transactional way\'s figures', () => {
    const states = new Map([['quay-2', { paused: true, pausedReason: null, clerkId: null }], ['quay-1', { paused: false, pausedReason: null, clerkId: 'lan' }]]);
    const inputs = inputsFromFigures(toTicket(ROW), COUNTERS, { waitingAhead: 6, counterStates: states, recentMinutes: [4, 6] });
    expect(inputs).toMatchObject({ servingCounters: ['quay-1', 'quay-2'], pausedCounters: ['quay-2'] });
    expect(issueAnswer(inputs).estimatedWaitMinutes).toBe(30);
  });

  it('rebuilds a stored form into the Result the terminal heard, and leaves every other logged answer as it is', () => {
    expect(JSON.parse(loggedAnswerJson(stored()))).toEqual({
      ok: true,
      value: { ticket: toTicket(ROW), waitingAhead: 6, estimatedWaitMinutes: 30, trackingUrl: 'https://motcua.example.gov.vn/t/abc' },
    });
    expect(JSON.parse(loggedAnswerJson(stored({ trackingUrl: null, minutes: [] }))).value).toEqual({ ticket: toTicket(ROW), waitingAhead: 6, estimatedWaitMinutes: null });
    const refusal = JSON.stringify({ ok: false, error: { kind: 'exhausted', message: 'Hết số.' } });
    expect(loggedAnswerJson(refusal)).toBe(refusal);
  });

  it('refuses a stored form it cannot read rather than answer something else', () => {
    expect(() => loggedAnswerJson(stored({ waitingAhead: -1 }))).toThrow(/unreadable/);
    expect(() => loggedAnswerJson(`${STORED_ISSUE_PREFIX}{"ticket":{}}}`)).toThrow(/unreadable/);
  });
});
