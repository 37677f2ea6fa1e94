import { lunarNewYear } from './lunar-calendar';
import { compareDates, dayNumberOf, formatLocalDate, parseClockTime, parseLocalDate, type LocalDate } from './local-time';

/**
 * A centre's working calendar as it is written in the centre config (JSON, strings),
 * and the resolved form the calendar computes with. Validation lives here, once: the
 * config schema reports these problems with their paths when the file is loaded.
 */

export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** Years the holiday rules are modelled for: the 2012 Labour Code took effect in 2013; the lunar algorithm holds to 2199. */
export const FIRST_CALENDAR_YEAR = 2013;
export const LAST_CALENDAR_YEAR = 2199;

export interface ShiftConfig {
  readonly from: string;
  readonly to: string;
}
export interface DayHoursConfig {
  readonly morning?: ShiftConfig;
  readonly afternoon?: ShiftConfig;
}
export interface NamedDateConfig {
  readonly date: string;
  readonly name: string;
}

/** What the government decided for one year, replacing or adding to the computed defaults. */
export interface YearOverrideConfig {
  /** Type 0, complete: every day off of the year (with nghỉ bù); replaces all computed holidays. */
  readonly holidays?: readonly NamedDateConfig[];
  /** The Tết span as announced (weekend days inside it are fine); replaces the computed 5 days and their nghỉ bù. */
  readonly tet?: { readonly from: string; readonly to: string };
  /** The day joined to Quốc khánh 2/9: YYYY-09-01 or YYYY-09-03. */
  readonly nationalDayAdjacent?: string;
  /** Type 0, added: further days off, e.g. a weekday given off in exchange for a Saturday (hoán đổi). */
  readonly extraDaysOff?: readonly NamedDateConfig[];
  /** Type 1: days that are working days whatever the computed calendar says (làm bù on a Saturday). */
  readonly workingDays?: readonly NamedDateConfig[];
}

export interface CalendarConfig {
  /** Per weekday; a weekday left out keeps the default (Mon–Fri 07:30–11:30, 13:30–17:00; Sat, Sun closed). `{}` closes a day. */
  readonly workingHours?: Partial<Record<WeekdayKey, DayHoursConfig>>;
  /** Open on Saturday morning with Monday's morning shift (unless `workingHours.sat` says otherwise). */
  readonly saturdayMorning?: boolean;
  /** Keyed by the year, "2026". */
  readonly years?: Readonly<Record<string, YearOverrideConfig>>;
}

/** Minutes since local midnight, from < to. */
export interface Shift {
  readonly from: number;
  readonly to: number;
}
export interface NamedDate {
  readonly date: LocalDate;
  readonly name: string;
}
export interface YearOverride {
  readonly holidays?: readonly NamedDate[];
  readonly tet?: { readonly from: LocalDate; readonly to: LocalDate };
  readonly nationalDayAdjacent?: LocalDate;
  readonly extraDaysOff: readonly NamedDate[];
  readonly workingDays: readonly NamedDate[];
}
export interface CalendarSettings {
  /** Shifts per weekday, index 0 = Sunday; morning before afternoon. */
  readonly weekShifts: readonly (readonly Shift[])[];
  readonly years: ReadonlyMap<number, YearOverride>;
}

export interface CalendarProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const DEFAULT_MORNING: ShiftConfig = { from: '07:30', to: '11:30' };
const DEFAULT_AFTERNOON: ShiftConfig = { from: '13:30', to: '17:00' };
const DEFAULT_WEEKDAY: DayHoursConfig = { morning: DEFAULT_MORNING, afternoon: DEFAULT_AFTERNOON };
export const DEFAULT_WORKING_HOURS: Readonly<Record<WeekdayKey, DayHoursConfig>> = {
  sun: {},
  mon: DEFAULT_WEEKDAY,
  tue: DEFAULT_WEEKDAY,
  wed: DEFAULT_WEEKDAY,
  thu: DEFAULT_WEEKDAY,
  fri: DEFAULT_WEEKDAY,
  sat: {},
};

/** Resolves a calendar config, or lists every problem with the path of the field at fault. */
export function resolveCalendarConfig(config: CalendarConfig = {}): { ok: true; value: CalendarSettings } | { ok: false; problems: readonly CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  const weekShifts = WEEKDAY_KEYS.map((key) => resolveDay(config, key, problems));
  if (weekShifts.every((s) => s.length === 0)) problems.push({ path: ['workingHours'], message: 'no weekday has working hours: nothing could ever be due' });
  const years = new Map<number, YearOverride>();
  for (const [key, override] of Object.entries(config.years ?? {})) {
    const year = Number(key);
    if (!/^\d{4}$/.test(key) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
      problems.push({ path: ['years', key], message: `a year ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR} as four digits` });
      continue;
    }
    years.set(year, resolveYear(year, override, ['years', key], problems));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { weekShifts, years } };
}

function resolveDay(config: CalendarConfig, key: WeekdayKey, problems: CalendarProblem[]): Shift[] {
  const given = config.workingHours?.[key];
  const hours = given ?? (key === 'sat' && config.saturdayMorning ? { morning: config.workingHours?.mon?.morning ?? DEFAULT_MORNING } : DEFAULT_WORKING_HOURS[key]);
  const path = ['workingHours', key];
  const shifts: Shift[] = [];
  for (const part of ['morning', 'afternoon'] as const) {
    const s = hours[part];
    if (!s) continue;
    const from = parseClockTime(s.from);
    const to = parseClockTime(s.to);
    if (!from.ok) problems.push({ path: [...path, part, 'from'], message: from.error.message });
    if (!to.ok) problems.push({ path: [...path, part, 'to'], message: to.error.message });
    if (!from.ok || !to.ok) continue;
    if (from.value >= to.value) problems.push({ path: [...path, part], message: `the shift must end after it starts (${s.from}–${s.to})` });
    else shifts.push({ from: from.value, to: to.value });
  }
  if (shifts.length === 2 && shifts[0]!.to > shifts[1]!.from) problems.push({ path: [...path, 'afternoon', 'from'], message: 'the afternoon shift must start after the morning shift ends' });
  return shifts;
}

function dateIn(year: number, text: string, path: (string | number)[], problems: CalendarProblem[]): LocalDate | undefined {
  const d = parseLocalDate(text);
  if (!d.ok) problems.push({ path, message: d.error.message });
  else if (d.value.year !== year) problems.push({ path, message: `${text} is not in ${year}` });
  else return d.value;
  return undefined;
}

function namedDates(year: number, list: readonly NamedDateConfig[] | undefined, path: (string | number)[], problems: CalendarProblem[]): NamedDate[] {
  const out: NamedDate[] = [];
  const seen = new Set<number>();
  (list ?? []).forEach((entry, i) => {
    const date = dateIn(year, entry.date, [...path, i, 'date'], problems);
    if (entry.name.trim() === '') problems.push({ path: [...path, i, 'name'], message: 'a name, e.g. "Nghỉ bù Quốc khánh"' });
    if (!date) return;
    if (seen.has(dayNumberOf(date))) problems.push({ path: [...path, i, 'date'], message: `${entry.date} is listed twice` });
    seen.add(dayNumberOf(date));
    out.push({ date, name: entry.name.trim() });
  });
  return out;
}

function resolveYear(year: number, o: YearOverrideConfig, path: (string | number)[], problems: CalendarProblem[]): YearOverride {
  const holidays = o.holidays === undefined ? undefined : namedDates(year, o.holidays, [...path, 'holidays'], problems);
  if (holidays !== undefined && (o.tet !== undefined || o.nationalDayAdjacent !== undefined || o.extraDaysOff !== undefined)) {
    problems.push({ path: [...path, 'holidays'], message: 'a complete holiday list cannot be combined with tet, nationalDayAdjacent or extraDaysOff: put those days in the list' });
  }
  let tet: YearOverride['tet'];
  if (o.tet !== undefined) {
    const from = dateIn(year, o.tet.from, [...path, 'tet', 'from'], problems);
    const to = dateIn(year, o.tet.to, [...path, 'tet', 'to'], problems);
    if (from && to) {
      const newYear = lunarNewYear(year);
      const days = compareDates(to, from) + 1;
      if (days < 1 || days > 15) problems.push({ path: [...path, 'tet'], message: `a span of 1–15 days, from before to (got ${days})` });
      else if (compareDates(newYear, from) < 0 || compareDates(newYear, to) > 0) problems.push({ path: [...path, 'tet'], message: `the span must include the lunar new year day, ${formatLocalDate(newYear)}` });
      else tet = { from, to };
    }
  }
  let nationalDayAdjacent: LocalDate | undefined;
  if (o.nationalDayAdjacent !== undefined) {
    const d = dateIn(year, o.nationalDayAdjacent, [...path, 'nationalDayAdjacent'], problems);
    if (d && (d.month !== 9 || (d.day !== 1 && d.day !== 3))) problems.push({ path: [...path, 'nationalDayAdjacent'], message: 'the day before or after 2/9: YYYY-09-01 or YYYY-09-03' });
    else if (d && year < 2021) problems.push({ path: [...path, 'nationalDayAdjacent'], message: 'before 2021 (Labour Code 2019) Quốc khánh was one day' });
    else nationalDayAdjacent = d;
  }
  const extraDaysOff = namedDates(year, o.extraDaysOff, [...path, 'extraDaysOff'], problems);
  const workingDays = namedDates(year, o.workingDays, [...path, 'workingDays'], problems);
  const off = new Set([...(holidays ?? []), ...extraDaysOff].map((h) => dayNumberOf(h.date)));
  workingDays.forEach((w, i) => {
    const n = dayNumberOf(w.date);
    if (off.has(n) || (tet && n >= dayNumberOf(tet.from) && n <= dayNumberOf(tet.to))) problems.push({ path: [...path, 'workingDays', i, 'date'], message: 'this day is also listed as a day off' });
  });
  return { holidays, tet, nationalDayAdjacent, extraDaysOff, workingDays };
}
