import pg from 'pg';

/**
 * BIGINT (int8) comes back from node-postgres as a string, because it can exceed 2^53. The
 * hub's ids, sequence numbers and count(*) never come near that, and the repositories' rows use
 * numbers (as better-sqlite3 gives them): parse to a number, and refuse loudly rather than round.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`BIGINT ${text} is beyond a JavaScript number`);
  return n;
}

const INT8_OID = 20;

/** Type parsers for the hub's connections: the defaults, except int8 as a number. Per pool, not global. */
export const HUB_PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PgPoolOptions {
  readonly max?: number;
  /** Shown in pg_stat_activity: which hub process holds a connection. */
  readonly applicationName?: string;
}

/**
 * A pool for the hub's store: the connection URL (postgres://…), int8 as numbers, and
 * `synchronous_commit = on` for every connection whatever the server's default: an acknowledged
 * command is in the WAL before the terminal hears so (a database that restarts keeps it).
 */
export function createPgPool(connectionString: string, options: Readonly<PgPoolOptions> = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, types: HUB_PG_TYPES, max: options.max ?? 10, application_name: options.applicationName ?? 'motcua-hub', options: '-c synchronous_commit=on', pipeline: true });
  // A checked-out client whose server goes away emits 'error'; with no listener the process dies.
  // The Socket.IO adapter's LISTEN client has none (it reconnects on 'end'), so every client gets one:
  // the store's own work hears the failure through its query (hub-unavailable).
  pool.on('connect', (client) => client.on('error', () => undefined));
  // An idle client whose server went away (a restart, a cut link) is reported on the pool; with no
  // listener Node would end the hub for it. The pool has already dropped that client, the next
  // checkout opens a new connection, and a command meanwhile answers hub-unavailable. Once per pool
  // (it was once per PgStore: a pool shared by more than 10 centres warned MaxListenersExceeded).
  pool.on('error', () => undefined);
  return pool;
}
