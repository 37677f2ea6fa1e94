import net from 'node:net';
import { err, ok } from '../../core/result';
import type { Result } from '../../core/result';

/**
 * Raw TCP ("port 9100") printers: addresses, what a socket failure means in
 * words a clerk or installer can act on, and a reachability probe. The job
 * connection itself is tcp-link.ts.
 *
 * When is a job delivered? Writing into the local socket buffer proves nothing:
 * the kernel accepts the bytes even if the printer has already hung up. So the
 * job is sent, followed by our end-of-stream (FIN), and it counts as delivered
 * only when the printer closes its side in return: a printer can only see our
 * FIN after reading every byte before it. A printer that drops the connection
 * with bytes unread resets it (RST), which surfaces as an error.
 */

export interface PrinterAddress {
  readonly host: string;
  readonly port: number;
}

export function parsePrinterAddress(uri: string): Result<PrinterAddress> {
  const match = /^tcp:\/\/([^\s:/]+):(\d{1,5})$/.exec(uri);
  const port = Number(match?.[2]);
  if (match?.[1] === undefined || !Number.isInteger(port) || port < 1 || port > 65_535) {
    return err('invalid-input', `Địa chỉ máy in không hợp lệ: "${uri}" (cần dạng tcp://máy:cổng, ví dụ tcp://192.168.1.50:9100)`);
  }
  return ok({ host: match[1], port });
}

export function describe(address: PrinterAddress): string {
  return `${address.host}:${address.port}`;
}

/** Why a socket failed, in words a clerk or installer can act on. */
export function offlineMessage(address: PrinterAddress, error: NodeJS.ErrnoException, sentAll: boolean): string {
  const where = `Máy in ${describe(address)}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `${where} từ chối kết nối — máy in đang tắt, sai cổng hoặc đang bận với máy khác (${error.code}).`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return `${where} không liên lạc được qua mạng — kiểm tra cáp mạng và địa chỉ IP (${error.code}).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Không tìm thấy máy in "${address.host}" trên mạng — kiểm tra tên hoặc địa chỉ IP (${error.code}).`;
    case 'ECONNRESET':
    case 'EPIPE':
      return sentAll
        ? `${where} ngắt kết nối trước khi xác nhận đã nhận hết dữ liệu — phiếu có thể chưa được in (${error.code}).`
        : `${where} ngắt kết nối giữa chừng khi đang nhận phiếu — phiếu chưa được in trọn vẹn (${error.code}).`;
    default:
      return `${where} gặp lỗi kết nối: ${error.message}${error.code === undefined ? '' : ` (${error.code})`}.`;
  }
}

/** Opens and closes a connection: is something listening at the printer's address right now? */
export function probePrinterAddress(address: PrinterAddress, timeoutMs: number): Promise<Result<void>> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host: address.host, port: address.port });
    const finish = (result: Result<void>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish(err('printer-timeout', `Máy in ${describe(address)} không phản hồi kết nối sau ${timeoutMs} ms.`));
    }, timeoutMs);
    socket.once('connect', () => finish(ok(undefined)));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(err('printer-offline', offlineMessage(address, error, false))));
  });
}
