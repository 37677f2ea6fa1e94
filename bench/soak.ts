import type { CommandName, CommandRequest, CommandOutput } from '../core/protocol/commands';
import type { Result } from '../core/result';
import { commandId, connectDevice, tokenOf, type DeviceSocket } from '../tests/support/centre';
import { benchCentre, connectBenchCounter } from './bench-centre';
import { HubChild, type HubMemory } from './hub-child';
import { ms } from './stats';

/**
 * Soak: the hub in its own process (bench/hub-child.ts, SQLite file in a temp dir, WAL,
 * synchronous=FULL) driven over loopback Socket.IO by counters, kiosks and an admin with a mix
 * of commands, then queue snapshots. The hub's RSS and heapUsed are read in the hub process
 * after a forced full GC (node --expose-gc) at each checkpoint.
 * MOTCUA_SOAK_SCALE (default 1) scales the counts: 1 → 100k, 500k, 1M commands and 10k snapshots.
 */
const DAY_COMMANDS = 20_000;

type Emit = <K extends CommandName>(socket: DeviceSocket, name: K, input: Omit<CommandRequest<K>, 'commandId'>) => Promise<Result<CommandOutput<K>>>;
const emit: Emit = (socket, name, input) =>
  (socket as unknown as { emitWithAck(ev: string, a: unknown): Promise<never> }).emitWithAck(name, { commandId: commandId(), ...input });

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const memoryFigure = (commands: number, m: HubMemory, extra: Record<string, number> = {}) => ({ commands, ...extra, rssMb: mb(m.rss), heapTotalMb: mb(m.heapTotal), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external) });

export async function runSoakBench() {
  const scale = Number(process.env['MOTCUA_SOAK_SCALE'] ?? 1);
  const checkpoints = [100_000, 500_000, 1_000_000].map((n) => Math.max(1, Math.round(n * scale)));
  const warmUp = Math.max(1, Math.round(20_000 * scale));
  const snapshots = Math.max(1, Math.round(10_000 * scale));
  const { config, counters: benchCounters } = benchCentre();
  const hub = await HubChild.start();
  const sockets: DeviceSocket[] = [];
  const t0 = process.hrtime.bigint();
  try {
    const counters = await Promise.all(benchCounters.map((c) => connectBenchCounter(hub.url, c)));
    const kiosks = await Promise.all([1, 2, 3, 4, 5].map(async () => (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket));
    const displays = await Promise.all(Array.from({ length: 8 }, async () => (await connectDevice(hub.url, 'display-1', tokenOf(config, 'display-1'))).socket));
    sockets.push(...counters, ...kiosks, ...displays);
    const adminToken = tokenOf(config, 'admin-1');
    const counterDefs = benchCounters.map((c) => ({ id: c.counterId, serviceIds: c.serviceIds }));
    const others = (serviceIds: readonly string[]) => config.services.map((s) => s.id).filter((s) => !serviceIds.includes(s));

    let done = 0;
    let day = '';
    let statsReads = 0;
    // One lane per counter: a citizen arrives, is called, served, rates; some are absent, some sent on.
    const counterLane = async (socket: DeviceSocket, c: (typeof counterDefs)[number], until: number) => {
      for (let i = 0; done < until; i++) {
        const service = c.serviceIds[i % c.serviceIds.length]!;
        const issued = must(await emit(kiosks[0]!, 'ticket:issue', { serviceId: service, priority: i % 5 === 0 ? 'elderly' : 'normal' }), 'issue');
        day = issued.ticket.day;
        const called = await emit(socket, 'counter:call-next', { counterId: c.id });
        done += 2;
        if (!called.ok) continue; // a ticket transferred here earlier may have been taken by another day's change
        const ticketId = called.value.ticket.id;
        if (i % 6 === 5) {
          for (let r = 0; r < config.queue.noShowAfterRecalls; r++) must(await emit(socket, 'ticket:recall', { ticketId }), 'recall');
          must(await emit(socket, 'ticket:no-show', { ticketId }), 'no-show');
          done += config.queue.noShowAfterRecalls + 1;
          continue;
        }
        must(await emit(socket, 'ticket:start', { ticketId }), 'start');
        if (i % 9 === 8) {
          must(await emit(socket, 'ticket:transfer', { ticketId, toServiceId: others(c.serviceIds)[i % 3]! }), 'transfer');
          done += 2;
          continue;
        }
        must(await emit(socket, 'ticket:complete', { ticketId }), 'complete');
        must(await emit(socket, 'ticket:rate', { ticketId, rating: 1 + (i % 4) as 1 | 2 | 3 | 4 }), 'rate');
        done += 3;
        if (c.id === 'quay-1' && i % 50 === 49) {
          // The admin's statistics of the day, over HTTP (a read: not logged).
          const res = await fetch(`${hub.url}/api/stats?from=${day}&to=${day}`, { headers: { authorization: `Bearer ${adminToken}` } });
          if (!res.ok) throw new Error(`GET /api/stats: ${res.status}`);
          await res.arrayBuffer();
          statsReads += 1;
          done += 1;
        }
      }
    };
    // Kiosk lanes: a number taken and voided (a print that failed), as a kiosk does.
    const kioskLane = async (socket: DeviceSocket, until: number) => {
      for (let i = 0; done < until; i++) {
        const issued = must(await emit(socket, 'ticket:issue', { serviceId: config.services[i % config.services.length]!.id }), 'issue');
        // A counter may have called it first: the refusal (conflict) is a fine answer too.
        const cancelled = await emit(socket, 'ticket:cancel', { ticketId: issued.ticket.id });
        if (!cancelled.ok && cancelled.error.kind !== 'conflict') must(cancelled, 'cancel');
        done += 2;
      }
    };
    const runUntil = async (target: number) => {
      while (done < target) {
        const dayEnd = (Math.floor(done / DAY_COMMANDS) + 1) * DAY_COMMANDS;
        const until = Math.min(target, dayEnd);
        await Promise.all([...counterDefs.map((c, k) => counterLane(counters[k]!, c, until)), ...kiosks.slice(1).map((k) => kioskLane(k, until))]);
        if (until === dayEnd) await hub.advanceDay(); // the next busy day (a week on, the log is pruned)
      }
    };

    const figures: ReturnType<typeof memoryFigure>[] = [];
    const start = await hub.memory();
    await runUntil(warmUp);
    const afterWarmUp = await hub.memory();
    const tWarm = process.hrtime.bigint();
    let doneAtWarm = done;
    for (const n of checkpoints) {
      await runUntil(n);
      figures.push(memoryFigure(done, await hub.memory(), { commandsPerSecond: Math.round((done - doneAtWarm) / (ms(tWarm) / 1000)) }));
    }
    doneAtWarm = done;
    const beforeSnapshots = await hub.memory();
    let snaps = 0;
    const tSnap = process.hrtime.bigint();
    await Promise.all(
      displays.map(async (d) => {
        while (snaps < snapshots) {
          snaps += 1;
          const r = await (d as unknown as { emitWithAck(ev: string): Promise<Result<unknown>> }).emitWithAck('sync:snapshot');
          must(r, 'sync:snapshot');
        }
      }),
    );
    const snapSeconds = ms(tSnap) / 1000;
    const afterSnapshots = await hub.memory();
    // Flatness over the checkpoints (100k, 500k, 1M at full scale) and after the snapshots.
    const peakRss = Math.max(...figures.map((f) => f.rssMb), mb(afterSnapshots.rss));
    const minRss = Math.min(...figures.map((f) => f.rssMb), mb(afterSnapshots.rss));
    const peakHeap = Math.max(...figures.map((f) => f.heapUsedMb), mb(afterSnapshots.heapUsed));
    const minHeap = Math.min(...figures.map((f) => f.heapUsedMb), mb(afterSnapshots.heapUsed));
    return {
      note:
        'Hub alone in a child process (node --expose-gc, tsx), clients in the bench process; memory read in the hub after a forced full GC. ' +
        `12 counters, 5 kiosk sockets, 8 display sockets. Mix per counter cycle: issue, call-next, start, complete, rate; every 6th recall ×${config.queue.noShowAfterRecalls} + no-show, every 9th transfer; ` +
        `kiosk lanes issue + cancel; GET /api/stats every 50 cycles of quay-1; the hub's clock moves one day on every ${DAY_COMMANDS} commands (command log retention 7 days).`,
      scale,
      hubAtStart: memoryFigure(0, start),
      afterWarmUp: memoryFigure(warmUp, afterWarmUp),
      checkpoints: figures,
      statsReads,
      snapshots: {
        count: snaps,
        perSecond: Math.round(snaps / snapSeconds),
        before: memoryFigure(doneAtWarm, beforeSnapshots),
        after: memoryFigure(doneAtWarm, afterSnapshots),
      },
      rssSpreadOverCheckpointsPercent: Math.round(((peakRss - minRss) / minRss) * 1000) / 10,
      heapUsedSpreadOverCheckpointsPercent: Math.round(((peakHeap - minHeap) / minHeap) * 1000) / 10,
      gcForced: afterWarmUp.gcForced,
      totalSeconds: Math.round(ms(t0) / 100) / 10,
    };
  } finally {
    for (const s of sockets) s.close();
    await hub.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runSoakBench(), null, 2));
