import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';

/**
 * A serial port that keeps itself open, for the small devices hanging off a terminal (LED number
 * sign, rating keypad, QR scanner): when the port closes or
 * cannot be opened it retries with exponential backoff until `close()`, and while open it checks
 * that the device node still exists and is still the same device — serialport alone can spin
 * forever on a hung-up tty (a 0-byte read that @serialport/bindings-cpp retries at once) without
 * ever closing the port; closing it ourselves ends that loop.
 */

export interface SerialLinkOptions {
  readonly path: string;
  /** Default 9600. */
  readonly baudRate?: number;
  /** How often to check that the device node still exists (ms). Default 1000. */
  readonly presenceCheckMs?: number;
  /** First retry delay and its ceiling (ms); defaults 250 and 5000. */
  readonly reconnect?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
}

/** What the admin page shows of one serial device. */
export type SerialLinkState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export type SerialLinkEvents = {
  open: [info: { readonly path: string }];
  data: [chunk: Buffer];
  disconnect: [info: { readonly reason: string }];
  reconnecting: [info: { readonly attempt: number; readonly delayMs: number; readonly reason: string }];
  /** Bytes were handed to the OS (tests wait on it). */
  written: [info: { readonly bytes: number }];
};

export class SerialLink {
  private readonly events = new EventEmitter<SerialLinkEvents>();
  private readonly o: { path: string; baudRate: number; presenceCheckMs: number; initialDelayMs: number; maxDelayMs: number };
  private phase: 'new' | 'running' | 'closed' = 'new';
  private port: SerialPort | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private lastReason = '';

  constructor(options: SerialLinkOptions) {
    this.o = {
      path: options.path,
      baudRate: options.baudRate ?? 9600,
      presenceCheckMs: options.presenceCheckMs ?? 1000,
      initialDelayMs: options.reconnect?.initialDelayMs ?? 250,
      maxDelayMs: options.reconnect?.maxDelayMs ?? 5000,
    };
    if (!this.o.path) throw new RangeError('a serial device needs a port path');
    if (!Number.isInteger(this.o.baudRate) || this.o.baudRate <= 0) throw new RangeError(`baudRate must be a positive whole number (got ${this.o.baudRate})`);
    if (!(this.o.presenceCheckMs > 0)) throw new RangeError('presenceCheckMs must be positive');
    if (!(this.o.initialDelayMs > 0) || this.o.maxDelayMs < this.o.initialDelayMs) throw new RangeError('reconnect delays must be positive, the ceiling not below the first');
  }

  get path(): string {
    return this.o.path;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  get state(): SerialLinkState {
    if (this.phase === 'closed') return 'closed';
    if (this.isOpen) return 'connected';
    return this.failures > 0 ? 'reconnecting' : 'connecting';
  }

  /** Why the last attempt failed or the port dropped ('' if never). */
  get reason(): string {
    return this.lastReason;
  }

  on<K extends keyof SerialLinkEvents>(event: K, listener: (...args: SerialLinkEvents[K]) => void): this {
    this.events.on(event, listener as never);
    return this;
  }

  off<K extends keyof SerialLinkEvents>(event: K, listener: (...args: SerialLinkEvents[K]) => void): this {
    this.events.off(event, listener as never);
    return this;
  }

  /** Resolves after the first attempt to open: open, or absent with a retry scheduled. */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new Error(`SerialLink ${this.phase === 'running' ? 'already started' : 'closed; create a new one'}`);
    this.phase = 'running';
    await this.openPort();
  }

  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    clearTimeout(this.retryTimer);
    clearInterval(this.presenceTimer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** Writes and drains; false when the port is not open (the caller resends on the next `open`). */
  async write(data: Buffer): Promise<boolean> {
    const port = this.port;
    if (!port?.isOpen) return false;
    return new Promise((resolve) => {
      port.write(data, (e) => {
        if (e) return resolve(false);
        port.drain((d) => {
          if (!d) this.events.emit('written', { bytes: data.length });
          resolve(!d);
        });
      });
    });
  }

  private async openPort(): Promise<void> {
    const device = await stat(this.o.path).catch(() => undefined);
    const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate, autoOpen: false });
    return new Promise((resolve) => {
      port.open((error) => {
        if (this.phase === 'closed') {
          if (!error) port.close();
          return resolve();
        }
        if (error) {
          this.scheduleRetry(error.message);
          return resolve();
        }
        this.port = port;
        this.failures = 0;
        port.on('data', (chunk: Buffer) => this.events.emit('data', chunk));
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
    if (this.port !== port || this.phase !== 'running') return;
    this.port = undefined;
    clearInterval(this.presenceTimer);
    port.removeAllListeners('data');
    if (port.isOpen) port.close(() => undefined);
    this.events.emit('disconnect', { reason });
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: string): void {
    this.failures += 1;
    this.lastReason = reason;
    const delayMs = Math.min(this.o.maxDelayMs, this.o.initialDelayMs * 2 ** (this.failures - 1));
    this.events.emit('reconnecting', { attempt: this.failures, delayMs, reason });
    this.retryTimer = setTimeout(() => {
      if (this.phase === 'running') void this.openPort();
    }, delayMs);
  }
}
