import { describe, expect, it } from 'vitest';
import { lettersTestPage } from '../../hardware/printer/layouts/letters-test-page';
import type { PrintDocument } from '../../hardware/printer/print-document';
import { stripVietnamese } from '../../hardware/printer/text-encodings';
import { VIETNAMESE_LETTERS, VIETNAMESE_LOWERCASE_LETTERS, VIETNAMESE_UPPERCASE_LETTERS } from '../../hardware/printer/vietnamese-letters';
import {
  CHARACTER_STRATEGIES,
  LAYOUT_KINDS,
  PAPER_WIDTHS,
  decodedPaper,
  encodeAndDecode,
  expectedPaper,
  profileFor,
  sampleDocument,
} from './printing-support';

/**
 * Golden round trips: the bytes each character strategy produces, decoded as
 * the printer reads its pages, give back exactly the text the layout put on
 * each line — Vietnamese for cp1258 and tcvn3, the stripped text for ascii.
 */

const oneLine = (text: string): PrintDocument => ({ kind: 'line', blocks: [{ kind: 'text', text }] });
const expectationFor = (strategy: (typeof CHARACTER_STRATEGIES)[number]) => (strategy === 'ascii' ? stripVietnamese : (t: string) => t);

describe.each(['cp1258', 'tcvn3'] as const)('%s: every Vietnamese letter survives the trip to paper', (strategy) => {
  const profile = profileFor(strategy, 80);

  it.each(VIETNAMESE_LETTERS.map((l) => [l]))('%s', (letter) => {
    const { job } = encodeAndDecode(oneLine(letter), profile);
    expect(decodedPaper(job)).toEqual([letter]);
    expect(job.warnings).toEqual([]);
  });

  it('all 134 in one line each of lower and upper case, and mixed in words', () => {
    const lower = VIETNAMESE_LOWERCASE_LETTERS.join('');
    const upper = VIETNAMESE_UPPERCASE_LETTERS.join('');
    for (const text of [lower, upper, 'ĐĂNG KÝ Hộ Tịch: Ưu Tiên ỞỞ ởở ẶặẶ', `${upper}${lower}`]) {
      const { job } = encodeAndDecode({ kind: 'line', blocks: [{ kind: 'text', text }] }, profileFor(strategy, 80));
      expect(decodedPaper(job).join('')).toBe(text);
    }
  });
});

describe('tcvn3 switches to the capitals page only where a toned capital needs it', () => {
  it('selects page 30 for lower case, 31 for Ố, and back', () => {
    const { bytes } = encodeAndDecode(oneLine('Số SỐ số'), profileFor('tcvn3', 80));
    const switches = [...bytes.keys()].filter((i) => bytes[i] === 0x1b && bytes[i + 1] === 0x74).map((i) => bytes[i + 2]);
    expect(switches).toEqual([30, 31, 30]);
  });

  it('uses the profile’s pages when a clone numbers them differently', () => {
    const profile = profileFor('tcvn3', 80, { codePage: 41, capitalsCodePage: 42 });
    const { bytes, job } = encodeAndDecode(oneLine('THỨ TỰ thứ tự'), profile);
    expect(bytes.includes(Buffer.from([0x1b, 0x74, 41]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x1b, 0x74, 42]))).toBe(true);
    expect(decodedPaper(job)).toEqual(['THỨ TỰ thứ tự']);
  });
});

describe('ascii strips the marks, only when chosen', () => {
  it('turns every letter into its bare ASCII letter and sends no code page', () => {
    const { bytes, job } = encodeAndDecode(oneLine(VIETNAMESE_LETTERS.join(' ')), profileFor('ascii', 80));
    expect(decodedPaper(job).join(' ')).toBe(VIETNAMESE_LETTERS.map((l) => stripVietnamese(l)).join(' '));
    expect(stripVietnamese('Đường Phố Hàng Bạc — số 12')).toBe('Duong Pho Hang Bac - so 12');
    expect([...bytes].every((b) => b < 0x80)).toBe(true);
    expect(bytes.includes(Buffer.from([0x1b, 0x74]))).toBe(false);
  });
});

describe.each(CHARACTER_STRATEGIES.flatMap((s) => PAPER_WIDTHS.map((w) => [s, w] as const)))('%s on %i mm: every layout’s sample', (strategy, paperWidth) => {
  const profile = profileFor(strategy, paperWidth);
  const documents: [string, PrintDocument][] = [...LAYOUT_KINDS.map((k): [string, PrintDocument] => [k, sampleDocument(k)]), ['print-test', lettersTestPage(profile)]];

  it.each(documents)('%s decodes to exactly the laid-out text, line by line', (_kind, document) => {
    const { job } = encodeAndDecode(document, profile);
    expect(job.warnings).toEqual([]);
    expect(job.cut).toBe(true);
    expect(decodedPaper(job)).toEqual(expectedPaper(document, paperWidth, expectationFor(strategy)));
  });
});

describe('the print-test page', () => {
  it.each(['cp1258', 'tcvn3'] as const)('carries all 134 letters, decoded back exactly (%s)', (strategy) => {
    for (const paperWidth of PAPER_WIDTHS) {
      const profile = profileFor(strategy, paperWidth);
      const printed = decodedPaper(encodeAndDecode(lettersTestPage(profile), profile).job).join('\n');
      const missing = VIETNAMESE_LETTERS.filter((letter) => !printed.includes(letter));
      expect(missing).toEqual([]);
    }
  });

  it('labels the strategy and pages in ASCII, readable when the Vietnamese is not', () => {
    const profile = profileFor('tcvn3', 58);
    const lines = decodedPaper(encodeAndDecode(lettersTestPage(profile), profile).job);
    expect(lines).toContain('Cach in chu: tcvn3, ESC t 30+31');
    expect(lines).toContain('aw: ă ằ ắ ẳ ẵ ặ | Ă Ằ Ắ Ẳ Ẵ Ặ');
    expect(lines).toContain('dd: đ | Đ');
  });
});
