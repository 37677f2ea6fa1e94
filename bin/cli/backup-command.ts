import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Command } from 'commander';
import { AuditLog } from '../../hub/audit/audit-log';
import { restoreBackup, takeBackup } from '../../hub/backup/backup';
import { BackupError } from '../../hub/backup/backup-crypto';
import { backupPassphrase } from '../../hub/backup/backup-key';
import { mustLoadCentre } from './centre-runtime';
import { hubDatabaseFile } from './data-dir';

interface KeyOptions {
  readonly config: string;
  readonly keyFile?: string;
}

const actor = () => `cli:${os.userInfo().username}`;
const clock = () => new Date();

function passphrase(opts: KeyOptions): string {
  if (opts.keyFile) return backupPassphrase({}, path.resolve(opts.keyFile));
  let keyFile: string | undefined;
  try {
    keyFile = mustLoadCentre(opts.config).hub.backup?.keyFile;
  } catch {
    keyFile = undefined; // no readable config: the environment must hold the key
  }
  return backupPassphrase(process.env, keyFile);
}

/**
 * `motcua backup --out FILE`. The CLI copies the database itself rather than asking the hub: it
 * works the same whether the hub runs or not, needs no admin endpoint or credential on the
 * network, and SQLite's online backup from a read-only connection is a consistent snapshot beside
 * a writing hub (WAL). Only the audit row is written, in one short IMMEDIATE transaction.
 */
export async function runBackup(opts: KeyOptions & { out: string; dataDir?: string }): Promise<void> {
  const key = passphrase(opts);
  const file = hubDatabaseFile(opts);
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  let result;
  try {
    result = await takeBackup(source, path.resolve(opts.out), key);
  } finally {
    source.close();
  }
  const live = new BetterSqlite3(file, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    new AuditLog(live, clock).record({ actor: actor(), action: 'backup.create', subject: path.basename(result.file), detail: { bytes: result.bytes, sha256: result.sha256, pages: result.pages } });
  } finally {
    live.close();
  }
  console.log(`backup written: ${result.file} (${result.bytes} bytes, sha256 ${result.sha256})`);
}

/** `motcua restore FILE --to DIR`: decrypt, check, record; a wrong key or a changed file is refused before anything is written. */
export function runRestore(file: string, opts: KeyOptions & { to: string }): void {
  try {
    const r = restoreBackup(path.resolve(file), opts.to, passphrase(opts), { actor: actor(), clock });
    console.log(`restored: ${r.dbFile}`);
    if (r.chains.ok) {
      console.log(`audit chains: ok, ${r.chains.rows} rows`);
    } else {
      console.error(`audit chains: broken at table ${r.chains.broken.table}, row ${r.chains.broken.rowId}: ${r.chains.broken.problem}`);
      process.exitCode = 1;
    }
  } catch (e) {
    if (e instanceof BackupError) throw new Error(`restore refused: ${e.message}`);
    throw e;
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('take an encrypted online backup of the hub database (safe while the hub runs)')
    .requiredOption('-o, --out <file>', 'the backup file to write')
    .option('-c, --config <file>', 'centre config (JSON), for hub.dataDir and hub.backup.keyFile', 'kiosk-config/demo-centre.json')
    .option('--data-dir <dir>', 'the folder holding hub.sqlite (default: from the config)')
    .option('--key-file <file>', 'file whose first line is the passphrase (default: $MOTCUA_BACKUP_KEY, then hub.backup.keyFile)')
    .action(runBackup);

  program
    .command('restore')
    .description('decrypt a backup into a new data folder; refuses a wrong key or a changed file')
    .argument('<file>', 'the backup file')
    .requiredOption('--to <dir>', 'an empty folder for the restored hub.sqlite')
    .option('-c, --config <file>', 'centre config (JSON), for hub.backup.keyFile', 'kiosk-config/demo-centre.json')
    .option('--key-file <file>', 'file whose first line is the passphrase (default: $MOTCUA_BACKUP_KEY, then hub.backup.keyFile)')
    .action(runRestore);
}
