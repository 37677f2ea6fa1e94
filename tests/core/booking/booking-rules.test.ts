import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseCccd } from '../../../core/booking/booking-identity';
import { bookingDates, freePlaces, holdExpiry, holdIsLive, placeRefusal, withinPersonLimit, type PlaceLoad } from '../../../core/booking/booking-rules';
import { formatVnPhone, maskVnPhone, normaliseVnPhone } from '../../../core/booking/vn-phone';
import { DEMO_CENTRE_FILE, parseCentreConfig } from '../../../kiosk-config/load';

const load = (o: Partial<PlaceLoad> = {}): PlaceLoad => ({ capacity: 2, booked: 0, held: 0, dayUsed: 0, capTaken: 0, ...o });

describe('online booking rules (core/booking)', () => {
  it('counts a slot’s places against bookings and live holds, the day’s quota and the cap shared with walk-ins', () => {
    expect(freePlaces(load())).toBe(2);
    expect(freePlaces(load({ booked: 1 }))).toBe(1);
    expect(freePlaces(load({ booked: 1, held: 1 }))).toBe(0);
    expect(placeRefusal(load({ booked: 1, held: 1 }))).toEqual({ kind: 'slot-full', capacity: 2 });
    expect(placeRefusal(load({ booked: 1 }))).toBeNull();
    expect(freePlaces(load({ dayQuota: 10, dayUsed: 9 }))).toBe(1);
    expect(placeRefusal(load({ dayQuota: 10, dayUsed: 10 }))).toEqual({ kind: 'day-full', quota: 10 });
    expect(freePlaces(load({ dailyCap: 50, capTaken: 50 }))).toBe(0);
    expect(placeRefusal(load({ dailyCap: 50, capTaken: 50 }))).toEqual({ kind: 'cap-reached', cap: 50 });
    // Never negative, whatever the counts (a cap lowered after bookings were made).
    expect(freePlaces(load({ booked: 5 }))).toBe(0);
  });

  it('limits a person per day, holds for a few minutes (expiry exclusive), offers the horizon’s days', () => {
    expect(withinPersonLimit(0, 1)).toBe(true);
    expect(withinPersonLimit(1, 1)).toBe(false);
    const at = new Date('2026-12-03T02:00:00.000Z');
    const until = holdExpiry(at, 5);
    expect(until.toISOString()).toBe('2026-12-03T02:05:00.000Z');
    expect(holdIsLive(until.toISOString(), new Date('2026-12-03T02:04:59.999Z'))).toBe(true);
    expect(holdIsLive(until.toISOString(), until)).toBe(false);
    expect(bookingDates('2026-12-30', 4)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('reads Vietnamese phone numbers as citizens type them, and refuses others', () => {
    for (const typed of ['0912345678', '0912 345 678', '0912.345.678', '+84 912 345 678', '84912345678', '(091) 234-5678']) expect(normaliseVnPhone(typed)).toBe('0912345678');
    expect(normaliseVnPhone('0321234567')).toBe('0321234567');
    expect(normaliseVnPhone('02438251234')).toBe('02438251234'); // Hà Nội fixed line
    for (const bad of ['12345', '0112345678', '091234567', '09123456789', '0912abc678', '', '+1 415 555 0100']) expect(normaliseVnPhone(bad)).toBeNull();
    expect(formatVnPhone('0912345678')).toBe('0912 345 678');
    expect(maskVnPhone('0912345678')).toBe('•••• ••• 678');
  });

  it('takes a CCCD number of 12 digits with a province code', () => {
    expect(normaliseCccd('001 092 012 345')).toBe('001092012345');
    expect(normaliseCccd('999092012345')).toBeNull();
    expect(normaliseCccd('00109201234')).toBeNull();
  });

  it('validates appointments.online in the centre config with zod, naming the field at fault', () => {
    const demo = JSON.parse(readFileSync(DEMO_CENTRE_FILE, 'utf8')) as { appointments: Record<string, unknown> };
    const good = parseCentreConfig('centre.json', JSON.stringify({ ...demo, appointments: { ...demo.appointments, online: {} } }));
    expect(good.ok && good.value.appointments?.online).toEqual({ holdMinutes: 5, perPersonPerDay: 1, horizonDays: 14, askCccd: false });
    const bad = parseCentreConfig('centre.json', JSON.stringify({ ...demo, appointments: { ...demo.appointments, online: { holdMinutes: 0, askCcccd: true } } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.kind).toBe('invalid-input');
      expect(bad.error.message).toContain('appointments.online.holdMinutes');
      expect(bad.error.message).toContain('askCcccd');
    }
  });
});
