import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { coalesceWrites } from '../../hub/write-coalescing';

/**
 * A bare Socket.IO server (the hub's own use is checked in realtime-writes.test.ts): what one
 * turn of the server's event loop sends a connection must leave in one write of its TCP socket,
 * complete and in order. The writes are counted on the server's TCP socket itself (its _write
 * and _writev, which each make one system call), so the count does not depend on when the
 * client happens to read.
 */

interface Rig {
  readonly http: HttpServer;
  readonly io: Server;
  readonly client: ClientSocket;
  /** Writes made by the server's TCP socket of this client since the last reset. */
  writes(): number;
  reset(): void;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.client.close();
    await new Promise<void>((resolve) => void r.io.close(() => resolve()));
  }
});

async function rig(coalesce: boolean, onAsk: (socket: ServerSocket, ack: (v: unknown) => void) => void): Promise<Rig> {
  const http = createServer();
  const io = new Server(http);
  if (coalesce) coalesceWrites(io);
  let writes = 0;
  io.engine.on('connection', (conn: { transport: { socket: { _socket: TcpSocket } } }) => {
    const tcp = conn.transport.socket._socket as TcpSocket & { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
    const write = tcp._write.bind(tcp);
    const writev = tcp._writev.bind(tcp);
    tcp._write = (...a: unknown[]) => {
      writes++;
      write(...a);
    };
    tcp._writev = (...a: unknown[]) => {
      writes++;
      writev(...a);
    };
  });
  io.on('connection', (socket) => socket.on('ask', (ack: (v: unknown) => void) => onAsk(socket, ack)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  // Let the handshake's own frames settle before counting.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const r: Rig = { http, io, client, writes: () => writes, reset: () => void (writes = 0) };
  rigs.push(r);
  return r;
}

/** Asks once; resolves with what arrived, in arrival order, once the answer and `events` events are in. */
function ask(r: Rig, events: number): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve) => {
    const done = () => seen.filter((s) => s.startsWith('event')).length === events && seen.includes('answer') && resolve(seen);
    const onEvent = (n: number) => {
      seen.push(`event ${n}`);
      done();
    };
    r.client.on('event', onEvent);
    r.client.emit('ask', () => {
      seen.push('answer');
      done();
    });
  });
}

/**
 * The hub's shape: the answer given when the database's reply has been read (in a promise job),
 * then, a job later, the event the command caused (hub/commands/command-runner.ts).
 */
const answerThenEvent = (socket: ServerSocket, ack: (v: unknown) => void) =>
  void Promise.resolve().then(() => {
    ack('ok');
    queueMicrotask(() => socket.emit('event', 1));
  });

describe('coalesceWrites: one write per connection per turn', () => {
  it('sends an answer and the event it caused in one write, answer first', async () => {
    const r = await rig(true, answerThenEvent);
    for (let i = 0; i < 5; i++) {
      r.reset();
      expect(await ask(r, 1)).toEqual(['answer', 'event 1']);
      expect(r.writes()).toBe(1);
    }
  });

  it('without it the same exchange takes two writes (what the count above measures)', async () => {
    const r = await rig(false, answerThenEvent);
    r.reset();
    expect(await ask(r, 1)).toEqual(['answer', 'event 1']);
    expect(r.writes()).toBe(2);
  });

  it('forty frames of one turn leave in one write, in the order they were emitted', async () => {
    const r = await rig(true, (socket, ack) => {
      for (let n = 1; n <= 20; n++) socket.emit('event', n);
      ack('ok');
      for (let n = 21; n <= 40; n++) socket.emit('event', n);
    });
    r.reset();
    const seen = await ask(r, 40);
    expect(seen).toEqual([...Array.from({ length: 20 }, (_, i) => `event ${i + 1}`), 'answer', ...Array.from({ length: 20 }, (_, i) => `event ${i + 21}`)]);
    expect(r.writes()).toBe(1);
  });

  it('frames of later turns are not held back: each turn goes out by itself', async () => {
    const r = await rig(true, (socket, ack) => {
      ack('ok');
      setTimeout(() => socket.emit('event', 1), 20);
      setTimeout(() => socket.emit('event', 2), 40);
    });
    r.reset();
    expect(await ask(r, 2)).toEqual(['answer', 'event 1', 'event 2']);
    expect(r.writes()).toBe(3);
  });

  it('a flush that throws closes that connection only: the server and its other connections go on', async () => {
    const r = await rig(true, answerThenEvent);
    const other = connect(`http://127.0.0.1:${(r.http.address() as AddressInfo).port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => other.once('connect', () => resolve()));
    const broken = (r.io.engine as unknown as { clients: Record<string, { on(e: string, l: () => void): void }> }).clients[r.client.io.engine.id]!;
    broken.on('flush', () => {
      throw new Error('write refused');
    });
    const logged: string[] = [];
    const log = console.error;
    console.error = (m: string) => void logged.push(m);
    try {
      const gone = new Promise<string>((resolve) => r.client.once('disconnect', resolve));
      r.client.emit('ask', () => undefined);
      expect(await gone).toBe('transport close');
    } finally {
      console.error = log;
    }
    expect(logged).toEqual([expect.stringContaining('write refused')]);
    const answered = await new Promise<unknown>((resolve) => other.emit('ask', resolve));
    expect(answered).toBe('ok');
    other.close();
  });

  it('a frame emitted just before the server disconnects the socket still arrives', async () => {
    const r = await rig(true, (socket) => {
      socket.emit('event', 7);
      socket.disconnect(true);
    });
    const got = new Promise<number>((resolve) => r.client.once('event', resolve));
    const gone = new Promise<string>((resolve) => r.client.once('disconnect', resolve));
    r.client.emit('ask', () => undefined);
    expect(await got).toBe(7);
    expect(await gone).toBe('io server disconnect');
  });
});
