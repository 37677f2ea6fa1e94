/** The booking page's words, Vietnamese first. Kept here (not renderer/i18n) so the page's bundle carries nothing of the big apps. */
export type Lang = 'vi' | 'en';

const WEEKDAYS: Readonly<Record<Lang, readonly string[]>> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
export const dmy = (date: string): string => date.split('-').reverse().join('/');
const weekday = (lang: Lang, date: string) => WEEKDAYS[lang][new Date(`${date}T00:00:00Z`).getUTCDay()]!;

export interface BookingStrings {
  readonly switchTo: string;
  readonly switchLang: Lang;
  readonly title: string;
  readonly tabBook: string;
  readonly tabManage: string;
  readonly loading: string;
  readonly failed: string;
  readonly retry: string;
  readonly back: string;
  readonly stepService: string;
  readonly stepDay: string;
  readonly stepSlot: string;
  readonly stepForm: string;
  readonly day: (date: string) => string;
  readonly closed: string;
  readonly free: (n: number) => string;
  readonly full: string;
  readonly past: string;
  readonly noSlots: string;
  readonly held: (slot: string, date: string, until: string) => string;
  readonly heldLeft: (mmss: string) => string;
  readonly name: string;
  readonly phone: string;
  readonly phoneHint: string;
  readonly cccd: string;
  readonly cccdHint: string;
  readonly confirm: string;
  readonly chooseAgain: string;
  readonly booked: string;
  readonly code: string;
  readonly qrAlt: (code: string) => string;
  readonly bring: string;
  readonly when: (slot: string, date: string) => string;
  readonly who: (initials: string, phone: string) => string;
  readonly state: Readonly<Record<'booked' | 'checked-in' | 'cancelled', string>>;
  readonly manageTitle: string;
  readonly manageHint: string;
  readonly find: string;
  readonly cancel: string;
  readonly cancelSure: string;
  readonly move: string;
  readonly moveTitle: (code: string) => string;
  readonly moveConfirm: (slot: string, date: string) => string;
  readonly cancelled: string;
  readonly moved: string;
  readonly newBooking: string;
}

export const STRINGS: Readonly<Record<Lang, BookingStrings>> = {
  vi: {
    switchTo: 'English',
    switchLang: 'en',
    title: 'Đặt lịch hẹn',
    tabBook: 'Đặt lịch',
    tabManage: 'Huỷ / đổi lịch',
    loading: 'Đang tải…',
    failed: 'Không kết nối được máy chủ.',
    retry: 'Thử lại',
    back: '← Quay lại',
    stepService: '1. Chọn dịch vụ',
    stepDay: '2. Chọn ngày',
    stepSlot: '3. Chọn giờ',
    stepForm: '4. Thông tin người đặt',
    day: (d) => `${weekday('vi', d)}, ${dmy(d)}`,
    closed: 'Nghỉ',
    free: (n) => `còn ${n} chỗ`,
    full: 'Hết chỗ',
    past: 'Đã qua',
    noSlots: 'Ngày này không còn khung giờ nào trống.',
    held: (s, d, u) => `Đang giữ chỗ lúc ${s} ngày ${dmy(d)} cho bạn đến ${u}.`,
    heldLeft: (t) => `Còn ${t}`,
    name: 'Họ và tên',
    phone: 'Số điện thoại',
    phoneHint: 'Số di động Việt Nam, ví dụ 0912 345 678',
    cccd: 'Số CCCD (không bắt buộc)',
    cccdHint: '12 chữ số',
    confirm: 'Xác nhận đặt lịch',
    chooseAgain: 'Chọn giờ khác',
    booked: 'Đặt lịch thành công',
    code: 'Mã lịch hẹn',
    qrAlt: (c) => `Mã QR của lịch hẹn ${c}`,
    bring: 'Khi đến trung tâm, quét mã QR này hoặc nhập mã tại ki-ốt ("Tôi đã đặt lịch hẹn") để lấy số ưu tiên. Vui lòng đến trước giờ hẹn 10–15 phút.',
    when: (s, d) => `${s}, ${weekday('vi', d)} ${dmy(d)}`,
    who: (i, p) => `Người đặt: ${i} · ${p}`,
    state: { booked: 'Đã đặt', 'checked-in': 'Đã đến', cancelled: 'Đã huỷ' },
    manageTitle: 'Huỷ hoặc đổi lịch hẹn',
    manageHint: 'Nhập mã lịch hẹn và số điện thoại đã dùng khi đặt.',
    find: 'Tìm lịch hẹn',
    cancel: 'Huỷ lịch hẹn',
    cancelSure: 'Bấm lần nữa để xác nhận huỷ',
    move: 'Đổi lịch',
    moveTitle: (c) => `Đổi lịch hẹn ${c}`,
    moveConfirm: (s, d) => `Đổi sang ${s} ngày ${dmy(d)}`,
    cancelled: 'Đã huỷ lịch hẹn.',
    moved: 'Đã đổi lịch hẹn.',
    newBooking: 'Đặt lịch khác',
  },
  en: {
    switchTo: 'Tiếng Việt',
    switchLang: 'vi',
    title: 'Book an appointment',
    tabBook: 'Book',
    tabManage: 'Cancel / change',
    loading: 'Loading…',
    failed: 'Cannot reach the server.',
    retry: 'Try again',
    back: '← Back',
    stepService: '1. Choose a service',
    stepDay: '2. Choose a day',
    stepSlot: '3. Choose a time',
    stepForm: '4. Your details',
    day: (d) => `${weekday('en', d)}, ${dmy(d)}`,
    closed: 'Closed',
    free: (n) => `${n} place${n === 1 ? '' : 's'} left`,
    full: 'Full',
    past: 'Passed',
    noSlots: 'No free time left on this day.',
    held: (s, d, u) => `${s} on ${dmy(d)} is held for you until ${u}.`,
    heldLeft: (t) => `${t} left`,
    name: 'Full name',
    phone: 'Phone number',
    phoneHint: 'Vietnamese mobile number, e.g. 0912 345 678',
    cccd: 'Citizen ID (CCCD, optional)',
    cccdHint: '12 digits',
    confirm: 'Confirm booking',
    chooseAgain: 'Choose another time',
    booked: 'Your appointment is booked',
    code: 'Booking code',
    qrAlt: (c) => `QR code of booking ${c}`,
    bring: 'At the centre, scan this QR code or type the code at the kiosk ("I have an appointment") to get a priority number. Please arrive 10–15 minutes early.',
    when: (s, d) => `${s}, ${weekday('en', d)} ${dmy(d)}`,
    who: (i, p) => `Booked by: ${i} · ${p}`,
    state: { booked: 'Booked', 'checked-in': 'Arrived', cancelled: 'Cancelled' },
    manageTitle: 'Cancel or change a booking',
    manageHint: 'Enter the booking code and the phone number used to book.',
    find: 'Find booking',
    cancel: 'Cancel booking',
    cancelSure: 'Tap again to confirm',
    move: 'Change time',
    moveTitle: (c) => `Change booking ${c}`,
    moveConfirm: (s, d) => `Move to ${s} on ${dmy(d)}`,
    cancelled: 'The booking is cancelled.',
    moved: 'The booking is changed.',
    newBooking: 'Book another',
  },
};
