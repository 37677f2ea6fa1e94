import { describe, expect, it } from 'vitest';
import { buildStatsReport, hourLabel, localHour, type TicketFact } from '../../core/stats/aggregate-stats';
import { mean, nearestRankPercentile, round2 } from '../../core/stats/percentile';
import { normaliseComment } from '../../core/stats/ratings';
import { StatsRangeSchema } from '../../core/stats/stats-report';
import { statsCsv } from '../../core/stats/stats-table';

describe('percentiles and means', () => {
  it('takes the nearest rank ⌈p·n⌉ of the sorted values', () => {
    // 10 values: rank ⌈9⌉ = 9 → the 9th smallest.
    expect(nearestRankPercentile([5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 0.9)).toBe(9);
    // 11 values: rank ⌈9.9⌉ = 10.
    expect(nearestRankPercentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(nearestRankPercentile([42], 0.9)).toBe(42);
    expect(nearestRankPercentile([], 0.9)).toBeNull();
    expect(nearestRankPercentile([3, 1, 2], 1)).toBe(3);
    expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
  });

  it('means and rounds to two decimals', () => {
    expect(mean([])).toBeNull();
    expect(round2(mean([1, 2, 2]))).toBe(1.67);
    expect(round2(null)).toBeNull();
  });
});

describe('grouping', () => {
  const fact = (over: Partial<TicketFact>): TicketFact => ({
    day: '2026-11-23', hour: 8, serviceId: 'ho-tich', counterId: 'quay-1', clerkId: 'lan', state: 'done', waitSeconds: 600, serviceSeconds: 300, rating: null, ...over,
  });
  const labels = { services: new Map([['dat-dai', 'Đất đai'], ['ho-tich', 'Hộ tịch']]), counters: new Map([['quay-1', 'Quầy 1']]), clerks: new Map([['lan', 'Lan']]) };

  it('keeps never-called tickets out of counters and clerks, lists in config order, sums idle gaps', () => {
    const report = buildStatsReport({
      range: { from: '2026-11-23', to: '2026-11-23' },
      timeZone: 'Asia/Ho_Chi_Minh',
      generatedAt: 'now',
      facts: [fact({ rating: 4 }), fact({ serviceId: 'dat-dai', hour: 14, state: 'waiting', counterId: null, clerkId: null, waitSeconds: null, serviceSeconds: null })],
      idleGaps: [{ by: 'counter', key: 'quay-1', seconds: 90 }, { by: 'counter', key: 'quay-1', seconds: 30 }, { by: 'clerk', key: 'lan', seconds: 60 }],
      labels,
    });
    expect(report.groups.service.map((r) => [r.label, r.issued])).toEqual([['Đất đai', 1], ['Hộ tịch', 1]]);
    expect(report.groups.counter.map((r) => [r.label, r.issued, r.idleMinutes])).toEqual([['Quầy 1', 1, 2]]);
    expect(report.groups.clerk.map((r) => [r.label, r.idleMinutes])).toEqual([['Lan', 1]]);
    expect(report.groups.hour.map((r) => r.label)).toEqual(['08:00–09:00', '14:00–15:00']);
    expect(report.groups.service[0]!.idleMinutes).toBeNull();
    expect(report.total).toMatchObject({ issued: 2, served: 1, waitMeanMinutes: 10, serviceMeanMinutes: 5, ratingCount: 1, rating4: 1, ratingMean: 4 });
  });

  it('reads hours in the centre time zone', () => {
    expect(localHour('2026-11-23T01:30:00.000Z', 'Asia/Ho_Chi_Minh')).toBe(8);
    expect(localHour('2026-11-23T17:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe(0);
    expect(hourLabel(9)).toBe('09:00–10:00');
  });
});

describe('ranges, comments, CSV', () => {
  it('accepts a sound range of at most 366 days', () => {
    expect(StatsRangeSchema.safeParse({ from: '2026-01-01', to: '2026-12-31' }).success).toBe(true);
    expect(StatsRangeSchema.safeParse({ from: '2026-01-02', to: '2026-01-01' }).success).toBe(false);
    expect(StatsRangeSchema.safeParse({ from: '2025-01-01', to: '2025-12-31' }).success).toBe(true); // 365 days
    expect(StatsRangeSchema.safeParse({ from: '2024-01-01', to: '2025-01-01' }).success).toBe(false); // 367 days (2024 is a leap year)
  });

  it('drops blank comments', () => {
    expect(normaliseComment('   ')).toBeNull();
    expect(normaliseComment(undefined)).toBeNull();
    expect(normaliseComment(' tốt ')).toBe('tốt');
  });

  it('quotes fields that need it and starts with a BOM', () => {
    const csv = statsCsv('service', [
      { key: 'x', label: 'Đất đai, "nhà ở"', issued: 1, served: 1, noShows: 0, cancelled: 0, waitMeanMinutes: 1.5, waitP90Minutes: 2, serviceMeanMinutes: null, idleMinutes: null, rating1: 0, rating2: 0, rating3: 0, rating4: 0, ratingCount: 0, ratingMean: null },
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[1]).toBe('"Đất đai, ""nhà ở""",1,1,0,0,1.5,2,,,0,0,0,0,0,');
  });
});
