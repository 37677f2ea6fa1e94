import type { DeviceCredentialState } from '../../core/protocol/pairing-commands';

type CredentialState = DeviceCredentialState['state'];

/** The admin screen's pairing section (Vietnamese first). */
const vi = {
  title: 'Ghép nối thiết bị',
  lead: 'Thiết bị mới nhận mã ghép nối một lần (hiệu lực 10 phút) tại trang cài đặt của nó, thay cho việc chép token bằng tay.',
  device: 'Thiết bị',
  role: 'Vai trò',
  lastSeen: 'Kết nối lần cuối',
  state: 'Trạng thái',
  actions: 'Thao tác',
  never: 'Chưa kết nối',
  states: { paired: 'Đã ghép nối', 'legacy-token': 'Token cũ (cấu hình)', revoked: 'Đã thu hồi', unpaired: 'Chưa ghép nối' } satisfies Record<CredentialState, string>,
  rotationPending: 'đang đổi mã',
  pairedAt: (at: string): string => `ghép nối lúc ${at}`,
  createCode: 'Tạo mã ghép nối',
  revoke: 'Thu hồi',
  confirmRevoke: (name: string): string => `Thu hồi thiết bị "${name}"? Thiết bị bị ngắt kết nối ngay và phải ghép nối lại.`,
  codeFor: (name: string): string => `Mã ghép nối cho ${name}`,
  expiresAt: (at: string): string => `Hết hạn lúc ${at} · dùng một lần`,
  codeHint: 'Nhập mã này (hoặc quét mã QR) tại trang cài đặt của thiết bị, cùng địa chỉ máy chủ.',
  close: 'Đóng',
  revoked: (name: string): string => `Đã thu hồi "${name}".`,
};

const en: typeof vi = {
  title: 'Device pairing',
  lead: 'A new device gets a one-time pairing code (valid 10 minutes) at its setup page, instead of a hand-copied token.',
  device: 'Device',
  role: 'Role',
  lastSeen: 'Last seen',
  state: 'State',
  actions: 'Actions',
  never: 'Never',
  states: { paired: 'Paired', 'legacy-token': 'Legacy token (config)', revoked: 'Revoked', unpaired: 'Not paired' },
  rotationPending: 'rotation pending',
  pairedAt: (at: string): string => `paired at ${at}`,
  createCode: 'Create pairing code',
  revoke: 'Revoke',
  confirmRevoke: (name: string): string => `Revoke "${name}"? It is disconnected at once and must be paired again.`,
  codeFor: (name: string): string => `Pairing code for ${name}`,
  expiresAt: (at: string): string => `Expires at ${at} · single use`,
  codeHint: "Type this code (or scan the QR) at the device's setup page, with the hub's address.",
  close: 'Close',
  revoked: (name: string): string => `"${name}" revoked.`,
};

export const adminDevicesStrings = { vi, en } as const;
