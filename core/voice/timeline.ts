import { clipById } from './clip-catalogue';

/**
 * The silences between clips. The clips are trimmed to their sound at build time, so these
 * pauses are the whole rhythm of the sentence: short between the syllables of a number (it
 * must still sound like one number), longer around the phrases so "số …" and "đến quầy số …"
 * are heard as two parts. Both players — the display in the browser and the WAV assembler —
 * use this one table, so a test of the WAV is a test of what the room hears.
 */
export const PAUSE_MS = {
  afterPhrase: 160,
  beforePhrase: 260,
  betweenWords: 50,
} as const;

/** Silence after clip `index` of `clips` (none after the last). */
export function pauseAfterMs(clips: readonly string[], index: number): number {
  if (index < 0 || index >= clips.length - 1) return 0;
  const here = clipById(clips[index] ?? '');
  const next = clipById(clips[index + 1] ?? '');
  if (here?.kind === 'phrase') return PAUSE_MS.afterPhrase;
  if (next?.kind === 'phrase') return PAUSE_MS.beforePhrase;
  return PAUSE_MS.betweenWords;
}

export interface TimedClip {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
}

export type PauseRule = (clips: readonly string[], index: number) => number;

/**
 * When each clip starts and ends, given each clip's duration (same order as `clips`). A player
 * that can only pause in whole samples passes its rounded `pause`.
 */
export function announcementTimeline(clips: readonly string[], durationsMs: readonly number[], pause: PauseRule = pauseAfterMs): readonly TimedClip[] {
  if (durationsMs.length !== clips.length) throw new Error(`announcementTimeline: ${clips.length} clips but ${durationsMs.length} durations`);
  const timed: TimedClip[] = [];
  let at = 0;
  clips.forEach((id, i) => {
    const end = at + (durationsMs[i] ?? 0);
    timed.push({ id, startMs: at, endMs: end });
    at = end + pause(clips, i);
  });
  return timed;
}

/** The length of the whole announcement. */
export function announcementDurationMs(clips: readonly string[], durationsMs: readonly number[], pause: PauseRule = pauseAfterMs): number {
  return announcementTimeline(clips, durationsMs, pause).at(-1)?.endMs ?? 0;
}
