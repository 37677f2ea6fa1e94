import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create as createQr } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { layOut } from '../../hardware/printer/layout-engine';
import type { PaperLine } from '../../hardware/printer/layout-engine';
import { rasterizeLine } from '../../hardware/printer/raster-text';
import type { DecodedJob } from '../../hardware/virtual/escpos-decoder';
import { renderJobToPng } from '../../hardware/virtual/job-renderer';
import { LAYOUT_KINDS, PAPER_WIDTHS, encodeAndDecode, profileFor, sampleDocument, sampleQrContents } from './printing-support';

const bitsSet = (bits: Buffer): number => [...bits].reduce((n, byte) => n + byte.toString(2).replaceAll('0', '').length, 0);

/** Pixels that are pure black: print. The renderer's anti-aliased text is grey, the cut mark red. */
function blackPixels(png: PNG): number {
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] === 0 && png.data[i + 1] === 0 && png.data[i + 2] === 0) count++;
  }
  return count;
}

function qrInk(job: DecodedJob): number {
  return job.items.reduce((sum, item) => {
    if (item.kind !== 'qr') return sum;
    const modules = createQr(item.content, { errorCorrectionLevel: item.errorLevel }).modules;
    let dark = 0;
    for (let i = 0; i < modules.size * modules.size; i++) dark += modules.data[i] ? 1 : 0;
    return sum + dark * item.moduleSize * item.moduleSize;
  }, 0);
}

describe.each(PAPER_WIDTHS)('raster strategy on %i mm', (paperWidth) => {
  const profile = profileFor('raster', paperWidth);

  describe.each(LAYOUT_KINDS)('%s', (kind) => {
    const document = sampleDocument(kind);
    const { bytes, job } = encodeAndDecode(document, profile);
    const lines = layOut(document, paperWidth).items.filter((i): i is PaperLine => i.kind === 'line' && i.cells.length > 0);
    const images = job.items.filter((i) => i.kind === 'image');

    it('sends no text as characters: every printed line is a GS v 0 picture', () => {
      expect(job.warnings).toEqual([]);
      expect(job.items.filter((i) => i.kind === 'text' && i.text.trim() !== '')).toEqual([]);
      expect(bytes.includes(Buffer.from([0x1b, 0x74]))).toBe(false);
      expect(images).toHaveLength(lines.length);
    });

    it('each picture is its line drawn in the Vietnamese font, bit for bit', () => {
      lines.forEach((line, i) => {
        const drawn = rasterizeLine(line, { columns: paperWidth === 80 ? 48 : 32, dots: paperWidth === 80 ? 576 : 384 });
        const image = images[i];
        expect(image?.kind).toBe('image');
        if (image?.kind !== 'image') return;
        expect([image.width, image.height]).toEqual([drawn.widthBytes * 8, drawn.height]);
        expect(image.bitsBase64).toBe(drawn.bits.toString('base64'));
        expect(bitsSet(drawn.bits), `line ${i} has ink`).toBeGreaterThan(20);
        expect(image.width).toBeLessThanOrEqual(paperWidth === 80 ? 576 : 384);
      });
    });

    it('the rendered PNG carries exactly the pictures’ dots and the QR modules as print', async () => {
      const png = PNG.sync.read(await renderJobToPng(job, { paperWidth }));
      const pictureInk = images.reduce((sum, i) => sum + (i.kind === 'image' ? bitsSet(Buffer.from(i.bitsBase64, 'base64')) : 0), 0);
      expect(blackPixels(png)).toBe(pictureInk + qrInk(job));
    });
  });

  it('a different text draws a different picture (the check above can fail)', () => {
    const a = rasterizeLine({ kind: 'line', cells: [{ text: 'Hộ tịch', start: 0, columns: 48, align: 'left' }], bold: false, width: 1, height: 1 }, { columns: 48, dots: 576 });
    const b = rasterizeLine({ kind: 'line', cells: [{ text: 'Hô tịch', start: 0, columns: 48, align: 'left' }], bold: false, width: 1, height: 1 }, { columns: 48, dots: 576 });
    expect(a.bits.equals(b.bits)).toBe(false);
  });
});

describe.each(['cp1258', 'tcvn3', 'raster'] as const)('the QR codes scan (%s)', (strategy) => {
  const withQr = LAYOUT_KINDS.filter((k) => sampleQrContents(k).length > 0);

  it('every layout with a QR has one (ticket, slip, receipt, supplement, delay)', () => {
    expect(withQr).toEqual(['ticket', 'slip', 'receipt', 'supplement', 'delay']);
  });

  it.each(withQr.flatMap((k) => PAPER_WIDTHS.map((w) => [k, w] as const)))('%s on %i mm decodes to the intended content', async (kind, paperWidth) => {
    const profile = profileFor(strategy, paperWidth);
    const { job } = encodeAndDecode(sampleDocument(kind), profile);
    const png = PNG.sync.read(await renderJobToPng(job, { paperWidth }));
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(scanned?.data).toBe(sampleQrContents(kind)[0]);
  });
});
