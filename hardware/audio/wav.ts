/**
 * 16-bit PCM WAV, read and written by hand: the clips are ours (espeak-ng, or a centre's
 * recordings converted by sox at build time), so one plain format is all we need, and a
 * reader that refuses anything else says so instead of producing noise.
 */

export interface PcmAudio {
  readonly sampleRate: number;
  readonly channels: number;
  /** Interleaved signed 16-bit samples. */
  readonly samples: Int16Array;
}

export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Reads a RIFF/WAVE file of 16-bit integer PCM. Skips chunks it does not need (LIST, fact…).
 * espeak-ng writes a data size of 0x7ffff… when it streams; such a size is clamped to the file.
 */
export function parseWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavFormatError('not a RIFF/WAVE file');
  let format: { channels: number; sampleRate: number; bits: number; code: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const size = Math.min(declared, bytes.byteLength - body);
    if (id === 'fmt ') {
      if (size < 16) throw new WavFormatError('fmt chunk too short');
      format = { code: view.getUint16(body, true), channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (format === null) throw new WavFormatError('data chunk before fmt chunk');
      if ((format.code !== WAVE_FORMAT_PCM && format.code !== WAVE_FORMAT_EXTENSIBLE) || format.bits !== 16) {
        throw new WavFormatError(`unsupported WAV encoding (format ${format.code}, ${format.bits}-bit): 16-bit PCM is required`);
      }
      if (format.channels < 1 || format.sampleRate < 1) throw new WavFormatError('WAV with no channels or no sample rate');
      const frameBytes = 2 * format.channels;
      const usable = size - (size % frameBytes);
      const samples = new Int16Array(usable / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + i * 2, true);
      return { sampleRate: format.sampleRate, channels: format.channels, samples };
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  throw new WavFormatError('no data chunk');
}

/** A canonical 44-byte-header WAV. */
export function encodeWav(audio: PcmAudio): Buffer {
  const dataBytes = audio.samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  out.writeUInt16LE(audio.channels, 22);
  out.writeUInt32LE(audio.sampleRate, 24);
  out.writeUInt32LE(audio.sampleRate * audio.channels * 2, 28);
  out.writeUInt16LE(audio.channels * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < audio.samples.length; i++) out.writeInt16LE(audio.samples[i] ?? 0, 44 + i * 2);
  return out;
}

export function frameCount(audio: PcmAudio): number {
  return audio.samples.length / audio.channels;
}

export function durationMs(audio: PcmAudio): number {
  return (frameCount(audio) * 1000) / audio.sampleRate;
}

export function sameFormat(a: PcmAudio, b: PcmAudio): boolean {
  return a.sampleRate === b.sampleRate && a.channels === b.channels;
}
