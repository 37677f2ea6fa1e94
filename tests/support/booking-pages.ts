import { build } from 'vite';

/** Builds the booking page (renderer/vite.booking.config.ts) into its own dir, so a suite never depends on, or races over, dist/booking. */
export async function buildBookingPages(outDir: string): Promise<void> {
  await build({ configFile: 'renderer/vite.booking.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
}
