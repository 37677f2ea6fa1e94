import { describe, expect, it } from 'vitest';
import { centurySexDigit, PROVINCE_CODES } from '../../core/cccd/cccd-number';
import { parseCccdQr, type CccdField } from '../../core/cccd/cccd-qr';
import { AN, BINH } from './cccd-fixtures';

const NOW = new Date('2026-03-02T03:00:00Z'); // 10:00 in Hà Nội

const fields = (content: string) => content.split('|');
const withField = (content: string, index: number, value: string) => fields(content).map((f, i) => (i === index ? value : f)).join('|');

describe('CCCD QR content', () => {
  it('reads every field', () => {
    expect(parseCccdQr(AN, NOW)).toEqual({
      ok: true,
      value: {
        id: '001090012345',
        oldId: '123456789',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1990-03-15',
        sex: 'Nam',
        address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
        issueDate: '2021-08-10',
        provinceCode: '001',
      },
    });
    expect(parseCccdQr(BINH, NOW)).toMatchObject({ ok: true, value: { oldId: null, sex: 'Nữ', dateOfBirth: '2005-09-02', provinceCode: '079' } });
  });

  it.each([
    ['an AIM symbology prefix', `]Q1${AN}`],
    ['other scanner noise before the id', `QR:${AN}`],
    ['CR LF', `${AN}\r\n`],
    ['a lone LF', `${AN}\n`],
    ['decomposed Unicode (NFD)', AN.normalize('NFD')],
    ['empty trailing fields', `${AN}||`],
    ['a byte order mark', `\uFEFF${AN}`],
    ['doubled spaces in the name', withField(AN, 2, ' Nguyễn  Văn   An ')],
  ])('forgives %s', (_what, content) => {
    const r = parseCccdQr(content, NOW);
    expect(r).toMatchObject({ ok: true, value: { id: '001090012345', fullName: 'Nguyễn Văn An', sex: 'Nam' } });
    if (r.ok) expect(r.value.fullName).toBe(r.value.fullName.normalize('NFC'));
  });

  it.each<[string, string, CccdField, string]>([
    ['empty', '', 'content', 'Mã QR trống'],
    ['another kind of QR', 'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=BN-2026-000123', 'content', 'Đây không phải mã QR trên thẻ CCCD'],
    ['six fields (cut short)', fields(AN).slice(0, 6).join('|'), 'content', 'có 6 (thiếu trường'],
    ['a non-empty eighth field', `${AN}|thừa`, 'content', 'có 8 (thừa trường)'],
    ['11-digit id', withField(AN, 0, '00109001234'), 'id', 'Số CCCD phải có 12 chữ số, đọc được "00109001234"'],
    ['13-digit id', withField(AN, 0, '0010900123456'), 'id', 'Số CCCD phải có 12 chữ số'],
    ['letters in the id', withField(AN, 0, '00109001234X'), 'id', 'Số CCCD phải có 12 chữ số'],
    ['unknown province 003', withField(AN, 0, '003090012345'), 'id', 'mã tỉnh nơi đăng ký khai sinh "003"'],
    ['province 097 beyond the list', withField(AN, 0, '097090012345'), 'id', 'không có trong danh mục 001–096'],
    ['century digit of a woman on a man', withField(AN, 0, '001190012345'), 'id', 'chữ số thứ 4 là 1 (Nữ, sinh 1900–1999) nhưng thẻ ghi Nam, sinh năm 1990 (phải là 0)'],
    ['21st-century digit for a 1990 birth', withField(AN, 0, '001290012345'), 'id', 'chữ số thứ 4 là 2 (Nam, sinh 2000–2099)'],
    ['year digits not the birth year', withField(AN, 0, '001085012345'), 'id', 'chữ số thứ 5–6 là "85" nhưng năm sinh là 1990 (phải là "90")'],
    ['old id of 5 digits', withField(AN, 1, '12345'), 'oldId', 'Số CMND cũ phải có 9 hoặc 12 chữ số'],
    ['empty name', withField(AN, 2, '  '), 'fullName', 'Họ và tên không được để trống'],
    ['digits in the name', withField(AN, 2, 'Nguyễn V4n An'), 'fullName', 'không được chứa chữ số'],
    ['31/02', withField(AN, 3, '31021990'), 'dateOfBirth', 'Ngày sinh 31/02/1990 không phải là ngày có thật'],
    ['29/02 of a common year', withField(AN, 3, '29021990'), 'dateOfBirth', 'không phải là ngày có thật'],
    ['a 7-digit date', withField(AN, 3, '1503199'), 'dateOfBirth', 'Ngày sinh phải có dạng ddmmyyyy (8 chữ số), đọc được "1503199"'],
    ['a formatted date', withField(AN, 3, '15/03/1990'), 'dateOfBirth', 'ddmmyyyy'],
    ['sex in English', withField(AN, 4, 'Male'), 'sex', 'Giới tính phải là "Nam" hoặc "Nữ", đọc được "Male"'],
    ['sex without diacritics', withField(BINH, 4, 'Nu'), 'sex', 'Giới tính phải là "Nam" hoặc "Nữ"'],
    ['empty address', withField(AN, 5, ''), 'address', 'Nơi thường trú không được để trống'],
    ['issue date 30/13', withField(AN, 6, '30132021'), 'issueDate', 'Ngày cấp 30/13/2021 không phải là ngày có thật'],
    ['issued before birth', withField(AN, 6, '01011990'), 'issueDate', 'Ngày cấp 01/01/1990 phải sau ngày sinh 15/03/1990'],
    ['issued in the future', withField(AN, 6, '03032026'), 'issueDate', 'Ngày cấp 03/03/2026 ở tương lai (hôm nay 02/03/2026)'],
  ])('refuses %s with a message for that field', (_what, content, field, message) => {
    const r = parseCccdQr(content, NOW);
    if (r.ok) throw new Error(`accepted: ${content}`);
    expect(r.error.kind).toBe('invalid-input');
    expect(r.error.problems.map((p) => p.field)).toContain(field);
    expect(r.error.problems.map((p) => p.message).join('\n')).toContain(message);
  });

  it('lists every problem at once, for a form that marks each field', () => {
    const r = parseCccdQr('00109001234|1|X|31021990|M||01012030', NOW);
    if (r.ok) throw new Error('accepted');
    expect(r.error.problems.map((p) => p.field)).toEqual(['id', 'oldId', 'dateOfBirth', 'sex', 'address', 'issueDate']);
    expect(r.error).toMatchObject({ field: 'id', message: r.error.problems[0]!.message });
  });

  it('judges "today" in Vietnam, not in UTC', () => {
    const issuedToday = withField(AN, 6, '10082021');
    expect(parseCccdQr(issuedToday, new Date('2021-08-09T17:00:00Z')).ok).toBe(true); // 00:00 on 10/8 in Hà Nội
    expect(parseCccdQr(issuedToday, new Date('2021-08-09T16:59:00Z')).ok).toBe(false); // still 9/8 there
  });

  it('knows the number structure', () => {
    expect(PROVINCE_CODES.size).toBe(63);
    expect([centurySexDigit(1990, 'Nam'), centurySexDigit(1990, 'Nữ'), centurySexDigit(2005, 'Nam'), centurySexDigit(2005, 'Nữ'), centurySexDigit(1899, 'Nam'), centurySexDigit(2100, 'Nữ')]).toEqual([0, 1, 2, 3, 8, 5]);
    expect(centurySexDigit(1799, 'Nam')).toBeUndefined();
  });
});
