import type { AppError } from '../../core/result';

/**
 * A connection to a printer for one job, whatever carries it (TCP, serial):
 * bytes out, bytes back, and an end that proves what it can. Failures are
 * kept, not thrown, so every wait ends in a value.
 */
export interface PrinterLink {
  /** For messages: "192.168.1.50:9100", "/dev/ttyUSB0". */
  readonly description: string;
  write(bytes: Uint8Array): void;
  /**
   * The first byte received so far or later that `match` accepts, taken out of
   * the queue (bytes it does not accept stay for other questions): the byte,
   * 'timeout' at the deadline, or the link's failure.
   */
  nextByte(match: (byte: number) => boolean, deadline: number): Promise<number | 'timeout' | AppError>;
  /** Sends what is left and ends the job; on TCP, resolves once the printer has read everything (it closes in return). */
  finish(deadline: number): Promise<AppError | undefined>;
  /** Drops the link at once (after a failure). */
  destroy(): void;
}

/** Received bytes and the questions waiting for them; shared by the TCP and serial links. */
export class ReceivedBytes {
  private readonly bytes: number[] = [];
  private readonly waiters = new Set<() => void>();
  private failure: AppError | undefined;

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.bytes.push(b);
    this.wake();
  }

  /** The link failed: every wait ends with this error, now and later. */
  fail(error: AppError): void {
    this.failure ??= error;
    this.wake();
  }

  get failed(): AppError | undefined {
    return this.failure;
  }

  next(match: (byte: number) => boolean, deadline: number): Promise<number | 'timeout' | AppError> {
    const ready = this.take(match);
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const waiter = (): void => {
        const value = this.take(match);
        if (value !== undefined) finish(value);
      };
      const timer = setTimeout(() => finish('timeout'), Math.max(0, deadline - Date.now()));
      const finish = (value: number | 'timeout' | AppError): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(value);
      };
      this.waiters.add(waiter);
    });
  }

  /** The first matching byte, taken out; else the failure, if any; else undefined (keep waiting). */
  private take(match: (byte: number) => boolean): number | AppError | undefined {
    const index = this.bytes.findIndex(match);
    if (index >= 0) return this.bytes.splice(index, 1)[0];
    return this.failure;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
