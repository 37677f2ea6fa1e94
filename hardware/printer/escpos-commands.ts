/**
 * The ESC/POS commands our layouts use, byte-exact. node-thermal-printer was the first choice and
 * was dropped: it encodes Vietnamese character by character (sending TCVN3 bytes under a
 * Windows-1258 page), its printQR counts UTF-16 units but sends UTF-8, setTextSize swaps the
 * width and height nibbles, it switches code pages on its own, and its network interface cannot
 * read a printer's status back. Each command here is checked by the decoder tests.
 */

const ESC = 0x1b;
const GS = 0x1d;

/** The most bytes one QR symbol holds (byte mode, version 40, error level L). */
export const MAX_QR_BYTES = 2953;

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

const QR_ERROR_LEVEL_BYTE: Readonly<Record<QrErrorLevel, number>> = { L: 48, M: 49, Q: 50, H: 51 };

/** ESC @: clear the buffer and every setting (the library has this, but its typings do not). */
export function initialise(): Buffer {
  return Buffer.from([ESC, 0x40]);
}

/**
 * ESC t n. The library only knows Epson's numbers by name and, once text does
 * not fit, switches pages on its own; the profile's number is the truth here
 * because clones put Windows-1258 elsewhere (27, 94, …).
 */
export function selectCodePage(codePage: number): Buffer {
  return Buffer.from([ESC, 0x74, codePage & 0xff]);
}

/**
 * A model-2 QR code: GS ( k functions 65 (model), 67 (module size), 69 (error
 * level), 80 (store), 81 (print). Written here because the library's `printQR`
 * counts UTF-16 code units for the length but sends UTF-8 bytes, which corrupts
 * the stream for any non-ASCII content.
 */
export function qrCode(content: string, options: Readonly<{ moduleSize: number; errorLevel: QrErrorLevel }>): Buffer {
  const data = Buffer.from(content, 'utf8');
  if (data.length === 0 || data.length > MAX_QR_BYTES) {
    throw new RangeError(`QR content must be 1–${MAX_QR_BYTES} bytes, got ${data.length}`);
  }
  const moduleSize = Math.min(16, Math.max(1, Math.round(options.moduleSize)));
  const storeLength = data.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 67, moduleSize]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 69, QR_ERROR_LEVEL_BYTE[options.errorLevel]]),
    Buffer.from([GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 49, 80, 48]),
    data,
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 81, 48]),
  ]);
}

export type Alignment = 'left' | 'center' | 'right';

const ALIGN_BYTE: Readonly<Record<Alignment, number>> = { left: 0, center: 1, right: 2 };

/** ESC a n: justification of what follows (text, QR codes and images). */
export function align(alignment: Alignment): Buffer {
  return Buffer.from([ESC, 0x61, ALIGN_BYTE[alignment]]);
}

/** ESC E n: emphasised (bold). */
export function bold(on: boolean): Buffer {
  return Buffer.from([ESC, 0x45, on ? 1 : 0]);
}

/** GS ! n: character width and height multipliers (1–8), width in the high nibble. */
export function characterSize(width: number, height: number): Buffer {
  const w = Math.min(8, Math.max(1, Math.round(width))) - 1;
  const h = Math.min(8, Math.max(1, Math.round(height))) - 1;
  return Buffer.from([GS, 0x21, (w << 4) | h]);
}

/** ESC d n: print and feed n lines. */
export function feedLines(lines: number): Buffer {
  return Buffer.from([ESC, 0x64, Math.min(255, Math.max(0, Math.round(lines)))]);
}

/** Lines fed before the cut, so the last printed line clears the cutter (≈ 17 mm on common heads). */
export const FEED_BEFORE_CUT = 4;

/** Feed past the cutter, then GS V 0: a full cut, so the ticket drops into the kiosk's presenter. */
export function feedAndCut(): Buffer {
  return Buffer.concat([feedLines(FEED_BEFORE_CUT), Buffer.from([GS, 0x56, 0x00])]);
}

/**
 * GS v 0: a raster bit image, 1 bit per dot, rows of `widthBytes` bytes, most
 * significant bit leftmost. Printers cap the height per command; callers keep
 * images to one printed line.
 */
export function rasterImage(bits: Uint8Array, widthBytes: number, height: number): Buffer {
  if (widthBytes < 1 || widthBytes > 0xffff || height < 1 || height > 0xffff || bits.length !== widthBytes * height) {
    throw new RangeError(`raster image ${widthBytes}×${height} bytes does not match ${bits.length} bytes of data`);
  }
  return Buffer.concat([Buffer.from([GS, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, height & 0xff, height >> 8]), bits]);
}

const DLE = 0x10;
const EOT = 0x04;

/** What DLE EOT n asks: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type RealTimeStatusRequest = 1 | 2 | 3 | 4;

/** DLE EOT n: answered at once, from the receive buffer, even while the printer is offline. */
export function realTimeStatusRequest(n: RealTimeStatusRequest): Buffer {
  return Buffer.from([DLE, EOT, n]);
}

/**
 * GS r 1: paper sensor status, answered only when the printer gets to it in
 * the buffer — that is, once everything sent before it has been printed. A
 * printer that stops (paper out, cover open) does not answer it.
 */
export function transmitPaperStatus(): Buffer {
  return Buffer.from([GS, 0x72, 0x01]);
}

/**
 * DLE DC4 8 1 3 20 1 6 2 8: clears the receive and print buffers. Sent after a
 * failed job so the rest of it does not print by surprise when the fault is
 * cleared — the kiosk has already told the citizen it did not print.
 */
export function clearBuffers(): Buffer {
  return Buffer.from([DLE, 0x14, 0x08, 1, 3, 20, 1, 6, 2, 8]);
}
