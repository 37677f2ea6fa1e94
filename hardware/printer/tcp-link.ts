import net from 'node:net';
import { err, ok } from '../../core/result';
import type { AppError, Result } from '../../core/result';
import { ReceivedBytes } from './printer-link';
import type { PrinterLink } from './printer-link';
import { describe, offlineMessage } from './tcp-transport';
import type { PrinterAddress } from './tcp-transport';

/**
 * A raw-port (9100) connection for one job. The end of a job is proven the
 * way tcp-transport.ts explains: our end-of-stream (FIN) goes after the last
 * byte, and the printer closing in return means it read everything.
 */
class TcpLink implements PrinterLink {
  readonly description: string;
  private readonly received = new ReceivedBytes();
  private flushed = false;
  private peerEnded = false;
  /** finish() has sent our end-of-stream: from then on the printer closing is the acknowledgement. */
  private ending = false;
  private finishing: (() => void) | undefined;

  constructor(
    private readonly address: PrinterAddress,
    private readonly socket: net.Socket,
  ) {
    this.description = describe(address);
    // Status questions are a few bytes each and wait for their answer: Nagle's delay would add ~40 ms to each.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.received.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.received.fail({ kind: 'printer-offline', message: offlineMessage(address, error, this.flushed) });
      this.finishing?.();
    });
    socket.once('end', () => {
      if (socket.writableLength > 0 || !this.ending) {
        this.received.fail({ kind: 'printer-offline', message: `Máy in ${this.description} đóng kết nối trước khi nhận hết phiếu — phiếu chưa được in trọn vẹn.` });
      }
      this.peerEnded = true;
      this.finishing?.();
    });
    socket.once('close', () => {
      if (this.flushed && this.peerEnded) return;
      this.received.fail({ kind: 'printer-offline', message: `Máy in ${this.description} đóng kết nối bất thường — phiếu có thể chưa được in.` });
      this.finishing?.();
    });
  }

  write(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
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
        this.finishing = undefined;
        const stage = this.flushed ? 'không xác nhận đã nhận hết phiếu' : 'không nhận dữ liệu (bộ đệm đầy — có thể hết giấy, mở nắp hoặc đang kẹt)';
        resolve({ kind: 'printer-timeout', message: `Máy in ${this.description} ${stage} sau thời gian chờ.` });
      }, Math.max(0, deadline - Date.now()));
      this.finishing = () => {
        if (this.flushed && this.peerEnded && this.received.failed === undefined) {
          clearTimeout(timer);
          this.finishing = undefined;
          resolve(undefined);
        } else if (this.received.failed !== undefined && !(this.flushed && this.peerEnded)) {
          clearTimeout(timer);
          this.finishing = undefined;
          resolve(this.received.failed);
        }
      };
      this.socket.once('finish', () => {
        this.flushed = true;
        this.finishing?.();
      });
      this.ending = true;
      this.socket.end();
      // The printer may have failed or closed before we got here.
      this.finishing?.();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Connects within the deadline; a refusal or an unknown host is printer-offline, silence printer-timeout. */
export function openTcpLink(address: PrinterAddress, deadline: number): Promise<Result<PrinterLink>> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address.host, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(err('printer-timeout', `Máy in ${describe(address)} không phản hồi kết nối sau thời gian chờ.`));
    }, Math.max(0, deadline - Date.now()));
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(ok(new TcpLink(address, socket)));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(err('printer-offline', offlineMessage(address, error, false)));
    });
  });
}
