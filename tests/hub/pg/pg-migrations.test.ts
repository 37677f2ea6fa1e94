import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePool, migratePostgres, type PgMigration } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { createPgPool } from '../../../hub/store/pg/pool';
import { callHeads } from '../../../hub/store/pg/pg-ticket-repository';
import { ISSUE_ALONE } from '../../../hub/store/pg/pg-issue-alone';
import { supersededAnswer } from '../../../core/queue/numbering';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('pg-migrations');

const LATEST = PG_MIGRATIONS.length;

/** An EXPLAIN's plan as text, run in a transaction rolled back (an EXPLAIN ANALYZE of a write writes nothing). */
async function planOf(client: pg.PoolClient, explain: string): Promise<string> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(explain);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
  }
}

const versions = (from: number) => PG_MIGRATIONS.filter((m) => m.version >= from).map((m) => m.version);

describe.skipIf(POSTGRES_MISSING !== null)('PostgreSQL store migrations', () => {
  let server: PostgresInstance;
  let databases = 0;
  /** A fresh, empty database of this file's server, and a pool on it (closed after the file). */
  const pools: pg.Pool[] = [];
  async function freshPool(max = 4): Promise<pg.Pool> {
    const pool = createPgPool(await server.createDatabase(`migrations_${++databases}`), { max });
    pools.push(pool);
    return pool;
  }

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await server?.stop();
  });

  it('migrates a fresh database to the latest version, records each version once, and a second run does nothing', async () => {
    const pool = await freshPool();
    expect(await migratePool(pool, PG_MIGRATIONS)).toEqual(versions(1));
    const { rows } = await pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(await migratePool(pool, PG_MIGRATIONS)).toEqual([]);
    // The lock is released: another session can take it at once.
    expect((await pool.query('SELECT pg_try_advisory_lock(7446593001) AS got')).rows).toEqual([{ got: true }]);
  });

  it('two hub processes starting at once: the migrations run exactly once, and both return with the schema complete', async () => {
    const pool = await freshPool();
    const a = new pg.Client({ connectionString: (pool.options as { connectionString: string }).connectionString });
    const b = new pg.Client({ connectionString: (pool.options as { connectionString: string }).connectionString });
    await Promise.all([a.connect(), b.connect()]);
    try {
      // Slow the first migration down so the two really overlap: without the lock both would create the same tables.
      const slow: PgMigration[] = PG_MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `SELECT pg_sleep(0.3); ${m.sql}` } : m));
      const [ra, rb] = await Promise.all([migratePostgres(a, slow), migratePostgres(b, slow)]);
      expect([ra, rb].sort((x, y) => y.length - x.length)).toEqual([versions(1), []]);
      expect((await a.query('SELECT count(*) AS n, count(DISTINCT version) AS d FROM schema_migrations')).rows).toEqual([{ n: String(LATEST), d: String(LATEST) }]);
      expect((await b.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'tickets'`)).rows).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('a database only partly migrated gets the rest; a database newer than the hub, or a gap in the list, is refused', async () => {
    const pool = await freshPool();
    expect(await migratePool(pool, PG_MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(await migratePool(pool, PG_MIGRATIONS)).toEqual(versions(2));
    const newer = { version: LATEST + 1, name: 'from the future', sql: 'SELECT 1' };
    expect(await migratePool(pool, [...PG_MIGRATIONS, newer])).toEqual([LATEST + 1]);
    await expect(migratePool(pool, PG_MIGRATIONS)).rejects.toThrow(`The database is at schema version ${LATEST + 1}, newer than this hub knows (${LATEST}). Upgrade the hub.`);
    await expect(migratePool(await freshPool(), [PG_MIGRATIONS[0]!, PG_MIGRATIONS[2]!])).rejects.toThrow(/version 3, expected 2/);
  });

  it('a failing migration rolls back whole, is not recorded, and leaves the lock free', async () => {
    const pool = await freshPool();
    const broken = { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT no_such_function();' };
    await expect(migratePool(pool, [...PG_MIGRATIONS, broken])).rejects.toThrow(/Migration \d+ \(broken\) failed: function no_such_function\(\) does not exist/);
    expect((await pool.query('SELECT max(version)::int AS v FROM schema_migrations')).rows).toEqual([{ v: LATEST }]);
    expect((await pool.query(`SELECT to_regclass('half_done') AS t`)).rows).toEqual([{ t: null }]);
    expect(await migratePool(pool, PG_MIGRATIONS)).toEqual([]);
  });

  it('0020: a ticket:issue an offline ticket superseded before the hub logged it gets the superseded refusal — the text the hub writes — and an answered one keeps its answer', async () => {
    const pool = await freshPool();
    await migratePool(pool, PG_MIGRATIONS.filter((m) => m.version < 20));
    await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('hoan-kiem', 'Trung tâm Hoàn Kiếm', 'x'), ('ba-dinh', 'Trung tâm Ba Đình', 'x')`);
    const ticket = async (number: number) =>
      (await pool.query<{ id: number }>(`INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by) VALUES ('ba-dinh', '2026-11-20', 'ho-tich', $1, 'waiting', 'x', 'kiosk-1') RETURNING id`, [number])).rows[0]!.id;
    const lease = (await pool.query<{ id: number }>(`INSERT INTO number_leases (centre_id, day, service_id, device_id, first_number, last_number, leased_at, command_id) VALUES ('ba-dinh', '2026-11-20', 'ho-tich', 'kiosk-bd', 1990, 1999, 'x', 'lease-1') RETURNING id`)).rows[0]!.id;
    const phantom = await ticket(1001);
    await pool.query(`INSERT INTO commands (command_id, centre_id, device_id, name, result_json, at, ok) VALUES ('issue-ran', 'ba-dinh', 'kiosk-bd', 'ticket:issue', '{"ok":true}', 'x', 1)`);
    const offline = `INSERT INTO offline_tickets (ticket_id, centre_id, lease_id, day, service_id, number, reported_issued_at, delivered_at, command_id, supersedes, superseded_ticket_id)
       VALUES ($1, 'ba-dinh', $2, '2026-11-20', 'ho-tich', $3, 'x', '2026-11-20T03:05:00.000Z', $4, $5, $6)`;
    await pool.query(offline, [await ticket(1990), lease, 1990, 'deliver-1', 'issue-lost', null]);
    await pool.query(offline, [await ticket(1991), lease, 1991, 'deliver-2', 'issue-ran', phantom]);

    expect(await migratePool(pool, PG_MIGRATIONS)).toEqual(versions(20));
    expect((await pool.query('SELECT command_id, centre_id, device_id, name, result_json, at, ok FROM commands ORDER BY command_id')).rows).toEqual([
      { command_id: 'issue-lost', centre_id: 'ba-dinh', device_id: 'kiosk-bd', name: 'ticket:issue', result_json: JSON.stringify(supersededAnswer(1990)), at: '2026-11-20T03:05:00.000Z', ok: 0 },
      { command_id: 'issue-ran', centre_id: 'ba-dinh', device_id: 'kiosk-bd', name: 'ticket:issue', result_json: '{"ok":true}', at: 'x', ok: 1 },
    ]);
  });

  it('keeps SQLite\'s rules: states, one number per centre/service/day, events about a ticket or a counter, an append-only audit log', async () => {
    const pool = await freshPool();
    await migratePool(pool, PG_MIGRATIONS);
    await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('hoan-kiem', 'Trung tâm Hoàn Kiếm', 'x'), ('ba-dinh', 'Trung tâm Ba Đình', 'x')`);
    const ticket = (centre: string, number: number, state = 'waiting') =>
      pool.query<{ id: number }>(`INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by) VALUES ($1, '2026-12-03', 'ho-tich', $2, $3, 'x', 'kiosk-1') RETURNING id`, [centre, number, state]);
    const { id } = (await ticket('hoan-kiem', 1001)).rows[0]!;
    expect(typeof id).toBe('number'); // BIGINT ids come back as numbers, as from better-sqlite3
    await ticket('ba-dinh', 1001); // the same number in another centre
    await expect(ticket('hoan-kiem', 1001)).rejects.toThrow(/duplicate key value violates unique constraint/);
    await expect(ticket('hoan-kiem', 1002, 'lost')).rejects.toThrow(/tickets_state_check/);
    await expect(ticket('hue', 1003)).rejects.toThrow(/tickets_centre_id_fkey/);

    await pool.query(`INSERT INTO events (centre_id, seq, at, type, ticket_id) VALUES ('hoan-kiem', 1, 'x', 'issued', $1)`, [id]);
    await pool.query(`INSERT INTO events (centre_id, seq, at, type, counter_id) VALUES ('ba-dinh', 1, 'x', 'counter-changed', 'quay-1')`);
    await expect(pool.query(`INSERT INTO events (centre_id, seq, at, type, ticket_id, counter_id) VALUES ('hoan-kiem', 2, 'x', 'issued', $1, 'quay-1')`, [id])).rejects.toThrow(/events_check/);
    await expect(pool.query(`INSERT INTO events (centre_id, seq, at, type, counter_id) VALUES ('hoan-kiem', 1, 'x', 'counter-changed', 'quay-1')`)).rejects.toThrow(/events_pkey/);

    await expect(pool.query(`INSERT INTO number_leases (centre_id, day, service_id, device_id, first_number, last_number, leased_at, command_id) VALUES ('hoan-kiem', '03/12/2026', 'ho-tich', 'kiosk-1', 1990, 1999, 'x', 'c1')`)).rejects.toThrow(/number_leases_day_check/);
    await expect(pool.query(`INSERT INTO admin_accounts (username, centre_id, password_hash, created_at, password_set_at) VALUES ('quantri', 'hoan-kiem', 'plain', 'x', 'x')`)).rejects.toThrow(/admin_accounts_password_hash_check/);

    await pool.query(`INSERT INTO audit_log (centre_id, at, actor, action, subject, prev_hash, hash) VALUES ('hoan-kiem', 'x', 'admin', 'backup', 'b1', '', 'h1')`);
    await expect(pool.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow('audit_log is append-only');
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only');
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only');
    expect((await pool.query('SELECT count(*) AS n FROM audit_log')).rows).toEqual([{ n: 1 }]);
  });

  it('the call-next head is read from the partial index of one centre\'s waiting tickets', async () => {
    const pool = await freshPool();
    await migratePool(pool, PG_MIGRATIONS);
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off'); // an empty table: make the planner show what it would use at scale
      // The repository's own statement (every head of a call in one), planned with its parameters.
      await client.query(`PREPARE heads (text, text, text[], boolean[], text) AS ${callHeads(' FOR UPDATE SKIP LOCKED')}`);
      const plan = await planOf(client, `EXPLAIN EXECUTE heads ('hoan-kiem', '2026-12-03', '{ho-tich,ho-tich}', '{t,f}', 'quay-1')`);
      // Each service's head by the partial index, per row of the services' list (a lateral scan), each locked on its own.
      expect(plan).toMatch(/Nested Loop[\s\S]*Function Scan on k[\s\S]*LockRows[\s\S]*Index (Only )?Scan using tickets_waiting_heads on tickets/);
      expect(plan.match(/LockRows/g)).toHaveLength(2);
    } finally {
      client.release();
    }
  });
  it('an issue counts the waiting tickets of its service from an index of that queue, before ANALYZE has seen the day (0023)', async () => {
    // The bench's morning: a centre's day of tickets written faster than autovacuum analyses them. Before 0023 the planner
    // counted through tickets_by_counter (or tickets_waiting_heads' whole day of the centre) on every ticket:issue.
    const pool = await freshPool();
    await migratePool(pool, PG_MIGRATIONS);
    const day = '2026-12-05';
    await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('hoan-kiem', 'Trung tâm Hoàn Kiếm', 'x'), ('ba-dinh', 'Trung tâm Ba Đình', 'x')`);
    // 2,400 tickets a centre over three services, the first 100 of each service called and done, the rest waiting.
    await pool.query(
      `INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by, counter_id, called_at)
       SELECT c, $1, s, n, CASE WHEN n <= 100 THEN 'done' ELSE 'waiting' END, '2026-12-05T01:00:00.000Z', 'kiosk-1',
              CASE WHEN n <= 100 THEN 'quay-1' END, CASE WHEN n <= 100 THEN '2026-12-05T02:00:00.000Z' END
         FROM unnest(ARRAY['hoan-kiem', 'ba-dinh']) c, unnest(ARRAY['ho-tich', 'chung-thuc', 'dat-dai']) s, generate_series(1, 800) n`,
      [day],
    );
    await pool.query(`INSERT INTO number_sequences (centre_id, day, service_id, last_number) VALUES ('hoan-kiem', $1, 'ho-tich', 800)`, [day]);
    const client = await pool.connect();
    try {
      await client.query(`PREPARE issue AS ${ISSUE_ALONE}`);
      const args = `('hoan-kiem', '${day}', 'ho-tich', 800, NULL, 801, '2026-12-05T03:00:00.000Z', 'kiosk-1', 'normal', 5, '{}', NULL, NULL, 'c-plan', 'kiosk-1')`;
      // The first executions are planned with their values, later ones may use the generic plan: both must count the queue alone.
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        await client.query(`SET plan_cache_mode = ${mode}`);
        const plan = await planOf(client, `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE issue ${args}`);
        const count = plan.slice(plan.indexOf('CTE figures'), plan.indexOf('CTE logged'));
        const used = /Index (?:Only )?Scan using (\w+) on tickets[^\n]*\(actual rows=700 loops=1\)/.exec(count);
        expect(used, `${mode}:\n${plan}`).not.toBeNull();
        expect(count, `${mode}:\n${plan}`).not.toMatch(/Rows Removed by Filter/);
        // An index whose leading columns are the centre, the day and the service, of the waiting tickets only: one range, the queue.
        const { rows: shape } = await client.query(
          `SELECT (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(i.indkey[0:2]) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS leading,
                  pg_get_expr(i.indpred, i.indrelid) AS predicate
             FROM pg_index i WHERE i.indexrelid = $1::regclass`,
          [used![1]],
        );
        expect(shape[0], `${mode}: ${used![1]}`).toEqual({ leading: ['centre_id', 'day', 'service_id'], predicate: "(state = 'waiting'::text)" });
      }
    } finally {
      client.release();
    }
  });
});
