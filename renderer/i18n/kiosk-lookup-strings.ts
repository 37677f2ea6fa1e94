/**
 * The words of the kiosk's dossier lookup ("Tra cứu hồ sơ"): kept apart from vi.ts so the feature
 * reads in one place; vi.ts and en.ts each take their half under `kioskLookup`.
 */
const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** "2026-11-24T17:00" (the centre's wall time) → its parts, or null for anything else. */
function wallTime(local: string): { y: number; m: number; d: number; time: string; weekday: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(local);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { y, m: mo, d, time: m[4]!, weekday: new Date(Date.UTC(y, mo - 1, d)).getUTCDay() };
}
const pad = (n: number): string => String(n).padStart(2, '0');

const vi = {
  title: 'Tra cứu tình trạng hồ sơ',
  hint: 'Nhập mã hồ sơ in trên giấy tiếp nhận (ví dụ HK-261120-0007) — hoặc đưa mã QR trên giấy vào máy quét',
  codeLabel: 'Mã hồ sơ',
  keypad: 'Bàn phím nhập mã hồ sơ',
  letters: 'Chữ cái',
  digits: 'Chữ số',
  erase: '⌫ Xoá',
  submit: 'Tra cứu',
  looking: 'Đang tra cứu…',
  code: 'Mã hồ sơ',
  procedure: 'Thủ tục',
  applicant: 'Người nộp',
  due: 'Hẹn trả kết quả',
  collectAt: 'Nơi trả kết quả',
  overdue: 'Đã quá hạn — bộ phận giải quyết sẽ gửi phiếu xin lỗi và hẹn lại ngày trả',
  missingTitle: 'Cần bổ sung các giấy tờ sau:',
  missingHint: 'Vui lòng mang đến quầy tiếp nhận để bổ sung hồ sơ.',
  another: 'Tra cứu hồ sơ khác',
  home: 'Về màn hình chính',
  notFound: 'Không tìm thấy hồ sơ',
  wrongCode: 'Mã chưa đúng',
  dueAt: (local: string): string => {
    const t = wallTime(local);
    return t === null ? local : `${t.time}, ${WEEKDAYS_VI[t.weekday]} ${pad(t.d)}/${pad(t.m)}/${t.y}`;
  },
};

export type KioskLookupStrings = typeof vi;

const en: KioskLookupStrings = {
  title: 'Check the status of a dossier',
  hint: 'Enter the dossier code printed on your receipt (e.g. HK-261120-0007) — or hold the receipt’s QR code to the scanner',
  codeLabel: 'Dossier code',
  keypad: 'Keypad for the dossier code',
  letters: 'Letters',
  digits: 'Digits',
  erase: '⌫ Delete',
  submit: 'Look up',
  looking: 'Looking up…',
  code: 'Dossier code',
  procedure: 'Procedure',
  applicant: 'Applicant',
  due: 'Result due',
  collectAt: 'Collect the result at',
  overdue: 'Overdue — the department will send an apology with a new date',
  missingTitle: 'Please bring the following:',
  missingHint: 'Hand them in at the reception counter.',
  another: 'Check another dossier',
  home: 'Back to the start',
  notFound: 'Dossier not found',
  wrongCode: 'That code is not right',
  dueAt: (local: string): string => {
    const t = wallTime(local);
    return t === null ? local : `${t.time}, ${WEEKDAYS_EN[t.weekday]} ${pad(t.d)}/${pad(t.m)}/${t.y}`;
  },
};

export const kioskLookupStrings = { vi, en } as const;
