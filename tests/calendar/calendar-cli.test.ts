import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { demoConfig, tempDir } from '../support/centre';

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

describe('motcua holidays / due-date', () => {
  it('prints the days off of a year as JSON with Vietnamese names', () => {
    const r = run('holidays', '2027');
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { date: string; name: string }[];
    expect(list[0]).toEqual({ date: '2027-01-01', name: 'Tết Dương lịch' });
    expect(list.filter((h) => h.name === 'Tết Nguyên đán').map((h) => h.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    expect(list).toContainEqual({ date: '2027-02-10', name: 'Nghỉ bù Tết Nguyên đán' });
    expect(list).toContainEqual({ date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' });
    expect(list.map((h) => h.name)).toEqual(expect.arrayContaining(['Ngày Chiến thắng', 'Ngày Quốc tế Lao động', 'Quốc khánh']));
  });

  it('takes the calendar section of --config', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir.dir, 'centre.json');
      writeFileSync(file, JSON.stringify({ ...demoConfig(), calendar: { saturdayMorning: true, years: { '2027': { tet: { from: '2027-02-04', to: '2027-02-12' } } } } }));
      const holidays = JSON.parse(run('holidays', '2027', '--config', file).stdout) as { date: string }[];
      expect(holidays.filter((h) => h.date.startsWith('2027-02')).map((h) => h.date)).toHaveLength(9);
      expect(JSON.parse(run('due-date', '--from', '2027-03-05T16:00', '--hours', '4', '--config', file).stdout)).toEqual({ due: '2027-03-06T10:30' });
    } finally {
      dir.remove();
    }
  });

  it('computes a due date in working days and in working hours', () => {
    const days = run('due-date', '--from', '2026-02-13T09:00', '--days', '3');
    expect(days.status, days.stderr).toBe(0);
    expect(days.stdout.trim()).toBe('{"due":"2026-02-25T17:00"}');
    expect(run('due-date', '--from', '2026-03-02T11:20', '--hours', '1').stdout.trim()).toBe('{"due":"2026-03-02T14:20"}');
  });

  it.each([
    [['due-date', '--from', '2026-02-30T09:00', '--days', '1'], '"2026-02-30" is not a real calendar date'],
    [['due-date', '--from', '2026-03-02 09:00', '--days', '1'], 'is not a local date and time YYYY-MM-DDTHH:MM'],
    [['due-date', '--from', '2026-03-02T09:00'], 'give exactly one of --days N or --hours N'],
    [['due-date', '--from', '2026-03-02T09:00', '--days', '1', '--hours', '2'], 'give exactly one of --days N or --hours N'],
    [['due-date', '--from', '2026-03-02T09:00', '--days', '-1'], 'a whole number of working days'],
    [['due-date', '--from', '2026-03-02T09:00', '--hours', 'two'], 'a positive number of working hours'],
    [['holidays', '1999'], 'a year 2013–2199'],
    [['holidays', '2026', '--config', 'no-such-centre.json'], 'cannot read the centre config'],
  ])('refuses %j with a clear message and exit 1', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
