import { parseLocalDate } from '../calendar/local-time';
import { PROVINCE_CODES } from '../cccd/cccd-number';
import { err, ok, type Result } from '../result';
import type { Procedure } from './catalogue';
import type { Applicant, Dossier } from './dossier';
import type { CentreRef } from './collection';

/**
 * The rule for receiving a dossier, written once: the hub checks it in dossier:receive, and the
 * counter checks it before printing a receipt (so a receipt never prints for a dossier the hub
 * would refuse) and builds the same record for the receipt and the screen until the hub answers.
 */

/** What the clerk entered (the fields of dossier:receive / counter:receive-dossier this rule reads). */
export interface ReceiptRequest {
  readonly procedureCode: string;
  readonly applicant: Applicant;
  readonly documents: readonly { readonly name: string; readonly copies: number }[];
  readonly feePaid: number;
  readonly ticketId?: number | undefined;
}

/** The dossier's fields that follow from the request and the catalogue alone (no code, time or due date). */
export type ReceivedRecord = Pick<Dossier, 'procedureCode' | 'procedureName' | 'departmentId' | 'serviceId' | 'applicant' | 'documents' | 'fee' | 'feePaid' | 'ticketId'>;

/** Where, when and until when: what the receiving side adds to the record. */
export interface ReceiptMoment {
  readonly receivedAt: string;
  readonly receivedBy: string;
  readonly dueAt: string;
  readonly dueLocal: string;
  /** The receiving centre and where the result is collected (core/dossiers/collection.ts). */
  readonly receivedAtCentre: CentreRef;
  readonly collectAtCentre: CentreRef;
}

/**
 * Checks a request against the centre's catalogue: the procedure exists, the CCCD starts with a
 * province code, the birth date is a real day, each document belongs to the procedure once.
 * The first fault found is the answer (same order and words at the hub and the counter).
 */
export function checkReceipt(procedures: readonly Procedure[], input: ReceiptRequest): Result<{ readonly procedure: Procedure; readonly record: ReceivedRecord }> {
  const code = input.procedureCode.trim().toUpperCase();
  const procedure = procedures.find((p) => p.code === code);
  if (!procedure) return err('not-found', `Không có thủ tục mã "${input.procedureCode}" trong danh mục của trung tâm.`);
  const a = input.applicant;
  if (!PROVINCE_CODES.has(a.idNumber.slice(0, 3))) {
    return err('invalid-input', `Số CCCD ${a.idNumber} không hợp lệ: 3 chữ số đầu (${a.idNumber.slice(0, 3)}) không phải mã tỉnh nơi đăng ký khai sinh.`);
  }
  if (a.dateOfBirth !== undefined && !parseLocalDate(a.dateOfBirth).ok) return err('invalid-input', `Ngày sinh "${a.dateOfBirth}" không phải một ngày có thật.`);
  const seen = new Set<string>();
  const documents: { name: string; copies: number; original: boolean }[] = [];
  for (const d of input.documents) {
    const required = procedure.documents.find((r) => r.name === d.name);
    if (!required) return err('invalid-input', `"${d.name}" không thuộc thành phần hồ sơ của thủ tục ${procedure.name}.`);
    if (seen.has(d.name)) return err('invalid-input', `"${d.name}" được ghi hai lần.`);
    seen.add(d.name);
    documents.push({ name: d.name, copies: d.copies, original: required.original });
  }
  return ok({
    procedure,
    record: {
      procedureCode: procedure.code,
      procedureName: procedure.name,
      departmentId: procedure.departmentId,
      serviceId: procedure.serviceId,
      applicant: { fullName: a.fullName, idNumber: a.idNumber, dateOfBirth: a.dateOfBirth ?? null, address: a.address ?? null, phone: a.phone ?? null },
      documents,
      fee: procedure.fee,
      feePaid: input.feePaid,
      ticketId: input.ticketId ?? null,
    },
  });
}

/** A dossier just received, as the hub will have it: status received, nothing missing, not overdue. */
export function receivedDossier(code: string, record: ReceivedRecord, at: ReceiptMoment, pdf: Dossier['pdf']): Dossier {
  return {
    code,
    ...record,
    status: 'received',
    receivedAt: at.receivedAt,
    receivedBy: at.receivedBy,
    dueAt: at.dueAt,
    dueLocal: at.dueLocal,
    receivedAtCentre: at.receivedAtCentre,
    collectAtCentre: at.collectAtCentre,
    overdue: false,
    missing: [],
    updatedAt: at.receivedAt,
    pdf,
  };
}
