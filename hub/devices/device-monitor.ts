import type { Database, Statement } from 'better-sqlite3';
import type { DeviceInfo, DeviceStatus, PrinterHealth, SerialDeviceStatus } from '../../core/devices';
import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { CommandContext } from '../commands/command-runner';

interface HealthRow {
  device_id: string;
  printer_id: string;
  printer_health: PrinterHealth;
  detail: string;
  reported_at: string;
}

/**
 * What the admin sees of the floor's devices: who is connected (counted per socket, a device
 * may hold more than one), when each was last seen, and the printer health each terminal reports.
 */
export class DeviceMonitor {
  private readonly connections = new Map<string, number>();
  private readonly lastSeen = new Map<string, string>();
  /** Serial devices are live state, re-reported by the terminal on every reconnect: kept in memory. */
  private readonly serial = new Map<string, (SerialDeviceStatus & { reportedAt: string })[]>();
  private readonly listeners = new Set<(devices: DeviceStatus[]) => void>();
  private readonly upsert: Statement;
  private readonly all: Statement;

  constructor(
    db: Database,
    private readonly devices: readonly DeviceInfo[],
    private readonly clock: () => Date,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO device_health (device_id, printer_id, printer_health, detail, reported_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET printer_id = excluded.printer_id, printer_health = excluded.printer_health,
         detail = excluded.detail, reported_at = excluded.reported_at`,
    );
    this.all = db.prepare('SELECT * FROM device_health');
  }

  onChange(listener: (devices: DeviceStatus[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connected(deviceId: string): void {
    this.connections.set(deviceId, (this.connections.get(deviceId) ?? 0) + 1);
    this.seen(deviceId);
  }

  disconnected(deviceId: string): void {
    const n = (this.connections.get(deviceId) ?? 1) - 1;
    if (n > 0) this.connections.set(deviceId, n);
    else this.connections.delete(deviceId);
    this.seen(deviceId);
  }

  connectedCount(): number {
    return [...this.connections.values()].reduce((a, b) => a + b, 0);
  }

  /** The handler of `device:report-printer`; runs inside the command's transaction. */
  reportPrinter(ctx: CommandContext, input: CommandInput<'device:report-printer'>): CommandOutput<'device:report-printer'> {
    const printer = ctx.device.printer;
    if (!printer) ctx.fail('conflict', `Thiết bị "${ctx.device.id}" không được gán máy in nào.`);
    const at = ctx.now.toISOString();
    this.upsert.run(ctx.device.id, printer.id, input.health, input.detail, at);
    ctx.afterCommit(() => this.notify());
    return { reportedAt: at };
  }

  /** The handler of `device:report-serial`. */
  reportSerial(ctx: CommandContext, input: CommandInput<'device:report-serial'>): CommandOutput<'device:report-serial'> {
    const at = ctx.now.toISOString();
    const devices = input.devices.map((d) => ({ ...d, reportedAt: at }));
    ctx.afterCommit(() => {
      this.serial.set(ctx.device.id, devices);
      this.notify();
    });
    return { reportedAt: at };
  }

  statuses(): DeviceStatus[] {
    const health = new Map((this.all.all() as HealthRow[]).map((r) => [r.device_id, r]));
    return this.devices.map((d) => {
      const h = health.get(d.id);
      return {
        id: d.id,
        name: d.name,
        role: d.role,
        connected: (this.connections.get(d.id) ?? 0) > 0,
        lastSeenAt: this.lastSeen.get(d.id) ?? null,
        printer: h ? { id: h.printer_id, health: h.printer_health, detail: h.detail, reportedAt: h.reported_at } : null,
        ...(this.serial.has(d.id) ? { serial: this.serial.get(d.id) } : {}),
      };
    });
  }

  private seen(deviceId: string): void {
    this.lastSeen.set(deviceId, this.clock().toISOString());
    this.notify();
  }

  private notify(): void {
    if (this.listeners.size === 0) return;
    const statuses = this.statuses();
    for (const l of this.listeners) l(statuses);
  }
}
