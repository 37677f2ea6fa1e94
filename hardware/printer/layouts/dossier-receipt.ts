import type { ProcessingTime } from '../../../core/dossiers/catalogue';
import { processingTimeVi } from '../../../core/dossiers/processing-time-words';
import type { Block } from '../print-document';
import { applicantFields, formHeader } from './form-header';
import type { Applicant, Issuer } from './form-header';
import { formatFormMoment, requireCount, requireText, twoDigits } from './format';
import type { Layout } from './layout';
import { SAMPLE_DOSSIER } from './sample-dossier';

/** One paper the applicant handed in, with how many originals and copies. */
export interface ReceivedDocument {
  readonly name: string;
  readonly originals: number;
  readonly copies: number;
}

/** Form 01 (Mẫu số 01, Circular 01/2018/TT-VPCP): what the counter prints when it accepts a dossier. */
export interface DossierReceiptData {
  readonly issuer: Issuer;
  readonly dossierCode: string;
  readonly applicant: Applicant;
  readonly procedureName: string;
  readonly documents: readonly ReceivedDocument[];
  /** Sets of the dossier handed in (usually 1). */
  readonly sets: number;
  /** Processing time the procedure allows (catalogue `processing`): working days (0: the same day) or hours. */
  readonly processing: ProcessingTime;
  readonly receivedAt: Date;
  readonly dueAt: Date;
  /** Where the result is to be collected; left off when not chosen. */
  readonly returnAt?: string;
  readonly clerkName: string;
  /** What the kiosk's scanner (or a phone) reads to look the dossier up. */
  readonly lookupQr: string;
  readonly timeZone: string;
}

/** "(1 bản chính, 2 bản sao)", naming only what was handed in. */
function quantities(doc: ReceivedDocument): string {
  const parts = [doc.originals > 0 ? `${doc.originals} bản chính` : '', doc.copies > 0 ? `${doc.copies} bản sao` : ''].filter((p) => p !== '');
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

export const dossierReceiptLayout: Layout<DossierReceiptData> = {
  kind: 'receipt',
  title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01)',
  sample: {
    ...SAMPLE_DOSSIER,
    documents: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh', originals: 1, copies: 0 },
      { name: 'Căn cước công dân của chủ hộ kinh doanh', originals: 0, copies: 1 },
      { name: 'Hợp đồng thuê địa điểm kinh doanh', originals: 1, copies: 1 },
    ],
    sets: 1,
    processing: { workingDays: 3 },
    receivedAt: new Date('2026-05-04T01:05:00Z'),
    dueAt: new Date('2026-05-07T07:00:00Z'),
    returnAt: 'Quầy số 3, Trung tâm Phục vụ Hành chính công phường Hoàn Kiếm',
    clerkName: 'Trần Văn Bình',
    lookupQr: 'https://motcua.example.gov.vn/tra-cuu/ho-so/000.00.12.H26-260504-0001',
    timeZone: 'Asia/Ho_Chi_Minh',
  },

  document(data) {
    requireText('dossierCode', data.dossierCode);
    requireText('applicant.name', data.applicant.name);
    requireCount('sets', data.sets);
    if ('workingDays' in data.processing) requireCount('processing.workingDays', data.processing.workingDays);
    else if (!(data.processing.workingHours > 0)) throw new RangeError(`processing.workingHours must be positive (got ${data.processing.workingHours})`);
    for (const doc of data.documents) {
      requireCount('originals', doc.originals);
      requireCount('copies', doc.copies);
    }
    const blocks: Block[] = [
      ...formHeader(data.issuer, data.receivedAt, data.timeZone, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'),
      { kind: 'field', label: 'Mã hồ sơ', value: data.dossierCode, align: 'center', bold: true },
      { kind: 'blank' },
      ...applicantFields('Tiếp nhận hồ sơ của', data.applicant),
      { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: data.procedureName },
      { kind: 'text', text: '1. Thành phần hồ sơ nộp gồm:', hanging: 3 },
      { kind: 'numbered-list', items: data.documents.map((d) => `${d.name}${quantities(d)}`), indent: 3, marker: 'letter' },
      { kind: 'text', text: `2. Số lượng hồ sơ: ${twoDigits(data.sets)} (bộ)`, hanging: 3 },
      { kind: 'text', text: `3. Thời gian giải quyết hồ sơ theo quy định là: ${processingTimeVi(data.processing)}`, hanging: 3 },
      { kind: 'text', text: `4. Thời gian nhận hồ sơ: ${formatFormMoment(data.receivedAt, data.timeZone)}`, hanging: 3 },
      { kind: 'text', text: `5. Thời gian trả kết quả giải quyết hồ sơ: ${formatFormMoment(data.dueAt, data.timeZone)}`, bold: true, hanging: 3 },
    ];
    if (data.returnAt !== undefined && data.returnAt.trim() !== '') blocks.push({ kind: 'text', text: `6. Đăng ký nhận kết quả tại: ${data.returnAt}`, hanging: 3 });
    blocks.push(
      { kind: 'blank' },
      {
        kind: 'signatures',
        columns: [
          { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: data.applicant.name },
          { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: data.clerkName },
        ],
      },
      { kind: 'blank' },
      { kind: 'qr', content: data.lookupQr, caption: 'Quét mã để tra cứu tình trạng hồ sơ' },
    );
    return { kind: 'receipt', blocks };
  },

  qrContents(data) {
    return [data.lookupQr];
  },
};
