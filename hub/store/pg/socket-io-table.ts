import type pg from 'pg';
import { MIGRATION_LOCK_KEY } from './migrate';

/** The table `@socket.io/postgres-adapter` keeps payloads over NOTIFY's 8,000 bytes in (its default name). */
export const SOCKET_IO_ATTACHMENTS = 'socket_io_attachments';

/**
 * Creates the adapter's table if it is missing, under the migration lock (two processes starting
 * at once: one creates it). Not a numbered migration yet: the runner wants consecutive versions
 * and 0010–0016 are being written on other branches; it becomes PostgreSQL migration 0017 when
 * they land (docs/province.md). Its columns are the adapter's documented ones.
 */
export async function ensureSocketIoTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SOCKET_IO_ATTACHMENTS} (
      id         BIGSERIAL UNIQUE,
      created_at TIMESTAMPTZ DEFAULT now(),
      payload    BYTEA
    )`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
