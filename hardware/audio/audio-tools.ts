import { execFile } from 'node:child_process';
import { parseWav, WavFormatError, type PcmAudio } from './wav';

/**
 * The two programs the voice build drives: espeak-ng (speech) and sox (format conversion of
 * a centre's own recordings). Both are Debian packages; when one is missing the build says
 * which and how to install it, instead of failing somewhere inside a child process.
 */

export class AudioToolMissingError extends Error {
  override readonly name = 'AudioToolMissingError';
  constructor(
    readonly tool: 'espeak-ng' | 'sox',
    why: string,
  ) {
    super(`${tool} is not installed, ${why}. Install it (Debian/Ubuntu: apt-get install ${tool}) and run the build again.`);
  }
}

function run(file: string, args: readonly string[], input?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        const message = stderr.toString('utf8').trim();
        reject(Object.assign(error, { message: `${file} ${args.join(' ')}: ${message || error.message}` }));
      } else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT';
}

/** espeak-ng's settings for the announcements: its Northern Vietnamese voice, a little slower and lower than its default. */
export interface EspeakSettings {
  readonly voice: string;
  /** Words per minute (espeak's default is 175: too hurried for a waiting room). */
  readonly wordsPerMinute: number;
  /** 0–99, default 50. */
  readonly pitch: number;
}

export const ANNOUNCER_VOICE: EspeakSettings = { voice: 'vi', wordsPerMinute: 140, pitch: 45 };

export interface SpeechSynthesiser {
  /** Names the program, version and settings, for the manifest. */
  readonly description: string;
  synthesise(text: string): Promise<PcmAudio>;
}

/** espeak-ng, checked to be installed and to have the voice. */
export async function openEspeak(settings: EspeakSettings = ANNOUNCER_VOICE): Promise<SpeechSynthesiser> {
  let version: string;
  try {
    version = (await run('espeak-ng', ['--version'])).toString('utf8').trim();
  } catch (e) {
    if (isNotFound(e)) throw new AudioToolMissingError('espeak-ng', 'so the Vietnamese voice clips cannot be synthesised');
    throw e;
  }
  const voices = (await run('espeak-ng', [`--voices=${settings.voice}`])).toString('utf8');
  if (!voices.split('\n').some((line) => line.trim().split(/\s+/)[1] === settings.voice)) {
    throw new Error(`espeak-ng has no "${settings.voice}" voice (${version}); install the espeak-ng-data package.`);
  }
  const args = ['-v', settings.voice, '-s', String(settings.wordsPerMinute), '-p', String(settings.pitch), '--stdout'];
  return {
    description: `${version.replace(/\s+Data at:.*$/, '')}; voice ${settings.voice}, ${settings.wordsPerMinute} wpm, pitch ${settings.pitch}`,
    // The text goes after "--" so a clip text can never be read as an option.
    synthesise: async (text) => parseWav(await run('espeak-ng', [...args, '--', text])),
  };
}

/**
 * Reads any audio file sox understands (WAV of any depth, FLAC, MP3 where sox has it, …) as
 * 16-bit PCM at the given rate and channel count. A 16-bit WAV already in that format is read
 * directly, so sox is needed only for recordings that differ.
 */
export async function readAsPcm(file: string, bytes: Uint8Array, sampleRate: number, channels: number): Promise<PcmAudio> {
  try {
    const audio = parseWav(bytes);
    if (audio.sampleRate === sampleRate && audio.channels === channels) return audio;
  } catch (e) {
    if (!(e instanceof WavFormatError)) throw e;
  }
  try {
    const out = await run('sox', [file, '-t', 'wav', '-e', 'signed-integer', '-b', '16', '-r', String(sampleRate), '-c', String(channels), '-']);
    return parseWav(out);
  } catch (e) {
    if (isNotFound(e)) throw new AudioToolMissingError('sox', `and ${file} must be converted to 16-bit ${sampleRate} Hz ${channels === 1 ? 'mono' : `${channels}-channel`} WAV`);
    throw e;
  }
}
