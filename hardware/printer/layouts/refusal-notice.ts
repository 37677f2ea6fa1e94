import type { Block } from '../print-document';
import { applicantFields, formHeader } from './form-header';
import type { Applicant, Issuer } from './form-header';
import { requireText } from './format';
import type { Layout } from './layout';
import { SAMPLE_DOSSIER } from './sample-dossier';

/** Form 03 (Mẫu số 03, Circular 01/2018/TT-VPCP): the dossier is not accepted for processing, and why. */
export interface RefusalNoticeData {
  readonly issuer: Issuer;
  readonly dossierCode: string;
  readonly applicant: Applicant;
  readonly procedureName: string;
  /** The concrete reason the form requires; never empty. */
  readonly reason: string;
  readonly issuedAt: Date;
  readonly clerkName: string;
  readonly timeZone: string;
}

export const refusalNoticeLayout: Layout<RefusalNoticeData> = {
  kind: 'refusal',
  title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu số 03)',
  sample: {
    ...SAMPLE_DOSSIER,
    reason: 'Địa điểm kinh doanh thuộc khu vực đã có quyết định thu hồi đất, không đủ điều kiện đăng ký hộ kinh doanh',
    issuedAt: new Date('2026-05-06T03:15:00Z'),
    clerkName: 'Trần Văn Bình',
    timeZone: 'Asia/Ho_Chi_Minh',
  },

  document(data) {
    requireText('dossierCode', data.dossierCode);
    requireText('applicant.name', data.applicant.name);
    requireText('reason', data.reason);
    const blocks: Block[] = [
      ...formHeader(data.issuer, data.issuedAt, data.timeZone, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'),
      { kind: 'field', label: 'Mã hồ sơ', value: data.dossierCode, align: 'center', bold: true },
      { kind: 'blank' },
      ...applicantFields('Tiếp nhận hồ sơ của', data.applicant),
      { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: data.procedureName },
      { kind: 'blank' },
      { kind: 'text', text: 'Qua xem xét, cơ quan có thẩm quyền từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:' },
      { kind: 'text', text: data.reason, bold: true },
      { kind: 'blank' },
      { kind: 'text', text: 'Xin thông báo cho Ông/Bà được biết và thực hiện./.' },
      { kind: 'blank' },
      { kind: 'signatures', columns: [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: data.clerkName }] },
    ];
    return { kind: 'refusal', blocks };
  },

  qrContents() {
    return [];
  },
};
