import { resolveCalendarConfig, type CalendarConfig } from '../../core/calendar/calendar-config';
import { DueDateCalendar } from '../../core/calendar/due-date-calendar';
import { formatLocalDate, formatLocalDateTime, parseLocalDate, parseLocalDateTime, type LocalDate, type LocalDateTime } from '../../core/calendar/local-time';

/** A calendar from a config section, failing the test loudly if the config is refused. */
export function calendarWith(config: CalendarConfig = {}): DueDateCalendar {
  const r = resolveCalendarConfig(config);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  return new DueDateCalendar(r.value);
}

export function date(text: string): LocalDate {
  const r = parseLocalDate(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function at(text: string): LocalDateTime {
  const r = parseLocalDateTime(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** "date name" lines: easy to read in a failing diff. */
export function holidayLines(calendar: DueDateCalendar, year: number): string[] {
  return calendar.holidaysOf(year).map((h) => `${formatLocalDate(h.date)} ${h.name}`);
}

export function due(calendar: DueDateCalendar, from: string, duration: { workingDays: number } | { workingHours: number }): string {
  const r = calendar.dueDate(at(from), duration);
  if (!r.ok) throw new Error(r.error.message);
  return formatLocalDateTime(r.value);
}
