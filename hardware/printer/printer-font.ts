import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The font Vietnamese is drawn in when a line is printed as an image (raster
 * strategy) and when the virtual printer draws its paper. Be Vietnam Pro ships
 * with the app (@fontsource/be-vietnam-pro), so tickets do not depend on the
 * fonts of the kiosk's OS. Fontsource splits it into unicode-range subsets;
 * each subset is registered as its own family and listed in order, and the
 * canvas falls back glyph by glyph (latin → latin-ext → vietnamese). DejaVu
 * Sans, when present, backs up anything else.
 */

const SUBSETS = ['latin', 'latin-ext', 'vietnamese'] as const;
const WEIGHTS = [400, 700] as const;
const SYSTEM_FALLBACK = '/usr/share/fonts/truetype/dejavu';

let families: readonly string[] | undefined;

function registerBundledFont(): string[] {
  const require = createRequire(import.meta.url);
  const registered: string[] = [];
  for (const subset of SUBSETS) {
    const family = `Motcua Paper ${subset}`;
    let ok = false;
    for (const weight of WEIGHTS) {
      try {
        const file = require.resolve(`@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${weight}-normal.woff2`);
        ok = GlobalFonts.registerFromPath(file, family) !== null || ok;
      } catch {
        // Missing package or file: the system fallback below still renders Vietnamese.
      }
    }
    if (ok) registered.push(family);
  }
  return registered;
}

function registerSystemFallback(): string[] {
  const regular = `${SYSTEM_FALLBACK}/DejaVuSans.ttf`;
  const bold = `${SYSTEM_FALLBACK}/DejaVuSans-Bold.ttf`;
  if (!existsSync(regular)) return [];
  GlobalFonts.registerFromPath(regular, 'Motcua Paper Fallback');
  if (existsSync(bold)) GlobalFonts.registerFromPath(bold, 'Motcua Paper Fallback');
  return ['Motcua Paper Fallback'];
}

/** Registers the fonts once; returns the family list to put in a canvas `font`. */
export function paperFontFamilies(): string {
  families ??= [...registerBundledFont(), ...registerSystemFallback(), 'sans-serif'];
  return families.map((f) => (f === 'sans-serif' ? f : `"${f}"`)).join(', ');
}

/** A canvas `font` value: weight, size in pixels (printer dots), the family list. */
export function paperFont(bold: boolean, px: number): string {
  return `${bold ? 'bold ' : ''}${px}px ${paperFontFamilies()}`;
}
