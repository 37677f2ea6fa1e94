import { randomUUID } from 'node:crypto';
import type { PrinterHealth, PrinterProfile } from '../../core/devices';
import { err, type AppError, type Result } from '../../core/result';
import type { PrintDocument } from '../../hardware/printer/print-document';
import { createTicketPrinter, type PrinterStatus, type TicketPrintData, type TicketPrinter } from '../../hardware/printer/ticket-printer';
import type { ContextPiece, DeskHub } from './desk';
import type { HubClientState } from './hub-client';

export interface PrinterSupervisorOptions {
  readonly hub: Pick<DeskHub, 'command'>;
  /** Overrides the interface of the profile the hub assigns (a local test printer, a USB port). */
  readonly printerInterface?: string;
  /** Injected for tests; by default a printer is made from the profile the hub assigns. */
  readonly createPrinter?: (profile: PrinterProfile) => TicketPrinter;
  /** How often to ask the printer how it is between prints (default 30 s). */
  readonly pollMs?: number;
  /** Called when the health the screen shows changed. */
  readonly onChange: () => void;
}

interface AssignedPrinter {
  readonly profile: PrinterProfile;
  readonly driver: TicketPrinter;
  health: PrinterHealth;
  detail: string;
  /** Whether the hub has heard the current health (a change seen while it was away is told on reconnect). */
  reported: boolean;
}

/**
 * The terminal's printer: made from the profile the hub assigns, asked how it is now and then
 * (so paper running out shows on the admin page before a citizen meets it), and every print's
 * outcome kept as its health; each change is shown on the terminal and told to the hub
 * (`device:report-printer`).
 */
export class PrinterSupervisor {
  private printer: AssignedPrinter | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: PrinterSupervisorOptions) {}

  /** Follows the hub link: (re)makes the driver when the assigned profile changes; tells a health the hub missed. */
  follow(s: HubClientState): void {
    this.syncPrinter(s);
    if (s.connected && this.printer && !this.printer.reported && this.printer.health !== 'unknown') void this.report();
  }

  context(): ContextPiece<'printer'> {
    const p = this.printer;
    return { printer: p ? { id: p.profile.id, health: p.health, detail: p.detail } : null };
  }

  /** A queue ticket on the kiosk's printer, with the printer's health shown and told. */
  async printTicket(data: TicketPrintData): Promise<{ ok: true } | { ok: false; error: AppError }> {
    if (!this.printer) return { ok: false, error: { kind: 'printer-offline', message: 'Kiosk này chưa được gán máy in.' } };
    const printed = await this.printer.driver.print(data);
    if (printed.ok) {
      this.setHealth(healthOfStatus(printed.value.status), printed.value.status === 'paper-near-end' ? 'In vé thành công — giấy sắp hết' : 'In vé thành công');
      return { ok: true };
    }
    this.setHealth(healthOf(printed.error), printed.error.message);
    return { ok: false, error: printed.error };
  }

  /** Prints a counter's form, or null while the hub has assigned this terminal no printer. */
  documentPrinter(): ((doc: PrintDocument) => Promise<Result<unknown>>) | null {
    return this.printer ? (doc) => this.printDocument(doc) : null;
  }

  /** Stops asking the printer (first thing when the agent closes). */
  stop(): void {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  async close(): Promise<void> {
    this.stop();
    await this.printer?.driver.close();
  }

  /** A counter's form on its printer, with the printer's health shown and told like a ticket's. */
  private async printDocument(doc: PrintDocument): Promise<Result<unknown>> {
    const driver = this.printer?.driver;
    if (!driver) return err('printer-offline', 'Quầy này chưa được gán máy in.');
    const printed = await driver.printDocument(doc);
    if (printed.ok) this.setHealth(healthOfStatus(printed.value.status), printed.value.status === 'paper-near-end' ? 'In thành công — giấy sắp hết' : 'In thành công');
    else this.setHealth(healthOf(printed.error), printed.error.message);
    return printed;
  }

  private syncPrinter(s: HubClientState): void {
    const assigned = s.hello?.device.printer ?? null;
    if (!assigned) return;
    const profile = this.options.printerInterface ? { ...assigned, interface: this.options.printerInterface } : assigned;
    if (this.printer && JSON.stringify(this.printer.profile) === JSON.stringify(profile)) return;
    void this.printer?.driver.close();
    const driver = (this.options.createPrinter ?? createTicketPrinter)(profile);
    this.printer = { profile, driver, health: 'unknown', detail: 'Chưa in lần nào', reported: false };
    this.startPolling();
  }

  private startPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    const poll = async () => {
      const printer = this.printer;
      if (!printer) return;
      const status = await printer.driver.status();
      // An answer that comes after the agent began closing changes nothing (the desks are going away).
      if (this.printer !== printer || this.stopped) return;
      if (status.ok) this.setHealth(healthOfStatus(status.value), status.value === 'paper-near-end' ? 'Giấy sắp hết' : 'Sẵn sàng');
      else this.setHealth(healthOf(status.error), status.error.message);
    };
    void poll();
    this.pollTimer = setInterval(() => void poll(), this.options.pollMs ?? 30_000);
    this.pollTimer.unref();
  }

  /** Shows the health on the terminal and tells the hub, so the admin sees it (only on a change). */
  private setHealth(health: PrinterHealth, detail: string): void {
    if (!this.printer || (this.printer.health === health && this.printer.detail === detail)) return;
    this.printer.health = health;
    this.printer.detail = detail;
    this.printer.reported = false;
    this.options.onChange();
    void this.report();
  }

  private async report(): Promise<void> {
    const printer = this.printer;
    if (!printer) return;
    const { health, detail } = printer;
    // One sending: a report the hub missed is sent again on reconnect (see follow).
    const r = await this.options.hub.command('device:report-printer', { commandId: randomUUID(), health, detail: detail.slice(0, 300) }, { patienceMs: 0 });
    if (r.ok && printer.health === health && printer.detail === detail) printer.reported = true;
  }
}

function healthOf(error: AppError): PrinterHealth {
  switch (error.kind) {
    case 'paper-out':
      return 'paper-out';
    case 'cover-open':
      return 'cover-open';
    default:
      return 'offline';
  }
}

function healthOfStatus(status: PrinterStatus): PrinterHealth {
  return status === 'paper-near-end' ? 'paper-near-end' : 'ok';
}
