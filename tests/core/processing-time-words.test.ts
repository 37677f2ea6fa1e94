import { describe, expect, it } from 'vitest';
import { processingTimeVi } from '../../core/dossiers/processing-time-words';

describe('a procedure’s processing time as Form 01 states it', () => {
  it.each([
    [{ workingDays: 0 }, 'Trong ngày'],
    [{ workingDays: 1 }, '01 ngày làm việc'],
    [{ workingDays: 3 }, '03 ngày làm việc'],
    [{ workingDays: 15 }, '15 ngày làm việc'],
    [{ workingDays: 120 }, '120 ngày làm việc'],
    [{ workingHours: 4 }, '4 giờ làm việc'],
    [{ workingHours: 1.5 }, '1,5 giờ làm việc'],
  ] as const)('%o → %s', (processing, words) => {
    expect(processingTimeVi(processing)).toBe(words);
  });
});
