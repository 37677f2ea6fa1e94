import { z } from 'zod';
import { zonedFormatter } from '../calendar/zoned-format';
import type { AppError } from '../result';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day "HH:MM", e.g. "07:30"');

/** One opening window of a day, [from, to): a ticket at 11:30 sharp is outside "07:30"–"11:30". */
export const HoursWindowSchema = z
  .strictObject({ from: HHMM, to: HHMM })
  .refine((w) => w.from < w.to, { message: '"to" must be later than "from" on the same day', path: ['to'] });
export type HoursWindow = z.infer<typeof HoursWindowSchema>;

/**
 * When a service gives walk-in tickets, and how many a day. Both optional: a service without them
 * issues at any hour until its number block runs out (the behaviour before this policy existed).
 * Bookings are not walk-ins: a checked-in booking is issued whatever the hour, and counts
 * against the cap, as does every booking of the day not yet cancelled.
 */
export const WalkInPolicySchema = z
  .strictObject({
    /** Windows of the centre's local time, in order, not overlapping, e.g. morning and afternoon. */
    hours: z.array(HoursWindowSchema).min(1).max(6).optional(),
    /** Tickets of the day (walk-ins, checked-in and open bookings) after which walk-ins are refused. */
    dailyCap: z.number().int().min(1).max(99_999).optional(),
  })
  .superRefine((p, ctx) => {
    p.hours?.forEach((w, i) => {
      const before = p.hours![i - 1];
      if (before && w.from < before.to) {
        ctx.addIssue({ code: 'custom', path: ['hours', i, 'from'], message: `windows must be in order and not overlap (the previous one ends at ${before.to})` });
      }
    });
  });
export type WalkInPolicy = z.infer<typeof WalkInPolicySchema>;

const TIME_OPTIONS = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** "HH:MM" of an instant in the centre's zone. */
export function timeOfDayInZone(at: Date, timeZone: string): string {
  const parts = zonedFormatter('en-GB', { ...TIME_OPTIONS, timeZone }).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

/** "07:30–11:30, 13:30–17:00": what the kiosk and the refusal say. */
export function describeHours(hours: readonly HoursWindow[]): string {
  return hours.map((w) => `${w.from}–${w.to}`).join(', ');
}

export type HoursState = { readonly open: true } | { readonly open: false; readonly reason: 'outside-hours'; readonly hours: string };
export type WalkInState = HoursState | { readonly open: false; readonly reason: 'cap-reached'; readonly cap: number };

/** Whether the hour lets a walk-in ticket be issued (the part a kiosk can decide alone, offline too). */
export function withinHours(policy: WalkInPolicy | undefined, at: Date, timeZone: string): HoursState {
  if (!policy?.hours) return { open: true };
  const now = timeOfDayInZone(at, timeZone);
  return policy.hours.some((w) => w.from <= now && now < w.to) ? { open: true } : { open: false, reason: 'outside-hours', hours: describeHours(policy.hours) };
}

/**
 * The hub's decision for one walk-in ticket: the hours, then the cap against `takenToday` (tickets
 * of the day that are not voided, plus bookings of the day not yet checked in or cancelled).
 */
export function walkInState(policy: WalkInPolicy | undefined, at: Date, timeZone: string, takenToday: number): WalkInState {
  const hours = withinHours(policy, at, timeZone);
  if (!hours.open) return hours;
  if (policy?.dailyCap !== undefined && takenToday >= policy.dailyCap) return { open: false, reason: 'cap-reached', cap: policy.dailyCap };
  return { open: true };
}

/** The typed refusal of a closed walk-in state, in the centre's words. */
export function walkInRefusal(serviceName: string, state: Exclude<WalkInState, { open: true }>): AppError {
  return state.reason === 'outside-hours'
    ? { kind: 'service-closed', message: `Ngoài giờ nhận hồ sơ của dịch vụ ${serviceName}: giờ nhận ${state.hours}.` }
    : { kind: 'exhausted', message: `Đã hết số hôm nay cho dịch vụ ${serviceName} (tối đa ${state.cap} lượt một ngày).` };
}
