import type { ProcessingTime } from '../../core/dossiers/catalogue';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { dossierStatusVi } from '../../core/dossiers/dossier-state';
import { receiptQrContent } from '../../core/dossiers/dossier-code';
import { err, ok, type Result } from '../../core/result';
import { delayApologyLayout, dossierReceiptLayout, refusalNoticeLayout, supplementRequestLayout } from '../../hardware/printer/layouts';
import type { Applicant, Issuer } from '../../hardware/printer/layouts';
import type { PrintDocument } from '../../hardware/printer/print-document';

/**
 * The one-stop forms of Circular 01/2018/TT-VPCP a counter prints for a dossier the hub holds:
 * 01 receipt, 02 supplement request, 03 refusal, 04 apology with a new date. Pure: the dossier and
 * its history in, the paper out — or why this form does not apply to this dossier.
 */

export type DossierForm = '01' | '02' | '03' | '04';

export interface DossierFormInput {
  readonly dossier: Dossier;
  readonly history: readonly DossierHistoryEntry[];
  readonly centreName: string;
  readonly timeZone: string;
  readonly clerkName: string;
  /** The layout engine fits the blocks to the roll; given so a caller states which roll it prints on. */
  readonly paperWidth: 80 | 58;
  /** Form 01: the procedure's processing time (catalogue `processing`: working days, 0 the same day, or hours). */
  readonly processing?: ProcessingTime;
  /** Form 01: the procedure's national code (mã TTHC, catalogue `nationalCode`), printed after its name. */
  readonly nationalProcedureCode?: string;
  /** Form 02: the phone number the applicant may call with questions. */
  readonly contactPhone?: string;
  /** Form 04: the due date set at receipt (ISO), when the history does not carry it. */
  readonly originalDueAt?: string;
  /**
   * The dossier's public status page (`<publicBaseUrl>/hs/<token>`) when the counter holds its
   * token: the QR opens it on a phone. Absent: the QR holds `MOTCUA:HS:<code>` for the kiosk's
   * scanner, as always — no promise of a page.
   */
  readonly statusPageUrl?: string;
}

const FORM_NAMES: Readonly<Record<DossierForm, string>> = {
  '01': 'Mẫu số 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)',
  '02': 'Mẫu số 02 (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)',
  '03': 'Mẫu số 03 (Phiếu từ chối tiếp nhận giải quyết hồ sơ)',
  '04': 'Mẫu số 04 (Phiếu xin lỗi và hẹn lại ngày trả kết quả)',
};

const UNITS = ['thành phố', 'thị xã', 'thị trấn', 'phường', 'quận', 'huyện', 'xã', 'tỉnh', 'đặc khu'];

/**
 * The form's head from the centre's name: "Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm" →
 * agency "UBND QUẬN HOÀN KIẾM", unit "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", place "Hoàn Kiếm". A
 * name without an administrative unit in it becomes the unit alone.
 */
export function issuerFromCentreName(centreName: string): Issuer {
  const name = centreName.trim().replace(/\s+/g, ' ');
  const pattern = new RegExp(`^(.*?)\\s+(${UNITS.join('|')})\\s+(\\S.*)$`, 'iu');
  const m = pattern.exec(name);
  if (!m) return { agencyName: '', unitName: name.toLocaleUpperCase('vi'), place: '' };
  const [, unit = '', level = '', place = ''] = m;
  return { agencyName: `UBND ${level} ${place}`.toLocaleUpperCase('vi'), unitName: unit.toLocaleUpperCase('vi'), place };
}

function applicantOf(dossier: Dossier): Applicant {
  const { fullName, address, phone } = dossier.applicant;
  return { name: fullName, ...(address !== null ? { address } : {}), ...(phone !== null ? { phone } : {}) };
}

/** History oldest first, whatever order it came in (the sort is stable for equal instants). */
const chronological = (history: readonly DossierHistoryEntry[]): DossierHistoryEntry[] => [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

const latest = (history: readonly DossierHistoryEntry[], action: DossierHistoryEntry['action']): DossierHistoryEntry | undefined =>
  chronological(history).filter((e) => e.action === action).at(-1);

const noteOf = (entry: DossierHistoryEntry): string | null => (entry.note !== null && entry.note.trim() !== '' ? entry.note.trim() : null);

export function dossierFormDocument(form: DossierForm, input: DossierFormInput): Result<PrintDocument> {
  const { dossier } = input;
  const refuse = (why: string) => err<PrintDocument>('invalid-input', `Không in được ${FORM_NAMES[form]} cho hồ sơ ${dossier.code}: ${why}`);
  const common = {
    issuer: issuerFromCentreName(input.centreName),
    dossierCode: dossier.code,
    applicant: applicantOf(dossier),
    procedureName: dossier.procedureName,
    clerkName: input.clerkName,
    timeZone: input.timeZone,
  };
  const lookupQr = input.statusPageUrl ?? receiptQrContent(dossier.code);
  const status = `hồ sơ đang ở trạng thái "${dossierStatusVi(dossier.status)}"`;

  try {
    switch (form) {
      case '01': {
        if (input.processing === undefined) return refuse('thiếu thời gian giải quyết theo quy định của thủ tục.');
        return ok(
          dossierReceiptLayout.document({
            ...common,
            procedureName: input.nationalProcedureCode ? `${dossier.procedureName} (mã TTHC ${input.nationalProcedureCode})` : dossier.procedureName,
            documents: dossier.documents.map((d) => (d.original ? { name: d.name, originals: d.copies, copies: 0 } : { name: d.name, originals: 0, copies: d.copies })),
            sets: 1,
            processing: input.processing,
            receivedAt: new Date(dossier.receivedAt),
            dueAt: new Date(dossier.dueAt),
            // "Đăng ký nhận kết quả tại": the centre the citizen chose (issue 13); an outbox row from before it has none.
            ...(collectAtName(dossier) ? { returnAt: collectAtName(dossier) } : {}),
            lookupQr,
          }),
        );
      }
      case '02': {
        const entry = latest(input.history, 'supplement');
        if (dossier.status !== 'supplement-requested' || entry === undefined) return refuse(`chỉ in khi hồ sơ được yêu cầu bổ sung, ${status}.`);
        if (dossier.missing.length === 0) return refuse('chưa ghi nội dung cần bổ sung.');
        return ok(
          supplementRequestLayout.document({
            ...common,
            items: dossier.missing,
            ...(noteOf(entry) !== null ? { reason: noteOf(entry)! } : {}),
            contact: { name: input.clerkName, ...(input.contactPhone !== undefined ? { phone: input.contactPhone } : {}) },
            issuedAt: new Date(entry.at),
            lookupQr,
          }),
        );
      }
      case '03': {
        const entry = latest(input.history, 'refuse');
        if (dossier.status !== 'refused' || entry === undefined) return refuse(`chỉ in khi hồ sơ bị từ chối, ${status}.`);
        const reason = noteOf(entry);
        if (reason === null) return refuse('chưa ghi lý do từ chối.');
        return ok(refusalNoticeLayout.document({ ...common, reason, issuedAt: new Date(entry.at) }));
      }
      case '04': {
        const history = chronological(input.history);
        const index = history.findLastIndex((e) => e.action === 'delay');
        const entry = history[index];
        if (entry === undefined || entry.newDueAt === null) return refuse('hồ sơ chưa được hẹn lại ngày trả kết quả.');
        const reason = noteOf(entry);
        if (reason === null) return refuse('chưa ghi lý do chậm trả kết quả.');
        // The date promised before this delay: the one an earlier entry set, else the receipt's.
        const previous = history.slice(0, index).findLast((e) => e.newDueAt !== null)?.newDueAt ?? input.originalDueAt;
        if (previous === undefined) return refuse('không xác định được ngày hẹn trả trước khi hẹn lại.');
        return ok(
          delayApologyLayout.document({
            ...common,
            receivedAt: new Date(dossier.receivedAt),
            previousDueAt: new Date(previous),
            newDueAt: new Date(entry.newDueAt),
            reason,
            issuedAt: new Date(entry.at),
            lookupQr,
          }),
        );
      }
    }
  } catch (e) {
    if (e instanceof RangeError) return refuse(`dữ liệu không in được (${e.message}).`);
    throw e;
  }
}

/** The collecting centre's name, absent on a dossier built before issue 13 (kept in a counter's outbox). */
function collectAtName(dossier: Dossier): string | undefined {
  return (dossier as Partial<Dossier>).collectAtCentre?.name;
}
