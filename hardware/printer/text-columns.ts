import { printedColumns } from './vietnamese-text';

/**
 * Receipt printers print a fixed number of columns per line (80 mm: 48 in the
 * base font, 58 mm: 32) and wrap by themselves mid-word when a line is longer.
 * Layouts wrap first, at word boundaries, so the printer never has to.
 */

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Base-font columns for a paper width. */
export function columnsForPaper(paperWidth: 80 | 58): number {
  return paperWidth === 80 ? 48 : 32;
}

/**
 * Control characters in data (a service name from config, a counter label typed
 * by an admin) would reach the printer as commands; they become spaces.
 */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/**
 * Splits text into lines of at most `columns` printed columns, breaking between
 * words; a single word longer than a line is cut between characters (never
 * between a letter and its tone mark). Lines after the first may be given a
 * different width, for text that continues indented under a label or a number.
 */
export function wrapToColumns(text: string, columns: number, continuationColumns = columns): string[] {
  const widthOf = (lineIndex: number): number => Math.max(1, Math.floor(lineIndex === 0 ? columns : continuationColumns));
  const words = printableText(text).normalize('NFC').split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (printedColumns(candidate) <= widthOf(lines.length)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const { segment } of graphemes.segment(word)) {
      if (line !== '' && printedColumns(line + segment) > widthOf(lines.length)) {
        lines.push(line);
        line = '';
      }
      line += segment;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Like wrapToColumns, but for centred text: as many lines as greedy wrapping
 * needs, with the words spread evenly over them, so a long centre name does
 * not leave one word alone on its last line.
 */
export function wrapBalanced(text: string, columns: number): string[] {
  const greedy = wrapToColumns(text, columns);
  if (greedy.length <= 1) return greedy;
  let best = greedy;
  for (let width = Math.floor(columns) - 1; width >= 1; width--) {
    const narrower = wrapToColumns(text, width);
    if (narrower.length > greedy.length) break;
    best = narrower;
  }
  return best;
}
