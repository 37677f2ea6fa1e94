import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AuditLog } from '../audit/audit-log';
import { verifyAllChains, type ChainReport } from '../audit/chain-verifier';
import { decryptBackup, encryptBackup, type KdfCost } from './backup-crypto';

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  /** SHA-256 of the encrypted file, as recorded in the audit log. */
  readonly sha256: string;
  readonly pages: number;
}

/**
 * SQLite's online backup of `db` into an encrypted file. The copy is one consistent snapshot
 * even while the hub writes (WAL): the whole database is copied in a single backup step, under one
 * read transaction. The plain copy lives only in a private temp dir beside the output, removed before returning.
 */
export async function takeBackup(db: Database, outFile: string, passphrase: string, kdf?: KdfCost): Promise<BackupResult> {
  const out = path.resolve(outFile);
  mkdirSync(path.dirname(out), { recursive: true });
  // Beside the output (same disk, same permissions the operator chose for backups), private (0700).
  const tmp = mkdtempSync(path.join(path.dirname(out), '.motcua-backup-'));
  try {
    const plainFile = path.join(tmp, 'hub.sqlite');
    // 0x7fffffff pages per step: all of it at once, so no writer can make the copy restart halfway.
    const { totalPages } = await db.backup(plainFile, { progress: () => 0x7fffffff });
    const sealed = encryptBackup(readFileSync(plainFile), passphrase, kdf);
    const partial = `${out}.partial`;
    writeFileSync(partial, sealed, { mode: 0o600 });
    renameSync(partial, out);
    return { file: out, bytes: sealed.length, sha256: createHash('sha256').update(sealed).digest('hex'), pages: totalPages };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface RestoreResult {
  readonly dbFile: string;
  /** The restored copy's hash chains, after its restore was recorded. */
  readonly chains: ChainReport;
}

/**
 * Decrypts a backup into `<dir>/hub.sqlite` (refusing a wrong key or a changed file before
 * anything is written), checks SQLite's integrity, and records the restore in the copy's audit log.
 * Never overwrites: a hub database already in `dir` is a refusal.
 */
export function restoreBackup(backupFile: string, dir: string, passphrase: string, o: { readonly actor: string; readonly clock: () => Date }): RestoreResult {
  const sealed = readFileSync(backupFile);
  const plain = decryptBackup(sealed, passphrase);
  const dbFile = path.join(path.resolve(dir), 'hub.sqlite');
  if (existsSync(dbFile)) throw new Error(`${dbFile} already exists: restore into an empty folder, the running centre's database is never overwritten`);
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const partial = `${dbFile}.partial`;
  writeFileSync(partial, plain, { mode: 0o600 });
  const db = new BetterSqlite3(partial);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the restored database fails SQLite's integrity check: ${String(integrity)}`);
    new AuditLog(db, o.clock).record({
      actor: o.actor,
      action: 'backup.restore',
      subject: path.basename(backupFile),
      detail: { sha256: createHash('sha256').update(sealed).digest('hex'), bytes: sealed.length },
    });
    const chains = verifyAllChains(db);
    db.close();
    renameSync(partial, dbFile);
    return { dbFile, chains };
  } catch (e) {
    if (db.open) db.close();
    rmSync(partial, { force: true });
    throw e;
  }
}
