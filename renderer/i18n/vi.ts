import type { TicketState } from '../../core/queue/types';
import { stateNameVi } from '../../core/queue/ticket-state';
import type { ErrorKind } from '../../core/result';

/**
 * Every word the screens show, Vietnamese first. `Strings` is this object's type, so another
 * language (en.ts) that misses or misspells a key fails the typecheck.
 */
export const vi = {
  locale: 'vi-VN',
  app: {
    title: 'Một cửa',
    connecting: 'Đang kết nối với máy trạm…',
    unauthorizedTitle: 'Chưa mở đúng địa chỉ màn hình',
    unauthorizedBody:
      'Trang này không có mã truy cập hợp lệ. Cán bộ kỹ thuật vui lòng mở đúng địa chỉ (có chứa “?token=…”) mà chương trình máy trạm in ra khi khởi động.',
    unauthorizedHint: 'Nếu máy trạm vừa khởi động lại thì mã truy cập đã thay đổi — hãy mở địa chỉ mới.',
    waitingForDevice: 'Đang chờ máy chủ xác nhận thiết bị này…',
    unsupportedRole: (role: string): string => `Phiên bản này chưa có màn hình cho thiết bị vai trò “${role}”.`,
  },
  status: {
    agentLost: 'Mất kết nối với máy trạm — đang thử kết nối lại…',
    hubDisconnected: 'Mất kết nối máy chủ',
    hubProblem: (problem: string): string => `Mất kết nối máy chủ: ${problem}`,
  },
  errors: {
    'invalid-input': 'Thông tin gửi đi không hợp lệ.',
    unauthorized: 'Thiết bị chưa được xác thực với máy chủ.',
    forbidden: 'Thiết bị này không được phép thực hiện thao tác này.',
    'not-found': 'Không tìm thấy dữ liệu cần thiết.',
    conflict: 'Trạng thái đã thay đổi ở nơi khác — màn hình sẽ tự cập nhật.',
    exhausted: 'Đã hết số thứ tự của dịch vụ này trong ngày.',
    'printer-offline': 'Máy in không phản hồi.',
    'paper-out': 'Máy in đã hết giấy.',
    'cover-open': 'Nắp máy in đang mở.',
    'printer-timeout': 'Máy in phản hồi quá chậm.',
    'hub-unreachable': 'Không kết nối được máy chủ.',
    internal: 'Có lỗi trong hệ thống.',
  } satisfies Record<ErrorKind, string>,
  ticketState: (state: TicketState): string => stateNameVi(state),
  kiosk: {
    prompt: 'Chọn dịch vụ để lấy số thứ tự',
    waiting: (n: number): string => `Đang chờ: ${n}`,
    offlineBanner: 'Mất kết nối máy chủ — vui lòng chờ hoặc liên hệ cán bộ',
    printerWarning: 'Máy in đang tạm ngưng — bạn vẫn lấy được số, hãy ghi nhớ số trên màn hình.',
    noServices: 'Chưa có dịch vụ nào được cấu hình.',
    printing: 'Đang in vé…',
    pleaseWait: 'Vui lòng chờ trong giây lát',
    yourNumber: 'Số thứ tự của bạn',
    waitingAhead: (n: number): string => `Số người chờ trước bạn: ${n}`,
    takeTicket: 'Vui lòng nhận vé ở khe máy in',
    printFailed: 'Máy in đang gặp sự cố — vui lòng ghi nhớ số của bạn',
    printFailedHint: 'Bạn có thể chụp ảnh màn hình này. Khi đến lượt, số của bạn sẽ hiện trên màn hình phòng chờ.',
    done: 'Xong',
    backIn: (s: number): string => `Tự động quay về sau ${s} giây`,
    failedTitle: 'Chưa lấy được số thứ tự',
    failedHint: 'Vui lòng thử lại hoặc liên hệ cán bộ hướng dẫn.',
    back: 'Quay lại',
  },
  counter: {
    badgeWord: 'Quầy',
    counterLabel: (label: string): string => `Quầy ${label}`,
    notAssigned: 'Máy này chưa được gán cho quầy nào. Vui lòng liên hệ quản trị viên.',
    services: 'Lĩnh vực phục vụ',
    waitingTitle: 'Đang chờ',
    waitingPeople: (n: number): string => `${n} người`,
    waitingTotal: (n: number): string => `Tổng: ${n} người đang chờ`,
    currentTicket: 'Số hiện tại của quầy',
    noTicket: 'Chưa có số nào tại quầy',
    calledAt: (time: string): string => `Gọi lúc ${time}`,
    lastFinished: (n: number, state: string): string => `Số vừa xong: ${n} (${state})`,
    callNext: 'Gọi số tiếp theo',
    start: 'Bắt đầu phục vụ',
    noShow: 'Vắng mặt',
    complete: 'Hoàn thành',
    working: 'Đang xử lý…',
    nobodyWaiting: 'Không còn ai đang chờ',
    failed: 'Thao tác không thành công',
  },
  display: {
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
  },
};

export type Strings = typeof vi;
