import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, Slot } from '../../core/appointments/appointments';
import type { Ticket } from '../../core/queue/types';
import { commandId, connectCounter, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();
const ADMIN = tokenOf(config, 'admin-1');
const KIOSK = tokenOf(config, 'kiosk-1');
/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);

type Answer<T> = { status: number; json: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } } };

describe('appointments: booking over REST, check-in at the kiosk (real hub, injected clock)', () => {
  let now = vn('2026-11-23T08:00'); // a Monday
  // One hub for the file: the tests book into the same days.
  const f = useHubFixture({ clock: () => now, scope: 'file' });
  let kiosk: DeviceSocket;

  const post = async <T>(url: string, body: unknown, token = ADMIN): Promise<Answer<T>> => {
    const res = await fetch(f.hub.url + url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Answer<T>['json'] };
  };
  const book = (slotStart: string, date = '2026-11-24', extra: Record<string, unknown> = {}) =>
    post<{ appointment: Appointment }>('/api/appointments', { commandId: commandId(), serviceId: 'ho-tich', date, slotStart, citizenName: 'Phạm Văn An', phone: '0912 345 678', ...extra });
  const booked = async (slotStart: string, date?: string): Promise<Appointment> => {
    const r = await book(slotStart, date);
    if (!r.json.ok) throw new Error(r.json.error.message);
    return r.json.value.appointment;
  };
  const slots = async (date: string, serviceId = 'ho-tich') => post<{ slots: Slot[] }>('/api/appointments/slots', { commandId: commandId(), serviceId, date });
  const checkIn = (code: string) => kiosk.emitWithAck('appointment:check-in', { commandId: commandId(), code });

  beforeAll(async () => {
    kiosk = (await f.open('kiosk-1')).socket;
  });
  beforeEach(() => {
    now = vn('2026-11-23T08:00');
  });

  it('lists the slots of a service and day from the config, with their free places', async () => {
    const r = await slots('2026-11-25');
    if (!r.json.ok) throw new Error(r.json.error.message);
    expect(r.json.value.slots.map((s) => s.start)).toEqual(['07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']);
    expect(r.json.value.slots[0]).toEqual({ start: '07:30', capacity: 2, booked: 0, free: 2 });
  });

  it('books a slot with a short unambiguous code, and refuses the slot once it is full', async () => {
    const first = await booked('09:00');
    expect(first).toMatchObject({ serviceId: 'ho-tich', date: '2026-11-24', slotStart: '09:00', citizenName: 'Phạm Văn An', phone: '0912 345 678', state: 'booked', ticketId: null });
    expect(first.code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    const second = await booked('09:00');
    expect(second.code).not.toBe(first.code);
    const after = await slots('2026-11-24');
    expect(after.json.ok && after.json.value.slots.find((s) => s.start === '09:00')).toEqual({ start: '09:00', capacity: 2, booked: 2, free: 0 });

    const third = await book('09:00');
    expect(third.status).toBe(409);
    expect(third.json).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('đã kín') } });
  });

  it('refuses a slot that has begun, a day in the past, and days the centre is closed', async () => {
    expect((await book('07:30', '2026-11-23')).json).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('đã qua') } });
    expect((await book('10:00', '2026-11-20')).json).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('đã qua') } });
    expect((await book('08:30', '2026-11-23')).json.ok).toBe(true); // later today is fine
    const saturday = await book('09:00', '2026-11-28');
    expect(saturday.json).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/không làm việc ngày 28\/11\/2026 \(Thứ Bảy\)/) } });
    const newYear = await book('09:00', '2027-01-01');
    expect(newYear.json).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('không làm việc ngày 01/01/2027') } });
  });

  it('refuses bad input without booking anything', async () => {
    const before = await post<{ appointments: Appointment[] }>('/api/appointments/list', { commandId: commandId(), date: '2026-11-26' });
    expect((await book('09:15', '2026-11-26')).json).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('Không có khung giờ 09:15') } });
    expect((await book('9h', '2026-11-26')).status).toBe(400);
    expect((await book('09:00', '26/11/2026')).status).toBe(400);
    expect((await book('09:00', '2026-11-26', { citizenName: ' ' })).status).toBe(400);
    expect((await book('09:00', '2026-11-26', { phone: 'gọi tôi' })).status).toBe(400);
    expect((await book('09:00', '2026-11-26', { serviceId: 'xay-dung' })).json).toMatchObject({ ok: false, error: { message: 'Dịch vụ Xây dựng không nhận đặt lịch hẹn.' } });
    expect((await book('09:00', '2026-11-26', { serviceId: 'khong-co' })).status).toBe(404);
    const asKiosk = await post('/api/appointments', { commandId: commandId(), serviceId: 'ho-tich', date: '2026-11-26', slotStart: '09:00', citizenName: 'Kiosk' }, KIOSK);
    expect(asKiosk.status).toBe(403);
    const after = await post<{ appointments: Appointment[] }>('/api/appointments/list', { commandId: commandId(), date: '2026-11-26' });
    expect(after.json).toEqual(before.json);
    expect(before.json).toEqual({ ok: true, value: { date: '2026-11-26', appointments: [] } });
  });

  it('checks in only inside the window: too early, on time, too late, another day', async () => {
    const nineThirty = await booked('09:30', '2026-11-23');
    const early = await checkIn(nineThirty.code);
    expect(early).toEqual({ ok: false, error: { kind: 'conflict', message: 'Chưa đến giờ: lịch hẹn của bạn lúc 09:30, mời quay lại sau 09:00.' } });

    now = vn('2026-11-23T08:59');
    expect((await checkIn(nineThirty.code)).ok).toBe(false);
    now = vn('2026-11-23T09:00'); // the window opens 30 minutes ahead
    const onTime = await checkIn(nineThirty.code.toLowerCase().replace(/(...)/, '$1 '));
    if (!onTime.ok) throw new Error(onTime.error.message);
    expect(onTime.value.ticket).toMatchObject({ serviceId: 'ho-tich', priority: 'appointment', state: 'waiting', issuedBy: 'kiosk-1' });
    expect(onTime.value.ticket.number).toBeGreaterThanOrEqual(1001);
    expect(onTime.value.appointment).toMatchObject({ code: nineThirty.code, state: 'checked-in', ticketId: onTime.value.ticket.id, ticketNumber: onTime.value.ticket.number });

    const eight = await booked('08:00', '2026-11-24');
    now = vn('2026-11-24T08:15'); // the last minute it is still accepted
    expect((await checkIn(eight.code)).ok).toBe(true);
    const eightThirty = await booked('08:30', '2026-11-24');
    now = vn('2026-11-24T08:46');
    expect(await checkIn(eightThirty.code)).toEqual({
      ok: false,
      error: { kind: 'conflict', message: 'Đã quá giờ hẹn: lịch hẹn lúc 08:30 ngày 24/11/2026 chỉ nhận đến 08:45. Mời bạn lấy số thường.' },
    });

    const tomorrow = await booked('10:00', '2026-11-25');
    expect(await checkIn(tomorrow.code)).toMatchObject({ ok: false, error: { message: 'Lịch hẹn của bạn vào ngày 25/11/2026 lúc 10:00, mời quay lại vào ngày đó.' } });
  });

  it('answers an unknown code, a used code and a cancelled booking clearly, issuing nothing', async () => {
    const waitingBefore = await kiosk.emitWithAck('sync:snapshot');
    expect(await checkIn('ZZ9ZZ9')).toEqual({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('Không tìm thấy lịch hẹn có mã ZZ9ZZ9') } });

    const a = await booked('08:30', '2026-11-23');
    now = vn('2026-11-23T08:20');
    expect((await checkIn(a.code)).ok).toBe(true);
    const again = await checkIn(a.code);
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/đã được dùng để lấy số \d+/) } });

    now = vn('2026-11-23T08:00');
    const b = await booked('10:30', '2026-11-23');
    const cancelled = await post<{ appointment: Appointment }>(`/api/appointments/${b.code}/cancel`, { commandId: commandId() });
    expect(cancelled.json).toMatchObject({ ok: true, value: { appointment: { code: b.code, state: 'cancelled' } } });
    now = vn('2026-11-23T10:20');
    expect(await checkIn(b.code)).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('đã bị huỷ') } });
    expect((await post(`/api/appointments/${a.code}/cancel`, { commandId: commandId() })).status).toBe(409);

    const waitingAfter = await kiosk.emitWithAck('sync:snapshot');
    if (!waitingBefore.ok || !waitingAfter.ok) throw new Error('no snapshot');
    expect(waitingAfter.value.waiting['ho-tich']).toBe(waitingBefore.value.waiting['ho-tich']! + 1); // only the one good check-in
  });

  it('places the appointment ticket by the priority ratio: it does not jump the whole queue', async () => {
    now = vn('2026-11-27T09:00');
    const normal: Ticket[] = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
      if (!r.ok) throw new Error(r.error.message);
      normal.push(r.value.ticket);
    }
    now = vn('2026-11-27T08:00');
    const a = await booked('09:30', '2026-11-27');
    now = vn('2026-11-27T09:05');
    const checked = await checkIn(a.code);
    if (!checked.ok) throw new Error(checked.error.message);

    const counter = await connectCounter(f.hub.url, 'counter-1');
    const calls: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const call = await counter.socket.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
      if (!call.ok) throw new Error(call.error.message);
      calls.push(call.value.ticket.number);
      await counter.socket.emitWithAck('ticket:start', { commandId: commandId(), ticketId: call.value.ticket.id });
      const done = await counter.socket.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: call.value.ticket.id });
      if (!done.ok) throw new Error(done.error.message);
    }
    counter.socket.close();
    // priorityRatio 2 in the demo centre: two normal calls, then the appointment, then the rest.
    expect(calls).toEqual([normal[0]!.number, normal[1]!.number, checked.value.ticket.number, normal[2]!.number, normal[3]!.number]);
  });
});
