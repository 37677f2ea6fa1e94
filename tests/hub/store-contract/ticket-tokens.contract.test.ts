import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTicketToken } from '../../../hub/public/ticket-tokens';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS, type StoreUnderTest } from './stores';

/**
 * TicketTokenRepository's contract on both stores: a minted hash finds its ticket, a kiosk's
 * registered token never takes over another ticket's link nor gives a ticket a second one, and the
 * waiting order the phone page counts in.
 */

warnIfPostgresMissing('ticket-tokens contract');

const DAY = '2026-12-03';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 1, minute)).toISOString();

async function issue(s: StoreUnderTest, number: number, minute: number, serviceId = 'ho-tich') {
  return s.transaction(() => s.tickets.insertTicket(DAY, serviceId, number, at(minute), 'kiosk-1', 'normal'));
}

describe.each(STORE_KINDS)('TicketTokenRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('finds a ticket by its token hash only, with the columns the page shows', async () => {
      const s = await kind.fresh();
      const t = await issue(s, 1001, 1);
      await s.transaction(() => s.ticketTokens.insert(hashTicketToken('token-a'), t.id, at(1)));
      expect(await s.ticketTokens.byHash(hashTicketToken('token-a'))).toEqual({ id: t.id, day: DAY, serviceId: 'ho-tich', number: 1001, state: 'waiting', issuedAt: at(1), calledAt: null, counterId: null, rated: false, reminderRemaining: null });
      expect(await s.ticketTokens.byHash(hashTicketToken('token-b'))).toBeNull();
      // The page's follow-ups: its reminder's N and whether it was rated, read with the ticket on both stores.
      await s.transaction(() => s.reminders.insert({ ticketId: t.id, day: DAY, serviceId: 'ho-tich', phone: '84912345678', remaining: 3, createdAt: at(2) }));
      await s.transaction(() => s.ratings.insert({ ticketId: t.id, rating: 4, comment: null, serviceId: 'ho-tich', counterId: 'quay-1', clerkId: null, ratedAt: at(3), day: DAY, ratedBy: 'phone-page' }));
      expect(await s.ticketTokens.byHash(hashTicketToken('token-a'))).toMatchObject({ id: t.id, rated: true, reminderRemaining: 3 });
      expect((await s.ticketTokens.ticket(t.id))?.number).toBe(1001);
      expect(await s.ticketTokens.ticket(t.id + 1000)).toBeNull();
    });

    it('registers a kiosk’s token once: not over another ticket’s hash, not a second one for the same ticket', async () => {
      const s = await kind.fresh();
      const a = await issue(s, 1001, 1);
      const b = await issue(s, 1002, 2);
      expect(await s.ticketTokens.register(hashTicketToken('kiosk-a'), a.id, at(3))).toBe(true);
      expect(await s.ticketTokens.register(hashTicketToken('kiosk-a'), b.id, at(3))).toBe(false);
      expect(await s.ticketTokens.register(hashTicketToken('kiosk-a2'), a.id, at(3))).toBe(false);
      expect((await s.ticketTokens.byHash(hashTicketToken('kiosk-a')))?.id).toBe(a.id);
      expect(await s.ticketTokens.byHash(hashTicketToken('kiosk-a2'))).toBeNull();
      expect(await s.ticketTokens.register(hashTicketToken('kiosk-b'), b.id, at(3))).toBe(true);
      expect((await s.ticketTokens.byHash(hashTicketToken('kiosk-b')))?.id).toBe(b.id);
    });

    it('lists a service’s waiting tickets of the day, oldest issue first', async () => {
      const s = await kind.fresh();
      const late = await issue(s, 1002, 5);
      const early = await issue(s, 1001, 1);
      await issue(s, 2001, 2, 'dat-dai');
      const called = await issue(s, 1003, 3);
      await s.transaction(() => s.tickets.update({ ...called, state: 'called', calledAt: at(6), counterId: 'quay-1' }));
      expect(await s.ticketTokens.waitingOrder(DAY, 'ho-tich')).toEqual([early.id, late.id]);
      expect(await s.ticketTokens.waitingOrder('2026-12-04', 'ho-tich')).toEqual([]);
    });
  });
});
