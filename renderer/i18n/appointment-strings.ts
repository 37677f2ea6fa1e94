import type { AppointmentState } from '../../core/appointments/appointments';

/** Words of the screens' `appointment` (vi.ts and en.ts assemble every group; a role's screen takes the groups it shows: renderer/i18n/for-*.ts). */
const vi = {
  appointment: {
    button: 'Tôi đã đặt lịch hẹn',
    buttonHint: 'Nhập hoặc quét mã lịch hẹn để lấy số',
    enterCode: 'Nhập mã lịch hẹn của bạn',
    codeHint: 'Mã gồm 6 ký tự trên giấy hẹn hoặc tin nhắn — hoặc đưa mã QR vào máy quét',
    codeLabel: 'Mã lịch hẹn',
    keypad: 'Bàn phím nhập mã',
    erase: '⌫ Xoá',
    submit: 'Xác nhận',
    title: 'Đặt lịch hẹn',
    service: 'Dịch vụ',
    date: 'Ngày',
    slot: 'Khung giờ',
    citizenName: 'Họ tên người dân',
    phone: 'Số điện thoại (không bắt buộc)',
    book: 'Đặt lịch',
    bookedCode: (code: string, date: string, slot: string): string => `Đã đặt lịch — mã ${code} (${slot} ngày ${date})`,
    slotOption: (start: string, free: number, capacity: number): string => (free > 0 ? `${start} — còn ${free}/${capacity} chỗ` : `${start} — đã kín`),
    noSlots: 'Không có khung giờ',
    dayList: (date: string): string => `Lịch hẹn ngày ${date}`,
    noBookings: 'Chưa có lịch hẹn nào.',
    code: 'Mã',
    state: 'Trạng thái',
    states: { booked: 'Đã đặt', 'checked-in': 'Đã đến', cancelled: 'Đã huỷ' } satisfies Record<AppointmentState, string>,
    ticket: (n: number): string => `số ${n}`,
    cancel: 'Huỷ lịch',
  },
};

export type AppointmentStrings = typeof vi;

const en: AppointmentStrings = {
  appointment: {
    button: 'I have an appointment',
    buttonHint: 'Enter or scan your booking code to get a number',
    enterCode: 'Enter your booking code',
    codeHint: 'The 6 characters on your appointment slip or text message — or hold its QR code to the scanner',
    codeLabel: 'Booking code',
    keypad: 'Code keypad',
    erase: '⌫ Delete',
    submit: 'Confirm',
    title: 'Book an appointment',
    service: 'Service',
    date: 'Date',
    slot: 'Time slot',
    citizenName: "Citizen's full name",
    phone: 'Phone (optional)',
    book: 'Book',
    bookedCode: (code: string, date: string, slot: string): string => `Booked — code ${code} (${slot} on ${date})`,
    slotOption: (start: string, free: number, capacity: number): string => (free > 0 ? `${start} — ${free}/${capacity} free` : `${start} — full`),
    noSlots: 'No time slots',
    dayList: (date: string): string => `Appointments on ${date}`,
    noBookings: 'No appointments yet.',
    code: 'Code',
    state: 'State',
    states: { booked: 'Booked', 'checked-in': 'Arrived', cancelled: 'Cancelled' },
    ticket: (n: number): string => `no. ${n}`,
    cancel: 'Cancel',
  },
};

export const appointmentStrings = { vi, en };
