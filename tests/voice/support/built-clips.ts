import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildVoiceClips, type VoiceBuildResult } from '../../../hardware/audio/voice-clip-builder';

export interface BuiltClips extends VoiceBuildResult {
  readonly dir: string;
}

/** A fresh build with the real espeak-ng into a temp folder (never dist/: another run may be serving it). */
export async function buildClipsIntoTemp(overridesDir: string | null = null): Promise<BuiltClips> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'motcua-voice-')), 'clips');
  return { dir, ...(await buildVoiceClips({ outDir: dir, overridesDir })) };
}
