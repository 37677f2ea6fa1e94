import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { CodeFramer, type Terminator } from './code-framer';

/**
 * A QR/barcode scanner in serial (USB CDC) mode, e.g. at the counter to read the citizen's CCCD.
 * It emits each scanned code. A USB scanner gets unplugged, knocked out by a hub or renumbered
 * after a PC wakes up, so the scanner keeps itself connected: when the port closes or cannot be
 * opened it retries with exponential backoff (never a busy loop) until `close()`.
 *
 * serialport alone does not always notice an unplug: when the tty hangs up before its first read
 * waits on the poller, the read returns 0 bytes and @serialport/bindings-cpp (unixRead) retries
 * at once, forever, without ever closing the port. So while open, the scanner also checks that
 * the device node is still there and still the same device; if not, it closes the port (which
 * ends that loop) and reconnects.
 */

export interface SerialQrScannerOptions {
  /** e.g. /dev/ttyACM0, or a stable /dev/serial/by-id/… link (survives renumbering). */
  readonly path: string;
  /** CDC ports ignore it; real RS-232 scanners are usually 9600 or 115200. Default 9600. */
  readonly baudRate?: number;
  /** How a code ends; default CR, LF or CR LF. */
  readonly terminator?: Terminator;
  /** Longest code accepted, in bytes (a CCCD QR is ~150–300). Default 4096. */
  readonly maxLength?: number;
  /** A code also ends when the line has been silent this long (ms); 0 = off. Required with terminator "none". Default 0. */
  readonly interByteTimeoutMs?: number;
  /** How often to check that the device node still exists (ms). Default 1000. */
  readonly presenceCheckMs?: number;
  /** First retry delay and its ceiling (ms); defaults 250 and 5000. */
  readonly reconnect?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
}

export type SerialQrScannerEvents = {
  /** One scanned code, without its terminator, decoded as UTF-8. */
  code: [code: string];
  open: [info: { readonly path: string }];
  /** The port went away (unplugged) or failed; a reconnect follows. */
  disconnect: [info: { readonly reason: string }];
  /** The next attempt to open the port, after `delayMs`. */
  reconnecting: [info: { readonly attempt: number; readonly delayMs: number; readonly reason: string }];
  /** A frame longer than `maxLength` was dropped. */
  overflow: [info: { readonly bytes: number }];
  /** Raw bytes arrived (diagnostics; tests wait on it instead of sleeping). */
  received: [info: { readonly bytes: number }];
};

type State = 'new' | 'running' | 'closed';

export class SerialQrScanner {
  private readonly events = new EventEmitter<SerialQrScannerEvents>();
  private readonly framer: CodeFramer;
  private readonly o: Required<Omit<SerialQrScannerOptions, 'reconnect'>> & { readonly initialDelayMs: number; readonly maxDelayMs: number };
  private state: State = 'new';
  private port: SerialPort | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private silenceTimer: NodeJS.Timeout | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(options: SerialQrScannerOptions) {
    this.o = {
      path: options.path,
      baudRate: options.baudRate ?? 9600,
      terminator: options.terminator ?? 'cr-or-lf',
      maxLength: options.maxLength ?? 4096,
      interByteTimeoutMs: options.interByteTimeoutMs ?? 0,
      presenceCheckMs: options.presenceCheckMs ?? 1000,
      initialDelayMs: options.reconnect?.initialDelayMs ?? 250,
      maxDelayMs: options.reconnect?.maxDelayMs ?? 5000,
    };
    if (this.o.terminator === 'none' && !(this.o.interByteTimeoutMs > 0)) throw new RangeError('a scanner without terminator needs interByteTimeoutMs > 0 to know where a code ends');
    if (!Number.isInteger(this.o.baudRate) || this.o.baudRate <= 0) throw new RangeError(`baudRate must be a positive whole number (got ${this.o.baudRate})`);
    if (!(this.o.presenceCheckMs > 0)) throw new RangeError('presenceCheckMs must be positive');
    if (!(this.o.initialDelayMs > 0) || this.o.maxDelayMs < this.o.initialDelayMs) throw new RangeError('reconnect delays must be positive, the ceiling not below the first');
    this.framer = new CodeFramer({ terminator: this.o.terminator, maxLength: this.o.maxLength });
  }

  on<K extends keyof SerialQrScannerEvents>(event: K, listener: (...args: SerialQrScannerEvents[K]) => void): this {
    this.events.on(event, listener as never);
    return this;
  }

  off<K extends keyof SerialQrScannerEvents>(event: K, listener: (...args: SerialQrScannerEvents[K]) => void): this {
    this.events.off(event, listener as never);
    return this;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  /** Resolves after the first attempt to open: open, or absent with a retry scheduled (a counter starts without its scanner). */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`SerialQrScanner ${this.state === 'running' ? 'already started' : 'closed; create a new one'}`);
    this.state = 'running';
    await this.openPort();
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    clearInterval(this.presenceTimer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private async openPort(): Promise<void> {
    // Which device the path names now: after a replug the same name can lead to a new device.
    const device = await stat(this.o.path).catch(() => undefined);
    const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate, autoOpen: false });
    return new Promise((resolve) => {
      port.open((error) => {
        if (this.state === 'closed') {
          if (!error) port.close();
          return resolve();
        }
        if (error) {
          this.scheduleRetry(error.message);
          return resolve();
        }
        this.port = port;
        this.failures = 0;
        port.on('data', (chunk: Buffer) => this.onData(chunk));
        // A read error may leave the port open but useless: drop it and reopen.
        port.on('error', (e: Error) => this.dropPort(port, e.message));
        port.once('close', (e: Error | null) => this.dropPort(port, e?.message ?? 'port closed'));
        if (device) this.watchPresence(port, device.rdev, device.ino);
        this.events.emit('open', { path: this.o.path });
        resolve();
      });
    });
  }

  private watchPresence(port: SerialPort, rdev: number, ino: number): void {
    clearInterval(this.presenceTimer);
    this.presenceTimer = setInterval(() => {
      stat(this.o.path).then(
        (now) => {
          if (now.rdev !== rdev || now.ino !== ino) this.dropPort(port, `${this.o.path} now names another device`);
        },
        (e: NodeJS.ErrnoException) => this.dropPort(port, `${this.o.path} disappeared (${e.code ?? e.message})`),
      );
    }, this.o.presenceCheckMs);
  }

  private dropPort(port: SerialPort, reason: string): void {
    if (this.port !== port || this.state !== 'running') return;
    this.port = undefined;
    clearInterval(this.presenceTimer);
    port.removeAllListeners('data');
    if (port.isOpen) port.close(() => undefined);
    // A half-read code from before the unplug is garbage, not a scan.
    clearTimeout(this.silenceTimer);
    this.framer.reset();
    this.events.emit('disconnect', { reason });
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: string): void {
    this.failures += 1;
    const delayMs = Math.min(this.o.maxDelayMs, this.o.initialDelayMs * 2 ** (this.failures - 1));
    this.events.emit('reconnecting', { attempt: this.failures, delayMs, reason });
    this.retryTimer = setTimeout(() => {
      if (this.state === 'running') void this.openPort();
    }, delayMs);
  }

  private onData(chunk: Buffer): void {
    this.events.emit('received', { bytes: chunk.length });
    this.deliver(this.framer.push(chunk));
    clearTimeout(this.silenceTimer);
    if (this.o.interByteTimeoutMs > 0 && this.framer.midFrame) {
      this.silenceTimer = setTimeout(() => this.deliver(this.framer.flush()), this.o.interByteTimeoutMs);
    }
  }

  private deliver(frames: ReturnType<CodeFramer['push']>): void {
    for (const f of frames) {
      if (f.kind === 'code') this.events.emit('code', f.code);
      else this.events.emit('overflow', { bytes: f.bytes });
    }
  }
}
