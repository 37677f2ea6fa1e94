import type { PrinterHealth } from '../../../core/devices';
import type { PrinterHealthRecord } from '../../devices/device-health-repository';
import type { PgSql } from './pg-store';

interface HealthRow {
  device_id: string;
  printer_id: string;
  printer_health: PrinterHealth;
  detail: string;
  reported_at: string;
}

/**
 * The PostgreSQL twin of hub/devices/device-health-repository.ts, for one centre: all() lists the
 * centre's terminals only. device_health is keyed by device id (unique across the province); a
 * report carries the centre it came through, so a terminal moved to another centre is listed
 * there from its first report on.
 */
export class PgDeviceHealthRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async put(r: PrinterHealthRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO device_health (device_id, centre_id, printer_id, printer_health, detail, reported_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (device_id) DO UPDATE SET centre_id = excluded.centre_id, printer_id = excluded.printer_id,
         printer_health = excluded.printer_health, detail = excluded.detail, reported_at = excluded.reported_at`,
      [r.deviceId, this.centreId, r.printerId, r.health, r.detail, r.reportedAt],
    );
  }

  async all(): Promise<PrinterHealthRecord[]> {
    const rows = await this.sql.rows<HealthRow>(
      'SELECT device_id, printer_id, printer_health, detail, reported_at FROM device_health WHERE centre_id = $1 ORDER BY device_id',
      [this.centreId],
    );
    return rows.map((r) => ({ deviceId: r.device_id, printerId: r.printer_id, health: r.printer_health, detail: r.detail, reportedAt: r.reported_at }));
  }
}
