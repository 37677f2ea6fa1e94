import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { lettersTestPage } from '../../hardware/printer/layouts/letters-test-page';
import type { PrintDocument } from '../../hardware/printer/print-document';
import { renderJobToPng } from '../../hardware/virtual/job-renderer';
import { LAYOUT_KINDS, PAPER_WIDTHS, encodeAndDecode, profileFor, readPng, sampleDocument } from './printing-support';

/**
 * Every layout in both widths, as the virtual printer draws it, against the
 * reviewed pictures in tests/hardware/references. Character strategies share
 * one picture (cp1258 stands for them: their decoded text is proven equal by
 * text-strategies.test.ts); raster gets its own, since its pixels are its own.
 *
 * After a deliberate change to a layout or the renderer, rewrite them with
 *   UPDATE_REFERENCES=1 npx vitest run tests/hardware/reference-pictures.test.ts
 * then LOOK at every changed picture before committing it.
 */

const REFERENCES = path.join(import.meta.dirname, 'references');
const UPDATE = process.env['UPDATE_REFERENCES'] === '1';
/** Share of pixels allowed to differ: room for anti-aliasing differences between font rasterisers, not for a changed glyph. */
const TOLERANCE = 0.001;
/** A channel difference below this is anti-aliasing, not a different picture. */
const CHANNEL_SLACK = 48;

function differingPixels(a: PNG, b: PNG): number {
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0)) > CHANNEL_SLACK) {
        count++;
        break;
      }
    }
  }
  return count;
}

const cases: [string, PrintDocument, 'cp1258' | 'raster', 80 | 58][] = [
  ...LAYOUT_KINDS.flatMap((kind) =>
    PAPER_WIDTHS.flatMap((width) => (['cp1258', 'raster'] as const).map((strategy): [string, PrintDocument, 'cp1258' | 'raster', 80 | 58] => [kind, sampleDocument(kind), strategy, width])),
  ),
  ...PAPER_WIDTHS.map((width): [string, PrintDocument, 'cp1258' | 'raster', 80 | 58] => ['print-test', lettersTestPage(profileFor('cp1258', width, { id: 'may-in-kiosk-1', model: 'Epson TM-T82III' })), 'cp1258', width]),
];

describe('reference pictures of every layout', () => {
  it.each(cases)('%s, %s, %i mm', async (kind, document, strategy, width) => {
    const profile = profileFor(strategy, width);
    const { job } = encodeAndDecode(document, profile);
    const rendered = await renderJobToPng(job, { paperWidth: width });
    const file = path.join(REFERENCES, `${kind}-${width}mm-${strategy}.png`);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`${path.relative(process.cwd(), file)} is missing: run with UPDATE_REFERENCES=1 and review it`);
      await mkdir(REFERENCES, { recursive: true });
      await writeFile(file, rendered);
      return;
    }
    const expected = await readPng(file);
    const actual = PNG.sync.read(rendered);
    expect([actual.width, actual.height], 'size').toEqual([expected.width, expected.height]);
    const differing = differingPixels(actual, expected);
    expect(differing / (actual.width * actual.height), `${differing} pixels differ from ${path.basename(file)}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
