import path from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import { startControlServer } from '../../hardware/virtual/control-server';
import { commandId, demoConfig, onQueueEvent, tempDir, tokenOf, type DeviceSocket } from './centre';
import { setPrinterFault, startHubProcess, startPartitionProxy, type HubProcess, type PartitionProxy } from './faults';

const config = demoConfig();

/** A kiosk socket that reconnects by itself, as a terminal's does. */
function kioskSocket(url: string): DeviceSocket {
  return io(url, { auth: { deviceId: 'kiosk-1', token: tokenOf(config, 'kiosk-1') }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
}

function once(socket: DeviceSocket, event: 'session:hello' | 'disconnect'): Promise<void> {
  return new Promise((resolve) => socket.once(event, () => resolve()));
}

describe('fault fixture', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: HubProcess | null = null;
  let proxy: PartitionProxy | null = null;
  const sockets: DeviceSocket[] = [];

  beforeEach(() => {
    tmp = tempDir('motcua-faults-');
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await proxy?.close();
    await hub?.stop();
    hub = null;
    proxy = null;
    tmp.remove();
  });

  it('kill -9 then restart on the same port keeps every acknowledged ticket', async () => {
    hub = await startHubProcess({ dataDir: path.join(tmp.dir, 'hub') });
    const firstPid = hub.pid;
    const kiosk = kioskSocket(hub.url);
    sockets.push(kiosk);
    await once(kiosk, 'session:hello');
    const issued: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' });
      if (!r.ok) throw new Error(r.error.message);
      issued.push(r.value.ticket.number);
    }

    const gone = once(kiosk, 'disconnect');
    await hub.kill9();
    await gone;
    const port = hub.port;
    const back = once(kiosk, 'session:hello');
    await hub.restart();
    expect(hub.port).toBe(port);
    expect(hub.pid).not.toBe(firstPid);
    await back; // the kiosk reconnected to the same URL by itself

    const snap = await kiosk.emitWithAck('sync:snapshot');
    if (!snap.ok) throw new Error(snap.error.message);
    expect(snap.value.waiting['ho-tich']).toBe(issued.length);
    const next = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' });
    expect(next.ok && next.value.ticket.number).toBe(Math.max(...issued) + 1);
  });

  it('a cut proxy disconnects one device, heal lets it reconnect, and a dropped reply loses the ack', async () => {
    hub = await startHubProcess({ dataDir: path.join(tmp.dir, 'hub') });
    proxy = await startPartitionProxy({ host: '127.0.0.1', port: hub.port });
    const cutOff = kioskSocket(proxy.url);
    const direct = io(hub.url, { auth: { deviceId: 'display-1', token: tokenOf(config, 'display-1') }, transports: ['websocket'], forceNew: true }) as DeviceSocket;
    sockets.push(cutOff, direct);
    await Promise.all([once(cutOff, 'session:hello'), once(direct, 'session:hello')]);

    const gone = once(cutOff, 'disconnect');
    proxy.cut();
    await gone;
    expect(direct.connected).toBe(true);

    const back = once(cutOff, 'session:hello');
    proxy.heal();
    await back;

    // The hub gets the command and acts (the display hears the new ticket); its answer never reaches the kiosk:
    // when the torn link is dropped, the kiosk's pending ack fails with the disconnect instead of an answer.
    proxy.dropReplies(true);
    const id = commandId();
    const issuedSeen = new Promise<void>((resolve) => onQueueEvent(direct, () => resolve()));
    const lost = cutOff
      .timeout(60_000)
      .emitWithAck('ticket:issue', { commandId: id, serviceId: 'ho-tich', priority: 'normal' })
      .then(
        () => 'answered',
        (e: Error) => `no answer: ${e.message}`,
      );
    await issuedSeen;
    const seen = await direct.emitWithAck('sync:snapshot');
    expect(seen.ok && seen.value.waiting['ho-tich']).toBe(1);

    const again = once(cutOff, 'session:hello');
    proxy.dropReplies(false);
    expect(await lost).toBe('no answer: socket has been disconnected');
    await again;
    const replay = await cutOff.emitWithAck('ticket:issue', { commandId: id, serviceId: 'ho-tich', priority: 'normal' });
    // The replay with the same id is the first answer: still one ticket waiting, and its number is the first of the block.
    expect(replay.ok && replay.value.ticket.number).toBe(1001);
    const after = await direct.emitWithAck('sync:snapshot');
    expect(after.ok && after.value.waiting['ho-tich']).toBe(1);
  });

  it('setPrinterFault drives a virtual printer in process and over its HTTP control', async () => {
    const printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    await printer.start();
    const control = await startControlServer(printer);
    try {
      await setPrinterFault(printer, 'paper-out');
      expect(printer.state).toBe('paper-out');
      await setPrinterFault({ controlUrl: `http://127.0.0.1:${control.port}` }, 'cover-open');
      expect(printer.state).toBe('cover-open');
      await setPrinterFault(printer, 'ok');
      expect(printer.state).toBe('ok');
    } finally {
      await control.close();
      await printer.close();
    }
  });
});
