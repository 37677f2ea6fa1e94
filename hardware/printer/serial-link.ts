import { SerialPort } from 'serialport';
import { err, ok } from '../../core/result';
import type { AppError, Result } from '../../core/result';
import { ReceivedBytes } from './printer-link';
import type { PrinterLink } from './printer-link';

/**
 * A printer on RS-232 or USB-serial: `serial:/dev/ttyUSB0?baud=9600`. The port
 * is opened for each job and closed after, so an unplugged and replugged
 * printer is found again without restarting the kiosk. Serial has no
 * end-of-stream handshake: "finished" means the OS has sent every byte
 * (drain), and only status queries can say more.
 */

export interface SerialAddress {
  readonly path: string;
  readonly baudRate: number;
  /** Hardware handshake: printers that raise RTS/CTS (or DTR/DSR wired to it) when their buffer fills. */
  readonly rtscts: boolean;
}

const BAUD_RATES = new Set([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]);
/** Most receipt printers leave the factory at 9600 8N1 (Epson's DIP switches, common clones). */
const DEFAULT_BAUD = 9600;

export function parseSerialAddress(uri: string): Result<SerialAddress> {
  const match = /^serial:(\/[^\s?]+)(?:\?(\S*))?$/.exec(uri);
  if (match?.[1] === undefined) {
    return err('invalid-input', `Địa chỉ máy in không hợp lệ: "${uri}" (cần dạng serial:/dev/ttyUSB0?baud=9600)`);
  }
  const params = new URLSearchParams(match[2] ?? '');
  for (const key of params.keys()) {
    if (key !== 'baud' && key !== 'flow') return err('invalid-input', `Tham số "${key}" không được hỗ trợ trong "${uri}" (chỉ baud và flow)`);
  }
  const baudRate = params.has('baud') ? Number(params.get('baud')) : DEFAULT_BAUD;
  if (!BAUD_RATES.has(baudRate)) return err('invalid-input', `Tốc độ baud ${params.get('baud')} không hợp lệ trong "${uri}" (${[...BAUD_RATES].join(', ')})`);
  const flow = params.get('flow') ?? 'none';
  if (flow !== 'none' && flow !== 'rtscts') return err('invalid-input', `flow=${flow} không hợp lệ trong "${uri}" (none hoặc rtscts)`);
  return ok({ path: match[1], baudRate, rtscts: flow === 'rtscts' });
}

class SerialLink implements PrinterLink {
  private readonly received = new ReceivedBytes();
  private closing = false;

  constructor(
    readonly description: string,
    private readonly port: SerialPort,
  ) {
    port.on('data', (chunk: Buffer) => this.received.push(chunk));
    port.on('error', (error: Error) => this.received.fail({ kind: 'printer-offline', message: `Cổng ${description} báo lỗi: ${error.message}` }));
    port.once('close', () => {
      if (!this.closing) this.received.fail({ kind: 'printer-offline', message: `Cổng ${description} bị đóng giữa chừng — cáp máy in bị rút hoặc máy in tắt.` });
    });
  }

  write(bytes: Uint8Array): void {
    if (this.port.isOpen) this.port.write(Buffer.from(bytes));
  }

  nextByte(match: (byte: number) => boolean, deadline: number): Promise<number | 'timeout' | AppError> {
    return this.received.next(match, deadline);
  }

  private finished: Promise<AppError | undefined> | undefined;

  /** Idempotent: a second call (the session's clean-up after a finished job) returns the first outcome. */
  finish(deadline: number): Promise<AppError | undefined> {
    this.finished ??= this.end(deadline);
    return this.finished;
  }

  private end(deadline: number): Promise<AppError | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.destroy();
        resolve({ kind: 'printer-timeout', message: `Máy in ở cổng ${this.description} không nhận hết dữ liệu sau thời gian chờ (bộ đệm đầy, hết giấy hoặc sai tốc độ baud).` });
      }, Math.max(0, deadline - Date.now()));
      this.port.drain((drainError) => {
        const failure = this.received.failed;
        this.closing = true;
        this.port.close(() => {
          clearTimeout(timer);
          if (drainError) resolve({ kind: 'printer-offline', message: `Không gửi hết dữ liệu tới cổng ${this.description}: ${drainError.message}` });
          else resolve(failure);
        });
      });
    });
  }

  destroy(): void {
    this.closing = true;
    if (this.port.isOpen) this.port.close(() => undefined);
  }
}

export function openSerialLink(address: SerialAddress, deadline: number): Promise<Result<PrinterLink>> {
  return new Promise((resolve) => {
    const port = new SerialPort({ path: address.path, baudRate: address.baudRate, rtscts: address.rtscts, autoOpen: false });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      resolve(err('printer-timeout', `Không mở được cổng ${address.path} trong thời gian chờ.`));
    }, Math.max(0, deadline - Date.now()));
    port.open((error) => {
      clearTimeout(timer);
      if (timedOut) {
        // Too late: the job has been reported as failed; do not leave the port held open.
        if (!error) port.close(() => undefined);
        return;
      }
      if (error) resolve(err('printer-offline', `Không mở được cổng máy in ${address.path}: ${error.message} — kiểm tra cáp, quyền truy cập (nhóm dialout) và đường dẫn.`));
      else resolve(ok(new SerialLink(address.path, port)));
    });
  });
}
