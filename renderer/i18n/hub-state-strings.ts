/**
 * What the screens say about the hub's state (the link down, an action being sent again): kept
 * apart from vi.ts so it reads in one place; vi.ts and en.ts each take their half under `hubState`.
 */
const vi = {
  /** The waiting-room display: for citizens, read from across the room. */
  displayTitle: 'Mất kết nối máy chủ — số mới sẽ hiện khi kết nối lại',
  displayDetail: 'Các số đã gọi vẫn giữ trên màn hình. Quý khách vui lòng chờ tại chỗ.',
  /** The counter: for the clerk. */
  counterTitle: 'Mất kết nối máy chủ — chưa gọi số được, màn hình tự cập nhật khi kết nối lại',
  counterDetail: 'Vẫn tiếp nhận hồ sơ được: hồ sơ lưu tại quầy và tự gửi lên máy chủ khi kết nối lại.',
  since: (time: string): string => `Từ ${time}`,
  resending: (count: number): string => (count > 1 ? `Đang gửi lại ${count} thao tác…` : 'Đang gửi lại…'),
  waitingToResend: (count: number): string => (count > 1 ? `Đang chờ kết nối để gửi lại ${count} thao tác…` : 'Đang chờ kết nối để gửi lại…'),
  resendingHint: 'Máy chủ chưa trả lời; thao tác được gửi lại, không bị ghi hai lần.',
};

const en: typeof vi = {
  displayTitle: 'Server connection lost — new numbers will appear once it is back',
  displayDetail: 'The numbers already called stay on screen. Please wait where you are.',
  counterTitle: 'Server connection lost — numbers cannot be called; the screen updates by itself once it is back',
  counterDetail: 'Dossiers can still be received: they are kept at the counter and sent to the server once it is back.',
  since: (time) => `Since ${time}`,
  resending: (count) => (count > 1 ? `Sending ${count} actions again…` : 'Sending again…'),
  waitingToResend: (count) => (count > 1 ? `Waiting for the connection to send ${count} actions again…` : 'Waiting for the connection to send again…'),
  resendingHint: 'No answer from the server yet; the action is sent again and will not be recorded twice.',
};

export const hubStateStrings = { vi, en };
