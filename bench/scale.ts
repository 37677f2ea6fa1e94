import path from 'node:path';
import { Hub } from '../hub/hub';
import type { QueueEvent } from '../core/queue/snapshot';
import { commandId, connectCounter, connectDevice, demoConfig, onQueueEvent, tempDir, tokenOf, type DeviceSocket } from '../tests/support/centre';
import { ms, summarize } from './stats';

/**
 * Scale figures of the hub, measured in one run on this machine:
 * - callToDisplay: with N display sockets connected (BENCH_SCALE_CLIENTS, default "1000,5000"),
 *   the time from a counter emitting `counter:call-next` to the first, the median and the last
 *   display socket having received the matching `ticket-called` event (BENCH_SCALE_ROUNDS rounds);
 * - queueOps: queue commands per second on a hub whose SQLite runs in WAL with synchronous=FULL
 *   (every command is a committed, fsynced transaction before its ack): sequential issue from one
 *   kiosk, concurrent issue from 8 kiosk sockets, and call → start → complete cycles at one counter
 *   (each phase runs BENCH_SCALE_SECONDS seconds or BENCH_SCALE_OPS operations, whichever comes first).
 * The clients run in the hub's process: latencies and RSS include the clients' own work.
 */
export async function runScaleBench() {
  const levels = (process.env['BENCH_SCALE_CLIENTS'] ?? '1000,5000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
  const rounds = Number(process.env['BENCH_SCALE_ROUNDS'] ?? 30);
  const seconds = Number(process.env['BENCH_SCALE_SECONDS'] ?? 4);
  const maxOps = Number(process.env['BENCH_SCALE_OPS'] ?? 5000);
  const started = process.hrtime.bigint();
  return {
    note:
      'Hub and all clients (display, kiosk and counter sockets) run in ONE Node process on loopback: latencies include ' +
      'the clients’ event parsing on the same event loop, and rssMb is hub + clients together. SQLite file on the OS temp ' +
      'dir (ext4 here), WAL, synchronous=FULL. Display levels are reached by adding sockets to the same hub; connectMs is ' +
      'the time to connect the sockets added for that level (batches of BENCH_SCALE_BATCH, default 250, in parallel).',
    callToDisplay: await callToDisplay(levels, rounds),
    queueOps: await queueOps(seconds, maxOps),
    totalSeconds: Math.round(ms(started) / 100) / 10,
  };
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

function withTimeout<T>(p: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function startHub(dir: string): Promise<Hub> {
  const hub = new Hub({ config: demoConfig(), dbFile: path.join(dir, 'hub.sqlite'), host: '127.0.0.1', port: 0, tls: false });
  await hub.start();
  return hub;
}

async function issue(kiosk: DeviceSocket): Promise<void> {
  const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
  if (!r.ok) throw new Error(`ticket:issue failed: ${r.error.message}`);
}

/** One call-next → start → complete at quay-1; returns the called ticket's id and each step's latency. */
async function cycle(counter: DeviceSocket) {
  let t = process.hrtime.bigint();
  const called = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
  const callMs = ms(t);
  if (!called.ok) throw new Error(`counter:call-next failed: ${called.error.message}`);
  const ticketId = called.value.ticket.id;
  t = process.hrtime.bigint();
  const s = await counter.emitWithAck('ticket:start', { commandId: commandId(), ticketId });
  const startMs = ms(t);
  if (!s.ok) throw new Error(`ticket:start failed: ${s.error.message}`);
  t = process.hrtime.bigint();
  const c = await counter.emitWithAck('ticket:complete', { commandId: commandId(), ticketId });
  const completeMs = ms(t);
  if (!c.ok) throw new Error(`ticket:complete failed: ${c.error.message}`);
  return { ticketId, callMs, startMs, completeMs };
}

interface Round {
  t0: bigint;
  target: number;
  received: number;
  ticketId: number | null;
  first: number;
  median: number;
  last: number;
  done: () => void;
}

async function callToDisplay(levels: readonly number[], rounds: number) {
  const batch = Number(process.env['BENCH_SCALE_BATCH'] ?? 250);
  const tmp = tempDir('motcua-bench-scale-');
  const hub = await startHub(tmp.dir);
  const config = demoConfig();
  const displayToken = tokenOf(config, 'display-1');
  const displays: DeviceSocket[] = [];
  const others: DeviceSocket[] = [];
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const results: unknown[] = [];
  let round: Round | null = null;
  const onEvent = (e: QueueEvent) => {
    const r = round;
    if (!r || e.kind !== 'ticket' || e.type !== 'ticket-called') return;
    r.ticketId ??= e.ticket.id;
    if (e.ticket.id !== r.ticketId) return;
    r.received += 1;
    if (r.received === 1) r.first = ms(r.t0);
    if (r.received === Math.ceil(r.target / 2)) r.median = ms(r.t0);
    if (r.received === r.target) {
      r.last = ms(r.t0);
      r.done();
    }
  };
  try {
    const kiosk = (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    const counter = (await connectCounter(hub.url, 'counter-1')).socket;
    others.push(kiosk, counter);
    for (const n of levels) {
      const t = process.hrtime.bigint();
      const before = displays.length;
      try {
        while (displays.length < n) {
          const k = Math.min(batch, n - displays.length);
          const settled = await withTimeout(
            Promise.allSettled(Array.from({ length: k }, () => connectDevice(hub.url, 'display-1', displayToken))),
            30_000,
            `connecting displays ${displays.length + 1}..${displays.length + k}`,
          );
          for (const s of settled) if (s.status === 'fulfilled') displays.push(s.value.socket);
          const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
          if (failed) throw new Error(`display connect failed: ${String(failed.reason)}`);
          for (const s of settled) if (s.status === 'fulfilled') onQueueEvent(s.value.socket, onEvent);
        }
      } catch (e) {
        results.push({ displays: n, connected: displays.length, error: e instanceof Error ? e.message : String(e) });
        break;
      }
      const connectMs = Math.round(ms(t));
      const first: number[] = [];
      const median: number[] = [];
      const last: number[] = [];
      const callAckMs: number[] = [];
      let mismatches = 0;
      try {
        for (let i = 0; i < rounds; i++) await issue(kiosk); // waiting tickets to call (not timed)
        await new Promise((r) => setTimeout(r, 200)); // let the issue broadcasts drain
        for (let i = 0; i < rounds; i++) {
          let done!: () => void;
          const allReceived = new Promise<void>((r) => (done = r));
          const r: Round = { t0: process.hrtime.bigint(), target: displays.length, received: 0, ticketId: null, first: NaN, median: NaN, last: NaN, done };
          round = r;
          const called = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
          callAckMs.push(ms(r.t0));
          if (!called.ok) throw new Error(`counter:call-next failed: ${called.error.message}`);
          await withTimeout(allReceived, 30_000, `round ${i}: ${r.received}/${r.target} displays got the call`);
          round = null;
          if (r.ticketId !== called.value.ticket.id) mismatches += 1;
          first.push(r.first);
          median.push(r.median);
          last.push(r.last);
          // Finish the ticket so the next call is allowed (not timed).
          const id = called.value.ticket.id;
          for (const cmd of ['ticket:start', 'ticket:complete'] as const) {
            const x = await counter.emitWithAck(cmd, { commandId: commandId(), ticketId: id });
            if (!x.ok) throw new Error(`${cmd} failed: ${x.error.message}`);
          }
        }
        results.push({
          displays: displays.length,
          connectMs,
          added: displays.length - before,
          connectPerSecond: Math.round((displays.length - before) / (connectMs / 1000)),
          rounds,
          firstDisplayMs: summarize(first),
          medianDisplayMs: summarize(median),
          lastDisplayMs: summarize(last),
          callAckMs: summarize(callAckMs),
          ticketMismatches: mismatches,
          rssMb: mb(process.memoryUsage().rss),
          heapUsedMb: mb(process.memoryUsage().heapUsed),
        });
      } catch (e) {
        round = null;
        results.push({ displays: displays.length, connectMs, error: e instanceof Error ? e.message : String(e) });
        break;
      }
    }
    return { rssBeforeDisplaysMb: rssBeforeMb, levels: results };
  } finally {
    round = null;
    for (const s of [...displays, ...others]) s.close();
    await hub.close();
    tmp.remove();
  }
}

/** The demo centre numbers each service in its own block of 999 a day: 5 services, 4,995 tickets per hub day. */
const SERVICES = ['ho-tich', 'dat-dai', 'dang-ky-kinh-doanh', 'xay-dung', 'chung-thuc'] as const;
const PER_SERVICE = 999;
const rate = (n: number, elapsedMs: number) => Math.round((n / elapsedMs) * 1000 * 10) / 10;

/** A fresh hub (fresh SQLite file, so a fresh day of numbers) with 8 kiosk sockets and a signed-in counter. */
async function withHub<T>(fn: (kiosks: DeviceSocket[], counter: DeviceSocket) => Promise<T>): Promise<T> {
  const tmp = tempDir('motcua-bench-ops-');
  const hub = await startHub(tmp.dir);
  const config = demoConfig();
  const sockets: DeviceSocket[] = [];
  try {
    for (let i = 0; i < 8; i++) sockets.push((await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket);
    const counter = (await connectCounter(hub.url, 'counter-1')).socket;
    sockets.push(counter);
    return await fn(sockets.slice(0, 8), counter);
  } finally {
    for (const s of sockets) s.close();
    await hub.close();
    tmp.remove();
  }
}

/** Issues from each kiosk socket in parallel (each awaits its own acks) until the budget, the op cap or the services' numbers run out. */
async function issueLoop(kiosks: readonly DeviceSocket[], services: readonly string[], budgetMs: number, maxOps: number) {
  const cap = Math.min(maxOps, services.length * PER_SERVICE);
  const lat: number[] = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    kiosks.map(async (k) => {
      while (next < cap && ms(t0) < budgetMs) {
        const serviceId = services[next++ % services.length]!;
        const t = process.hrtime.bigint();
        const r = await k.emitWithAck('ticket:issue', { commandId: commandId(), serviceId });
        if (!r.ok) throw new Error(`ticket:issue failed: ${r.error.message}`);
        lat.push(ms(t));
      }
    }),
  );
  const elapsed = ms(t0);
  return {
    ops: lat.length,
    seconds: Math.round(elapsed) / 1000,
    stoppedBy: lat.length >= cap ? (cap === maxOps ? 'op cap' : 'ticket numbers of the day') : 'time',
    opsPerSecond: rate(lat.length, elapsed),
    latencyMs: summarize(lat),
  };
}

async function queueOps(seconds: number, maxOps: number) {
  const budgetMs = seconds * 1000;
  const sequentialIssue = await withHub((kiosks) => issueLoop(kiosks.slice(0, 1), SERVICES, budgetMs, maxOps));
  const concurrentIssue8 = await withHub(async (kiosks) => ({ sockets: kiosks.length, ...(await issueLoop(kiosks, SERVICES, budgetMs, maxOps)) }));
  const counterCycle = await withHub(async (kiosks, counter) => {
    // Waiting tickets for quay-1's services, issued beforehand (not timed).
    const waiting = (await issueLoop(kiosks, ['ho-tich', 'chung-thuc'], 60_000, maxOps)).ops;
    const call: number[] = [];
    const start: number[] = [];
    const complete: number[] = [];
    const whole: number[] = [];
    const t0 = process.hrtime.bigint();
    while (whole.length < waiting && ms(t0) < budgetMs) {
      const t = process.hrtime.bigint();
      const c = await cycle(counter);
      whole.push(ms(t));
      call.push(c.callMs);
      start.push(c.startMs);
      complete.push(c.completeMs);
    }
    const elapsed = ms(t0);
    return {
      waitingAtStart: waiting,
      cycles: whole.length,
      seconds: Math.round(elapsed) / 1000,
      stoppedBy: whole.length >= waiting ? 'no more waiting tickets' : 'time',
      cyclesPerSecond: rate(whole.length, elapsed),
      commandsPerSecond: rate(whole.length * 3, elapsed),
      cycleMs: summarize(whole),
      callNextMs: summarize(call),
      startMs: summarize(start),
      completeMs: summarize(complete),
    };
  });
  return { sequentialIssue, concurrentIssue8, counterCycle, rssMb: mb(process.memoryUsage().rss) };
}
