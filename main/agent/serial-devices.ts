import type { SerialDeviceStatus } from '../../core/devices';
import type { RatingLevel } from '../../hardware/serial/rating-keypad';
import { LedSign, type SignTicket } from '../../hardware/serial/led-sign';
import { SerialQrScanner } from '../../hardware/serial/qr-scanner';
import { RatingKeypad } from '../../hardware/serial/rating-keypad';
import type { SerialLink } from '../../hardware/serial/serial-link';
import type { TerminalDevices } from './serial-config';

/** Timings for the serial links (tests shorten them). */
export interface SerialTimings {
  readonly presenceCheckMs?: number;
  readonly reconnect?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
}

export interface CounterSerialHooks {
  /** A rating key was pressed (after debounce). */
  readonly onRating: (rating: RatingLevel) => void;
  /** The serial QR scanner read a code. */
  readonly onScan?: (code: string) => void;
  /** The serial devices' states changed. */
  readonly onStatus: (devices: SerialDeviceStatus[]) => void;
}

/**
 * The serial devices of a terminal: the LED number sign follows the counter's ticket, the rating
 * keypad's presses and the QR scanner's codes go to the agent. Each reconnects by itself; each
 * state change is told.
 */
export class CounterSerialDevices {
  readonly ledSign: LedSign | null;
  readonly keypad: RatingKeypad | null;
  readonly scanner: SerialQrScanner | null;
  private scannerState: { state: SerialDeviceStatus['state']; detail: string } = { state: 'error', detail: 'Đang kết nối' };
  private readonly everOpened = new Set<SerialLink>();

  private readonly scannerPath: string | null;

  constructor(config: TerminalDevices, private readonly hooks: CounterSerialHooks, timings: SerialTimings = {}) {
    this.scannerPath = config.qrScanner?.path ?? null;
    this.ledSign = config.ledSign ? new LedSign({ ...timings, path: config.ledSign.path, baudRate: config.ledSign.baudRate }) : null;
    this.keypad = config.ratingKeypad
      ? new RatingKeypad({ ...timings, path: config.ratingKeypad.path, baudRate: config.ratingKeypad.baudRate, debounceMs: config.ratingKeypad.debounceMs })
      : null;
    this.keypad?.on('press', (r) => hooks.onRating(r));
    this.scanner = config.qrScanner ? new SerialQrScanner({ ...timings, path: config.qrScanner.path, baudRate: config.qrScanner.baudRate }) : null;
    if (this.scanner) {
      this.scanner.on('code', (code) => hooks.onScan?.(code));
      this.scanner.on('open', () => this.setScanner('connected', 'Đã kết nối'));
      this.scanner.on('disconnect', ({ reason }) => this.setScanner('reconnecting', reason));
      this.scanner.on('reconnecting', ({ attempt, reason }) => {
        if (attempt === 1 && this.scannerState.state !== 'reconnecting') this.setScanner(this.scannerState.state === 'connected' ? 'reconnecting' : 'error', reason);
      });
    }
    for (const link of this.links()) {
      link.on('open', () => {
        this.everOpened.add(link);
        this.tell();
      });
      link.on('reconnecting', (r) => {
        if (r.attempt === 1) this.tell();
      });
    }
  }

  get any(): boolean {
    return this.ledSign !== null || this.keypad !== null || this.scanner !== null;
  }

  async start(): Promise<void> {
    await Promise.all([this.ledSign?.start(), this.keypad?.start(), this.scanner?.start()]);
    this.tell();
  }

  async close(): Promise<void> {
    await Promise.all([this.ledSign?.close(), this.keypad?.close(), this.scanner?.close()]);
  }

  follow(ticket: SignTicket | null): void {
    this.ledSign?.follow(ticket);
  }

  statuses(): SerialDeviceStatus[] {
    const out: SerialDeviceStatus[] = [];
    const of = (kind: SerialDeviceStatus['kind'], link: SerialLink): SerialDeviceStatus => {
      if (link.isOpen) return { kind, path: link.path, state: 'connected', detail: 'Đã kết nối' };
      // Never opened since start: wrong port or not plugged in; dropped after working: unplugged, retrying.
      const state = this.everOpened.has(link) ? 'reconnecting' : 'error';
      return { kind, path: link.path, state, detail: (link.reason || 'Đang kết nối').slice(0, 300) };
    };
    if (this.ledSign) out.push(of('led-sign', this.ledSign.link));
    if (this.keypad) out.push(of('rating-keypad', this.keypad.link));
    if (this.scanner && this.scannerPath) out.push({ kind: 'qr-scanner', path: this.scannerPath, state: this.scannerState.state, detail: this.scannerState.detail.slice(0, 300) });
    return out;
  }

  private setScanner(state: SerialDeviceStatus['state'], detail: string): void {
    this.scannerState = { state, detail };
    this.tell();
  }

  private links(): SerialLink[] {
    return [this.ledSign?.link, this.keypad?.link].filter((l): l is SerialLink => l !== undefined);
  }

  private tell(): void {
    this.hooks.onStatus(this.statuses());
  }
}
