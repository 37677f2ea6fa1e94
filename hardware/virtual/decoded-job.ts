/** What the virtual printer understood from an ESC/POS stream: paper content, not bytes. */

export type Alignment = 'left' | 'center' | 'right';

/** One printed line with the attributes in force when its first character arrived. */
export interface DecodedTextLine {
  readonly kind: 'text';
  readonly text: string;
  readonly bold: boolean;
  /** Character width multiplier (1–8). */
  readonly width: number;
  /** Character height multiplier (1–8). */
  readonly height: number;
  readonly align: Alignment;
}

export interface DecodedQrCode {
  readonly kind: 'qr';
  /** The stored symbol data, read as UTF-8. */
  readonly content: string;
  /** Dots per module (GS ( k fn 67). */
  readonly moduleSize: number;
  readonly errorLevel: 'L' | 'M' | 'Q' | 'H';
  readonly align: Alignment;
}

/** A raster bit image (GS v 0): 1 bit per dot, rows of ceil(width/8) bytes, MSB first. */
export interface DecodedRasterImage {
  readonly kind: 'image';
  readonly width: number;
  readonly height: number;
  /** Base64 so a job serialises to JSON as is. */
  readonly bitsBase64: string;
  readonly align: Alignment;
}

export type DecodedItem = DecodedTextLine | DecodedQrCode | DecodedRasterImage;

export interface DecodedJob {
  readonly items: readonly DecodedItem[];
  /** False when the stream ended without a cut: the paper would still hang out of the printer. */
  readonly cut: boolean;
  readonly cutMode?: 'full' | 'partial';
  /** Commands that were skipped or malformed; decoding never stops for them. */
  readonly warnings: readonly string[];
  /** Bytes of the stream that made up this job. */
  readonly byteLength: number;
}
