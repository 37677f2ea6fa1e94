import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument, type PDFPage } from 'pdf-lib';

/**
 * A scanned PNG into a PDF without decoding it. PDF's FlateDecode with the PNG predictors
 * (Predictor 15) reads a PNG's zlib stream as it is, so the pages of a scan are copied, not
 * decoded and compressed again: pdf-lib's own embedPng inflates every pixel and deflates it
 * anew, which takes about 0.7 s per 300 dpi A4 page and blocks the terminal's event loop
 * meanwhile (20 pages: 15 s without heartbeats to the hub). Lossless, and the PDF page is as
 * big as the PNG file.
 *
 * Covers what scanimage writes: non-interlaced grey (1, 8 or 16 bits) and RGB (8 or 16 bits)
 * without alpha or palette. Anything else returns null and the caller embeds it the slow way.
 */
export interface PassthroughImage {
  readonly width: number;
  readonly height: number;
  /** Draws the image filling `rect` of `page` (PDF points). */
  drawOn(page: PDFPage, rect: { x: number; y: number; width: number; height: number }): void;
}

export function passthroughPng(doc: PDFDocument, png: Uint8Array): PassthroughImage | null {
  const parsed = parsePng(png);
  if (parsed === null) return null;
  const { width, height, bitDepth, colors, idat } = parsed;
  const { context } = doc;
  const xObject = context.stream(idat, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: bitDepth,
    ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: bitDepth, Columns: width },
  });
  const ref = context.register(xObject);
  return {
    width,
    height,
    drawOn(page, rect) {
      const name = page.node.newXObject('Scan', ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(rect.width, 0, 0, rect.height, rect.x, rect.y), drawObject(name), popGraphicsState());
    },
  };
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function parsePng(b: Uint8Array): { width: number; height: number; bitDepth: number; colors: 1 | 3; idat: Uint8Array } | null {
  if (b.length < 33 || SIGNATURE.some((v, i) => b[i] !== v)) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  let header: { width: number; height: number; bitDepth: number; colors: 1 | 3 } | null = null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (at + 8 <= b.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    const data = at + 8;
    if (data + len > b.length) return null;
    if (type === 'IHDR') {
      const width = view.getUint32(data);
      const height = view.getUint32(data + 4);
      const bitDepth = b[data + 8]!;
      const colorType = b[data + 9]!;
      const interlace = b[data + 12]!;
      if (interlace !== 0) return null;
      if (colorType === 0 && [1, 8, 16].includes(bitDepth)) header = { width, height, bitDepth, colors: 1 };
      else if (colorType === 2 && [8, 16].includes(bitDepth)) header = { width, height, bitDepth, colors: 3 };
      else return null;
    } else if (type === 'IDAT') {
      chunks.push(b.subarray(data, data + len));
      total += len;
    } else if (type === 'tRNS') {
      return null; // transparency: needs a soft mask, leave it to pdf-lib
    } else if (type === 'IEND') {
      break;
    }
    at = data + len + 4;
  }
  if (header === null || chunks.length === 0) return null;
  const idat = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    idat.set(c, o);
    o += c.length;
  }
  return { ...header, idat };
}
