import { describe, expect, test } from 'vitest';
import { foldVietnamese, matchesSearch } from '../../core/text/fold';

describe('Vietnamese search folding', () => {
  test('marks, đ, case and spaces do not matter', () => {
    expect(foldVietnamese('  Hộ   TỊCH ')).toBe('ho tich');
    expect(foldVietnamese('Đất đai')).toBe('dat dai');
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe('nguyen');
  });

  test('every typed word starts a word of the name', () => {
    expect(matchesSearch('Hộ tịch', 'hộ')).toBe(true);
    expect(matchesSearch('Hộ tịch', 'ti')).toBe(true);
    expect(matchesSearch('Đất đai', 'dat')).toBe(true);
    expect(matchesSearch('Đất đai', 'đai đất')).toBe(true);
    expect(matchesSearch('Hộ tịch', 'đất')).toBe(false);
    expect(matchesSearch('Hộ tịch', 'ich')).toBe(false);
    expect(matchesSearch('Hộ tịch', '')).toBe(true);
  });
});
