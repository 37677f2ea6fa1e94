import type { DeviceInfo, DeviceStatus, SerialDeviceStatus } from '../../core/devices';
import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { CommandContext } from '../commands/command-runner';
import type { Async } from '../store/async-of';
import type { DeviceHealthRepository } from './device-health-repository';

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

  constructor(
    private readonly health: Async<DeviceHealthRepository>,
    private readonly devices: readonly DeviceInfo[],
    private readonly clock: () => Date,
  ) {}

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
  async reportPrinter(ctx: CommandContext, input: CommandInput<'device:report-printer'>): Promise<CommandOutput<'device:report-printer'>> {
    const printer = ctx.device.printer;
    if (!printer) ctx.fail('conflict', `Thiết bị "${ctx.device.id}" không được gán máy in nào.`);
    const at = ctx.now.toISOString();
    await this.health.put({ deviceId: ctx.device.id, printerId: printer.id, health: input.health, detail: input.detail, reportedAt: at });
    ctx.afterCommit(() => this.notify());
    return { reportedAt: at };
  }

  /** The handler of `device:report-serial`. */
  async reportSerial(ctx: CommandContext, input: CommandInput<'device:report-serial'>): Promise<CommandOutput<'device:report-serial'>> {
    const at = ctx.now.toISOString();
    const devices = input.devices.map((d) => ({ ...d, reportedAt: at }));
    ctx.afterCommit(() => {
      this.serial.set(ctx.device.id, devices);
      this.notify();
    });
    return { reportedAt: at };
  }

  async statuses(): Promise<DeviceStatus[]> {
    const health = new Map((await this.health.all()).map((r) => [r.deviceId, r]));
    return this.devices.map((d) => {
      const h = health.get(d.id);
      return {
        id: d.id,
        name: d.name,
        role: d.role,
        connected: (this.connections.get(d.id) ?? 0) > 0,
        lastSeenAt: this.lastSeen.get(d.id) ?? null,
        printer: h ? { id: h.printerId, health: h.health, detail: h.detail, reportedAt: h.reportedAt } : null,
        ...(this.serial.has(d.id) ? { serial: this.serial.get(d.id) } : {}),
      };
    });
  }

  private seen(deviceId: string): void {
    this.lastSeen.set(deviceId, this.clock().toISOString());
    this.notify();
  }

  /** The hub is closing: no more device lists (they would read a database about to close). */
  close(): void {
    this.listeners.clear();
  }

  private notify(): void {
    if (this.listeners.size === 0) return;
    this.statuses().then(
      (statuses) => {
        for (const l of this.listeners) l(statuses);
      },
      (e: unknown) => console.error(`motcua hub: device list not sent: ${(e as Error).message}`),
    );
  }
}
