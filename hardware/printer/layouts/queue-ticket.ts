import type { Block } from '../print-document';
import { formatIssuedAt, requireCount } from './format';
import type { Layout } from './layout';

/** What a kiosk prints on a queue ticket. */
export interface TicketPrintData {
  readonly centreName: string;
  readonly serviceName: string;
  readonly number: number;
  /** Left off the ticket when unknown (issued offline: the kiosk does not know the queue). */
  readonly waitingAhead?: number;
  /** Minutes until the citizen is likely called, from the hub's estimate; left off the ticket when unknown. */
  readonly estimatedWaitMinutes?: number;
  readonly issuedAt: Date;
  /** IANA zone of the centre: the time on the ticket is the centre's wall clock, not the kiosk's. */
  readonly timeZone: string;
  readonly counterHint?: string;
  /** Where the citizen can follow the queue from a phone. */
  readonly qrContent?: string;
  /**
   * Issued by the kiosk from its leased numbers while the hub was unreachable: a small line for
   * staff, worded so it does not worry the citizen (the number is as valid as any other).
   */
  readonly offline?: boolean;
}

const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

export const queueTicketLayout: Layout<TicketPrintData> = {
  kind: 'ticket',
  title: 'Phiếu số thứ tự',
  sample: {
    centreName: 'Trung tâm Phục vụ Hành chính công phường Hoàn Kiếm',
    serviceName: 'Đăng ký kinh doanh, Xây dựng, Đất đai',
    number: 1023,
    waitingAhead: 12,
    estimatedWaitMinutes: 25,
    // 08:05 in Hà Nội (UTC+7).
    issuedAt: new Date('2026-05-04T01:05:00Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    counterHint: '3, 4 (tầng 1)',
    qrContent: 'https://motcua.example.gov.vn/tra-cuu/ve/1023?ngay=2026-05-04',
  },

  document(data) {
    requireCount('number', data.number);
    if (data.waitingAhead !== undefined) requireCount('waitingAhead', data.waitingAhead);
    if (data.estimatedWaitMinutes !== undefined) requireCount('estimatedWaitMinutes', data.estimatedWaitMinutes);
    const issuedAt = formatIssuedAt(data.issuedAt, data.timeZone);
    // Everything on a ticket is centred: it is read at a glance, standing.
    const blocks: Block[] = [
      { kind: 'text', text: data.centreName, align: 'center', bold: true },
      { kind: 'rule' },
      { kind: 'text', text: data.serviceName, align: 'center', bold: true },
      { kind: 'blank' },
      { kind: 'text', text: 'SỐ THỨ TỰ', align: 'center', bold: true, size: 2 },
      { kind: 'big-number', text: String(data.number) },
      { kind: 'blank' },
    ];
    if (data.waitingAhead !== undefined) blocks.push({ kind: 'field', label: 'Số người chờ trước bạn', value: String(data.waitingAhead), align: 'center' });
    if (data.estimatedWaitMinutes !== undefined) {
      blocks.push({ kind: 'field', label: 'Thời gian chờ dự kiến', value: `~${data.estimatedWaitMinutes} phút`, align: 'center' });
    }
    blocks.push({ kind: 'field', label: 'Thời gian lấy số', value: issuedAt, align: 'center' });
    if (present(data.counterHint)) blocks.push({ kind: 'field', label: 'Quầy phục vụ', value: data.counterHint.trim(), align: 'center', bold: true });
    if (present(data.qrContent)) {
      blocks.push({ kind: 'blank' }, { kind: 'qr', content: data.qrContent, caption: 'Quét mã để theo dõi lượt của bạn' });
    }
    blocks.push({ kind: 'blank' }, { kind: 'text', text: 'Xin vui lòng chờ đến lượt', align: 'center' });
    if (data.offline) blocks.push({ kind: 'text', text: '(ngoại tuyến)', align: 'center' });
    return { kind: 'ticket', blocks };
  },

  qrContents(data) {
    return present(data.qrContent) ? [data.qrContent] : [];
  },
};
