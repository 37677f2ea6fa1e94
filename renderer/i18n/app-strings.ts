import type { TicketState } from '../../core/queue/types';
import { stateNameVi } from '../../core/queue/ticket-state';
import type { ErrorKind } from '../../core/result';

/** Words of the screens' `locale`, `app`, `status`, `errors`, `ticketState`, `priority` (vi.ts and en.ts assemble every group; a role's screen takes the groups it shows: renderer/i18n/for-*.ts). */
const vi = {
  locale: 'vi-VN',
  app: {
    title: 'Một cửa',
    connecting: 'Đang kết nối với máy trạm…',
    unauthorizedTitle: 'Chưa mở đúng địa chỉ màn hình',
    unauthorizedBody:
      'Trang này chưa được mở bằng mã mở màn hình. Cán bộ kỹ thuật vui lòng mở địa chỉ dùng một lần (dạng “…/launch/…”) mà chương trình máy trạm in ra khi khởi động.',
    unauthorizedHint: 'Nếu máy trạm vừa khởi động lại, hoặc địa chỉ đã dùng rồi, hãy lấy địa chỉ mới bằng lệnh “motcua launch-code” trên máy trạm.',
    waitingForDevice: 'Đang chờ máy chủ xác nhận thiết bị này…',
    unsupportedRole: (role: string): string => `Phiên bản này chưa có màn hình cho thiết bị vai trò “${role}”.`,
  },
  status: {
    agentLost: 'Mất kết nối với máy trạm — đang thử kết nối lại…',
    hubDisconnected: 'Mất kết nối máy chủ',
    // The agent's reasons are whole sentences about the hub ("Mất kết nối máy chủ (transport close)"): not said twice.
    hubProblem: (problem: string): string => (/máy chủ/i.test(problem) ? problem : `Mất kết nối máy chủ: ${problem}`),
  },
  errors: {
    'invalid-input': 'Thông tin gửi đi không hợp lệ.',
    unauthorized: 'Thiết bị chưa được xác thực với máy chủ.',
    forbidden: 'Thiết bị này không được phép thực hiện thao tác này.',
    'not-found': 'Không tìm thấy dữ liệu cần thiết.',
    conflict: 'Trạng thái đã thay đổi ở nơi khác — màn hình sẽ tự cập nhật.',
    exhausted: 'Đã hết số thứ tự của dịch vụ này trong ngày.',
    'service-closed': 'Ngoài giờ nhận hồ sơ của dịch vụ này.',
    'printer-offline': 'Máy in không phản hồi.',
    'paper-out': 'Máy in đã hết giấy.',
    'cover-open': 'Nắp máy in đang mở.',
    'printer-timeout': 'Máy in phản hồi quá chậm.',
    'hub-unreachable': 'Không kết nối được máy chủ.',
    'hub-untrusted': 'Chứng chỉ của máy chủ không phải của trung tâm: không kết nối.',
    'hub-unavailable': 'Máy chủ tạm thời không truy cập được cơ sở dữ liệu; thao tác chưa được ghi nhận, hãy thử lại sau ít phút.',
    internal: 'Có lỗi trong hệ thống.',
  } satisfies Record<ErrorKind, string>,
  ticketState: (state: TicketState): string => stateNameVi(state),
  priority: { normal: 'Thường', elderly: 'Người cao tuổi', disabled: 'Người khuyết tật', pregnant: 'Phụ nữ mang thai', merit: 'Người có công', appointment: 'Có lịch hẹn' },
};

export type AppStrings = typeof vi;

const STATE_NAMES: Readonly<Record<TicketState, string>> = {
  waiting: 'waiting',
  called: 'called',
  serving: 'being served',
  done: 'done',
  'no-show': 'no-show',
  cancelled: 'cancelled',
};

const en: AppStrings = {
  locale: 'en-GB',
  app: {
    title: 'One-stop',
    connecting: 'Connecting to the terminal…',
    unauthorizedTitle: 'This screen was not opened with the right address',
    unauthorizedBody:
      'This page was not opened with a launch code. Staff: open the one-time address (“…/launch/…”) that the terminal agent printed when it started.',
    unauthorizedHint: 'If the terminal has just restarted, or the address was already used, get a new one with “motcua launch-code” on the terminal.',
    waitingForDevice: 'Waiting for the server to confirm this device…',
    unsupportedRole: (role) => `This version has no screen for a “${role}” device yet.`,
  },
  status: {
    agentLost: 'Lost connection to the terminal — reconnecting…',
    hubDisconnected: 'Server connection lost',
    hubProblem: (problem) => `Server connection lost: ${problem}`,
  },
  errors: {
    'invalid-input': 'The request was not valid.',
    unauthorized: 'This device is not authenticated with the server.',
    forbidden: 'This device may not do that.',
    'not-found': 'Nothing was found.',
    conflict: 'Something changed elsewhere — the screen will update.',
    exhausted: 'No more numbers are left for this service today.',
    'service-closed': 'This service is not taking walk-ins at this hour.',
    'printer-offline': 'The printer does not respond.',
    'paper-out': 'The printer is out of paper.',
    'cover-open': 'The printer cover is open.',
    'printer-timeout': 'The printer is too slow to respond.',
    'hub-unreachable': 'The server cannot be reached.',
    'hub-untrusted': 'The server\'s certificate is not the centre\'s: not connected.',
    'hub-unavailable': 'The server cannot reach its database right now; nothing was recorded, please try again in a few minutes.',
    internal: 'Something went wrong in the system.',
  },
  ticketState: (state) => STATE_NAMES[state],
  priority: { normal: 'Normal', elderly: 'Elderly', disabled: 'Disability', pregnant: 'Pregnant', merit: 'Person of merit', appointment: 'Appointment' },
};

export const appStrings = { vi, en };
