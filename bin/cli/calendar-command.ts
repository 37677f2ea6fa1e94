import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, resolveCalendarConfig } from '../../core/calendar/calendar-config';
import { DueDateCalendar, type WorkDuration } from '../../core/calendar/due-date-calendar';
import { formatLocalDate, formatLocalDateTime, parseLocalDateTime } from '../../core/calendar/local-time';
import { DEMO_CENTRE_FILE, loadCentreConfig } from '../../kiosk-config/load';

/** `motcua holidays` and `motcua due-date`: the centre's working-day calendar from the command line. */

const CONFIG_HELP = 'centre config whose optional "calendar" section holds working hours and per-year overrides (default: kiosk-config/demo-centre.json)';

function calendarOf(configFile: string | undefined): DueDateCalendar {
  const file = configFile === undefined ? DEMO_CENTRE_FILE : path.resolve(configFile);
  const config = loadCentreConfig(file);
  if (!config.ok) throw new Error(config.error.message);
  const settings = resolveCalendarConfig(config.value.calendar);
  // The schema already ran these checks when loading; this is the typed result.
  if (!settings.ok) throw new Error(settings.problems.map((p) => `${file}: calendar.${p.path.join('.')}: ${p.message}`).join('\n'));
  return new DueDateCalendar(settings.value);
}

function year(value: string): number {
  const n = Number(value);
  if (!/^\d{4}$/.test(value) || n < FIRST_CALENDAR_YEAR || n > LAST_CALENDAR_YEAR) throw new InvalidArgumentError(`a year ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}`);
  return n;
}

function wholeDays(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a whole number of working days, 0 or more');
  return Number(value);
}

function hours(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new InvalidArgumentError('a positive number of working hours, e.g. 4 or 1.5');
  return n;
}

export function runHolidaysCommand(y: number, opts: { config?: string }): void {
  const list = calendarOf(opts.config).holidaysOf(y);
  // One holiday per line: valid JSON that still reads like a list.
  const lines = list.map((h) => `  ${JSON.stringify({ date: formatLocalDate(h.date), name: h.name })}`);
  console.log(lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n]`);
}

export function runDueDateCommand(opts: { from: string; days?: number; hours?: number; config?: string }): void {
  if ((opts.days === undefined) === (opts.hours === undefined)) throw new Error('give exactly one of --days N or --hours N');
  const from = parseLocalDateTime(opts.from);
  if (!from.ok) throw new Error(`--from: ${from.error.message}`);
  const duration: WorkDuration = opts.days !== undefined ? { workingDays: opts.days } : { workingHours: opts.hours! };
  const due = calendarOf(opts.config).dueDate(from.value, duration);
  if (!due.ok) throw new Error(due.error.message);
  console.log(JSON.stringify({ due: formatLocalDateTime(due.value) }));
}

export function registerCalendarCommands(program: Command): void {
  program
    .command('holidays')
    .description('list the days off of a year (holidays, Tết, nghỉ bù) as JSON, from the lunar calendar and the config')
    .argument('<year>', `${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}`, year)
    .option('-c, --config <file>', CONFIG_HELP)
    .action(runHolidaysCommand);

  program
    .command('due-date')
    .description('when a dossier received at a local time is due, in working days or working hours')
    .requiredOption('--from <time>', 'receipt time in Vietnam, YYYY-MM-DDTHH:MM')
    .option('--days <n>', 'working days (the day of receipt is not counted; due at the end of the last day)', wholeDays)
    .option('--hours <n>', 'working hours (counted inside shifts from the receipt)', hours)
    .option('-c, --config <file>', CONFIG_HELP)
    .action(runDueDateCommand);
}
