import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { create as createQr } from 'qrcode';
import type { Alignment, DecodedItem, DecodedJob } from './decoded-job';
import { paperFont } from './paper-font';

/**
 * Draws a decoded job the way it would come out of an 80 mm (576 dots) or
 * 58 mm (384 dots) printer at 203 dpi, one pixel per dot. Text uses the
 * printer's cell metrics (12 × 24 dots in font A) scaled by the character size;
 * QR codes are regenerated from their content at the printed module size, so
 * the picture scans like the paper would.
 */

export interface RenderJobOptions {
  /** Printable width in pixels (dots); defaults from paperWidth: 576 for 80 mm, 384 for 58 mm. */
  readonly widthPx?: number;
  readonly paperWidth?: 80 | 58;
}

const CELL_WIDTH = 12;
const CELL_HEIGHT = 24;
/** Default line spacing (ESC 2) leaves a gap of about 6 dots; Vietnamese stacked marks need a little more. */
const LINE_GAP = 10;
const FONT_PX = 21;
const SIDE_MARGIN = 6;
const TOP_MARGIN = 20;
const BOTTOM_MARGIN = 20;
const QR_GAP = 8;
const CUT_ZONE = 28;

interface Block {
  readonly height: number;
  draw(ctx: SKRSContext2D, top: number): void;
}

function xFor(align: Alignment, contentWidth: number, paperWidth: number): number {
  if (align === 'center') return Math.round((paperWidth - contentWidth) / 2);
  if (align === 'right') return paperWidth - SIDE_MARGIN - contentWidth;
  return SIDE_MARGIN;
}

const fontFor = paperFont;

/** A run of text and the character column it starts at. */
interface Segment {
  readonly text: string;
  readonly column: number;
}

/**
 * The printer's font is monospaced, so text spaced into columns (signature
 * places, indented continuation lines) lines up on paper. The paper font here
 * is proportional: runs separated by two or more spaces are placed at their
 * column instead, so the picture lines up as the paper would.
 */
function segmentsOf(text: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /\S+(?: \S+)*/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    segments.push({ text: match[0], column: [...text.slice(0, match.index)].length });
  }
  return segments;
}

function textBlock(item: Extract<DecodedItem, { kind: 'text' }>, measure: SKRSContext2D, paperWidth: number): Block {
  const px = FONT_PX * item.height;
  const height = (CELL_HEIGHT + LINE_GAP) * item.height;
  measure.font = fontFor(item.bold, px);
  // The printer stretches glyphs when width ≠ height; text wider than its room is squeezed rather than cut.
  const stretch = item.width / item.height;
  const segments = segmentsOf(item.text);
  const gridded = item.align === 'left' && (segments.length > 1 || (segments[0]?.column ?? 0) > 0);
  const placed = (gridded ? segments : [{ text: item.text, column: 0 }]).map((segment, i, all) => {
    const natural = measure.measureText(segment.text).width;
    const x = gridded ? Math.max(SIDE_MARGIN, segment.column * CELL_WIDTH * item.width) : 0;
    const next = all[i + 1];
    const room = gridded ? (next === undefined ? paperWidth - SIDE_MARGIN : next.column * CELL_WIDTH * item.width - CELL_WIDTH) - x : paperWidth - 2 * SIDE_MARGIN;
    const scaleX = natural * stretch > room ? room / natural : stretch;
    const drawn = natural * scaleX;
    return { text: segment.text, scaleX, x: gridded ? x : xFor(item.align, drawn, paperWidth) };
  });
  return {
    height,
    draw(ctx, top) {
      ctx.save();
      ctx.font = fontFor(item.bold, px);
      ctx.fillStyle = '#111';
      ctx.textBaseline = 'alphabetic';
      for (const segment of placed) {
        ctx.save();
        // Baseline low in the cell so capital letters' stacked tone marks stay inside it.
        ctx.translate(segment.x, top + height - LINE_GAP * item.height * 0.5 - px * 0.22);
        ctx.scale(segment.scaleX, 1);
        ctx.fillText(segment.text, 0, 0);
        ctx.restore();
      }
      ctx.restore();
    },
  };
}

function qrBlock(item: Extract<DecodedItem, { kind: 'qr' }>, measure: SKRSContext2D, paperWidth: number): Block {
  let symbol: ReturnType<typeof createQr>;
  try {
    symbol = createQr(item.content, { errorCorrectionLevel: item.errorLevel });
  } catch {
    // More data than a QR symbol holds: a real printer prints nothing; show that something was asked for.
    const note = { kind: 'text', text: '[QR quá dài, không in được]', bold: false, width: 1, height: 1, align: item.align } as const;
    return textBlock(note, measure, paperWidth);
  }
  const modules = symbol.modules.size;
  const moduleSize = Math.max(1, Math.min(item.moduleSize, Math.floor((paperWidth - 2 * SIDE_MARGIN) / modules)));
  const side = modules * moduleSize;
  return {
    height: side + 2 * QR_GAP,
    draw(ctx, top) {
      const left = xFor(item.align, side, paperWidth);
      ctx.fillStyle = '#000';
      for (let row = 0; row < modules; row++) {
        for (let col = 0; col < modules; col++) {
          if (symbol.modules.get(row, col)) ctx.fillRect(left + col * moduleSize, top + QR_GAP + row * moduleSize, moduleSize, moduleSize);
        }
      }
    },
  };
}

function imageBlock(item: Extract<DecodedItem, { kind: 'image' }>, paperWidth: number): Block {
  const bits = Buffer.from(item.bitsBase64, 'base64');
  const rowBytes = Math.ceil(item.width / 8);
  const shown = Math.min(item.width, paperWidth);
  return {
    height: item.height,
    draw(ctx, top) {
      // Pictures start at the printable area's edge, not at the text margin: raster lines are drawn to the dot.
      const left = item.align === 'left' ? 0 : xFor(item.align, shown, paperWidth);
      const image = ctx.getImageData(left, top, shown, item.height);
      for (let y = 0; y < item.height; y++) {
        for (let x = 0; x < shown; x++) {
          if (((bits[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
          const at = (y * shown + x) * 4;
          image.data[at] = 0;
          image.data[at + 1] = 0;
          image.data[at + 2] = 0;
          image.data[at + 3] = 255;
        }
      }
      ctx.putImageData(image, left, top);
    },
  };
}

function cutBlock(paperWidth: number): Block {
  return {
    height: CUT_ZONE,
    draw(ctx, top) {
      // Drawn in red: it marks where the cutter cut, it is not print.
      ctx.save();
      ctx.strokeStyle = '#d33';
      ctx.lineWidth = 2;
      ctx.setLineDash([10, 6]);
      ctx.beginPath();
      ctx.moveTo(0, top + CUT_ZONE / 2);
      ctx.lineTo(paperWidth, top + CUT_ZONE / 2);
      ctx.stroke();
      ctx.restore();
    },
  };
}

export function paperWidthPx(options: RenderJobOptions = {}): number {
  return options.widthPx ?? (options.paperWidth === 58 ? 384 : 576);
}

/** Columns of the base font across the paper: 48 on 576 dots, 32 on 384. */
export function paperColumns(widthPx: number): number {
  return Math.floor(widthPx / CELL_WIDTH);
}

function blocksOf(job: DecodedJob, width: number): Block[] {
  const measure = createCanvas(1, 1).getContext('2d');
  return job.items.map((item) => {
    switch (item.kind) {
      case 'text':
        return textBlock(item, measure, width);
      case 'qr':
        return qrBlock(item, measure, width);
      case 'image':
        return imageBlock(item, width);
    }
  });
}

/** Dots per millimetre of paper feed on a 203 dpi head. */
const DOTS_PER_MM = 203 / 25.4;

/**
 * How much paper the job takes, in millimetres: every line, QR code and
 * picture at the printer's geometry, the feed before the cut included — what
 * the mechanism has to move, and so what its speed turns into print time.
 */
export function jobLengthMm(job: DecodedJob, options: RenderJobOptions = {}): number {
  const dots = blocksOf(job, paperWidthPx(options)).reduce((sum, b) => sum + b.height, 0);
  return Math.round((dots / DOTS_PER_MM) * 10) / 10;
}

/** The job as a PNG: white paper, black print, a dashed line where the cutter cut. */
export async function renderJobToPng(job: DecodedJob, options: RenderJobOptions = {}): Promise<Buffer> {
  const width = paperWidthPx(options);
  const blocks = blocksOf(job, width);
  if (job.cut) blocks.push(cutBlock(width));
  const height = TOP_MARGIN + blocks.reduce((sum, b) => sum + b.height, 0) + (job.cut ? 0 : BOTTOM_MARGIN);
  const canvas = createCanvas(width, Math.max(1, height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  let top = TOP_MARGIN;
  for (const block of blocks) {
    block.draw(ctx, top);
    top += block.height;
  }
  return canvas.encode('png');
}
