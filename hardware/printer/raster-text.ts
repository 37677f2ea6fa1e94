import { createCanvas } from '@napi-rs/canvas';
import type { PaperLayout, PaperLine } from './layout-engine';
import { paperFont } from './printer-font';

/**
 * The `raster` strategy: each printed line is drawn with the bundled
 * Vietnamese font and sent as a 1-bit picture (GS v 0), for printers whose
 * code pages cannot stack tone marks. The text never reaches the printer as
 * characters, so what is on paper is exactly what was drawn here.
 */

export interface RasterBitmap {
  /** Bytes per row (8 dots each). */
  readonly widthBytes: number;
  readonly height: number;
  /** Rows top to bottom, most significant bit leftmost, 1 = black. */
  readonly bits: Buffer;
}

/** Dots per line at 1× — Epson's default line spacing, 1/6 inch at 203 dpi, as character lines get. */
export const RASTER_LINE_DOTS = 34;
/** Font size at 1×: 48 columns of average Vietnamese text fit across 576 dots. */
const FONT_PX = 22;
/** Where the baseline sits, up from the bottom of the line, as a share of the font size: room for ạ ỵ g. */
const BASELINE_FROM_BOTTOM = 0.3;
/** Grey levels darker than this print; anti-aliased edges are halftoned away. */
const INK_THRESHOLD = 140;

/** Draws one laid-out line; cells sit where the character columns would put them. */
export function rasterizeLine(line: PaperLine, layout: Pick<PaperLayout, 'columns' | 'dots'>): RasterBitmap {
  const height = RASTER_LINE_DOTS * line.height;
  const width = layout.dots;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  const px = FONT_PX * line.height;
  ctx.font = paperFont(line.bold, px);
  const columnDots = (layout.dots / layout.columns) * line.width;
  const baseline = height - Math.round(px * BASELINE_FROM_BOTTOM);
  for (const cell of line.cells) {
    const left = cell.start * columnDots;
    const room = Math.min(width - left, cell.columns * columnDots);
    const natural = ctx.measureText(cell.text).width;
    // The printer would stretch glyphs when width ≠ height; a line wider than its room is squeezed, never cut.
    const stretch = line.width / line.height;
    const scaleX = natural * stretch > room ? room / natural : stretch;
    const drawn = natural * scaleX;
    const x = left + (cell.align === 'left' ? 0 : cell.align === 'right' ? room - drawn : (room - drawn) / 2);
    ctx.save();
    ctx.translate(Math.round(x), baseline);
    ctx.scale(scaleX, 1);
    ctx.fillText(cell.text, 0, 0);
    ctx.restore();
  }
  return toBits(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** Thresholds RGBA to 1 bit per dot, dropping blank bytes at the right (the printer needs no white sent). */
function toBits(rgba: Uint8ClampedArray, width: number, height: number): RasterBitmap {
  const fullBytes = Math.ceil(width / 8);
  const full = Buffer.alloc(fullBytes * height);
  let usedBytes = 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((rgba[(y * width + x) * 4] ?? 255) < INK_THRESHOLD) {
        const index = y * fullBytes + (x >> 3);
        full[index] = (full[index] ?? 0) | (0x80 >> (x & 7));
        usedBytes = Math.max(usedBytes, (x >> 3) + 1);
      }
    }
  }
  const bits = Buffer.alloc(usedBytes * height);
  for (let y = 0; y < height; y++) full.copy(bits, y * usedBytes, y * fullBytes, y * fullBytes + usedBytes);
  return { widthBytes: usedBytes, height, bits };
}
