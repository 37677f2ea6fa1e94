import { randomUUID } from 'node:crypto';
import { vietnamWallTime } from '../../core/calendar/local-time';
import { dayOfDossierCode, dossierDay } from '../../core/dossiers/dossier-code';
import type { AppError } from '../../core/result';
import { CoalescedRun } from './coalesced-run';
import type { Clock, ContextPiece, DeskHub } from './desk';
import type { DossierOutbox, OutboxRow } from './dossier-outbox';
import { putHubPdf } from './hub-files';
import type { HubAddresses } from './hub-rest';

export interface OutboxCourierOptions {
  readonly hub: DeskHub;
  /** Where scanned PDFs go, read at each upload (a getter): the socket's address first. */
  readonly hubAddresses: HubAddresses;
  readonly token: string;
  readonly outbox: DossierOutbox;
  readonly clock: Clock;
  readonly onChange: () => void;
  /** Leased codes kept in stock: top up below `low`, to `target` (defaults 30 and 50). */
  readonly codeStock?: { readonly low: number; readonly target: number };
  /** How often to check the stock (catches the Vietnamese day changing; default 60 s). */
  readonly stockCheckMs?: number;
}

/** Hub answers that mean a dossier will never be accepted as sent: the row is kept as failed, never retried by itself. */
const PERMANENT: readonly AppError['kind'][] = ['conflict', 'invalid-input', 'not-found', 'exhausted'];
/** Refusals the hub decided (and logged under the id) that may not last; anything else was not answered or not logged. */
const ANSWERED_TRANSIENT: readonly AppError['kind'][] = ['forbidden', 'unauthorized'];

/**
 * Carries the counter's dossier outbox to the hub and keeps its stock of leased dossier codes.
 * Delivery goes in order, each row exactly once (the row's commandId makes a replay harmless, and
 * a row is marked delivered only after the hub's ok): the dossier, then its PDF.
 */
export class OutboxCourier {
  /** Delivering the outbox: one run at a time, a call during a run runs again after it. */
  private readonly delivery = new CoalescedRun(() => this.deliverAll(), () => this.closed, () => this.options.onChange());
  private leasing: Promise<void> | null = null;
  private stockTimer: NodeJS.Timeout | null = null;
  private unsubscribe: () => void = () => undefined;
  private wasConnected = false;
  private closed = false;

  constructor(private readonly options: OutboxCourierOptions) {}

  /** On each (re)connection: top the codes up, then deliver; and now and then while running. */
  start(): void {
    this.unsubscribe = this.options.hub.onChange((s) => {
      if (s.connected && s.hello?.device.role === 'counter' && !this.wasConnected) {
        this.wasConnected = true;
        void this.topUp().then(() => this.flush());
      }
      if (!s.connected) this.wasConnected = false;
    });
    this.stockTimer = setInterval(() => {
      void this.topUp();
      if (this.options.outbox.undelivered().length > 0) void this.flush();
    }, this.options.stockCheckMs ?? 60_000);
    this.stockTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    if (this.stockTimer) clearInterval(this.stockTimer);
    await this.delivery.idle();
    await this.leasing?.catch(() => undefined);
  }

  /** What the counter screen shows: dossiers the hub does not have yet (failed ones too), codes left for today. */
  context(): ContextPiece<'outbox'> {
    const outbox = this.options.outbox;
    return {
      outbox: {
        pending: outbox.notDeliveredCount(),
        codesLeft: outbox.codesLeft(this.today()),
        failed: outbox.failed().map((r) => ({ code: r.code, message: r.error ?? 'Máy chủ từ chối hồ sơ.' })),
      },
    };
  }

  /** Hands the outbox to the hub, oldest first; stops at the first row the hub could not take now. */
  flush(): Promise<void> {
    return this.delivery.run();
  }

  /** Keeps at least `low` unused codes of today while connected; a new Vietnamese day leases anew. */
  topUp(): Promise<void> {
    if (this.leasing) return this.leasing;
    this.leasing = (async () => {
      const s = this.options.hub.current();
      if (this.closed || !s.connected || s.hello?.device.role !== 'counter') return;
      const { low, target } = this.options.codeStock ?? { low: 30, target: 50 };
      const left = this.options.outbox.codesLeft(this.today());
      if (left >= low) return;
      const r = await this.options.hub.command('dossier:lease-codes', { commandId: randomUUID(), count: Math.min(500, target - left) }, { patienceMs: 0 });
      if (!r.ok || this.closed) return;
      // The day of each code is read from the code itself (YYMMDD), whatever form the answer's `day` has.
      const byDay = new Map<string, string[]>();
      for (const code of r.value.codes) {
        const day = dayOfDossierCode(code) ?? r.value.day;
        byDay.set(day, [...(byDay.get(day) ?? []), code]);
      }
      for (const [day, codes] of byDay) this.options.outbox.addLeasedCodes(day, codes, r.value.leasedAt);
      this.options.onChange();
    })().finally(() => {
      this.leasing = null;
    });
    return this.leasing;
  }

  /** The Vietnamese day (YYMMDD) now. */
  private today(): string {
    return dossierDay(vietnamWallTime(this.options.clock()));
  }

  private async deliverAll(): Promise<void> {
    for (const row of this.options.outbox.undelivered()) {
      if (this.closed || !this.options.hub.current().connected) return;
      if (!(await this.deliver(row))) return;
    }
  }

  /** One row: the dossier, then its PDF. False: stop here and try again later. */
  private async deliver(row: OutboxRow): Promise<boolean> {
    const { outbox, onChange } = this.options;
    if (row.state === 'pending') {
      // One sending per pass: the outbox is the retry (same id), and it must not hold the queue behind one row.
      const r = await this.options.hub.command('dossier:receive', { commandId: row.commandId, ...row.input, code: row.code, receivedAt: row.receivedAt }, { patienceMs: 0 });
      if (!r.ok) {
        if (PERMANENT.includes(r.error.kind)) {
          outbox.markFailed(row.seq, r.error.message);
          onChange();
          return true;
        }
        // An answered refusal is the hub's first answer to this id (replayed as is): try again under a new one.
        if (ANSWERED_TRANSIENT.includes(r.error.kind)) outbox.renewCommandId(row.seq, randomUUID());
        outbox.noteAttempt(row.seq, r.error.message);
        return false;
      }
      outbox.markReceived(row.seq, r.value.dossier);
      onChange();
    }
    const pdf = outbox.pdfOf(row.code);
    if (!pdf || outbox.bySeq(row.seq)?.state !== 'pdf-pending') return true;
    const sent = await putHubPdf(this.options.hubAddresses, this.options.token, row.code, pdf);
    if (sent.ok) {
      outbox.markPdfDelivered(row.seq, { pages: sent.value.pages, bytes: sent.value.bytes });
      onChange();
      return true;
    }
    if (sent.error.kind === 'invalid-input') {
      outbox.markFailed(row.seq, `Máy chủ không nhận tệp PDF: ${sent.error.message}`);
      return true;
    }
    outbox.noteAttempt(row.seq, sent.error.message);
    return false;
  }
}
