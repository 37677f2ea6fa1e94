import { EventEmitter } from 'node:events';
import { SerialLink, type SerialLinkOptions } from './serial-link';

/**
 * A four-key satisfaction keypad at the counter, on a serial line (USB CDC, 9600 8N1).
 *
 * Protocol: each key press sends one ASCII digit — '1' (0x31) Không hài lòng, '2' Bình thường,
 * '3' Hài lòng, '4' Rất hài lòng. Any other byte (CR, LF, noise, a keypad's power-on banner) is
 * ignored. A press within `debounceMs` (default 1000) of the last accepted press is dropped: a
 * citizen pressing twice, or a bouncing key, gives one rating.
 */

export type RatingLevel = 1 | 2 | 3 | 4;

export interface RatingKeypadOptions extends SerialLinkOptions {
  readonly debounceMs?: number;
  /** Injected for tests. */
  readonly now?: () => number;
}

export type RatingKeypadEvents = {
  press: [rating: RatingLevel];
  /** A press dropped by the debounce. */
  bounce: [rating: RatingLevel];
};

export class RatingKeypad {
  readonly link: SerialLink;
  private readonly events = new EventEmitter<RatingKeypadEvents>();
  private readonly debounceMs: number;
  private readonly now: () => number;
  private lastPressAt = Number.NEGATIVE_INFINITY;

  constructor(options: RatingKeypadOptions) {
    this.link = new SerialLink(options);
    this.debounceMs = options.debounceMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
    if (!(this.debounceMs >= 0)) throw new RangeError('debounceMs must not be negative');
    this.link.on('data', (chunk) => this.onData(chunk));
  }

  on<K extends keyof RatingKeypadEvents>(event: K, listener: (...args: RatingKeypadEvents[K]) => void): this {
    this.events.on(event, listener as never);
    return this;
  }

  off<K extends keyof RatingKeypadEvents>(event: K, listener: (...args: RatingKeypadEvents[K]) => void): this {
    this.events.off(event, listener as never);
    return this;
  }

  start(): Promise<void> {
    return this.link.start();
  }

  close(): Promise<void> {
    return this.link.close();
  }

  private onData(chunk: Buffer): void {
    for (const b of chunk) {
      if (b < 0x31 || b > 0x34) continue;
      const rating = (b - 0x30) as RatingLevel;
      const t = this.now();
      if (t - this.lastPressAt < this.debounceMs) {
        this.events.emit('bounce', rating);
        continue;
      }
      this.lastPressAt = t;
      this.events.emit('press', rating);
    }
  }
}
