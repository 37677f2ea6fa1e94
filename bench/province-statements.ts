import path from 'node:path';
import pg from 'pg';
import { CentreHubs } from '../hub/centre-hubs';
import { commandId, connectDevice, tempDir } from '../tests/support/centre';
import { startPostgres } from '../tests/support/postgres';
import { connectBenchCounter } from './bench-centre';
import { provinceBenchCentres } from './province-centres';

/**
 * Statements per durable command on PostgreSQL (issue 13): one hub process serving one bench
 * centre in this process, every query of every pooled client counted (node-postgres'
 * Client.prototype.query wrapped), then `ticket:issue` and a counter's call → start → complete
 * run one at a time, so each command is its own transaction. Prints the statements and the round
 * trips per command and the texts of one of each, those sent behind an unanswered one on the same
 * connection (pipelined: no round trip of their own) marked "+". `npx tsx bench/province-statements.ts`
 */
const counted: string[] = [];
let pipelined = 0;
const original = pg.Client.prototype.query;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(pg.Client.prototype as any).query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0];
  // node-postgres' own bookkeeping: a query is active on this client until its answer is in.
  const behind = (this as unknown as { _activeQuery: unknown })._activeQuery ? '+ ' : '';
  if (behind) pipelined++;
  counted.push(behind + (typeof q === 'string' ? q : ((q as { text?: string; name?: string } | null)?.text ?? (q as { name?: string } | null)?.name ?? '?')));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (original as any).apply(this, args);
};

const pgi = await startPostgres();
const url = await pgi.createDatabase('statements');
const tmp = tempDir('motcua-statements-');
const [centre] = provinceBenchCentres(1);
const hubs = await CentreHubs.start({ url, centres: [{ centreId: centre!.centreId, config: centre!.config, port: 0 }], dataDir: path.join(tmp.dir, 'p'), hub: { host: '127.0.0.1', tls: false } });
const hubUrl = hubs.started[0]!.url;
const kiosk = (await connectDevice(hubUrl, 'kiosk-1-c01', centre!.tokens.get('kiosk-1-c01')!)).socket;
const bench = centre!.counters[0]!;
const counter = await connectBenchCounter(hubUrl, bench);
const N = Number(process.env['N'] ?? 50);

async function measure(label: string, run: () => Promise<void>) {
  await new Promise((r) => setTimeout(r, 200));
  counted.length = 0;
  pipelined = 0;
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < N; i++) await run();
  const c = process.cpuUsage(t0);
  const wall = performance.now() - w0;
  const perCommand = counted.length / N;
  const sample = counted.slice(0, Math.round(perCommand));
  console.log(`${label}: ${perCommand.toFixed(1)} statements in ${((counted.length - pipelined) / N).toFixed(1)} round trips per command; ${((c.user + c.system) / 1000 / N).toFixed(2)} ms CPU (hub + client, one process) and ${(wall / N).toFixed(2)} ms wall per command`);
  for (const s of sample) console.log(`   ${s.replace(/\s+/g, ' ').slice(0, 150)}`);
}

await measure('ticket:issue', async () => {
  const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: bench.serviceIds[0]! });
  if (!r.ok) throw new Error(r.error.message);
});
let ticketId = 0;
await measure('counter:call-next', async () => {
  const r = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: bench.counterId });
  if (!r.ok) throw new Error(r.error.message);
  ticketId = r.value.ticket.id;
  // Start and complete, uncounted in this figure's sample but counted below.
  for (const cmd of ['ticket:start', 'ticket:complete'] as const) await counter.emitWithAck(cmd, { commandId: commandId(), ticketId });
});
console.log('   (counter:call-next above includes ticket:start and ticket:complete: three commands per round)');
kiosk.close();
counter.close();
await hubs.close();
await pgi.stop();
tmp.remove();
