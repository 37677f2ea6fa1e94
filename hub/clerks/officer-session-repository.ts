import type { Database, Statement } from 'better-sqlite3';

/** Who is signed in at which back-office device (officer_sessions, migration 0009). */
export class OfficerSessionRepository {
  private readonly atStmt: Statement<[string], { officer_id: string }>;
  private readonly elsewhereStmt: Statement<[string, string], { device_id: string }>;
  private readonly removeStmt: Statement<[string]>;
  private readonly upsertStmt: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.atStmt = db.prepare(`SELECT officer_id FROM officer_sessions WHERE device_id = ?`);
    this.elsewhereStmt = db.prepare(`SELECT device_id FROM officer_sessions WHERE officer_id = ? AND device_id != ?`);
    this.removeStmt = db.prepare(`DELETE FROM officer_sessions WHERE device_id = ?`);
    this.upsertStmt = db.prepare(
      `INSERT INTO officer_sessions (device_id, officer_id, signed_in_at) VALUES (?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET officer_id = excluded.officer_id, signed_in_at = excluded.signed_in_at`,
    );
  }

  /** The officer id signed in at a device, or null. */
  officerAt(deviceId: string): string | null {
    return this.atStmt.get(deviceId)?.officer_id ?? null;
  }

  /** The other devices an officer is signed in at. */
  devicesOf(officerId: string, exceptDeviceId: string): string[] {
    return this.elsewhereStmt.all(officerId, exceptDeviceId).map((r) => r.device_id);
  }

  /** Signs the device's officer out; true when someone was signed in. */
  remove(deviceId: string): boolean {
    return this.removeStmt.run(deviceId).changes > 0;
  }

  put(deviceId: string, officerId: string, at: string): void {
    this.upsertStmt.run(deviceId, officerId, at);
  }
}
