import type { PrinterHealth, Role } from '../../core/devices';

/** Words of the screens' `admin` (vi.ts and en.ts assemble every group; a role's screen takes the groups it shows: renderer/i18n/for-*.ts). */
const vi = {
  admin: {
    title: 'Thiết bị của trung tâm',
    device: 'Thiết bị',
    role: 'Vai trò',
    connection: 'Kết nối',
    printer: 'Máy in',
    connected: 'Đang kết nối',
    disconnected: 'Mất kết nối',
    neverSeen: 'Chưa thấy kết nối',
    lastSeen: (time: string): string => `lần cuối ${time}`,
    noPrinter: '—',
    roles: { kiosk: 'Kiosk', counter: 'Máy quầy', display: 'Màn hình chờ', backoffice: 'Phòng chuyên môn', admin: 'Quản trị' } satisfies Record<Role, string>,
    health: {
      ok: 'Bình thường',
      'paper-near-end': 'Sắp hết giấy',
      'paper-out': 'Hết giấy',
      'cover-open': 'Nắp đang mở',
      offline: 'Không phản hồi',
      unknown: 'Chưa rõ',
    } satisfies Record<PrinterHealth, string>,
    summary: (connected: number, total: number, problems: number): string =>
      `${connected}/${total} thiết bị đang kết nối · ${problems} máy in cần xử lý`,
  },
};

export type AdminStrings = typeof vi;

const en: AdminStrings = {
  admin: {
    title: 'Devices of the centre',
    device: 'Device',
    role: 'Role',
    connection: 'Connection',
    printer: 'Printer',
    connected: 'Connected',
    disconnected: 'Disconnected',
    neverSeen: 'Not seen yet',
    lastSeen: (time: string): string => `last ${time}`,
    noPrinter: '—',
    roles: { kiosk: 'Kiosk', counter: 'Counter', display: 'Waiting-room display', backoffice: 'Back office', admin: 'Admin' },
    health: { ok: 'OK', 'paper-near-end': 'Paper low', 'paper-out': 'Out of paper', 'cover-open': 'Cover open', offline: 'Not responding', unknown: 'Unknown' },
    summary: (connected: number, total: number, problems: number): string => `${connected}/${total} devices connected · ${problems} printers need attention`,
  },
};

export const adminStrings = { vi, en };
