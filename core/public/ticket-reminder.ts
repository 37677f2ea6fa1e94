import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { normaliseVietnameseMobile } from '../integrations/vn-phone';
import { REMINDER_MAX, REMINDER_MIN, REMINDERS_PER_PHONE_PER_DAY } from './reminder-limits';

export { REMINDER_DEFAULT, REMINDER_MAX, REMINDER_MIN, REMINDERS_PER_PHONE_PER_DAY } from './reminder-limits';

/**
 * "Nhắc tôi khi còn N người" (issue 15): a citizen following a ticket on the phone gives a mobile
 * number, with explicit consent, and a count N; once a call leaves at most N people ahead of the
 * ticket, ONE message is sent ("còn N người nữa đến lượt bạn"). The number serves that message
 * only and is erased when the ticket's day ends.
 */
export const ReminderRequestSchema = z.strictObject({
  phone: z.string().trim().min(1, 'Nhập số điện thoại di động để nhận tin nhắc.').max(30, 'Số điện thoại quá dài.'),
  remaining: z
    .number({ error: `Chọn số người còn lại (từ ${REMINDER_MIN} đến ${REMINDER_MAX}).` })
    .int()
    .min(REMINDER_MIN, `Chọn số người còn lại (từ ${REMINDER_MIN} đến ${REMINDER_MAX}).`)
    .max(REMINDER_MAX, `Chọn số người còn lại (từ ${REMINDER_MIN} đến ${REMINDER_MAX}).`),
  consent: z.literal(true, { error: 'Bạn cần đồng ý nhận tin nhắn nhắc lượt thì chúng tôi mới gửi được.' }),
});
export type ReminderRequest = z.infer<typeof ReminderRequestSchema>;

export interface ReminderFacts {
  /** The ticket's state: only a waiting ticket can be reminded. */
  readonly state: string;
  /** People ahead of it now. */
  readonly ahead: number;
  /** Whether this ticket already has a reminder. */
  readonly alreadySet: boolean;
  /** Reminders the same phone already has today. */
  readonly phoneRemindersToday: number;
}

/** The phone in 84… form, or the refusal of a number that no Zalo or SMS can reach. */
export function reminderPhone(request: Pick<ReminderRequest, 'phone'>): Result<string> {
  const phone = normaliseVietnameseMobile(request.phone);
  return phone.ok ? phone : err('invalid-input', `Số "${request.phone}" không phải số di động Việt Nam (ví dụ 0912 345 678): không gửi được Zalo hay SMS.`);
}

/** Whether the reminder may be set now (typed refusal, in Vietnamese, otherwise). */
export function checkReminder(request: Pick<ReminderRequest, 'remaining'>, facts: ReminderFacts): Result<true> {
  if (facts.state !== 'waiting') return err('conflict', 'Vé không còn chờ gọi: không đặt lời nhắc được nữa.');
  if (facts.alreadySet) return err('conflict', 'Vé này đã có lời nhắc.');
  if (facts.ahead <= request.remaining) return err('conflict', `Chỉ còn ${facts.ahead} người trước bạn: hãy theo dõi ngay trên trang này.`);
  if (facts.phoneRemindersToday >= REMINDERS_PER_PHONE_PER_DAY) return err('conflict', `Số điện thoại này đã đặt đủ ${REMINDERS_PER_PHONE_PER_DAY} lời nhắc hôm nay.`);
  return ok(true);
}

export interface PendingReminder {
  readonly ticketId: number;
  readonly remaining: number;
}

/** The reminders a call makes due: those whose ticket still waits with at most N people ahead, with that count. */
export function remindersDue<R extends PendingReminder>(pending: readonly R[], positions: ReadonlyMap<number, number>): { readonly reminder: R; readonly ahead: number }[] {
  const due: { reminder: R; ahead: number }[] = [];
  for (const reminder of pending) {
    const ahead = positions.get(reminder.ticketId);
    if (ahead !== undefined && ahead <= reminder.remaining) due.push({ reminder, ahead });
  }
  return due;
}

/** The message's values: the count, the number, the service and the centre — never anything that names the citizen. */
export function queueNearParams(ahead: number, number: number, serviceName: string, centreName: string): Readonly<Record<string, string>> {
  return { remaining: String(ahead), number: String(number), service: serviceName, centre: centreName };
}

/** The outbox's event id (ZNS tracking_id, eSMS RequestId): one per ticket, so a ticket is reminded once. */
export function queueNearEventId(ticketId: number): string {
  return `notify_ticket_${ticketId}_queue-near`;
}
