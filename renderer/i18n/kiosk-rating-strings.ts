import type { RatingRefusalReason } from '../../core/stats/rating-rule';

/**
 * The words of the kiosk's "Đánh giá dịch vụ": kept apart from vi.ts so the feature reads in one
 * place; vi.ts and en.ts each take their half under `kioskRating` (beside `kioskLookup`).
 */
/** The reasons a citizen may add, stored as the rating's comment in Vietnamese whatever the screen's language. */
const REASONS = ['Cán bộ hướng dẫn tận tình', 'Giải quyết nhanh', 'Phải chờ lâu', 'Hướng dẫn chưa rõ', 'Thái độ chưa tốt'] as const;

const vi = {
  title: 'Đánh giá chất lượng phục vụ',
  hint: 'Nhập số in trên vé của bạn (ví dụ 1023) — hoặc đưa mã QR trên vé vào máy quét',
  numberLabel: 'Số vé',
  keypad: 'Bàn phím nhập số vé',
  next: 'Tiếp tục',
  /** "Quầy 3 — Nguyễn Thị Lan đã phục vụ bạn lúc 09:42". */
  servedBy: (counter: string, clerk: string | null, time: string | null): string =>
    `Quầy ${counter}${clerk ? ` — ${clerk}` : ''} đã phục vụ bạn${time ? ` lúc ${time}` : ''}`,
  ticket: (n: number, service: string): string => `Vé số ${n} · ${service}`,
  prompt: 'Bạn hài lòng với lượt phục vụ này ở mức nào?',
  reasonTitle: 'Lý do (không bắt buộc)',
  reasons: REASONS.map((value) => ({ value, label: value })) as readonly { readonly value: string; readonly label: string }[],
  send: 'Gửi đánh giá',
  chooseFirst: 'Xin chọn một mức đánh giá',
  sending: 'Đang gửi…',
  thanks: 'Cảm ơn bạn đã đánh giá!',
  thanksHint: 'Ý kiến của bạn giúp trung tâm phục vụ tốt hơn.',
  again: 'Nhập số khác',
  refusedTitle: {
    unknown: 'Không tìm thấy vé',
    'not-served': 'Lượt này chưa được phục vụ xong',
    'already-rated': 'Lượt này đã được đánh giá',
    'other-day': 'Vé không phải của hôm nay',
  } satisfies Record<RatingRefusalReason | 'unknown', string>,
  /** Under the title: in Vietnamese the hub's own words (they name the ticket), in English a translation. */
  refusedDetail: (_reason: RatingRefusalReason | 'unknown', hubMessage: string): string => hubMessage,
};

export type KioskRatingStrings = typeof vi;

const EN_DETAIL: Readonly<Record<RatingRefusalReason | 'unknown', string>> = {
  unknown: 'There is no ticket with this number today. Please check the number printed on your ticket.',
  'not-served': 'You can rate a visit once the clerk has finished serving you.',
  'already-rated': 'Each visit can be rated only once. Thank you!',
  'other-day': 'A visit can be rated only on the day you were served.',
};

const en: KioskRatingStrings = {
  title: 'Rate the service you received',
  hint: 'Enter the number printed on your ticket (e.g. 1023) — or hold the ticket’s QR code to the scanner',
  numberLabel: 'Ticket number',
  keypad: 'Keypad for the ticket number',
  next: 'Continue',
  servedBy: (counter, clerk, time) => `Counter ${counter}${clerk ? ` — ${clerk}` : ''} served you${time ? ` at ${time}` : ''}`,
  ticket: (n, service) => `Ticket ${n} · ${service}`,
  prompt: 'How satisfied are you with this visit?',
  reasonTitle: 'Reason (optional)',
  reasons: REASONS.map((value, i) => ({ value, label: ['Helpful staff', 'Quickly handled', 'Long wait', 'Unclear guidance', 'Unfriendly attitude'][i]! })),
  send: 'Send rating',
  chooseFirst: 'Please choose a level',
  sending: 'Sending…',
  thanks: 'Thank you for your rating!',
  thanksHint: 'Your opinion helps the centre serve you better.',
  again: 'Enter another number',
  refusedTitle: {
    unknown: 'Ticket not found',
    'not-served': 'This visit is not finished yet',
    'already-rated': 'This visit has already been rated',
    'other-day': 'This ticket is not from today',
  },
  refusedDetail: (reason) => EN_DETAIL[reason],
};

export const kioskRatingStrings = { vi, en } as const;
