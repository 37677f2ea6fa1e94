import { create as createQr } from 'qrcode';
import { MAX_QR_BYTES } from './escpos-commands';
import type { Alignment, Block, PrintDocument, SignatureColumn } from './print-document';
import { columnsForPaper, wrapBalanced, wrapToColumns } from './text-columns';
import { printedColumns } from './vietnamese-text';

/**
 * Lays a document out on 80 mm (48 columns, 576 dots) or 58 mm (32 columns,
 * 384 dots) paper: wrapping, sizes, columns. The result is the same for every
 * text strategy — a line is a line whether it goes out as Windows-1258, TCVN3
 * or a picture — which is what lets the golden tests compare them.
 */

/** Text placed in a span of the line's character columns (counted at the line's width multiplier). */
export interface PaperCell {
  readonly text: string;
  readonly start: number;
  readonly columns: number;
  readonly align: Alignment;
}

export interface PaperLine {
  readonly kind: 'line';
  /** Empty for a blank line. */
  readonly cells: readonly PaperCell[];
  readonly bold: boolean;
  readonly width: number;
  readonly height: number;
}

export interface PaperQr {
  readonly kind: 'qr';
  readonly content: string;
  readonly moduleSize: number;
}

export type PaperItem = PaperLine | PaperQr;

export interface PaperLayout {
  readonly paperWidth: 80 | 58;
  readonly columns: number;
  /** Printable dots across: 576 on 80 mm, 384 on 58 mm (203 dpi). */
  readonly dots: number;
  readonly items: readonly PaperItem[];
}

/** Dots per QR module: about 25 mm for a short URL on 80 mm paper, a little less on 58 mm. */
const QR_MODULE_DOTS: Readonly<Record<80 | 58, number>> = { 80: 6, 58: 5 };
/** The number is what a citizen looks for across the room; as large as the paper allows, up to 4×. */
const MAX_NUMBER_SCALE = 4;
const SIGNATURE_ROOM_LINES = 3;
const FIELD_INDENT = 2;
const LETTER_MARKERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

export function paperDots(paperWidth: 80 | 58): number {
  return paperWidth === 80 ? 576 : 384;
}

/** The line as a character printer receives it: one cell spanning the line keeps its alignment, anything else is spaced out from the left. */
export function lineText(line: PaperLine, paperColumns: number): { readonly text: string; readonly align: Alignment } {
  const span = Math.floor(paperColumns / line.width);
  const [only] = line.cells;
  if (line.cells.length === 1 && only !== undefined && only.start === 0 && only.columns >= span) return { text: only.text, align: only.align };
  let text = '';
  for (const cell of line.cells) {
    const free = Math.max(0, cell.columns - printedColumns(cell.text));
    const lead = cell.align === 'left' ? 0 : cell.align === 'right' ? free : Math.floor(free / 2);
    text += ' '.repeat(Math.max(0, cell.start + lead - printedColumns(text))) + cell.text;
  }
  return { text: text.trimEnd(), align: 'left' };
}

class LineSink {
  readonly items: PaperItem[] = [];
  constructor(readonly columns: number) {}

  /** Character columns of a line printed at `width`×. */
  span(width: number): number {
    return Math.max(1, Math.floor(this.columns / width));
  }

  line(cells: readonly PaperCell[], style: { bold?: boolean; width?: number; height?: number } = {}): void {
    this.items.push({ kind: 'line', cells, bold: style.bold ?? false, width: style.width ?? 1, height: style.height ?? style.width ?? 1 });
  }

  /** Full-width lines of already wrapped text. */
  lines(texts: readonly string[], align: Alignment, style: { bold?: boolean; width?: number; height?: number } = {}): void {
    const span = this.span(style.width ?? 1);
    for (const text of texts) this.line([{ text, start: 0, columns: span, align }], style);
  }

  /** Text whose continuation lines start `indent` columns in. */
  hanging(text: string, firstStart: number, indent: number, bold = false): void {
    const wrapped = wrapToColumns(text, this.columns - firstStart, this.columns - indent);
    wrapped.forEach((piece, i) => {
      const start = i === 0 ? firstStart : indent;
      this.line([{ text: piece, start, columns: this.columns - start, align: 'left' }], { bold });
    });
  }
}

function moduleSizeFor(content: string, paperWidth: 80 | 58): number {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes === 0 || bytes > MAX_QR_BYTES) throw new RangeError(`QR content must be 1–${MAX_QR_BYTES} bytes, got ${bytes}`);
  // Error level M, as the encoder prints it; a symbol wider than the paper does not print at all on a real printer.
  const modules = createQr(content, { errorCorrectionLevel: 'M' }).modules.size;
  const fits = Math.floor((paperDots(paperWidth) - 16) / modules);
  if (fits < 1) throw new RangeError(`QR content of ${bytes} bytes is too large for ${paperWidth} mm paper`);
  return Math.min(QR_MODULE_DOTS[paperWidth], fits);
}

function signatures(sink: LineSink, columns: readonly SignatureColumn[]): void {
  const width = Math.floor(sink.columns / Math.max(1, columns.length));
  const fits = columns.every((c) => [c.title, c.note ?? '', c.name ?? ''].every((text) => printedColumns(text) <= width - 1));
  if (columns.length > 1 && !fits) {
    // Side by side only when nothing has to be broken: on 58 mm the places are stacked, one under the other.
    columns.forEach((column, i) => {
      if (i > 0) sink.line([]);
      signatures(sink, [column]);
    });
    return;
  }
  const cellsOf = (rows: readonly (readonly string[])[], index: number): PaperCell[] =>
    rows.flatMap((col, c) => {
      const text = col[index];
      return text === undefined || text === '' ? [] : [{ text, start: c * width, columns: width, align: 'center' as const }];
    });
  const section = (pick: (col: SignatureColumn) => string | undefined, bold: boolean): void => {
    const rows = columns.map((col) => {
      const text = pick(col);
      return text === undefined || text.trim() === '' ? [] : wrapBalanced(text, width - 1);
    });
    const count = Math.max(0, ...rows.map((r) => r.length));
    for (let i = 0; i < count; i++) sink.line(cellsOf(rows, i), { bold });
  };
  section((c) => c.title, true);
  section((c) => c.note, false);
  for (let i = 0; i < SIGNATURE_ROOM_LINES; i++) sink.line([]);
  section((c) => c.name, true);
}

function layOutBlock(sink: LineSink, block: Block, paperWidth: 80 | 58): void {
  switch (block.kind) {
    case 'text': {
      const width = block.size ?? 1;
      const height = block.tall === true ? Math.max(2, width) : width;
      const align = block.align ?? 'left';
      if (align === 'left' && width === 1 && height === 1 && block.hanging !== undefined) {
        sink.hanging(block.text, 0, block.hanging, block.bold ?? false);
        return;
      }
      const span = sink.span(width);
      const wrapped = align === 'center' ? wrapBalanced(block.text, span) : wrapToColumns(block.text, span);
      sink.lines(wrapped, align, { bold: block.bold ?? false, width, height });
      return;
    }
    case 'field': {
      const bold = block.bold ?? false;
      if (block.align === 'center') {
        const whole = `${block.label}: ${block.value}`;
        if (printedColumns(whole) <= sink.columns) sink.lines([whole], 'center', { bold });
        else sink.lines([...wrapBalanced(`${block.label}:`, sink.columns), ...wrapBalanced(block.value, sink.columns)], 'center', { bold });
        return;
      }
      sink.hanging(`${block.label}: ${block.value}`, 0, FIELD_INDENT, bold);
      return;
    }
    case 'big-number': {
      const digits = printedColumns(block.text);
      const scale = Math.max(2, Math.min(MAX_NUMBER_SCALE, Math.floor(sink.columns / Math.max(1, digits))));
      sink.lines(wrapToColumns(block.text, sink.span(scale)), 'center', { bold: true, width: scale, height: scale });
      return;
    }
    case 'rule': {
      const length = block.short === true ? Math.round(sink.columns / 3) : sink.columns;
      sink.lines(['-'.repeat(length)], 'center');
      return;
    }
    case 'numbered-list': {
      const margin = block.indent ?? 0;
      block.items.forEach((item, i) => {
        // Vietnamese documents letter the points under a numbered one: a), b), … (đ after d, as in legal texts).
        const prefix = block.marker === 'letter' ? `${LETTER_MARKERS[i] ?? String(i + 1)}) ` : `${i + 1}. `;
        sink.hanging(`${prefix}${item}`, margin, margin + prefix.length);
      });
      return;
    }
    case 'qr':
      sink.items.push({ kind: 'qr', content: block.content, moduleSize: moduleSizeFor(block.content, paperWidth) });
      if (block.caption !== undefined && block.caption.trim() !== '') sink.lines(wrapBalanced(block.caption, sink.columns), 'center');
      return;
    case 'signatures':
      signatures(sink, block.columns);
      return;
    case 'blank':
      for (let i = 0; i < (block.lines ?? 1); i++) sink.line([]);
      return;
  }
}

/** Throws RangeError when a block cannot be printed (QR content too large). */
export function layOut(document: PrintDocument, paperWidth: 80 | 58): PaperLayout {
  const sink = new LineSink(columnsForPaper(paperWidth));
  for (const block of document.blocks) layOutBlock(sink, block, paperWidth);
  return { paperWidth, columns: sink.columns, dots: paperDots(paperWidth), items: sink.items };
}
