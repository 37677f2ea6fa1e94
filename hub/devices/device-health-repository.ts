import type { Database, Statement } from 'better-sqlite3';
import type { PrinterHealth } from '../../core/devices';

export interface PrinterHealthRecord {
  readonly deviceId: string;
  readonly printerId: string;
  readonly health: PrinterHealth;
  readonly detail: string;
  readonly reportedAt: string;
}

interface HealthRow {
  device_id: string;
  printer_id: string;
  printer_health: PrinterHealth;
  detail: string;
  reported_at: string;
}

/** The printer health each terminal last reported (device_health, migration 0002). */
export class DeviceHealthRepository {
  private readonly upsert: Statement<[string, string, string, string, string]>;
  private readonly allStmt: Statement<[], HealthRow>;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO device_health (device_id, printer_id, printer_health, detail, reported_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET printer_id = excluded.printer_id, printer_health = excluded.printer_health,
         detail = excluded.detail, reported_at = excluded.reported_at`,
    );
    this.allStmt = db.prepare('SELECT * FROM device_health');
  }

  put(r: PrinterHealthRecord): void {
    this.upsert.run(r.deviceId, r.printerId, r.health, r.detail, r.reportedAt);
  }

  all(): PrinterHealthRecord[] {
    return this.allStmt.all().map((r) => ({ deviceId: r.device_id, printerId: r.printer_id, health: r.printer_health, detail: r.detail, reportedAt: r.reported_at }));
  }
}
