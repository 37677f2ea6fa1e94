import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterPool } from '../../../hub/store/pg/adapter-pool';
import { createPgPool } from '../../../hub/store/pg/pool';
import { ensureSocketIoTable } from '../../../hub/store/pg/socket-io-table';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

/**
 * The Socket.IO adapters of one pool share one LISTEN connection (hub/store/pg/shared-listener.ts):
 * PostgreSQL wakes every listening backend on each NOTIFY, so a process serving 20 centres held 21
 * of them. Two "processes" (two pools) with three adapters each (two centres' channels and the
 * province relay's), on a real PostgreSQL: each channel still reaches exactly its own adapters, each
 * pool listens on one connection, a listener killed by the server comes back, and closing the
 * adapters gives the connection back listening to nothing.
 */

warnIfPostgresMissing('shared-listener');

const PREFIXES = ['motcua-c-one', 'motcua-c-two', 'motcua-province'] as const;

interface Side {
  readonly pool: pg.Pool;
  readonly servers: Server[];
  /** What each server heard: its prefix → the payloads of 'ping'. */
  readonly heard: Map<string, string[]>;
}

function side(url: string, name: string): Side {
  const pool = createPgPool(url, { applicationName: name, max: 4 });
  const heard = new Map<string, string[]>();
  const servers = PREFIXES.map((prefix) => {
    const io = new Server({ adapter: createAdapter(adapterPool(pool), { channelPrefix: prefix, heartbeatInterval: 60_000, heartbeatTimeout: 120_000 }) });
    heard.set(prefix, []);
    io.on('ping', (payload: string) => heard.get(prefix)!.push(payload));
    return io;
  });
  return { pool, servers, heard };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Emits from `from`'s server of `prefix` until `to`'s server of it hears (the LISTEN may still be on its way). */
async function reach(from: Side, to: Side, prefix: (typeof PREFIXES)[number], tag: string): Promise<void> {
  const i = PREFIXES.indexOf(prefix);
  let n = 0;
  await until(`${tag} on ${prefix}`, () => {
    if (to.heard.get(prefix)!.some((p) => p.startsWith(tag))) return true;
    from.servers[i]!.serverSideEmit('ping', `${tag}#${n++}`);
    return false;
  });
}

describe.skipIf(POSTGRES_MISSING !== null)('one LISTEN connection per pool for every Socket.IO adapter on it', () => {
  let server: PostgresInstance;
  let admin: pg.Pool;
  let a: Side;
  let b: Side;

  /** Backends of a pool (by application name) whose last statement was a LISTEN: the listening ones. */
  const listening = async (name: string) =>
    (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'", [name])).rows.map((r) => r.pid);

  beforeAll(async () => {
    server = await startPostgres();
    admin = createPgPool(server.url, { applicationName: 'test-admin', max: 2 });
    await ensureSocketIoTable(admin);
    a = side(server.url, 'side-a');
    b = side(server.url, 'side-b');
  }, 60_000);
  afterAll(async () => {
    // Side a's adapters were closed by the last test.
    if (b) for (const io of b.servers) await io.of('/').adapter.close();
    await a?.pool.end();
    await b?.pool.end();
    await admin?.end();
    await server?.stop();
  });

  it('each channel reaches exactly its own adapters of the other pool, and each pool listens on one connection', async () => {
    for (const prefix of PREFIXES) await reach(a, b, prefix, `ready-${prefix}`);
    for (const prefix of PREFIXES) await reach(b, a, prefix, `ready-${prefix}`);
    for (const s of [a, b]) for (const list of s.heard.values()) list.length = 0;

    a.servers[0]!.serverSideEmit('ping', 'only-one');
    await until('the first channel', () => b.heard.get(PREFIXES[0])!.includes('only-one'));
    // A NOTIFY is delivered in order: one sent after it on the second channel arrives after it.
    a.servers[1]!.serverSideEmit('ping', 'only-two');
    await until('the second channel', () => b.heard.get(PREFIXES[1])!.includes('only-two'));
    expect(b.heard.get(PREFIXES[0])).toEqual(['only-one']);
    expect(b.heard.get(PREFIXES[1])).toEqual(['only-two']);
    expect(b.heard.get(PREFIXES[2])).toEqual([]);
    // An adapter does not hear itself, nor its own pool's other channels.
    for (const list of a.heard.values()) expect(list).toEqual([]);

    expect(await listening('side-a')).toHaveLength(1);
    expect(await listening('side-b')).toHaveLength(1);
  }, 60_000);

  it('a listening connection the server ends is replaced: every adapter of the pool hears again', async () => {
    const [pid] = await listening('side-a');
    expect(pid).toBeDefined();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // The adapter reconnects after 1–3 s (its own schedule) and LISTENs again, through the shared connection.
    for (const prefix of PREFIXES) await reach(b, a, prefix, `after-kill-${prefix}`);
    const now = await listening('side-a');
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(pid);
  }, 60_000);

  it('closing every adapter of a pool gives its connection back listening to nothing', async () => {
    // (Servers attached to no HTTP server: their adapters are closed as the province relay closes its own.)
    for (const io of a.servers) await io.of('/').adapter.close();
    await until('side a to stop listening', async () => (await listening('side-a')).length === 0);
    // Side b's adapters no longer reach anyone on side a, and still listen themselves.
    expect(await listening('side-b')).toHaveLength(1);
  }, 60_000);
});
