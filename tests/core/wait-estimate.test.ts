import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes } from '../../core/queue/wait-estimate';

describe('estimated wait', () => {
  it('is the people ahead times the mean recent service time, shared by the open counters', () => {
    expect(estimateWaitMinutes(4, [5, 7, 6], 1)).toBe(24); // 4 × 6
    expect(estimateWaitMinutes(4, [5, 7, 6], 2)).toBe(12);
    expect(estimateWaitMinutes(3, [4.5], 2)).toBe(7); // ceil(3 × 4.5 / 2 = 6.75)
    expect(estimateWaitMinutes(0, [5], 1)).toBe(0);
  });

  it('gives no figure without any finished service, and treats no open counter as one', () => {
    expect(estimateWaitMinutes(5, [], 3)).toBeNull();
    expect(estimateWaitMinutes(2, [10], 0)).toBe(20);
  });
});
