import type { Alignment, DecodedItem, DecodedJob } from './decoded-job';
import { DLE, ESC, FS, GS, commandLength } from './escpos-command-length';
import { LineAssembler } from './line-assembler';
import type { PrintMode } from './line-assembler';
import { QrSymbolStore } from './qr-symbol-store';

export type { DecodedItem, DecodedJob, DecodedQrCode, DecodedRasterImage, DecodedTextLine } from './decoded-job';

/**
 * Turns an ESC/POS byte stream back into what the paper would show: lines
 * with their attributes, QR codes, raster images, cuts. Bytes may arrive in any
 * chunking; a command split across chunks waits for the rest. Nothing in the
 * input can make it throw or loop: every step consumes at least one byte or
 * waits for more, and anything it does not understand becomes a warning.
 */

/**
 * `ESC t n` → encoding, as on Epson's TM series: 52 Windows-1258, 30 and 31
 * the TCVN3 pages (lowercase, capitals). Other names are iconv-lite encodings.
 */
export const DEFAULT_CODE_PAGES: Readonly<Record<number, string>> = {
  52: 'windows1258',
  30: 'tcvn3',
  31: 'tcvn3-capitals',
  0: 'cp437',
  16: 'windows1252',
};

export interface EscPosDecoderOptions {
  /** Code pages by `ESC t` number, merged over the defaults — e.g. `{ 94: 'windows1258' }` for a clone. */
  readonly codePages?: Readonly<Record<number, string>>;
}

const LF = 0x0a;
const HT = 0x09;
const CR = 0x0d;
const FF = 0x0c;
const NUL = 0x00;
const QR_SYMBOL = 49;
const MAX_WARNINGS_PER_JOB = 50;

const initialMode = (): PrintMode => ({ bold: false, width: 1, height: 1, align: 'left', codePage: 0 });

function alignmentOf(n: number): Alignment | undefined {
  if (n === 0 || n === 48) return 'left';
  if (n === 1 || n === 49) return 'center';
  if (n === 2 || n === 50) return 'right';
  return undefined;
}

function hex(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).padStart(2, '0')}`;
}

const PREFIX_NAMES: Readonly<Record<number, string>> = { [ESC]: 'ESC', [GS]: 'GS', [FS]: 'FS', [DLE]: 'DLE' };

export class EscPosDecoder {
  private readonly codePages: Readonly<Record<number, string>>;
  private pending: Buffer = Buffer.alloc(0);
  /** Stream offset of `pending[0]`, for warnings that point at the byte. */
  private offset = 0;
  private mode = initialMode();
  private qr = new QrSymbolStore();
  private items: DecodedItem[] = [];
  private warnings: string[] = [];
  private jobBytes = 0;
  private readonly line: LineAssembler;

  constructor(options: EscPosDecoderOptions = {}) {
    this.codePages = { ...DEFAULT_CODE_PAGES, ...options.codePages };
    this.line = new LineAssembler(this.codePages);
  }

  /** Feeds bytes; returns the jobs that a cut completed within them. */
  push(chunk: Uint8Array): DecodedJob[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    return this.run(false);
  }

  /** Ends the stream; returns what was printed after the last cut, if anything, as a job with `cut: false`. */
  end(): DecodedJob | undefined {
    this.run(true);
    const hasLine = this.line.hasText;
    if (hasLine) this.endLine();
    if (this.items.length === 0 && this.warnings.length === 0 && !hasLine) return undefined;
    return this.completeJob(false);
  }

  private run(final: boolean): DecodedJob[] {
    const jobs: DecodedJob[] = [];
    let pos = 0;
    while (pos < this.pending.length) {
      const consumed = this.step(pos, final, jobs);
      if (consumed === 0) break;
      pos += consumed;
    }
    this.pending = this.pending.subarray(pos);
    this.offset += pos;
    return jobs;
  }

  /** Handles what starts at `pos`; returns the bytes consumed, 0 only when waiting for more input. */
  private step(pos: number, final: boolean, jobs: DecodedJob[]): number {
    const buf = this.pending;
    const byte = buf[pos] ?? NUL;
    if (byte >= 0x20) {
      let end = pos;
      while (end < buf.length && (buf[end] ?? 0) >= 0x20) end++;
      this.addText(buf.subarray(pos, end));
      this.jobBytes += end - pos;
      return end - pos;
    }
    if (byte !== ESC && byte !== GS && byte !== FS && byte !== DLE) {
      this.jobBytes += 1;
      this.control(byte, pos);
      return 1;
    }
    const length = commandLength(buf, pos);
    switch (length.kind) {
      case 'incomplete': {
        if (!final) return 0;
        const rest = buf.length - pos;
        this.warn(pos, `${this.describe(pos)} cut short by the end of the stream (${rest} byte(s) dropped)`);
        this.jobBytes += rest;
        return rest;
      }
      case 'unknown':
      case 'malformed': {
        const reason = length.kind === 'malformed' ? `malformed: ${length.reason}` : 'unknown command';
        this.warn(pos, `${this.describe(pos)} skipped (${reason})`);
        const skipped = Math.min(2, buf.length - pos);
        this.jobBytes += skipped;
        return skipped;
      }
      case 'complete': {
        this.jobBytes += length.length;
        const job = this.command(buf.subarray(pos, pos + length.length), pos);
        if (job !== undefined) jobs.push(job);
        return length.length;
      }
    }
  }

  private control(byte: number, pos: number): void {
    switch (byte) {
      case LF:
      case FF:
        this.endLine();
        return;
      case HT:
        this.addText(Buffer.from([0x20]));
        return;
      case CR:
      case NUL:
        return;
      default:
        this.warn(pos, `control byte ${hex(byte)} ignored`);
    }
  }

  /** Applies one complete command; returns a job when the command was a cut. */
  private command(cmd: Buffer, pos: number): DecodedJob | undefined {
    const [prefix, op, n = 0] = cmd;
    if (prefix === ESC) {
      switch (op) {
        case 0x40: // ESC @: initialise — the printer drops unprinted text and every setting.
          if (this.line.hasText) this.warn(pos, 'ESC @ discarded text that was never printed');
          this.line.discard();
          this.mode = initialMode();
          this.qr = new QrSymbolStore();
          return undefined;
        case 0x74: // ESC t n: code page
          this.mode.codePage = n;
          if (this.codePages[n] === undefined) this.warn(pos, `code page ${n} is not mapped; text decodes as cp437`);
          return undefined;
        case 0x45: // ESC E n: emphasised
          this.mode.bold = (n & 1) === 1;
          return undefined;
        case 0x21: // ESC ! n: print mode — emphasised, double height, double width
          this.mode.bold = (n & 0x08) !== 0;
          this.mode.height = (n & 0x10) !== 0 ? 2 : 1;
          this.mode.width = (n & 0x20) !== 0 ? 2 : 1;
          return undefined;
        case 0x61: { // ESC a n: justification
          const align = alignmentOf(n);
          if (align === undefined) this.warn(pos, `ESC a ${n}: not a justification`);
          else this.mode.align = align;
          return undefined;
        }
        case 0x64: // ESC d n: print and feed n lines, exactly n LFs
          for (let i = 0; i < n; i++) this.endLine();
          return undefined;
        case 0x4a: // ESC J n: print and feed n dots — ends a line, adds no blank one
          if (this.line.hasText) this.endLine();
          return undefined;
        case 0x69: // ESC i, ESC m: old-style partial cuts
        case 0x6d:
          return this.cut('partial');
        default:
          return undefined;
      }
    }
    if (prefix === GS) {
      switch (op) {
        case 0x21: // GS ! n: width in the high nibble, height in the low one
          this.mode.width = ((n >> 4) & 0x07) + 1;
          this.mode.height = (n & 0x07) + 1;
          return undefined;
        case 0x56: // GS V m [n]: cut, full for 0/48/65/97/103, partial for 1/49/66/98/104
          return this.cut([0, 48, 65, 97, 103].includes(n) ? 'full' : 'partial');
        case 0x28:
          if (cmd[2] === 0x6b) this.symbol(cmd, pos);
          return undefined;
        case 0x76:
          this.rasterImage(cmd, pos);
          return undefined;
        case 0x6b:
          this.warn(pos, 'GS k barcode is not rendered');
          return undefined;
        default:
          return undefined;
      }
    }
    return undefined;
  }

  /** GS ( k pL pH cn fn …: 2D symbols; QR (cn 49) is decoded, other symbologies are noted. */
  private symbol(cmd: Buffer, pos: number): void {
    if (cmd[5] !== QR_SYMBOL) {
      this.warn(pos, `GS ( k symbol ${hex(cmd[5])} (not QR) is not rendered`);
      return;
    }
    const outcome = this.qr.apply(cmd);
    if (outcome === undefined) return;
    if ('warning' in outcome) {
      this.warn(pos, outcome.warning);
      return;
    }
    if (this.line.hasText) this.endLine();
    this.items.push({ kind: 'qr', ...outcome.print, align: this.mode.align });
  }

  /** GS v 0 m xL xH yL yH d…: kept as bits so raster-printed text (the fallback for printers without tone marks) shows up too. */
  private rasterImage(cmd: Buffer, pos: number): void {
    if (cmd[2] !== 0x30) {
      this.warn(pos, `GS v ${hex(cmd[2])} ignored`);
      return;
    }
    const widthBytes = (cmd[4] ?? 0) + (cmd[5] ?? 0) * 256;
    const height = (cmd[6] ?? 0) + (cmd[7] ?? 0) * 256;
    if (this.line.hasText) this.endLine();
    this.items.push({ kind: 'image', width: widthBytes * 8, height, bitsBase64: cmd.subarray(8).toString('base64'), align: this.mode.align });
  }

  private cut(mode: 'full' | 'partial'): DecodedJob {
    if (this.line.hasText) this.endLine();
    return this.completeJob(true, mode);
  }

  private completeJob(cut: boolean, cutMode?: 'full' | 'partial'): DecodedJob {
    const job: DecodedJob = {
      items: this.items,
      cut,
      ...(cutMode === undefined ? {} : { cutMode }),
      warnings: this.warnings,
      byteLength: this.jobBytes,
    };
    this.items = [];
    this.warnings = [];
    this.jobBytes = 0;
    return job;
  }

  private addText(bytes: Uint8Array): void {
    this.line.add(bytes, this.mode);
  }

  private endLine(): void {
    this.items.push(this.line.finish(this.mode));
  }

  private describe(pos: number): string {
    const prefix = this.pending[pos] ?? 0;
    const op = this.pending[pos + 1];
    return `${PREFIX_NAMES[prefix] ?? hex(prefix)}${op === undefined ? '' : ` ${hex(op)}`}`;
  }

  private warn(pos: number, message: string): void {
    if (this.warnings.length < MAX_WARNINGS_PER_JOB) this.warnings.push(`byte ${this.offset + pos}: ${message}`);
    else if (this.warnings.length === MAX_WARNINGS_PER_JOB) this.warnings.push('further warnings omitted');
  }
}

/** Decodes a whole stream at once: every cut job, then the uncut remainder if any. */
export function decodeEscPos(bytes: Uint8Array, options: EscPosDecoderOptions = {}): DecodedJob[] {
  const decoder = new EscPosDecoder(options);
  const jobs = decoder.push(bytes);
  const rest = decoder.end();
  return rest === undefined ? jobs : [...jobs, rest];
}
