import { build } from 'vite';

/** Builds the phone page (renderer/vite.phone.config.ts) into its own dir, so a suite never depends on, or races over, dist/phone. */
export async function buildPhonePages(outDir: string): Promise<void> {
  await build({ configFile: 'renderer/vite.phone.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
}
