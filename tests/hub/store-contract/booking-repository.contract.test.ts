import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAppointment } from '../../../hub/appointments/appointment-rows';
import type { BookingHold } from '../../../hub/booking/booking-rows';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS, type StoreUnderTest } from './stores';

/**
 * BookingRepository's contract on both stores (SQLite migration 0020, PostgreSQL 0010): holds
 * count against their slot until they expire, are released and swept; the identities of online
 * bookings count per person and day (phone or CCCD; cancelled ones and the booking itself not);
 * a booking moves with its identity's date. On PostgreSQL, two transactions racing for the last
 * place of a slot: lockDay makes exactly one win.
 */

warnIfPostgresMissing('booking-repository contract');

const DATE = '2026-12-04';
const NOW = '2026-12-03T02:00:00.000Z';
const LATER = '2026-12-03T02:05:00.000Z';
const h = (c: string) => c.repeat(64);

const hold = (hash: string, slotStart: string, expiresAt: string, serviceId = 'ho-tich'): BookingHold => ({ holdHash: hash, serviceId, date: DATE, slotStart, expiresAt, createdAt: NOW });
const booking = (code: string, slotStart: string, date = DATE): NewAppointment => ({
  code, serviceId: 'ho-tich', date, slotStart, citizenName: 'Phạm Quốc Bảo', phone: '0987654321', createdAt: NOW, createdBy: 'dat-lich',
});
const counts = (m: Map<string, { booked: number; held: number }>) => Object.fromEntries([...m].sort().map(([k, v]) => [k, `${v.booked}+${v.held}`]));

describe.each(STORE_KINDS)('BookingRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('counts bookings and live holds per slot; an expired hold counts for nothing and is swept; a released one is gone', async () => {
      const s: StoreUnderTest = await kind.fresh();
      await s.transaction(async () => {
        await s.appointments.insert(booking('AAAAA2', '08:00'));
        await s.bookings.insertHold(hold(h('a'), '08:00', '2026-12-03T02:05:00.000Z'));
        await s.bookings.insertHold(hold(h('b'), '08:30', '2026-12-03T02:03:00.000Z'));
        await s.bookings.insertHold(hold(h('c'), '08:30', '2026-12-03T02:10:00.000Z'));
        await s.bookings.insertHold(hold(h('d'), '08:30', '2026-12-03T02:10:00.000Z', 'dat-dai'));
      });
      expect(counts(await s.bookings.taken(DATE, 'ho-tich', NOW))).toEqual({ '08:00': '1+1', '08:30': '0+2' });
      // The daily cap shared with walk-ins counts the live holds when asked at an instant (tickets' takenToday).
      expect(await s.tickets.takenToday(DATE, 'ho-tich')).toBe(1);
      expect(await s.tickets.takenToday(DATE, 'ho-tich', NOW)).toBe(4);
      expect(await s.tickets.takenToday(DATE, 'ho-tich', LATER)).toBe(2);
      // …and so do the desk's slot counts (AppointmentRepository.bookedPerSlot).
      expect(await s.appointments.bookedPerSlot(DATE, 'ho-tich')).toEqual(new Map([['08:00', 1]]));
      expect(await s.appointments.bookedPerSlot(DATE, 'ho-tich', NOW)).toEqual(new Map([['08:00', 2], ['08:30', 2]]));
      expect(await s.appointments.bookedPerSlot(DATE, 'ho-tich', LATER)).toEqual(new Map([['08:00', 1], ['08:30', 1]]));
      // At 02:05 the first two have lapsed (expiry is exclusive: at the instant itself the place is free).
      expect(counts(await s.bookings.taken(DATE, 'ho-tich', LATER))).toEqual({ '08:00': '1+0', '08:30': '0+1' });
      expect(await s.bookings.hold(h('b'))).toEqual(hold(h('b'), '08:30', '2026-12-03T02:03:00.000Z'));
      expect(await s.bookings.hold(h('e'))).toBeNull();
      expect(await s.transaction(() => s.bookings.sweepHolds(LATER))).toBe(2);
      expect(await s.bookings.hold(h('b'))).toBeNull();
      expect(await s.transaction(() => s.bookings.releaseHold(h('c')))).toBe(true);
      expect(await s.transaction(() => s.bookings.releaseHold(h('c')))).toBe(false);
      expect(counts(await s.bookings.taken(DATE, 'ho-tich', NOW))).toEqual({ '08:00': '1+0' });
      // One hash once.
      await expect(s.transaction(() => s.bookings.insertHold(hold(h('d'), '09:00', LATER)))).rejects.toThrow();
    });

    it('counts one person’s bookings of a day by phone or CCCD, not cancelled ones, not the booking itself', async () => {
      const s = await kind.fresh();
      const me = { phoneHash: h('1'), cccdHash: h('2') };
      await s.transaction(async () => {
        await s.appointments.insert(booking('BBBBB2', '08:00'));
        await s.bookings.insertIdentity('BBBBB2', DATE, { phoneHash: h('1'), cccdHash: null });
        await s.appointments.insert(booking('BBBBB3', '08:30'));
        await s.bookings.insertIdentity('BBBBB3', DATE, { phoneHash: h('9'), cccdHash: h('2') });
        await s.appointments.insert(booking('BBBBB4', '09:00'));
        await s.bookings.insertIdentity('BBBBB4', DATE, { phoneHash: h('8'), cccdHash: null });
      });
      expect(await s.bookings.bookingsOfPerson(DATE, me)).toBe(2);
      expect(await s.bookings.bookingsOfPerson(DATE, { phoneHash: h('1'), cccdHash: null })).toBe(1);
      expect(await s.bookings.bookingsOfPerson(DATE, me, 'BBBBB2')).toBe(1);
      expect(await s.bookings.bookingsOfPerson('2026-12-05', me)).toBe(0);
      expect(await s.bookings.identity('BBBBB3')).toEqual({ phoneHash: h('9'), cccdHash: h('2') });
      expect(await s.bookings.identity('NONE00')).toBeNull();
      await s.transaction(() => s.appointments.cancel('BBBBB3', LATER));
      expect(await s.bookings.bookingsOfPerson(DATE, me)).toBe(1);
      // No identity without its booking.
      await expect(s.transaction(() => s.bookings.insertIdentity('NONE00', DATE, me))).rejects.toThrow();
    });

    it('moves a booked appointment and its identity to another slot; a cancelled one stays', async () => {
      const s = await kind.fresh();
      const me = { phoneHash: h('3'), cccdHash: null };
      await s.transaction(async () => {
        await s.appointments.insert(booking('CCCCC2', '08:00'));
        await s.bookings.insertIdentity('CCCCC2', DATE, me);
      });
      expect(await s.transaction(() => s.bookings.move('CCCCC2', '2026-12-07', '14:00'))).toBe(true);
      expect(await s.appointments.byCode('CCCCC2')).toMatchObject({ date: '2026-12-07', slotStart: '14:00', state: 'booked' });
      expect(await s.bookings.bookingsOfPerson(DATE, me)).toBe(0);
      expect(await s.bookings.bookingsOfPerson('2026-12-07', me)).toBe(1);
      await s.transaction(() => s.appointments.cancel('CCCCC2', LATER));
      expect(await s.transaction(() => s.bookings.move('CCCCC2', DATE, '08:00'))).toBe(false);
      expect(await s.appointments.byCode('CCCCC2')).toMatchObject({ date: '2026-12-07', slotStart: '14:00', state: 'cancelled' });
    });

    it.skipIf(kind.kind === 'sqlite')('two transactions racing for the last place of a slot: lockDay lets exactly one take it', async () => {
      const s = await kind.fresh();
      const capacity = 1;
      const attempt = (c: string) =>
        s.transaction(async () => {
          await s.bookings.lockDay(DATE, 'ho-tich');
          const t = (await s.bookings.taken(DATE, 'ho-tich', NOW)).get('10:00') ?? { booked: 0, held: 0 };
          // Give the other transaction every chance to count the same free place.
          await new Promise((r) => setTimeout(r, 50));
          if (t.booked + t.held >= capacity) return false;
          await s.bookings.insertHold(hold(h(c), '10:00', LATER));
          return true;
        });
      const results = await Promise.all(['e', 'f', '5', '6'].map(attempt));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(counts(await s.bookings.taken(DATE, 'ho-tich', NOW))).toEqual({ '10:00': '0+1' });
    });
  });
});
