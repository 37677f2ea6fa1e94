import type { PcmAudio } from './wav';

/** Below this (≈ −40 dBFS) a sample counts as silence when trimming the ends of a clip. */
const SILENCE_THRESHOLD = 328;
/** Kept before the first and after the last sound, so a trimmed word keeps its soft edges. */
const EDGE_KEEP_MS = 15;
/** Every clip peaks here (≈ −2 dBFS): synthesised and recorded clips play at one loudness. */
export const TARGET_PEAK = 0.8;

/**
 * Cuts the silence before and after the sound. Synthesisers and recorders both leave a few
 * hundred milliseconds at the ends; left in, they would double every pause of the sentence.
 * A clip that is silent throughout is returned as it is (the caller decides what that means).
 */
export function trimSilence(audio: PcmAudio, threshold = SILENCE_THRESHOLD): PcmAudio {
  const { channels, samples } = audio;
  const frames = samples.length / channels;
  const loud = (frame: number): boolean => {
    for (let c = 0; c < channels; c++) if (Math.abs(samples[frame * channels + c] ?? 0) > threshold) return true;
    return false;
  };
  let first = 0;
  while (first < frames && !loud(first)) first++;
  if (first === frames) return audio;
  let last = frames - 1;
  while (last > first && !loud(last)) last--;
  const keep = Math.round((EDGE_KEEP_MS * audio.sampleRate) / 1000);
  const from = Math.max(0, first - keep);
  const to = Math.min(frames, last + 1 + keep);
  return { ...audio, samples: samples.slice(from * channels, to * channels) };
}

/** Scales the clip so its loudest sample sits at `peak` of full scale. */
export function normalizePeak(audio: PcmAudio, peak = TARGET_PEAK): PcmAudio {
  let max = 0;
  for (const s of audio.samples) max = Math.max(max, Math.abs(s));
  if (max === 0) return audio;
  const gain = (peak * 32767) / max;
  const samples = new Int16Array(audio.samples.length);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.max(-32768, Math.min(32767, Math.round((audio.samples[i] ?? 0) * gain)));
  return { ...audio, samples };
}

/** Root mean square of the samples, as a fraction of full scale (0 = silence). */
export function rms(audio: PcmAudio): number {
  if (audio.samples.length === 0) return 0;
  let sum = 0;
  for (const s of audio.samples) sum += (s / 32768) ** 2;
  return Math.sqrt(sum / audio.samples.length);
}

/** Frames of `ms` milliseconds at this rate, rounded: pauses land on whole frames. */
export function framesFor(ms: number, sampleRate: number): number {
  return Math.round((ms * sampleRate) / 1000);
}

/**
 * Joins clips of one format, with `pausesMs[i]` of silence after clip i. Throws on a clip of
 * another format: mixing rates would play at the wrong speed, and the build exists to prevent it.
 */
export function concatenate(parts: readonly PcmAudio[], pausesMs: readonly number[]): PcmAudio {
  const first = parts[0];
  if (first === undefined) throw new Error('concatenate: no clips');
  const { sampleRate, channels } = first;
  let total = 0;
  parts.forEach((p, i) => {
    if (p.sampleRate !== sampleRate || p.channels !== channels) {
      throw new Error(`concatenate: clip ${i} is ${p.sampleRate} Hz × ${p.channels}, expected ${sampleRate} Hz × ${channels}`);
    }
    total += p.samples.length + framesFor(pausesMs[i] ?? 0, sampleRate) * channels;
  });
  const samples = new Int16Array(total); // zero-filled: the pauses are already there
  let at = 0;
  parts.forEach((p, i) => {
    samples.set(p.samples, at);
    at += p.samples.length + framesFor(pausesMs[i] ?? 0, sampleRate) * channels;
  });
  return { sampleRate, channels, samples };
}
