import { describe, expect, it } from 'vitest';
import { maskPhone, normaliseVietnameseMobile } from '../../core/integrations/vn-phone';

describe('Vietnamese mobile numbers → 84… for ZNS and SMS', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['0912 345 678', '84912345678'],
    ['091.234.5678', '84912345678'],
    ['(+84) 912-345-678', '84912345678'],
    ['+84912345678', '84912345678'],
    ['0084912345678', '84912345678'],
    ['84912345678', '84912345678'],
    ['0326123456', '84326123456'], // Viettel 03x
    ['0523123456', '84523123456'], // Vietnamobile 052
    ['0708123456', '84708123456'], // MobiFone 070
    ['0888123456', '84888123456'], // VinaPhone 088
    ['0869123456', '84869123456'], // Viettel 086
    ['0992123456', '84992123456'], // Gmobile 099
  ])('%s → %s', (text, expected) => {
    expect(normaliseVietnameseMobile(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['0243826 1234', 'landline'], // Hà Nội landline, 11 digits with 0
    ['02438261234', 'landline'],
    ['0312345678', 'unknown prefix 031'],
    ['0512345678', 'unknown prefix 051'],
    ['0712345678', 'unknown prefix 071'],
    ['0801234567', 'unknown prefix 080'],
    ['01234567890', '10 digits'], // a retired 11-digit 01xx number
    ['091234567', '10 digits'],
    ['+1 415 555 0100', 'not a Vietnamese number'],
    ['+8491234567', '10 digits'],
    ['912345678', 'starts with 0 or +84'],
    ['09123abc78', 'not a phone number'],
    ['', 'not a phone number'],
    ['0912345678; DROP', 'not a phone number'],
  ])('refuses %s (%s)', (text, reason) => {
    const r = normaliseVietnameseMobile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-input');
      expect(r.error.message).toContain(reason);
    }
  });

  it('masks a number for logs', () => {
    expect(maskPhone('84912345678')).toBe('84912***678');
  });
});
