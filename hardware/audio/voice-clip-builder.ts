import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VOICE_CLIPS, type VoiceClip } from '../../core/voice/clip-catalogue';
import { openEspeak, readAsPcm, type SpeechSynthesiser } from './audio-tools';
import { normalizePeak, rms, trimSilence } from './pcm';
import { VOICE_MANIFEST_FILE, type ClipSource, type VoiceManifest } from './voice-manifest';
import { durationMs, encodeWav, type PcmAudio } from './wav';

/** espeak-ng's own output format; a centre's recordings are converted to it, so every clip joins with every other. */
export const CLIP_FORMAT = { sampleRate: 22_050, channels: 1 } as const;

/** A clip quieter than this after trimming is taken for a failed synthesis or an empty recording. */
const MIN_CLIP_RMS = 0.005;

export interface VoiceBuildOptions {
  /** Where the clips and manifest.json go (e.g. dist/voice/clips). */
  readonly outDir: string;
  /** A centre's recordings: `<clip id>.wav` here replaces the synthesised clip. Absent folder: none. */
  readonly overridesDir?: string | null;
  /** Opened only if some clip has no recording. Tests pass their own; default: espeak-ng. */
  readonly openSynthesiser?: () => Promise<SpeechSynthesiser>;
  readonly clips?: readonly VoiceClip[];
  readonly now?: () => Date;
}

export interface VoiceBuildResult {
  readonly manifest: VoiceManifest;
  /** Files in the overrides folder that match no clip id (a misspelt name would otherwise be silently ignored). */
  readonly unusedOverrides: readonly string[];
}

/** Makes the clip as it will be played: sound only, at the common loudness. */
function finish(clip: VoiceClip, audio: PcmAudio, source: string): PcmAudio {
  const done = normalizePeak(trimSilence(audio));
  if (rms(done) < MIN_CLIP_RMS) throw new Error(`Voice clip "${clip.id}" ("${clip.text}") from ${source} is silent.`);
  return done;
}

/**
 * Renders every clip of the catalogue into `outDir` as 16-bit PCM WAV, then writes
 * manifest.json (last, so a manifest always describes a complete folder).
 */
export async function buildVoiceClips(options: VoiceBuildOptions): Promise<VoiceBuildResult> {
  const clips = options.clips ?? VOICE_CLIPS;
  const overridesDir = options.overridesDir != null && existsSync(options.overridesDir) ? path.resolve(options.overridesDir) : null;
  const overrideFiles = new Set(overridesDir === null ? [] : readdirSync(overridesDir).filter((f) => f.toLowerCase().endsWith('.wav')));
  const overrideOf = (clip: VoiceClip): string | null => (overrideFiles.has(`${clip.id}.wav`) ? path.join(overridesDir ?? '', `${clip.id}.wav`) : null);

  let synthesiser: SpeechSynthesiser | null = null;
  if (clips.some((c) => overrideOf(c) === null)) synthesiser = await (options.openSynthesiser ?? openEspeak)();

  await mkdir(options.outDir, { recursive: true });
  const entries: VoiceManifest['clips'][number][] = [];
  for (const clip of clips) {
    const file = overrideOf(clip);
    let audio: PcmAudio;
    let source: ClipSource;
    if (file !== null) {
      audio = finish(clip, await readAsPcm(file, await readFile(file), CLIP_FORMAT.sampleRate, CLIP_FORMAT.channels), file);
      source = 'override';
    } else {
      const spoken = await (synthesiser as SpeechSynthesiser).synthesise(clip.text);
      if (spoken.sampleRate !== CLIP_FORMAT.sampleRate || spoken.channels !== CLIP_FORMAT.channels) {
        throw new Error(`The synthesiser produced ${spoken.sampleRate} Hz × ${spoken.channels} audio; the clips are ${CLIP_FORMAT.sampleRate} Hz mono.`);
      }
      audio = finish(clip, spoken, 'the synthesiser');
      source = 'espeak-ng';
    }
    const name = `${clip.id}.wav`;
    await writeFile(path.join(options.outDir, name), encodeWav(audio));
    entries.push({ id: clip.id, text: clip.text, file: name, source, durationMs: Math.round(durationMs(audio) * 100) / 100 });
  }

  const manifest: VoiceManifest = {
    version: 1,
    builtAt: (options.now?.() ?? new Date()).toISOString(),
    format: { ...CLIP_FORMAT, bitsPerSample: 16 },
    synthesiser: synthesiser?.description ?? null,
    clips: entries,
  };
  await writeFile(path.join(options.outDir, VOICE_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const used = new Set(clips.map((c) => `${c.id}.wav`));
  return { manifest, unusedOverrides: [...overrideFiles].filter((f) => !used.has(f)).sort() };
}
