import path from 'node:path';
import { Hub } from '../hub/hub';
import { benchCentre } from './bench-centre';

/**
 * The hub alone in its own process, for figures that must not include the clients: the bench
 * drives it over loopback sockets and asks it over IPC for its memory (after a forced full GC:
 * start with --expose-gc) and to move its clock one day on (a simulated new day of the centre).
 * argv[2]: the SQLite file.
 */
const DAY_MS = 86_400_000;
let offsetMs = 0;
const { config } = benchCentre();
const hub = new Hub({ config, dbFile: path.resolve(process.argv[2]!), host: '127.0.0.1', port: 0, tls: false, clock: () => new Date(Date.now() + offsetMs) });
const { url } = await hub.start();

type Request = { id: number; type: 'memory' | 'cpu' | 'advance-day' | 'close' };
process.on('message', (raw) => {
  const req = raw as Request;
  const reply = (value: unknown) => process.send!({ id: req.id, value });
  switch (req.type) {
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) {
        gc();
        gc();
      }
      const m = process.memoryUsage();
      reply({ rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, gcForced: gc !== undefined });
      return;
    }
    case 'cpu': {
      const c = process.cpuUsage();
      reply({ userMs: c.user / 1000, systemMs: c.system / 1000 });
      return;
    }
    case 'advance-day':
      offsetMs += DAY_MS;
      reply({ offsetDays: offsetMs / DAY_MS });
      return;
    case 'close':
      void hub.close().then(() => {
        reply(null);
        process.exit(0);
      });
      return;
  }
});
process.send!({ id: 0, value: { url } });
