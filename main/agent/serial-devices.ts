import type { SerialDeviceStatus } from '../../core/devices';
import type { RatingLevel } from '../../hardware/serial/rating-keypad';
import { LedSign, type SignTicket } from '../../hardware/serial/led-sign';
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
  /** The serial devices' states changed. */
  readonly onStatus: (devices: SerialDeviceStatus[]) => void;
}

/**
 * The serial devices of a counter terminal: the LED number sign follows the counter's ticket, the
 * rating keypad's presses go to the agent. Each reconnects by itself; each state change is told.
 */
export class CounterSerialDevices {
  readonly ledSign: LedSign | null;
  readonly keypad: RatingKeypad | null;
  private readonly everOpened = new Set<SerialLink>();

  constructor(config: TerminalDevices, private readonly hooks: CounterSerialHooks, timings: SerialTimings = {}) {
    this.ledSign = config.ledSign ? new LedSign({ ...timings, path: config.ledSign.path, baudRate: config.ledSign.baudRate }) : null;
    this.keypad = config.ratingKeypad
      ? new RatingKeypad({ ...timings, path: config.ratingKeypad.path, baudRate: config.ratingKeypad.baudRate, debounceMs: config.ratingKeypad.debounceMs })
      : null;
    this.keypad?.on('press', (r) => hooks.onRating(r));
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
    return this.ledSign !== null || this.keypad !== null;
  }

  async start(): Promise<void> {
    await Promise.all([this.ledSign?.start(), this.keypad?.start()]);
    this.tell();
  }

  async close(): Promise<void> {
    await Promise.all([this.ledSign?.close(), this.keypad?.close()]);
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
    return out;
  }

  private links(): SerialLink[] {
    return [this.ledSign?.link, this.keypad?.link].filter((l): l is SerialLink => l !== undefined);
  }

  private tell(): void {
    this.hooks.onStatus(this.statuses());
  }
}
