import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../main/agent/hub-client';
import { commandId, connectDevice, demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { upOn } from '../support/failover';

const config = demoConfig();

/** A stand-in hub process on loopback: answers ticket:issue as `answer` says, records each commandId it heard. */
async function standIn(answer: (commandId: string) => unknown | null) {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const heard: string[] = [];
  io.on('connection', (socket) => {
    socket.on('ticket:issue', (input: { commandId: string }, ack: (r: unknown) => void) => {
      heard.push(input.commandId);
      const r = answer(input.commandId);
      if (r !== null) ack(r);
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  /** As a process killed: every socket dropped, nothing listening. */
  const kill = async () => {
    io.disconnectSockets(true);
    http.closeAllConnections();
    await new Promise<void>((r) => io.close(() => r()));
  };
  return { url, heard, kill };
}

/**
 * The terminal's side of failover (main/agent/hub-connection.ts, hub-commands.ts) against
 * stand-in hub processes: the same command goes again, with the same id, to the next address;
 * a hub-unavailable answer keeps the command. The real processes: tests/hub/pg/failover-*.test.ts.
 */
describe('hub client with several addresses', () => {
  let tmp: ReturnType<typeof tempDir>;
  let issued: unknown;
  const clients: HubClient[] = [];

  beforeAll(async () => {
    // A real hub's answer to ticket:issue, for the stand-ins to give.
    tmp = tempDir();
    const hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    const kiosk = await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'));
    issued = await kiosk.socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    kiosk.socket.close();
    await hub.close();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    tmp.remove();
  });

  const client = (urls: string[]) => {
    const c = new HubClient({ hubUrl: urls[0]!, hubUrls: urls, deviceId: 'kiosk-1', token: 'any-token-0123456789', commandPatienceMs: 20_000, commandTimeoutMs: 5000 });
    c.start();
    clients.push(c);
    return c;
  };

  it('a process that dies with a command unanswered: the terminal is up on the next address and the command goes there with the same id', async () => {
    const first = await standIn(() => null); // never answers: the process is about to die
    const second = await standIn(() => issued);
    const c = client([first.url, second.url]);
    await upOn(c, first.url, performance.now(), 10_000);
    const id = commandId();
    const pending = c.command('ticket:issue', { commandId: id, serviceId: 'ho-tich' });
    await expect.poll(() => first.heard).toEqual([id]);
    const since = performance.now();
    await first.kill();
    const ms = await upOn(c, second.url, since, 5000);
    expect(await pending).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });
    expect(second.heard).toEqual([id]);
    expect(ms).toBeLessThan(5000);
    await second.kill();
  }, 30_000);

  it('an address that refuses connections at start: the next one is used', async () => {
    const dead = await standIn(() => issued);
    await dead.kill();
    const live = await standIn(() => issued);
    const c = client([dead.url, live.url]);
    await upOn(c, live.url, performance.now(), 5000);
    expect(await c.command('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ ok: true });
    await live.kill();
  }, 30_000);

  it('hub-unavailable (its database away): the command is kept and sent again with the same id until it is answered; sent once, the typed refusal comes back at once', async () => {
    const unavailable = { ok: false, error: { kind: 'hub-unavailable', message: 'Cơ sở dữ liệu tạm thời không trả lời.' } };
    let refusals = 2;
    const hub = await standIn(() => (refusals-- > 0 ? unavailable : issued));
    const c = client([hub.url]);
    await upOn(c, hub.url, performance.now(), 5000);
    const kinds: unknown[] = [];
    c.onChange((s) => kinds.push(s.problemKind));
    const id = commandId();
    expect(await c.command('ticket:issue', { commandId: id, serviceId: 'ho-tich' })).toMatchObject({ ok: true });
    expect(hub.heard).toEqual([id, id, id]);
    expect(kinds).toContain('hub-unavailable');
    expect(c.current().problemKind ?? null).toBeNull();
    refusals = 1;
    expect(await c.command('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }, { patienceMs: 0 })).toEqual(unavailable);
    await hub.kill();
  }, 30_000);
});
