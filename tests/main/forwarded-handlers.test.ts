import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HubClient } from '../../main/agent/hub-client';
import { forwardedHandlers } from '../../main/agent/forwarded-handlers';
import { DEMO_CLERKS, commandId, demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/** The forwarding bridge handlers over a real hub and a real hub link. */
describe('forwarded bridge handlers', () => {
  const fx = useHubFixture();
  const config = demoConfig();
  const links: HubClient[] = [];
  afterEach(async () => {
    for (const hub of links.splice(0)) await hub.close();
  });

  async function link(deviceId: string): Promise<HubClient> {
    const hub = new HubClient({ hubUrl: fx.hub.url, deviceId, token: tokenOf(config, deviceId), helloCacheFile: path.join(fx.dir, `${deviceId}-hello.json`) });
    const connected = new Promise<void>((resolve) => {
      const off = hub.onChange((s) => {
        if (!s.connected || s.hello === null) return;
        off();
        resolve();
      });
    });
    hub.start();
    links.push(hub);
    await connected;
    return hub;
  }

  it("fill in the device's counter, keep the screen's commandId (a retry is answered, not acted twice), and mint one when absent", async () => {
    const kiosk = await fx.open('kiosk-1');
    for (let i = 0; i < 3; i++) await kiosk.socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' });
    const counter = forwardedHandlers(await link('counter-1'));
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    expect(await counter['counter:sign-in']({ clerkId, pin })).toMatchObject({ ok: true, value: { state: { clerk: { id: clerkId } } } });

    const tap = 'tap-3f1c9a7e-0001';
    const first = await counter['counter:call-next']({ commandId: tap });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.ticket).toMatchObject({ counterId: 'quay-1', state: 'called' });
    expect(await counter['counter:call-next']({ commandId: tap })).toEqual(first);

    expect(await counter['counter:start']({ ticketId: first.value.ticket.id })).toMatchObject({ ok: true, value: { ticket: { id: first.value.ticket.id, state: 'serving' } } });
    expect(await counter['counter:complete']({ ticketId: first.value.ticket.id })).toMatchObject({ ok: true, value: { ticket: { id: first.value.ticket.id, state: 'done' } } });
    const next = await counter['counter:call-next']({});
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.ticket.id).not.toBe(first.value.ticket.id);
    expect(await counter['counter:transfer']({ ticketId: next.value.ticket.id, toServiceId: 'dat-dai' })).toMatchObject({ ok: true, value: { ticket: { serviceId: 'dat-dai', state: 'waiting' } } });
  });

  it('answer forbidden without asking the hub when the device has no counter to fill in', async () => {
    const kiosk = await fx.open('kiosk-1');
    await kiosk.socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' });
    const handlers = forwardedHandlers(await link('kiosk-1'));
    expect(await handlers['counter:call-next']({})).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Máy này không được gán cho quầy nào.' } });
    const snapshot = await kiosk.socket.emitWithAck('sync:snapshot');
    expect(snapshot.ok && snapshot.value.waiting['ho-tich']).toBe(1);
  });

  it('send reads with an id of their own and give back what the hub answers', async () => {
    const minted: string[] = [];
    const admin = forwardedHandlers(await link('admin-1'), {
      only: ['admin:book-appointment', 'admin:appointments'],
      mintId: () => {
        minted.push(`read-${minted.length}-0000`);
        return minted.at(-1) as string;
      },
    });
    expect(Object.keys(admin).sort()).toEqual(['admin:appointments', 'admin:book-appointment']);
    const day = '2026-12-07';
    const booked = await admin['admin:book-appointment']({ serviceId: 'ho-tich', date: day, slotStart: '08:00', citizenName: 'Nguyễn Văn An' });
    expect(booked).toMatchObject({ ok: true, value: { appointment: { serviceId: 'ho-tich', date: day } } });
    const list = await admin['admin:appointments']({ date: day });
    expect(list).toMatchObject({ ok: true, value: { date: day, appointments: [{ citizenName: 'Nguyễn Văn An' }] } });
    expect(minted).toHaveLength(2);
    // Another read is another command: the hub does not replay reads, so a fresh id each time.
    await admin['admin:appointments']({ date: day });
    expect(new Set(minted).size).toBe(3);
  });
});
