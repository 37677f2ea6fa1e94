import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS } from './stores';

/** RatingRepository's contract on both stores: one rating per ticket, stored and read back as given. */

warnIfPostgresMissing('rating-repository contract');

const DAY = '2026-12-03';

describe.each(STORE_KINDS)('RatingRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('stores one rating per ticket and reads it back; a second one and a rolled-back one change nothing', async () => {
      const s = await kind.fresh();
      const [t1, t2] = await s.transaction(async () => [
        await s.tickets.insertTicket(DAY, 'ho-tich', 1001, '2026-12-03T01:00:00.000Z', 'kiosk-1', 'normal'),
        await s.tickets.insertTicket(DAY, 'ho-tich', 1002, '2026-12-03T01:01:00.000Z', 'kiosk-1', 'normal'),
      ]);
      expect(await s.ratings.find(t1!.id)).toBeNull();
      const rating = { ticketId: t1!.id, rating: 4 as const, comment: 'Cán bộ hướng dẫn tận tình, nhanh gọn.', serviceId: 'ho-tich', counterId: 'quay-1', clerkId: 'cb-1', ratedAt: '2026-12-03T01:20:00.000Z' };
      await s.transaction(() => s.ratings.insert({ ...rating, day: DAY, ratedBy: 'quay-1' }));
      expect(await s.ratings.find(t1!.id)).toEqual(rating);
      await expect(s.transaction(() => s.ratings.insert({ ...rating, rating: 1, day: DAY, ratedBy: 'kiosk-1' }))).rejects.toThrow();
      expect(await s.ratings.find(t1!.id)).toEqual(rating);
      await expect(
        s.transaction(async () => {
          await s.ratings.insert({ ...rating, ticketId: t2!.id, comment: null, counterId: null, clerkId: null, day: DAY, ratedBy: 'kiosk-1' });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await s.ratings.find(t2!.id)).toBeNull();
      await s.transaction(() => s.ratings.insert({ ...rating, ticketId: t2!.id, rating: 2, comment: null, counterId: null, clerkId: null, day: DAY, ratedBy: 'kiosk-1' }));
      expect(await s.ratings.find(t2!.id)).toEqual({ ...rating, ticketId: t2!.id, rating: 2, comment: null, counterId: null, clerkId: null });
    });
  });
});
