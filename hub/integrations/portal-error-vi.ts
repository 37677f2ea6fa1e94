import type { PartnerError } from './partner-result';

/** What the counter and the back office read when the portal refused or failed: short, Vietnamese. */
export function portalErrorVi(error: PartnerError): string {
  switch (error.kind) {
    case 'timeout':
      return 'Cổng DVCQG không trả lời trong thời hạn';
    case 'unreachable':
      return 'Không kết nối được Cổng DVCQG';
    case 'http-status':
      return `Cổng DVCQG trả lỗi HTTP ${error.status ?? ''}`.trim();
    case 'malformed-answer':
      return 'Cổng DVCQG trả lời không đúng định dạng (có thể đang bảo trì)';
    case 'rejected':
      return `Cổng DVCQG từ chối (mã lỗi ${String(error.code ?? '?')})`;
    case 'unauthorized':
      return 'Cổng DVCQG từ chối tài khoản kết nối';
    case 'quota':
      return 'Cổng DVCQG báo hết hạn mức gửi';
    case 'invalid-input':
      return 'Dữ liệu hồ sơ không gửi lên Cổng DVCQG được';
  }
}

/** The separator between the staff's short reason and the technical detail the admin's log keeps. */
export const REASON_DETAIL_SEPARATOR = ' — ';
