import type { Block } from '../print-document';
import { applicantFields, formHeader } from './form-header';
import type { Applicant, Issuer } from './form-header';
import { formatFormMoment, requireText } from './format';
import type { Layout } from './layout';
import { SAMPLE_DOSSIER } from './sample-dossier';

/** Form 04 (Mẫu số 04, Circular 01/2018/TT-VPCP): an apology for a late result, with the new date and why. */
export interface DelayApologyData {
  readonly issuer: Issuer;
  readonly dossierCode: string;
  readonly applicant: Applicant;
  readonly procedureName: string;
  readonly receivedAt: Date;
  /** The date the applicant was promised. */
  readonly previousDueAt: Date;
  readonly newDueAt: Date;
  readonly reason: string;
  readonly issuedAt: Date;
  readonly clerkName: string;
  readonly lookupQr?: string;
  readonly timeZone: string;
}

const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

export const delayApologyLayout: Layout<DelayApologyData> = {
  kind: 'delay',
  title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu số 04)',
  sample: {
    ...SAMPLE_DOSSIER,
    receivedAt: new Date('2026-05-04T01:05:00Z'),
    previousDueAt: new Date('2026-05-07T07:00:00Z'),
    newDueAt: new Date('2026-05-12T07:00:00Z'),
    reason: 'Cần xác minh thực địa địa điểm kinh doanh với Ủy ban nhân dân phường',
    issuedAt: new Date('2026-05-07T02:00:00Z'),
    clerkName: 'Trần Văn Bình',
    lookupQr: 'https://motcua.example.gov.vn/tra-cuu/ho-so/000.00.12.H26-260504-0001',
    timeZone: 'Asia/Ho_Chi_Minh',
  },

  document(data) {
    requireText('dossierCode', data.dossierCode);
    requireText('applicant.name', data.applicant.name);
    requireText('reason', data.reason);
    if (!(data.newDueAt.getTime() > data.previousDueAt.getTime())) throw new RangeError('the new due date must come after the previous one');
    const blocks: Block[] = [
      ...formHeader(data.issuer, data.issuedAt, data.timeZone, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'),
      { kind: 'field', label: 'Mã hồ sơ', value: data.dossierCode, align: 'center', bold: true },
      { kind: 'blank' },
      { kind: 'text', text: `Vào lúc ${formatFormMoment(data.receivedAt, data.timeZone)}, chúng tôi đã tiếp nhận giải quyết hồ sơ của:` },
      ...applicantFields('Ông/Bà', data.applicant),
      { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: data.procedureName },
      { kind: 'text', text: `Thời hẹn trả kết quả giải quyết hồ sơ: ${formatFormMoment(data.previousDueAt, data.timeZone)}` },
      { kind: 'blank' },
      { kind: 'text', text: 'Tuy nhiên đến nay, hồ sơ của Ông/Bà chưa được giải quyết đúng hẹn.' },
      { kind: 'field', label: 'Lý do', value: data.reason },
      { kind: 'blank' },
      { kind: 'text', text: 'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. Chúng tôi xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào:' },
      { kind: 'text', text: formatFormMoment(data.newDueAt, data.timeZone), align: 'center', bold: true },
      { kind: 'blank' },
      { kind: 'text', text: 'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.' },
      { kind: 'blank' },
      { kind: 'signatures', columns: [{ title: 'NGƯỜI LẬP PHIẾU', note: '(Ký và ghi rõ họ tên)', name: data.clerkName }] },
    ];
    if (present(data.lookupQr)) blocks.push({ kind: 'blank' }, { kind: 'qr', content: data.lookupQr, caption: 'Quét mã để tra cứu tình trạng hồ sơ' });
    return { kind: 'delay', blocks };
  },

  qrContents(data) {
    return present(data.lookupQr) ? [data.lookupQr] : [];
  },
};
