import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub';
import { commandId, connectCounter, connectDevice, demoConfig, startHub, tempDir, tokenOf, type DeviceSocket } from '../support/centre';

const config = demoConfig();

describe('ticket:rate: who may rate what, once', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let kiosk: DeviceSocket;
  let c1: DeviceSocket;
  let c2: DeviceSocket;
  let display: DeviceSocket;
  const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  /** A hộ tịch ticket served at counter 1 up to `until`. */
  const serve = async (until: 'called' | 'serving' | 'done') => {
    const { ticket } = value(await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }));
    value(await c1.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' }));
    if (until !== 'called') value(await c1.emitWithAck('ticket:start', { commandId: commandId(), ticketId: ticket.id }));
    if (until === 'done') value(await c1.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: ticket.id }));
    return ticket.id;
  };

  beforeEach(async () => {
    tmp = tempDir();
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    kiosk = (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    display = (await connectDevice(hub.url, 'display-1', tokenOf(config, 'display-1'))).socket;
    c1 = (await connectCounter(hub.url, 'counter-1')).socket;
    c2 = (await connectCounter(hub.url, 'counter-2')).socket;
  });
  afterEach(async () => {
    [kiosk, display, c1, c2].forEach((s) => s?.close());
    await hub.close();
    tmp.remove();
  });

  it('records the rating with the ticket, service, counter and clerk; a replay is the same answer', async () => {
    const ticketId = await serve('done');
    const input = { commandId: commandId(), ticketId, rating: 4 as const, comment: '  Rất nhanh, cảm ơn chị  ' };
    const first = value(await c1.emitWithAck('ticket:rate', input));
    expect(first.rating).toMatchObject({ ticketId, rating: 4, comment: 'Rất nhanh, cảm ơn chị', serviceId: 'ho-tich', counterId: 'quay-1', clerkId: 'nguyen-thi-lan' });
    expect(await c1.emitWithAck('ticket:rate', input)).toEqual({ ok: true, value: first });
  });

  it('refuses a second rating of the same ticket, from anyone', async () => {
    const ticketId = await serve('done');
    value(await c1.emitWithAck('ticket:rate', { commandId: commandId(), ticketId, rating: 3 }));
    const again = await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId, rating: 1 });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('lets a kiosk rate a finished ticket, not a counter that did not serve it, nor a display', async () => {
    const ticketId = await serve('done');
    expect(await c2.emitWithAck('ticket:rate', { commandId: commandId(), ticketId, rating: 2 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const fromDisplay = await (display.emitWithAck as unknown as (n: string, i: unknown) => Promise<unknown>).call(display, 'ticket:rate', { commandId: commandId(), ticketId, rating: 2 });
    expect(fromDisplay).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(value(await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId, rating: 2 })).rating.counterId).toBe('quay-1');
  });

  it('refuses to rate a ticket that is not done yet, or does not exist', async () => {
    const called = await serve('called');
    expect(await c1.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: called, rating: 4 })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    value(await c1.emitWithAck('ticket:start', { commandId: commandId(), ticketId: called }));
    expect(await c1.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: called, rating: 4 })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: 9999, rating: 4 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses levels outside 1–4 and comments over 500 characters, storing nothing', async () => {
    const ticketId = await serve('done');
    const send = (input: Record<string, unknown>) => (c1.emitWithAck as unknown as (n: string, i: unknown) => Promise<unknown>).call(c1, 'ticket:rate', { commandId: commandId(), ticketId, ...input });
    for (const bad of [{ rating: 0 }, { rating: 5 }, { rating: 2.5 }, { rating: '4' }, { rating: 4, comment: 'x'.repeat(501) }, { rating: 4, stars: 5 }]) {
      expect(await send(bad)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    // Nothing stored: a valid rating still goes through, with a comment of exactly 500.
    expect(await send({ rating: 1, comment: 'y'.repeat(500) })).toMatchObject({ ok: true, value: { rating: { rating: 1 } } });
  });

  it('is also a REST route for the same devices', async () => {
    const ticketId = await serve('done');
    const post = (token: string) =>
      fetch(`${hub.url}/api/tickets/${ticketId}/rating`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ commandId: commandId(), rating: 3 }) });
    expect((await post(tokenOf(config, 'counter-2'))).status).toBe(403);
    expect((await post(tokenOf(config, 'kiosk-1'))).status).toBe(200);
    expect((await post(tokenOf(config, 'kiosk-1'))).status).toBe(409);
  });
});
