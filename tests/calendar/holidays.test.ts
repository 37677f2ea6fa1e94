import { describe, expect, it } from 'vitest';
import { defaultNationalDayAdjacent } from '../../core/calendar/holidays';
import { formatLocalDate } from '../../core/calendar/local-time';
import { parseCentreConfig } from '../../kiosk-config/load';
import { demoConfig } from '../support/centre';
import { calendarWith, date, holidayLines } from './calendar-fixtures';

describe('public holidays, computed (Labour Code 2019 art. 112, nghỉ bù art. 111(3))', () => {
  const calendar = calendarWith();

  it('2026: Tết from the last day of Ất Tỵ, Giỗ Tổ on a Sunday gives Monday off, 2/9 with 1/9', () => {
    expect(holidayLines(calendar, 2026)).toEqual([
      '2026-01-01 Tết Dương lịch',
      '2026-02-16 Tết Nguyên đán', // 29 tháng Chạp: month 12 of Ất Tỵ has 29 days
      '2026-02-17 Tết Nguyên đán',
      '2026-02-18 Tết Nguyên đán',
      '2026-02-19 Tết Nguyên đán',
      '2026-02-20 Tết Nguyên đán',
      '2026-04-26 Giỗ Tổ Hùng Vương',
      '2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương',
      '2026-04-30 Ngày Chiến thắng',
      '2026-05-01 Ngày Quốc tế Lao động',
      '2026-09-01 Quốc khánh',
      '2026-09-02 Quốc khánh',
    ]);
  });

  it('2023: reproduces the announced 29/4–3/5 and 1/9–4/9 from the rules alone', () => {
    const lines = holidayLines(calendar, 2023);
    expect(lines).toContain('2023-01-02 Nghỉ bù Tết Dương lịch');
    expect(lines.filter((l) => /^2023-0[45]/.test(l))).toEqual([
      '2023-04-29 Giỗ Tổ Hùng Vương', // Saturday
      '2023-04-30 Ngày Chiến thắng', // Sunday
      '2023-05-01 Ngày Quốc tế Lao động',
      '2023-05-02 Nghỉ bù Giỗ Tổ Hùng Vương',
      '2023-05-03 Nghỉ bù Ngày Chiến thắng',
    ]);
    expect(lines.filter((l) => l.startsWith('2023-09'))).toEqual(['2023-09-01 Quốc khánh', '2023-09-02 Quốc khánh', '2023-09-04 Nghỉ bù Quốc khánh']);
  });

  it('2022: 1/1 on Saturday → 3/1; Giỗ Tổ on Sunday → 11/4; 30/4 and 1/5 on the weekend → 2/5 and 3/5', () => {
    const lines = holidayLines(calendar, 2022);
    expect(lines).toEqual(expect.arrayContaining(['2022-01-03 Nghỉ bù Tết Dương lịch', '2022-04-11 Nghỉ bù Giỗ Tổ Hùng Vương', '2022-05-02 Nghỉ bù Ngày Chiến thắng', '2022-05-03 Nghỉ bù Ngày Quốc tế Lao động']));
  });

  it('Tết on a weekend pushes its nghỉ bù past the whole Tết span (2024: 10–11/2 → 14–15/2)', () => {
    expect(holidayLines(calendar, 2024).filter((l) => l.startsWith('2024-02'))).toEqual([
      '2024-02-09 Tết Nguyên đán',
      '2024-02-10 Tết Nguyên đán',
      '2024-02-11 Tết Nguyên đán',
      '2024-02-12 Tết Nguyên đán',
      '2024-02-13 Tết Nguyên đán',
      '2024-02-14 Nghỉ bù Tết Nguyên đán',
      '2024-02-15 Nghỉ bù Tết Nguyên đán',
    ]);
  });

  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2023, '2023-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
  ])('joins to 2/9/%i the day the government announced: %s', (year, expected) => {
    expect(formatLocalDate(defaultNationalDayAdjacent(year))).toBe(expected);
  });

  it('before the 2019 code took effect Quốc khánh was one day', () => {
    expect(holidayLines(calendar, 2020).filter((l) => l.startsWith('2020-09'))).toEqual(['2020-09-02 Quốc khánh']);
  });

  it('refuses years the rules are not modelled for', () => {
    expect(() => calendar.holidaysOf(2012)).toThrow(/2013–2199/);
  });
});

describe('per-year overrides from the config', () => {
  it('an announced Tết span replaces the computed days and their nghỉ bù (2024: 8–14/2)', () => {
    const cal = calendarWith({ years: { '2024': { tet: { from: '2024-02-08', to: '2024-02-14' } } } });
    const feb = holidayLines(cal, 2024).filter((l) => l.startsWith('2024-02'));
    expect(feb).toEqual(['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14'].map((x) => `${x} Tết Nguyên đán`));
    expect(cal.isWorkingDay(date('2024-02-15'))).toBe(true);
    expect(holidayLines(cal, 2024)).toContain('2024-04-18 Giỗ Tổ Hùng Vương'); // the rest stays computed
  });

  it('a swap: a weekday off (type 0) and a Saturday worked (type 1)', () => {
    const cal = calendarWith({
      years: { '2024': { extraDaysOff: [{ date: '2024-04-29', name: 'Nghỉ hoán đổi' }], workingDays: [{ date: '2024-05-04', name: 'Làm bù' }] } },
    });
    expect(cal.isWorkingDay(date('2024-04-29'))).toBe(false);
    expect(cal.isWorkingDay(date('2024-05-04'))).toBe(true);
    expect(cal.isWorkingDay(date('2024-05-11'))).toBe(false); // the next Saturday is an ordinary one
    expect(cal.shiftsOn(date('2024-05-04'))).toEqual(cal.shiftsOn(date('2024-05-06'))); // a full day, Monday's hours
    expect(holidayLines(cal, 2024)).toContain('2024-04-29 Nghỉ hoán đổi');
  });

  it('a complete list replaces everything computed, nghỉ bù included', () => {
    const cal = calendarWith({ years: { '2027': { holidays: [{ date: '2027-09-02', name: 'Quốc khánh' }, { date: '2027-01-01', name: 'Tết Dương lịch' }] } } });
    expect(holidayLines(cal, 2027)).toEqual(['2027-01-01 Tết Dương lịch', '2027-09-02 Quốc khánh']);
    expect(cal.isWorkingDay(date('2027-02-08'))).toBe(true); // computed Tết no longer applies
  });

  it('the 2/9 adjacent day can be moved', () => {
    const cal = calendarWith({ years: { '2026': { nationalDayAdjacent: '2026-09-03' } } });
    expect(holidayLines(cal, 2026).filter((l) => l.startsWith('2026-09'))).toEqual(['2026-09-02 Quốc khánh', '2026-09-03 Quốc khánh']);
  });

  it('the demo centre carries the 2024 and 2025 announcements', () => {
    const demo = demoConfig();
    const cal = calendarWith(demo.calendar);
    expect(cal.isWorkingDay(date('2024-05-04'))).toBe(true);
    expect(cal.isWorkingDay(date('2025-04-26'))).toBe(true);
    expect(cal.isWorkingDay(date('2025-01-27'))).toBe(false);
    expect(cal.isWorkingDay(date('2025-02-03'))).toBe(true);
  });
});

describe('calendar section of the centre config', () => {
  function problems(calendar: unknown): string {
    const raw = JSON.parse(JSON.stringify(demoConfig())) as Record<string, unknown>;
    raw.calendar = calendar;
    const r = parseCentreConfig('centre.json', JSON.stringify(raw));
    if (r.ok) throw new Error('expected the config to be refused');
    return r.error.message;
  }

  it('survives a round trip through JSON (the parsed config is valid input again)', () => {
    expect(parseCentreConfig('centre.json', JSON.stringify(demoConfig())).ok).toBe(true);
  });

  it('names the field and what is wrong', () => {
    expect(problems({ workingHours: { mon: { morning: { from: '11:30', to: '07:30' } } } })).toContain('centre.json: calendar.workingHours.mon.morning: the shift must end after it starts (11:30–07:30)');
    expect(problems({ workingHours: { tue: { morning: { from: '07:30', to: '12:00' }, afternoon: { from: '11:00', to: '17:00' } } } })).toContain('calendar.workingHours.tue.afternoon.from: the afternoon shift must start after the morning shift ends');
    expect(problems({ workingHours: { mon: { morning: { from: '7:30', to: '11:30' } } } })).toContain('calendar.workingHours.mon.morning.from: a time "HH:MM"');
    expect(problems({ years: { '2026': { tet: { from: '2026-02-01', to: '2026-02-10' } } } })).toContain('calendar.years.2026.tet: the span must include the lunar new year day, 2026-02-17');
    expect(problems({ years: { '2026': { extraDaysOff: [{ date: '2025-12-31', name: 'x' }] } } })).toContain('calendar.years.2026.extraDaysOff[0].date: 2025-12-31 is not in 2026');
    expect(problems({ years: { '2026': { extraDaysOff: [{ date: '2026-02-30', name: 'x' }] } } })).toContain('"2026-02-30" is not a real calendar date');
    expect(problems({ years: { '2026': { nationalDayAdjacent: '2026-09-04' } } })).toContain('YYYY-09-01 or YYYY-09-03');
    expect(problems({ years: { '2026': { extraDaysOff: [{ date: '2026-05-02', name: 'x' }], workingDays: [{ date: '2026-05-02', name: 'y' }] } } })).toContain('workingDays[0].date: this day is also listed as a day off');
    expect(problems({ years: { '2026': { holidays: [], tet: { from: '2026-02-16', to: '2026-02-20' } } } })).toContain('cannot be combined');
    expect(problems({ years: { '26': {} } })).toContain('calendar.years.26: a year 2013–2199');
    expect(problems({ workingHours: { mon: {}, tue: {}, wed: {}, thu: {}, fri: {} } })).toContain('no weekday has working hours');
    expect(problems({ weekend: 'sun' })).toContain('Unrecognized key: "weekend"');
  });
});
