import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../../hardware/printer/layouts';
import type { LayoutKind } from '../../hardware/printer/layouts';
import { printedColumns } from '../../hardware/printer/vietnamese-text';
import type { DecodedJob, DecodedTextLine } from '../../hardware/virtual/escpos-decoder';
import { LAYOUT_KINDS, PAPER_WIDTHS, encodeAndDecode, profileFor, sampleDocument } from './printing-support';

/** What each paper says, read back from the bytes: the words a clerk and a citizen need, in the right weight. */

const textLines = (job: DecodedJob): DecodedTextLine[] => job.items.filter((i): i is DecodedTextLine => i.kind === 'text');
/** All the paper's words in reading order, wrapped lines rejoined, column padding collapsed. */
const reading = (job: DecodedJob): string =>
  textLines(job)
    .map((l) => l.text.trim())
    .filter((t) => t !== '')
    .join(' ')
    .replace(/ {2,}/g, ' ');

function decoded(kind: LayoutKind, paperWidth: 80 | 58, data?: unknown): DecodedJob {
  const layout = LAYOUTS[kind] as { document(d: unknown): Parameters<typeof encodeAndDecode>[0]; sample: unknown };
  return encodeAndDecode(data === undefined ? sampleDocument(kind) : layout.document(data), profileFor('cp1258', paperWidth)).job;
}

const SAYS: Record<LayoutKind, readonly string[]> = {
  ticket: [
    'Trung tâm Phục vụ Hành chính công phường Hoàn Kiếm',
    'Đăng ký kinh doanh, Xây dựng, Đất đai',
    'SỐ THỨ TỰ 1023',
    'Số người chờ trước bạn: 12',
    'Thời gian chờ dự kiến: ~25 phút',
    '08:05 04/05/2026',
    'Quầy phục vụ: 3, 4 (tầng 1)',
    'Quét mã để theo dõi lượt của bạn',
  ],
  slip: ['PHIẾU HẸN', 'Dịch vụ: Hộ tịch - Đăng ký khai sinh', 'Người đặt hẹn: L.M.Đ.', 'Ngày hẹn: Thứ Tư, 06/05/2026', 'Khung giờ: 14:00 - 14:30', 'MÃ ĐẶT HẸN LH-260506-0042'],
  receipt: [
    'UBND PHƯỜNG HOÀN KIẾM TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc',
    'Hoàn Kiếm, ngày 04 tháng 05 năm 2026',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    'Mã hồ sơ: 000.00.12.H26-260504-0001',
    'Tiếp nhận hồ sơ của: Nguyễn Thị Ánh Tuyết',
    'Địa chỉ: Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội',
    'Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh',
    '1. Thành phần hồ sơ nộp gồm: a) Giấy đề nghị đăng ký hộ kinh doanh (1 bản chính) b) Căn cước công dân của chủ hộ kinh doanh (1 bản sao) c) Hợp đồng thuê địa điểm kinh doanh (1 bản chính, 1 bản sao)',
    '2. Số lượng hồ sơ: 01 (bộ)',
    '3. Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc',
    '4. Thời gian nhận hồ sơ: 08 giờ 05 phút, ngày 04/05/2026',
    '5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, ngày 07/05/2026',
    '6. Đăng ký nhận kết quả tại: Quầy số 3',
    'NGƯỜI NỘP HỒ SƠ',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Trần Văn Bình',
    'Quét mã để tra cứu tình trạng hồ sơ',
  ],
  supplement: [
    'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    'Mã hồ sơ: 000.00.12.H26-260504-0001',
    'Hoàn Kiếm, ngày 05 tháng 05 năm 2026',
    'Hồ sơ của: Nguyễn Thị Ánh Tuyết',
    'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau: 1. Bản sao hợp đồng thuê địa điểm kinh doanh có đủ chữ ký của bên cho thuê 2. Ghi rõ ngành',
    'Lý do: Hồ sơ chưa đủ thành phần và nội dung theo quy định',
    'liên hệ với Trần Văn Bình, số điện thoại 024 3825 1234 để được hướng dẫn./.',
    'NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên)',
  ],
  refusal: [
    'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    'Mã hồ sơ: 000.00.12.H26-260504-0001',
    'Hoàn Kiếm, ngày 06 tháng 05 năm 2026',
    'Tiếp nhận hồ sơ của: Nguyễn Thị Ánh Tuyết',
    'Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh',
    'từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: Địa điểm kinh doanh thuộc khu vực đã có quyết định thu hồi đất',
    'Xin thông báo cho Ông/Bà được biết và thực hiện./.',
    'NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Văn Bình',
  ],
  delay: [
    'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    'Mã hồ sơ: 000.00.12.H26-260504-0001',
    'Hoàn Kiếm, ngày 07 tháng 05 năm 2026',
    'Vào lúc 08 giờ 05 phút, ngày 04/05/2026, chúng tôi đã tiếp nhận giải quyết hồ sơ của: Ông/Bà: Nguyễn Thị Ánh Tuyết',
    'Thời hẹn trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, ngày 07/05/2026',
    'Lý do: Cần xác minh thực địa địa điểm kinh doanh',
    'Chúng tôi xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào: 14 giờ 00 phút, ngày 12/05/2026',
    'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.',
    'Quét mã để tra cứu tình trạng hồ sơ',
  ],
};

const TITLES: Partial<Record<LayoutKind, string>> = {
  receipt: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  supplement: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  refusal: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  delay: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
};

describe.each(PAPER_WIDTHS)('layouts on %i mm paper', (paperWidth) => {
  const columns = paperWidth === 80 ? 48 : 32;

  it.each(LAYOUT_KINDS)('%s says everything it must', (kind) => {
    const words = reading(decoded(kind, paperWidth));
    for (const phrase of SAYS[kind]) expect(words).toContain(phrase);
  });

  it.each(LAYOUT_KINDS)(`%s never prints past ${columns} columns`, (kind) => {
    for (const line of textLines(decoded(kind, paperWidth))) {
      expect(printedColumns(line.text) * line.width, line.text).toBeLessThanOrEqual(columns);
    }
  });

  it.each(Object.entries(TITLES))('%s carries the official title in bold, double height', (kind, title) => {
    const lines = textLines(decoded(kind as LayoutKind, paperWidth)).filter((l) => l.height === 2 && l.bold);
    expect(lines.map((l) => l.text).join(' ')).toBe(title);
  });

  it('the ticket’s number is the largest thing on it', () => {
    const lines = textLines(decoded('ticket', paperWidth));
    const number = lines.find((l) => l.text === '1023');
    expect(number).toMatchObject({ bold: true, align: 'center', width: 4, height: 4 });
  });

  it('leaves optional lines out when there is nothing to say', () => {
    const words = reading(decoded('ticket', paperWidth, { ...LAYOUTS.ticket.sample, estimatedWaitMinutes: undefined, counterHint: ' ' }));
    expect(words).not.toContain('Thời gian chờ dự kiến');
    expect(words).not.toContain('Quầy phục vụ');
    const receipt = reading(decoded('receipt', paperWidth, { ...LAYOUTS.receipt.sample, returnAt: undefined, applicant: { name: 'Lê Văn C' } }));
    expect(receipt).not.toContain('6. Đăng ký nhận kết quả');
    expect(receipt).not.toContain('Địa chỉ:');
  });
});

describe('signature places', () => {
  const signatureLine = (paperWidth: 80 | 58) => textLines(decoded('receipt', paperWidth)).filter((l) => l.text.includes('NGƯỜI'));

  it('sit side by side on 80 mm, stacked on 58 mm where they would not fit', () => {
    expect(signatureLine(80).map((l) => l.text.trim().replace(/ {2,}/g, ' | '))).toEqual(['NGƯỜI NỘP HỒ SƠ | NGƯỜI TIẾP NHẬN HỒ SƠ']);
    expect(signatureLine(58).map((l) => l.text)).toEqual(['NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ']);
  });
});

describe('data that cannot be printed is refused with a RangeError', () => {
  const cases: [string, () => unknown][] = [
    ['a negative number', () => LAYOUTS.ticket.document({ ...LAYOUTS.ticket.sample, number: -1 })],
    ['a fractional wait', () => LAYOUTS.ticket.document({ ...LAYOUTS.ticket.sample, estimatedWaitMinutes: 2.5 })],
    ['an unknown time zone', () => LAYOUTS.ticket.document({ ...LAYOUTS.ticket.sample, timeZone: 'Mars/Olympus' })],
    ['a slot that ends before it starts', () => LAYOUTS.slip.document({ ...LAYOUTS.slip.sample, slotEnd: LAYOUTS.slip.sample.slotStart })],
    ['an empty booking code', () => LAYOUTS.slip.document({ ...LAYOUTS.slip.sample, bookingCode: ' ' })],
    ['an invalid due date', () => LAYOUTS.receipt.document({ ...LAYOUTS.receipt.sample, dueAt: new Date('nope') })],
    ['negative copies', () => LAYOUTS.receipt.document({ ...LAYOUTS.receipt.sample, documents: [{ name: 'Tờ khai', originals: 1, copies: -1 }] })],
    ['a supplement request asking for nothing', () => LAYOUTS.supplement.document({ ...LAYOUTS.supplement.sample, items: [] })],
    ['a refusal without a reason', () => LAYOUTS.refusal.document({ ...LAYOUTS.refusal.sample, reason: ' ' })],
    ['a new due date that is not later', () => LAYOUTS.delay.document({ ...LAYOUTS.delay.sample, newDueAt: LAYOUTS.delay.sample.previousDueAt })],
  ];
  it.each(cases)('%s', (_name, build) => expect(build).toThrow(RangeError));
});
