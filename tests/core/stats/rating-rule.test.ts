import { describe, expect, it } from 'vitest';
import { ticketEntryOf, ticketQrCode } from '../../../core/queue/ticket-entry';
import { ratingRefusal } from '../../../core/stats/rating-rule';

describe('the rating rule (one for the counter, the kiosk and the phone page)', () => {
  const done = { number: 1004, state: 'done' as const, day: '2026-12-03' };
  it.each([
    [done, false, '2026-12-03', null],
    [done, true, '2026-12-03', 'already-rated'],
    [{ ...done, state: 'serving' as const }, false, '2026-12-03', 'not-served'],
    [{ ...done, state: 'no-show' as const }, false, '2026-12-03', 'not-served'],
    [done, false, '2026-12-04', 'other-day'],
    [{ ...done, state: 'waiting' as const }, true, '2026-12-04', 'other-day'],
  ])('%o rated=%s on %s → %s', (ticket, rated, today, reason) => {
    expect(ratingRefusal(ticket, rated, today)?.reason ?? null).toBe(reason);
  });
  it('says it in Vietnamese', () => {
    expect(ratingRefusal(done, true, '2026-12-03')?.message).toBe('Lượt này đã được đánh giá (vé số 1004).');
    expect(ratingRefusal(done, false, '2026-12-05')?.message).toContain('ngày 03/12/2026');
  });
});

describe('what the kiosk was given to name a ticket', () => {
  const token = 'aB3_-xYz0123456789abcdEF';
  it.each([
    ['1023', { kind: 'number', number: 1023 }],
    [' 1023\r\n', { kind: 'number', number: 1023 }],
    [`https://motcua.hoankiem.gov.vn/t/${token}`, { kind: 'token', token }],
    [`HTTPS://MOTCUA.HOANKIEM.GOV.VN/t/${token}/`, { kind: 'token', token }],
    ['MOTCUA:VE:2026-12-03:ho-tich:1001', { kind: 'code', day: '2026-12-03', serviceId: 'ho-tich', number: 1001 }],
    ['motcua:ve:2026-12-03:HO-TICH:1001', { kind: 'code', day: '2026-12-03', serviceId: 'ho-tich', number: 1001 }],
    ['0', null],
    ['123456', null],
    ['MOTCUA:HS:HK-261120-0007', null],
    [`https://x/t/${token.slice(1)}`, null],
    ['', null],
  ])('%j → %o', (text, entry) => {
    expect(ticketEntryOf(text)).toEqual(entry);
  });
  it('reads back the code a ticket QR holds', () => {
    expect(ticketEntryOf(ticketQrCode({ day: '2026-12-03', serviceId: 'dat-dai', number: 3007 }))).toEqual({ kind: 'code', day: '2026-12-03', serviceId: 'dat-dai', number: 3007 });
  });
});
