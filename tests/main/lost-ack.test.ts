import path from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalContext } from '../../core/protocol/bridge';
import type { TicketEvent } from '../../core/queue/snapshot';
import { HubClient, type HubClientState } from '../../main/agent/hub-client';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { DEMO_CLERKS, commandId, demoConfig, onQueueEvent, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { startHubProcess, startPartitionProxy, type HubProcess, type PartitionProxy } from '../support/faults';

/**
 * A lost acknowledgement, for real: the hub is its own process, the terminal reaches it through a
 * partition proxy that drops the hub's replies, and a display on its own link watches the queue.
 */
const config = demoConfig();

function until<T>(subscribe: (listener: (value: T) => void) => () => void, predicate: (value: T) => boolean, current: T): Promise<T> {
  if (predicate(current)) return Promise.resolve(current);
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      if (!predicate(value)) return;
      off();
      resolve(value);
    });
  });
}

describe('a lost acknowledgement is retried with the same id', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: HubProcess;
  let proxy: PartitionProxy;
  let display: DeviceSocket;
  const closers: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    tmp = tempDir('motcua-lost-ack-');
    hub = await startHubProcess({ dataDir: path.join(tmp.dir, 'hub') });
    proxy = await startPartitionProxy({ host: '127.0.0.1', port: hub.port });
    display = io(hub.url, { auth: { deviceId: 'display-1', token: tokenOf(config, 'display-1') }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve) => display.once('session:hello', () => resolve()));
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    display.close();
    await proxy.close();
    await hub.stop();
    tmp.remove();
  });

  /** What the display's own link says is waiting now (the hub's word, not the terminal's). */
  async function waitingAt(serviceId: string): Promise<number> {
    const r = await display.emitWithAck('sync:snapshot');
    if (!r.ok) throw new Error(r.error.message);
    return r.value.waiting[serviceId] ?? 0;
  }

  function heard(type: TicketEvent['type']): Promise<TicketEvent> {
    return new Promise((resolve) => {
      const stop = onQueueEvent(display, (event) => {
        if (event.kind !== 'ticket' || event.type !== type) return;
        stop();
        resolve(event);
      });
    });
  }

  it('a counter calls next, the answer is lost, and after the link heals the same press calls exactly one ticket', async () => {
    const kiosk = io(hub.url, { auth: { deviceId: 'kiosk-1', token: tokenOf(config, 'kiosk-1') }, transports: ['websocket'], forceNew: true }) as DeviceSocket;
    closers.push(() => void kiosk.close());
    await new Promise<void>((resolve) => kiosk.once('session:hello', () => resolve()));
    for (let i = 0; i < 3; i++) await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' });

    const agent = new TerminalAgent({ hubUrl: proxy.url, deviceId: 'counter-1', token: tokenOf(config, 'counter-1'), dataDir: path.join(tmp.dir, 'counter-1'), commandTimeoutMs: 1000, commandPatienceMs: 60_000 });
    closers.push(() => agent.close());
    await agent.start();
    const context = (p: (c: TerminalContext) => boolean) => until((l) => agent.onContext(l), p, agent.context());
    await context((c) => c.hubConnected && c.snapshot !== null);
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    expect(await agent.handlers['counter:sign-in']({ clerkId, pin })).toMatchObject({ ok: true });

    proxy.dropReplies(true);
    const called = heard('ticket-called');
    // The clerk's one press: the screen minted this id at the click.
    const pressed = agent.handlers['counter:call-next']({ commandId: 'click-3f1c9a7e-0001' });
    const first = await called; // the hub acted…
    expect(first.ticket.number).toBe(1001);
    await context((c) => c.sending?.resending === true); // …its answer never came, and the terminal is sending again
    expect(await waitingAt('ho-tich')).toBe(2);

    proxy.dropReplies(false); // the torn link drops, the agent reconnects and re-sends the same id
    const answer = await pressed;
    expect(answer).toMatchObject({ ok: true, value: { ticket: { id: first.ticket.id, number: 1001, counterId: 'quay-1', state: 'called' } } });
    await context((c) => c.sending === null);
    expect(proxy.connections).toBeGreaterThan(1);
    // Exactly one ticket called: two still wait, and the next press (a new id) calls the next one.
    expect(await waitingAt('ho-tich')).toBe(2);
    expect(await agent.handlers['counter:start']({ ticketId: first.ticket.id, commandId: 'click-3f1c9a7e-0002' })).toMatchObject({ ok: true });
    expect(await agent.handlers['counter:complete']({ ticketId: first.ticket.id, commandId: 'click-3f1c9a7e-0003' })).toMatchObject({ ok: true });
    const next = await agent.handlers['counter:call-next']({ commandId: 'click-3f1c9a7e-0004' });
    expect(next).toMatchObject({ ok: true, value: { ticket: { number: 1002 } } });
  });

  it('a kiosk issues through HubClient: a lost answer is re-sent with the same id, one ticket results; a short patience says it may not be recorded', async () => {
    const client = new HubClient({ hubUrl: proxy.url, deviceId: 'kiosk-1', token: tokenOf(config, 'kiosk-1'), commandTimeoutMs: 1000 });
    closers.push(() => client.close());
    client.start();
    const state = (p: (s: HubClientState) => boolean) => until((l) => client.onChange(l), p, client.current());
    await state((s) => s.connected && s.hello !== null);

    // Patience runs out while the answers are lost: the kiosk hears "may not be recorded", and the hub did record it.
    proxy.dropReplies(true);
    const input = { commandId: 'tap-9b2e41d0-0001', serviceId: 'dat-dai', priority: 'normal' } as const;
    const short = await client.command('ticket:issue', input, { patienceMs: 1500 });
    expect(short).toMatchObject({ ok: false, error: { kind: 'hub-unreachable', message: expect.stringContaining('có thể chưa được ghi nhận') } });
    expect(await waitingAt('dat-dai')).toBe(1);

    // The same tap retried (same id) with patience: re-sent across the torn link until the answer arrives.
    const retried = client.command('ticket:issue', input, { patienceMs: 60_000 });
    await state((s) => s.sending !== null);
    proxy.dropReplies(false);
    const answer = await retried;
    expect(answer).toMatchObject({ ok: true, value: { ticket: { number: 2001, serviceId: 'dat-dai' } } });
    expect(await waitingAt('dat-dai')).toBe(1);
    await state((s) => s.sending === null);

    // Cut off entirely: nothing is sent, and the kiosk is told so once its patience is over.
    proxy.cut();
    await state((s) => !s.connected);
    const unsent = await client.command('ticket:issue', { ...input, commandId: 'tap-9b2e41d0-0002' }, { patienceMs: 300 });
    expect(unsent).toMatchObject({ ok: false, error: { kind: 'hub-unreachable', message: expect.stringContaining('chưa được gửi') } });
    // A read is asked once: nothing to protect, and a citizen at the kiosk should not wait for it.
    const read = await client.command('dossier:lookup', { commandId: 'tap-9b2e41d0-0003', code: 'HK-261120-0007' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'hub-unreachable' } });
    expect(client.current().sending).toBeNull();
    proxy.heal();
    await state((s) => s.connected);
    expect(await waitingAt('dat-dai')).toBe(1);
  });
});
