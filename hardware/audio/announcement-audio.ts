import { readFileSync } from 'node:fs';
import path from 'node:path';
import { announcementTimeline, pauseAfterMs, type TimedClip } from '../../core/voice/timeline';
import { concatenate, framesFor } from './pcm';
import { VOICE_MANIFEST_FILE, VoiceManifestSchema, type VoiceManifest } from './voice-manifest';
import { durationMs, parseWav, sameFormat, type PcmAudio } from './wav';

/** A built clip folder (dist/voice/clips): its manifest, and each clip read once. */
export class ClipFolder {
  private readonly cache = new Map<string, PcmAudio>();

  private constructor(
    readonly dir: string,
    readonly manifest: VoiceManifest,
  ) {}

  static open(dir: string): ClipFolder {
    const file = path.join(dir, VOICE_MANIFEST_FILE);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`No voice clips at ${dir} (${(e as Error).message}): build them with "motcua voice build".`);
    }
    const parsed = VoiceManifestSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file} is not a voice manifest: ${parsed.error.issues[0]?.message ?? ''}`);
    return new ClipFolder(dir, parsed.data);
  }

  clip(id: string): PcmAudio {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const entry = this.manifest.clips.find((c) => c.id === id);
    if (entry === undefined) throw new Error(`The voice clip folder ${this.dir} has no clip "${id}": rebuild it with "motcua voice build".`);
    const audio = parseWav(readFileSync(path.join(this.dir, entry.file)));
    const { sampleRate, channels } = this.manifest.format;
    if (audio.sampleRate !== sampleRate || audio.channels !== channels) {
      throw new Error(`${entry.file} is ${audio.sampleRate} Hz × ${audio.channels}, the folder's format is ${sampleRate} Hz × ${channels}: rebuild the clips.`);
    }
    this.cache.set(id, audio);
    return audio;
  }
}

export interface AssembledAnnouncement {
  readonly audio: PcmAudio;
  /** Where each clip sits in `audio`. Pauses are whole frames, so these are the frame-exact times. */
  readonly timeline: readonly TimedClip[];
}

/**
 * One WAV of a whole announcement: the clips in order with the pauses of core/voice/timeline —
 * the same rhythm the display plays — for `motcua say` and for tests that check the audio.
 */
export function assembleAnnouncement(clips: readonly string[], clipAudio: (id: string) => PcmAudio): AssembledAnnouncement {
  const parts = clips.map(clipAudio);
  const first = parts[0];
  if (first === undefined) throw new Error('An announcement needs at least one clip.');
  const bad = parts.findIndex((p) => !sameFormat(p, first));
  if (bad !== -1) throw new Error(`Clip "${clips[bad]}" is not in the format of "${clips[0]}": rebuild the clips.`);
  // Pauses in whole frames, exactly as concatenate() lays them out.
  const pause = (list: readonly string[], i: number): number => (framesFor(pauseAfterMs(list, i), first.sampleRate) * 1000) / first.sampleRate;
  const audio = concatenate(parts, clips.map((_, i) => pause(clips, i)));
  const timeline = announcementTimeline(clips, parts.map(durationMs), pause);
  return { audio, timeline };
}
