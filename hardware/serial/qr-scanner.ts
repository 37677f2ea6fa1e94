import { EventEmitter } from 'node:events';
import { SerialLink } from './serial-link';
import { CodeFramer, type Terminator } from './code-framer';

/**
 * A QR/barcode scanner in serial (USB CDC) mode, e.g. at the counter to read the citizen's CCCD.
 * It emits each scanned code. A USB scanner gets unplugged, knocked out by a hub or renumbered
 * after a PC wakes up, so the scanner keeps itself connected: when the port closes or cannot be
 * opened it retries with exponential backoff (never a busy loop) until `close()`.
 *
 * The port itself is a SerialLink (serial-link.ts), which also works around serialport spinning
 * on a hung-up tty; this class frames the bytes into codes.
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


export class SerialQrScanner {
  private readonly events = new EventEmitter<SerialQrScannerEvents>();
  private readonly framer: CodeFramer;
  private readonly link: SerialLink;
  private readonly interByteTimeoutMs: number;
  private phase: 'new' | 'running' | 'closed' = 'new';
  private silenceTimer: NodeJS.Timeout | undefined;

  constructor(options: SerialQrScannerOptions) {
    const terminator = options.terminator ?? 'cr-or-lf';
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? 0;
    if (terminator === 'none' && !(this.interByteTimeoutMs > 0)) throw new RangeError('a scanner without terminator needs interByteTimeoutMs > 0 to know where a code ends');
    // The port, its reconnects and its presence check are SerialLink's: the same for every serial device.
    this.link = new SerialLink({ path: options.path, baudRate: options.baudRate, presenceCheckMs: options.presenceCheckMs, reconnect: options.reconnect });
    this.framer = new CodeFramer({ terminator, maxLength: options.maxLength ?? 4096 });
    this.link.on('open', (info) => this.events.emit('open', info));
    this.link.on('data', (chunk) => this.onData(chunk));
    this.link.on('disconnect', (info) => {
      // A half-read code from before the unplug is garbage, not a scan.
      clearTimeout(this.silenceTimer);
      this.framer.reset();
      this.events.emit('disconnect', info);
    });
    this.link.on('reconnecting', (info) => this.events.emit('reconnecting', info));
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
    return this.link.isOpen;
  }

  /** Resolves after the first attempt to open: open, or absent with a retry scheduled (a counter starts without its scanner). */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new Error(`SerialQrScanner ${this.phase === 'running' ? 'already started' : 'closed; create a new one'}`);
    this.phase = 'running';
    await this.link.start();
  }

  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    clearTimeout(this.silenceTimer);
    await this.link.close();
  }

  private onData(chunk: Buffer): void {
    this.events.emit('received', { bytes: chunk.length });
    this.deliver(this.framer.push(chunk));
    clearTimeout(this.silenceTimer);
    if (this.interByteTimeoutMs > 0 && this.framer.midFrame) {
      this.silenceTimer = setTimeout(() => this.deliver(this.framer.flush()), this.interByteTimeoutMs);
    }
  }

  private deliver(frames: ReturnType<CodeFramer['push']>): void {
    for (const f of frames) {
      if (f.kind === 'code') this.events.emit('code', f.code);
      else this.events.emit('overflow', { bytes: f.bytes });
    }
  }
}
