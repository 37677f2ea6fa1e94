import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { PrinterHealth, PrinterProfile } from '../../core/devices';
import type { BridgeHandlers, BridgeOutput, TerminalContext } from '../../core/protocol/bridge';
import { dossierCodeFromScan } from '../../core/dossiers/dossier-code';
import type { AppError } from '../../core/result';
import { err, ok, type Result } from '../../core/result';
import type { TicketPrinter } from '../../hardware/printer/ticket-printer';
import type { Ticket } from '../../core/queue/types';
import { createTicketPrinter, type PrinterStatus, type TicketPrintData } from '../../hardware/printer/ticket-printer';
import { BackofficeDesk } from './backoffice-desk';
import type { BridgeFileKind } from './bridge-server';
import { CounterDesk } from './counter-desk';
import { forwardedHandlers } from './forwarded-handlers';
import { fetchHubPdf } from './hub-files';
import type { PrintDocument } from '../../hardware/printer/print-document';
import { HubClient, type HubClientState } from './hub-client';
import { HubStatsClient } from './hub-stats-client';
import { KioskDesk } from './kiosk-desk';
import type { TerminalDevices } from './serial-config';
import { CounterSerialDevices, type SerialTimings } from './serial-devices';
import type { RatingLevel } from '../../hardware/serial/rating-keypad';

export interface TerminalAgentOptions {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly token: string;
  readonly dataDir: string;
  readonly printerInterface?: string;
  /** Injected for tests; by default a printer is made from the profile the hub assigns. */
  readonly createPrinter?: (profile: PrinterProfile) => TicketPrinter;
  /** How often to ask the printer how it is between tickets, so paper running out shows on the admin page (default 30 s). */
  readonly printerPollMs?: number;
  /** A counter's serial devices (LED number sign, rating keypad), from the terminal config. */
  readonly devices?: TerminalDevices;
  /** Injected for tests: shorter reconnect and presence-check times. */
  readonly serialTimings?: SerialTimings;
  /** Counters: the document scanner's resolution in dpi (default 200); tests scan smaller pages. */
  readonly scanResolution?: number;
  /** Counters: leased dossier codes kept in stock (top up below `low`, to `target`; defaults 30 and 50). */
  readonly codeStock?: { readonly low: number; readonly target: number };
  /** The agent's clock (kiosk: the day of its leases and the time of offline tickets); tests inject it. */
  readonly clock?: () => Date;
  /** Kiosks: how long a tap waits for the hub before issuing from the lease, and how often leases and the outbox are synced (defaults 3 s, 30 s). */
  readonly kioskTimings?: { readonly issuePatienceMs?: number; readonly syncMs?: number };
  /** How long an action is re-sent (same id) before the screen hears it may not be recorded, and one sending's wait (HubClient). */
  readonly commandPatienceMs?: number;
  readonly commandTimeoutMs?: number;
}

/**
 * The terminal's main-process services without Electron: the hub link, the printer, and the
 * bridge handlers the renderer calls. The Electron shell and the headless HTTP bridge both sit on this.
 */
export class TerminalAgent {
  private readonly hub: HubClient;
  private readonly listeners = new Set<(c: TerminalContext) => void>();
  private printer: { readonly profile: PrinterProfile; readonly driver: TicketPrinter; health: PrinterHealth; detail: string; reported: boolean } | null = null;
  private started = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private lastScan: { code: string; at: string } | null = null;
  /** The counter's LED sign and rating keypad, when configured. */
  readonly serial: CounterSerialDevices | null;
  private serialReport: { json: string; reported: boolean } = { json: '', reported: false };
  private readonly rated = new Set<number>();
  private readonly keypadListeners = new Set<(e: KeypadOutcome) => void>();
  /** The back-office side: who is signed in, and the backoffice:* bridge calls. */
  private readonly backoffice: BackofficeDesk;
  readonly handlers: BridgeHandlers;
  /** Counters: receiving (scanner, outbox, leased codes), looking up and returning dossiers. */
  private counterDesk: CounterDesk | null = null;
  /** Kiosks: tickets online or from leased numbers while the hub is away (kiosk-desk.ts). */
  private kioskDesk: KioskDesk | null = null;
  private closing = false;

  constructor(private readonly options: TerminalAgentOptions) {
    this.hub = new HubClient({ hubUrl: options.hubUrl, deviceId: options.deviceId, token: options.token, helloCacheFile: path.join(options.dataDir, 'last-hello.json'), commandPatienceMs: options.commandPatienceMs, commandTimeoutMs: options.commandTimeoutMs });
    this.backoffice = new BackofficeDesk(this.hub, () => this.emit());
    const stats = new HubStatsClient({ hubUrl: options.hubUrl, token: options.token });
    this.handlers = {
      'context:get': async () => ok(this.context()),
      'kiosk:take-ticket': (input) => this.atKioskDesk((d) => d.takeTicket(input.serviceId, input.priority, input.commandId)),
      ...forwardedHandlers(this.hub),
      'admin:stats': (input) => stats.report(input),
      'admin:stats-export': (input) => stats.export(input),
      'kiosk:check-in': (input) => this.atKioskDesk((d) => d.checkIn(input.code, input.commandId)),
      'kiosk:lookup-dossier': (input) => this.lookupDossier(input.code),
      'counter:scan-pages': (input) => this.atCounterDesk((d) => d.scan('pages', input)),
      'counter:scan-rescan': (input) => this.atCounterDesk((d) => d.scan('rescan', input)),
      'counter:scan-delete': (input) => this.atCounterDesk((d) => d.scan('delete', input)),
      'counter:scan-move': (input) => this.atCounterDesk((d) => d.scan('move', input)),
      'counter:scan-clear': (_input) => this.atCounterDesk((d) => d.scan('clear', {})),
      'counter:receive-dossier': (input) => this.atCounterDesk((d) => d.receive(input)),
      'counter:dossier': (input) => this.atCounterDesk((d) => d.dossier(input.code)),
      'counter:return-dossier': (input) => this.atCounterDesk((d) => d.returnDossier(input.code, idOf(input))),
      'counter:print-form': (input) => this.atCounterDesk((d) => d.printForm(input.code, input.form)),
      ...this.backoffice.handlers,
    };
    const serial = options.devices ? new CounterSerialDevices(options.devices, { onRating: (r) => void this.rateByKeypad(r), onStatus: () => void this.reportSerial(), onScan: (code) => this.scanned(code) }, options.serialTimings) : null;
    this.serial = serial?.any ? serial : null;
    this.hub.onChange((s) => {
      this.syncPrinter(s);
      this.syncCounterDesk(s);
      this.syncKioskDesk(s);
      this.serial?.follow(this.counterTicket());
      if (s.connected && this.serial && !this.serialReport.reported) void this.reportSerial();
      // A health change seen while the hub was away is told once it is back.
      if (s.connected && this.printer && !this.printer.reported && this.printer.health !== 'unknown') void this.reportPrinter();
      this.emit();
    });
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('TerminalAgent.start() called twice');
    this.started = true;
    this.hub.start();
    await this.serial?.start();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    await this.hub.close();
    await this.counterDesk?.close();
    await this.kioskDesk?.close();
    await this.serial?.close();
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
      rules: s.hello?.rules ?? null,
      clerks: s.hello?.clerks ?? [],
      snapshot: s.snapshot,
      hubConnected: s.connected,
      hubProblem: s.problem,
      printer: this.printer ? { id: this.printer.profile.id, health: this.printer.health, detail: this.printer.detail } : null,
      devices: s.hello?.device.role === 'admin' ? s.devices : null,
      scan: this.lastScan,
      catalogue: { departments: s.hello?.dossiers.departments ?? [], procedures: s.hello?.dossiers.procedures ?? [] },
      officers: s.hello?.officers ?? [],
      officer: this.backoffice.officer(),
      dossierFeed: s.hello?.device.role === 'counter' || s.hello?.device.role === 'backoffice' ? s.dossierFeed : [],
      scanner: this.counterDesk?.scannerState() ?? null,
      outbox: this.counterDesk?.outboxState() ?? null,
      kiosk: this.kioskDesk?.state() ?? null,
      sending: s.sending,
    };
  }

  /** Files the screens show by URL: a scanned page's preview, a dossier's PDF (bridge-server.ts /files/). */
  async file(kind: BridgeFileKind, id: string): Promise<Result<{ readonly contentType: string; readonly body: Buffer }>> {
    if (this.counterDesk) return this.counterDesk.file(kind, id);
    // The back office sees the PDFs of its department's dossiers (the hub checks which).
    if (kind === 'dossier-pdf' && this.hub.current().hello?.device.role === 'backoffice') {
      const pdf = await fetchHubPdf(this.options.hubUrl, this.options.token, id);
      return pdf.ok ? ok({ contentType: 'application/pdf', body: pdf.value }) : pdf;
    }
    return err('not-found', 'Máy này không có tệp hồ sơ để hiển thị.');
  }

  /** A counter's dossier desk exists once the hub said this device is a counter (its catalogue comes with that hello). */
  private syncCounterDesk(s: HubClientState): void {
    if (this.counterDesk || this.closing || s.hello?.device.role !== 'counter') return;
    this.counterDesk = new CounterDesk({
      hub: this.hub,
      hubUrl: this.options.hubUrl,
      token: this.options.token,
      dataDir: this.options.dataDir,
      saneScanner: this.options.devices?.saneScanner,
      scanResolution: this.options.scanResolution,
      codeStock: this.options.codeStock,
      printer: () => {
        const driver = this.printer?.driver;
        return driver?.printDocument ? (doc) => this.printCounterDocument(doc) : null;
      },
      onChange: () => this.emit(),
    });
    this.counterDesk.start();
  }

  /** A kiosk's ticket desk exists once the hub (or the kept hello) said this device is a kiosk. */
  private syncKioskDesk(s: HubClientState): void {
    if (this.kioskDesk || this.closing || s.hello?.device.role !== 'kiosk') return;
    this.kioskDesk = new KioskDesk({
      hub: this.hub,
      dataDir: this.options.dataDir,
      now: this.options.clock ?? (() => new Date()),
      print: (data) => this.printKioskTicket(data),
      onChange: () => this.emit(),
      issuePatienceMs: this.options.kioskTimings?.issuePatienceMs,
      syncMs: this.options.kioskTimings?.syncMs,
    });
    this.kioskDesk.start();
  }

  /** The kiosk's desk, for tests that wait on its delivery (sync resolves once the outbox and leases are done). */
  get kiosk(): KioskDesk | null {
    return this.kioskDesk;
  }

  private async atKioskDesk<T>(run: (desk: KioskDesk) => Promise<Result<T>>): Promise<Result<T>> {
    const hello = this.hub.current().hello;
    if (!hello) return err('hub-unreachable', 'Kiosk chưa kết nối được máy chủ lần nào kể từ khi cài đặt: chưa cấp được số.');
    if (!this.kioskDesk) return err('forbidden', 'Chỉ kiosk mới lấy số.');
    return run(this.kioskDesk);
  }

  /** A queue ticket on the kiosk's printer, with the printer's health shown and told. */
  private async printKioskTicket(data: TicketPrintData): Promise<{ ok: true } | { ok: false; error: AppError }> {
    if (!this.printer) return { ok: false, error: { kind: 'printer-offline', message: 'Kiosk này chưa được gán máy in.' } };
    const printed = await this.printer.driver.print(data);
    if (printed.ok) {
      this.setPrinterHealth(healthOfStatus(printed.value.status), printed.value.status === 'paper-near-end' ? 'In vé thành công — giấy sắp hết' : 'In vé thành công');
      return { ok: true };
    }
    this.setPrinterHealth(healthOf(printed.error), printed.error.message);
    return { ok: false, error: printed.error };
  }

  private async atCounterDesk<T>(run: (desk: CounterDesk) => Promise<Result<T>>): Promise<Result<T>> {
    const hello = this.hub.current().hello;
    if (!hello) return err('hub-unreachable', 'Máy quầy chưa kết nối được máy chủ lần nào kể từ khi khởi động: chưa có danh mục thủ tục.');
    if (!this.counterDesk) return err('forbidden', 'Chỉ máy quầy tiếp nhận và trả kết quả mới dùng chức năng này.');
    return run(this.counterDesk);
  }

  /** A counter's form on its printer, with the printer's health shown and told like a ticket's. */
  private async printCounterDocument(doc: PrintDocument): Promise<Result<unknown>> {
    const driver = this.printer?.driver;
    if (!driver?.printDocument) return err('printer-offline', 'Quầy này chưa được gán máy in.');
    const printed = await driver.printDocument(doc);
    if (printed.ok) this.setPrinterHealth(healthOfStatus(printed.value.status), printed.value.status === 'paper-near-end' ? 'In thành công — giấy sắp hết' : 'In thành công');
    else this.setPrinterHealth(healthOf(printed.error), printed.error.message);
    return printed;
  }

  onContext(listener: (c: TerminalContext) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A receipt code typed or scanned at the kiosk: only what the receipt itself shows comes back. */
  private async lookupDossier(text: string): Promise<Result<BridgeOutput<'kiosk:lookup-dossier'>>> {
    const code = dossierCodeFromScan(text);
    if (code === null) return err('invalid-input', `“${text.trim().slice(0, 40)}” không phải mã hồ sơ. Mã in trên giấy tiếp nhận có dạng HK-261120-0007.`);
    return this.hub.command('dossier:lookup', { commandId: randomUUID(), code });
  }

  /** (Re)creates the printer driver when the hub assigns or changes this device's printer profile. */
  private syncPrinter(s: HubClientState): void {
    const assigned = s.hello?.device.printer ?? null;
    if (!assigned) return;
    const profile = this.options.printerInterface ? { ...assigned, interface: this.options.printerInterface } : assigned;
    if (this.printer && JSON.stringify(this.printer.profile) === JSON.stringify(profile)) return;
    void this.printer?.driver.close?.();
    const driver = (this.options.createPrinter ?? createTicketPrinter)(profile);
    this.printer = { profile, driver, health: 'unknown', detail: 'Chưa in lần nào', reported: false };
    this.startPolling();
  }

  /** A code from the serial QR scanner reaches the screen, which decides what it means there. */
  private scanned(code: string): void {
    this.lastScan = { code, at: new Date().toISOString() };
    this.emit();
  }

  /** Asks the printer how it is now and then, so a fault shows before a citizen meets it. */
  private startPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    const poll = async () => {
      const printer = this.printer;
      if (!printer?.driver.status) return;
      const status = await printer.driver.status();
      if (this.printer !== printer) return;
      if (status.ok) this.setPrinterHealth(healthOfStatus(status.value), status.value === 'paper-near-end' ? 'Giấy sắp hết' : 'Sẵn sàng');
      else this.setPrinterHealth(healthOf(status.error), status.error.message);
    };
    void poll();
    this.pollTimer = setInterval(() => void poll(), this.options.printerPollMs ?? 30_000);
    this.pollTimer.unref();
  }

  /** Shows the health on the terminal and tells the hub, so the admin sees it (only on a change). */
  private setPrinterHealth(health: PrinterHealth, detail: string): void {
    if (!this.printer || (this.printer.health === health && this.printer.detail === detail)) return;
    this.printer.health = health;
    this.printer.detail = detail;
    this.printer.reported = false;
    this.emit();
    void this.reportPrinter();
  }

  private async reportPrinter(): Promise<void> {
    const printer = this.printer;
    if (!printer) return;
    const { health, detail } = printer;
    // One sending: a report the hub missed is sent again on reconnect (see the hub listener above).
    const r = await this.hub.command('device:report-printer', { commandId: randomUUID(), health, detail: detail.slice(0, 300) }, { patienceMs: 0 });
    if (r.ok && printer.health === health && printer.detail === detail) printer.reported = true;
  }

  /** The ticket last called at this counter (any state), or null. */
  private counterTicket(): Ticket | null {
    const s = this.hub.current();
    const counterId = s.hello?.device.counterId;
    return counterId ? (s.snapshot?.counters[counterId] ?? null) : null;
  }

  /** A rating key: rates the ticket this counter just completed; ignored when there is none (or it is rated). */
  private async rateByKeypad(rating: RatingLevel): Promise<void> {
    const ticket = this.counterTicket();
    const tell = (e: KeypadOutcome) => this.keypadListeners.forEach((l) => l(e));
    if (!ticket || ticket.state !== 'done' || this.rated.has(ticket.id)) return tell({ rating, ticketId: null, result: null });
    this.rated.add(ticket.id);
    const r = await this.hub.command('ticket:rate', { commandId: randomUUID(), ticketId: ticket.id, rating });
    // Not recorded (hub away): the next press may try again; a conflict means it is rated already.
    if (!r.ok && r.error.kind !== 'conflict') this.rated.delete(ticket.id);
    tell({ rating, ticketId: ticket.id, result: r.ok ? { ok: true } : { ok: false, error: r.error } });
  }

  /** Each rating-keypad press and what became of it (diagnostics; tests wait on it). */
  onKeypad(listener: (e: KeypadOutcome) => void): () => void {
    this.keypadListeners.add(listener);
    return () => this.keypadListeners.delete(listener);
  }

  /** Tells the hub the serial devices' states (the admin's device page), once per change. */
  private async reportSerial(): Promise<void> {
    if (!this.serial) return;
    const devices = this.serial.statuses();
    const json = JSON.stringify(devices);
    if (json === this.serialReport.json && this.serialReport.reported) return;
    this.serialReport = { json, reported: false };
    const r = await this.hub.command('device:report-serial', { commandId: randomUUID(), devices }, { patienceMs: 0 });
    if (r.ok && this.serialReport.json === json) this.serialReport.reported = true;
  }

  private emit(): void {
    const c = this.context();
    for (const l of this.listeners) l(c);
  }
}

/** The id the screen minted when the person acted; an older screen sends none, and then this call is the action. */
function idOf(input: { readonly commandId?: string | undefined }): string {
  return input.commandId ?? randomUUID();
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

/** A keypad press: the ticket it rated (null: ignored, no completed unrated ticket at this counter) and the hub's answer. */
export interface KeypadOutcome {
  readonly rating: RatingLevel;
  readonly ticketId: number | null;
  readonly result: { readonly ok: true } | { readonly ok: false; readonly error: AppError } | null;
}

function healthOfStatus(status: PrinterStatus): PrinterHealth {
  return status === 'paper-near-end' ? 'paper-near-end' : 'ok';
}
