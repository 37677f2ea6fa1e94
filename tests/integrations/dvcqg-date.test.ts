import { describe, expect, it } from 'vitest';
import { formatDvcqgDate, isDvcqgDate, parseDvcqgDate } from '../../core/integrations/dvcqg-date';

describe('DVCQG dates: yyyyMMddHHmmss in Vietnam time', () => {
  it.each([
    ['2026-12-03T09:30:05Z', '20261203163005'],
    // 17:00 UTC is midnight in Hà Nội: the portal's date is the next day.
    ['2026-12-31T17:00:00Z', '20270101000000'],
    ['2026-12-31T16:59:59Z', '20261231235959'],
    ['2024-02-28T18:00:00Z', '20240229010000'],
  ])('%s → %s', (iso, text) => {
    expect(formatDvcqgDate(new Date(iso))).toBe(text);
    expect(parseDvcqgDate(text)?.toISOString()).toBe(new Date(iso).toISOString());
  });

  it('does not depend on the process time zone (formatting is zoned, parsing a fixed UTC+7)', () => {
    const at = new Date('2026-06-15T23:45:00Z');
    expect(formatDvcqgDate(at)).toBe('20260616064500');
  });

  it.each(['2026120316300', '202612031630055', '2026-12-03 16:30', '20261303163005', '20260230120000', '20261203243005', '20261203166005', '20261203163060', '', 'abcdefghijklmn'])(
    'refuses "%s"',
    (text) => {
      expect(parseDvcqgDate(text)).toBeNull();
      expect(isDvcqgDate(text)).toBe(false);
    },
  );

  it('refuses to format an invalid Date', () => {
    expect(() => formatDvcqgDate(new Date('nope'))).toThrow(RangeError);
  });
});
