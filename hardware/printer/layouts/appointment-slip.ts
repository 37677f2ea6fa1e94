import { maskName } from '../../../core/privacy/personal-data';
import type { Block } from '../print-document';
import { formatIssuedAt, formatTime, formatWeekdayDate, requireText } from './format';
import type { Layout } from './layout';

/** What a kiosk or counter prints when a citizen books a time. */
export interface AppointmentSlipData {
  readonly centreName: string;
  readonly serviceName: string;
  /** Printed as initials (core/privacy/personal-data.ts): a slip is left on counters and in bins, and the booking code, not the name, checks the citizen in. */
  readonly citizenName?: string;
  readonly slotStart: Date;
  readonly slotEnd: Date;
  readonly timeZone: string;
  /** Read aloud at the counter and typed in when the QR will not scan. */
  readonly bookingCode: string;
  /** What the kiosk's scanner reads to check the citizen in; the booking code itself by default. */
  readonly qrContent?: string;
  readonly issuedAt: Date;
}

function qrOf(data: AppointmentSlipData): string {
  return data.qrContent !== undefined && data.qrContent.trim() !== '' ? data.qrContent : data.bookingCode;
}

export const appointmentSlipLayout: Layout<AppointmentSlipData> = {
  kind: 'slip',
  title: 'Phiếu hẹn',
  sample: {
    centreName: 'Trung tâm Phục vụ Hành chính công phường Hoàn Kiếm',
    serviceName: 'Hộ tịch - Đăng ký khai sinh',
    citizenName: 'Lê Minh Đức',
    slotStart: new Date('2026-05-06T07:00:00Z'),
    slotEnd: new Date('2026-05-06T07:30:00Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    bookingCode: 'LH-260506-0042',
    qrContent: 'MOTCUA:HEN:LH-260506-0042',
    issuedAt: new Date('2026-05-04T03:12:00Z'),
  },

  document(data) {
    requireText('bookingCode', data.bookingCode);
    if (!(data.slotEnd.getTime() > data.slotStart.getTime())) throw new RangeError('slotEnd must be after slotStart');
    const blocks: Block[] = [
      { kind: 'text', text: data.centreName, align: 'center', bold: true },
      { kind: 'rule' },
      { kind: 'text', text: 'PHIẾU HẸN', align: 'center', bold: true, size: 2 },
      { kind: 'blank' },
      { kind: 'field', label: 'Dịch vụ', value: data.serviceName },
    ];
    if (data.citizenName !== undefined && data.citizenName.trim() !== '') blocks.push({ kind: 'field', label: 'Người đặt hẹn', value: maskName(data.citizenName) });
    blocks.push(
      { kind: 'field', label: 'Ngày hẹn', value: formatWeekdayDate(data.slotStart, data.timeZone), bold: true },
      { kind: 'field', label: 'Khung giờ', value: `${formatTime(data.slotStart, data.timeZone)} - ${formatTime(data.slotEnd, data.timeZone)}`, bold: true },
      { kind: 'blank' },
      { kind: 'text', text: 'MÃ ĐẶT HẸN', align: 'center' },
      { kind: 'text', text: data.bookingCode, align: 'center', bold: true, tall: true },
      { kind: 'qr', content: qrOf(data), caption: 'Đưa mã này vào máy quét của kiosk khi đến để lấy số ưu tiên' },
      { kind: 'blank' },
      { kind: 'text', text: 'Vui lòng đến trước giờ hẹn 10 phút, mang theo giấy tờ tùy thân.', align: 'center' },
      { kind: 'text', text: `In lúc ${formatIssuedAt(data.issuedAt, data.timeZone)}`, align: 'center' },
    );
    return { kind: 'slip', blocks };
  },

  qrContents(data) {
    return [qrOf(data)];
  },
};
