import { randomUUID } from 'node:crypto';
import type { PrinterProfile } from '../../core/devices';
import type { BridgeHandlers, PrinterHealth, TakeTicketOutput, TerminalContext } from '../../core/protocol/bridge';
import { err, ok, type Result } from '../../core/result';
import type { TicketPrinter } from '../../hardware/printer/ticket-printer';
import { createNetworkTicketPrinter } from '../../hardware/printer/ticket-printer';
import { HubClient, type HubClientState } from './hub-client';

export interface TerminalAgentOptions {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly token: string;
  readonly dataDir: string;
  readonly printerInterface?: string;
  /** Injected for tests; by default a network printer is made from the profile the hub assigns. */
  readonly createPrinter?: (profile: PrinterProfile) => TicketPrinter;
}

/**
 * The terminal's main-process services without Electron: the hub link, the printer, and the
 * bridge handlers the renderer calls. The Electron shell and the headless HTTP bridge both sit on this.
 */
export class TerminalAgent {
  private readonly hub: HubClient;
  private readonly listeners = new Set<(c: TerminalContext) => void>();
  private printer: { readonly profile: PrinterProfile; readonly driver: TicketPrinter; health: PrinterHealth } | null = null;
  private started = false;
  readonly handlers: BridgeHandlers;

  constructor(private readonly options: TerminalAgentOptions) {
    this.hub = new HubClient({ hubUrl: options.hubUrl, deviceId: options.deviceId, token: options.token });
    this.handlers = {
      'context:get': async () => ok(this.context()),
      'kiosk:take-ticket': (input) => this.takeTicket(input.serviceId),
      'counter:call-next': async () => {
        const counterId = this.hub.current().hello?.device.counterId;
        if (!counterId) return err('forbidden', 'Máy này không được gán cho quầy nào.');
        return this.hub.command('counter:call-next', { commandId: randomUUID(), counterId });
      },
      'counter:start': (input) => this.hub.command('ticket:start', { commandId: randomUUID(), ticketId: input.ticketId }),
      'counter:complete': (input) => this.hub.command('ticket:complete', { commandId: randomUUID(), ticketId: input.ticketId }),
      'counter:no-show': (input) => this.hub.command('ticket:no-show', { commandId: randomUUID(), ticketId: input.ticketId }),
    };
    this.hub.onChange((s) => {
      this.syncPrinter(s);
      this.emit();
    });
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('TerminalAgent.start() called twice');
    this.started = true;
    this.hub.start();
  }

  async close(): Promise<void> {
    await this.hub.close();
    await this.printer?.driver.close?.();
    this.listeners.clear();
  }

  context(): TerminalContext {
    const s = this.hub.current();
    return {
      device: s.hello?.device ?? null,
      centre: s.hello?.centre ?? null,
      services: s.hello?.services ?? [],
      counters: s.hello?.counters ?? [],
      snapshot: s.snapshot,
      hubConnected: s.connected,
      hubProblem: s.problem,
      printer: this.printer ? { id: this.printer.profile.id, health: this.printer.health } : null,
    };
  }

  onContext(listener: (c: TerminalContext) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async takeTicket(serviceId: string): Promise<Result<TakeTicketOutput>> {
    const hello = this.hub.current().hello;
    if (hello && hello.device.role !== 'kiosk') return err('forbidden', 'Chỉ kiosk mới lấy số.');
    const issued = await this.hub.command('ticket:issue', { commandId: randomUUID(), serviceId });
    if (!issued.ok) return issued;
    const { ticket, waitingAhead } = issued.value;
    const service = hello?.services.find((s) => s.id === ticket.serviceId);
    const serviceName = service?.name ?? ticket.serviceId;
    if (!this.printer) {
      return ok({ ticket, serviceName, waitingAhead, printed: { ok: false, error: { kind: 'printer-offline', message: 'Kiosk này chưa được gán máy in.' } } });
    }
    const counters = hello?.counters.filter((c) => c.serviceIds.includes(ticket.serviceId)).map((c) => c.label) ?? [];
    const printed = await this.printer.driver.print({
      centreName: hello?.centre.name ?? '',
      serviceName,
      number: ticket.number,
      waitingAhead,
      issuedAt: new Date(ticket.issuedAt),
      timeZone: hello?.centre.timeZone ?? 'Asia/Ho_Chi_Minh',
      counterHint: counters.length ? counters.join(', ') : undefined,
      qrContent: `MOTCUA:VE:${ticket.day}:${ticket.serviceId}:${ticket.number}`,
    });
    this.setPrinterHealth(printed.ok ? 'ok' : 'offline');
    return ok({ ticket, serviceName, waitingAhead, printed: printed.ok ? { ok: true } : { ok: false, error: printed.error } });
  }

  /** (Re)creates the printer driver when the hub assigns or changes this device's printer profile. */
  private syncPrinter(s: HubClientState): void {
    const assigned = s.hello?.device.printer ?? null;
    if (!assigned) return;
    const profile = this.options.printerInterface ? { ...assigned, interface: this.options.printerInterface } : assigned;
    if (this.printer && JSON.stringify(this.printer.profile) === JSON.stringify(profile)) return;
    void this.printer?.driver.close?.();
    const driver = (this.options.createPrinter ?? createNetworkTicketPrinter)(profile);
    this.printer = { profile, driver, health: 'unknown' };
  }

  private setPrinterHealth(health: PrinterHealth): void {
    if (!this.printer || this.printer.health === health) return;
    this.printer.health = health;
    this.emit();
  }

  private emit(): void {
    const c = this.context();
    for (const l of this.listeners) l(c);
  }
}
