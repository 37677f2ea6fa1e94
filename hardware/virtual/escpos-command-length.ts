/**
 * How many bytes an ESC/POS command occupies, so the decoder can step over
 * commands it does not render without mistaking their parameters for text.
 * Lengths follow Epson's ESC/POS reference; commands whose meaning the decoder
 * needs are measured here too, so stepping is in one place.
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;

export type CommandLength =
  | { readonly kind: 'complete'; readonly length: number }
  /** The command's bytes have not all arrived yet. */
  | { readonly kind: 'incomplete' }
  /** Not a command this table knows: the caller skips the two prefix bytes and warns. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'malformed'; readonly reason: string };

/** Declared lengths above this are treated as corruption, not as a reason to swallow the rest of the stream. */
const MAX_COMMAND_BYTES = 16 * 1024 * 1024;

const complete = (length: number): CommandLength => ({ kind: 'complete', length });
const INCOMPLETE: CommandLength = { kind: 'incomplete' };
const UNKNOWN: CommandLength = { kind: 'unknown' };

/** Fixed total lengths (prefix included) by second byte. */
const ESC_FIXED: ReadonlyMap<number, number> = new Map([
  [0x20, 3], [0x21, 3], [0x24, 4], [0x25, 3], [0x2d, 3], [0x32, 2], [0x33, 3], [0x3c, 2], [0x3d, 3], [0x3f, 3],
  [0x40, 2], [0x42, 4], [0x45, 3], [0x47, 3], [0x4a, 3], [0x4b, 3], [0x4c, 2], [0x4d, 3], [0x52, 3], [0x53, 2],
  [0x54, 3], [0x55, 3], [0x56, 3], [0x57, 10], [0x5c, 4], [0x61, 3], [0x63, 4], [0x64, 3], [0x65, 3], [0x69, 2],
  [0x6a, 3], [0x6d, 2], [0x70, 5], [0x72, 3], [0x74, 3], [0x75, 3], [0x76, 2], [0x7b, 3],
]);

const GS_FIXED: ReadonlyMap<number, number> = new Map([
  [0x21, 3], [0x24, 4], [0x2f, 3], [0x3a, 2], [0x42, 3], [0x48, 3], [0x49, 3], [0x4c, 4], [0x50, 4], [0x54, 3],
  [0x57, 4], [0x5c, 4], [0x5e, 5], [0x61, 3], [0x62, 3], [0x66, 3], [0x67, 6], [0x68, 3], [0x6a, 3], [0x72, 3],
  [0x77, 3],
]);

const FS_FIXED: ReadonlyMap<number, number> = new Map([
  [0x21, 3], [0x26, 2], [0x2d, 3], [0x2e, 2], [0x43, 3], [0x53, 4], [0x57, 3], [0x70, 4],
]);

function byteAt(buf: Uint8Array, index: number): number | undefined {
  return index < buf.length ? buf[index] : undefined;
}

function bounded(length: number): CommandLength {
  return length > MAX_COMMAND_BYTES ? { kind: 'malformed', reason: `declared length ${length} is implausible` } : complete(length);
}

/** `<prefix> <letter> pL pH …`: the (pL + pH·256) bytes that follow the header. */
function lengthPrefixed(buf: Uint8Array, pos: number): CommandLength {
  const pL = byteAt(buf, pos + 3);
  const pH = byteAt(buf, pos + 4);
  if (pL === undefined || pH === undefined) return INCOMPLETE;
  return bounded(5 + pL + pH * 256);
}

/** Commands whose parameters end at a NUL byte (ESC D tab stops, GS k barcodes A-forms). */
function nulTerminated(buf: Uint8Array, pos: number, start: number, maxData: number): CommandLength {
  for (let i = start; i < buf.length && i <= start + maxData; i++) {
    if (buf[i] === 0) return complete(i + 1 - pos);
  }
  return buf.length > start + maxData ? { kind: 'malformed', reason: 'missing NUL terminator' } : INCOMPLETE;
}

function escLength(buf: Uint8Array, pos: number, op: number): CommandLength {
  switch (op) {
    case 0x2a: {
      // ESC * m nL nH d…: bit image, 1 byte per column in 8-dot modes, 3 in 24-dot modes.
      const m = byteAt(buf, pos + 2);
      const nL = byteAt(buf, pos + 3);
      const nH = byteAt(buf, pos + 4);
      if (m === undefined || nL === undefined || nH === undefined) return INCOMPLETE;
      return bounded(5 + (nL + nH * 256) * (m <= 1 ? 1 : 3));
    }
    case 0x44: {
      return nulTerminated(buf, pos, pos + 2, 32);
    }
    case 0x26: {
      // ESC & y c1 c2 [x d1…d(y·x)]…: user-defined characters.
      const y = byteAt(buf, pos + 2);
      const c1 = byteAt(buf, pos + 3);
      const c2 = byteAt(buf, pos + 4);
      if (y === undefined || c1 === undefined || c2 === undefined) return INCOMPLETE;
      if (c2 < c1) return { kind: 'malformed', reason: 'ESC & with c2 < c1' };
      let at = pos + 5;
      for (let c = c1; c <= c2; c++) {
        const x = byteAt(buf, at);
        if (x === undefined) return INCOMPLETE;
        at += 1 + y * x;
      }
      return bounded(at - pos);
    }
    case 0x28:
      return lengthPrefixed(buf, pos);
    default: {
      const fixed = ESC_FIXED.get(op);
      return fixed === undefined ? UNKNOWN : complete(fixed);
    }
  }
}

function gsLength(buf: Uint8Array, pos: number, op: number): CommandLength {
  switch (op) {
    case 0x28:
      return lengthPrefixed(buf, pos);
    case 0x56: {
      // GS V m (function A) or GS V m n (functions B, C, D: feed then cut).
      const m = byteAt(buf, pos + 2);
      if (m === undefined) return INCOMPLETE;
      return complete([0, 1, 48, 49].includes(m) ? 3 : 4);
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d…: raster image of (xL + xH·256) bytes × (yL + yH·256) rows.
      const header = [2, 3, 4, 5, 6, 7].map((i) => byteAt(buf, pos + i));
      if (header.some((b) => b === undefined)) return INCOMPLETE;
      const [, , xL = 0, xH = 0, yL = 0, yH = 0] = header;
      return bounded(8 + (xL + xH * 256) * (yL + yH * 256));
    }
    case 0x2a: {
      // GS * x y d…: downloaded bit image of x·8 columns × y·8 dots.
      const x = byteAt(buf, pos + 2);
      const y = byteAt(buf, pos + 3);
      if (x === undefined || y === undefined) return INCOMPLETE;
      return bounded(4 + x * y * 8);
    }
    case 0x6b: {
      // GS k m …: barcodes; m ≤ 6 ends at NUL, m ≥ 65 carries a length byte.
      const m = byteAt(buf, pos + 2);
      if (m === undefined) return INCOMPLETE;
      if (m <= 6) {
        return nulTerminated(buf, pos, pos + 3, 255);
      }
      const n = byteAt(buf, pos + 3);
      if (n === undefined) return INCOMPLETE;
      return complete(4 + n);
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 …: large graphics data with a 32-bit length.
      const letter = byteAt(buf, pos + 2);
      const p = [3, 4, 5, 6].map((i) => byteAt(buf, pos + i));
      if (letter === undefined || p.some((b) => b === undefined)) return INCOMPLETE;
      if (letter !== 0x4c) return UNKNOWN;
      const [p1 = 0, p2 = 0, p3 = 0, p4 = 0] = p;
      return bounded(7 + p1 + p2 * 0x100 + p3 * 0x10000 + p4 * 0x1000000);
    }
    default: {
      const fixed = GS_FIXED.get(op);
      return fixed === undefined ? UNKNOWN : complete(fixed);
    }
  }
}

function fsLength(buf: Uint8Array, pos: number, op: number): CommandLength {
  if (op === 0x28) return lengthPrefixed(buf, pos);
  const fixed = FS_FIXED.get(op);
  return fixed === undefined ? UNKNOWN : complete(fixed);
}

function dleLength(buf: Uint8Array, pos: number, op: number): CommandLength {
  switch (op) {
    case 0x04: // DLE EOT n: real-time status
    case 0x05: // DLE ENQ n: real-time request
      return complete(3);
    case 0x14: {
      // DLE DC4 fn …: real-time pulse, power-off, buzzer, clear buffer.
      const fn = byteAt(buf, pos + 2);
      if (fn === undefined) return INCOMPLETE;
      if (fn === 7) return complete(4);
      if (fn === 8) return complete(10);
      return complete(5);
    }
    default:
      return UNKNOWN;
  }
}

/** The length of the command starting at `pos`, whose first byte is ESC, GS, FS or DLE. */
export function commandLength(buf: Uint8Array, pos: number): CommandLength {
  const prefix = buf[pos];
  const op = byteAt(buf, pos + 1);
  if (op === undefined) return INCOMPLETE;
  let length: CommandLength;
  switch (prefix) {
    case ESC:
      length = escLength(buf, pos, op);
      break;
    case GS:
      length = gsLength(buf, pos, op);
      break;
    case FS:
      length = fsLength(buf, pos, op);
      break;
    case DLE:
      length = dleLength(buf, pos, op);
      break;
    default:
      return UNKNOWN;
  }
  if (length.kind === 'complete' && pos + length.length > buf.length) return INCOMPLETE;
  return length;
}
