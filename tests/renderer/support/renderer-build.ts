import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../../..');
export const RENDERER_DIST = path.join(REPO, 'dist/renderer');
export const SCREENS_DIR = path.join(REPO, 'test-results/screens');

/** Builds the renderer with Vite's own API into a fresh temp folder and returns it. */
export async function buildRendererInto(outDir: string): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/**
 * The suites test what `npm run build` produced. When nothing was built yet, each suite builds
 * its own copy in a temp folder (suites run in parallel; none of them may empty another's
 * folder, or the dist/ another engineer's run is serving).
 */
export async function ensureRendererBuild(): Promise<string> {
  if (existsSync(path.join(RENDERER_DIST, 'index.html'))) return RENDERER_DIST;
  return buildRendererInto(mkdtempSync(path.join(tmpdir(), 'motcua-renderer-')));
}
