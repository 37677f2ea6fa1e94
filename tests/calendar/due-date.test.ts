import { describe, expect, it } from 'vitest';
import type { DueDateCalendar, WorkDuration } from '../../core/calendar/due-date-calendar';
import { dateOfDayNumber, dateTimeOfMinuteStamp, dayNumberOf, formatLocalDateTime, minuteStampOf, vietnamInstant, vietnamWallTime } from '../../core/calendar/local-time';
import { demoConfig } from '../support/centre';
import { at, calendarWith, date, due } from './calendar-fixtures';

const standard = calendarWith(); // Mon–Fri 07:30–11:30, 13:30–17:00, computed holidays

describe('due dates in working days (day of receipt not counted; due when the last day’s hours end)', () => {
  it.each([
    ['Monday morning, 3 days → Thursday 17:00', '2026-03-02T09:00', 3, '2026-03-05T17:00'],
    ['Monday afternoon, same due date', '2026-03-02T16:59', 3, '2026-03-05T17:00'],
    ['at 17:00 sharp the day is over: counts from Tuesday', '2026-03-02T17:00', 3, '2026-03-06T17:00'],
    ['before opening counts from that morning', '2026-03-02T06:15', 1, '2026-03-03T17:00'],
    ['lunch break counts from that afternoon', '2026-03-02T12:10', 1, '2026-03-03T17:00'],
    ['Friday, 1 day → Monday (weekend skipped)', '2026-03-06T10:00', 1, '2026-03-09T17:00'],
    ['Saturday (closed by default) → counts from Monday', '2026-03-07T09:00', 1, '2026-03-10T17:00'],
    ['0 days: within the day', '2026-03-02T09:00', 0, '2026-03-02T17:00'],
    ['0 days after hours: within the next working day', '2026-03-02T17:30', 0, '2026-03-03T17:00'],
    ['Tết: Friday before Tết Bính Ngọ, 3 days → after 16–20/2', '2026-02-13T09:00', 3, '2026-02-25T17:00'],
    ['received during Tết counts from the first day back', '2026-02-18T09:00', 1, '2026-02-24T17:00'],
    ['Giỗ Tổ on Sunday 26/4: its nghỉ bù Monday 27/4 is skipped', '2026-04-24T10:00', 2, '2026-04-29T17:00'],
    ['received on a holiday (30/4) counts from Monday 4/5', '2026-04-30T09:00', 1, '2026-05-05T17:00'],
    ['across 30/4–1/5 and the weekend', '2026-04-29T09:00', 1, '2026-05-04T17:00'],
    ['across Quốc khánh 1–2/9', '2026-08-31T09:00', 1, '2026-09-03T17:00'],
    ['year boundary: 31/12 → over 1/1/2027 (Friday) to Monday', '2026-12-31T15:00', 1, '2027-01-04T17:00'],
    ['fifteen working days across Tết 2027', '2027-01-29T08:00', 15, '2027-02-26T17:00'],
  ])('%s', (_what, from, workingDays, expected) => {
    expect(due(standard, from, { workingDays })).toBe(expected);
  });
});

describe('due dates in working hours (only minutes inside shifts count)', () => {
  it.each([
    ['11:20 + 1 h: 10 min before lunch, 50 after', '2026-03-02T11:20', 1, '2026-03-02T14:20'],
    ['ends exactly at the end of a shift, not at the next start', '2026-03-02T10:30', 1, '2026-03-02T11:30'],
    ['received at lunch starts at 13:30', '2026-03-02T12:00', 1, '2026-03-02T14:30'],
    ['received before opening starts at 07:30', '2026-03-02T06:00', 1, '2026-03-02T08:30'],
    ['after 16:30 runs into the next morning', '2026-03-02T16:30', 1, '2026-03-03T08:00'],
    ['a full day is 7.5 h: 8 h from opening ends 08:00 next day', '2026-03-02T07:30', 8, '2026-03-03T08:00'],
    ['1.5 h', '2026-03-02T11:00', 1.5, '2026-03-02T14:30'],
    ['Friday 16:00 + 4 h → Monday 10:30', '2026-03-06T16:00', 4, '2026-03-09T10:30'],
    ['over Tết', '2026-02-13T16:00', 2, '2026-02-23T08:30'],
    ['year boundary', '2026-12-31T16:00', 2, '2027-01-04T08:30'],
  ])('%s', (_what, from, workingHours, expected) => {
    expect(due(standard, from, { workingHours })).toBe(expected);
  });

  it('11:20 + 1 h is 13:50 where the morning shift runs to 12:00', () => {
    const noon = { morning: { from: '07:30', to: '12:00' }, afternoon: { from: '13:30', to: '17:00' } };
    const cal = calendarWith({ workingHours: { mon: noon, tue: noon, wed: noon, thu: noon, fri: noon } });
    expect(due(cal, '2026-03-02T11:20', { workingHours: 1 })).toBe('2026-03-02T13:50');
  });
});

describe('centre-specific calendars', () => {
  it('Saturday morning as working time counts (hours and days)', () => {
    const cal = calendarWith({ saturdayMorning: true });
    expect(cal.shiftsOn(date('2026-03-07'))).toEqual([{ from: 450, to: 690 }]);
    expect(due(cal, '2026-03-06T16:00', { workingHours: 4 })).toBe('2026-03-07T10:30');
    expect(due(cal, '2026-03-06T09:00', { workingDays: 1 })).toBe('2026-03-07T11:30');
    expect(cal.isWorkingDay(date('2026-02-21'))).toBe(true); // a Saturday after Tết
  });

  it('the demo centre: a swapped Saturday (4/5/2024) is a full working day; its weekday (29/4) is not', () => {
    const cal = calendarWith(demoConfig().calendar);
    expect(due(cal, '2024-05-03T10:00', { workingDays: 1 })).toBe('2024-05-04T17:00');
    expect(due(cal, '2024-04-26T10:00', { workingDays: 1 })).toBe('2024-05-02T17:00');
    expect(due(cal, '2024-05-03T16:30', { workingHours: 1 })).toBe('2024-05-04T08:00');
  });

  it('the announced Tết 2024 (8–14/2) moves due dates the computed one (9–15/2) would not', () => {
    const announced = calendarWith({ years: { '2024': { tet: { from: '2024-02-08', to: '2024-02-14' } } } });
    expect(due(announced, '2024-02-07T09:00', { workingDays: 1 })).toBe('2024-02-15T17:00');
    expect(due(standard, '2024-02-07T09:00', { workingDays: 1 })).toBe('2024-02-08T17:00');
  });
});

describe('calendar queries', () => {
  it('isWorkingDay and isWorkingInstant', () => {
    expect(standard.isWorkingDay(date('2026-03-02'))).toBe(true);
    expect(standard.isWorkingDay(date('2026-03-07'))).toBe(false);
    expect(standard.isWorkingDay(date('2026-04-27'))).toBe(false); // nghỉ bù
    expect([at('2026-03-02T07:30'), at('2026-03-02T11:30'), at('2026-03-02T17:00')].map((t) => standard.isWorkingInstant(t))).toEqual([true, true, true]);
    expect([at('2026-03-02T07:29'), at('2026-03-02T12:00'), at('2026-03-02T17:01'), at('2026-03-07T09:00')].map((t) => standard.isWorkingInstant(t))).toEqual([false, false, false, false]);
  });

  it('workingMinutesBetween counts shift minutes only, signed', () => {
    expect(standard.workingMinutesBetween(at('2026-03-02T07:30'), at('2026-03-03T07:30'))).toBe(450);
    expect(standard.workingMinutesBetween(at('2026-03-03T07:30'), at('2026-03-02T07:30'))).toBe(-450);
    expect(standard.workingMinutesBetween(at('2026-03-02T11:30'), at('2026-03-02T13:30'))).toBe(0);
    expect(standard.workingMinutesBetween(at('2026-03-06T16:00'), at('2026-03-09T08:00'))).toBe(90);
    expect(standard.workingMinutesBetween(at('2026-02-13T17:00'), at('2026-02-23T07:30'))).toBe(0); // Tết and two weekends
  });

  it('refuses durations that are not durations', () => {
    expect(standard.dueDate(at('2026-03-02T09:00'), { workingDays: -1 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(standard.dueDate(at('2026-03-02T09:00'), { workingDays: 1.5 })).toMatchObject({ ok: false });
    expect(standard.dueDate(at('2026-03-02T09:00'), { workingHours: 0 })).toMatchObject({ ok: false });
    expect(standard.dueDate(at('2026-03-02T09:00'), { workingHours: 1 / 7 })).toMatchObject({ ok: false, error: { message: /whole number of minutes/ } });
    expect(standard.dueDate(at('2012-03-02T09:00'), { workingDays: 1 })).toMatchObject({ ok: false, error: { message: /2013/ } });
    expect(standard.dueDate({ year: 2026, month: 2, day: 30, hour: 9, minute: 0 }, { workingDays: 1 })).toMatchObject({ ok: false, error: { message: /not a wall time/ } });
    expect(standard.dueDate({ year: 2026, month: 3, day: 2, hour: 24, minute: 0 }, { workingDays: 1 })).toMatchObject({ ok: false });
  });

  it('converts instants to Vietnamese wall time whatever the process time zone', () => {
    expect(formatLocalDateTime(vietnamWallTime(new Date('2026-02-16T17:00:00Z')))).toBe('2026-02-17T00:00');
    expect(vietnamInstant(at('2026-02-17T00:00')).toISOString()).toBe('2026-02-16T17:00:00.000Z');
  });
});

describe('properties over 3,000 random receipts (seeded)', () => {
  // A small LCG: the same "random" cases on every run, so a failure can be replayed.
  let seed = 20260217;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const calendars: [string, DueDateCalendar][] = [
    ['standard', standard],
    ['demo', calendarWith(demoConfig().calendar)],
    ['saturday', calendarWith({ saturdayMorning: true })],
  ];

  it.each(calendars)('%s: the due instant is a working instant, never before the receipt, and exactly N days or minutes of work later', (_name, cal) => {
    for (let i = 0; i < 1000; i += 1) {
      const received = minuteStampOf(at('2024-01-01T00:00')) + rand(4 * 366 * 1440);
      const receivedAt = dateTimeOfMinuteStamp(received);
      const byHours = rand(2) === 0;
      const duration: WorkDuration = byHours ? { workingHours: (1 + rand(400)) / 4 } : { workingDays: rand(31) };
      const r = cal.dueDate(receivedAt, duration);
      if (!r.ok) throw new Error(r.error.message);
      const label = `${formatLocalDateTime(receivedAt)} + ${JSON.stringify(duration)} → ${formatLocalDateTime(r.value)}`;
      expect(cal.isWorkingInstant(r.value), label).toBe(true);
      expect(minuteStampOf(r.value) >= received, label).toBe(true);
      if ('workingHours' in duration) {
        expect(cal.workingMinutesBetween(receivedAt, r.value), label).toBe(duration.workingHours * 60);
      } else {
        // Count the working days strictly after the day counting starts, up to the due day, one by one.
        const startDay = dayNumberOf(cal.countingStart(receivedAt));
        let counted = 0;
        for (let n = startDay + 1; n <= dayNumberOf(r.value); n += 1) if (cal.isWorkingDay(dateOfDayNumber(n))) counted += 1;
        expect(counted, label).toBe(duration.workingDays);
        expect(cal.isWorkingDay(r.value), label).toBe(true);
        expect(cal.workingMinutesBetween(r.value, { ...r.value, hour: 23, minute: 59 }), label).toBe(0); // the day's work is over
      }
    }
  });
});
