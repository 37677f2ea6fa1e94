import path from 'node:path';
import type { BridgeHandlers, TerminalContext } from '../../core/protocol/bridge';
import type { BridgeEventMessage } from '../../core/protocol/bridge-events';
import { scopeContext } from '../../core/protocol/context-scope';
import { err, ok, type Result } from '../../core/result';
import { fetchHubResult } from './hub-files';
import { adminHandlers, deliveryHandlers } from './admin-desk';
import { BackofficeDesk } from './backoffice-desk';
import type { BridgeFileKind } from './bridge-server';
import { DeviceReporter } from './device-reporter';
import { BridgeEventChannel, relayDossierNotices } from './event-channel';
import { forwardedHandlers } from './forwarded-handlers';
import { type DossierCounter, dossierCounterHandlers } from './dossier-counter';
import { HubClient } from './hub-client';
import { hubContext } from './hub-context';
import { HubDeliveriesClient } from './hub-deliveries-client';
import { HubStatsClient } from './hub-stats-client';
import type { KioskDesk } from './kiosk-desk';
import { kioskHandlers } from './kiosk-handlers';
import { PrinterSupervisor } from './printer-supervisor';
import { QueueCounterDesk, type KeypadOutcome } from './queue-counter-desk';
import type { RoleDesk } from './role-desk';
import { dossierCounterRoleDesk, kioskRoleDesk } from './role-desks';
import { CounterSerialDevices } from './serial-devices';
import type { TerminalAgentOptions } from './terminal-agent-options';

export type { KeypadOutcome } from './queue-counter-desk';
export type { TerminalAgentOptions } from './terminal-agent-options';

/**
 * The terminal's main-process services without Electron: the hub link and the desks of the
 * terminal's role, each answering its part of the bridge and filling its part of the context.
 * The Electron shell and the headless HTTP bridge both sit on this.
 */
export class TerminalAgent {
  readonly handlers: BridgeHandlers;
  /** The counter's LED sign, rating keypad and QR scanner, when configured. */
  readonly serial: CounterSerialDevices | null;
  private readonly hub: HubClient;
  private readonly listeners = new Set<(c: TerminalContext) => void>();
  private readonly printer: PrinterSupervisor;
  /** Scans and dossier notices, told once each, numbered (core/protocol/bridge-events.ts). */
  private readonly events = new BridgeEventChannel();
  private readonly reporter: DeviceReporter | null;
  private readonly queue: QueueCounterDesk;
  private readonly backoffice: BackofficeDesk;
  private readonly kioskDesk: RoleDesk<KioskDesk>;
  private readonly dossierCounter: RoleDesk<DossierCounter>;
  private started = false;
  private closing = false;
  /** The hub's addresses and this device's token, for the files the screens open (result files). */
  private readonly hubFiles: { readonly hubAddresses: readonly string[]; readonly token: string };

  constructor(options: TerminalAgentOptions) {
    const { hubUrl, token, dataDir } = options;
    const clock = options.clock ?? (() => new Date());
    const emit = () => this.emit();
    const hub = (this.hub = new HubClient({ hubUrl, hubUrls: options.hubUrls, hubCa: options.hubCa, hubCaFingerprint: options.hubCaFingerprint, deviceId: options.deviceId, token, helloCacheFile: path.join(dataDir, 'last-hello.json'), commandPatienceMs: options.commandPatienceMs, commandTimeoutMs: options.commandTimeoutMs }));
    // REST calls (PDFs, result files, statistics, deliveries) go first to the address the socket is
    // on — with several addresses, the process that answers now — and, when it does not answer, on
    // to the others (hub-rest.ts): a process killed a moment ago still holds the socket's address.
    const rest = { get hubAddresses() { return hub.restAddresses(); }, token };
    this.hubFiles = rest;
    this.printer = new PrinterSupervisor({ hub, printerInterface: options.printerInterface, createPrinter: options.createPrinter, pollMs: options.printerPollMs, onChange: emit });
    const serial = options.devices
      ? new CounterSerialDevices(options.devices, { onRating: (r) => void this.queue.rateByKeypad(r), onStatus: () => void this.reporter?.report(), onScan: (code) => this.events.send('scan', { code }) }, options.serialTimings)
      : null;
    this.serial = serial?.any ? serial : null;
    this.reporter = this.serial ? new DeviceReporter(hub, this.serial) : null;
    this.queue = new QueueCounterDesk(hub, this.serial);
    this.backoffice = new BackofficeDesk(hub, emit, rest);
    const parts = { hub, clock, printTicket: this.printer.printTicket.bind(this.printer), documentPrinter: this.printer.documentPrinter.bind(this.printer), onChange: emit };
    this.kioskDesk = kioskRoleDesk(options, parts);
    this.dossierCounter = dossierCounterRoleDesk(options, parts);
    const stats = new HubStatsClient(rest);
    this.handlers = {
      'context:get': async () => ok(this.context()),
      // Calls that only forward a hub command: one row each in core/protocol/bridge-forwards.ts.
      ...forwardedHandlers(hub),
      ...adminHandlers(stats),
      ...deliveryHandlers(new HubDeliveriesClient(rest, stats.session)),
      ...kioskHandlers(hub, this.kioskDesk),
      ...dossierCounterHandlers(this.dossierCounter),
      ...this.backoffice.handlers,
    };
    relayDossierNotices(hub, this.events);
    hub.onChange((s) => {
      this.printer.follow(s);
      this.dossierCounter.follow(s);
      this.kioskDesk.follow(s);
      this.queue.follow();
      this.reporter?.follow(s);
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
    this.dossierCounter.stop();
    this.kioskDesk.stop();
    this.printer.stop();
    await this.hub.close();
    await this.dossierCounter.close();
    await this.kioskDesk.close();
    await this.serial?.close();
    await this.printer.close();
    this.listeners.clear();
    this.events.clear();
  }

  /** The context as this terminal's role may see it (core/protocol/context-scope.ts). */
  context(): TerminalContext {
    const hub = this.hub.current();
    return scopeContext(hub.hello?.device.role ?? null, {
      ...hubContext(hub),
      ...this.printer.context(),
      ...this.backoffice.context(),
      ...(this.dossierCounter.current?.context() ?? { scanner: null, outbox: null }),
      kiosk: this.kioskDesk.current?.state() ?? null,
    });
  }

  onContext(listener: (c: TerminalContext) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` with every bridge event from now on (scans, dossier notices); returns the unsubscribe function. */
  onEvent(listener: (event: BridgeEventMessage) => void): () => void {
    return this.events.on(listener);
  }

  /** Files the screens show by URL: a scanned page's preview, a dossier's PDF (bridge-server.ts /files/). */
  async file(kind: BridgeFileKind, id: string): Promise<Result<{ readonly contentType: string; readonly body: Buffer }>> {
    if (kind === 'dossier-result') {
      const role = this.hub.current().hello?.device.role;
      if (role !== 'counter' && role !== 'backoffice') return err('forbidden', 'Chỉ máy quầy và máy của phòng chuyên môn mở được tệp kết quả.');
      const pdf = await fetchHubResult(this.hubFiles.hubAddresses, this.hubFiles.token, id);
      return pdf.ok ? ok({ contentType: 'application/pdf', body: pdf.value }) : pdf;
    }
    return (await this.dossierCounter.current?.file(kind, id)) ?? (await this.backoffice.file(kind, id)) ?? err('not-found', 'Máy này không có tệp hồ sơ để hiển thị.');
  }

  /** The kiosk's desk, for tests that wait on its delivery (sync resolves once the outbox and leases are done). */
  get kiosk(): KioskDesk | null {
    return this.kioskDesk.current;
  }

  /** Each rating-keypad press and what became of it (diagnostics; tests wait on it). */
  onKeypad(listener: (e: KeypadOutcome) => void): () => void {
    return this.queue.onKeypad(listener);
  }

  private emit(): void {
    // While closing, the desks' stores are being closed: no context is built from them any more.
    if (this.closing) return;
    const c = this.context();
    for (const l of this.listeners) l(c);
  }
}
