import { createServer } from 'node:http';
import path from 'node:path';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hello } from '../../core/protocol/socket';
import type { QueueEvent, QueueSnapshot } from '../../core/queue/snapshot';
import type { Hub } from '../../hub/hub';
import { HubClient, type HubClientState } from '../../main/agent/hub-client';
import { commandId, connectDevice, demoConfig, onQueueEvent, startHub, tempDir, tokenOf, type DeviceSocket } from '../support/centre';

const config = demoConfig();

/** Resolves with the client's state once it satisfies the predicate. */
function stateWhere(client: HubClient, pred: (s: HubClientState) => boolean): Promise<HubClientState> {
  return new Promise((resolve) => {
    if (pred(client.current())) return resolve(client.current());
    const off = client.onChange((s) => {
      if (!pred(s)) return;
      off();
      resolve(s);
    });
  });
}

/**
 * The terminal's intake of broadcasts, fed by a stand-in hub (a real Socket.IO server on
 * loopback) replaying what a real hub said: events recorded from it, sent one per frame as hubs
 * before `queue:events` did, or several per frame; and frames that must make the terminal resync.
 */
describe('hub client: queue events', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let hello: Hello;
  let events: QueueEvent[];
  let truth: QueueSnapshot;
  const sockets: DeviceSocket[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    const display = await connectDevice(hub.url, 'display-1', tokenOf(config, 'display-1'));
    const kiosk = (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    sockets.push(display.socket, kiosk);
    hello = display.hello;
    events = [];
    onQueueEvent(display.socket, (e) => events.push(e));
    // Three sent at once (one group commit, likely one frame), then two more.
    await Promise.all(['ho-tich', 'dat-dai', 'ho-tich'].map((serviceId) => kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId })));
    for (const serviceId of ['chung-thuc', 'xay-dung']) await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId });
    const s = await display.socket.emitWithAck('sync:snapshot');
    if (!s.ok) throw new Error(s.error.message);
    truth = s.value;
    await expect.poll(() => events.length).toBe(truth.seq - hello.snapshot.seq);
    // However the hub grouped them into frames, they arrive once each, in seq order.
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => hello.snapshot.seq + 1 + i));
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub.close();
    tmp.remove();
  });

  async function standIn(onSync: () => QueueSnapshot) {
    const http = createServer();
    const io = new Server(http);
    let syncs = 0;
    io.on('connection', (socket) => {
      socket.emit('session:hello', hello);
      socket.on('sync:snapshot', (ack: (r: unknown) => void) => {
        syncs += 1;
        ack({ ok: true, value: onSync() });
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const client = new HubClient({ hubUrl: url, deviceId: 'display-1', token: 'any' });
    client.start();
    await stateWhere(client, (s) => s.snapshot?.seq === hello.snapshot.seq);
    return {
      io,
      client,
      syncs: () => syncs,
      close: async () => {
        await client.close();
        await new Promise<void>((r) => io.close(() => r()));
      },
    };
  }

  it('applies events one per frame (older hubs) and several per frame, in order, to the same snapshot as the hub', async () => {
    const s = await standIn(() => truth);
    try {
      const [first, ...rest] = events;
      s.io.emit('queue:event', first!);
      expect((await stateWhere(s.client, (x) => x.snapshot!.seq === first!.seq)).snapshot!.waiting).toEqual({ ...hello.snapshot.waiting, [(first as Extract<QueueEvent, { kind: 'ticket' }>).ticket.serviceId]: 1 });
      s.io.emit('queue:events', rest);
      expect((await stateWhere(s.client, (x) => x.snapshot!.seq === truth.seq)).snapshot).toEqual(truth);
      expect(s.syncs()).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('resyncs on a gap inside a frame and on a frame it cannot read', async () => {
    const marked = (n: number): QueueSnapshot => ({ ...truth, seq: truth.seq + n });
    let answer = marked(0);
    const s = await standIn(() => answer);
    try {
      // Events 1 and 3 without 2: the first applies, the gap asks the hub.
      answer = marked(100);
      s.io.emit('queue:events', [events[0]!, events[2]!]);
      await stateWhere(s.client, (x) => x.snapshot!.seq === answer.seq);
      expect(s.syncs()).toBe(1);
      answer = marked(200);
      s.io.emit('queue:events', [{ kind: 'ticket', seq: 'x' }] as unknown as QueueEvent[]);
      await stateWhere(s.client, (x) => x.snapshot!.seq === answer.seq);
      expect(s.syncs()).toBe(2);
    } finally {
      await s.close();
    }
  });
});
