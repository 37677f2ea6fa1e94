import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { QueueSnapshot } from '../../core/queue/snapshot';
import type { Counter, Ticket } from '../../core/queue/types';
import { planCallAnnouncement } from '../../core/voice/call-announcement';
import { announcementsBetween } from '../../core/voice/new-calls';
import { PAUSE_MS } from '../../core/voice/timeline';
import { assembleAnnouncement, ClipFolder } from '../../hardware/audio/announcement-audio';
import { encodeWav } from '../../hardware/audio/wav';
import { CallAnnouncer } from '../../renderer/display/call-announcer';
import { buildClipsIntoTemp } from './support/built-clips';
import { FakeClock } from './support/fake-clock';
import { missingAudioTools, soxInfo, soxRaw, soxRms } from './support/sox';
import { TapePlayer } from './support/tape-player';
import { calledTicket, emptyFloor, recalled } from './support/tickets';

const missing = missingAudioTools();
if (missing !== null) console.warn(`tests/voice/announcement-audio: SKIPPED — ${missing}; CI installs them (.ci/run).`);

const RATE = 22_050;
const frames = (ms: number): number => Math.round((ms * RATE) / 1000);

const COUNTERS: readonly Counter[] = [
  { id: 'quay-3', label: '3', name: 'Quầy 3', serviceIds: ['ho-tich'] },
  { id: 'quay-3a', label: '3A', name: 'Quầy 3A', serviceIds: ['ho-tich'] },
  { id: 'quay-12', label: '12', name: 'Quầy 12', serviceIds: ['ho-tich'] },
];

/** What the hub's "called"/"recalled" broadcast does to the display's snapshot. */
function withCall(s: QueueSnapshot, t: Ticket): QueueSnapshot {
  return { ...s, seq: s.seq + 1, recentCalls: [t, ...s.recentCalls.filter((r) => r.id !== t.id)].slice(0, 10) };
}

function clipsOf(number: number, label: string): readonly string[] {
  const plan = planCallAnnouncement(number, label);
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value.clips;
}

describe.skipIf(missing !== null)('the audio of the calls', () => {
  let dir: string;
  let folder: ClipFolder;
  let work: string;
  beforeAll(async () => {
    dir = (await buildClipsIntoTemp()).dir;
    folder = ClipFolder.open(dir);
    work = mkdtempSync(path.join(tmpdir(), 'motcua-calls-'));
  });

  /** Asserts, reading `file` with sox, that each clip of `timeline` sits at its place, sample for sample, with silence between. */
  function expectClipsInPlace(file: string, offsetMs: number, timeline: readonly { id: string; startMs: number; endMs: number }[]): void {
    timeline.forEach((clip, i) => {
      const clipFile = path.join(dir, `${clip.id}.wav`);
      const length = soxInfo(clipFile).frames;
      const at = frames(offsetMs + clip.startMs);
      expect(soxRaw(file, at, length).equals(soxRaw(clipFile)), `clip ${i} (${clip.id}) at ${Math.round(offsetMs + clip.startMs)} ms`).toBe(true);
      const next = timeline[i + 1];
      if (next !== undefined) expect(soxRms(file, at + length, frames(next.startMs - clip.endMs) - 2), `pause after ${clip.id}`).toBe(0);
    });
  }

  test.each([
    [1023, '3'],
    [1105, '3A'],
    [2000, '12'],
    [10000, '21'],
  ] as const)('ticket %i to counter %s: duration = clips + pauses, not silence, each clip at its place', (number, label) => {
    const clips = clipsOf(number, label);
    const { audio, timeline } = assembleAnnouncement(clips, (id) => folder.clip(id));
    const file = path.join(work, `${number}-${label}.wav`);
    writeFileSync(file, encodeWav(audio));
    expect(timeline.map((t) => t.id)).toEqual(clips);

    const clipsMs = clips.reduce((sum, id) => sum + soxInfo(path.join(dir, `${id}.wav`)).durationMs, 0);
    // Two phrases: each followed by a phrase pause; one phrase preceded by one; words between the rest.
    const pausesMs = 2 * PAUSE_MS.afterPhrase + PAUSE_MS.beforePhrase + (clips.length - 1 - 3) * PAUSE_MS.betweenWords;
    expect(Math.abs(soxInfo(file).durationMs - (clipsMs + pausesMs))).toBeLessThan(3);
    expect(soxRms(file)).toBeGreaterThan(0.05);
    expectClipsInPlace(file, 0, timeline);
  });

  test('a sequence of calls — a second call and a recall during the first — is heard one after another, each whole', async () => {
    const clock = new FakeClock();
    const player = new TapePlayer(clock, folder);
    const announcer = new CallAnnouncer(player, { now: clock.now });
    let shown: QueueSnapshot = emptyFloor();
    const push = (next: QueueSnapshot): void => {
      for (const call of announcementsBetween(shown, next, COUNTERS).calls) announcer.enqueue(call);
      shown = next;
    };
    const a = calledTicket(1, 1023, 'quay-3', '08:00');
    const b = calledTicket(2, 1105, 'quay-3a', '08:00');
    const c = calledTicket(3, 2000, 'quay-12', '08:02');
    clock.at(0, () => push(withCall(shown, a)));
    clock.at(300, () => push(withCall(shown, b)));
    clock.at(600, () => push(withCall(shown, recalled(a, '08:01'))));
    clock.at(30_000, () => push(withCall(shown, c)));
    await clock.advanceTo(60_000);

    // The playlist: every call, in order, the recall spoken again, each starting when the previous ended.
    const played = player.recorded;
    expect(played.map((p) => p.clips)).toEqual([clipsOf(1023, '3'), clipsOf(1105, '3A'), clipsOf(1023, '3'), clipsOf(2000, '12')]);
    const [p0, p1, p2, p3] = played.map((p) => p.startMs);
    expect(p0).toBe(0);
    expect(p1).toBeCloseTo(played[0]!.durationMs, 6);
    expect(p2).toBeCloseTo(played[0]!.durationMs + played[1]!.durationMs, 6);
    expect(p3).toBe(30_000);
    expect(p2! + played[2]!.durationMs).toBeLessThan(30_000);

    // The WAV of the room: its length, its silences, and every clip of every call in its place.
    const tape = path.join(work, 'sequence.wav');
    writeFileSync(tape, encodeWav(player.tape()));
    expect(Math.abs(soxInfo(tape).durationMs - (30_000 + played[3]!.durationMs))).toBeLessThan(3);
    expect(soxRms(tape)).toBeGreaterThan(0.03);
    for (const p of played) expectClipsInPlace(tape, p.startMs, p.timeline);
    const quietFrom = frames(p2! + played[2]!.durationMs);
    expect(soxRms(tape, quietFrom, frames(30_000) - quietFrom)).toBe(0);
  });
});
