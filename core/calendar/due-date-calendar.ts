import { err, ok, type Result } from '../result';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, resolveCalendarConfig, type CalendarSettings, type Shift } from './calendar-config';
import { computeHolidays, isWeeklyRestDay, type Holiday } from './holidays';
import { dateOfDayNumber, dateTimeOfMinuteStamp, dayNumberOf, isRealDate, MINUTES_PER_DAY, minuteStampOf, weekdayOf, type LocalDate, type LocalDateTime } from './local-time';

/**
 * When a dossier is due, counted in a centre's working time.
 *
 * The rule (all times are Vietnamese wall-clock times):
 *
 * 1. Counting starts at the receipt instant when it lies inside a working shift; otherwise
 *    (before opening, lunch break, after closing, weekend, holiday) at the start of the next
 *    working shift: a dossier handed in at 17:05 on Monday counts as received when Tuesday's
 *    morning shift opens (and one handed in on a Saturday morning the centre opens for, but which
 *    is not working time, counts from Monday).
 * 2. N working days: the day counting starts on is not counted; the time limit ends when the
 *    working hours of the Nth working day after it end. This is the general rule for time limits
 *    in days, Civil Code 2015 art. 147(2) ("ngày đầu tiên của thời hạn không được tính") and
 *    art. 148(1) (the limit ends at the end of its last day), which applies to administrative
 *    procedures as no law provides otherwise (art. 145); "the end of the day" is the end of
 *    office hours because the result is collected at the counter. So a dossier received at 09:00
 *    or at 16:00 on Monday with 3 working days is due on Thursday at 17:00, and the citizen may
 *    come any time that Thursday. 0 working days means "within the day": the end of that day.
 *    A clock-time rule (Monday 09:00 → Thursday 09:00) would make the same procedure due at
 *    different hours of the day depending on when the queue called the citizen.
 * 3. N working hours: counted from the start instant minute by minute, only inside shifts
 *    (art. 147(1): a limit in hours starts at the instant itself). 11:20 + 1 h with a morning
 *    shift to 11:30 and an afternoon shift from 13:30 → 14:20.
 *
 * The due instant is always a working instant (inside or at the end of a shift) and never before
 * the receipt.
 */

export type WorkDuration = { readonly workingDays: number } | { readonly workingHours: number };

/** A working shift on a given day, as minute stamps (see `minuteStampOf`). */
interface ShiftSpan {
  readonly start: number;
  readonly end: number;
}

/** No configuration can close a centre for ten years; past that the search is a bug, not a wait. */
const MAX_DAYS_WITHOUT_WORK = 3660;

export class DueDateCalendar {
  private readonly holidayCache = new Map<number, { readonly list: readonly Holiday[]; readonly days: ReadonlySet<number>; readonly workingDays: ReadonlySet<number> }>();
  private readonly swappedDayShifts: readonly Shift[];

  constructor(private readonly settings: CalendarSettings = defaultSettings()) {
    // A weekend day made a working day (làm bù) is a full day: the hours of Monday, or of the first weekday that has any.
    this.swappedDayShifts = [1, 2, 3, 4, 5, 6, 0].map((wd) => settings.weekShifts[wd] ?? []).find((s) => s.length > 0) ?? [];
  }

  /** Days off of `year`: holidays (also those on weekends) and their nghỉ bù, from the config's override or computed. Throws a RangeError outside 2013–2199. */
  holidaysOf(year: number): readonly Holiday[] {
    return this.yearData(year).list;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.shiftsOn(date).length > 0;
  }

  /** The working shifts of a date: none on weekends without hours and on days off. */
  shiftsOn(date: LocalDate): readonly Shift[] {
    const data = this.yearData(date.year);
    const n = dayNumberOf(date);
    const own = this.settings.weekShifts[weekdayOf(date)] ?? [];
    if (data.workingDays.has(n)) return isWeeklyRestDay(date) || own.length === 0 ? this.swappedDayShifts : own;
    if (data.days.has(n)) return [];
    return own;
  }

  /** Inside a shift of a working day, its end included (the due instant of a day-based limit is a shift's end). */
  isWorkingInstant(t: LocalDateTime): boolean {
    const minute = t.hour * 60 + t.minute;
    return this.shiftsOn(t).some((s) => s.from <= minute && minute <= s.to);
  }

  /** Where counting starts for something received at `receivedAt` (rule 1). */
  countingStart(receivedAt: LocalDateTime): LocalDateTime {
    return dateTimeOfMinuteStamp(this.startStamp(minuteStampOf(receivedAt)));
  }

  dueDate(receivedAt: LocalDateTime, duration: WorkDuration): Result<LocalDateTime> {
    const { year, month, day, hour, minute } = receivedAt;
    if (!isRealDate(year, month, day) || !Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return err('invalid-input', `not a wall time: ${JSON.stringify(receivedAt)}`);
    }
    if (year < FIRST_CALENDAR_YEAR || year >= LAST_CALENDAR_YEAR) return err('invalid-input', `the calendar covers ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR - 1} (got ${year})`);
    const start = this.startStamp(minuteStampOf(receivedAt));
    if ('workingDays' in duration) {
      const n = duration.workingDays;
      if (!Number.isInteger(n) || n < 0 || n > 3650) return err('invalid-input', `working days must be a whole number 0–3650 (got ${n})`);
      let day = Math.floor(start / MINUTES_PER_DAY);
      for (let i = 0; i < n; i += 1) day = this.nextWorkingDay(day);
      const shifts = this.shiftsOn(dateOfDayNumber(day));
      return ok(dateTimeOfMinuteStamp(day * MINUTES_PER_DAY + shifts[shifts.length - 1]!.to));
    }
    const minutes = duration.workingHours * 60;
    if (!(minutes > 0) || Math.abs(minutes - Math.round(minutes)) > 1e-9 || minutes > 3650 * MINUTES_PER_DAY) return err('invalid-input', `working hours must be positive and a whole number of minutes (got ${duration.workingHours})`);
    let remaining = Math.round(minutes);
    for (const span of this.spansFrom(start)) {
      const from = Math.max(span.start, start);
      if (remaining <= span.end - from) return ok(dateTimeOfMinuteStamp(from + remaining));
      remaining -= span.end - from;
    }
    return err('internal', 'unreachable: spansFrom never ends');
  }

  /** Working minutes from `from` to `to` (inside shifts only); negative when `to` is earlier. */
  workingMinutesBetween(from: LocalDateTime, to: LocalDateTime): number {
    const [a, b] = [minuteStampOf(from), minuteStampOf(to)];
    if (b < a) return -this.workingMinutesBetween(to, from);
    let total = 0;
    for (let day = Math.floor(a / MINUTES_PER_DAY); day <= Math.floor(b / MINUTES_PER_DAY); day += 1) {
      for (const s of this.shiftsOn(dateOfDayNumber(day))) {
        const lo = Math.max(a, day * MINUTES_PER_DAY + s.from);
        const hi = Math.min(b, day * MINUTES_PER_DAY + s.to);
        if (hi > lo) total += hi - lo;
      }
    }
    return total;
  }

  private startStamp(received: number): number {
    const first = this.spansFrom(received).next();
    if (first.done) throw new Error('unreachable: spansFrom never ends');
    return Math.max(first.value.start, received);
  }

  /** Shifts that end after `stamp`, in order, forever (bounded by MAX_DAYS_WITHOUT_WORK between two). */
  private *spansFrom(stamp: number): Generator<ShiftSpan> {
    let idle = 0;
    for (let day = Math.floor(stamp / MINUTES_PER_DAY); ; day += 1) {
      const spans = this.shiftsOn(dateOfDayNumber(day))
        .map((s) => ({ start: day * MINUTES_PER_DAY + s.from, end: day * MINUTES_PER_DAY + s.to }))
        .filter((s) => s.end > stamp);
      if (spans.length === 0 && ++idle > MAX_DAYS_WITHOUT_WORK) throw new Error('no working shift within ten years: check the calendar config');
      if (spans.length > 0) idle = 0;
      yield* spans;
    }
  }

  private nextWorkingDay(day: number): number {
    for (let d = day + 1; d <= day + MAX_DAYS_WITHOUT_WORK; d += 1) if (this.isWorkingDay(dateOfDayNumber(d))) return d;
    throw new Error('no working day within ten years: check the calendar config');
  }

  private yearData(year: number) {
    const cached = this.holidayCache.get(year);
    if (cached) return cached;
    if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) throw new RangeError(`the holiday rules are modelled for ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR} (got ${year})`);
    const override = this.settings.years.get(year);
    const list = computeHolidays(year, override);
    const data = {
      list,
      days: new Set(list.map((h) => dayNumberOf(h.date))),
      workingDays: new Set((override?.workingDays ?? []).map((w) => dayNumberOf(w.date))),
    };
    this.holidayCache.set(year, data);
    return data;
  }
}

function defaultSettings(): CalendarSettings {
  const r = resolveCalendarConfig();
  if (!r.ok) throw new Error(`the default calendar is invalid: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.value;
}
