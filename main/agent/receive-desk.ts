import { randomBytes, randomUUID } from 'node:crypto';
import { formatLocalDateTime, vietnamInstant, vietnamWallTime } from '../../core/calendar/local-time';
import { dossierCodeFromScan, dossierDay } from '../../core/dossiers/dossier-code';
import { checkReceipt, receivedDossier } from '../../core/dossiers/receipt';
import { collectCentreOf, SINGLE_CENTRE_ID } from '../../core/dossiers/collection';
import { PUBLIC_TOKEN_BYTES, publicTokenFromBytes } from '../../core/public/public-token';
import type { BridgeArgs, BridgeOutput } from '../../core/protocol/bridge';
import { err, ok, type Result } from '../../core/result';
import type { BridgeFileKind } from './bridge-server';
import { CentreCalendar } from './centre-calendar';
import { localHistory, type CounterFormPrinter, type Printed } from './counter-form-printer';
import type { Clock, DeskHub } from './desk';
import type { DossierForm } from './dossier-forms';
import type { DossierOutbox } from './dossier-outbox';
import { fetchHubPdf } from './hub-files';
import type { HubAddresses } from './hub-rest';
import type { OutboxCourier } from './outbox-courier';
import type { ScannerDesk } from './scanner-desk';

export interface ReceiveDeskOptions {
  readonly hub: DeskHub;
  /** Read at each call (a getter): the socket's address first. */
  readonly hubAddresses: HubAddresses;
  readonly token: string;
  readonly clock: Clock;
  readonly outbox: DossierOutbox;
  readonly courier: Pick<OutboxCourier, 'flush' | 'topUp'>;
  readonly forms: CounterFormPrinter;
  /** The document scanner; null: none configured at this counter. */
  readonly scanner: ScannerDesk | null;
  /** How long a receive waits for its dossier to reach the hub before answering `delivered: false` (default 5 s). */
  readonly deliveryWaitMs?: number;
  readonly onChange: () => void;
}

type DossierWithHistory = BridgeOutput<'counter:dossier'>;

const notACode = (text: string) => `“${text.trim().slice(0, 40)}” không phải mã hồ sơ. Mã in trên giấy tiếp nhận có dạng HK-261120-0007.`;

/**
 * Receiving a dossier at the counter, looking one up, returning the result and printing its
 * forms. Every dossier received goes through the local outbox with a code leased in advance, so
 * a receipt prints the same way whether the hub is reachable or not (OutboxCourier delivers it).
 */
export class ReceiveDesk {
  private readonly calendar = new CentreCalendar();

  constructor(private readonly options: ReceiveDeskOptions) {}

  async receive(input: BridgeArgs<'counter:receive-dossier'>): Promise<Result<BridgeOutput<'counter:receive-dossier'>>> {
    const { hub, outbox, courier, scanner, forms } = this.options;
    const hello = hub.current().hello;
    if (!hello) return err('hub-unreachable', 'Máy quầy chưa nhận được danh mục thủ tục từ máy chủ: chưa tiếp nhận được hồ sơ. Kiểm tra kết nối mạng.');
    if (hello.device.role !== 'counter') return err('forbidden', 'Chỉ máy quầy mới tiếp nhận hồ sơ.');
    const checked = checkReceipt(hello.dossiers.procedures, input);
    if (!checked.ok) return checked;
    const { procedure, record } = checked.value;
    const calendar = this.calendar.of(hello);
    if (!calendar) return err('internal', 'Lịch làm việc của trung tâm (calendar) không hợp lệ: không tính được ngày hẹn trả. Báo quản trị viên.');

    // Where the citizen collects the result: one of the centres the hub named (refused before anything prints).
    const here = hello.dossiers.centre ?? { id: SINGLE_CENTRE_ID, name: hello.centre.name };
    const collect = collectCentreOf({ here, centres: hello.dossiers.collectCentres ?? [here] }, input.collectAt);
    if (!collect.ok) return collect;

    const pdf = scanner ? await scanner.pdf() : ok(null);
    if (!pdf.ok) return pdf;

    const now = this.options.clock();
    const wall = vietnamWallTime(now);
    const due = calendar.dueDate(wall, procedure.processing);
    if (!due.ok) return err('internal', `Không tính được ngày hẹn trả: ${due.error.message}`);
    if (outbox.anyCodesLeft() === 0) await courier.topUp();

    const receivedAt = now.toISOString();
    const moment = { receivedAt, receivedBy: hello.device.id, dueAt: vietnamInstant(due.value).toISOString(), dueLocal: formatLocalDateTime(due.value), receivedAtCentre: here, collectAtCentre: collect.value };
    // The receipt's status link: drawn here, so it prints the same with the hub away; the hub keeps its hash once delivered.
    const publicToken = hello.centre.publicBaseUrl ? publicTokenFromBytes(randomBytes(PUBLIC_TOKEN_BYTES)) : undefined;
    const row = outbox.receive(dossierDay(wall), (code) => ({
      commandId: randomUUID(),
      input: publicToken === undefined ? input : { ...input, publicToken },
      receivedAt,
      dossier: receivedDossier(code, record, moment, pdf.value ? { pages: pdf.value.pages, bytes: pdf.value.bytes.byteLength } : null),
      pdf: pdf.value?.bytes ?? null,
      pdfPages: pdf.value?.pages ?? null,
    }));
    if (!row) {
      return err('exhausted', 'Đã dùng hết mã hồ sơ dự phòng và chưa kết nối được máy chủ để lấy thêm: chưa tiếp nhận được hồ sơ. Kiểm tra kết nối mạng rồi thử lại.');
    }
    this.options.onChange();

    // Delivery and the receipt run side by side: the back office hears of the dossier while the
    // receipt is still printing. The answer waits for this dossier's delivery only so long — after a
    // long outage the backlog goes on in the background and the clerk is not kept waiting.
    const delivery = courier.flush();
    const printed = await forms.printForm01(row, hello);
    await scanner?.clear();
    await Promise.race([delivery, new Promise((resolve) => setTimeout(resolve, this.options.deliveryWaitMs ?? 5000).unref())]);
    void courier.topUp();
    const after = outbox.bySeq(row.seq) ?? row;
    this.options.onChange();
    return ok({ dossier: after.dossier, delivered: after.state === 'delivered' || after.state === 'pdf-pending', printed });
  }

  async dossier(text: string): Promise<Result<DossierWithHistory>> {
    const code = dossierCodeFromScan(text);
    if (code === null) return err('invalid-input', notACode(text));
    const local = this.options.outbox.byCode(code);
    // Not at the hub yet (or refused by it): the counter's own copy is the dossier.
    if (local && local.state !== 'delivered' && local.state !== 'pdf-pending') return ok({ dossier: local.dossier, history: [localHistory(local)] });
    const r = await this.options.hub.command('dossier:get', { commandId: randomUUID(), code });
    if (!r.ok && r.error.kind === 'hub-unreachable' && local) return ok({ dossier: local.dossier, history: [localHistory(local)] });
    return r;
  }

  async returnDossier(text: string, commandId: string = randomUUID()): Promise<Result<DossierWithHistory>> {
    const code = dossierCodeFromScan(text);
    if (code === null) return err('invalid-input', notACode(text));
    return this.options.hub.command('dossier:act', { commandId, code, action: 'return' });
  }

  async printForm(text: string, form: DossierForm): Promise<Result<{ printed: Printed }>> {
    const hello = this.options.hub.current().hello;
    if (!hello) return err('hub-unreachable', 'Chưa kết nối được máy chủ của trung tâm.');
    const found = await this.dossier(text);
    if (!found.ok) return found;
    // A reprint keeps the status link while this counter's outbox holds the token (the hub has its hash only).
    const publicToken = this.options.outbox.byCode(found.value.dossier.code)?.input.publicToken;
    const doc = this.options.forms.document(form, found.value.dossier, found.value.history, hello, publicToken);
    // A form that does not apply to this dossier (Form 03 for a dossier not refused…) is the clerk's mistake, not a print failure.
    if (!doc.ok) return doc;
    return ok({ printed: await this.options.forms.print(doc.value) });
  }

  /** Files for the screen: a scanned page's preview, a dossier's PDF (from the hub, else from the outbox). */
  async file(kind: BridgeFileKind, id: string): Promise<Result<{ contentType: string; body: Buffer }>> {
    const { hub, scanner, outbox } = this.options;
    if (kind === 'scan-preview') {
      if (!scanner) return err('not-found', 'Máy quầy này chưa được cấu hình máy quét.');
      return scanner.preview(id);
    }
    const code = dossierCodeFromScan(id);
    if (code === null) return err('invalid-input', `“${id.slice(0, 40)}” không phải mã hồ sơ.`);
    // The hub's copy when it has one; the outbox's while the dossier (or the hub) is not there yet.
    const local = outbox.pdfOf(code);
    if (hub.current().connected) {
      const fetched = await fetchHubPdf(this.options.hubAddresses, this.options.token, code);
      if (fetched.ok) return ok({ contentType: 'application/pdf', body: fetched.value });
      if (!local) return fetched;
    }
    if (local) return ok({ contentType: 'application/pdf', body: local });
    return err(hub.current().connected ? 'not-found' : 'hub-unreachable', `Chưa có tệp PDF của hồ sơ ${code}.`);
  }
}
