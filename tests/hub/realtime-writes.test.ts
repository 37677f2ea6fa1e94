import type { Socket as TcpSocket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../core/queue/snapshot';
import { commandId, onQueueEvent, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/**
 * A command's answer and the queue event it caused reach the device that sent it in ONE write of
 * the hub (hub/write-coalescing.ts, the runner's broadcast in the same turn as its answers): the
 * kiosk's TCP socket receives them in one chunk. Counted on the device's side of the connection
 * (the hub's own sockets are not reachable from here): with two writes the chunks are two unless
 * the kiosk happened to read late, so this fails when the hub writes them apart (verified by
 * putting the runner's broadcast back in a later turn). Both stores (MOTCUA_TEST_STORE).
 */
describe('a command answered and broadcast in one write', () => {
  const f = useHubFixture();

  /** The device's TCP socket, under socket.io-client → engine.io-client → ws. */
  const tcpOf = (socket: DeviceSocket) => (socket.io.engine as unknown as { transport: { ws: { _socket: TcpSocket } } }).transport.ws._socket;

  /** Sends the command; resolves with the answer, the events and the TCP chunks received until the answer and an event of type `caused` were in. */
  async function exchange(socket: DeviceSocket, name: string, payload: object, caused: string) {
    const tcp = tcpOf(socket);
    let chunks = 0;
    const count = () => void chunks++;
    tcp.on('data', count);
    const events: QueueEvent[] = [];
    let eventsIn!: () => void;
    const gotEvents = new Promise<void>((resolve) => (eventsIn = resolve));
    const stop = onQueueEvent(socket, (e) => {
      events.push(e);
      if (e.kind === 'ticket' && e.type === caused) eventsIn();
    });
    try {
      const raw = socket as unknown as { emitWithAck(ev: string, p: object): Promise<{ ok: boolean }> };
      const answer = await raw.emitWithAck(name, payload);
      await gotEvents;
      return { answer, events, chunks };
    } finally {
      stop();
      tcp.off('data', count);
    }
  }

  it('a kiosk gets its ticket and the ticket-issued event in one chunk, every time', async () => {
    const { socket } = await f.open('kiosk-1');
    for (let i = 0; i < 6; i++) {
      const r = await exchange(socket, 'ticket:issue', { commandId: commandId(), serviceId: i % 2 ? 'ho-tich' : 'dat-dai' }, 'ticket-issued');
      expect(r.answer).toMatchObject({ ok: true });
      expect(r.events.map((e) => (e.kind === 'ticket' ? e.type : e.kind))).toEqual(['ticket-issued']);
      expect(r.chunks, `issue ${i + 1}`).toBe(1);
    }
  });

  it('a counter gets the call and the ticket-called event in one chunk', async () => {
    const kiosk = await f.open('kiosk-1');
    await kiosk.socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    const { socket, hello } = await f.open('counter-1');
    const r = await exchange(socket, 'counter:call-next', { commandId: commandId(), counterId: hello.device.counterId! }, 'ticket-called');
    expect(r.answer).toMatchObject({ ok: true });
    expect(r.events.map((e) => (e.kind === 'ticket' ? e.type : e.kind))).toContain('ticket-called');
    expect(r.chunks).toBe(1);
  });
});
