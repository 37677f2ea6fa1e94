import { fork } from 'node:child_process';
import { request, type ClientRequest } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandId, connectDevice, tempDir, type DeviceSocket } from '../tests/support/centre';
import { benchCentre, connectBenchCounter } from './bench-centre';
import { ms, summarize } from './stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** One simulated phone: an SSE stream of its ticket's page, counting the `ticket` events it receives. */
interface Phone {
  readonly index: number;
  readonly req: ClientRequest;
  events: number;
  lastAt: bigint;
  /** The event count that completes the current round for this phone (0: not in the round). */
  target: number;
}

function openPhone(base: string, token: string, index: number, onEvent: (phone: Phone) => void): Promise<Phone> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/t/${token}/events`, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`phone ${index}: HTTP ${res.statusCode}`));
      const phone: Phone = { index, req, events: 0, lastAt: 0n, target: 0 };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        let at = chunk.indexOf('event: ticket');
        if (at === -1) return;
        const now = process.hrtime.bigint();
        while (at !== -1) {
          phone.events += 1;
          at = chunk.indexOf('event: ticket', at + 1);
        }
        phone.lastAt = now;
        onEvent(phone);
      });
      resolve(phone);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * 5,000 phones following one service live (BENCH_PHONES, default 5000; BENCH_PHONE_ROUNDS, default
 * 10): the hub in its own process (bench/phone-hub-process.ts), the phones as raw SSE streams in this
 * one. Each round a counter calls the head of the queue; every other phone's "people ahead" drops
 * by one, so one call is one message to each phone. Figures: from the counter emitting
 * `counter:call-next` to the called phone showing its call, and to each phone having its update
 * (p50 / p95 / max over all phones and rounds).
 */
export async function runPhoneFollowBench() {
  const n = Number(process.env['BENCH_PHONES'] ?? 5000);
  const rounds = Number(process.env['BENCH_PHONE_ROUNDS'] ?? 10);
  const tmp = tempDir('motcua-bench-phone-');
  const child = fork(path.join(HERE, 'phone-hub-process.ts'), [path.join(tmp.dir, 'hub.sqlite')], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string }));
    child.once('exit', (code) => reject(new Error(`phone hub exited (${code}) before it was ready`)));
  });
  const phones: Phone[] = [];
  const sockets: DeviceSocket[] = [];
  const started = process.hrtime.bigint();
  try {
    const { config, counters } = benchCentre();
    const kiosk = (await connectDevice(url, 'kiosk-1', config.devices.find((d) => d.id === 'kiosk-1')!.token!)).socket;
    const counter = await connectBenchCounter(url, counters[0]!); // quay-1 serves ho-tich
    sockets.push(kiosk, counter);

    // n tickets of one service, each with its link (8 issues in flight at a time; not timed).
    const issued: { number: number; token: string }[] = [];
    let t = process.hrtime.bigint();
    for (let i = 0; i < n; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, n - i) }, async () => {
          const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
          if (!r.ok || !r.value.trackingUrl) throw new Error(`ticket:issue: ${r.ok ? 'no trackingUrl' : r.error.message}`);
          issued.push({ number: r.value.ticket.number, token: r.value.trackingUrl.split('/t/')[1]! });
        }),
      );
    }
    const issueMs = ms(t);
    // Phones in call order: phone i follows the i-th ticket of the day.
    const ordered = issued.sort((a, b) => a.number - b.number).map((x) => x.token);
    let wake: (() => void) | null = null;
    // Counted as they arrive, so a round's wait costs O(1) per message, not a scan of every phone.
    let reached = 0;
    let lastAnyEvent = Date.now();
    const onEvent = (p: Phone) => {
      lastAnyEvent = Date.now();
      if (p.target > 0 && p.events >= p.target) {
        p.target = 0;
        reached += 1;
      }
      if (reached > 0) wake?.();
    };
    t = process.hrtime.bigint();
    for (let i = 0; i < ordered.length; i += 250) {
      phones.push(...(await Promise.all(ordered.slice(i, i + 250).map((tok, k) => openPhone(url, tok, i + k, onEvent)))));
    }
    const connectMs = ms(t);
    const waitUntil = async (done: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 20);
        });
      }
      wake = null;
    };
    reached = 0;
    for (const p of phones) if (p.events >= 1) reached += 1;
    else p.target = 1;
    await waitUntil(() => reached >= phones.length, 'every phone has its first view');

    const toCalled: number[] = [];
    const toEach: number[] = [];
    const lastPhone: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const live = phones.slice(round);
      const before = live.map((p) => p.events);
      reached = 0;
      for (const p of live) p.target = p.events + 1;
      const t0 = process.hrtime.bigint();
      const called = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
      if (!called.ok) throw new Error(`call-next: ${called.error.message}`);
      await waitUntil(() => reached >= live.length, `round ${round}: every phone updated`);
      const arrivals = live.map((p) => Number(p.lastAt - t0) / 1e6);
      toCalled.push(arrivals[0]!);
      toEach.push(...arrivals);
      lastPhone.push(Math.max(...arrivals));
      for (const cmd of ['ticket:start', 'ticket:complete'] as const) {
        const x = await counter.emitWithAck(cmd, { commandId: commandId(), ticketId: called.value.ticket.id });
        if (!x.ok) throw new Error(`${cmd}: ${x.error.message}`);
      }
      // The finished phone's own "done" view: the queue has settled before the next round.
      reached = 0;
      live[0]!.target = before[0]! + 3;
      await waitUntil(() => reached >= 1, `round ${round}: serving and done`);
      // A finished service changes the estimate on every waiting phone: let those messages land (250 ms
      // without any) so the next round times only the next call.
      while (Date.now() - lastAnyEvent < 250) await new Promise((r) => setTimeout(r, 50));
    }
    return {
      note:
        'Hub in its own process; the phones are raw SSE streams (node:http) in the bench process on loopback, so the figures include ' +
        'this process parsing every phone’s message on one event loop. One call changes every phone’s view (its place in the queue).',
      phones: phones.length,
      rounds,
      issueSeconds: Math.round(issueMs / 100) / 10,
      connectSeconds: Math.round(connectMs / 100) / 10,
      callToCalledPhoneMs: summarize(toCalled),
      callToEachPhoneMs: summarize(toEach),
      callToLastPhoneMs: summarize(lastPhone),
      totalSeconds: Math.round(ms(started) / 100) / 10,
    };
  } finally {
    for (const p of phones) p.req.destroy();
    for (const s of sockets) s.close();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.send({ type: 'close' });
    });
    tmp.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runPhoneFollowBench(), null, 2));
