import { describe, expect, it } from 'vitest';
import { timeOfDayInZone, walkInRefusal, walkInState, withinHours, WalkInPolicySchema } from '../../core/queue/walk-in-policy';
import { describeIssues } from '../../core/validation';

const ZONE = 'Asia/Ho_Chi_Minh';
const vn = (time: string) => new Date(`2026-12-03T${time}:00+07:00`);
const policy = WalkInPolicySchema.parse({ hours: [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }], dailyCap: 3 });

describe('walk-in hours and daily cap (core/queue/walk-in-policy.ts)', () => {
  it('reads the time of day in the centre zone, whatever the process zone', () => {
    expect(timeOfDayInZone(new Date('2026-12-03T00:29:00Z'), ZONE)).toBe('07:29');
    expect(timeOfDayInZone(new Date('2026-12-03T17:05:00Z'), ZONE)).toBe('00:05');
  });

  it('opens at "from" and closes at "to", between the windows too', () => {
    const at = (t: string) => withinHours(policy, vn(t), ZONE).open;
    expect([at('07:29'), at('07:30'), at('11:29'), at('11:30'), at('12:15'), at('13:30'), at('16:59'), at('17:00')]).toEqual([false, true, true, false, false, true, true, false]);
    expect(withinHours(policy, vn('06:00'), ZONE)).toEqual({ open: false, reason: 'outside-hours', hours: '07:30–11:30, 13:30–17:00' });
  });

  it('without hours or cap every hour is open and nothing is counted', () => {
    expect(walkInState(undefined, vn('03:00'), ZONE, 10_000)).toEqual({ open: true });
    expect(walkInState({}, vn('23:59'), ZONE, 10_000)).toEqual({ open: true });
  });

  it('refuses at the cap, and says the hours before the cap when both apply', () => {
    expect(walkInState(policy, vn('08:00'), ZONE, 2)).toEqual({ open: true });
    expect(walkInState(policy, vn('08:00'), ZONE, 3)).toEqual({ open: false, reason: 'cap-reached', cap: 3 });
    expect(walkInState(policy, vn('18:00'), ZONE, 3)).toMatchObject({ reason: 'outside-hours' });
  });

  it('words each refusal as its own typed kind', () => {
    expect(walkInRefusal('Hộ tịch', { open: false, reason: 'cap-reached', cap: 3 })).toEqual({ kind: 'exhausted', message: 'Đã hết số hôm nay cho dịch vụ Hộ tịch (tối đa 3 lượt một ngày).' });
    expect(walkInRefusal('Hộ tịch', { open: false, reason: 'outside-hours', hours: '07:30–11:30' })).toEqual({ kind: 'service-closed', message: 'Ngoài giờ nhận hồ sơ của dịch vụ Hộ tịch: giờ nhận 07:30–11:30.' });
  });

  it('refuses a bad policy with the field and what was expected', () => {
    const problems = (raw: unknown) => {
      const r = WalkInPolicySchema.safeParse(raw);
      return r.success ? '' : describeIssues('centre.json', r.error);
    };
    expect(problems({ hours: [{ from: '7:30', to: '11:00' }] })).toMatch(/hours\[0\]\.from: a time of day "HH:MM"/);
    expect(problems({ hours: [{ from: '11:00', to: '07:30' }] })).toMatch(/hours\[0\]\.to: "to" must be later/);
    expect(problems({ hours: [{ from: '07:30', to: '11:30' }, { from: '11:00', to: '17:00' }] })).toMatch(/hours\[1\]\.from: windows must be in order.*ends at 11:30/);
    expect(problems({ dailyCap: 0 })).toMatch(/dailyCap/);
    expect(problems({ cap: 3 })).toMatch(/cap/);
    expect(problems({ hours: [], dailyCap: 5 })).toMatch(/hours/);
  });
});
