import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../hub/db/migration';
import { MIGRATIONS } from '../../../hub/db/migrations';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS, PG_ONLY_COLUMNS, PG_ONLY_TABLES } from '../../../hub/store/pg/migrations';
import { createPgPool } from '../../../hub/store/pg/pool';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

/**
 * The two stores cannot drift apart silently: after every migration of each, the PostgreSQL
 * schema has SQLite's tables, each with SQLite's columns (same names, same nullability, the same
 * kind of type) plus centre_id where rows belong to a centre, and SQLite's named indexes. A
 * SQLite migration that adds a table or a column fails this test until hub/store/pg/migrations
 * has its counterpart.
 */

warnIfPostgresMissing('pg-schema-parity');

interface Column {
  readonly notNull: boolean;
  /** 'integer' or 'text': SQLite STRICT's two kinds used by the hub. */
  readonly kind: string;
}
type Schema = Map<string, Map<string, Column>>;

/**
 * Tables whose rows belong to one centre: they carry centre_id (dossier_history: the receiving
 * centre, whose chain it extends). The others hang off a parent that has it, or off a
 * province-wide device id.
 */
const PER_CENTRE = [
  'admin_accounts', 'api_keys', 'appointments', 'audit_log', 'booking_holds', 'booking_identities', 'commands', 'config_digests', 'counter_states', 'device_health', 'dossier_code_leases', 'dossier_history', 'dossier_public_tokens', 'dossiers', 'events',
  'number_leases', 'number_sequences', 'offline_tickets', 'outbox', 'privacy_requests', 'ratings', 'sign_in_lockouts', 'ticket_public_tokens', 'ticket_reminders', 'tickets', 'webhook_subscription_states',
];
/** centre_id that may be null: a province administrator's account belongs to no centre (PostgreSQL migration 0017). */
const CENTRE_OPTIONAL = ['admin_accounts'];
/** Indexes only PostgreSQL has. */
const PG_ONLY_INDEXES = ['audit_log_by_centre', 'dossier_history_chain'];

function sqliteSchema(): { tables: Schema; indexes: string[] } {
  const db = new BetterSqlite3(':memory:');
  migrate(db, MIGRATIONS);
  const names = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const tables: Schema = new Map(
    names.map((table) => {
      const cols = db.prepare('SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)').all(table) as { name: string; type: string; nn: number; pk: number }[];
      // INTEGER PRIMARY KEY is the rowid: never null, though table_info says notnull = 0.
      return [table, new Map(cols.map((c) => [c.name, { notNull: c.nn === 1 || c.pk > 0, kind: c.type.toLowerCase() }]))];
    }),
  );
  const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).pluck().all() as string[];
  db.close();
  return { tables, indexes };
}

const PG_KIND: Record<string, string> = { integer: 'integer', bigint: 'integer', smallint: 'integer', text: 'text' };

async function pgSchema(pool: pg.Pool): Promise<{ tables: Schema; indexes: string[] }> {
  const { rows } = await pool.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
    `SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const tables: Schema = new Map();
  for (const r of rows) {
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
    tables.get(r.table_name)!.set(r.column_name, { notNull: r.is_nullable === 'NO', kind: PG_KIND[r.data_type] ?? r.data_type });
  }
  // Named indexes, not those PostgreSQL makes for a PRIMARY KEY or UNIQUE constraint.
  const indexes = await pool.query<{ name: string }>(
    `SELECT i.indexname AS name FROM pg_indexes i WHERE i.schemaname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY 1`,
  );
  return { tables, indexes: indexes.rows.map((r) => r.name) };
}

const sorted = (names: Iterable<string>) => [...names].sort();

/** What a failure means, and what to do. */
const DRIFT = 'the SQLite and PostgreSQL schemas differ: give the SQLite migration its counterpart in hub/store/pg/migrations (or list a deliberate difference here)';

describe.skipIf(POSTGRES_MISSING !== null)('the PostgreSQL schema follows the SQLite schema', () => {
  let server: PostgresInstance;
  let pool: pg.Pool;
  let sqlite: { tables: Schema; indexes: string[] };
  let postgres: { tables: Schema; indexes: string[] };

  beforeAll(async () => {
    server = await startPostgres();
    pool = createPgPool(server.url, { max: 2 });
    await migratePool(pool, PG_MIGRATIONS);
    sqlite = sqliteSchema();
    postgres = await pgSchema(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  it('has the same tables, and only centres and schema_migrations besides', () => {
    expect(sorted(postgres.tables.keys()), DRIFT).toEqual(sorted([...sqlite.tables.keys(), ...PG_ONLY_TABLES]));
  });

  it('gives every table the same columns, with the same nullability and kind of type, plus centre_id exactly where rows belong to a centre', () => {
    for (const [table, columns] of sqlite.tables) {
      const pgColumns = new Map(postgres.tables.get(table));
      if (PER_CENTRE.includes(table)) {
        expect(pgColumns.get('centre_id'), `${table}.centre_id`).toEqual({ notNull: !CENTRE_OPTIONAL.includes(table), kind: 'text' });
        pgColumns.delete('centre_id');
      }
      // The deliberate differences, each kept by the database itself (hub/store/pg/migrations/index.ts).
      for (const column of PG_ONLY_COLUMNS[table] ?? []) expect(pgColumns.delete(column), `${table}.${column} is listed as PostgreSQL's only: it must exist`).toBe(true);
      expect(Object.fromEntries(sorted(pgColumns.keys()).map((c) => [c, pgColumns.get(c)])), `${table}: ${DRIFT}`).toEqual(
        Object.fromEntries(sorted(columns.keys()).map((c) => [c, columns.get(c)])),
      );
    }
  });

  it('names every centre_id a foreign key to centres', async () => {
    const { rows } = await pool.query<{ table_name: string }>(
      `SELECT kcu.table_name FROM information_schema.key_column_usage kcu
         JOIN information_schema.referential_constraints rc ON rc.constraint_name = kcu.constraint_name
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name
        WHERE kcu.table_schema = 'public' AND kcu.column_name = 'centre_id' AND ccu.table_name = 'centres' AND ccu.column_name = 'id'
        ORDER BY 1`,
    );
    // The PostgreSQL-only tables (imports: one row per imported centre) are not SQLite's, and checked by their own tests.
    expect(rows.map((r) => r.table_name).filter((t) => !PG_ONLY_TABLES.includes(t))).toEqual(sorted(PER_CENTRE));
  });

  it('has the same primary keys and unique constraints (modulo centre_id), and the same foreign keys (besides those to centres)', async () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    const sqliteKeys: string[] = [];
    const sqliteForeign: string[] = [];
    for (const table of sqlite.tables.keys()) {
      const cols = db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as { name: string }[];
      if (cols.length > 0) sqliteKeys.push(`${table}(${cols.map((c) => c.name).sort().join(',')})`);
      const uniques = db.prepare(`SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin = 'u'`).pluck().all(table) as string[];
      for (const index of uniques) {
        const ucols = db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index) as string[];
        sqliteKeys.push(`${table}(${[...ucols].sort().join(',')})`);
      }
      for (const fk of db.prepare('SELECT "table" AS target, "from" AS source, "to" AS col FROM pragma_foreign_key_list(?)').all(table) as { target: string; source: string; col: string }[]) {
        sqliteForeign.push(`${table}.${fk.source} -> ${fk.target}.${fk.col}`);
      }
    }
    db.close();
    const keys = await pool.query<{ table_name: string; cols: string[] }>(
      `SELECT c.conrelid::regclass::text AS table_name, array_agg(a.attname::text ORDER BY a.attname) AS cols
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype IN ('p', 'u') AND c.connamespace = 'public'::regnamespace AND a.attname <> 'centre_id'
        GROUP BY c.oid, c.conrelid`,
    );
    const pgKeys = keys.rows.filter((r) => !PG_ONLY_TABLES.includes(r.table_name)).map((r) => `${r.table_name}(${r.cols.join(',')})`);
    expect(sqliteKeys).toEqual(expect.arrayContaining(['tickets(day,number,service_id)', 'appointments(code)', 'number_leases(command_id)']));
    expect(pgKeys.sort(), DRIFT).toEqual(sqliteKeys.sort());
    const foreign = await pool.query<{ fk: string }>(
      `SELECT format('%s.%s -> %s.%s', c.conrelid::regclass, a.attname, c.confrelid::regclass, fa.attname) AS fk
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.confrelid <> 'centres'::regclass`,
    );
    expect(sqliteForeign).toEqual(expect.arrayContaining(['offline_tickets.lease_id -> number_leases.id', 'admin_sessions.username -> admin_accounts.username']));
    // A table only PostgreSQL has (dossier_blobs -> dossiers) has no SQLite twin to compare with.
    const pgForeign = foreign.rows.map((r) => r.fk).filter((fk) => !PG_ONLY_TABLES.includes(fk.slice(0, fk.indexOf('.'))));
    expect(pgForeign.sort(), DRIFT).toEqual(sqliteForeign.sort());
  });

  it('has every index SQLite has, under the same name', () => {
    expect(postgres.indexes, DRIFT).toEqual(sorted([...sqlite.indexes, ...PG_ONLY_INDEXES]));
  });
});
