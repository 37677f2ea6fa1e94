import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { ChainReport } from '../audit/chain-verifier';
import { verifyCentreChains } from '../store/pg/chain-verify';
import { PgAuditLog } from '../store/pg/pg-audit-log';
import { PgStore } from '../store/pg/pg-store';
import { redactUrl, StoreToolError } from '../store/pg/tool-error';
import { BACKUP_MAGIC, BackupError, decryptBackup, type KdfCost } from './backup-crypto';
import { openStream, sealStream, STREAM_VERSION } from './backup-stream';

/**
 * The province database's backup, sealed with the centres' backup key: `pg_dump`'s custom format,
 * which `pg_restore` reads, encrypted before it touches the disk. The database holds every
 * centre's citizens — names, CCCD numbers, phone numbers, scanned papers — so a plain dump lying
 * on a file share would undo what the hub's access rules keep closed. The dump streams through
 * the seal in chunks (backup-stream.ts, format version 2): one chunk of it is in memory at a time,
 * whatever the database's size, and so is a restore's.
 */

/** How pg_dump's custom format begins (the plain file a PostgreSQL backup must hold). */
const PG_DUMP_MAGIC = Buffer.from('PGDMP', 'ascii');
const isCustomFormat = (bytes: Buffer | null | undefined) => bytes?.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC) === true;

export interface PgBackupResult {
  readonly file: string;
  readonly bytes: number;
  /** SHA-256 of the encrypted file, as recorded in each centre's audit log. */
  readonly sha256: string;
  /** The centres whose data it holds (each has a `backup.create` record). */
  readonly centres: readonly string[];
}

/**
 * PostgreSQL's own client tools, run by the caller (the CLI: hub/ starts no processes): a
 * custom-format dump of the store, and a restore of one into it, both as streams.
 */
export interface PgClientTools {
  /** `pg_dump --format=custom` of the store, as its bytes come; throws once they end if pg_dump failed. */
  dump(): AsyncIterable<Buffer>;
  /** `pg_restore` of the custom-format dump `plain` yields, in one transaction: if `plain` throws, pg_restore is stopped and nothing is kept. */
  restore(plain: AsyncIterable<Buffer>): Promise<void>;
}

/** `bytes` as they come, once their first bytes are pg_dump's custom format's. */
async function* customFormat(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  for await (const chunk of bytes) {
    if (head.length < PG_DUMP_MAGIC.length) {
      head = Buffer.concat([head, chunk]);
      if (head.length < PG_DUMP_MAGIC.length) continue;
      if (!isCustomFormat(head)) throw notCustomFormat();
      yield head;
      continue;
    }
    yield chunk;
  }
  if (head.length < PG_DUMP_MAGIC.length) throw notCustomFormat();
}

const notCustomFormat = () => new StoreToolError('internal', 'pg_dump không trả về bản sao định dạng custom.', 'pg_dump did not produce a custom-format dump.');

/**
 * `pg_dump --format=custom` of the province database, sealed into `outFile` as it comes (written
 * as `.partial`, 0600, then renamed: no half file under the final name, none left on a failure),
 * then a `backup.create` record on the audit chain of every centre in it: who took their
 * citizens' data, when, which file.
 */
export async function takePgBackup(
  pool: pg.Pool,
  tools: PgClientTools,
  outFile: string,
  passphrase: string,
  o: { readonly actor: string; readonly clock: () => Date; readonly kdf?: KdfCost; readonly chunkLog2?: number },
): Promise<PgBackupResult> {
  const out = path.resolve(outFile);
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const hash = createHash('sha256');
  let bytes = 0;
  async function* sealed(): AsyncGenerator<Buffer> {
    for await (const record of sealStream(customFormat(tools.dump()), passphrase, o.kdf, o.chunkLog2)) {
      hash.update(record);
      bytes += record.length;
      yield record;
    }
  }
  try {
    await pipeline(Readable.from(sealed()), createWriteStream(partial, { mode: 0o600 }));
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  renameSync(partial, out);
  const sha256 = hash.digest('hex');
  const store = new PgStore(pool);
  const centres = await centreIds(pool);
  for (const centreId of centres) {
    await store.transaction(() => new PgAuditLog(store, centreId, o.clock).record({ actor: o.actor, action: 'backup.create', subject: path.basename(out), detail: { bytes, sha256, store: 'postgres' } }));
  }
  return { file: out, bytes, sha256, centres };
}

export interface PgRestoreResult {
  /** Each centre's hash chains, walked in the restored database. */
  readonly centres: readonly { readonly id: string; readonly chains: ChainReport }[];
}

/** The format version in a backup file's header; null for what is not a motcua backup. */
function backupVersion(file: string): number | null {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(BACKUP_MAGIC.length + 1);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC) ? head[BACKUP_MAGIC.length]! : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The plain dump of a sealed province backup, read twice: once through to check every record's
 * tag and the dump's first bytes (a wrong key, a changed or cut file, a centre's SQLite backup:
 * refused before anything is written), then as the source of the restore. A version 1 file (a
 * centre's, or a province backup taken before the chunked format) is opened whole in memory.
 */
async function checkedDump(file: string, passphrase: string): Promise<() => AsyncIterable<Buffer>> {
  const version = backupVersion(file);
  if (version !== STREAM_VERSION) {
    const plain = decryptBackup(readFileSync(file), passphrase);
    if (!isCustomFormat(plain)) throw notProvince();
    return async function* () {
      yield plain;
    };
  }
  let first: Buffer | null = null;
  for await (const chunk of openStream(createReadStream(file), passphrase)) first ??= chunk;
  if (!isCustomFormat(first)) throw notProvince();
  return () => openStream(createReadStream(file), passphrase);
}

const notProvince = () => new BackupError('not-a-backup', "this backup holds a centre's SQLite file, not the province database: restore it with `motcua restore FILE --to DIR`");

/**
 * Opens a sealed province backup and restores it into `url`, which must be an empty database
 * (`createdb` it first): a wrong key, a changed file or a centre's SQLite backup is refused before
 * anything is written, and so is a database that already has tables (a restore does not merge).
 * Then walks every centre's hash chains in what was restored.
 */
export async function restorePgBackup(pool: pg.Pool, url: string, tools: PgClientTools, backupFile: string, passphrase: string): Promise<PgRestoreResult> {
  const dump = await checkedDump(path.resolve(backupFile), passphrase);
  const tables = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
  if (tables.rows[0]!.n > 0) {
    const where = redactUrl(url);
    throw new StoreToolError('conflict', `Cơ sở dữ liệu ${where} đã có ${tables.rows[0]!.n} bảng: khôi phục vào một cơ sở dữ liệu trống (createdb).`, `The database ${where} already has ${tables.rows[0]!.n} tables: restore into an empty database (createdb).`);
  }
  await tools.restore(dump());
  const centres = await centreIds(pool);
  const checked = [];
  for (const id of centres) checked.push({ id, chains: await verifyCentreChains(pool, id) });
  return { centres: checked };
}

/** The centres of the province database, in id order. */
async function centreIds(pool: pg.Pool): Promise<string[]> {
  return (await pool.query<{ id: string }>('SELECT id FROM centres ORDER BY id')).rows.map((r) => r.id);
}
