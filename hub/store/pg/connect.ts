import pg from 'pg';
import { HUB_PG_TYPES } from './pool';
import { redactUrl, StoreToolError } from './tool-error';

/** Network failures of a connection attempt: the database is not there (yet), try again later. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/**
 * One connection for a store tool (migrate, import), int8 as numbers like the hub's pool; a
 * failure to connect is a typed StoreToolError naming the (redacted) URL.
 */
export async function connectStore(url: string, applicationName: string): Promise<pg.Client> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new StoreToolError('invalid-input', `--store phải là địa chỉ postgres://…, không phải "${redactUrl(url)}".`, `--store must be a postgres://… URL, not "${redactUrl(url)}".`);
  }
  const client = new pg.Client({ connectionString: url, types: HUB_PG_TYPES, application_name: applicationName, connectionTimeoutMillis: 10_000 });
  // A server dying under us later must not crash the process with an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const { code, message } = e as { code?: string; message: string };
    const where = redactUrl(url);
    if (code === '3D000') throw new StoreToolError('not-found', `Không có cơ sở dữ liệu ${where}: ${message}.`, `No such database ${where}: ${message}.`);
    if (code === '28P01' || code === '28000') throw new StoreToolError('unauthorized', `Cơ sở dữ liệu ${where} từ chối đăng nhập: ${message}.`, `The database ${where} refused the login: ${message}.`);
    if ((code !== undefined && UNREACHABLE.has(code)) || /timeout|terminated/i.test(message)) {
      throw new StoreToolError('hub-unreachable', `Không kết nối được cơ sở dữ liệu ${where} (${code ?? message}). Kiểm tra máy chủ PostgreSQL rồi chạy lại.`, `Cannot reach the database ${where} (${code ?? message}). Check the PostgreSQL server and run again.`);
    }
    throw new StoreToolError('hub-unreachable', `Không kết nối được cơ sở dữ liệu ${where}: ${message}.`, `Cannot connect to the database ${where}: ${message}.`);
  }
  return client;
}

/** The PostgreSQL store's schema version: 0 for a database never migrated. */
export async function pgSchemaVersion(db: Pick<pg.ClientBase, 'query'>): Promise<number> {
  // Two statements: a query naming a missing table fails at parse time, whatever branch it sits in.
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (exists.rows[0]!.t === null) return 0;
  const { rows } = await db.query<{ v: number }>('SELECT coalesce(max(version), 0)::integer AS v FROM schema_migrations');
  return rows[0]!.v;
}
