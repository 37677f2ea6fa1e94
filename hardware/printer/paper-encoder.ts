import type { PrinterProfile } from '../../core/devices';
import { align, bold, characterSize, feedAndCut, initialise, qrCode, rasterImage } from './escpos-commands';
import type { Alignment } from './escpos-commands';
import { layOut, lineText } from './layout-engine';
import type { PaperLayout } from './layout-engine';
import type { PrintDocument } from './print-document';
import { rasterizeLine } from './raster-text';
import { textWriterFor } from './text-encodings';

/**
 * The one renderer of every layout: laid-out lines → the exact ESC/POS bytes
 * of a job, in the profile's text strategy. Settings are sent only when they
 * change, and the job always starts from ESC @ and ends with a cut, so a job
 * never depends on what the printer did before.
 */

const LF = Buffer.from([0x0a]);

export function encodePaper(layout: PaperLayout, profile: PrinterProfile): Buffer {
  const writer = textWriterFor(profile);
  const parts: Buffer[] = [initialise()];
  if (writer !== undefined) parts.push(writer.start());
  // What ESC @ leaves the printer with.
  let current: { align: Alignment; bold: boolean; width: number; height: number } = { align: 'left', bold: false, width: 1, height: 1 };
  const setAlign = (wanted: Alignment): void => {
    if (wanted !== current.align) parts.push(align(wanted));
    current = { ...current, align: wanted };
  };
  const setStyle = (wantedBold: boolean, width: number, height: number): void => {
    if (wantedBold !== current.bold) parts.push(bold(wantedBold));
    if (width !== current.width || height !== current.height) parts.push(characterSize(width, height));
    current = { ...current, bold: wantedBold, width, height };
  };

  for (const item of layout.items) {
    if (item.kind === 'qr') {
      setAlign('center');
      parts.push(qrCode(item.content, { moduleSize: item.moduleSize, errorLevel: 'M' }));
      continue;
    }
    if (writer === undefined) {
      // Raster: a blank line is a plain feed; anything else is its picture, placed by its own pixels from the left edge.
      if (item.cells.length === 0) {
        parts.push(LF);
        continue;
      }
      const bitmap = rasterizeLine(item, layout);
      setAlign('left');
      parts.push(rasterImage(bitmap.bits, bitmap.widthBytes, bitmap.height));
      continue;
    }
    const { text, align: lineAlign } = lineText(item, layout.columns);
    setAlign(lineAlign);
    // Style before LF even on a blank line: the feed is as tall as the character size in force.
    setStyle(item.bold, item.width, item.height);
    parts.push(writer.encode(text), LF);
  }
  parts.push(feedAndCut());
  return Buffer.concat(parts);
}

/**
 * The bytes of a document on a profile's printer. Throws RangeError for what
 * cannot be printed (QR content too large, a profile without its code page).
 */
export function encodeDocument(document: PrintDocument, profile: PrinterProfile): Buffer {
  return encodePaper(layOut(document, profile.paperWidth), profile);
}
