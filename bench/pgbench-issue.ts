import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPostgres } from '../tests/support/postgres';
import { postmasterPid, processTreeCpuMs } from './process-tree-cpu';

/**
 * PostgreSQL's own ceiling for a ticket:issue-shaped transaction (issue 13), without the hub:
 * pgbench on a private instance (the bench's settings) runs SCRIPT (argv[3]) over tables made by
 * SCHEMA (argv[2]) with PGBENCH_CLIENTS (8) connections for PGBENCH_SECONDS (10); prints transactions/s and the database's
 * CPU per transaction. LISTENERS=N: N connections LISTEN on the channel the hubs' Socket.IO
 * adapters share ("socket.io#/"), as the province bench's 2 × 20 centres do, for a script that
 * NOTIFYs it. `npx tsx bench/pgbench-issue.ts bench/pgbench/issue-schema.sql bench/pgbench/issue.sql` (issue-notify.sql: the same and
 * the NOTIFY of its broadcast; issue-one-statement.sql: the same writes as one statement). The scripts: ticket:issue's 11 statements as the hub sends them, on small tables of the same shape.
 */
const [schema, script] = process.argv.slice(2) as [string, string];
const clients = Number(process.env['PGBENCH_CLIENTS'] ?? 8);
const seconds = Number(process.env['PGBENCH_SECONDS'] ?? 10);
const listeners = Number(process.env['LISTENERS'] ?? 0);
const server = await startPostgres();
try {
  const url = await server.createDatabase('pgbench_issue');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(readFileSync(schema, 'utf8'));
  await client.end();
  let heard = 0;
  const listening = await Promise.all(
    Array.from({ length: listeners }, async () => {
      const l = new pg.Client({ connectionString: url });
      await l.connect();
      l.on('notification', () => heard++);
      await l.query('LISTEN "socket.io#/"');
      return l;
    }),
  );
  const pgbench = path.join(path.dirname(execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']).toString().trim()), 'bin', 'pgbench');
  const cpu0 = processTreeCpuMs(postmasterPid(path.join(server.dir, 'data')));
  // synchronous_commit=on as the hub sets it (PGOPTIONS reaches every pgbench connection).
  const out = execFileSync(pgbench, ['-n', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'motcua', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, 'pgbench_issue'], { env: { ...process.env, PGOPTIONS: '-c synchronous_commit=on' } }).toString();
  const cpu = processTreeCpuMs(postmasterPid(path.join(server.dir, 'data'))) - cpu0;
  const done = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? NaN);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
  await Promise.all(listening.map((l) => l.end()));
  console.log(JSON.stringify({ clients, seconds, listeners, notificationsHeard: heard, transactions: done, tps: Math.round(tps), databaseCpuMsPerTransaction: Math.round((cpu / done) * 1000) / 1000 }));
} finally {
  await server.stop();
}
