import { z } from 'zod';

/**
 * The province's dossier statistics (hub/store/pg/province-stats.ts computes them over the
 * province database): the JSON of `GET /api/province/stats`, of the admin screen's "Thống kê toàn
 * tỉnh" and of `motcua province stats --json`.
 */

const Count = z.number().int().nonnegative();

/** The figures of a set of dossiers. */
const FIGURES = {
  received: Count,
  /** Still with the centre or the agency: received, processing, supplement requested. */
  open: Count,
  /** Open and past their due time at `at` (core/dossiers/dossier-state.ts `isOverdue`). */
  overdue: Count,
  /** Done or returned. */
  finished: Count,
  refused: Count,
};

/** Dossier counts of one centre (the receiving one) or one agency (the competent department). */
export const DossierCountsSchema = z.object({
  id: z.string(),
  /** The centre's or the agency's name (an agency the hub's config does not name keeps its id). */
  name: z.string(),
  ...FIGURES,
});
export type DossierCounts = z.infer<typeof DossierCountsSchema>;

export const ProvinceStatsSchema = z.object({
  /** The instant overdue is counted at. */
  at: z.string(),
  /** Dossiers received in [from, to) (ISO instants), or all when null. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  centres: z.array(DossierCountsSchema),
  agencies: z.array(DossierCountsSchema),
  // Written out, not .omit(): the renderer checks answers on zod/mini's engine (renderer/bridge/zod-on-mini.ts).
  total: z.object(FIGURES),
});
export type ProvinceStats = z.infer<typeof ProvinceStatsSchema>;

/** The longest range one request may ask for (as the centre's statistics: a year and a day). */
export const PROVINCE_STATS_MAX_DAYS = 366;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Is `day` a real calendar day written YYYY-MM-DD (not 2026-02-30)? */
export function isCalendarDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const at = new Date(`${day}T00:00:00Z`);
  return at.toISOString().slice(0, 10) === day;
}

/** The instant a day of Vietnam (UTC+7, no daylight saving) starts; `next`: the day after's start. */
export function vietnamDayStart(day: string, next = false): string {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + (next ? 86_400_000 : 0)).toISOString();
}

const DaySchema = z.string().refine(isCalendarDay, { message: 'ngày dạng YYYY-MM-DD (a day as YYYY-MM-DD)' });

/** The days of Vietnam the statistics cover, both included: what the route and the screen send. */
export const ProvinceStatsRangeSchema = z
  .strictObject({ from: DaySchema, to: DaySchema })
  .refine((r) => r.from <= r.to, { message: '"from" không được sau "to" ("from" must not be after "to")', path: ['from'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < PROVINCE_STATS_MAX_DAYS, { message: `tối đa ${PROVINCE_STATS_MAX_DAYS} ngày (at most ${PROVINCE_STATS_MAX_DAYS} days)`, path: ['to'] });
export type ProvinceStatsRange = z.infer<typeof ProvinceStatsRangeSchema>;

/** The range as the instants provinceStats() takes: [start of `from`, start of the day after `to`). */
export function provinceStatsInstants(range: ProvinceStatsRange): { readonly from: string; readonly to: string } {
  return { from: vietnamDayStart(range.from), to: vietnamDayStart(range.to, true) };
}
