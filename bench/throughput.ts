import { commandId, connectDevice, tokenOf, type DeviceSocket } from '../tests/support/centre';
import { benchCentre, connectBenchCounter } from './bench-centre';
import { HubChild } from './hub-child';
import { ms, summarize } from './stats';

/**
 * Durable commands per second and call-next latency, the hub alone in its own process
 * (bench/hub-child.ts: SQLite file, WAL, synchronous=FULL, so every answer follows an fsynced
 * commit), the clients in the bench process over loopback Socket.IO.
 * - opsPerSecond: `ticket:issue` from 1 kiosk socket awaiting each answer (sequential), then from
 *   8 and 32 sockets at once (group commit: those arriving together share one transaction);
 *   MOTCUA_OPS_SECONDS per level (default 5).
 * - callNext: `counter:call-next` latency with 10, 2,000 and 20,000 tickets waiting for the
 *   counter's services (one in five priority); after each timed call the ticket is started and
 *   completed and one more is issued, so the queue keeps its length (MOTCUA_CALL_ROUNDS, default 100).
 */
export async function runThroughputBench() {
  const seconds = Number(process.env['MOTCUA_OPS_SECONDS'] ?? 5);
  const rounds = Number(process.env['MOTCUA_CALL_ROUNDS'] ?? 100);
  const opsPerSecond = [];
  for (const sockets of [1, 8, 32]) opsPerSecond.push(await issueRate(sockets, seconds));
  return {
    note: 'Hub alone in a child process, clients in the bench process; every command committed with synchronous=FULL before its answer.',
    opsPerSecond,
    callNext: await callNextLatency([10, 2_000, 20_000], rounds),
  };
}

export async function issueRate(socketCount: number, seconds: number) {
  const { config } = benchCentre();
  const hub = await HubChild.start();
  const sockets: DeviceSocket[] = [];
  try {
    for (let i = 0; i < socketCount; i++) sockets.push((await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket);
    const services = config.services.map((s) => s.id);
    const lat: number[] = [];
    let n = 0;
    const cpu0 = await hub.cpuMs();
    const t0 = process.hrtime.bigint();
    await Promise.all(
      sockets.map(async (k) => {
        while (ms(t0) < seconds * 1000) {
          const t = process.hrtime.bigint();
          const r = await k.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: services[n++ % services.length]! });
          if (!r.ok) throw new Error(`ticket:issue: ${r.error.message}`);
          lat.push(ms(t));
        }
      }),
    );
    const elapsed = ms(t0);
    const hubCpuMs = (await hub.cpuMs()) - cpu0;
    return {
      sockets: socketCount,
      ops: lat.length,
      opsPerSecond: Math.round((lat.length / elapsed) * 1000),
      latencyMs: summarize(lat),
      // What the hub's own process spent: the ceiling where it has a core to itself and the disk keeps up.
      hubCpuMsPerOp: Math.round((hubCpuMs / lat.length) * 1000) / 1000,
      opsPerHubCpuSecond: Math.round(lat.length / (hubCpuMs / 1000)),
    };
  } finally {
    for (const s of sockets) s.close();
    await hub.close();
  }
}

async function callNextLatency(levels: readonly number[], rounds: number) {
  const { config, counters } = benchCentre();
  const hub = await HubChild.start();
  const sockets: DeviceSocket[] = [];
  try {
    const here = counters[0]!; // quay-1: ho-tich and chung-thuc
    const counter = await connectBenchCounter(hub.url, here);
    const kiosks = await Promise.all(Array.from({ length: 8 }, async () => (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket));
    sockets.push(counter, ...kiosks);
    let issued = 0;
    const issue = async (k: DeviceSocket) => {
      const i = issued++;
      const r = await k.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: here.serviceIds[i % here.serviceIds.length]!, priority: i % 5 === 4 ? 'elderly' : 'normal' });
      if (!r.ok) throw new Error(`ticket:issue: ${r.error.message}`);
    };
    const results: { waiting: number; rounds: number; callNextMs: ReturnType<typeof summarize> }[] = [];
    for (const waiting of levels) {
      await Promise.all(kiosks.map(async (k) => {
        while (issued < waiting + calledSoFar(results)) await issue(k);
      }));
      const lat: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t = process.hrtime.bigint();
        const called = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: here.counterId });
        lat.push(ms(t));
        if (!called.ok) throw new Error(`counter:call-next: ${called.error.message}`);
        for (const step of ['ticket:start', 'ticket:complete'] as const) {
          const r = await counter.emitWithAck(step, { commandId: commandId(), ticketId: called.value.ticket.id });
          if (!r.ok) throw new Error(`${step}: ${r.error.message}`);
        }
        await issue(kiosks[0]!);
      }
      results.push({ waiting, rounds, callNextMs: summarize(lat) });
    }
    return results;
  } finally {
    for (const s of sockets) s.close();
    await hub.close();
  }
}

/** Tickets called in the levels already measured (each call was replaced by one more issue). */
function calledSoFar(results: readonly { rounds: number }[]): number {
  return results.reduce((n, r) => n + r.rounds, 0);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runThroughputBench(), null, 2));
