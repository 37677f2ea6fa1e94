import { assembleAnnouncement, type ClipFolder } from '../../../hardware/audio/announcement-audio';
import { framesFor } from '../../../hardware/audio/pcm';
import { durationMs, type PcmAudio } from '../../../hardware/audio/wav';
import type { TimedClip } from '../../../core/voice/timeline';
import type { Announcement, AnnouncementPlayer, PlayResult } from '../../../renderer/display/call-announcer';
import type { FakeClock } from './fake-clock';

export interface Recorded {
  readonly key: string;
  readonly clips: readonly string[];
  readonly startMs: number;
  readonly durationMs: number;
  readonly timeline: readonly TimedClip[];
}

/**
 * Plays announcements onto a tape instead of a loudspeaker: each is assembled from the built
 * clips (the real ones), laid on the tape at the moment the announcer starts it, and lasts as
 * long as its audio on the fake clock. Overlapping announcements would be mixed on the tape,
 * exactly as two in a room would be heard.
 */
export class TapePlayer implements AnnouncementPlayer {
  readonly recorded: Recorded[] = [];
  private readonly parts: { startMs: number; audio: PcmAudio }[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly clips: ClipFolder,
  ) {}

  play(a: Announcement): Promise<PlayResult> {
    const { audio, timeline } = assembleAnnouncement(a.clips, (id) => this.clips.clip(id));
    const startMs = this.clock.now();
    const length = durationMs(audio);
    this.parts.push({ startMs, audio });
    this.recorded.push({ key: a.key, clips: a.clips, startMs, durationMs: length, timeline });
    return new Promise((resolve) => this.clock.at(startMs + length, () => resolve({ kind: 'played' })));
  }

  async unlock(): Promise<boolean> {
    return true;
  }

  close(): void {}

  /** Everything played, from time 0 to the end of the last announcement. */
  tape(): PcmAudio {
    const { sampleRate, channels } = this.clips.manifest.format;
    const end = Math.max(...this.parts.map((p) => framesFor(p.startMs, sampleRate) + p.audio.samples.length / channels));
    const mix = new Int32Array(end * channels);
    for (const p of this.parts) {
      const at = framesFor(p.startMs, sampleRate) * channels;
      p.audio.samples.forEach((s, i) => (mix[at + i] = (mix[at + i] ?? 0) + s));
    }
    return { sampleRate, channels, samples: Int16Array.from(mix, (s) => Math.max(-32768, Math.min(32767, s))) };
  }
}
