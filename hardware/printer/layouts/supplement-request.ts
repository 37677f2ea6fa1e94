import type { Block } from '../print-document';
import { applicantFields, formHeader } from './form-header';
import type { Applicant, Issuer } from './form-header';
import { requireText } from './format';
import type { Layout } from './layout';
import { SAMPLE_DOSSIER } from './sample-dossier';

/** Form 02 (Mẫu số 02, Circular 01/2018/TT-VPCP): what is missing from a dossier, and whom to ask. */
export interface SupplementRequestData {
  readonly issuer: Issuer;
  readonly dossierCode: string;
  readonly applicant: Applicant;
  readonly procedureName: string;
  /** Each thing to add or correct, one per line on the paper. */
  readonly items: readonly string[];
  readonly reason?: string;
  /** Who answers questions while the applicant completes the dossier. */
  readonly contact: { readonly name: string; readonly phone?: string };
  readonly issuedAt: Date;
  readonly clerkName: string;
  readonly lookupQr?: string;
  readonly timeZone: string;
}

const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

export const supplementRequestLayout: Layout<SupplementRequestData> = {
  kind: 'supplement',
  title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02)',
  sample: {
    ...SAMPLE_DOSSIER,
    items: [
      'Bản sao hợp đồng thuê địa điểm kinh doanh có đủ chữ ký của bên cho thuê',
      'Ghi rõ ngành, nghề kinh doanh theo Hệ thống ngành kinh tế Việt Nam trong Giấy đề nghị',
    ],
    reason: 'Hồ sơ chưa đủ thành phần và nội dung theo quy định',
    contact: { name: 'Trần Văn Bình', phone: '024 3825 1234' },
    issuedAt: new Date('2026-05-05T02:30:00Z'),
    clerkName: 'Trần Văn Bình',
    lookupQr: 'https://motcua.example.gov.vn/tra-cuu/ho-so/000.00.12.H26-260504-0001',
    timeZone: 'Asia/Ho_Chi_Minh',
  },

  document(data) {
    requireText('dossierCode', data.dossierCode);
    requireText('applicant.name', data.applicant.name);
    if (data.items.length === 0) throw new RangeError('a supplement request needs at least one item');
    const blocks: Block[] = [
      ...formHeader(data.issuer, data.issuedAt, data.timeZone, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'),
      { kind: 'field', label: 'Mã hồ sơ', value: data.dossierCode, align: 'center', bold: true },
      { kind: 'blank' },
      ...applicantFields('Hồ sơ của', data.applicant),
      { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: data.procedureName },
      { kind: 'blank' },
      { kind: 'text', text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', bold: true },
      { kind: 'numbered-list', items: data.items },
    ];
    if (present(data.reason)) blocks.push({ kind: 'field', label: 'Lý do', value: data.reason });
    blocks.push(
      { kind: 'blank' },
      {
        kind: 'text',
        text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với ${data.contact.name}${present(data.contact.phone) ? `, số điện thoại ${data.contact.phone}` : ''} để được hướng dẫn./.`,
      },
      { kind: 'blank' },
      { kind: 'signatures', columns: [{ title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: data.clerkName }] },
    );
    if (present(data.lookupQr)) blocks.push({ kind: 'blank' }, { kind: 'qr', content: data.lookupQr, caption: 'Quét mã để tra cứu tình trạng hồ sơ' });
    return { kind: 'supplement', blocks };
  },

  qrContents(data) {
    return present(data.lookupQr) ? [data.lookupQr] : [];
  },
};
