import type { Announcement, AnnouncementPlayer, PlayResult } from '../../../renderer/display/call-announcer';

/** A clock the test moves by hand; timers fire in time order, with every promise settled between them. */
export class FakeClock {
  private time = 0;
  private timers: { at: number; seq: number; run: () => void }[] = [];
  private seq = 0;

  now = (): number => this.time;

  at(ms: number, run: () => void): void {
    this.timers.push({ at: ms, seq: this.seq++, run });
  }

  async advanceTo(ms: number): Promise<void> {
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= ms).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.run();
      await settle();
    }
    this.time = ms;
    await settle();
  }
}

/** Lets every pending promise callback run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface PlayRecord {
  readonly key: string;
  readonly clips: readonly string[];
  readonly start: number;
  end: number | null;
}

/**
 * A player on the fake clock: an announcement lasts `durationOf(it)` ms. It records when each
 * one played and counts overlaps — the thing the announcer exists to prevent — rather than
 * trusting the announcer not to cause them.
 */
export class FakePlayer implements AnnouncementPlayer {
  readonly played: PlayRecord[] = [];
  overlaps = 0;
  blocked = false;
  failWith: PlayResult | null = null;
  unlocks = 0;
  private active = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly durationOf: (a: Announcement) => number,
  ) {}

  play(a: Announcement): Promise<PlayResult> {
    if (this.blocked) return Promise.resolve({ kind: 'blocked' });
    if (this.failWith !== null) return Promise.resolve(this.failWith);
    if (this.active > 0) this.overlaps++;
    this.active++;
    const record: PlayRecord = { key: a.key, clips: a.clips, start: this.clock.now(), end: null };
    this.played.push(record);
    return new Promise((resolve) => {
      this.clock.at(record.start + this.durationOf(a), () => {
        this.active--;
        record.end = this.clock.now();
        resolve({ kind: 'played' });
      });
    });
  }

  async unlock(): Promise<boolean> {
    this.unlocks++;
    this.blocked = false;
    return true;
  }

  close(): void {}
}
