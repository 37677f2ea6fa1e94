import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { dossierPageUrl } from '../../core/public/dossier-token';
import type { BridgeOutput } from '../../core/protocol/bridge';
import type { Hello } from '../../core/protocol/socket';
import type { Result } from '../../core/result';
import type { PrintDocument } from '../../hardware/printer/print-document';
import type { DeskHub } from './desk';
import { dossierFormDocument, type DossierForm } from './dossier-forms';
import type { OutboxRow } from './dossier-outbox';

/** What became of a print: told to the clerk, never thrown (the dossier is kept either way). */
export type Printed = BridgeOutput<'counter:receive-dossier'>['printed'];

/** Prints a document on the counter's printer; null when the hub assigned none (PrinterSupervisor). */
export type DocumentPrinter = () => ((doc: PrintDocument) => Promise<Result<unknown>>) | null;

/**
 * The counter's one-stop forms on its printer: Form 01 (receipt) at receipt, any of Forms 01–04
 * again on request, laid out from the dossier, its control sheet and the centre's hello.
 */
export class CounterFormPrinter {
  constructor(
    private readonly hub: Pick<DeskHub, 'current'>,
    private readonly printer: DocumentPrinter,
  ) {}

  /** A form's document; a form that does not apply to the dossier (Form 03 for one not refused…) is an error value. */
  document(form: DossierForm, dossier: Dossier, history: readonly DossierHistoryEntry[], hello: Hello, publicToken?: string): Result<PrintDocument> {
    const base = hello.centre.publicBaseUrl;
    return dossierFormDocument(form, {
      dossier,
      history,
      centreName: hello.centre.name,
      timeZone: hello.centre.timeZone,
      clerkName: this.clerkName(hello),
      paperWidth: hello.device.printer?.paperWidth === 58 ? 58 : 80,
      processing: hello.dossiers.procedures.find((x) => x.code === dossier.procedureCode)?.processing,
      ...nationalCodeOf(hello, dossier.procedureCode),
      ...(base && publicToken ? { statusPageUrl: dossierPageUrl(base, publicToken) } : {}),
    });
  }

  /** Form 01 for a dossier just received into the outbox. */
  async printForm01(row: OutboxRow, hello: Hello): Promise<Printed> {
    const doc = this.document('01', row.dossier, [localHistory(row, this.clerkName(hello))], hello, row.input.publicToken);
    if (!doc.ok) return { ok: false, error: doc.error };
    return this.print(doc.value);
  }

  async print(doc: PrintDocument): Promise<Printed> {
    const print = this.printer();
    if (!print) return { ok: false, error: { kind: 'printer-offline', message: 'Quầy này chưa được gán máy in: hồ sơ đã được tiếp nhận, in lại giấy tiếp nhận sau.' } };
    const r = await print(doc);
    return r.ok ? { ok: true } : { ok: false, error: r.error };
  }

  /** The clerk signed in at this counter, else the device's name. */
  private clerkName(hello: Hello): string {
    const counterId = hello.device.counterId;
    const snapshot = this.hub.current().snapshot;
    return (counterId ? snapshot?.counterStates[counterId]?.clerk?.name : undefined) ?? hello.device.name;
  }
}

/** The control sheet's one line for a dossier the hub does not have yet (received here, waiting or refused). */
export function localHistory(row: OutboxRow, actorName = row.dossier.receivedBy): DossierHistoryEntry {
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
    // An outbox row written before issue 13 has no centre in its dossier.
    unit: row.dossier.receivedAtCentre ? { kind: 'centre', ...row.dossier.receivedAtCentre } : null,
  };
}

/** The procedure's mã TTHC for Form 01, when the catalogue has it. */
function nationalCodeOf(hello: Hello, procedureCode: string): { nationalProcedureCode?: string } {
  const code = hello.dossiers.procedures.find((x) => x.code === procedureCode)?.nationalCode;
  return code === undefined ? {} : { nationalProcedureCode: code };
}

