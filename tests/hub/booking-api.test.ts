import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingView, Catalogue, HoldAnswer, SlotsAnswer } from '../../core/booking/booking-api';
import type { BookingError } from '../../core/booking/booking-refusals';
import type { BookingLimits } from '../../hub/booking/booking-limits';
import type { CentreConfig } from '../../kiosk-config/schema';
import { commandId, demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/**
 * The public booking API at a real hub (SQLite file, injected clock): slots with free places,
 * holds that take a place and lapse by themselves, the booking with its per-person limit, the
 * daily cap shared with walk-ins, cancel and move by code and phone, the race for the last place,
 * and the budgets per address, identity and code (typed 429 with Retry-After).
 */

const DAY = '2026-12-04'; // a Friday
type Answer<T> = { status: number; headers: Headers; body: { ok: true; value: T } | { ok: false; error: BookingError } };

describe('public booking API (/dat-lich/api)', () => {
  let now: Date;
  beforeEach(() => {
    now = new Date('2026-12-03T02:00:00Z'); // Thursday 09:00 in Hà Nội
  });
  // Each test starts its hub with its own limits and config (start below).
  const f = useHubFixture({ clock: () => now, autoStart: false });

  async function start(o: { limits?: Partial<BookingLimits>; configure?: (c: CentreConfig) => CentreConfig } = {}): Promise<void> {
    const base = demoConfig();
    let config: CentreConfig = {
      ...base,
      hub: { ...base.hub, trustedProxies: ['127.0.0.1'] },
      appointments: { ...base.appointments!, online: { holdMinutes: 5, perPersonPerDay: 1, horizonDays: 14, askCccd: true } },
    };
    if (o.configure) config = o.configure(config);
    await f.start({ config, bookingLimits: o.limits ?? {} });
  }

  /** A citizen's request, from `from` (the address the trusted proxy names). */
  async function call<T>(method: 'GET' | 'POST', route: string, body?: unknown, from = '203.0.113.10'): Promise<Answer<T>> {
    const res = await fetch(`${f.hub.url}/dat-lich/api/${route}`, {
      method,
      headers: { 'x-forwarded-for': from, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Answer<T>['body'] };
  }
  const value = <T>(a: Answer<T>): T => {
    if (!a.body.ok) throw new Error(`${a.status} ${a.body.error.kind}: ${a.body.error.message}`);
    return a.body.value;
  };
  const refusal = <T>(a: Answer<T>): BookingError & { status: number } => {
    if (a.body.ok) throw new Error(`expected a refusal, got ${JSON.stringify(a.body.value)}`);
    return { ...a.body.error, status: a.status };
  };
  const slots = async (serviceId = 'ho-tich', date = DAY) => Object.fromEntries(value(await call<SlotsAnswer>('GET', `slots?serviceId=${serviceId}&date=${date}`)).slots.map((s) => [s.start, s.free]));
  const hold = (slotStart: string, from?: string, serviceId = 'ho-tich', date = DAY) => call<HoldAnswer>('POST', 'holds', { serviceId, date, slotStart }, from);
  const book = (h: string, phone: string, extra: Record<string, string> = {}, from?: string) => call<BookingView>('POST', 'bookings', { hold: h, citizenName: 'Nguyễn Thị Mai', phone, ...extra }, from);
  const holdAndBook = async (slotStart: string, phone: string, extra: Record<string, string> = {}) => value(await book(value(await hold(slotStart)).hold, phone, extra));

  it('offers the online services and working days; a slot’s free places fall with holds and bookings; a full slot is refused', async () => {
    await start();
    const cat = value(await call<Catalogue>('GET', 'catalogue'));
    expect(cat.services.map((s) => s.id)).toEqual(['ho-tich', 'dat-dai', 'dang-ky-kinh-doanh']);
    expect(cat.days.slice(0, 4)).toEqual([{ date: '2026-12-03', open: true }, { date: DAY, open: true }, { date: '2026-12-05', open: false }, { date: '2026-12-06', open: false }]);
    expect(cat).toMatchObject({ holdMinutes: 5, askCccd: true });
    // Today: the slots already begun show no place.
    const today = await slots('ho-tich', '2026-12-03');
    expect(today['08:30']).toBe(0);
    expect(today['09:30']).toBe(2);

    expect((await slots())['08:00']).toBe(2);
    const first = value(await hold('08:00'));
    expect(first.hold).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first.expiresAt).toBe('2026-12-03T02:05:00.000Z');
    expect((await slots())['08:00']).toBe(1);
    const mine = value(await book(first.hold, '0912 345 678'));
    expect(mine).toMatchObject({ serviceId: 'ho-tich', serviceName: 'Hộ tịch', date: DAY, slotStart: '08:00', state: 'booked', initials: 'N.T.M.', phone: '•••• ••• 678' });
    expect(mine.code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    expect(mine.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await slots())['08:00']).toBe(1);
    // The hold was used: it books once.
    expect(refusal(await book(first.hold, '0987 654 321'))).toMatchObject({ kind: 'hold-expired', status: 409 });
    await holdAndBook('08:00', '0987654321');
    expect((await slots())['08:00']).toBe(0);
    expect(refusal(await hold('08:00'))).toMatchObject({ kind: 'slot-full', status: 409, message: expect.stringContaining('đã hết chỗ') });
    // A closed day, a slot not in the config, a service not booked online, bad shapes.
    expect(refusal(await hold('08:00', undefined, 'ho-tich', '2026-12-05'))).toMatchObject({ kind: 'closed-day' });
    expect(refusal(await hold('08:10'))).toMatchObject({ kind: 'invalid-input', field: 'slotStart' });
    expect(refusal(await hold('08:00', undefined, 'ho-tich', '2027-03-01'))).toMatchObject({ kind: 'invalid-input', field: 'date' });
    expect(refusal(await call('POST', 'holds', { serviceId: 'ho-tich', date: DAY }))).toMatchObject({ kind: 'invalid-input', status: 400 });
    expect(refusal(await call('POST', 'holds', { serviceId: 'ho-tich', date: DAY, slotStart: '09:00', extra: 1 }))).toMatchObject({ kind: 'invalid-input' });
  });

  it('holds a place while the form is filled, then frees it by itself when the hold lapses', async () => {
    await start();
    value(await hold('09:00'));
    const second = value(await hold('09:00', '203.0.113.11'));
    expect((await slots())['09:00']).toBe(0);
    // Held places cannot be taken by another: not online, not at the desk.
    expect(refusal(await hold('09:00', '203.0.113.12'))).toMatchObject({ kind: 'slot-full' });
    const desk = await fetch(`${f.hub.url}/api/appointments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(demoConfig(), 'admin-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: commandId(), serviceId: 'ho-tich', date: DAY, slotStart: '09:00', citizenName: 'Phạm Văn An' }),
    });
    expect(desk.status).toBe(409);
    now = new Date(now.getTime() + 5 * 60_000); // both holds lapse at 02:05:00
    expect((await slots())['09:00']).toBe(2);
    expect(refusal(await book(second.hold, '0912345678'))).toMatchObject({ kind: 'hold-expired', message: expect.stringContaining('hết thời gian giữ chỗ') });
    value(await hold('09:00', '203.0.113.12'));
    // Released by the page (the citizen went back): free at once.
    const third = value(await hold('09:00', '203.0.113.12'));
    expect((await slots())['09:00']).toBe(0);
    expect(value(await call<{ released: boolean }>('POST', 'holds/release', { hold: third.hold }))).toEqual({ released: true });
    expect((await slots())['09:00']).toBe(1);
  });

  it('limits one person (phone, or CCCD when given) to one booking a day; phone numbers are checked as Vietnamese numbers', async () => {
    await start();
    // A mistyped number keeps the hold: the citizen corrects it and sends again.
    const h = value(await hold('09:30')).hold;
    expect(refusal(await book(h, '12345'))).toMatchObject({ kind: 'invalid-input', field: 'phone', status: 400 });
    expect(refusal(await book(h, '0912345678', { cccd: '999123456789' }))).toMatchObject({ kind: 'invalid-input', field: 'cccd' });
    value(await book(h, '+84 912 345 678', { cccd: '001092012345' }));
    // The same phone in another form, another service: refused for that day.
    expect(refusal(await book(value(await hold('08:00', undefined, 'dat-dai')).hold, '0912.345.678'))).toMatchObject({ kind: 'person-limit', status: 409 });
    // Another phone, the same CCCD: refused too.
    expect(refusal(await book(value(await hold('10:00')).hold, '0987654321', { cccd: '001 092 012 345' }))).toMatchObject({ kind: 'person-limit' });
    // Another day is fine.
    const onMonday = value(await book(value(await hold('08:00', undefined, 'ho-tich', '2026-12-07')).hold, '0912345678'));
    expect(onMonday.date).toBe('2026-12-07');
  }, 30_000);

  it('counts bookings, holds and walk-ins against the service’s daily cap together', async () => {
    await start({ configure: (c) => ({ ...c, services: c.services.map((s) => (s.id === 'ho-tich' ? { ...s, walkIn: { dailyCap: 3 } } : s)) }) });
    const kiosk = (await f.open('kiosk-1')).socket;
    const today = '2026-12-03';
    const walkIn = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    expect(walkIn.ok).toBe(true);
    value(await book(value(await hold('10:00', undefined, 'ho-tich', today)).hold, '0912345678'));
    value(await hold('10:30', undefined, 'ho-tich', today));
    // 1 walk-in + 1 booking + 1 hold = 3: the cap is reached for bookings and for walk-ins.
    expect((await slots('ho-tich', today))['14:00']).toBe(0);
    expect(refusal(await hold('14:00', undefined, 'ho-tich', today))).toMatchObject({ kind: 'cap-reached' });
    const refused = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
  });

  it('shows, moves and cancels a booking by its code and phone only', async () => {
    await start({ limits: { perIdentity: { limit: 50, windowMs: 60_000 } } });
    const b = await holdAndBook('08:00', '0912345678');
    expect(refusal(await call('POST', 'bookings/find', { code: b.code, phone: '0987654321' }))).toMatchObject({ kind: 'not-found', status: 404 });
    expect(refusal(await call('POST', 'bookings/find', { code: 'ZZZZZZ', phone: '0912345678' }))).toMatchObject({ kind: 'not-found' });
    expect(value(await call<BookingView>('POST', 'bookings/find', { code: b.code.toLowerCase(), phone: '0912 345 678' }))).toMatchObject({ code: b.code, slotStart: '08:00' });
    // Move: hold the new slot, then confirm with the code; the old place is free again.
    const to = value(await hold('10:30', undefined, 'ho-tich', '2026-12-07'));
    const moved = value(await call<BookingView>('POST', 'bookings/move', { code: b.code, phone: '0912345678', hold: to.hold }));
    expect(moved).toMatchObject({ code: b.code, date: '2026-12-07', slotStart: '10:30', state: 'booked' });
    expect((await slots())['08:00']).toBe(2);
    expect((await slots('ho-tich', '2026-12-07'))['10:30']).toBe(1);
    // An expired hold moves nothing.
    const late = value(await hold('10:00', undefined, 'ho-tich', '2026-12-08'));
    now = new Date(now.getTime() + 6 * 60_000);
    expect(refusal(await call('POST', 'bookings/move', { code: b.code, phone: '0912345678', hold: late.hold }))).toMatchObject({ kind: 'hold-expired' });
    // Cancel: the place is free; a second cancel is refused.
    expect(value(await call<BookingView>('POST', 'bookings/cancel', { code: b.code, phone: '0912345678' }))).toMatchObject({ state: 'cancelled' });
    expect((await slots('ho-tich', '2026-12-07'))['10:30']).toBe(2);
    expect(refusal(await call('POST', 'bookings/cancel', { code: b.code, phone: '0912345678' }))).toMatchObject({ kind: 'not-changeable' });
    // The person may book that day again.
    await holdAndBook('10:30', '0912345678');
  });

  it('two citizens racing for the last place of a slot: exactly one gets it', async () => {
    await start({ configure: (c) => ({ ...c, appointments: { ...c.appointments!, services: { ...c.appointments!.services, 'dat-dai': { capacityPerSlot: 1, hours: [{ from: '08:00', to: '11:00' }] } } } }) });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => hold('08:00', `203.0.113.${20 + i}`, 'dat-dai')));
    expect(answers.filter((a) => a.body.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.body.ok).map((a) => refusal(a).kind)).toEqual(Array(7).fill('slot-full'));
    expect((await slots('dat-dai'))['08:00']).toBe(0);
  });

  it('stops a flood from one address and from one phone number with a typed 429 and Retry-After', async () => {
    await start({ limits: { writesPerAddress: { limit: 5, windowMs: 60_000 }, perIdentity: { limit: 3, windowMs: 60 * 60_000 } } });
    for (let i = 0; i < 5; i += 1) expect((await call('POST', 'holds', { serviceId: 'ho-tich', date: DAY, slotStart: '15:00' }, '198.51.100.7')).status).not.toBe(429);
    const flooded = await call('POST', 'holds', { serviceId: 'ho-tich', date: DAY, slotStart: '15:30' }, '198.51.100.7');
    expect(refusal(flooded)).toMatchObject({ kind: 'rate-limited', status: 429, message: expect.stringContaining('quá nhiều yêu cầu') });
    expect(Number(flooded.headers.get('retry-after'))).toBe(60);
    // Another address is still served.
    expect(value(await hold('15:30', '198.51.100.8')).hold).toBeTruthy();
    // One phone number tried from many addresses: stopped after 3 tries an hour.
    for (let i = 0; i < 3; i += 1) expect((await call('POST', 'bookings/find', { code: 'ABCDEF', phone: '0912345678' }, `192.0.2.${i + 1}`)).status).toBe(404);
    const byPhone = await call('POST', 'bookings/find', { code: 'ABCDEF', phone: '0912 345 678' }, '192.0.2.99');
    expect(refusal(byPhone)).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(Number(byPhone.headers.get('retry-after'))).toBe(3600);
    // After the window the address is served again.
    now = new Date(now.getTime() + 61_000);
    expect(value(await hold('16:00', '198.51.100.7')).hold).toBeTruthy();
  });
});
