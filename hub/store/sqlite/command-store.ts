import type { Database } from 'better-sqlite3';
import { CommandLog } from '../../commands/command-log';
import type { CommandRunnerStore } from '../../commands/command-runner';
import { asyncOf } from '../async-of';
import { SqliteStore } from './sqlite-store';

/** The command runner's store on the embedded database: its transactions and its command log. */
export function sqliteCommandStore(db: Database, store: SqliteStore = new SqliteStore(db)): CommandRunnerStore {
  return { store, log: asyncOf(new CommandLog(db)) };
}
