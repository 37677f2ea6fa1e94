import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePublicBaseUrl } from '../../../core/public/public-base-url';
import { RateWindow } from '../../../core/public/rate-window';
import { isTicketTokenShaped, TICKET_TOKEN_BYTES, TICKET_TOKEN_CHARS, ticketPageUrl, ticketTokenFromBytes } from '../../../core/public/ticket-token';
import { positionsOf, publicTicketView, ticketPageExpired } from '../../../core/public/ticket-view';

describe('ticket token', () => {
  it('carries at least 128 random bits as 24 base64url characters, the same as Node encodes them', () => {
    expect(TICKET_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(TICKET_TOKEN_BYTES);
      const token = ticketTokenFromBytes(bytes);
      expect(token).toBe(bytes.toString('base64url'));
      expect(token).toHaveLength(TICKET_TOKEN_CHARS);
      expect(isTicketTokenShaped(token)).toBe(true);
    }
  });

  it('refuses a wrong number of bytes and tells tokens from other text', () => {
    expect(() => ticketTokenFromBytes(new Uint8Array(16))).toThrow(/18 random bytes/);
    expect(isTicketTokenShaped('A'.repeat(23))).toBe(false);
    expect(isTicketTokenShaped('A'.repeat(25))).toBe(false);
    expect(isTicketTokenShaped(`${'A'.repeat(23)}=`)).toBe(false);
    expect(isTicketTokenShaped(`${'A'.repeat(23)}/`)).toBe(false);
    expect(ticketPageUrl('https://x.gov.vn', 'abc')).toBe('https://x.gov.vn/t/abc');
  });
});

describe('publicBaseUrl', () => {
  it('takes an https address and normalises it', () => {
    expect(parsePublicBaseUrl('https://motcua.hoankiem.hanoi.gov.vn')).toEqual({ ok: true, value: 'https://motcua.hoankiem.hanoi.gov.vn' });
    expect(parsePublicBaseUrl('https://MotCua.Example.gov.vn/')).toEqual({ ok: true, value: 'https://motcua.example.gov.vn' });
    expect(parsePublicBaseUrl('https://example.gov.vn:8443/mot-cua/')).toEqual({ ok: true, value: 'https://example.gov.vn:8443/mot-cua' });
  });

  it.each([
    ['http://motcua.example.gov.vn', /https/],
    ['motcua.example.gov.vn', /https/],
    ['https://user:pw@motcua.example.gov.vn', /đăng nhập/],
    ['https://motcua.example.gov.vn/?a=1', /truy vấn/],
    ['https://motcua.example.gov.vn/#x', /neo/],
    ['https://', /hợp lệ/],
    ['https://exa mple.gov.vn', /hợp lệ/],
    ['https://example.gov.vn:99999', /hợp lệ/],
  ])('refuses %s with a Vietnamese message', (text, message) => {
    const r = parsePublicBaseUrl(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-input');
      expect(r.error.message).toMatch(message);
    }
  });
});

describe('RateWindow', () => {
  it('allows the limit per window and says when to come back', () => {
    const w = new RateWindow({ limit: 3, windowMs: 1000 });
    expect([w.take('a', 0), w.take('a', 10), w.take('a', 20)].every((d) => d.ok)).toBe(true);
    expect(w.take('a', 400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(w.exhausted('a', 400)).toBe(true);
    expect(w.take('b', 400).ok).toBe(true); // keys are apart
    expect(w.exhausted('a', 1000)).toBe(false);
    expect(w.take('a', 1000).ok).toBe(true); // a new window
  });

  it('stays within its key bound under a flood of new keys', () => {
    const w = new RateWindow({ limit: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) w.take(`k${i}`, i);
    expect(w.size).toBe(100);
  });

  it('treats a clock that went back as a new window, not a negative wait', () => {
    const w = new RateWindow({ limit: 1, windowMs: 1000 });
    w.take('a', 5000);
    expect(w.take('a', 4000).ok).toBe(true);
  });
});

describe('public ticket view', () => {
  const ticket = { number: 1023, state: 'waiting' as const, day: '2026-12-03', calledAt: null, counterId: null };

  it('shows the place and the estimate while waiting, the counter once called, and nothing else', () => {
    expect(publicTicketView({ ticket, serviceName: 'Hộ tịch', counterLabel: null, ahead: 4, estimatedWaitMinutes: 12 })).toEqual({
      number: 1023, serviceName: 'Hộ tịch', phase: 'waiting', ahead: 4, estimatedWaitMinutes: 12, counterLabel: null, calledAt: null, day: '2026-12-03', reminder: null, canRemind: false, canRate: false, rated: false,
    });
    const called = { ...ticket, state: 'called' as const, calledAt: '2026-12-03T02:10:00.000Z', counterId: 'quay-3' };
    expect(publicTicketView({ ticket: called, serviceName: 'Hộ tịch', counterLabel: '3', ahead: 0, estimatedWaitMinutes: 0 })).toMatchObject({
      phase: 'called', ahead: null, estimatedWaitMinutes: null, counterLabel: '3', calledAt: '2026-12-03T02:10:00.000Z',
    });
    expect(publicTicketView({ ticket: { ...called, state: 'no-show' }, serviceName: 'Hộ tịch', counterLabel: '3', ahead: 0, estimatedWaitMinutes: 0 })).toMatchObject({ phase: 'missed', counterLabel: null });
    expect(publicTicketView({ ticket: { ...called, state: 'done' }, serviceName: 'Hộ tịch', counterLabel: '3', ahead: 0, estimatedWaitMinutes: 0 }).phase).toBe('done');
  });

  it('expires when its day is over, and orders positions by issue', () => {
    expect(ticketPageExpired('2026-12-03', '2026-12-03')).toBe(false);
    expect(ticketPageExpired('2026-12-03', '2026-12-04')).toBe(true);
    expect(ticketPageExpired('2026-12-31', '2027-01-01')).toBe(true);
    expect(positionsOf([7, 3, 9])).toEqual(new Map([[7, 0], [3, 1], [9, 2]]));
  });
});
