import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { planCallAnnouncement } from '../../core/voice/call-announcement';
import { assembleAnnouncement, ClipFolder } from '../../hardware/audio/announcement-audio';
import { AudioToolMissingError } from '../../hardware/audio/audio-tools';
import { buildVoiceClips } from '../../hardware/audio/voice-clip-builder';
import { durationMs, encodeWav } from '../../hardware/audio/wav';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Where `npm run build` puts the clips; the agent serves this folder at /voice/clips/. */
export const DEFAULT_CLIP_DIR = path.join(REPO_ROOT, 'dist/voice/clips');
/** A centre's own recordings, `<clip id>.wav`, used instead of the synthesised clips when present. */
export const DEFAULT_OVERRIDES_DIR = path.join(REPO_ROOT, 'voice-overrides');

function ticketNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a ticket number such as 1023');
  return n;
}

interface BuildOptions {
  readonly out: string;
  readonly overrides: string;
}

async function runVoiceBuild(o: BuildOptions): Promise<void> {
  const started = Date.now();
  try {
    const { manifest, unusedOverrides } = await buildVoiceClips({ outDir: path.resolve(o.out), overridesDir: path.resolve(o.overrides) });
    const recorded = manifest.clips.filter((c) => c.source === 'override').length;
    console.log(
      `voice: ${manifest.clips.length} clips in ${path.relative(process.cwd(), path.resolve(o.out)) || '.'} ` +
        `(${recorded} recorded by the centre, ${manifest.clips.length - recorded} by ${manifest.synthesiser ?? 'no synthesiser'}) in ${Date.now() - started} ms`,
    );
    for (const f of unusedOverrides) console.warn(`voice: ${path.join(o.overrides, f)} matches no clip id and was not used (see README, "Voice").`);
  } catch (e) {
    // Only the voice part of the build fails: the renderer built before it is left as it is.
    if (e instanceof AudioToolMissingError) throw new Error(`voice build: ${e.message}`);
    throw e;
  }
}

interface SayOptions {
  readonly out: string;
  readonly clips: string;
}

function runSay(number: number, counterLabel: string, o: SayOptions): void {
  const plan = planCallAnnouncement(number, counterLabel);
  if (!plan.ok) throw new Error(plan.error.message);
  const folder = ClipFolder.open(path.resolve(o.clips));
  const { audio, timeline } = assembleAnnouncement(plan.value.clips, (id) => folder.clip(id));
  const out = path.resolve(o.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, encodeWav(audio));
  console.log(plan.value.text);
  console.log(timeline.map((t) => `${t.id}@${Math.round(t.startMs)}ms`).join(' '));
  console.log(`${out}: ${Math.round(durationMs(audio))} ms`);
}

/** `motcua voice build` and `motcua say`. */
export function registerVoiceCommands(program: Command): void {
  const voice = program.command('voice').description("the waiting room's spoken calls: build the clips they are made of");
  voice
    .command('build')
    .description('synthesise every clip with espeak-ng (Vietnamese), or take the centre\'s recording where there is one')
    .option('-o, --out <dir>', 'where the clips and manifest.json go', DEFAULT_CLIP_DIR)
    .option('--overrides <dir>', 'folder of recorded clips named <clip id>.wav that replace the synthesised ones', DEFAULT_OVERRIDES_DIR)
    .action(runVoiceBuild);

  program
    .command('say')
    .description('write the announcement of one call as a WAV file, e.g. motcua say 1023 3A --out call.wav')
    .argument('<number>', 'ticket number', ticketNumber)
    .argument('<counterLabel>', 'counter label as shown to the public, e.g. 3 or 3A')
    .requiredOption('-o, --out <file>', 'the WAV file to write')
    .option('--clips <dir>', 'the built clip folder', DEFAULT_CLIP_DIR)
    .action(runSay);
}
