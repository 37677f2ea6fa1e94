/** Words of the screens' `rating` (vi.ts and en.ts assemble every group; a role's screen takes the groups it shows: renderer/i18n/for-*.ts). */
const vi = {
  rating: {
    prompt: 'Mời ông/bà đánh giá chất lượng phục vụ',
    forTicket: (n: number, counter: string): string => `Số ${n} · ${counter}`,
    levels: { 1: 'Không hài lòng', 2: 'Bình thường', 3: 'Hài lòng', 4: 'Rất hài lòng' } as Readonly<Record<1 | 2 | 3 | 4, string>>,
    commentLabel: 'Góp ý thêm (không bắt buộc)',
    commentPlaceholder: 'Ông/bà có thể viết góp ý tại đây',
    send: 'Gửi đánh giá',
    sending: 'Đang gửi…',
    chooseFirst: 'Xin chọn một mức đánh giá',
    skip: 'Bỏ qua',
    thanks: 'Cảm ơn ông/bà đã đánh giá!',
    failed: 'Chưa gửi được đánh giá',
  },
};

export type RatingStrings = typeof vi;

const en: RatingStrings = {
  rating: {
    prompt: 'Please rate the service you received',
    forTicket: (n, counter) => `Number ${n} · ${counter}`,
    levels: { 1: 'Dissatisfied', 2: 'Neutral', 3: 'Satisfied', 4: 'Very satisfied' },
    commentLabel: 'Comments (optional)',
    commentPlaceholder: 'You may write a comment here',
    send: 'Send rating',
    sending: 'Sending…',
    chooseFirst: 'Please choose a rating',
    skip: 'Skip',
    thanks: 'Thank you for your rating!',
    failed: 'The rating was not sent',
  },
};

export const ratingStrings = { vi, en };
