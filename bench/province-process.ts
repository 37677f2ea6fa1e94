import { readFileSync } from 'node:fs';
import { CentreHubs } from '../hub/centre-hubs';
import type { ServedCentre } from '../hub/centre-hubs';

/**
 * A hub process of the bench province: every centre of argv[3] (JSON list of { centreId, config })
 * on the PostgreSQL database argv[2], files under argv[4]. Answers over IPC with its addresses,
 * its CPU time and its memory.
 */
const [url, centresFile, dataDir] = process.argv.slice(2) as [string, string, string];
const centres = (JSON.parse(readFileSync(centresFile, 'utf8')) as Omit<ServedCentre, 'port'>[]).map((c) => ({ ...c, port: 0 }));
// 4 command connections per process (6 in all with the live events' two): 12 backends for the bench's 2 cores.
const hubs = await CentreHubs.start({ url, centres, dataDir, poolSize: Number(process.env['MOTCUA_BENCH_POOL'] ?? 4), hub: { host: '127.0.0.1', tls: false } });

type Request = { id: number; type: 'cpu' | 'memory' | 'close' };
process.on('message', (raw) => {
  const req = raw as Request;
  const reply = (value: unknown) => process.send!({ id: req.id, value });
  if (req.type === 'cpu') {
    const c = process.cpuUsage();
    reply({ ms: (c.user + c.system) / 1000 });
  } else if (req.type === 'memory') {
    reply({ rssMb: Math.round(process.memoryUsage().rss / 1e5) / 10 });
  } else {
    void hubs.close().then(() => {
      reply(null);
      process.exit(0);
    });
  }
});
process.send!({ id: 0, value: { urls: Object.fromEntries(hubs.started.map((s) => [s.centreId, s.url])) } });
