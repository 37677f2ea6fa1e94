/**
 * The few ESC/POS commands node-thermal-printer gets wrong or cannot express.
 * Everything else in a layout comes from the library.
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
