import { randomUUID } from 'node:crypto';
import { CoalescedRun } from './coalesced-run';
import path from 'node:path';
import { resolveCalendarConfig, type CalendarConfig } from '../../core/calendar/calendar-config';
import { DueDateCalendar } from '../../core/calendar/due-date-calendar';
import { formatLocalDateTime, parseLocalDate, vietnamInstant, vietnamWallTime } from '../../core/calendar/local-time';
import { PROVINCE_CODES } from '../../core/cccd/cccd-number';
import type { Procedure } from '../../core/dossiers/catalogue';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { dossierCodeFromScan, dossierDay, parseDossierCode } from '../../core/dossiers/dossier-code';
import type { BridgeArgs, BridgeOutput, ScannerState } from '../../core/protocol/bridge';
import type { Hello } from '../../core/protocol/socket';
import { err, ok, type AppError, type Result } from '../../core/result';
import type { PrintDocument } from '../../hardware/printer/print-document';
import type { BridgeFileKind } from './bridge-server';
import { fetchHubPdf, hubPdfUrl } from './hub-files';
import { dossierFormDocument, type DossierForm } from './dossier-forms';
import { DossierOutbox, type OutboxRow, type ReceiveRequestFields } from './dossier-outbox';
import type { HubClient } from './hub-client';
import { ScannerDesk } from './scanner-desk';

export interface CounterDeskOptions {
  readonly hub: HubClient;
  readonly hubUrl: string;
  readonly token: string;
  readonly dataDir: string;
  /** The SANE device from the terminal config (devices.saneScanner); absent: no scanner here. */
  readonly saneScanner?: string;
  /** Scan resolution (dpi; default 200). */
  readonly scanResolution?: number;
  /** The terminal's clock (receipt time, due date, the day of the dossier codes); tests inject it. */
  readonly now?: () => Date;
  /** How long a receive waits for its dossier to reach the hub before answering `delivered: false` (default 5 s). */
  readonly deliveryWaitMs?: number;
  /** Prints a document on the counter's printer; null when the hub assigned none. */
  readonly printer: () => ((doc: PrintDocument) => Promise<Result<unknown>>) | null;
  readonly onChange: () => void;
  /** Leased codes kept in stock: top up below `low`, to `target` (defaults 30 and 50). */
  readonly codeStock?: { readonly low: number; readonly target: number };
  /** How often to check the stock (catches the Vietnamese day changing; default 60 s). */
  readonly stockCheckMs?: number;
}

type Printed = BridgeOutput<'counter:receive-dossier'>['printed'];
type DossierWithHistory = BridgeOutput<'counter:dossier'>;

/** Hub answers that mean a dossier will never be accepted as sent: the row is kept as failed, never retried by itself. */
const PERMANENT: readonly AppError['kind'][] = ['conflict', 'invalid-input', 'not-found', 'exhausted'];
/** Refusals the hub decided (and logged under the id) that may not last; anything else was not answered or not logged. */
const ANSWERED_TRANSIENT: readonly AppError['kind'][] = ['forbidden', 'unauthorized'];

/**
 * The counter's side of receiving and returning dossiers. Every dossier received goes through
 * the local outbox (dossier-outbox.ts) with a code from a block leased in advance, so a receipt
 * prints the same way whether the hub is reachable or not; a delivery loop hands the outbox to
 * the hub in order, each row exactly once (the row's commandId makes a replay harmless, and a
 * row is marked delivered only after the hub's ok).
 */
export class CounterDesk {
  readonly outbox: DossierOutbox;
  readonly scanner: ScannerDesk | null;
  /** Delivering the outbox: one run at a time, a call during a run runs again after it. */
  private readonly delivery = new CoalescedRun(() => this.deliverAll(), () => this.closed, () => this.options.onChange());
  private leasing: Promise<void> | null = null;
  private stockTimer: NodeJS.Timeout | null = null;
  private calendar: { readonly source: unknown; readonly value: DueDateCalendar | null } | null = null;
  private wasConnected = false;
  private closed = false;

  constructor(private readonly options: CounterDeskOptions) {
    this.outbox = new DossierOutbox(options.dataDir);
    this.scanner = options.saneScanner
      ? new ScannerDesk({ device: options.saneScanner, workDir: path.join(options.dataDir, 'scans'), resolution: options.scanResolution, onChange: options.onChange })
      : null;
  }

  start(): void {
    this.options.hub.onChange((s) => {
      const isCounter = s.hello?.device.role === 'counter';
      if (s.connected && isCounter && !this.wasConnected) {
        this.wasConnected = true;
        void this.topUp().then(() => this.flush());
      }
      if (!s.connected) this.wasConnected = false;
    });
    this.stockTimer = setInterval(() => {
      void this.topUp();
      if (this.outbox.undelivered().length > 0) void this.flush();
    }, this.options.stockCheckMs ?? 60_000);
    this.stockTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.stockTimer) clearInterval(this.stockTimer);
    await this.delivery.idle();
    await this.leasing?.catch(() => undefined);
    await this.scanner?.close();
    this.outbox.close();
  }

  /** What the counter screen shows of the outbox: dossiers the hub does not have yet (failed ones too), codes left for today. */
  outboxState(): { pending: number; codesLeft: number; failed: { code: string; message: string }[] } {
    return {
      pending: this.outbox.notDeliveredCount(),
      codesLeft: this.outbox.codesLeft(this.today()),
      failed: this.outbox.failed().map((r) => ({ code: r.code, message: r.error ?? 'Máy chủ từ chối hồ sơ.' })),
    };
  }

  scannerState(): ScannerState | null {
    return this.scanner?.current() ?? null;
  }

  // ——— scanning ———

  scan<K extends 'pages' | 'rescan' | 'delete' | 'move' | 'clear'>(what: K, input: { pages?: number; pageId?: string; to?: number }): Promise<Result<ScannerState>> {
    const s = this.scanner;
    if (!s) return Promise.resolve(err('not-found', 'Máy quầy này chưa được cấu hình máy quét (devices.saneScanner trong cấu hình máy trạm).'));
    switch (what) {
      case 'pages':
        return s.scanPages(input.pages ?? 1);
      case 'rescan':
        return s.rescan(input.pageId ?? '');
      case 'delete':
        return s.delete(input.pageId ?? '');
      case 'move':
        return s.move(input.pageId ?? '', input.to ?? 0);
      default:
        return s.clear();
    }
  }

  // ——— receiving ———

  async receive(input: BridgeArgs<'counter:receive-dossier'>): Promise<Result<BridgeOutput<'counter:receive-dossier'>>> {
    const hello = this.options.hub.current().hello;
    if (!hello) return err('hub-unreachable', 'Máy quầy chưa nhận được danh mục thủ tục từ máy chủ: chưa tiếp nhận được hồ sơ. Kiểm tra kết nối mạng.');
    if (hello.device.role !== 'counter') return err('forbidden', 'Chỉ máy quầy mới tiếp nhận hồ sơ.');
    const checked = checkAgainstCatalogue(hello, input);
    if (!checked.ok) return checked;
    const procedure = checked.value;
    const calendar = this.calendarOf(hello);
    if (!calendar) return err('internal', 'Lịch làm việc của trung tâm (calendar) không hợp lệ: không tính được ngày hẹn trả. Báo quản trị viên.');

    const pdf = this.scanner ? await this.scanner.pdf() : ok(null);
    if (!pdf.ok) return pdf;

    const now = this.now();
    const wall = vietnamWallTime(now);
    const due = calendar.dueDate(wall, procedure.processing);
    if (!due.ok) return err('internal', `Không tính được ngày hẹn trả: ${due.error.message}`);
    if (this.outbox.anyCodesLeft() === 0) await this.topUp();

    const receivedAt = now.toISOString();
    const row = this.outbox.receive(dossierDay(wall), (code) => ({
      commandId: randomUUID(),
      input,
      receivedAt,
      dossier: localDossier(code, procedure, input, {
        receivedAt,
        receivedBy: hello.device.id,
        dueAt: vietnamInstant(due.value).toISOString(),
        dueLocal: formatLocalDateTime(due.value),
        pdf: pdf.value ? { pages: pdf.value.pages, bytes: pdf.value.bytes.byteLength } : null,
      }),
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
    const delivery = this.flush();
    const printed = await this.printForm01(row, hello);
    await this.scanner?.clear();
    await Promise.race([delivery, new Promise((resolve) => setTimeout(resolve, this.options.deliveryWaitMs ?? 5000).unref())]);
    void this.topUp();
    const after = this.outbox.bySeq(row.seq) ?? row;
    this.options.onChange();
    return ok({ dossier: after.dossier, delivered: after.state === 'delivered' || after.state === 'pdf-pending', printed });
  }

  /** Hands the outbox to the hub, oldest first; stops at the first row the hub could not take now. */
  flush(): Promise<void> {
    return this.delivery.run();
  }

  private async deliverAll(): Promise<void> {
    for (const row of this.outbox.undelivered()) {
      if (this.closed || !this.options.hub.current().connected) return;
      if (!(await this.deliver(row))) return;
    }
  }

  /** One row: the dossier, then its PDF. False: stop here and try again later. */
  private async deliver(row: OutboxRow): Promise<boolean> {
    if (row.state === 'pending') {
      // One sending per pass: the outbox is the retry (same id), and it must not hold the queue behind one row.
      const r = await this.options.hub.command('dossier:receive', { commandId: row.commandId, ...row.input, code: row.code, receivedAt: row.receivedAt }, { patienceMs: 0 });
      if (!r.ok) {
        if (PERMANENT.includes(r.error.kind)) {
          this.outbox.markFailed(row.seq, r.error.message);
          this.options.onChange();
          return true;
        }
        // An answered refusal is the hub's first answer to this id (replayed as is): try again under a new one.
        if (ANSWERED_TRANSIENT.includes(r.error.kind)) this.outbox.renewCommandId(row.seq, randomUUID());
        this.outbox.noteAttempt(row.seq, r.error.message);
        return false;
      }
      this.outbox.markReceived(row.seq, r.value.dossier);
      this.options.onChange();
    }
    const pdf = this.outbox.pdfOf(row.code);
    if (!pdf || this.outbox.bySeq(row.seq)?.state !== 'pdf-pending') return true;
    const sent = await this.putPdf(row.code, pdf);
    if (sent.ok) {
      this.outbox.markPdfDelivered(row.seq, { pages: sent.value.pages, bytes: sent.value.bytes });
      this.options.onChange();
      return true;
    }
    if (sent.error.kind === 'invalid-input') {
      this.outbox.markFailed(row.seq, `Máy chủ không nhận tệp PDF: ${sent.error.message}`);
      return true;
    }
    this.outbox.noteAttempt(row.seq, sent.error.message);
    return false;
  }

  private async putPdf(code: string, pdf: Buffer): Promise<Result<{ pages: number; bytes: number }>> {
    let res: Response;
    try {
      res = await fetch(hubPdfUrl(this.options.hubUrl, code), {
        method: 'PUT',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/pdf' },
        body: new Uint8Array(pdf),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      return err('hub-unreachable', `Không gửi được tệp PDF lên máy chủ: ${(e as Error).message}`);
    }
    const body = (await res.json().catch(() => null)) as { ok?: boolean; value?: { pages?: number; bytes?: number }; error?: AppError } | null;
    if (res.ok && body?.ok && typeof body.value?.pages === 'number' && typeof body.value.bytes === 'number') return ok({ pages: body.value.pages, bytes: body.value.bytes });
    const message = body?.error?.message ?? `HTTP ${res.status}`;
    // 400/413/415: this PDF will never be taken; anything else (404 before the route exists, 5xx) may pass later.
    return err(res.status === 400 || res.status === 413 || res.status === 415 ? 'invalid-input' : 'hub-unreachable', message);
  }

  /** Keeps at least `low` unused codes of today while connected; a new Vietnamese day leases anew. */
  topUp(): Promise<void> {
    if (this.leasing) return this.leasing;
    this.leasing = (async () => {
      const s = this.options.hub.current();
      if (this.closed || !s.connected || s.hello?.device.role !== 'counter') return;
      const { low, target } = this.options.codeStock ?? { low: 30, target: 50 };
      const left = this.outbox.codesLeft(this.today());
      if (left >= low) return;
      const r = await this.options.hub.command('dossier:lease-codes', { commandId: randomUUID(), count: Math.min(500, target - left) }, { patienceMs: 0 });
      if (!r.ok || this.closed) return;
      // The day of each code is read from the code itself (YYMMDD), whatever form the answer's `day` has.
      const byDay = new Map<string, string[]>();
      for (const code of r.value.codes) {
        const day = parseDossierCode(code)?.day ?? r.value.day;
        byDay.set(day, [...(byDay.get(day) ?? []), code]);
      }
      for (const [day, codes] of byDay) this.outbox.addLeasedCodes(day, codes, r.value.leasedAt);
      this.options.onChange();
    })().finally(() => {
      this.leasing = null;
    });
    return this.leasing;
  }

  // ——— looking up, returning, printing ———

  async dossier(text: string): Promise<Result<DossierWithHistory>> {
    const code = dossierCodeFromScan(text);
    if (code === null) return err('invalid-input', `“${text.trim().slice(0, 40)}” không phải mã hồ sơ. Mã in trên giấy tiếp nhận có dạng HK-261120-0007.`);
    const local = this.outbox.byCode(code);
    // Not at the hub yet (or refused by it): the counter's own copy is the dossier.
    if (local && local.state !== 'delivered' && local.state !== 'pdf-pending') return ok({ dossier: local.dossier, history: [localHistory(local)] });
    const r = await this.options.hub.command('dossier:get', { commandId: randomUUID(), code });
    if (!r.ok && r.error.kind === 'hub-unreachable' && local) return ok({ dossier: local.dossier, history: [localHistory(local)] });
    return r;
  }

  async returnDossier(text: string, commandId: string = randomUUID()): Promise<Result<DossierWithHistory>> {
    const code = dossierCodeFromScan(text);
    if (code === null) return err('invalid-input', `“${text.trim().slice(0, 40)}” không phải mã hồ sơ. Mã in trên giấy tiếp nhận có dạng HK-261120-0007.`);
    return this.options.hub.command('dossier:act', { commandId, code, action: 'return' });
  }

  async printForm(text: string, form: DossierForm): Promise<Result<{ printed: Printed }>> {
    const hello = this.options.hub.current().hello;
    if (!hello) return err('hub-unreachable', 'Chưa kết nối được máy chủ của trung tâm.');
    const found = await this.dossier(text);
    if (!found.ok) return found;
    const doc = this.formDocument(form, found.value.dossier, found.value.history, hello);
    // A form that does not apply to this dossier (Form 03 for a dossier not refused…) is the clerk's mistake, not a print failure.
    if (!doc.ok) return doc;
    return ok({ printed: await this.print(doc.value) });
  }

  /** Files for the screen: a scanned page's preview, a dossier's PDF (from the hub, else from the outbox). */
  async file(kind: BridgeFileKind, id: string): Promise<Result<{ contentType: string; body: Buffer }>> {
    if (kind === 'scan-preview') {
      if (!this.scanner) return err('not-found', 'Máy quầy này chưa được cấu hình máy quét.');
      return this.scanner.preview(id);
    }
    const code = dossierCodeFromScan(id);
    if (code === null) return err('invalid-input', `“${id.slice(0, 40)}” không phải mã hồ sơ.`);
    // The hub's copy when it has one; the outbox's while the dossier (or the hub) is not there yet.
    const local = this.outbox.pdfOf(code);
    if (this.options.hub.current().connected) {
      const fetched = await fetchHubPdf(this.options.hubUrl, this.options.token, code);
      if (fetched.ok) return ok({ contentType: 'application/pdf', body: fetched.value });
      if (!local) return fetched;
    }
    if (local) return ok({ contentType: 'application/pdf', body: local });
    return err(this.options.hub.current().connected ? 'not-found' : 'hub-unreachable', `Chưa có tệp PDF của hồ sơ ${code}.`);
  }

  // ——— helpers ———

  private clerkName(hello: Hello): string {
    const counterId = hello.device.counterId;
    const snapshot = this.options.hub.current().snapshot;
    return (counterId ? snapshot?.counterStates[counterId]?.clerk?.name : undefined) ?? hello.device.name;
  }

  private calendarOf(hello: Hello): DueDateCalendar | null {
    const source = hello.dossiers.calendar;
    if (!this.calendar || this.calendar.source !== source) {
      const r = resolveCalendarConfig((source ?? {}) as CalendarConfig);
      this.calendar = { source, value: r.ok ? new DueDateCalendar(r.value) : null };
    }
    return this.calendar.value;
  }

  private formDocument(form: DossierForm, dossier: Dossier, history: readonly DossierHistoryEntry[], hello: Hello): Result<PrintDocument> {
    return dossierFormDocument(form, {
      dossier,
      history,
      centreName: hello.centre.name,
      timeZone: hello.centre.timeZone,
      clerkName: this.clerkName(hello),
      paperWidth: hello.device.printer?.paperWidth === 58 ? 58 : 80,
      processingDays: processingDaysOf(hello, dossier.procedureCode),
    });
  }

  /** Form 01 on the counter's printer; a failure is told, never thrown: the dossier is kept either way. */
  private async printForm01(row: OutboxRow, hello: Hello): Promise<Printed> {
    const doc = this.formDocument('01', row.dossier, [localHistory(row, this.clerkName(hello))], hello);
    if (!doc.ok) return { ok: false, error: doc.error };
    return this.print(doc.value);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The Vietnamese day (YYMMDD) now. */
  private today(): string {
    return dossierDay(vietnamWallTime(this.now()));
  }

  private async print(doc: PrintDocument): Promise<Printed> {
    const print = this.options.printer();
    if (!print) return { ok: false, error: { kind: 'printer-offline', message: 'Quầy này chưa được gán máy in: hồ sơ đã được tiếp nhận, in lại giấy tiếp nhận sau.' } };
    const r = await print(doc);
    return r.ok ? { ok: true } : { ok: false, error: r.error };
  }
}

/** The hub's rules for a dossier, checked here too so a receipt never prints for a dossier the hub would refuse. */
export function checkAgainstCatalogue(hello: Hello, input: ReceiveRequestFields): Result<Procedure> {
  const code = input.procedureCode.trim().toUpperCase();
  const procedure = hello.dossiers.procedures.find((p) => p.code === code);
  if (!procedure) return err('not-found', `Không có thủ tục mã "${input.procedureCode}" trong danh mục của trung tâm.`);
  const a = input.applicant;
  if (!PROVINCE_CODES.has(a.idNumber.slice(0, 3))) {
    return err('invalid-input', `Số CCCD ${a.idNumber} không hợp lệ: 3 chữ số đầu (${a.idNumber.slice(0, 3)}) không phải mã tỉnh nơi đăng ký khai sinh.`);
  }
  if (a.dateOfBirth !== undefined && !parseLocalDate(a.dateOfBirth).ok) return err('invalid-input', `Ngày sinh "${a.dateOfBirth}" không phải một ngày có thật.`);
  const seen = new Set<string>();
  for (const d of input.documents) {
    if (!procedure.documents.some((r) => r.name === d.name)) return err('invalid-input', `"${d.name}" không thuộc thành phần hồ sơ của thủ tục ${procedure.name}.`);
    if (seen.has(d.name)) return err('invalid-input', `"${d.name}" được ghi hai lần.`);
    seen.add(d.name);
  }
  return ok(procedure);
}

/** The dossier as the hub will have it, built here for the receipt and for the screen until the hub answers. */
function localDossier(
  code: string,
  procedure: Procedure,
  input: ReceiveRequestFields,
  at: { receivedAt: string; receivedBy: string; dueAt: string; dueLocal: string; pdf: Dossier['pdf'] },
): Dossier {
  const a = input.applicant;
  return {
    code,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    departmentId: procedure.departmentId,
    serviceId: procedure.serviceId,
    status: 'received',
    applicant: { fullName: a.fullName, idNumber: a.idNumber, dateOfBirth: a.dateOfBirth ?? null, address: a.address ?? null, phone: a.phone ?? null },
    documents: input.documents.map((d) => ({ name: d.name, copies: d.copies, original: procedure.documents.find((r) => r.name === d.name)?.original ?? false })),
    fee: procedure.fee,
    feePaid: input.feePaid,
    ticketId: input.ticketId ?? null,
    receivedAt: at.receivedAt,
    receivedBy: at.receivedBy,
    dueAt: at.dueAt,
    dueLocal: at.dueLocal,
    overdue: false,
    missing: [],
    updatedAt: at.receivedAt,
    pdf: at.pdf,
  };
}

function localHistory(row: OutboxRow, actorName = row.dossier.receivedBy): DossierHistoryEntry {
  return {
    at: row.receivedAt,
    action: 'receive',
    fromStatus: null,
    toStatus: 'received',
    deviceId: row.dossier.receivedBy,
    role: 'counter',
    actorName,
    note: row.state === 'failed' ? `Máy chủ chưa nhận: ${row.error ?? ''}` : 'Đang chờ gửi lên máy chủ',
    newDueAt: row.dossier.dueAt,
  };
}

/** The procedure's processing time in working days for Form 01 (a limit in hours: the days it spans, 8 hours a day). */
function processingDaysOf(hello: Hello, procedureCode: string): number | undefined {
  const p = hello.dossiers.procedures.find((x) => x.code === procedureCode)?.processing;
  if (!p) return undefined;
  return 'workingDays' in p ? p.workingDays : Math.ceil(p.workingHours / 8);
}
