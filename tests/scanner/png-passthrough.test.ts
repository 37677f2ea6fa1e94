import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passthroughPng } from '../../hardware/scanner/png-passthrough';
import { ScanSession } from '../../hardware/scanner/scan-session';

// poppler's pdftoppm renders the PDF as a reader would: the check that copied PNG data decodes to the same pixels.
const PDFTOPPM = existsSync('/usr/bin/pdftoppm');
if (!PDFTOPPM) console.warn('tests/scanner/png-passthrough.test.ts: pdftoppm is not installed (apt install poppler-utils): skipping the rendering checks');

let work = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'motcua-passthrough-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A page with text-like stripes and a gradient, so every row filter and byte value shows up. */
function pattern(width: number, height: number, colorType: 0 | 2 | 6): Buffer {
  const png = new PNG({ width, height, colorType, inputColorType: 6, bitDepth: 8 });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const ink = (y % 9 < 3 && x % 13 < 9) || (x + y) % 31 === 0;
      png.data[i] = ink ? 10 : (x * 255) / width;
      png.data[i + 1] = ink ? 10 : (y * 255) / height;
      png.data[i + 2] = ink ? 10 : ((x ^ y) & 0xff);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType, inputColorType: 6 });
}

async function pdfOf(png: Buffer, dpi: number): Promise<Uint8Array> {
  const file = path.join(work, `page-${Math.random().toString(36).slice(2)}.png`);
  await writeFile(file, png);
  const session = await ScanSession.open('HK-261120-0001', work);
  expect((await session.addFile(file, dpi)).ok).toBe(true);
  const pdf = await session.toPdf();
  await session.close();
  if (!pdf.ok) throw new Error(pdf.error.message);
  return pdf.value;
}

/** Renders page 1 at `dpi` with pdftoppm and reads it back as RGBA. */
async function render(pdf: Uint8Array, dpi: number): Promise<PNG> {
  const file = path.join(work, `doc-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const out = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', file, out]);
  return PNG.sync.read(await readFile(`${out}.png`));
}

/** Mean difference per channel, at the best of the offsets −1…1 px (renderers place pixel centres differently). */
function meanDifference(a: PNG, b: PNG, channels: number): number {
  let best = Infinity;
  for (const dx of [-1, 0, 1]) {
    for (const dy of [-1, 0, 1]) {
      let sum = 0;
      let n = 0;
      for (let y = 1; y < a.height - 1; y++) {
        for (let x = 1; x < a.width - 1; x++) {
          const i = (y * a.width + x) * 4;
          const j = ((y + dy) * b.width + (x + dx)) * 4;
          for (let c = 0; c < channels; c++) sum += Math.abs(a.data[i + c]! - b.data[j + c]!);
          n += channels;
        }
      }
      best = Math.min(best, sum / n);
    }
  }
  return best;
}

describe('scanned PNG pages go into the PDF without being decoded', () => {
  it('takes grey and RGB scans as they are, and leaves alpha (and anything else) to pdf-lib', async () => {
    const doc = await PDFDocument.create();
    expect(passthroughPng(doc, pattern(40, 30, 0))).toMatchObject({ width: 40, height: 30 });
    expect(passthroughPng(doc, pattern(40, 30, 2))).toMatchObject({ width: 40, height: 30 });
    expect(passthroughPng(doc, pattern(40, 30, 6))).toBeNull();
    expect(passthroughPng(doc, Buffer.from('not a png at all, just text'))).toBeNull();
  });

  it("the PDF page is the PNG file's data: a grey scan keeps its size", async () => {
    const png = pattern(600, 800, 0);
    const pdf = await pdfOf(png, 150);
    // The page stream is the PNG's compressed data plus a few hundred bytes of PDF structure.
    expect(pdf.byteLength).toBeLessThan(png.byteLength + 2000);
    const loaded = await PDFDocument.load(pdf);
    const size = loaded.getPage(0).getSize();
    expect(size.width).toBeCloseTo((600 * 72) / 150, 3);
    expect(size.height).toBeCloseTo((800 * 72) / 150, 3);
  });

  it.skipIf(!PDFTOPPM)("a reader shows exactly what pdf-lib's own (slow) embedding shows, for grey and RGB scans", async () => {
    for (const colorType of [0, 2] as const) {
      const png = pattern(240, 180, colorType);
      const shown = await render(await pdfOf(png, 100), 100);
      // The reference: the same page through pdf-lib's embedPng, which decodes and re-encodes every pixel.
      const reference = await PDFDocument.create();
      const image = await reference.embedPng(png);
      reference.addPage([(240 * 72) / 100, (180 * 72) / 100]).drawImage(image, { x: 0, y: 0, width: (240 * 72) / 100, height: (180 * 72) / 100 });
      const expected = await render(await reference.save(), 100);
      expect([shown.width, shown.height]).toEqual([240, 180]);
      expect(Buffer.compare(shown.data, expected.data), `colour type ${colorType}`).toBe(0);
      // And both are the scan (give or take the renderer's sub-pixel placement at sharp edges).
      expect(meanDifference(PNG.sync.read(png), shown, colorType === 0 ? 1 : 3)).toBeLessThan(8);
    }
  });
});
