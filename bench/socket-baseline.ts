import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { ms, summarize } from './stats';

/** A bare Socket.IO ack round trip on loopback: the floor under every figure the hub can reach. */
export async function socketBaseline(rounds: number) {
  const http = createServer();
  const server = new Server(http);
  server.on('connection', (s) => s.on('ping', (x: unknown, ack: (y: unknown) => void) => ack(x)));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  await new Promise<void>((r) => client.once('connect', () => r()));
  const samples: number[] = [];
  for (let i = 0; i < rounds + 50; i++) {
    const t = process.hrtime.bigint();
    await client.emitWithAck('ping', i);
    if (i >= 50) samples.push(ms(t)); // the first 50 warm the JIT
  }
  client.close();
  await new Promise<void>((r) => server.close(() => r()));
  return summarize(samples);
}
