import path from 'node:path';
import type { Command } from 'commander';
import { backupPassphrase } from '../../hub/backup/backup-key';
import { BackupError } from '../../hub/backup/backup-crypto';
import { restorePgBackup, takePgBackup } from '../../hub/backup/pg-backup';
import { verifyCentreChains } from '../../hub/store/pg/chain-verify';
import { connectStore } from '../../hub/store/pg/connect';
import { importCentre, type ImportReport } from '../../hub/store/pg/import/import-centre';
import { openSqliteSnapshot } from '../../hub/store/pg/import/sqlite-snapshot';
import { createPgPool } from '../../hub/store/pg/pool';
import { redactUrl, StoreToolError } from '../../hub/store/pg/tool-error';
import { loadProvinceConfig } from '../../kiosk-config/load-province';
import { pgClientTools } from './pg-client-tools';
import { registerProvinceAdminCommands } from './province-admin-command';
import { registerProvinceFrontCommand } from './province-front-command';
import { registerProvinceStatsCommand } from './province-stats-command';
import { cliActor, runStoreTool } from './store-tool';

interface ImportOptions {
  readonly from: string;
  readonly store: string;
  readonly centre: string;
  readonly province?: string;
  readonly files?: string;
}

/** The centre as the province config names it (so the import may create its row), or only its id. */
function centreOf(opts: ImportOptions): { id: string; name?: string } {
  if (!opts.province) return { id: opts.centre };
  const file = path.resolve(opts.province);
  const loaded = loadProvinceConfig(file);
  if (!loaded.ok) throw new StoreToolError(loaded.error.kind, `Cấu hình tỉnh không dùng được: ${loaded.error.message}`, `The province config cannot be used: ${loaded.error.message}`);
  const centre = loaded.value.centres.find((c) => c.id === opts.centre);
  if (!centre) {
    const known = loaded.value.centres.map((c) => c.id).join(', ');
    throw new StoreToolError('not-found', `Cấu hình tỉnh ${file} không có trung tâm "${opts.centre}" (có: ${known}).`, `The province config ${file} has no centre "${opts.centre}" (known: ${known}).`);
  }
  return { id: centre.id, name: centre.name };
}

function print(report: ImportReport, chains: { rows: number }): void {
  const width = Math.max(...Object.keys(report.rows).map((t) => t.length));
  const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
  console.log(`imported centre ${report.centreId}${report.createdCentre ? ' (created from the province config)' : ''}: ${total} rows, source sha256 ${report.sha256}, schema version ${report.sourceVersion}`);
  for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table.padEnd(width)}  ${n}`);
  if (report.files) {
    const f = report.files;
    console.log(`dossier files from ${f.dir}: ${f.scans} scans, ${f.results} result files, ${f.bytes} bytes into dossier_blobs`);
    for (const m of f.missing) console.log(`  missing or changed, not imported: ${m}`);
  }
  console.log(`next event seq ${report.lastEventSeq + 1}; audit log entry ${report.auditId} (province.import)`);
  console.log(`hash chains: ok, ${chains.rows} rows`);
}

/** `motcua province import --from hub.sqlite --store postgres://… --centre ID [--province province.json]`. */
async function runImport(opts: ImportOptions): Promise<void> {
  const centre = centreOf(opts);
  const snapshot = openSqliteSnapshot(opts.from);
  try {
    const client = await connectStore(opts.store, 'motcua-province-import');
    try {
      const filesDir = path.resolve(opts.files ?? path.join(path.dirname(opts.from), 'dossier-files'));
      const report = await importCentre(client, snapshot, { centre, importedBy: cliActor(), now: new Date(), filesDir });
      const chains = await verifyCentreChains(client, report.centreId);
      if (!chains.ok) {
        const b = chains.broken;
        throw new StoreToolError('internal', `Đã nhập, nhưng chuỗi băm trong cơ sở dữ liệu tỉnh không khớp (bảng ${b.table}, dòng ${b.rowId}): ${b.problem}`, `Imported, but the hash chains in the province database do not verify (table ${b.table}, row ${b.rowId}): ${b.problem}`);
      }
      print(report, chains);
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    snapshot.close();
  }
}

interface BackupOptions {
  readonly store: string;
  readonly keyFile?: string;
}

/** The backup passphrase as `motcua backup` takes it (MOTCUA_BACKUP_KEY, else --key-file); a refusal is typed. */
function passphraseOf(opts: BackupOptions): string {
  try {
    return backupPassphrase(process.env, opts.keyFile ? path.resolve(opts.keyFile) : undefined);
  } catch (e) {
    throw new StoreToolError('invalid-input', `Không có khoá sao lưu: ${(e as Error).message}`, `No backup key: ${(e as Error).message}`);
  }
}

/** A pool on the store after connectStore's typed refusals (unreachable, unknown database, login). */
async function withStorePool<T>(url: string, app: string, fn: (pool: ReturnType<typeof createPgPool>) => Promise<T>): Promise<T> {
  await (await connectStore(url, app)).end();
  const pool = createPgPool(url, { max: 2, applicationName: app });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** `motcua province backup --store postgres://… --out FILE [--key-file F]`. */
async function runProvinceBackup(opts: BackupOptions & { out: string }): Promise<void> {
  const key = passphraseOf(opts);
  const r = await withStorePool(opts.store, 'motcua-province-backup', (pool) => takePgBackup(pool, pgClientTools(opts.store), opts.out, key, { actor: cliActor(), clock: () => new Date() }));
  console.log(`backup written: ${r.file} (${r.bytes} bytes, sha256 ${r.sha256}), ${r.centres.length} centres: ${r.centres.join(', ')}`);
}

/** `motcua province restore FILE --store postgres://…/empty-db [--key-file F]`. */
async function runProvinceRestore(file: string, opts: BackupOptions): Promise<void> {
  const key = passphraseOf(opts);
  let r;
  try {
    r = await withStorePool(opts.store, 'motcua-province-restore', (pool) => restorePgBackup(pool, opts.store, pgClientTools(opts.store), file, key));
  } catch (e) {
    if (e instanceof BackupError) throw new StoreToolError('invalid-input', `Không khôi phục: ${e.message}`, `restore refused: ${e.message}`);
    throw e;
  }
  console.log(`restored into ${redactUrl(opts.store)}: ${r.centres.length} centres`);
  for (const c of r.centres) {
    if (c.chains.ok) console.log(`  ${c.id}: hash chains ok, ${c.chains.rows} rows`);
    else {
      console.error(`  ${c.id}: hash chains broken at table ${c.chains.broken.table}, row ${c.chains.broken.rowId}: ${c.chains.broken.problem}`);
      process.exitCode = 1;
    }
  }
}

export function registerProvinceCommands(program: Command): void {
  const province = program.command('province').description('province mode: many centres in one PostgreSQL database');
  province
    .command('import')
    .description("move one centre's SQLite file into the province database, exactly once, in one transaction (stop the centre's hub first)")
    .requiredOption('--from <file>', "the centre's hub.sqlite (read only: a copy is migrated if it is older)")
    .requiredOption('--store <url>', 'the province database, postgres://user@host/db (migrated: motcua migrate --store …)')
    .requiredOption('--centre <id>', "the centre's id in the province")
    .option('--province <file>', 'the province config: the centre must be in it, and is created in the database if absent')
    .option('--files <dir>', "the centre's dossier files (scans, results), carried into the database (default: dossier-files beside --from)")
    .action((opts: ImportOptions) => runStoreTool(() => runImport(opts)));
  province
    .command('backup')
    .description("an encrypted backup of the province database (pg_dump's custom format, sealed with the backup key as a centre's backup is); recorded on every centre's audit log")
    .requiredOption('--store <url>', 'the province database, postgres://user@host/db')
    .requiredOption('-o, --out <file>', 'the backup file to write')
    .option('--key-file <file>', 'a file whose first line is the backup passphrase (default: the MOTCUA_BACKUP_KEY environment variable)')
    .action((opts: BackupOptions & { out: string }) => runStoreTool(() => runProvinceBackup(opts)));
  province
    .command('restore <file>')
    .description('restore an encrypted province backup into an empty database (createdb first), then walk every centre\'s hash chains')
    .requiredOption('--store <url>', 'the empty database to restore into, postgres://user@host/db')
    .option('--key-file <file>', 'a file whose first line is the backup passphrase (default: the MOTCUA_BACKUP_KEY environment variable)')
    .action((file: string, opts: BackupOptions) => runStoreTool(() => runProvinceRestore(file, opts)));
  registerProvinceStatsCommand(province);
  registerProvinceAdminCommands(province);
  registerProvinceFrontCommand(province);
}
