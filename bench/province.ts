import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueueEvent } from '../core/queue/snapshot';
import { commandId, connectDevice, onQueueEvent, tempDir, type DeviceSocket } from '../tests/support/centre';
import { startPostgres } from '../tests/support/postgres';
import { benchCentre, connectBenchCounter, type BenchCounter } from './bench-centre';
import { HubChild } from './hub-child';
import { IpcChild } from './ipc-child';
import { profileStatements, STATEMENT_SETTINGS } from './pg-statement-profile';
import { provinceBenchCentres } from './province-centres';
import { postmasterPid, processTreeCpuMs } from './process-tree-cpu';
import { ms, summarize } from './stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Seconds of the same load before each command-rate window (issueRate). */
const WARM_UP_SECONDS = Number(process.env['BENCH_PROVINCE_WARM_UP'] ?? 2);

/** A centre as the bench drives it: its devices and its address in each hub process serving it. */
interface Centre {
  readonly id: string;
  readonly suffix: string;
  readonly counter: BenchCounter;
  readonly tokens: ReadonlyMap<string, string>;
  readonly urls: readonly string[];
  readonly serviceIds: readonly string[];
}

interface Deployment {
  readonly centres: readonly Centre[];
  cpuMs(): Promise<number>;
  /** The database server's CPU so far (PostgreSQL: the postmaster and its backends), if it has one. */
  dbCpuMs?(): number;
  close(): Promise<void>;
}

/** A hub process of the bench province (bench/province-process.ts), driven over IPC. */
type ProvinceChild = IpcChild<'cpu' | 'memory'> & { readonly urls: Readonly<Record<string, string>> };

async function startProvinceChild(url: string, centresFile: string, dataDir: string): Promise<ProvinceChild> {
  // BENCH_PROVINCE_PROFILE=DIR: each hub process writes a V8 CPU profile there when it closes.
  const profile = process.env['BENCH_PROVINCE_PROFILE'];
  const execArgv = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const { child, ready } = await IpcChild.start<'cpu' | 'memory', { urls: Record<string, string> }>('province hub process', path.join(HERE, 'province-process.ts'), [url, centresFile, dataDir], execArgv);
  return Object.assign(child, { urls: ready.urls as Readonly<Record<string, string>> });
}

/** Two hub processes on one private PostgreSQL, each serving every one of `n` centres. */
async function postgresDeployment(n: number, processes: number, settings: readonly string[] = []): Promise<Deployment & { url: string; rssMb(): Promise<number[]> }> {
  const pg = await startPostgres(settings);
  const tcpUrl = await pg.createDatabase('province_bench');
  // BENCH_PG_SOCKET=1: the hubs reach the database through its Unix socket, as a hub process on the database's own machine may.
  const url = process.env['BENCH_PG_SOCKET'] === '1' ? `postgres://motcua@/province_bench?host=${encodeURIComponent(pg.dir)}&port=${pg.port}` : tcpUrl;
  const tmp = tempDir('motcua-bench-province-');
  const centres = provinceBenchCentres(n);
  const file = path.join(tmp.dir, 'centres.json');
  writeFileSync(file, JSON.stringify(centres.map((c) => ({ centreId: c.centreId, config: c.config }))));
  // One after the other: the first migrates the new database.
  const children: ProvinceChild[] = [];
  for (let p = 0; p < processes; p++) children.push(await startProvinceChild(url, file, path.join(tmp.dir, `p${p}`)));
  return {
    url,
    centres: centres.map((c, k) => ({
      id: c.centreId,
      suffix: `-c${String(k + 1).padStart(2, '0')}`,
      counter: c.counters[0]!,
      tokens: c.tokens,
      urls: children.map((ch) => ch.urls[c.centreId]!),
      serviceIds: c.config.services.map((s) => s.id),
    })),
    cpuMs: async () => (await Promise.all(children.map((c) => c.request<{ ms: number }>('cpu')))).reduce((a, b) => a + b.ms, 0),
    dbCpuMs: () => processTreeCpuMs(postmasterPid(path.join(pg.dir, 'data'))),
    rssMb: async () => (await Promise.all(children.map((c) => c.request<{ rssMb: number }>('memory')))).map((m) => m.rssMb),
    close: async () => {
      await Promise.all(children.map((c) => c.close()));
      await pg.stop();
      tmp.remove();
    },
  };
}

/** One hub process on its SQLite file serving the bench centre: the single-centre default. */
async function sqliteDeployment(): Promise<Deployment> {
  const hub = await HubChild.start();
  const { config, counters } = benchCentre();
  return {
    centres: [{ id: 'local', suffix: '', counter: counters[0]!, tokens: new Map(config.devices.flatMap((d) => (d.token ? [[d.id, d.token] as const] : []))), urls: [hub.url], serviceIds: config.services.map((s) => s.id) }],
    cpuMs: () => hub.cpuMs(),
    close: () => hub.close(),
  };
}

const device = (c: Centre, id: string, url: string) => connectDevice(url, `${id}${c.suffix}`, c.tokens.get(`${id}${c.suffix}`)!).then((x) => x.socket);

/**
 * Durable ticket:issue (committed before the ack) from `sockets` kiosk sockets spread over every
 * centre, for `seconds` after `warmUpSeconds` of the same load. A centre's kiosks are on its own
 * process, as the front puts them (docs/nginx/province.conf.template: the centre's process first,
 * the others its backups), the centres taking turns between the processes — so 8 sockets are 4 on
 * each process (until 2026-12-05 they were all on the first: 8 < 20 centres put every one on urls[0]).
 *
 * The warm-up (since 2026-12-05, 19th session): the figure is the steady rate of a hub that has
 * been running. The first two seconds after start-up ran at 1,200–2,000 /s where the rest ran at
 * 2,300–2,600 (half-second counts, docs/province.md "The planner's morning"): V8 compiling the hot
 * paths, each pool connection preparing its statements. Commands sent during the warm-up are
 * answered and written like any other; they are counted apart (`warmUp`), not in the rate.
 */
async function issueRate(d: Deployment, sockets: number, seconds: number, warmUpSeconds = WARM_UP_SECONDS) {
  const kiosks = await Promise.all(
    Array.from({ length: sockets }, (_, i) => {
      const c = d.centres[i % d.centres.length]!;
      return device(c, 'kiosk-1', c.urls[(i % d.centres.length) % c.urls.length]!).then((s) => ({ s, c }));
    }),
  );
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let warmOk = 0;
  /** Set when the measured window opens: commands sent from then on are the figure. */
  let measuring = false;
  const tWarm = process.hrtime.bigint();
  const warmEnd = Date.now() + warmUpSeconds * 1000;
  const end = warmEnd + seconds * 1000;
  const load = Promise.all(
    kiosks.map(async ({ s, c }, i) => {
      for (let k = i; Date.now() < end; k++) {
        const counted = measuring;
        const t = process.hrtime.bigint();
        const r = await s.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: c.serviceIds[k % c.serviceIds.length]! });
        if (!counted) {
          if (r.ok) warmOk++;
          continue;
        }
        latencies.push(ms(t));
        if (r.ok) ok++;
        else failed++;
      }
    }),
  );
  await new Promise((res) => setTimeout(res, Math.max(0, warmEnd - Date.now())));
  const warmUpMs = ms(tWarm);
  const cpu0 = await d.cpuMs();
  const db0 = d.dbCpuMs?.();
  // The load's own cost: the kiosks' Socket.IO clients run in this process, on the same 2 cores.
  const clients0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  measuring = true;
  await load;
  const elapsed = ms(t0);
  const clients = process.cpuUsage(clients0);
  const cpu = (await d.cpuMs()) - cpu0;
  const db = db0 === undefined ? undefined : d.dbCpuMs!() - db0;
  kiosks.forEach((k) => k.s.close());
  const perOp = (total: number) => Math.round((total / Math.max(1, ok)) * 1000) / 1000;
  return {
    sockets,
    seconds,
    acknowledged: ok,
    refused: failed,
    opsPerSecond: Math.round((ok / elapsed) * 1000),
    hubCpuMsPerOp: perOp(cpu),
    ...(db === undefined ? {} : { databaseCpuMsPerOp: perOp(db) }),
    clientsCpuMsPerOp: perOp((clients.user + clients.system) / 1000),
    latencyMs: summarize(latencies),
    warmUp: { seconds: warmUpSeconds, acknowledged: warmOk, opsPerSecond: Math.round((warmOk / warmUpMs) * 1000) },
  };
}

/** Call → last display over `rounds` rounds of one deployment (openDisplayRoom). */
async function callToDisplay(d: Deployment, displays: number, rounds: number, onlyFirstCentre = false) {
  const room = await openDisplayRoom(d, displays, onlyFirstCentre);
  const last: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) last.push(await room.round(r));
  } finally {
    room.close();
  }
  return { displays, centres: room.centres, displaysPerCentre: Math.round(displays / room.centres), rounds, lastDisplayMs: summarize(last) };
}

/**
 * The direct comparison — 2,000 displays of one centre, on PostgreSQL's two processes and on
 * SQLite's one — paired: both deployments up at once, their rounds alternating (PostgreSQL, then
 * SQLite, `rounds` each), so that both sides meet the machine in the same state. Run one after
 * the other (until 2026-12-05, 19th session) the two p95s moved independently by ±15–20 % from run
 * to run (PostgreSQL's p50 48–63 ms, SQLite's 42–54 ms for the same builds), and their ratio with
 * them (1.03–1.53 × in one session's runs); each side's figure then also carried what the bench
 * had done before it. Also reported: the ratio of each pair's two rounds.
 */
async function callToDisplayPaired(pg: Deployment, lite: Deployment, displays: number, rounds: number) {
  const a = await openDisplayRoom(pg, displays, true);
  const b = await openDisplayRoom(lite, displays, true);
  const lastA: number[] = [];
  const lastB: number[] = [];
  const ratios: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      lastA.push(await a.round(r));
      lastB.push(await b.round(r));
      ratios.push(Math.round((lastA.at(-1)! / lastB.at(-1)!) * 1000) / 1000);
    }
  } finally {
    a.close();
    b.close();
  }
  const figure = (last: number[]) => ({ displays, centres: 1, displaysPerCentre: displays, rounds, lastDisplayMs: summarize(last) });
  return { postgres: figure(lastA), sqlite: figure(lastB), pairRatio: summarize(ratios) };
}

/**
 * `displays` display sockets spread over the centres and, within a centre, over its processes,
 * and a counter and a kiosk of each centre. A round: the kiosk of one centre (in turn) issues a
 * ticket and, once every display of that centre has it, the counter calls, timed until every
 * display has the call; then the ticket is started and completed.
 * Until 2026-12-05 the call followed the issue after a fixed 50 ms, and where the issue's fan-out
 * to 2,000 displays took longer than that (PostgreSQL's two processes and the bench's own clients
 * sharing 2 cores: 50–57 ms) the call's frames queued behind it and were timed with it.
 */
async function openDisplayRoom(d: Deployment, displays: number, onlyFirstCentre: boolean) {
  const centres = onlyFirstCentre ? d.centres.slice(0, 1) : d.centres;
  const byCentre = new Map<string, DeviceSocket[]>(centres.map((c) => [c.id, []]));
  let round: { centre: string; ticketId: number | null; received: number; target: number; t0: bigint; last: number; done: () => void } | null = null;
  /** The round's issue on its way to the centre's displays (only its kiosk issues there). */
  let settling: { centre: string; received: number; target: number; done: () => void } | null = null;
  const all: DeviceSocket[] = [];
  for (let i = 0; i < displays; i += 200) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(200, displays - i) }, async (_, j) => {
        const n = i + j;
        const c = centres[n % centres.length]!;
        const s = await device(c, 'display-1', c.urls[Math.floor(n / centres.length) % c.urls.length]!);
        onQueueEvent(s, (e: QueueEvent) => {
          const w = settling;
          if (w && w.centre === c.id && e.kind === 'ticket' && e.type === 'ticket-issued' && ++w.received === w.target) w.done();
          const r = round;
          if (!r || r.centre !== c.id || e.kind !== 'ticket' || e.type !== 'ticket-called') return;
          r.ticketId ??= e.ticket.id;
          if (e.ticket.id !== r.ticketId) return;
          if (++r.received === r.target) {
            r.last = ms(r.t0);
            r.done();
          }
        });
        byCentre.get(c.id)!.push(s);
        return s;
      }),
    );
    all.push(...batch);
  }
  const counters = new Map<string, { counter: DeviceSocket; kiosk: DeviceSocket }>();
  for (const c of centres) counters.set(c.id, { counter: await connectBenchCounter(c.urls[0]!, c.counter), kiosk: await device(c, 'kiosk-1', c.urls[0]!) });
  const within = <T>(p: Promise<T>, what: () => string) =>
    Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(what())), 30_000).unref())]);
  return {
    centres: centres.length,
    /** One round (the `r`-th: its centre in turn); the call → last display time in ms. */
    async round(r: number): Promise<number> {
      const c = centres[r % centres.length]!;
      const { counter, kiosk } = counters.get(c.id)!;
      let settled!: () => void;
      const allIssued = new Promise<void>((res) => (settled = res));
      settling = { centre: c.id, received: 0, target: byCentre.get(c.id)!.length, done: settled };
      const issued = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: c.counter.serviceIds[0]! });
      if (!issued.ok) throw new Error(`issue: ${issued.error.message}`);
      await within(allIssued, () => `round ${r}: the issue reached ${settling?.received}/${settling?.target} displays`);
      settling = null;
      await new Promise((res) => setTimeout(res, 10));
      let done!: () => void;
      const allReceived = new Promise<void>((res) => (done = res));
      round = { centre: c.id, ticketId: null, received: 0, target: byCentre.get(c.id)!.length, t0: process.hrtime.bigint(), last: NaN, done };
      const called = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: c.counter.counterId });
      if (!called.ok) throw new Error(`call-next: ${called.error.message}`);
      await within(allReceived, () => `round ${r}: ${round?.received}/${round?.target} displays`);
      const last = round.last;
      round = null;
      for (const cmd of ['ticket:start', 'ticket:complete'] as const) await counter.emitWithAck(cmd, { commandId: commandId(), ticketId: called.value.ticket.id });
      return last;
    },
    close(): void {
      round = null;
      settling = null;
      all.forEach((s) => s.close());
      for (const { counter, kiosk } of counters.values()) {
        counter.close();
        kiosk.close();
      }
    },
  };
}

/**
 * Receive → competent agency's back office: a counter of each centre in turn receives a dossier
 * for Phòng Tư pháp; timed from the emit until the agency's back-office device — one, connected to
 * the last process — has the dossier's event.
 */
async function receiveToBackOffice(d: Deployment, rounds: number) {
  const first = d.centres[0]!;
  const backOffice = await device(first, 'backoffice-tu-phap', first.urls.at(-1)!);
  let waiting: { code: string | null; t0: bigint; resolve: (ms: number) => void } | null = null;
  const early = new Map<string, number>();
  backOffice.on('dossier:event', (e: { dossier?: { code?: string } }) => {
    const code = e.dossier?.code;
    if (!code) return;
    if (waiting && waiting.code === code) waiting.resolve(ms(waiting.t0));
    else if (waiting) early.set(code, ms(waiting.t0));
  });
  const stations = new Map<string, { counter: DeviceSocket; kiosk: DeviceSocket }>();
  for (const c of d.centres) stations.set(c.id, { counter: await connectBenchCounter(c.urls[0]!, c.counter), kiosk: await device(c, 'kiosk-1', c.urls[0]!) });
  const took: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const c = d.centres[r % d.centres.length]!;
      const { counter, kiosk } = stations.get(c.id)!;
      const issued = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
      if (!issued.ok) throw new Error(`issue: ${issued.error.message}`);
      const called = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: c.counter.counterId });
      if (!called.ok) throw new Error(`call-next: ${called.error.message}`);
      early.clear();
      const heard = new Promise<number>((resolve) => (waiting = { code: null, t0: process.hrtime.bigint(), resolve }));
      const received = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'HT-KS', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0 });
      if (!received.ok) throw new Error(`receive: ${received.error.message}`);
      const code = (received.value as { dossier: { code: string } }).dossier.code;
      waiting!.code = code;
      const already = early.get(code);
      took.push(already ?? (await Promise.race([heard, new Promise<number>((_, rej) => setTimeout(() => rej(new Error(`round ${r}: back office never heard ${code}`)), 30_000))])));
      waiting = null;
      for (const cmd of ['ticket:start', 'ticket:complete'] as const) await counter.emitWithAck(cmd, { commandId: commandId(), ticketId: called.value.ticket.id });
    }
  } finally {
    backOffice.close();
    for (const { counter, kiosk } of stations.values()) {
      counter.close();
      kiosk.close();
    }
  }
  return { rounds, centres: d.centres.length, receiveToBackOfficeMs: summarize(took) };
}

/**
 * Province figures (issue 13): 2 hub processes on one PostgreSQL serving 20 centres each, beside
 * one hub process on its SQLite file (one centre). Clients run in this process on loopback.
 * BENCH_PROVINCE_CENTRES (20), BENCH_PROVINCE_DISPLAYS (2000), BENCH_PROVINCE_SECONDS (5),
 * BENCH_PROVINCE_WARM_UP (2 seconds before each command-rate window).
 */
export async function runProvinceBench() {
  const n = Number(process.env['BENCH_PROVINCE_CENTRES'] ?? 20);
  const displays = Number(process.env['BENCH_PROVINCE_DISPLAYS'] ?? 2000);
  const seconds = Number(process.env['BENCH_PROVINCE_SECONDS'] ?? 5);
  const rounds = Number(process.env['BENCH_PROVINCE_ROUNDS'] ?? 40);
  const t = process.hrtime.bigint();
  const statements = process.env['BENCH_PROVINCE_STATEMENTS'] === '1';
  if (process.env['BENCH_PROVINCE_ISSUE_ONLY'] === 'sqlite') {
    const one = await sqliteDeployment();
    try {
      return { sqlite: { issue: [await issueRate(one, 8, seconds), await issueRate(one, 40, seconds)] } };
    } finally {
      await one.close();
    }
  }
  const pg = await postgresDeployment(n, 2, statements ? STATEMENT_SETTINGS : []);
  let postgres;
  let lite: Deployment | undefined;
  let paired;
  try {
    // BENCH_PROVINCE_ISSUE_ONLY=1: the PostgreSQL command rate alone (profiling, statement work); =sqlite: SQLite's (above).
    // BENCH_PROVINCE_STATEMENTS=1: the same, with what PostgreSQL spent its time on, statement by statement.
    if (statements) {
      const { result, statements: figures } = await profileStatements(pg.url, async () => [await issueRate(pg, 8, seconds), await issueRate(pg, 40, seconds)]);
      return { postgres: { issue: result, statements: figures } };
    }
    if (process.env['BENCH_PROVINCE_ISSUE_ONLY'] === '1') return { postgres: { issue: [await issueRate(pg, 8, seconds), await issueRate(pg, 40, seconds)] } };
    const issue = [await issueRate(pg, 8, seconds), await issueRate(pg, 40, seconds)];
    const overCentres = await callToDisplay(pg, displays, rounds);
    // The direct comparison, paired with SQLite's one process (callToDisplayPaired).
    lite = await sqliteDeployment();
    paired = await callToDisplayPaired(pg, lite, displays, rounds);
    postgres = {
      processes: 2,
      centres: n,
      issue,
      callToDisplay: [overCentres, paired.postgres],
      receive: await receiveToBackOffice(pg, rounds),
      hubRssMb: await pg.rssMb(),
    };
  } catch (e) {
    await lite?.close();
    throw e;
  } finally {
    await pg.close();
  }
  let sqlite;
  try {
    sqlite = {
      processes: 1,
      centres: 1,
      issue: [await issueRate(lite, 8, seconds), await issueRate(lite, 40, seconds)],
      callToDisplay: [paired.sqlite],
      receive: await receiveToBackOffice(lite, rounds),
    };
  } finally {
    await lite.close();
  }
  return {
    note: 'PostgreSQL 15 (private instance of tests/support/postgres.ts: fsync off, so a commit waits for the WAL write, not its flush; the hub sets synchronous_commit=on) with 2 hub processes each serving every centre; SQLite: one hub process, its one centre (WAL, synchronous=FULL). All clients in the bench process on loopback (their parsing shares its event loop). callToDisplay[1] on PostgreSQL: all displays on the first centre, spread over both processes — the direct comparison with SQLite’s one process, paired with it (both deployments up, rounds alternating; pairRatio: each pair’s PostgreSQL / SQLite).',
    pairRatio: paired.pairRatio,
    postgres,
    sqlite,
    totalSeconds: Math.round(ms(t) / 100) / 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runProvinceBench(), null, 1));
