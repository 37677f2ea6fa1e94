import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { planCallAnnouncement } from '../../core/voice/call-announcement';
import { ALL_CLIP_IDS, clipById } from '../../core/voice/clip-catalogue';
import { pauseAfterMs } from '../../core/voice/timeline';
import { VoiceManifestSchema } from '../../hardware/audio/voice-manifest';
import { buildClipsIntoTemp, type BuiltClips } from './support/built-clips';
import { missingAudioTools, soxInfo, soxRms } from './support/sox';

const missing = missingAudioTools();
if (missing !== null) console.warn(`tests/voice/voice-build: SKIPPED — ${missing}; CI installs them (.ci/run).`);

const REPO = path.resolve(import.meta.dirname, '../..');

describe.skipIf(missing !== null)('voice clips built with espeak-ng', () => {
  let built: BuiltClips;
  beforeAll(async () => {
    built = await buildClipsIntoTemp();
  });

  test('every clip of the catalogue is a trimmed, non-silent 16-bit mono WAV, and the manifest says so', () => {
    const manifest = VoiceManifestSchema.parse(JSON.parse(readFileSync(path.join(built.dir, 'manifest.json'), 'utf8')));
    expect(manifest.clips.map((c) => c.id)).toEqual(ALL_CLIP_IDS);
    expect(manifest.synthesiser).toMatch(/eSpeak NG.*voice vi/);
    for (const clip of manifest.clips) {
      const file = path.join(built.dir, clip.file);
      const info = soxInfo(file);
      expect({ id: clip.id, rate: info.sampleRate, channels: info.channels, bits: info.bits }).toEqual({ id: clip.id, rate: 22_050, channels: 1, bits: 16 });
      expect(Math.abs(info.durationMs - clip.durationMs), clip.id).toBeLessThan(1);
      // One syllable is at least ~80 ms; a clip of seconds would still carry espeak's trailing silence.
      expect(info.durationMs, clip.id).toBeGreaterThan(80);
      // The kiosk's guidance clips are whole sentences: at most 0.4 s a word.
      const kind = clipById(clip.id)?.kind;
      expect(info.durationMs, clip.id).toBeLessThan(kind === 'number-word' ? 800 : kind === 'guidance' ? clip.text.split(' ').length * 400 : 2_000);
      expect(soxRms(file), clip.id).toBeGreaterThan(0.03);
      expect(clip.source).toBe('espeak-ng');
    }
  });

  test('words that differ only by tone are different recordings', () => {
    const bytes = (id: string): Buffer => readFileSync(path.join(built.dir, `${id}.wav`));
    expect(bytes('mot-nang').equals(bytes('mot-sac'))).toBe(false);
    expect(bytes('muoi-huyen').equals(bytes('muoi-ngang'))).toBe(false);
  });

  test("a centre's recording replaces the synthesised clip, converted to the clips' format and trimmed", async () => {
    const overrides = mkdtempSync(path.join(tmpdir(), 'motcua-overrides-'));
    // A "recording": 44.1 kHz stereo 24-bit, 300 ms of sound between 200 ms silences.
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', '-b', '24', path.join(overrides, 'den-quay-so.wav'), 'synth', '0.3', 'sine', '330', 'vol', '0.5', 'pad', '0.2', '0.2']);
    writeFileSync(path.join(overrides, 'den-quay.wav'), readFileSync(path.join(built.dir, 'ba.wav'))); // misspelt: must be reported
    const withOverride = await buildClipsIntoTemp(overrides);
    const entry = withOverride.manifest.clips.find((c) => c.id === 'den-quay-so');
    expect(entry?.source).toBe('override');
    expect(withOverride.manifest.clips.filter((c) => c.source === 'override')).toHaveLength(1);
    expect(withOverride.unusedOverrides).toEqual(['den-quay.wav']);
    const info = soxInfo(path.join(withOverride.dir, 'den-quay-so.wav'));
    expect([info.sampleRate, info.channels, info.bits]).toEqual([22_050, 1, 16]);
    expect(info.durationMs).toBeGreaterThan(300);
    expect(info.durationMs).toBeLessThan(300 + 2 * 15 + 5);
  });

  test('motcua say writes the call as one WAV: its duration is the clips plus the pauses, and it is not silence', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'motcua-say-')), 'call.wav');
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO, 'bin/motcua.mjs'), 'say', '1023', '3A', '--out', out, '--clips', built.dir], { cwd: REPO });
    expect(stdout.split('\n')[0]).toBe('Mời khách hàng số một nghìn không trăm hai mươi ba đến quầy số ba a');
    const plan = planCallAnnouncement(1023, '3A');
    if (!plan.ok) throw new Error(plan.error.message);
    const clips = plan.value.clips;
    const expected = clips.reduce((sum, id, i) => sum + soxInfo(path.join(built.dir, `${id}.wav`)).durationMs + pauseAfterMs(clips, i), 0);
    expect(Math.abs(soxInfo(out).durationMs - expected)).toBeLessThan(3);
    expect(soxRms(out)).toBeGreaterThan(0.05);
  });

  test('motcua say refuses a counter label it cannot read', async () => {
    const run = promisify(execFile)(process.execPath, [path.join(REPO, 'bin/motcua.mjs'), 'say', '1023', 'Quầy 3', '--out', path.join(tmpdir(), 'x.wav'), '--clips', built.dir], { cwd: REPO });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('"Quầy 3"') });
  });
});
