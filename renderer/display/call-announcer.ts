import type { CallToAnnounce } from '../../core/voice/new-calls';

/**
 * The waiting room hears one call at a time, each to its end. Calls that arrive while another
 * is being spoken wait their turn — a recall too — instead of cutting in, which is what people
 * complain about in other queue systems. Pure logic: the sound comes from an injected player,
 * so a test drives it with a fake clock and the display with Web Audio.
 */

/** Keyed by the call (ticket id and call time): the same call is never queued twice. */
export type Announcement = CallToAnnounce;

export type PlayResult =
  | { readonly kind: 'played' }
  /** The browser will not make sound before someone touches the page (autoplay policy). */
  | { readonly kind: 'blocked' }
  /** `fatal`: this player can never play (no audio support), so stop trying. */
  | { readonly kind: 'failed'; readonly reason: string; readonly fatal: boolean };

export interface AnnouncementPlayer {
  /** Plays the clips in order with the plan's pauses; settles when the last clip has ended. */
  play(announcement: Announcement): Promise<PlayResult>;
  /** Called from a user gesture (the unlock button): true when sound may now play. */
  unlock(): Promise<boolean>;
  close(): void;
}

export type AnnouncerStatus = 'idle' | 'speaking' | 'blocked' | 'unavailable';

export type AnnouncerEvent =
  | { readonly type: 'queued'; readonly key: string; readonly at: number }
  | { readonly type: 'started'; readonly key: string; readonly clips: readonly string[]; readonly at: number }
  | { readonly type: 'finished'; readonly key: string; readonly result: PlayResult['kind']; readonly at: number }
  | { readonly type: 'dropped'; readonly key: string; readonly reason: 'stale' | 'overflow' | 'unavailable'; readonly at: number };

export interface CallAnnouncerOptions {
  /** Milliseconds on a monotonic clock (performance.now in the browser). */
  readonly now: () => number;
  /** A call not yet spoken this long after it arrived is dropped: by then the person has been called on screen long ago. */
  readonly maxAgeMs?: number;
  /** At most this many calls wait; beyond it the oldest waiting one is dropped. */
  readonly maxWaiting?: number;
  readonly onStatus?: (status: AnnouncerStatus) => void;
  readonly onEvent?: (event: AnnouncerEvent) => void;
  /** Problems, each distinct message once (a display runs for days; a missing clip must not flood the log). */
  readonly log?: (message: string) => void;
}

interface Waiting {
  readonly announcement: Announcement;
  readonly queuedAt: number;
}

export const DEFAULT_MAX_AGE_MS = 60_000;
export const DEFAULT_MAX_WAITING = 6;

export class CallAnnouncer {
  private readonly waiting: Waiting[] = [];
  private speaking: Waiting | null = null;
  private current: AnnouncerStatus = 'idle';
  private running = false;
  private closed = false;
  private readonly logged = new Set<string>();

  constructor(
    private readonly player: AnnouncementPlayer,
    private readonly options: CallAnnouncerOptions,
  ) {}

  status(): AnnouncerStatus {
    return this.current;
  }

  enqueue(announcement: Announcement): void {
    if (this.closed) return;
    const at = this.options.now();
    if (this.current === 'unavailable') {
      this.emit({ type: 'dropped', key: announcement.key, reason: 'unavailable', at });
      return;
    }
    if (this.speaking?.announcement.key === announcement.key || this.waiting.some((w) => w.announcement.key === announcement.key)) return;
    this.waiting.push({ announcement, queuedAt: at });
    this.emit({ type: 'queued', key: announcement.key, at });
    while (this.waiting.length > (this.options.maxWaiting ?? DEFAULT_MAX_WAITING)) {
      const dropped = this.waiting.shift() as Waiting;
      this.emit({ type: 'dropped', key: dropped.announcement.key, reason: 'overflow', at });
    }
    void this.drain();
  }

  /** From the unlock button's click: lets a blocked player start, then speaks what is still fresh. */
  async unlock(): Promise<void> {
    if (this.current !== 'blocked' || this.closed) return;
    if (!(await this.player.unlock()) || this.closed) return;
    this.setStatus('idle');
    void this.drain();
  }

  /** Problems found before an announcement reaches the queue (a counter label that cannot be read). */
  warn(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.options.log?.(message);
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    this.player.close();
  }

  /** The one loop that plays: `running` keeps a second one from starting, so two calls never overlap. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.closed || this.current === 'blocked' || this.current === 'unavailable') return;
        const next = this.waiting.shift();
        if (next === undefined) {
          this.setStatus('idle');
          return;
        }
        const { announcement } = next;
        if (this.options.now() - next.queuedAt > (this.options.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) {
          this.emit({ type: 'dropped', key: announcement.key, reason: 'stale', at: this.options.now() });
          continue;
        }
        this.speaking = next;
        this.setStatus('speaking');
        this.emit({ type: 'started', key: announcement.key, clips: announcement.clips, at: this.options.now() });
        const result = await this.player.play(announcement).catch((e: unknown): PlayResult => ({ kind: 'failed', reason: String(e), fatal: false }));
        this.speaking = null;
        this.emit({ type: 'finished', key: announcement.key, result: result.kind, at: this.options.now() });
        if (result.kind === 'blocked') {
          // Not spoken: it waits at the front until someone unlocks the sound (or it grows stale).
          this.waiting.unshift(next);
          this.warn('the browser blocks sound until the page is touched (start it with --autoplay-policy=no-user-gesture-required)');
          this.setStatus('blocked');
          return;
        }
        if (result.kind === 'failed') {
          this.warn(result.reason);
          if (result.fatal) {
            this.setStatus('unavailable');
            for (const w of this.waiting.splice(0)) this.emit({ type: 'dropped', key: w.announcement.key, reason: 'unavailable', at: this.options.now() });
            return;
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  private setStatus(status: AnnouncerStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.options.onStatus?.(status);
  }

  private emit(event: AnnouncerEvent): void {
    this.options.onEvent?.(event);
  }
}
