import { z } from 'zod';
import { resolveCalendarConfig, type CalendarConfig } from '../core/calendar/calendar-config';

/**
 * The optional `calendar` section of a centre config: working hours, Saturday morning, and what
 * the government decided for each year. The shape is checked here; the meaning (real dates, in
 * the right year, shifts in order, Tết span around the lunar new year…) is checked once, by
 * core's `resolveCalendarConfig`, whose problems are reported here with their paths.
 */

const ClockTime = z.string().regex(/^\d{2}:\d{2}$/, 'a time "HH:MM"');
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date "YYYY-MM-DD"');
const Shift = z.strictObject({ from: ClockTime, to: ClockTime });
const DayHours = z.strictObject({ morning: Shift.optional(), afternoon: Shift.optional() });
const NamedDate = z.strictObject({ date: DateText, name: z.string().min(1) });

const YearOverride = z.strictObject({
  holidays: z.array(NamedDate).optional(),
  tet: z.strictObject({ from: DateText, to: DateText }).optional(),
  nationalDayAdjacent: DateText.optional(),
  extraDaysOff: z.array(NamedDate).optional(),
  workingDays: z.array(NamedDate).optional(),
});

export const CalendarConfigSchema = z
  .strictObject({
    workingHours: z
      .strictObject({ mon: DayHours.optional(), tue: DayHours.optional(), wed: DayHours.optional(), thu: DayHours.optional(), fri: DayHours.optional(), sat: DayHours.optional(), sun: DayHours.optional() })
      .optional(),
    saturdayMorning: z.boolean().default(false),
    years: z.record(z.string(), YearOverride).optional(),
  })
  .superRefine((cfg, ctx) => {
    const r = resolveCalendarConfig(cfg);
    if (!r.ok) for (const p of r.problems) ctx.addIssue({ code: 'custom', path: [...p.path], message: p.message });
  });

// The schema's output is what core resolves: the compiler keeps the two in step.
type Compatible<A extends B, B> = A;
export type _CalendarSchemaIsACalendarConfig = Compatible<z.infer<typeof CalendarConfigSchema>, CalendarConfig>;
