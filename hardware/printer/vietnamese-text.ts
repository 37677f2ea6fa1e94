import iconv from 'iconv-lite';

/**
 * Vietnamese text ↔ Windows-1258 bytes, losslessly.
 *
 * Windows-1258 has the letters with a modifier (â ê ô ă ơ ư đ) precomposed but
 * most toned letters (ụ ố ạ …) only as base letter + combining tone mark. So the
 * text is normalised to NFC, then exactly the five tone marks are split off the
 * letter they sit on, and every piece is then a single code-page byte.
 * node-thermal-printer encodes character by character and, failing to find ụ in
 * CP1258, switches to TCVN3 bytes behind the printer's back (FACTS.md) — which is
 * why Vietnamese text never goes through its `print`/`println`.
 */

const WINDOWS_1258 = 'windows1258';

/** Grave, acute, tilde, hook above, dot below: the only marks CP1258 carries as separate bytes for Vietnamese. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/** NFC, with the tone marks of each letter moved out into combining characters (e.g. "ố" → "ô" + U+0301). */
export function splitToneMarks(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const decomposed = char.normalize('NFD');
    if (decomposed.length === char.length) {
      out += char;
      continue;
    }
    let base = '';
    let tones = '';
    for (const part of decomposed) {
      if (TONE_MARKS.has(part)) tones += part;
      else base += part;
    }
    // Recompose what is left so â ê ô ă ơ ư stay one byte each.
    out += base.normalize('NFC') + tones;
  }
  return out;
}

/**
 * Vietnamese text as Windows-1258 bytes. Characters the code page cannot hold
 * become '?' (iconv-lite's replacement) — a ticket with one odd character must
 * still print, so this never throws.
 */
export function encodeWindows1258(text: string): Buffer {
  return iconv.encode(splitToneMarks(text), WINDOWS_1258);
}

/** The reverse, for the virtual printer: bytes → text, recomposed to NFC. */
export function decodeWindows1258(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), WINDOWS_1258).normalize('NFC');
}

/**
 * How many printer columns a text takes in the base font: one per character,
 * none for combining marks, because the printer stacks a mark on the letter
 * before it.
 */
export function printedColumns(text: string): number {
  // Same count as over splitToneMarks(text), without decomposing letter by letter: layouts call this per word while wrapping.
  let columns = 0;
  for (const char of text.normalize('NFC')) {
    if (!COMBINING_MARK.test(char)) columns += 1;
  }
  return columns;
}

const COMBINING_MARK = /\p{M}/u;
