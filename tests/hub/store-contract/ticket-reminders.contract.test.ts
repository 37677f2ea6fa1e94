import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS } from './stores';

/** TicketReminderRepository's contract on both stores: one reminder per ticket, pending per service, sent once, erased after its day. */

warnIfPostgresMissing('ticket-reminders contract');

const DAY = '2026-12-03';
const NEXT_DAY = '2026-12-04';

describe.each(STORE_KINDS)('TicketReminderRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('stores one reminder per ticket, lists the pending ones of a service, marks each sent once, erases past days', async () => {
      const s = await kind.fresh();
      const [t1, t2, t3, t4] = await s.transaction(async () => [
        await s.tickets.insertTicket(DAY, 'ho-tich', 1001, '2026-12-03T01:00:00.000Z', 'kiosk-1', 'normal'),
        await s.tickets.insertTicket(DAY, 'ho-tich', 1002, '2026-12-03T01:01:00.000Z', 'kiosk-1', 'normal'),
        await s.tickets.insertTicket(DAY, 'dat-dai', 2001, '2026-12-03T01:02:00.000Z', 'kiosk-1', 'normal'),
        await s.tickets.insertTicket(NEXT_DAY, 'ho-tich', 1001, '2026-12-04T01:00:00.000Z', 'kiosk-1', 'normal'),
      ]);
      const base = { day: DAY, serviceId: 'ho-tich', phone: '84912345678', remaining: 3, createdAt: '2026-12-03T01:05:00.000Z' };
      expect(await s.reminders.find(t1!.id)).toBeNull();
      await s.transaction(async () => {
        await s.reminders.insert({ ...base, ticketId: t1!.id });
        await s.reminders.insert({ ...base, ticketId: t2!.id, phone: '84987654321', remaining: 1 });
        await s.reminders.insert({ ...base, ticketId: t3!.id, serviceId: 'dat-dai' });
        await s.reminders.insert({ ...base, ticketId: t4!.id, day: NEXT_DAY });
      });
      expect(await s.reminders.find(t1!.id)).toEqual({ remaining: 3, sentAt: null });
      // One per ticket: a second one is refused by the store, and a rolled-back one leaves nothing.
      await expect(s.transaction(() => s.reminders.insert({ ...base, ticketId: t1!.id, remaining: 5 }))).rejects.toThrow();
      expect(await s.reminders.find(t1!.id)).toEqual({ remaining: 3, sentAt: null });
      expect(await s.reminders.countByPhone(DAY, '84912345678')).toBe(2);
      expect(await s.reminders.countByPhone(NEXT_DAY, '84912345678')).toBe(1);
      expect(await s.reminders.countByPhone(DAY, '84900000000')).toBe(0);
      expect(await s.reminders.pending(DAY, 'ho-tich')).toEqual([
        { ticketId: t1!.id, phone: '84912345678', remaining: 3 },
        { ticketId: t2!.id, phone: '84987654321', remaining: 1 },
      ]);

      expect(await s.transaction(() => s.reminders.markSent(t1!.id, '2026-12-03T02:00:00.000Z'))).toBe(true);
      expect(await s.transaction(() => s.reminders.markSent(t1!.id, '2026-12-03T02:05:00.000Z'))).toBe(false);
      expect(await s.reminders.find(t1!.id)).toEqual({ remaining: 3, sentAt: '2026-12-03T02:00:00.000Z' });
      expect(await s.reminders.pending(DAY, 'ho-tich')).toEqual([{ ticketId: t2!.id, phone: '84987654321', remaining: 1 }]);

      // The day is over: every reminder of it goes, with its phone; the next day's stays.
      expect(await s.transaction(() => s.reminders.erasePast(NEXT_DAY))).toBe(3);
      expect(await s.reminders.find(t1!.id)).toBeNull();
      expect(await s.reminders.countByPhone(DAY, '84912345678')).toBe(0);
      expect(await s.reminders.find(t4!.id)).toEqual({ remaining: 3, sentAt: null });
    });

    it('refuses a phone that is not in 84… form and a count outside 1–10', async () => {
      const s = await kind.fresh();
      const t = await s.transaction(() => s.tickets.insertTicket(DAY, 'ho-tich', 1001, '2026-12-03T01:00:00.000Z', 'kiosk-1', 'normal'));
      const base = { ticketId: t!.id, day: DAY, serviceId: 'ho-tich', phone: '84912345678', remaining: 3, createdAt: '2026-12-03T01:05:00.000Z' };
      await expect(s.transaction(() => s.reminders.insert({ ...base, phone: '0912345678' }))).rejects.toThrow();
      await expect(s.transaction(() => s.reminders.insert({ ...base, remaining: 11 }))).rejects.toThrow();
      await expect(s.transaction(() => s.reminders.insert({ ...base, remaining: 0 }))).rejects.toThrow();
      expect(await s.reminders.find(t!.id)).toBeNull();
    });
  });
});
