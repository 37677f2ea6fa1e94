import { DLE, ESC, FS, GS, commandLength } from './escpos-command-length';

/**
 * Splits what arrives from the host into print data and the commands a
 * printer answers itself: DLE EOT (real-time status) and DLE DC4 8 (clear
 * buffers) act the moment they arrive, even while printing is stopped; GS r
 * waits its turn in the buffer like data. Commands are stepped over whole, so
 * bytes inside a picture or QR payload are never taken for a command.
 */

export type ScannedPiece =
  | { readonly kind: 'data'; readonly bytes: Buffer }
  | { readonly kind: 'real-time-status'; readonly n: number }
  | { readonly kind: 'clear-buffers' }
  | { readonly kind: 'paper-status'; readonly n: number };

export class RealTimeScanner {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): ScannedPiece[] {
    const buf = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const pieces: ScannedPiece[] = [];
    let dataStart = 0;
    let pos = 0;
    const flushData = (end: number): void => {
      if (end > dataStart) pieces.push({ kind: 'data', bytes: buf.subarray(dataStart, end) });
    };
    while (pos < buf.length) {
      const byte = buf[pos] ?? 0;
      if (byte !== ESC && byte !== GS && byte !== FS && byte !== DLE) {
        pos += 1;
        continue;
      }
      const length = commandLength(buf, pos);
      if (length.kind === 'incomplete') break;
      if (length.kind !== 'complete') {
        // Unknown or malformed: the decoder warns and skips two bytes; step the same way.
        pos += Math.min(2, buf.length - pos);
        continue;
      }
      const piece = this.special(buf.subarray(pos, pos + length.length));
      if (piece !== undefined) {
        flushData(pos);
        pieces.push(piece);
        dataStart = pos + length.length;
      }
      pos += length.length;
    }
    flushData(pos);
    this.pending = Buffer.from(buf.subarray(pos));
    return pieces;
  }

  /** The host hung up: a command cut short goes to the decoder as it is, which reports it. */
  end(): ScannedPiece[] {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest.length === 0 ? [] : [{ kind: 'data', bytes: rest }];
  }

  private special(cmd: Buffer): ScannedPiece | undefined {
    const [prefix, op, n = 0] = cmd;
    if (prefix === DLE && op === 0x04) return { kind: 'real-time-status', n };
    if (prefix === DLE && op === 0x14 && n === 8) return { kind: 'clear-buffers' };
    if (prefix === GS && op === 0x72) return { kind: 'paper-status', n };
    return undefined;
  }
}
