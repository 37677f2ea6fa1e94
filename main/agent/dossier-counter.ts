import path from 'node:path';
import { err, type Result } from '../../core/result';
import type { ScannerState } from '../../core/protocol/bridge';
import type { BridgeFileKind } from './bridge-server';
import { CounterFormPrinter, type DocumentPrinter } from './counter-form-printer';
import { idOf, type Clock, type ContextPiece, type DeskHandlers, type DeskHub } from './desk';
import { DossierOutbox } from './dossier-outbox';
import type { HubAddresses } from './hub-rest';
import { OutboxCourier } from './outbox-courier';
import { ReceiveDesk } from './receive-desk';
import type { RoleDesk } from './role-desk';
import { ScannerDesk } from './scanner-desk';

export interface DossierCounterOptions {
  readonly hub: DeskHub;
  /** The hub's addresses for the PDFs, read at each call (a getter; hub-rest.ts): the socket's address first. */
  readonly hubAddresses: HubAddresses;
  readonly token: string;
  readonly dataDir: string;
  readonly clock: Clock;
  /** The SANE device from the terminal config (devices.saneScanner); absent: no scanner here. */
  readonly saneScanner?: string;
  /** Scan resolution (dpi; default 200). */
  readonly scanResolution?: number;
  /** Leased codes kept in stock: top up below `low`, to `target` (defaults 30 and 50). */
  readonly codeStock?: { readonly low: number; readonly target: number };
  readonly printer: DocumentPrinter;
  readonly onChange: () => void;
}

export type DossierCounterCall =
  | 'counter:scan-pages'
  | 'counter:scan-rescan'
  | 'counter:scan-delete'
  | 'counter:scan-move'
  | 'counter:scan-clear'
  | 'counter:receive-dossier'
  | 'counter:dossier'
  | 'counter:return-dossier'
  | 'counter:print-form';

/** Counter messages for a terminal that cannot receive dossiers (RoleDesk). */
export const DOSSIER_COUNTER_REFUSALS = {
  noHello: 'Máy quầy chưa kết nối được máy chủ lần nào kể từ khi khởi động: chưa có danh mục thủ tục.',
  otherRole: 'Chỉ máy quầy tiếp nhận và trả kết quả mới dùng chức năng này.',
} as const;

/**
 * The dossier side of a counter, made of its desks: the scan desk (the papers), the receive desk
 * (receiving, looking up, returning, Forms 01–04) and the outbox courier (delivering what was
 * received, keeping leased codes), over one local outbox.
 */
export class DossierCounter {
  readonly outbox: DossierOutbox;
  readonly scanner: ScannerDesk | null;
  readonly courier: OutboxCourier;
  readonly receive: ReceiveDesk;

  constructor(o: DossierCounterOptions) {
    this.outbox = new DossierOutbox(o.dataDir, o.clock);
    this.scanner = o.saneScanner ? new ScannerDesk({ device: o.saneScanner, workDir: path.join(o.dataDir, 'scans'), resolution: o.scanResolution, onChange: o.onChange }) : null;
    this.courier = new OutboxCourier({ hub: o.hub, get hubAddresses() { return o.hubAddresses; }, token: o.token, outbox: this.outbox, clock: o.clock, codeStock: o.codeStock, onChange: o.onChange });
    const forms = new CounterFormPrinter(o.hub, o.printer);
    this.receive = new ReceiveDesk({ hub: o.hub, get hubAddresses() { return o.hubAddresses; }, token: o.token, clock: o.clock, outbox: this.outbox, courier: this.courier, forms, scanner: this.scanner, onChange: o.onChange });
  }

  start(): void {
    this.courier.start();
  }

  async close(): Promise<void> {
    await this.courier.close();
    await this.scanner?.close();
    this.outbox.close();
  }

  context(): ContextPiece<'scanner' | 'outbox'> {
    return { scanner: this.scanner?.current() ?? null, ...this.courier.context() };
  }

  file(kind: BridgeFileKind, id: string): Promise<Result<{ contentType: string; body: Buffer }>> {
    return this.receive.file(kind, id);
  }

  scan(run: (scanner: ScannerDesk) => Promise<Result<ScannerState>>): Promise<Result<ScannerState>> {
    if (!this.scanner) return Promise.resolve(err('not-found', 'Máy quầy này chưa được cấu hình máy quét (devices.saneScanner trong cấu hình máy trạm).'));
    return run(this.scanner);
  }
}

/** The counter's dossier calls, answered by its dossier desks once the hub said this device is a counter. */
export function dossierCounterHandlers(counter: RoleDesk<DossierCounter>): DeskHandlers<DossierCounterCall> {
  return {
    'counter:scan-pages': (input) => counter.run((d) => d.scan((s) => s.scanPages(input.pages))),
    'counter:scan-rescan': (input) => counter.run((d) => d.scan((s) => s.rescan(input.pageId))),
    'counter:scan-delete': (input) => counter.run((d) => d.scan((s) => s.delete(input.pageId))),
    'counter:scan-move': (input) => counter.run((d) => d.scan((s) => s.move(input.pageId, input.to))),
    'counter:scan-clear': () => counter.run((d) => d.scan((s) => s.clear())),
    'counter:receive-dossier': (input) => counter.run((d) => d.receive.receive(input)),
    'counter:dossier': (input) => counter.run((d) => d.receive.dossier(input.code)),
    'counter:return-dossier': (input) => counter.run((d) => d.receive.returnDossier(input.code, idOf(input))),
    'counter:print-form': (input) => counter.run((d) => d.receive.printForm(input.code, input.form)),
  };
}
