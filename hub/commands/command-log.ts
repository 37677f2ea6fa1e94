import type { Database, Statement } from 'better-sqlite3';

/** Successful commands by their client-generated id, so a replay returns the first answer. */
export class CommandLog {
  private readonly findStmt: Statement;
  private readonly recordStmt: Statement;

  constructor(db: Database) {
    this.findStmt = db.prepare('SELECT device_id, name, result_json FROM commands WHERE command_id = ?');
    this.recordStmt = db.prepare('INSERT INTO commands (command_id, device_id, name, result_json, at) VALUES (?, ?, ?, ?, ?)');
  }

  find(commandId: string): { deviceId: string; name: string; resultJson: string } | null {
    const row = this.findStmt.get(commandId) as { device_id: string; name: string; result_json: string } | undefined;
    return row ? { deviceId: row.device_id, name: row.name, resultJson: row.result_json } : null;
  }

  record(commandId: string, deviceId: string, name: string, resultJson: string, at: string): void {
    this.recordStmt.run(commandId, deviceId, name, resultJson, at);
  }
}
