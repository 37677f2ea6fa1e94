import { afterEach, describe, expect, test, vi as vitest } from 'vitest';
import { ticketAtCounter } from '../../renderer/counter/current-ticket';
import { parseContext, parseResult } from '../../renderer/bridge/schemas';
import { en } from '../../renderer/i18n/en';
import { vi } from '../../renderer/i18n/vi';
import { describeError } from '../../renderer/shared/describe-error';
import { busyFloor, contextFor, snapshot, ticket } from './support/contexts';

afterEach(() => vitest.restoreAllMocks());

describe('the ticket a counter shows', () => {
  const called = ticket(40, 'ho-tich', 1004, 'called', 'quay-1', '09:00');

  test('the pushed snapshot when no command answered yet', () => {
    expect(ticketAtCounter(busyFloor(), 'quay-1', null)?.number).toBe(1003);
    expect(ticketAtCounter(null, 'quay-1', null)).toBeNull();
  });

  test('an answer the push has not caught up with wins (no second citizen called by a stale screen)', () => {
    expect(ticketAtCounter(snapshot(), 'quay-1', called)).toEqual(called);
    const started = { ...called, state: 'serving' as const };
    const pushedStillCalled = snapshot({ counters: { 'quay-1': called } });
    expect(ticketAtCounter(pushedStillCalled, 'quay-1', started)?.state).toBe('serving');
  });

  test('once the push is as far or further, the push wins', () => {
    const done = { ...called, state: 'done' as const };
    expect(ticketAtCounter(snapshot({ counters: { 'quay-1': done } }), 'quay-1', called)?.state).toBe('done');
    const later = ticket(41, 'ho-tich', 1005, 'called', 'quay-1', '09:05');
    expect(ticketAtCounter(snapshot({ counters: { 'quay-1': later } }), 'quay-1', called)?.number).toBe(1005);
  });

  test("yesterday's answer never shows on a new day", () => {
    const yesterday = { ...called, day: '2025-05-11' };
    expect(ticketAtCounter(snapshot(), 'quay-1', yesterday)).toBeNull();
  });
});

describe('errors in words', () => {
  test('the kind in the screen language, with the particulars for staff', () => {
    const error = { kind: 'paper-out' as const, message: 'Máy in quầy 1 báo hết giấy' };
    expect(describeError(vi, error, false)).toBe('Máy in đã hết giấy.');
    expect(describeError(vi, error, true)).toBe('Máy in đã hết giấy. Máy in quầy 1 báo hết giấy.');
    expect(describeError(en, error, false)).toBe('The printer is out of paper.');
  });
});

describe('what the renderer accepts from its bridge', () => {
  test('a valid context and answer pass unchanged', async () => {
    const context = contextFor('display-1', { snapshot: busyFloor() });
    expect(parseContext(context)).toEqual(context);
    expect((await parseResult('counter:start', { ok: true, value: { ticket: ticket(1, 'ho-tich', 1001, 'serving', 'quay-1', '08:00') } })).ok).toBe(true);
    expect(await parseResult('counter:call-next', { ok: false, error: { kind: 'not-found', message: 'Không còn ai đang chờ.' } })).toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'Không còn ai đang chờ.' },
    });
  });

  test('a malformed one becomes an error in words, and says where it broke', async () => {
    const logged = vitest.spyOn(console, 'error').mockImplementation(() => {});
    expect(parseContext({ ...contextFor('kiosk-1'), services: 'none' })).toBeNull();
    const answer = await parseResult('kiosk:take-ticket', { ok: true, value: { ticket: null } });
    expect(answer).toEqual({ ok: false, error: { kind: 'internal', message: 'Máy trạm trả lời không hợp lệ (kiosk:take-ticket).' } });
    expect((await parseResult('counter:start', { ok: false, error: { kind: 'oops', message: '' } })).ok).toBe(false);
    expect(logged.mock.calls[0]?.[0]).toContain('services');
  });
});

describe('languages', () => {
  function shape(value: unknown): unknown {
    if (typeof value === 'function') return 'function';
    if (typeof value !== 'object' || value === null) return typeof value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  }

  test('English has exactly the Vietnamese keys', () => {
    expect(shape(en)).toEqual(shape(vi));
  });

  test('Vietnamese texts carry their diacritics', () => {
    expect(vi.kiosk.prompt).toBe('Chọn dịch vụ để lấy số thứ tự');
    expect(vi.kiosk.offlineBanner).toBe('Mất kết nối máy chủ — vui lòng chờ hoặc liên hệ cán bộ');
    expect(vi.kiosk.printFailed).toBe('Máy in đang gặp sự cố — vui lòng ghi nhớ số của bạn');
    expect(vi.counter.nobodyWaiting).toBe('Không còn ai đang chờ');
    expect(vi.ticketState('serving')).toBe('đang phục vụ');
  });
});
