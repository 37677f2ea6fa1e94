import { describe, expect, test } from 'vitest';
import { concatenate, normalizePeak, rms, trimSilence } from '../../hardware/audio/pcm';
import { durationMs, encodeWav, parseWav, WavFormatError, type PcmAudio } from '../../hardware/audio/wav';

function tone(ms: number, rate = 22_050, amplitude = 8_000, channels = 1): PcmAudio {
  const frames = Math.round((ms * rate) / 1000);
  const samples = new Int16Array(frames * channels);
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) samples[i * channels + c] = Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / rate));
  return { sampleRate: rate, channels, samples };
}

function silence(ms: number, rate = 22_050): PcmAudio {
  return { sampleRate: rate, channels: 1, samples: new Int16Array(Math.round((ms * rate) / 1000)) };
}

/** A WAV with an extra chunk between fmt and data, as sox and many recorders write. */
function withListChunk(wav: Buffer): Buffer {
  const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx'), Buffer.from([0])]); // odd size + pad byte
  const out = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

describe('WAV files', () => {
  test('what is written reads back sample for sample', () => {
    const audio = tone(120, 22_050, 5_000, 2);
    const back = parseWav(encodeWav(audio));
    expect(back.sampleRate).toBe(22_050);
    expect(back.channels).toBe(2);
    expect(Array.from(back.samples)).toEqual(Array.from(audio.samples));
    expect(durationMs(back)).toBeCloseTo(120, 0);
  });

  test('extra chunks (LIST, odd-sized and padded) are skipped', () => {
    const audio = tone(50);
    expect(Array.from(parseWav(withListChunk(encodeWav(audio))).samples)).toEqual(Array.from(audio.samples));
  });

  test("espeak-ng's streamed header (sizes 0x7fff….) is read up to the end of the file", () => {
    const wav = encodeWav(tone(80));
    wav.writeUInt32LE(0x7ffff024, 4);
    wav.writeUInt32LE(0x7ffff000, 40);
    expect(parseWav(wav).samples.length).toBe(tone(80).samples.length);
  });

  test('anything but 16-bit PCM is refused with a reason', () => {
    const eightBit = encodeWav(tone(10));
    eightBit.writeUInt16LE(8, 34);
    expect(() => parseWav(eightBit)).toThrow(/16-bit PCM is required/);
    const float = encodeWav(tone(10));
    float.writeUInt16LE(3, 20);
    expect(() => parseWav(float)).toThrow(WavFormatError);
    expect(() => parseWav(Buffer.from('not a wav file at all'))).toThrow(/RIFF/);
  });
});

describe('clip processing', () => {
  test('silence at both ends is cut, keeping a short edge', () => {
    const padded = concatenate([silence(300), tone(200), silence(400)], [0, 0, 0]);
    const trimmed = trimSilence(padded);
    expect(durationMs(trimmed)).toBeGreaterThan(200);
    expect(durationMs(trimmed)).toBeLessThan(200 + 2 * 15 + 2);
    expect(trimSilence(silence(100)).samples.length).toBe(silence(100).samples.length);
  });

  test('every clip is brought to the same peak', () => {
    for (const amplitude of [1_000, 30_000]) {
      const peak = Math.max(...Array.from(normalizePeak(tone(50, 22_050, amplitude)).samples, Math.abs));
      expect(peak / 32767).toBeCloseTo(0.8, 2);
    }
  });

  test('joining puts exactly the pauses between the clips, in silence', () => {
    const a = tone(100);
    const b = tone(250);
    const joined = concatenate([a, b], [60, 0]);
    expect(durationMs(joined)).toBeCloseTo(100 + 60 + 250, 1);
    const gap: PcmAudio = { ...joined, samples: joined.samples.slice(a.samples.length, a.samples.length + 1323) };
    expect(rms(gap)).toBe(0);
    expect(Array.from(joined.samples.slice(-b.samples.length))).toEqual(Array.from(b.samples));
    expect(() => concatenate([a, tone(100, 44_100)], [0, 0])).toThrow(/44100 Hz/);
  });
});
