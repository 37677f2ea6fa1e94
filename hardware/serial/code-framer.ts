/**
 * Cuts the byte stream of a scanner in serial (CDC) mode into scanned codes. Scanners end each
 * code with CR, LF or CR LF by default, some with a configured suffix, and some with nothing at
 * all, in which case only silence (the caller's inter-byte timeout → `flush()`) ends a code.
 * Works on bytes and decodes whole frames, so a multi-byte UTF-8 letter (ữ) split across two
 * reads is not mangled.
 */

export type Terminator = 'cr-or-lf' | 'none' | { readonly suffix: string };

export interface CodeFramerOptions {
  readonly terminator: Terminator;
  /** A frame longer than this (bytes) is garbage, e.g. line noise or a held trigger: it is dropped, not emitted. */
  readonly maxLength: number;
}

export type Framed = { readonly kind: 'code'; readonly code: string } | { readonly kind: 'overflow'; readonly bytes: number };

const CR = 0x0d;
const LF = 0x0a;

export class CodeFramer {
  private buffer: Buffer = Buffer.alloc(0);
  /** After an overflow, the rest of that frame up to its terminator is skipped too. */
  private discarding = false;
  private discarded = 0;
  private readonly suffix: Buffer | undefined;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly options: CodeFramerOptions) {
    if (!Number.isInteger(options.maxLength) || options.maxLength < 1) throw new RangeError('maxLength must be a positive whole number of bytes');
    const t = options.terminator;
    if (typeof t === 'object') {
      if (t.suffix === '') throw new RangeError('an empty suffix: use terminator "none" for scanners that send no terminator');
      this.suffix = Buffer.from(t.suffix, 'utf8');
    }
  }

  /** Whether part of a frame (or of a frame being dropped) has arrived without its end. */
  get midFrame(): boolean {
    return this.buffer.length > 0 || this.discarding;
  }

  push(chunk: Uint8Array): Framed[] {
    const out: Framed[] = [];
    let data = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.findEnd(data);
      if (end === undefined) break;
      this.emitFrame(data.subarray(0, end.at), out);
      data = data.subarray(end.at + end.length);
    }
    this.buffer = Buffer.from(data);
    if (this.buffer.length > this.options.maxLength) this.startDiscarding();
    return out;
  }

  /** Ends the pending frame: the line went quiet (inter-byte timeout). */
  flush(): Framed[] {
    const out: Framed[] = [];
    this.emitFrame(this.buffer, out);
    this.buffer = Buffer.alloc(0);
    return out;
  }

  /** Forgets a partial frame, e.g. when the port went away in the middle of a code. */
  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.discarding = false;
    this.discarded = 0;
  }

  private findEnd(data: Buffer): { at: number; length: number } | undefined {
    const t = this.options.terminator;
    if (t === 'none') return undefined;
    if (t === 'cr-or-lf') {
      const at = data.findIndex((b) => b === CR || b === LF);
      if (at < 0) return undefined;
      return { at, length: data[at] === CR && data[at + 1] === LF ? 2 : 1 };
    }
    const at = data.indexOf(this.suffix!);
    return at < 0 ? undefined : { at, length: this.suffix!.length };
  }

  private emitFrame(frame: Buffer, out: Framed[]): void {
    if (this.discarding) {
      this.discarding = false;
      out.push({ kind: 'overflow', bytes: this.discarded + frame.length });
      this.discarded = 0;
      return;
    }
    if (frame.length > this.options.maxLength) {
      out.push({ kind: 'overflow', bytes: frame.length });
      return;
    }
    if (frame.length === 0) return; // the LF of a CR LF split across reads, or a blank line
    out.push({ kind: 'code', code: this.decoder.decode(frame) });
  }

  /** Keeps memory bounded while an endless frame streams in; it is reported once, when it ends. */
  private startDiscarding(): void {
    this.discarding = true;
    this.discarded += this.buffer.length;
    this.buffer = Buffer.alloc(0);
  }
}
