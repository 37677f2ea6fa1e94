import { execFileSync, spawnSync } from 'node:child_process';

/**
 * sox as the independent judge of the audio: durations, loudness and raw samples come from
 * sox reading the files, not from our own WAV parser.
 */

export function hasCommand(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Why an audio suite cannot run here, or null. Outside CI a missing tool skips the suite with
 * this reason; in CI (which installs both, see .ci/run) it does not: the suite runs and fails,
 * so a broken install can never pass as a skip.
 */
export function missingAudioTools(tools: readonly ('espeak-ng' | 'sox')[] = ['espeak-ng', 'sox']): string | null {
  if (process.env.CI) return null;
  const missing = tools.filter((c) => !hasCommand(c));
  return missing.length === 0 ? null : `${missing.join(' and ')} not installed (apt-get install ${missing.join(' ')})`;
}

export interface SoxInfo {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bits: number;
  readonly frames: number;
  readonly durationMs: number;
}

export function soxInfo(file: string): SoxInfo {
  const num = (flag: string): number => Number(execFileSync('sox', ['--i', flag, file], { encoding: 'utf8' }).trim());
  const sampleRate = num('-r');
  const frames = num('-s');
  return { sampleRate, channels: num('-c'), bits: num('-b'), frames, durationMs: (frames * 1000) / sampleRate };
}

/** RMS amplitude (0–1 of full scale) of the file, or of `lengthFrames` frames from `startFrame`. */
export function soxRms(file: string, startFrame?: number, lengthFrames?: number): number {
  const trim = startFrame === undefined ? [] : ['trim', `${startFrame}s`, `${lengthFrames ?? 0}s`];
  const out = spawnSync('sox', [file, '-n', ...trim, 'stat'], { encoding: 'utf8' });
  const match = /RMS\s+amplitude:\s+([\d.e+-]+)/.exec(out.stderr);
  if (match === null) throw new Error(`sox stat gave no RMS for ${file}: ${out.stderr}`);
  return Number(match[1]);
}

/** The file's samples as raw signed 16-bit little-endian, optionally a frame range. */
export function soxRaw(file: string, startFrame?: number, lengthFrames?: number): Buffer {
  const trim = startFrame === undefined ? [] : ['trim', `${startFrame}s`, `${lengthFrames ?? 0}s`];
  return execFileSync('sox', [file, '-t', 'raw', '-e', 'signed-integer', '-b', '16', '-L', '-', ...trim], { maxBuffer: 256 * 1024 * 1024 });
}
