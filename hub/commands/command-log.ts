import type { Database, Statement } from 'better-sqlite3';

export interface LoggedAnswer {
  readonly deviceId: string;
  readonly name: string;
  readonly resultJson: string;
}

/** Rows deleted per statement when pruning, so a long backlog never holds the writer for long. */
const PRUNE_BATCH = 5_000;

/**
 * The first answer of each write command by its client-generated id (refusals included, ok = 0),
 * so a replay returns it. Reads are never logged. Entries older than the retention are pruned.
 */
export class CommandLog {
  private readonly findStmt: Statement;
  private readonly recordStmt: Statement;
  private readonly pruneStmt: Statement;

  constructor(db: Database) {
    this.findStmt = db.prepare('SELECT device_id, name, result_json FROM commands WHERE command_id = ?');
    this.recordStmt = db.prepare('INSERT INTO commands (command_id, device_id, name, result_json, at, ok) VALUES (?, ?, ?, ?, ?, ?)');
    this.pruneStmt = db.prepare(`DELETE FROM commands WHERE rowid IN (SELECT rowid FROM commands WHERE at < ? LIMIT ${PRUNE_BATCH})`);
  }

  find(commandId: string): LoggedAnswer | null {
    const row = this.findStmt.get(commandId) as { device_id: string; name: string; result_json: string } | undefined;
    return row ? { deviceId: row.device_id, name: row.name, resultJson: row.result_json } : null;
  }

  record(commandId: string, deviceId: string, name: string, resultJson: string, at: string, ok: boolean): void {
    this.recordStmt.run(commandId, deviceId, name, resultJson, at, ok ? 1 : 0);
  }

  /** Deletes the entries logged before `before` (ISO instant); returns how many. */
  prune(before: string): number {
    let total = 0;
    for (;;) {
      const { changes } = this.pruneStmt.run(before);
      total += changes;
      if (changes < PRUNE_BATCH) return total;
    }
  }
}
