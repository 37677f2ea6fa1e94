import { vietnamInstant, vietnamWallTime } from '../../core/calendar/local-time';
import { calendarWith } from '../calendar/calendar-fixtures';
import { describe, expect, it } from 'vitest';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import type { DecodedJob, DecodedTextLine } from '../../hardware/virtual/escpos-decoder';
import { dossierFormDocument, issuerFromCentreName, type DossierForm } from '../../main/agent/dossier-forms';
import { encodeAndDecode, profileFor } from '../hardware/printing-support';

/** The four one-stop forms for a dossier the hub holds, read back from the bytes a printer would get. */

const CENTRE = 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm';

const DOSSIER: Dossier = {
  code: 'HK-261120-0007',
  procedureCode: 'HT-KS',
  procedureName: 'Đăng ký khai sinh',
  departmentId: 'tu-phap',
  serviceId: 'ho-tich',
  status: 'received',
  applicant: { fullName: 'Nguyễn Văn An', idNumber: '001088012345', dateOfBirth: null, address: 'Số 5 phố Hàng Bông', phone: null },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true },
    { name: 'Giấy chứng sinh', copies: 2, original: false },
  ],
  fee: 0,
  feePaid: 0,
  ticketId: null,
  receivedAt: '2026-11-20T02:05:00.000Z',
  receivedBy: 'Nguyễn Thị Lan', receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' }, collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' },
  dueAt: '2026-11-24T10:00:00.000Z',
  dueLocal: '2026-11-24T17:00',
  overdue: false,
  missing: [],
  updatedAt: '2026-11-20T02:05:00.000Z',
  pdf: null,
};

const entry = (at: string, action: DossierHistoryEntry['action'], toStatus: Dossier['status'], extra: Partial<DossierHistoryEntry> = {}): DossierHistoryEntry => ({
  at,
  action,
  fromStatus: null,
  toStatus,
  deviceId: 'backoffice-tu-phap',
  role: 'backoffice',
  actorName: 'Phạm Văn Hùng',
  note: null,
  newDueAt: null,
  unit: null,
  ...extra,
});

const RECEIVED = entry('2026-11-20T02:05:00.000Z', 'receive', 'received');
const ACCEPTED = entry('2026-11-20T03:00:00.000Z', 'accept', 'processing');

const input = (dossier: Partial<Dossier>, history: DossierHistoryEntry[], extra: object = {}) => ({
  dossier: { ...DOSSIER, ...dossier },
  history,
  centreName: CENTRE,
  timeZone: 'Asia/Ho_Chi_Minh',
  clerkName: 'Nguyễn Thị Lan',
  paperWidth: 80 as const,
  ...extra,
});

function reading(form: DossierForm, args: ReturnType<typeof input>, paperWidth: 80 | 58 = 80): string {
  const result = dossierFormDocument(form, args);
  if (!result.ok) throw new Error(result.error.message);
  const { job } = encodeAndDecode(result.value, profileFor('cp1258', paperWidth));
  return textOf(job);
}

const textOf = (job: DecodedJob): string =>
  job.items
    .filter((i): i is DecodedTextLine => i.kind === 'text')
    .map((l) => l.text.trim())
    .filter((t) => t !== '')
    .join(' ')
    .replace(/ {2,}/g, ' ');

describe('the form head from the centre name', () => {
  it('splits the unit from the administrative area', () => {
    expect(issuerFromCentreName(CENTRE)).toEqual({ agencyName: 'UBND QUẬN HOÀN KIẾM', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', place: 'Hoàn Kiếm' });
    expect(issuerFromCentreName('Bộ phận Một cửa thành phố Thủ Đức')).toEqual({ agencyName: 'UBND THÀNH PHỐ THỦ ĐỨC', unitName: 'BỘ PHẬN MỘT CỬA', place: 'Thủ Đức' });
    expect(issuerFromCentreName('Trung tâm Một cửa')).toEqual({ agencyName: '', unitName: 'TRUNG TÂM MỘT CỬA', place: '' });
  });

  it('prints a centre without an area under its own name, dated without a place', () => {
    const words = reading('03', input({ status: 'refused' }, [RECEIVED, entry('2026-11-21T02:00:00.000Z', 'refuse', 'refused', { note: 'Sai thẩm quyền' })], {}), 58);
    expect(words).toContain('UBND QUẬN HOÀN KIẾM');
    const bare = dossierFormDocument('03', { ...input({ status: 'refused' }, [entry('2026-11-21T02:00:00.000Z', 'refuse', 'refused', { note: 'x' })]), centreName: 'Trung tâm Một cửa' });
    expect(bare.ok && bare.value.blocks[0]).toMatchObject({ text: 'TRUNG TÂM MỘT CỬA', bold: true });
  });
});

describe.each([80, 58] as const)('on %i mm paper', (paperWidth) => {
  it('Form 01 lists the papers with originals and copies, the times and the lookup code', () => {
    const words = reading('01', input({}, [RECEIVED], { processing: { workingDays: 3 } }), paperWidth);
    for (const phrase of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Hoàn Kiếm, ngày 20 tháng 11 năm 2026',
      'HK-261120-0007',
      'Tiếp nhận hồ sơ của: Nguyễn Văn An',
      'Tờ khai đăng ký khai sinh (1 bản chính)',
      'Giấy chứng sinh (2 bản sao)',
      '03 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 20/11/2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 24/11/2026',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Nguyễn Thị Lan',
    ]) {
      expect(words).toContain(phrase);
    }
    const doc = dossierFormDocument('01', input({}, [RECEIVED], { processing: { workingDays: 3 } }));
    expect(doc.ok && doc.value.blocks.find((b) => b.kind === 'qr')).toMatchObject({ content: 'MOTCUA:HS:HK-261120-0007' });
  });

  it('Form 01 of a same-day procedure (0 working days) says "Trong ngày", never "00 ngày làm việc", and is due at the end of that day', () => {
    // The hub's calendar gives the due instant (core/calendar/due-date-calendar.ts): received Friday 09:05, due Friday 17:00.
    const received = vietnamWallTime(new Date(DOSSIER.receivedAt));
    const dueLocal = calendarWith().dueDate(received, { workingDays: 0 });
    if (!dueLocal.ok) throw new Error(dueLocal.error.message);
    const dueAt = vietnamInstant(dueLocal.value).toISOString();
    const words = reading('01', input({ dueAt }, [RECEIVED], { processing: { workingDays: 0 } }), paperWidth);
    expect(words).toContain('3. Thời gian giải quyết hồ sơ theo quy định là: Trong ngày');
    expect(words).not.toContain('00 ngày');
    expect(words).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 20/11/2026');
    // A limit in hours is stated in hours.
    expect(reading('01', input({}, [RECEIVED], { processing: { workingHours: 4 } }), paperWidth)).toContain('là: 4 giờ làm việc');
  });

  it('Form 01 carries the status page’s link when the counter holds the dossier’s token (else the lookup code, above)', () => {
    const statusPageUrl = 'https://motcua.example.gov.vn/hs/AbCdEfGhIjKlMnOpQrStUvWx';
    const doc = dossierFormDocument('01', input({}, [RECEIVED], { processing: { workingDays: 3 }, statusPageUrl }));
    expect(doc.ok && doc.value.blocks.find((b) => b.kind === 'qr')).toMatchObject({ content: statusPageUrl, caption: 'Quét mã để tra cứu tình trạng hồ sơ' });
  });

  it('Form 02 asks for what is missing, with the officer’s note as the reason', () => {
    const history = [RECEIVED, ACCEPTED, entry('2026-11-21T04:30:00.000Z', 'supplement', 'supplement-requested', { note: 'Thiếu giấy tờ chứng minh nơi cư trú' })];
    const words = reading('02', input({ status: 'supplement-requested', missing: ['Bản sao giấy xác nhận thông tin cư trú'] }, history), paperWidth);
    expect(words).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(words).toContain('Hoàn Kiếm, ngày 21 tháng 11 năm 2026');
    expect(words).toContain('1. Bản sao giấy xác nhận thông tin cư trú');
    expect(words).toContain('Lý do: Thiếu giấy tờ chứng minh nơi cư trú');
    expect(words).toContain('liên hệ với Nguyễn Thị Lan để được hướng dẫn./.');
  });

  it('Form 03 gives the refusal’s reason', () => {
    const history = [RECEIVED, ACCEPTED, entry('2026-11-22T01:00:00.000Z', 'refuse', 'refused', { note: 'Hồ sơ không thuộc thẩm quyền giải quyết của quận' })];
    const words = reading('03', input({ status: 'refused' }, history), paperWidth);
    expect(words).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(words).toContain('Hoàn Kiếm, ngày 22 tháng 11 năm 2026');
    expect(words).toContain('Hồ sơ không thuộc thẩm quyền giải quyết của quận');
  });

  it('Form 04 gives the date promised before the latest delay and the new one', () => {
    const history = [
      RECEIVED,
      ACCEPTED,
      entry('2026-11-24T02:00:00.000Z', 'delay', 'processing', { note: 'Chờ xác minh', newDueAt: '2026-11-26T10:00:00.000Z' }),
      entry('2026-11-26T02:00:00.000Z', 'delay', 'processing', { note: 'Chờ kết quả xác minh của Công an phường', newDueAt: '2026-11-30T10:00:00.000Z' }),
    ];
    const words = reading('04', input({ status: 'processing', dueAt: '2026-11-30T10:00:00.000Z' }, history.reverse()), paperWidth);
    expect(words).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(words).toContain('Thời hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 26/11/2026');
    expect(words).toContain('Lý do: Chờ kết quả xác minh của Công an phường');
    expect(words).toContain('17 giờ 00 phút, ngày 30/11/2026');
  });
});

describe('a first delay', () => {
  const delayed = [RECEIVED, ACCEPTED, entry('2026-11-24T02:00:00.000Z', 'delay', 'processing', { note: 'Chờ xác minh', newDueAt: '2026-11-26T10:00:00.000Z' })];

  it('takes the receipt’s due date from the caller when the history does not carry it', () => {
    expect(reading('04', input({ status: 'processing' }, delayed, { originalDueAt: '2026-11-24T10:00:00.000Z' }))).toContain('Thời hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 24/11/2026');
  });

  it('or from the receive entry when the hub recorded it there', () => {
    const [received, ...rest] = delayed;
    expect(reading('04', input({ status: 'processing' }, [{ ...received!, newDueAt: '2026-11-24T10:00:00.000Z' }, ...rest]))).toContain('ngày 24/11/2026');
  });
});

describe('a form that does not apply is refused in Vietnamese', () => {
  const cases: [string, DossierForm, ReturnType<typeof input>, RegExp][] = [
    ['Form 01 without the processing time', '01', input({}, [RECEIVED]), /thời gian giải quyết/],
    ['Form 02 for a dossier being processed', '02', input({ status: 'processing' }, [RECEIVED, ACCEPTED]), /Đang giải quyết/],
    ['Form 02 with nothing missing', '02', input({ status: 'supplement-requested' }, [RECEIVED, entry('2026-11-21T04:30:00.000Z', 'supplement', 'supplement-requested')]), /bổ sung/],
    ['Form 03 for a dossier that was not refused', '03', input({ status: 'done' }, [RECEIVED]), /Đã có kết quả, chờ trả/],
    ['Form 03 without a reason', '03', input({ status: 'refused' }, [entry('2026-11-22T01:00:00.000Z', 'refuse', 'refused')]), /lý do từ chối/],
    ['Form 04 for a dossier never delayed', '04', input({ status: 'processing' }, [RECEIVED, ACCEPTED]), /chưa được hẹn lại/],
    ['Form 04 without the earlier date', '04', input({ status: 'processing' }, [RECEIVED, entry('2026-11-24T02:00:00.000Z', 'delay', 'processing', { note: 'x', newDueAt: '2026-11-26T10:00:00.000Z' })]), /ngày hẹn trả trước/],
    ['an unknown time zone', '03', { ...input({ status: 'refused' }, [entry('2026-11-22T01:00:00.000Z', 'refuse', 'refused', { note: 'x' })]), timeZone: 'Mars/Olympus' }, /không in được/],
  ];
  it.each(cases)('%s', (_name, form, args, message) => {
    const result = dossierFormDocument(form, args);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(!result.ok && result.error.message).toMatch(message);
    expect(!result.ok && result.error.message).toContain('HK-261120-0007');
  });
});
