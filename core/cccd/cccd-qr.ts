import type { AppError } from '../result';
import { compareDates, formatLocalDate, isRealDate, vietnamWallTime, type LocalDate } from '../calendar/local-time';
import { centurySexDigit, decodeCenturySexDigit, PROVINCE_CODES, type Sex } from './cccd-number';

/**
 * The QR code on the back of a chip citizen ID card (CCCD):
 *   `id12|oldId9|Full Name|ddmmyyyy|Nam/Nữ|address|ddmmyyyy(issued)`
 * Read through serial and keyboard-wedge scanners, so the parser forgives what scanners add
 * (an AIM symbology prefix such as "]Q1", other leading noise, CR/LF, decomposed Unicode,
 * empty trailing fields) and nothing about the content: a wrong id or an impossible date is
 * refused with a message the clerk can read to the citizen.
 */

export interface CccdApplicant {
  readonly id: string;
  /** The old 9-digit (or 12-digit) CMND number, when the card carries one. */
  readonly oldId: string | null;
  readonly fullName: string;
  /** YYYY-MM-DD */
  readonly dateOfBirth: string;
  readonly sex: Sex;
  readonly address: string;
  /** YYYY-MM-DD */
  readonly issueDate: string;
  /** Province where the birth was registered (the id's first 3 digits). */
  readonly provinceCode: string;
}

export type CccdField = 'content' | 'id' | 'oldId' | 'fullName' | 'dateOfBirth' | 'sex' | 'address' | 'issueDate';

export interface CccdProblem {
  readonly field: CccdField;
  readonly message: string;
}

/** The first problem as the error (kind, message, field), with all of them for a form that marks every field. */
export interface CccdError extends AppError {
  readonly kind: 'invalid-input';
  readonly field: CccdField;
  readonly problems: readonly CccdProblem[];
}

export type CccdParseResult = { readonly ok: true; readonly value: CccdApplicant } | { readonly ok: false; readonly error: CccdError };

const FIELD_COUNT = 7;
/** AIM symbology identifier some scanners put first: "]" + code character + modifier ("]Q1" QR, "]d1" Data Matrix). */
const SYMBOLOGY_ID = /^\][A-Za-z][0-9A-Za-z]/;

const dmy = (d: LocalDate) => `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;

function parseCardDate(text: string, label: string, field: CccdField, problems: CccdProblem[]): LocalDate | undefined {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!m) {
    problems.push({ field, message: `${label} phải có dạng ddmmyyyy (8 chữ số), đọc được "${text}"` });
    return undefined;
  }
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) {
    problems.push({ field, message: `${label} ${m[1]}/${m[2]}/${m[3]} không phải là ngày có thật` });
    return undefined;
  }
  return { year, month, day };
}

/** Splits the scanned text into fields, forgiving what scanners add around the card's content. */
function fieldsOf(content: string): string[] {
  const text = content.normalize('NFC').replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '').trim();
  const fields = text.split('|');
  fields[0] = (fields[0] ?? '').replace(SYMBOLOGY_ID, '').replace(/^\D+/, '');
  while (fields.length > FIELD_COUNT && fields[fields.length - 1]!.trim() === '') fields.pop();
  return fields;
}

export function parseCccdQr(content: string, now: Date): CccdParseResult {
  const problems: CccdProblem[] = [];
  const fail = (): CccdParseResult => ({ ok: false, error: { kind: 'invalid-input', field: problems[0]!.field, message: problems[0]!.message, problems } });
  if (content.trim() === '') {
    problems.push({ field: 'content', message: 'Mã QR trống: chưa đọc được gì từ thẻ' });
    return fail();
  }
  const fields = fieldsOf(content);
  if (fields.length === 1) {
    // A receipt QR, a web link, a barcode: the clerk scanned something else.
    problems.push({ field: 'content', message: 'Đây không phải mã QR trên thẻ CCCD (không có các trường ngăn cách bởi dấu "|")' });
    return fail();
  }
  if (fields.length !== FIELD_COUNT) {
    const what = fields.length < FIELD_COUNT ? 'thiếu trường, có thể mã bị đọc thiếu' : 'thừa trường';
    problems.push({ field: 'content', message: `Mã QR trên thẻ CCCD có ${FIELD_COUNT} trường ngăn cách bởi dấu "|", mã này có ${fields.length} (${what})` });
    return fail();
  }
  const [id, oldId, rawName, birthText, sexText, rawAddress, issueText] = fields.map((f) => f.trim()) as [string, string, string, string, string, string, string];

  const idOk = /^\d{12}$/.test(id);
  if (!idOk) problems.push({ field: 'id', message: `Số CCCD phải có 12 chữ số, đọc được "${id}"` });
  else if (!PROVINCE_CODES.has(id.slice(0, 3))) problems.push({ field: 'id', message: `Số CCCD ${id}: mã tỉnh nơi đăng ký khai sinh "${id.slice(0, 3)}" (3 chữ số đầu) không có trong danh mục 001–096` });
  if (oldId !== '' && !/^(\d{9}|\d{12})$/.test(oldId)) problems.push({ field: 'oldId', message: `Số CMND cũ phải có 9 hoặc 12 chữ số hoặc để trống, đọc được "${oldId}"` });
  const fullName = rawName.replace(/\s+/g, ' ');
  if (fullName === '') problems.push({ field: 'fullName', message: 'Họ và tên không được để trống' });
  else if (/\d/.test(fullName)) problems.push({ field: 'fullName', message: `Họ và tên không được chứa chữ số, đọc được "${fullName}"` });
  const birth = parseCardDate(birthText, 'Ngày sinh', 'dateOfBirth', problems);
  const sex: Sex | undefined = sexText === 'Nam' || sexText === 'Nữ' ? sexText : undefined;
  if (!sex) problems.push({ field: 'sex', message: `Giới tính phải là "Nam" hoặc "Nữ", đọc được "${sexText}"` });
  const address = rawAddress.replace(/\s+/g, ' ');
  if (address === '') problems.push({ field: 'address', message: 'Nơi thường trú không được để trống' });
  const issue = parseCardDate(issueText, 'Ngày cấp', 'issueDate', problems);

  const today = vietnamWallTime(now);
  if (birth && compareDates(birth, today) > 0) problems.push({ field: 'dateOfBirth', message: `Ngày sinh ${dmy(birth)} ở tương lai` });
  if (issue && compareDates(issue, today) > 0) problems.push({ field: 'issueDate', message: `Ngày cấp ${dmy(issue)} ở tương lai (hôm nay ${dmy(today)})` });
  if (birth && issue && compareDates(issue, birth) <= 0) problems.push({ field: 'issueDate', message: `Ngày cấp ${dmy(issue)} phải sau ngày sinh ${dmy(birth)}` });
  if (idOk && birth && sex) {
    const digit = Number(id[3]);
    const expected = centurySexDigit(birth.year, sex);
    const said = decodeCenturySexDigit(digit);
    if (expected === undefined) problems.push({ field: 'dateOfBirth', message: `Năm sinh ${birth.year} nằm ngoài các thế kỷ số CCCD mã hoá (1800–2299)` });
    else if (digit !== expected) {
      problems.push({ field: 'id', message: `Số CCCD ${id}: chữ số thứ 4 là ${digit} (${said.sex}, sinh ${said.century}–${said.century + 99}) nhưng thẻ ghi ${sex}, sinh năm ${birth.year} (phải là ${expected})` });
    }
    if (id.slice(4, 6) !== String(birth.year % 100).padStart(2, '0')) {
      problems.push({ field: 'id', message: `Số CCCD ${id}: chữ số thứ 5–6 là "${id.slice(4, 6)}" nhưng năm sinh là ${birth.year} (phải là "${String(birth.year % 100).padStart(2, '0')}")` });
    }
  }
  if (problems.length > 0 || !birth || !issue || !sex) return fail();
  return {
    ok: true,
    value: { id, oldId: oldId === '' ? null : oldId, fullName, dateOfBirth: formatLocalDate(birth), sex, address, issueDate: formatLocalDate(issue), provinceCode: id.slice(0, 3) },
  };
}
