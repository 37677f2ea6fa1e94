/**
 * TCVN3 (TCVN 5712:1993 VN3, "ABC"): the 8-bit Vietnamese encoding of the
 * .VnTime fonts, and what Epson calls pages 30 (TCVN-3-1) and 31 (TCVN-3-2).
 *
 * VN3 has one byte for each of the 67 lowercase letters, but among the
 * capitals only Ă Â Ê Ô Ơ Ư Đ. The toned capitals (Ấ, Ố, Ự …) exist only as a
 * second font — .VnTimeH, Epson's page 31 — that draws the same bytes as
 * capitals. So a capital like Ố is written as the byte of ố while the capitals
 * page is selected, and the writer switches pages (ESC t) only where the text
 * needs it.
 *
 * Assumption, documented because clones vary: on the capitals page every
 * letter byte, ASCII a–z included, prints as its capital, as in .VnTimeH.
 */

/** Byte of each letter on the lowercase page, in TCVN3's order (grave, hook, tilde, acute, dot below). */
const TCVN3_BYTES: ReadonlyArray<readonly [string, number]> = [
  ['Ă', 0xa1], ['Â', 0xa2], ['Ê', 0xa3], ['Ô', 0xa4], ['Ơ', 0xa5], ['Ư', 0xa6], ['Đ', 0xa7],
  ['ă', 0xa8], ['â', 0xa9], ['ê', 0xaa], ['ô', 0xab], ['ơ', 0xac], ['ư', 0xad], ['đ', 0xae],
  ['à', 0xb5], ['ả', 0xb6], ['ã', 0xb7], ['á', 0xb8], ['ạ', 0xb9],
  ['ằ', 0xbb], ['ẳ', 0xbc], ['ẵ', 0xbd], ['ắ', 0xbe], ['ặ', 0xc6],
  ['ầ', 0xc7], ['ẩ', 0xc8], ['ẫ', 0xc9], ['ấ', 0xca], ['ậ', 0xcb],
  ['è', 0xcc], ['ẻ', 0xce], ['ẽ', 0xcf], ['é', 0xd0], ['ẹ', 0xd1],
  ['ề', 0xd2], ['ể', 0xd3], ['ễ', 0xd4], ['ế', 0xd5], ['ệ', 0xd6],
  ['ì', 0xd7], ['ỉ', 0xd8], ['ĩ', 0xdc], ['í', 0xdd], ['ị', 0xde],
  ['ò', 0xdf], ['ỏ', 0xe1], ['õ', 0xe2], ['ó', 0xe3], ['ọ', 0xe4],
  ['ồ', 0xe5], ['ổ', 0xe6], ['ỗ', 0xe7], ['ố', 0xe8], ['ộ', 0xe9],
  ['ờ', 0xea], ['ở', 0xeb], ['ỡ', 0xec], ['ớ', 0xed], ['ợ', 0xee],
  ['ù', 0xef], ['ủ', 0xf1], ['ũ', 0xf2], ['ú', 0xf3], ['ụ', 0xf4],
  ['ừ', 0xf5], ['ử', 0xf6], ['ữ', 0xf7], ['ứ', 0xf8], ['ự', 0xf9],
  ['ỳ', 0xfa], ['ỷ', 0xfb], ['ỹ', 0xfc], ['ý', 0xfd], ['ỵ', 0xfe],
];

const BYTE_OF = new Map<string, number>(TCVN3_BYTES);
const LETTER_OF = new Map<number, string>(TCVN3_BYTES.map(([letter, byte]) => [byte, letter]));

/** The table itself, for tests that check it against an independent one. */
export function tcvn3Table(): ReadonlyMap<string, number> {
  return BYTE_OF;
}

/** Typography TCVN3 and ASCII lack, folded to what they have rather than printed as '?'. */
const TYPOGRAPHIC_FOLDS: Readonly<Record<string, string>> = {
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
  '\u2026': '...', '\u00a0': ' ', '\u00b7': '.', '\u2022': '-',
};

export function foldTypography(text: string): string {
  let out = '';
  for (const char of text) out += TYPOGRAPHIC_FOLDS[char] ?? char;
  return out;
}

type Page = 'small' | 'capitals';

/** Which page a character needs: one of them, or either (digits, punctuation, capitals both pages can show). */
function pageNeeded(char: string): Page | 'either' {
  if (/[a-z]/.test(char)) return 'small';
  if (/[A-Z]/.test(char)) return 'either';
  if (BYTE_OF.has(char)) return char === char.toLowerCase() ? 'small' : 'either';
  const lower = char.toLowerCase();
  if (lower !== char && BYTE_OF.has(lower)) return 'capitals';
  return 'either';
}

/** The byte for a character on a page; '?' for what TCVN3 cannot hold. */
function byteOn(page: Page, char: string): number {
  const code = char.charCodeAt(0);
  if (page === 'capitals') {
    const lower = char.toLowerCase();
    if (lower !== char && (BYTE_OF.has(lower) || /[a-z]/.test(lower))) return BYTE_OF.get(lower) ?? lower.charCodeAt(0);
  }
  if (char.length === 1 && code >= 0x20 && code < 0x7f) return code;
  return BYTE_OF.get(char) ?? 0x3f;
}

/**
 * Encodes text for a printer with TCVN3 on two pages, selecting pages as it
 * goes. One writer per job: it remembers which page the printer is on.
 */
export class Tcvn3Writer {
  private page: Page | undefined;

  constructor(
    private readonly smallPage: number,
    private readonly capitalsPage: number,
  ) {}

  /** Forgets the page (after ESC @, which resets the printer to page 0). */
  reset(): void {
    this.page = undefined;
  }

  encode(text: string): Buffer {
    const bytes: number[] = [];
    for (const codePoint of foldTypography(text.normalize('NFC'))) {
      // Outside the BMP nothing is TCVN3; one '?' per code point, not per UTF-16 half.
      const char = codePoint.length > 1 ? '?' : codePoint;
      const needed = pageNeeded(char);
      const page = needed === 'either' ? (this.page ?? 'small') : needed;
      if (page !== this.page) {
        bytes.push(0x1b, 0x74, page === 'small' ? this.smallPage : this.capitalsPage);
        this.page = page;
      }
      bytes.push(byteOn(page, char));
    }
    return Buffer.from(bytes);
  }
}

/** Bytes printed on a TCVN3 page → text (capitals page: as capitals). Unknown high bytes become U+FFFD. */
export function decodeTcvn3(bytes: Uint8Array, capitals = false): string {
  let out = '';
  for (const byte of bytes) {
    const char = byte < 0x80 ? String.fromCharCode(byte) : (LETTER_OF.get(byte) ?? '\uFFFD');
    out += capitals ? char.toUpperCase() : char;
  }
  return out;
}
