/** The phone page's words, Vietnamese first. Kept here (not renderer/i18n) so the page's bundle carries nothing of the big apps. */
import { RATING_NAMES_VI } from '../../core/stats/rating-levels';

export type Lang = 'vi' | 'en';

export interface PhoneStrings {
  readonly switchTo: string;
  readonly switchLang: Lang;
  readonly title: string;
  readonly brand: string;
  readonly yourNumber: string;
  readonly connecting: string;
  readonly reconnecting: string;
  readonly lost: string;
  readonly ahead: (n: number) => string;
  readonly next: string;
  readonly estimate: (minutes: number) => string;
  readonly noEstimate: string;
  readonly waitHint: string;
  readonly called: (n: number, counter: string) => string;
  readonly calledHint: string;
  readonly serving: (counter: string) => string;
  readonly done: string;
  readonly missed: string;
  readonly cancelled: string;
  readonly expired: string;
  readonly expiredHint: string;
  readonly validUntil: (day: string) => string;
  readonly soundOn: string;
  readonly soundOff: string;
  readonly reload: string;
  readonly remindTitle: string;
  readonly remindIntro: string;
  readonly remindPhone: string;
  readonly remindCount: string;
  readonly remindPeople: (n: number) => string;
  readonly remindConsent: string;
  readonly remindSend: string;
  readonly remindSet: (n: number) => string;
  readonly rateTitle: string;
  readonly rateComment: string;
  readonly rateSend: string;
  readonly rateChoose: string;
  readonly rateThanks: string;
  readonly ratingNames: Readonly<Record<1 | 2 | 3 | 4, string>>;
  readonly sending: string;
  readonly failed: (status: number) => string;
}

const dmy = (day: string) => day.split('-').reverse().join('/');

export const STRINGS: Readonly<Record<Lang, PhoneStrings>> = {
  vi: {
    switchTo: 'English',
    switchLang: 'en',
    title: 'Theo dõi lượt của bạn',
    brand: 'Một cửa',
    yourNumber: 'Số của bạn',
    connecting: 'Đang kết nối…',
    reconnecting: 'Mất kết nối, đang thử lại…',
    lost: 'Không kết nối được. Tải lại trang để thử lại.',
    ahead: (n) => `Còn ${n} người trước bạn`,
    next: 'Bạn là người tiếp theo',
    estimate: (m) => `Thời gian chờ dự kiến: khoảng ${m} phút`,
    noEstimate: 'Chưa ước tính được thời gian chờ',
    waitHint: 'Bạn có thể rời khu chờ; giữ trang này mở để nhận thông báo khi đến lượt.',
    called: (n, c) => `Mời số ${n} đến Quầy ${c}`,
    calledHint: 'Vui lòng đến quầy ngay.',
    serving: (c) => `Đang được phục vụ tại Quầy ${c}`,
    done: 'Đã hoàn thành. Cảm ơn bạn!',
    missed: 'Số của bạn đã được gọi nhưng bạn vắng mặt. Vui lòng liên hệ bàn hướng dẫn.',
    cancelled: 'Vé này đã bị hủy.',
    expired: 'Vé đã hết hạn',
    expiredHint: 'Vé chỉ có hiệu lực trong ngày lấy số.',
    validUntil: (d) => `Trang có hiệu lực đến hết ngày ${dmy(d)}.`,
    soundOn: 'Tắt âm báo',
    soundOff: 'Bật âm báo',
    reload: 'Tải lại',
    remindTitle: 'Nhắc tôi khi sắp đến lượt',
    remindIntro: 'Chúng tôi gửi MỘT tin Zalo (hoặc SMS) đến số của bạn khi còn ít người trước bạn.',
    remindPhone: 'Số điện thoại di động',
    remindCount: 'Nhắc khi còn',
    remindPeople: (n) => `${n} người`,
    remindConsent: 'Tôi đồng ý nhận tin nhắn nhắc lượt qua Zalo/SMS đến số này. Số chỉ dùng cho tin này và được xoá khi hết ngày.',
    remindSend: 'Đặt lời nhắc',
    remindSet: (n) => `Đã đặt lời nhắc: chúng tôi sẽ nhắn tin khi còn ${n} người trước bạn.`,
    rateTitle: 'Bạn có hài lòng với việc phục vụ hôm nay?',
    rateComment: 'Góp ý (không bắt buộc)',
    rateSend: 'Gửi đánh giá',
    rateChoose: 'Vui lòng chọn một mức đánh giá.',
    rateThanks: 'Cảm ơn bạn đã đánh giá!',
    ratingNames: RATING_NAMES_VI,
    sending: 'Đang gửi…',
    failed: (status) => (status === 429 ? 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.' : 'Không gửi được. Vui lòng thử lại.'),
  },
  en: {
    switchTo: 'Tiếng Việt',
    switchLang: 'vi',
    title: 'Follow your turn',
    brand: 'One-stop centre',
    yourNumber: 'Your number',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost, retrying…',
    lost: 'Cannot connect. Reload the page to try again.',
    ahead: (n) => `${n} ${n === 1 ? 'person' : 'people'} ahead of you`,
    next: 'You are next',
    estimate: (m) => `Estimated wait: about ${m} min`,
    noEstimate: 'No wait estimate yet',
    waitHint: 'You may leave the waiting area; keep this page open to be alerted when it is your turn.',
    called: (n, c) => `Number ${n}, please go to Counter ${c}`,
    calledHint: 'Please go to the counter now.',
    serving: (c) => `Being served at Counter ${c}`,
    done: 'Completed. Thank you!',
    missed: 'Your number was called but you were not there. Please ask at the help desk.',
    cancelled: 'This ticket was cancelled.',
    expired: 'This ticket has expired',
    expiredHint: 'A ticket is valid only on the day it was issued.',
    validUntil: (d) => `This page is valid until the end of ${dmy(d)}.`,
    soundOn: 'Sound off',
    soundOff: 'Sound on',
    reload: 'Reload',
    remindTitle: 'Remind me when my turn is near',
    remindIntro: 'We send ONE Zalo message (or SMS) to your number when only a few people are ahead of you.',
    remindPhone: 'Mobile number',
    remindCount: 'Remind me when',
    remindPeople: (n) => `${n} ${n === 1 ? 'person is' : 'people are'} ahead`,
    remindConsent: 'I agree to receive the reminder by Zalo/SMS at this number. It is used for this message only and erased at the end of the day.',
    remindSend: 'Set reminder',
    remindSet: (n) => `Reminder set: we will text you when ${n} ${n === 1 ? 'person is' : 'people are'} ahead of you.`,
    rateTitle: 'Were you satisfied with the service today?',
    rateComment: 'Comment (optional)',
    rateSend: 'Send rating',
    rateChoose: 'Please choose a rating.',
    rateThanks: 'Thank you for your rating!',
    ratingNames: { 1: 'Dissatisfied', 2: 'Neutral', 3: 'Satisfied', 4: 'Very satisfied' },
    sending: 'Sending…',
    failed: (status) => (status === 429 ? 'Too many requests. Please try again in a few minutes.' : 'Could not send. Please try again.'),
  },
};
