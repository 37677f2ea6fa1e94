import { describe, expect, it } from 'vitest';
import { checkReminder, queueNearEventId, queueNearParams, reminderPhone, remindersDue, ReminderRequestSchema, REMINDERS_PER_PHONE_PER_DAY } from '../../../core/public/ticket-reminder';

/** The rules of "nhắc tôi khi còn N người", pure (table tests). */
describe('ticket reminder rules', () => {
  const facts = { state: 'waiting', ahead: 5, alreadySet: false, phoneRemindersToday: 0 };

  it('takes a phone, N from 1 to 10 and consent: true, nothing else', () => {
    expect(ReminderRequestSchema.safeParse({ phone: '0912 345 678', remaining: 3, consent: true }).success).toBe(true);
    for (const bad of [
      { phone: '0912 345 678', remaining: 3 },
      { phone: '0912 345 678', remaining: 3, consent: false },
      { phone: '0912 345 678', remaining: 0, consent: true },
      { phone: '0912 345 678', remaining: 11, consent: true },
      { phone: '0912 345 678', remaining: 2.5, consent: true },
      { phone: '', remaining: 3, consent: true },
      { phone: '0912 345 678', remaining: 3, consent: true, idNumber: '001090012345' },
    ]) {
      expect(ReminderRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('normalises a Vietnamese mobile and refuses landlines and foreign numbers in Vietnamese', () => {
    expect(reminderPhone({ phone: '+84 912-345-678' })).toEqual({ ok: true, value: '84912345678' });
    for (const phone of ['024 3825 1234', '+33 6 12 34 56 78', '12345']) {
      const r = reminderPhone({ phone });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('không phải số di động Việt Nam') });
    }
  });

  it('refuses a ticket no longer waiting, a second reminder, one already within N, a phone over its daily budget', () => {
    expect(checkReminder({ remaining: 3 }, facts)).toEqual({ ok: true, value: true });
    const kind = (f: Partial<typeof facts>, remaining = 3) => {
      const r = checkReminder({ remaining }, { ...facts, ...f });
      return r.ok ? 'ok' : r.error.message;
    };
    expect(kind({ state: 'called' })).toBe('Vé không còn chờ gọi: không đặt lời nhắc được nữa.');
    expect(kind({ alreadySet: true })).toBe('Vé này đã có lời nhắc.');
    expect(kind({ ahead: 3 })).toBe('Chỉ còn 3 người trước bạn: hãy theo dõi ngay trên trang này.');
    expect(kind({ ahead: 4 })).toBe('ok');
    expect(kind({ phoneRemindersToday: REMINDERS_PER_PHONE_PER_DAY - 1 })).toBe('ok');
    expect(kind({ phoneRemindersToday: REMINDERS_PER_PHONE_PER_DAY })).toBe('Số điện thoại này đã đặt đủ 3 lời nhắc hôm nay.');
  });

  it('a call makes due the reminders whose ticket still waits with at most N ahead, with that count', () => {
    const pending = [
      { ticketId: 7, remaining: 2 },
      { ticketId: 8, remaining: 1 },
      { ticketId: 9, remaining: 3 },
      { ticketId: 10, remaining: 5 }, // no longer waiting: not in the positions
    ];
    const positions = new Map([
      [6, 0],
      [7, 1],
      [8, 2],
      [9, 3],
    ]);
    expect(remindersDue(pending, positions).map((d) => [d.reminder.ticketId, d.ahead])).toEqual([
      [7, 1],
      [9, 3],
    ]);
  });

  it('names the count, number, service and centre; one event id per ticket', () => {
    expect(queueNearParams(2, 1004, 'Hộ tịch', 'Trung tâm Phục vụ hành chính công quận Hoàn Kiếm')).toEqual({ remaining: '2', number: '1004', service: 'Hộ tịch', centre: 'Trung tâm Phục vụ hành chính công quận Hoàn Kiếm' });
    expect(queueNearEventId(42)).toBe('notify_ticket_42_queue-near');
  });
});
