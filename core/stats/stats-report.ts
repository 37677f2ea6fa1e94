import { z } from 'zod';

export const STATS_GROUPINGS = ['day', 'hour', 'service', 'counter', 'clerk'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];
export const StatsGroupingSchema = z.enum(STATS_GROUPINGS);

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
/** The longest range one request may ask for: a year and a day covers any calendar year. */
export const STATS_MAX_DAYS = 366;

export const StatsRangeSchema = z
  .strictObject({ from: DateSchema, to: DateSchema })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"' })
  .refine((r) => daysBetween(r.from, r.to) < STATS_MAX_DAYS, { message: `at most ${STATS_MAX_DAYS} days` });
export type StatsRange = z.infer<typeof StatsRangeSchema>;

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** One line of a table: the figures of one day, hour, service, counter or clerk. Times in minutes. */
export const StatsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  issued: z.number().int().nonnegative(),
  served: z.number().int().nonnegative(),
  noShows: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  waitMeanMinutes: z.number().nullable(),
  waitP90Minutes: z.number().nullable(),
  serviceMeanMinutes: z.number().nullable(),
  /** Only for counters and clerks (null elsewhere): see IDLE_DEFINITION. */
  idleMinutes: z.number().nullable(),
  rating1: z.number().int().nonnegative(),
  rating2: z.number().int().nonnegative(),
  rating3: z.number().int().nonnegative(),
  rating4: z.number().int().nonnegative(),
  ratingCount: z.number().int().nonnegative(),
  ratingMean: z.number().nullable(),
});
export type StatsRow = z.infer<typeof StatsRowSchema>;

export const StatsReportSchema = z.object({
  from: DateSchema,
  to: DateSchema,
  timeZone: z.string(),
  generatedAt: z.string(),
  total: StatsRowSchema,
  groups: z.object({ day: z.array(StatsRowSchema), hour: z.array(StatsRowSchema), service: z.array(StatsRowSchema), counter: z.array(StatsRowSchema), clerk: z.array(StatsRowSchema) }),
}) satisfies z.ZodType<{ groups: Record<StatsGrouping, StatsRow[]> }>;
export type StatsReport = z.infer<typeof StatsReportSchema>;

/** The definitions a report is read by; shown in the OpenAPI document and the admin page. */
export const STATS_DEFINITIONS = {
  issued: 'Tickets issued on the day(s); in the counter and clerk tables, the tickets last called there.',
  served: 'Tickets finished as done.',
  wait: 'First call − issue, over every ticket called at least once (mean and nearest-rank p90).',
  service: 'Finish − start, over done tickets that were started.',
  idle:
    'Per counter (or clerk) and day: the sum of the gaps between finishing one ticket (done or no-show) and the next call there. ' +
    'Time before the first call and after the last finish is not idle; a pause counts as idle.',
  hour: 'The centre-local hour the ticket was issued in; every figure of a ticket counts in that hour.',
} as const;

/** A download the admin asks its terminal for: the whole workbook, or one grouping as CSV. */
export const StatsExportRequestSchema = z.strictObject({
  from: DateSchema,
  to: DateSchema,
  format: z.enum(['xlsx', 'csv']),
  by: StatsGroupingSchema.optional(),
});
export type StatsExportRequest = z.infer<typeof StatsExportRequestSchema>;

/** The file itself, base64 across the bridge; the renderer turns it into a download. */
export const StatsExportFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });
export type StatsExportFile = z.infer<typeof StatsExportFileSchema>;
