import type { PrinterProfile } from '../../core/devices';
import { selectCodePage } from './escpos-commands';
import { Tcvn3Writer, foldTypography } from './tcvn3';
import { encodeWindows1258 } from './vietnamese-text';

/**
 * The text strategies that send characters (the fourth, `raster`, sends
 * pictures of lines: see raster-text.ts). Each turns one printed line into the
 * bytes of the profile's code page; a writer is made per job because some
 * remember the printer's state (TCVN3's current page).
 */
export interface TextWriter {
  /** Bytes that put the printer into the strategy's page after ESC @. */
  start(): Buffer;
  encode(text: string): Buffer;
}

/** cp1258 and tcvn3 need to know the page number; the schema insists, this is the backstop for hand-made profiles. */
function requireCodePage(profile: PrinterProfile): number {
  if (profile.codePage === undefined) throw new RangeError(`printer profile "${profile.id}": codePage is required for ${profile.textStrategy}`);
  return profile.codePage;
}

/** Vietnamese without its marks: "Đường Phố" → "Duong Pho". Anything else outside ASCII becomes '?'. */
export function stripVietnamese(text: string): string {
  const bare = foldTypography(text.normalize('NFC'))
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
  let out = '';
  for (const char of bare) out += /^[\x20-\x7e]$/.test(char) ? char : '?';
  return out;
}

class Windows1258Writer implements TextWriter {
  constructor(private readonly codePage: number) {}
  start(): Buffer {
    return selectCodePage(this.codePage);
  }
  encode(text: string): Buffer {
    return encodeWindows1258(text);
  }
}

class Tcvn3TextWriter implements TextWriter {
  private readonly writer: Tcvn3Writer;
  constructor(smallPage: number, capitalsPage: number) {
    this.writer = new Tcvn3Writer(smallPage, capitalsPage);
  }
  start(): Buffer {
    // The writer selects a page before the first letter that needs one.
    this.writer.reset();
    return Buffer.alloc(0);
  }
  encode(text: string): Buffer {
    return this.writer.encode(text);
  }
}

/** ASCII is the same on every page, so nothing is selected: the printer's power-on page will do. */
class AsciiWriter implements TextWriter {
  start(): Buffer {
    return Buffer.alloc(0);
  }
  encode(text: string): Buffer {
    return Buffer.from(stripVietnamese(text), 'ascii');
  }
}

/** The writer for a character strategy; undefined for `raster`, which sends no characters. */
export function textWriterFor(profile: PrinterProfile): TextWriter | undefined {
  switch (profile.textStrategy) {
    case 'cp1258':
      return new Windows1258Writer(requireCodePage(profile));
    case 'tcvn3': {
      const small = requireCodePage(profile);
      return new Tcvn3TextWriter(small, profile.capitalsCodePage ?? (small + 1) % 256);
    }
    case 'ascii':
      return new AsciiWriter();
    case 'raster':
      return undefined;
  }
}

/** How a decoder must read each `ESC t` page this profile uses, e.g. `{ 30: 'tcvn3', 31: 'tcvn3-capitals' }`. */
export function codePagesOf(profile: PrinterProfile): Record<number, string> {
  const page = profile.codePage;
  switch (profile.textStrategy) {
    case 'cp1258':
      return page === undefined ? {} : { [page]: 'windows1258' };
    case 'tcvn3':
      return page === undefined ? {} : { [page]: 'tcvn3', [profile.capitalsCodePage ?? (page + 1) % 256]: 'tcvn3-capitals' };
    case 'ascii':
    case 'raster':
      return {};
  }
}
