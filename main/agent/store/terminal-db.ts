import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate, type Migration } from '../../../core/store/migrate';
import { TERMINAL_MIGRATIONS } from './migrations';

/** The terminal's own database file under its data folder. */
export const TERMINAL_DB_FILE = 'terminal.sqlite';
/** What the counter's first releases called it (dossier outbox only); adopted at the next start. */
export const LEGACY_OUTBOX_FILE = 'dossier-outbox.sqlite';

/**
 * Opens (and creates) the terminal's SQLite file and brings its schema up to date with the
 * numbered migrations, so a terminal that holds undelivered work keeps it across an upgrade.
 * `migrations` is for the migration tests (a prefix of the real list).
 */
export function openTerminalDb(dataDir: string, migrations: readonly Migration<Database>[] = TERMINAL_MIGRATIONS): Database {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, TERMINAL_DB_FILE);
  adoptLegacyFile(dataDir, file);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    // An acknowledged ticket or dossier must survive a power cut of the terminal.
    db.pragma('synchronous = FULL');
    migrate(db, migrations, 'terminal');
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * A counter upgraded from the release without migrations has its outbox in the old file: it
 * becomes the terminal's file (WAL folded in first, so nothing written there is left behind).
 */
function adoptLegacyFile(dataDir: string, file: string): void {
  const legacy = path.join(dataDir, LEGACY_OUTBOX_FILE);
  if (existsSync(file) || !existsSync(legacy)) return;
  const old = new BetterSqlite3(legacy);
  old.pragma('wal_checkpoint(TRUNCATE)');
  old.pragma('journal_mode = DELETE');
  old.close();
  renameSync(legacy, file);
}
