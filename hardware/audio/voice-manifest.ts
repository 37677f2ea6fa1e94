import { z } from 'zod';

/**
 * manifest.json beside the clips: what was built, from what, in which format. The display does
 * not need it to play (it asks for `<id>.wav`); `motcua say`, the tests and a technician
 * checking a centre's recordings do.
 */
export const VOICE_MANIFEST_FILE = 'manifest.json';

export const CLIP_SOURCES = ['espeak-ng', 'override'] as const;
export type ClipSource = (typeof CLIP_SOURCES)[number];

export const VoiceManifestSchema = z.object({
  version: z.literal(1),
  builtAt: z.string(),
  format: z.object({ sampleRate: z.number().int().positive(), channels: z.number().int().positive(), bitsPerSample: z.literal(16) }),
  synthesiser: z.string().nullable(),
  clips: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      file: z.string(),
      source: z.enum(CLIP_SOURCES),
      durationMs: z.number().nonnegative(),
    }),
  ),
});
export type VoiceManifest = z.infer<typeof VoiceManifestSchema>;
