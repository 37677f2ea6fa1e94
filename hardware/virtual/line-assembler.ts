import iconv from 'iconv-lite';
import { decodeTcvn3 } from '../printer/tcvn3';
import type { Alignment, DecodedTextLine } from './decoded-job';

/** The printer's character settings at a moment in the stream. */
export interface PrintMode {
  bold: boolean;
  width: number;
  height: number;
  align: Alignment;
  /** `ESC t` number. */
  codePage: number;
}

/** Code page used when a stream selects a number nobody mapped: PC437 is what printers start in. */
const FALLBACK_ENCODING = 'cp437';

/**
 * Gathers the text of the line being printed. Bytes are kept per code page and
 * decoded when the page changes or the line ends, so a multi-byte page split
 * across network chunks still decodes; the line is NFC-normalised at the end,
 * which turns Windows-1258's letter + tone-mark pairs back into the original
 * precomposed Vietnamese.
 */
export class LineAssembler {
  private text = '';
  private run: number[] = [];
  private runCodePage = 0;
  /** Settings in force at the line's first character: they decide how the line is printed. */
  private mode: Readonly<PrintMode> | undefined;

  constructor(private readonly codePages: Readonly<Record<number, string>>) {}

  get hasText(): boolean {
    return this.mode !== undefined;
  }

  add(bytes: Uint8Array, mode: Readonly<PrintMode>): void {
    if (this.mode === undefined) this.mode = { ...mode };
    if (this.run.length > 0 && mode.codePage !== this.runCodePage) this.decodeRun();
    this.runCodePage = mode.codePage;
    for (const b of bytes) this.run.push(b);
  }

  /** Ends the line (LF); an empty line is a blank line on paper, printed with the current settings. */
  finish(current: Readonly<PrintMode>): DecodedTextLine {
    this.decodeRun();
    const mode = this.mode ?? current;
    const line: DecodedTextLine = {
      kind: 'text',
      text: this.text.normalize('NFC'),
      bold: mode.bold,
      width: mode.width,
      height: mode.height,
      align: mode.align,
    };
    this.discard();
    return line;
  }

  /** ESC @ clears the print buffer: the text never reaches paper. */
  discard(): void {
    this.text = '';
    this.run = [];
    this.mode = undefined;
  }

  private decodeRun(): void {
    if (this.run.length === 0) return;
    this.text += decodePage(this.codePages[this.runCodePage] ?? FALLBACK_ENCODING, Buffer.from(this.run));
    this.run = [];
  }
}

/**
 * Bytes on a page → text. `tcvn3` and `tcvn3-capitals` are the two TCVN3 pages
 * (Epson 30 and 31; iconv-lite only knows TCVN 5712 VN1, whose capitals sit on
 * control codes); anything else is an iconv-lite encoding name.
 */
export function decodePage(encoding: string, bytes: Buffer): string {
  if (encoding === 'tcvn3' || encoding === 'tcvn3-capitals') return decodeTcvn3(bytes, encoding === 'tcvn3-capitals');
  return iconv.decode(bytes, iconv.encodingExists(encoding) ? encoding : FALLBACK_ENCODING);
}
