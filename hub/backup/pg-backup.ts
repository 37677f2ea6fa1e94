import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { ChainReport } from '../audit/chain-verifier';
import { verifyCentreChains } from '../store/pg/chain-verify';
import { PgAuditLog } from '../store/pg/pg-audit-log';
import { PgStore } from '../store/pg/pg-store';
import { redactUrl, StoreToolError } from '../store/pg/tool-error';
import { BackupError, decryptBackup, encryptBackup, type KdfCost } from './backup-crypto';

/**
 * The province database's backup, sealed as a centre's is (backup-crypto.ts: scrypt + AES-256-GCM,
 * the same file format and key): `pg_dump`'s custom format, which `pg_restore` reads, encrypted
 * before it touches the disk. The database holds every centre's citizens — names, CCCD numbers,
 * phone numbers, scanned papers — so a plain dump lying on a file share would undo what the
 * hub's access rules keep closed. The plain dump lives only in this process's memory (AES-GCM
 * seals a whole buffer): fine for a province of a few GB; beyond that, a standby or
 * `pg_basebackup` onto an encrypted disk (docs/province.md).
 */

/** How pg_dump's custom format begins (the plain file a PostgreSQL backup must hold). */
const PG_DUMP_MAGIC = Buffer.from('PGDMP', 'ascii');

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
 * custom-format dump of the store, and a restore of one into it.
 */
export interface PgClientTools {
  /** `pg_dump --format=custom` of the store. */
  dump(): Promise<Buffer>;
  /** `pg_restore` of a custom-format dump into the store, in one transaction. */
  restore(plain: Buffer): Promise<void>;
}

/**
 * `pg_dump --format=custom` of the province database, sealed into `outFile` (written as
 * `.partial`, 0600, then renamed: no half file under the final name), then a `backup.create`
 * record on the audit chain of every centre in it: who took their citizens' data, when, which file.
 */
export async function takePgBackup(
  pool: pg.Pool,
  tools: PgClientTools,
  outFile: string,
  passphrase: string,
  o: { readonly actor: string; readonly clock: () => Date; readonly kdf?: KdfCost },
): Promise<PgBackupResult> {
  const plain = await tools.dump();
  if (!plain.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC)) throw new StoreToolError('internal', 'pg_dump không trả về bản sao định dạng custom.', 'pg_dump did not produce a custom-format dump.');
  const sealed = encryptBackup(plain, passphrase, o.kdf);
  plain.fill(0);
  const out = path.resolve(outFile);
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  writeFileSync(partial, sealed, { mode: 0o600 });
  renameSync(partial, out);
  const sha256 = createHash('sha256').update(sealed).digest('hex');
  const store = new PgStore(pool);
  const centres = await centreIds(pool);
  for (const centreId of centres) {
    await store.transaction(() => new PgAuditLog(store, centreId, o.clock).record({ actor: o.actor, action: 'backup.create', subject: path.basename(out), detail: { bytes: sealed.length, sha256, store: 'postgres' } }));
  }
  return { file: out, bytes: sealed.length, sha256, centres };
}

export interface PgRestoreResult {
  /** Each centre's hash chains, walked in the restored database. */
  readonly centres: readonly { readonly id: string; readonly chains: ChainReport }[];
}

/**
 * Opens a sealed province backup and restores it into `url`, which must be an empty database
 * (`createdb` it first): a wrong key, a changed file or a centre's SQLite backup is refused before
 * anything is written, and so is a database that already has tables (a restore does not merge).
 * Then walks every centre's hash chains in what was restored.
 */
export async function restorePgBackup(pool: pg.Pool, url: string, tools: PgClientTools, backupFile: string, passphrase: string): Promise<PgRestoreResult> {
  const plain = decryptBackup(readFileSync(path.resolve(backupFile)), passphrase);
  if (!plain.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC)) {
    throw new BackupError('not-a-backup', "this backup holds a centre's SQLite file, not the province database: restore it with `motcua restore FILE --to DIR`");
  }
  const tables = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
  if (tables.rows[0]!.n > 0) {
    const where = redactUrl(url);
    throw new StoreToolError('conflict', `Cơ sở dữ liệu ${where} đã có ${tables.rows[0]!.n} bảng: khôi phục vào một cơ sở dữ liệu trống (createdb).`, `The database ${where} already has ${tables.rows[0]!.n} tables: restore into an empty database (createdb).`);
  }
  await tools.restore(plain);
  plain.fill(0);
  const centres = await centreIds(pool);
  const checked = [];
  for (const id of centres) checked.push({ id, chains: await verifyCentreChains(pool, id) });
  return { centres: checked };
}

/** The centres of the province database, in id order. */
async function centreIds(pool: pg.Pool): Promise<string[]> {
  return (await pool.query<{ id: string }>('SELECT id FROM centres ORDER BY id')).rows.map((r) => r.id);
}
