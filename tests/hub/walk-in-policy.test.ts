import { beforeAll, describe, expect, it } from 'vitest';
import type { CentreConfig } from '../../kiosk-config/schema';
import { commandId, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);

/** The demo centre with Hộ tịch open 07:30–11:30 and 13:30–17:00, at most 3 a day. */
function cappedConfig(): CentreConfig {
  const config = demoConfig();
  return {
    ...config,
    services: config.services.map((s) =>
      s.id === 'ho-tich' ? { ...s, walkIn: { hours: [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }], dailyCap: 3 } } : s,
    ),
  };
}

describe('walk-in hours and daily cap on the hub (real hub, injected clock)', () => {
  const config = cappedConfig();
  let now = vn('2026-11-23T07:00'); // a Monday
  // One hub for the file: the tests follow one another through the days.
  const f = useHubFixture({ config, clock: () => now, scope: 'file' });
  let kiosk: DeviceSocket;

  type Answer = { ok: true; value: { ticket: { id: number; number: number } } } | { ok: false; error: { kind: string; message: string } };
  const issue = (serviceId = 'ho-tich'): Promise<Answer> => kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId }) as Promise<Answer>;
  /** Hộ tịch tickets waiting, read from the hub's database beside it. */
  const waiting = async (): Promise<number> => ((await f.rows(`SELECT count(*) AS n FROM tickets WHERE service_id = 'ho-tich' AND state = 'waiting'`))[0] as { n: number }).n;

  beforeAll(async () => {
    kiosk = (await f.open('kiosk-1')).socket;
  });

  it('refuses before the hours and between the windows with a typed service-closed, and changes nothing', async () => {
    const before = await issue();
    expect(before).toEqual({ ok: false, error: { kind: 'service-closed', message: 'Ngoài giờ nhận hồ sơ của dịch vụ Hộ tịch: giờ nhận 07:30–11:30, 13:30–17:00.' } });
    // Another service without a policy issues at any hour.
    expect(await issue('dat-dai')).toMatchObject({ ok: true, value: { ticket: { number: 2001 } } });
    now = vn('2026-11-23T12:00');
    const rest = await fetch(`${f.hub.url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(config, 'kiosk-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: commandId(), serviceId: 'ho-tich' }),
    });
    expect(rest.status).toBe(409);
    expect(await rest.json()).toMatchObject({ ok: false, error: { kind: 'service-closed' } });
    expect(await waiting()).toBe(0);
  });

  it('counts the day’s open bookings against the cap; a booking still checks in at the cap; a voided ticket frees a place', async () => {
    now = vn('2026-11-23T08:00');
    const booked = await fetch(`${f.hub.url}/api/appointments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(config, 'admin-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: commandId(), serviceId: 'ho-tich', date: '2026-11-23', slotStart: '09:00', citizenName: 'Phạm Văn An', phone: '0912 345 678' }),
    });
    const code = ((await booked.json()) as { value: { appointment: { code: string } } }).value.appointment.code;

    const first = await issue();
    expect(first).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });
    expect(await issue()).toMatchObject({ ok: true, value: { ticket: { number: 1002 } } });
    // Two walk-ins and one booking of the day: the cap of 3 is reached.
    const capped = await issue();
    expect(capped).toEqual({ ok: false, error: { kind: 'exhausted', message: 'Đã hết số hôm nay cho dịch vụ Hộ tịch (tối đa 3 lượt một ngày).' } });
    expect(await waiting()).toBe(2);

    now = vn('2026-11-23T08:45');
    const checkIn = (await kiosk.emitWithAck('appointment:check-in', { commandId: commandId(), code })) as Answer;
    expect(checkIn).toMatchObject({ ok: true, value: { ticket: { number: 1003 } } });
    expect(await issue()).toMatchObject({ ok: false, error: { kind: 'exhausted' } });

    // The kiosk voids a ticket it could not print: that place is free again.
    const id = (first as Extract<Answer, { ok: true }>).value.ticket.id;
    expect(await kiosk.emitWithAck('ticket:cancel', { commandId: commandId(), ticketId: id })).toMatchObject({ ok: true });
    expect(await issue()).toMatchObject({ ok: true, value: { ticket: { number: 1004 } } });
    expect(await issue()).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
  });

  it('starts the count again the next day', async () => {
    now = vn('2026-11-24T07:30');
    expect(await issue()).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });
  });
});
