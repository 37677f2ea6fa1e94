import { describe, expect, it } from 'vitest';
import { dayInZone, zonedFormatter } from '../../core/calendar/zoned-format';
import { serviceDay } from '../../core/queue/numbering';

describe('formatters built once per locale, zone and options', () => {
  it('hands out the same formatter for the same request and another for another zone or option', () => {
    const a = zonedFormatter('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' });
    expect(zonedFormatter('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' })).toBe(a);
    expect(zonedFormatter('en-GB', { timeZone: 'UTC', hour: '2-digit', hourCycle: 'h23' })).not.toBe(a);
    expect(zonedFormatter('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' })).not.toBe(a);
    expect(a.format(new Date('2026-11-22T17:30:00.000Z'))).toBe('00');
  });

  it('gives the centre day across midnight in the zone, and refuses an unknown zone every time', () => {
    expect(dayInZone(new Date('2026-11-22T16:59:59.000Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-22');
    expect(serviceDay(new Date('2026-11-22T17:00:00.000Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-23');
    expect(serviceDay(new Date('2026-11-22T17:00:00.000Z'), 'UTC')).toBe('2026-11-22');
    for (let i = 0; i < 2; i++) expect(() => dayInZone(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
