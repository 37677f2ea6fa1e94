/** Words of the screens' `display` (vi.ts and en.ts assemble every group; a role's screen takes the groups it shows: renderer/i18n/for-*.ts). */
const vi = {
  display: {
    paused: 'Tạm dừng',
    nowCalling: 'Mời số',
    toCounter: 'đến',
    counterLabel: (label: string): string => `Quầy ${label}`,
    noCallsYet: 'Chưa có số nào được gọi',
    takeNumberHint: 'Xin mời quý khách lấy số thứ tự tại máy kiosk',
    idle: 'Chưa gọi số',
    ready: 'Sẵn sàng gọi số tiếp',
    recentCalls: 'Vừa gọi',
    waitingTitle: 'Số người đang chờ',
    waitingPeople: (n: number): string => `${n} người`,
    enableSound: 'Bấm để bật âm thanh',
  },
};

export type DisplayStrings = typeof vi;

const en: DisplayStrings = {
  display: {
    paused: 'Paused',
    nowCalling: 'Number',
    toCounter: 'to',
    counterLabel: (label) => `Counter ${label}`,
    noCallsYet: 'No number has been called yet',
    takeNumberHint: 'Please take a number at the kiosk',
    idle: 'No number called yet',
    ready: 'Ready for the next number',
    recentCalls: 'Recent calls',
    waitingTitle: 'People waiting',
    waitingPeople: (n) => `${n} waiting`,
    enableSound: 'Tap to turn on sound',
  },
};

export const displayStrings = { vi, en };
