import { describe, expect, it } from 'vitest';
import { commandId, demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T08:00');
const config = demoConfig();
const kiosk = tokenOf(config, 'kiosk-1');
const counter = tokenOf(config, 'counter-1');

describe('number leases over REST (routes generated from the command table)', () => {
  const f = useHubFixture({ clock: () => now });
  const post = async (url: string, token: string, body: unknown) => {
    const res = await fetch(f.hub.url + url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as unknown };
  };

  it('POST /api/tickets/lease-numbers and /api/tickets/offline: lease, deliver, replay, and refusals with their statuses', async () => {
    now = vn('2026-11-20T08:00');
    expect(await post('/api/tickets/lease-numbers', kiosk, { commandId: commandId(), serviceId: 'ho-tich', count: 4 })).toEqual({
      status: 200,
      json: { ok: true, value: { lease: { day: '2026-11-20', serviceId: 'ho-tich', from: 1996, to: 1999 } } },
    });
    expect(await post('/api/tickets', kiosk, { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ status: 200, json: { value: { ticket: { number: 1001 } } } });
    now = vn('2026-11-20T08:20');
    const delivery = { commandId: commandId(), serviceId: 'ho-tich', day: '2026-11-20', number: 1997, issuedAt: '2026-11-20T08:10:00+07:00', priority: 'elderly' };
    const first = await post('/api/tickets/offline', kiosk, delivery);
    expect(first).toMatchObject({
      status: 200,
      json: { ok: true, value: { ticket: { number: 1997, priority: 'elderly', issuedAt: vn('2026-11-20T08:10').toISOString(), issuedBy: 'kiosk-1', state: 'waiting' }, waitingAhead: 1 } },
    });
    expect(await post('/api/tickets/offline', kiosk, delivery)).toEqual(first);
    expect(await post('/api/tickets/offline', kiosk, { ...delivery, commandId: commandId() })).toMatchObject({ status: 409, json: { ok: false, error: { kind: 'conflict' } } });
    expect(await post('/api/tickets/offline', kiosk, { ...delivery, commandId: commandId(), number: 1001 })).toMatchObject({ status: 403, json: { ok: false, error: { kind: 'forbidden' } } });
    expect(await post('/api/tickets/offline', kiosk, { ...delivery, commandId: commandId(), day: '2026-11-19', issuedAt: '2026-11-19T08:10:00+07:00' })).toMatchObject({
      status: 409,
      json: { ok: false, error: { kind: 'conflict', message: expect.stringContaining('đã hết hiệu lực') } },
    });
    expect(await post('/api/tickets/offline', kiosk, { ...delivery, commandId: commandId(), extra: 1 })).toMatchObject({ status: 400, json: { ok: false, error: { kind: 'invalid-input' } } });
    expect(await post('/api/tickets/lease-numbers', kiosk, { commandId: commandId(), serviceId: 'ho-tich', count: 0 })).toMatchObject({ status: 400, json: { ok: false, error: { kind: 'invalid-input' } } });
    expect(await post('/api/tickets/lease-numbers', counter, { commandId: commandId(), serviceId: 'ho-tich', count: 4 })).toMatchObject({ status: 403, json: { ok: false, error: { kind: 'forbidden' } } });
  });
});
