import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAppointment } from '../../../hub/appointments/appointment-rows';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS } from './stores';

/**
 * AppointmentRepository's contract on both stores: a booking inserted and read back, a day's
 * bookings in slot order, the places held per slot (cancelled ones free theirs), check-in with
 * its ticket's number, cancel. Codes are per centre: each test has a centre (or a database) of its own.
 */

warnIfPostgresMissing('appointment-repository contract');

const DATE = '2026-12-04';

const booking = (code: string, slotStart: string, minute: number, serviceId = 'ho-tich'): NewAppointment => ({
  code, serviceId, date: DATE, slotStart, citizenName: 'Phạm Quốc Bảo', phone: '0987654321',
  createdAt: new Date(Date.UTC(2026, 11, 3, 1, minute)).toISOString(), createdBy: 'web',
});

describe.each(STORE_KINDS)('AppointmentRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('inserts bookings and reads them back by code and by date, in slot then booking order', async () => {
      const s = await kind.fresh();
      const a = await s.transaction(() => s.appointments.insert(booking('K7M2QX', '08:30', 5)));
      expect(a).toEqual({
        code: 'K7M2QX', serviceId: 'ho-tich', date: DATE, slotStart: '08:30', citizenName: 'Phạm Quốc Bảo', phone: '0987654321',
        state: 'booked', createdAt: '2026-12-03T01:05:00.000Z', checkedInAt: null, ticketId: null, ticketNumber: null,
      });
      await s.transaction(() => s.appointments.insert({ ...booking('A2B3C4', '08:00', 9), phone: null }));
      await s.transaction(() => s.appointments.insert(booking('Z9Y8X7', '08:30', 1, 'dat-dai')));
      await s.transaction(() => s.appointments.insert({ ...booking('P4Q5R6', '08:00', 2), date: '2026-12-05' }));
      expect(await s.appointments.byCode('K7M2QX')).toEqual(a);
      expect(await s.appointments.byCode('NONE00')).toBeNull();
      expect((await s.appointments.onDate(DATE)).map((x) => x.code)).toEqual(['A2B3C4', 'Z9Y8X7', 'K7M2QX']);
      expect((await s.appointments.onDate(DATE))[0]!.phone).toBeNull();
      expect(await s.appointments.onDate('2026-12-06')).toEqual([]);
      // One code once.
      await expect(s.transaction(() => s.appointments.insert(booking('K7M2QX', '09:00', 7)))).rejects.toThrow();
      expect((await s.appointments.onDate(DATE)).length).toBe(3);
    });

    it('counts the places held per slot of a service; a cancelled booking frees its place', async () => {
      const s = await kind.fresh();
      await s.transaction(async () => {
        await s.appointments.insert(booking('AAAAA2', '08:00', 1));
        await s.appointments.insert(booking('AAAAA3', '08:00', 2));
        await s.appointments.insert(booking('AAAAA4', '08:30', 3));
        await s.appointments.insert(booking('AAAAA5', '08:00', 4, 'dat-dai'));
      });
      expect(await s.appointments.bookedPerSlot(DATE, 'ho-tich')).toEqual(new Map([['08:00', 2], ['08:30', 1]]));
      const cancelled = await s.transaction(() => s.appointments.cancel('AAAAA3', '2026-12-03T05:00:00.000Z'));
      expect(cancelled).toMatchObject({ code: 'AAAAA3', state: 'cancelled' });
      expect(await s.appointments.bookedPerSlot(DATE, 'ho-tich')).toEqual(new Map([['08:00', 1], ['08:30', 1]]));
      expect(await s.appointments.bookedPerSlot(DATE, 'dat-dai')).toEqual(new Map([['08:00', 1]]));
      expect(await s.appointments.bookedPerSlot('2026-12-05', 'ho-tich')).toEqual(new Map());
    });

    it('checks a booking in with its ticket and shows the ticket number', async () => {
      const s = await kind.fresh();
      await s.transaction(() => s.appointments.insert(booking('CHK234', '08:00', 1)));
      const checkedIn = await s.transaction(async () => {
        const t = await s.tickets.insertTicket(DATE, 'ho-tich', 1007, '2026-12-04T00:58:00.000Z', 'kiosk-1', 'appointment');
        return s.appointments.checkIn('CHK234', '2026-12-04T00:58:00.000Z', t.id);
      });
      expect(checkedIn).toMatchObject({ code: 'CHK234', state: 'checked-in', checkedInAt: '2026-12-04T00:58:00.000Z', ticketNumber: 1007 });
      expect(await s.appointments.byCode('CHK234')).toEqual(checkedIn);
      expect(await s.appointments.bookedPerSlot(DATE, 'ho-tich')).toEqual(new Map([['08:00', 1]]));
      // A rolled-back cancel leaves it checked in.
      await expect(s.transaction(async () => {
        await s.appointments.cancel('CHK234', '2026-12-04T01:00:00.000Z');
        throw new Error('refused');
      })).rejects.toThrow('refused');
      expect((await s.appointments.byCode('CHK234'))!.state).toBe('checked-in');
    });
  });
});
