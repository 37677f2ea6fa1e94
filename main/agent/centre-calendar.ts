import { resolveCalendarConfig, type CalendarConfig } from '../../core/calendar/calendar-config';
import { DueDateCalendar } from '../../core/calendar/due-date-calendar';
import type { Hello } from '../../core/protocol/socket';

/** The centre's working-day calendar from the hub's hello, made again only when the hello's calendar changes. */
export class CentreCalendar {
  private made: { readonly source: unknown; readonly value: DueDateCalendar | null } | null = null;

  /** The calendar, or null when the centre's calendar config is not valid (no due date can be computed). */
  of(hello: Hello): DueDateCalendar | null {
    const source = hello.dossiers.calendar;
    if (!this.made || this.made.source !== source) {
      const r = resolveCalendarConfig((source ?? {}) as CalendarConfig);
      this.made = { source, value: r.ok ? new DueDateCalendar(r.value) : null };
    }
    return this.made.value;
  }
}
