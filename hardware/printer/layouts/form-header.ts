import type { Block } from '../print-document';
import { formatPlaceDate } from './format';

/**
 * The head of a one-stop form (Circular 01/2018/TT-VPCP): on A4 the agency
 * sits left and the national motto right; a receipt roll has no room for two
 * columns, so they are stacked, agency first, as the forms read.
 */

export interface Issuer {
  /** The agency above the one-stop unit, e.g. "UBND PHƯỜNG HOÀN KIẾM". */
  readonly agencyName: string;
  /** e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" or "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ". */
  readonly unitName: string;
  /** Place name for the date line, e.g. "Hoàn Kiếm". */
  readonly place: string;
}

export interface Applicant {
  readonly name: string;
  readonly address?: string;
  readonly phone?: string;
}

export function formHeader(issuer: Issuer, at: Date, timeZone: string, title: string): Block[] {
  // A centre without a known parent agency prints its own name alone.
  const agency: Block[] = issuer.agencyName.trim() === '' ? [] : [{ kind: 'text', text: issuer.agencyName, align: 'center' }];
  return [
    ...agency,
    { kind: 'text', text: issuer.unitName, align: 'center', bold: true },
    { kind: 'rule', short: true },
    { kind: 'text', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', align: 'center', bold: true },
    { kind: 'text', text: 'Độc lập - Tự do - Hạnh phúc', align: 'center', bold: true },
    { kind: 'rule', short: true },
    { kind: 'text', text: formatPlaceDate(issuer.place, at, timeZone), align: 'center' },
    { kind: 'blank' },
    { kind: 'text', text: title, align: 'center', bold: true, tall: true },
  ];
}

/**
 * The applicant's lines, leaving out what the counter did not record. The name is printed in
 * full, unlike on a queue ticket or an appointment slip: Forms 01–04 (receipt, supplement request,
 * refusal, delay apology) are the applicant's own documents, handed to them and signed for, and the
 * Circular's forms name the person they are addressed to.
 */
export function applicantFields(label: string, applicant: Applicant): Block[] {
  const blocks: Block[] = [{ kind: 'field', label, value: applicant.name, bold: true }];
  if (applicant.address !== undefined && applicant.address.trim() !== '') blocks.push({ kind: 'field', label: 'Địa chỉ', value: applicant.address });
  if (applicant.phone !== undefined && applicant.phone.trim() !== '') blocks.push({ kind: 'field', label: 'Số điện thoại', value: applicant.phone });
  return blocks;
}
