import { mkdtemp, readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFDict } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../core/result';
import { HotFolder, isAcceptedName } from '../../hardware/scanner/hot-folder';
import { hasScanimage, SaneScanner, type ScanProgress } from '../../hardware/scanner/sane-scanner';
import { pngDpi, ScanSession } from '../../hardware/scanner/scan-session';

const SCANIMAGE = hasScanimage();
if (!SCANIMAGE) console.warn('tests/scanner/scanner.test.ts: scanimage is not installed (apt install sane-utils): skipping the SANE scanning tests');

const ARTIFACTS = process.env.MOTCUA_SCAN_ARTIFACTS; // set to a folder to keep a preview and the PDF for a look

/** Polls `check` until it returns a value, failing after `ms`. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function imageCount(doc: PDFDocument): number[] {
  return doc.getPages().map((p) => {
    const res = p.node.Resources();
    const xobjects = res?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    return xobjects ? xobjects.keys().length : 0;
  });
}

function solidPng(w: number, h: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) {
    png.data[i * 4] = rgb[0];
    png.data[i * 4 + 1] = rgb[1];
    png.data[i * 4 + 2] = rgb[2];
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'motcua-scanner-test-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(!SCANIMAGE)('SANE scanning with the test backend', () => {
  const scanner = new SaneScanner({ backends: ['test'], pageTimeoutMs: 15_000, extraArgs: ['--test-picture', 'Color pattern'] });
  afterAll(() => scanner.dispose());

  it('uses a private SANE config naming only the test backend and lists its devices', async () => {
    const dir = await scanner.saneConfigDir();
    expect((await readFile(path.join(dir, 'dll.conf'), 'utf8')).trim()).toBe('test');
    const devices = await scanner.listDevices();
    expect(devices.ok).toBe(true);
    if (devices.ok) expect(devices.value.map((d) => d.name)).toContain('test:0');
  });

  it('scans two ADF pages with progress per page, rescans page 1, deletes page 2 and assembles the PDF', async () => {
    const session = await ScanSession.open('HS-2026-000123', work);
    const events: ScanProgress[] = [];
    const added = await session.addScan(scanner, { device: 'test', source: 'adf', pages: 2, resolution: 50, mode: 'color' }, (p) => events.push(p));
    expect(added.ok).toBe(true);
    expect(events.map((e) => `${e.page}:${e.status}`)).toEqual(['1:scanning', '1:done', '2:scanning', '2:done']);
    expect(events.filter((e) => e.status === 'done').every((e) => e.file?.endsWith('.png'))).toBe(true);
    expect(session.pages).toHaveLength(2);
    expect(session.pages.map((p) => p.dpi)).toEqual([50, 50]);

    const firstBefore = session.pages[0]?.file;
    const rescanEvents: ScanProgress[] = [];
    const rescanned = await session.rescan(0, scanner, { device: 'test', resolution: 60, mode: 'gray' }, (p) => rescanEvents.push(p));
    expect(rescanned.ok).toBe(true);
    expect(rescanEvents.map((e) => e.status)).toEqual(['scanning', 'done']);
    expect(session.pages[0]?.file).not.toBe(firstBefore);
    expect(session.pages[0]?.dpi).toBe(60);

    expect((await session.remove(1)).ok).toBe(true);
    expect(session.pages).toHaveLength(1);
    expect((await session.remove(5)).ok).toBe(false);

    // A second page from a plain file (no pHYs → A4), then reorder it first.
    const loose = path.join(work, 'loose.png');
    await writeFile(loose, solidPng(80, 40, [200, 30, 30]));
    expect((await session.addFile(loose)).ok).toBe(true);
    expect(session.reorder([1, 0]).ok).toBe(true);
    expect(session.reorder([0, 0]).ok).toBe(false);

    const preview = await session.preview(1, 64);
    expect(preview.ok).toBe(true);
    if (preview.ok) {
      const png = PNG.sync.read(preview.value);
      expect(Math.max(png.width, png.height)).toBeLessThanOrEqual(64);
      if (ARTIFACTS) await writeFile(path.join(ARTIFACTS, 'preview.png'), preview.value);
    }

    const pdf = await session.toPdf();
    expect(pdf.ok).toBe(true);
    if (!pdf.ok) return;
    if (ARTIFACTS) await writeFile(path.join(ARTIFACTS, 'dossier.pdf'), pdf.value);
    const doc = await PDFDocument.load(pdf.value, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getTitle()).toBe('HS-2026-000123');
    expect(doc.getProducer()).toBe('motcua');
    expect(imageCount(doc)).toEqual([1, 1]);
    const [a4, scanned] = doc.getPages().map((p) => p.getSize());
    expect(a4?.width).toBeCloseTo(595.28, 1);
    // The test backend's page is 157 px wide at 50 dpi, so at 60 dpi: width in points = px * 72 / 60.
    const scannedPage = session.pages[1];
    expect(scannedPage).toBeDefined();
    const px = PNG.sync.read(await readFile(scannedPage!.file)).width;
    expect(scanned?.width).toBeCloseTo((px * 72) / 60, 1);

    const dir = session.dir;
    await session.close();
    await expect(readdir(dir)).rejects.toThrow();
  });

  it('gives a clear error value for a missing device', async () => {
    const r = await scanner.scanAll({ device: 'no-such-scanner', mode: 'color', resolution: 50 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('not-found');
      expect(r.error.message).toContain('no-such-scanner');
    }
  });

  it('gives a timeout error value when the scanner stalls', async () => {
    const slow = new SaneScanner({
      backends: ['test'],
      pageTimeoutMs: 300,
      extraArgs: ['--read-limit=yes', '--read-limit-size=1', '--read-delay=yes', '--read-delay-duration=200000'],
    });
    try {
      const r = await slow.scanAll({ device: 'test', mode: 'color', resolution: 300 });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('internal');
        expect(r.error.message).toMatch(/^timeout/);
      }
    } finally {
      await slow.dispose();
    }
  });

  it('reports a scanimage that cannot be started as an error value', async () => {
    const none = new SaneScanner({ backends: ['test'], command: '/nonexistent/scanimage' });
    const r = await none.listDevices();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('not-found');
    await none.dispose();
  });
});

describe('scan session without a scanner', () => {
  it('reads the dpi from a PNG pHYs chunk', async () => {
    expect(pngDpi(solidPng(4, 4, [0, 0, 0]))).toBeUndefined();
  });

  it('refuses an empty PDF and unknown file kinds', async () => {
    const session = await ScanSession.open('HS-EMPTY', work);
    expect((await session.toPdf()).ok).toBe(false);
    const txt = path.join(work, 'note.txt');
    await writeFile(txt, 'x');
    const r = await session.addFile(txt);
    expect(r.ok).toBe(false);
    await session.close();
  });
});

describe('hot folder', () => {
  it('takes a file written in chunks once, after it stops growing, and moves it to processed/', async () => {
    const dir = await mkdtemp(path.join(work, 'hot-'));
    const session = await ScanSession.open('HS-HOT', work);
    const taken: { file: string; size: number; at: number }[] = [];
    let lastWrite = 0;
    const hot = new HotFolder({
      dir,
      stableMs: 300,
      pollMs: 50,
      onFile: async (file) => {
        const size = (await readFile(file)).length;
        taken.push({ file, size, at: Date.now() });
        const r = await session.addFile(file);
        return r.ok ? ok(undefined) : r;
      },
    });
    await hot.start();
    try {
      // Temp files are never taken.
      await writeFile(path.join(dir, 'scan.png.part'), 'partial');
      await writeFile(path.join(dir, '.hidden.png'), 'x');
      const bytes = solidPng(120, 90, [10, 120, 200]);
      const target = path.join(dir, 'scan001.png');
      const chunk = Math.ceil(bytes.length / 4);
      for (let i = 0; i < 4; i++) {
        await appendFile(target, bytes.subarray(i * chunk, (i + 1) * chunk));
        lastWrite = Date.now();
        // Pauses shorter than stableMs: the file must not be taken half-written.
        await new Promise((r) => setTimeout(r, 120));
      }
      await until(() => (taken.length > 0 ? true : undefined), 5000, 'the hot folder to take scan001.png');
      await until(async () => ((await readdir(path.join(dir, 'processed'))).includes('scan001.png') ? true : undefined), 5000, 'scan001.png in processed/');
      // Give the watcher a few more poll cycles: still taken exactly once.
      const settle = Date.now() + 300;
      await until(() => (Date.now() > settle ? true : undefined), 1000, 'settling');
      expect(taken).toHaveLength(1);
      expect(taken[0]?.size).toBe(bytes.length);
      expect(taken[0]!.at - lastWrite).toBeGreaterThanOrEqual(250);
      expect(session.pages).toHaveLength(1);
      expect((await readdir(dir)).sort()).toEqual(['.hidden.png', 'failed', 'processed', 'scan.png.part']);
    } finally {
      await hot.stop();
      await session.close();
    }
    expect(isAcceptedName('a.JPG')).toBe(true);
    expect(isAcceptedName('a.pdf.tmp')).toBe(false);
    expect(isAcceptedName('~$a.pdf')).toBe(false);
  });

  it('moves a file the handler rejects to failed/', async () => {
    const dir = await mkdtemp(path.join(work, 'hot-'));
    const errors: string[] = [];
    const hot = new HotFolder({
      dir,
      stableMs: 100,
      pollMs: 30,
      onFile: () => ({ ok: false, error: { kind: 'invalid-input', message: 'not a page' } }),
      onError: (_f, m) => errors.push(m),
    });
    await hot.start();
    try {
      await writeFile(path.join(dir, 'bad.pdf'), 'not really a pdf');
      await until(async () => ((await readdir(path.join(dir, 'failed'))).includes('bad.pdf') ? true : undefined), 5000, 'bad.pdf in failed/');
      expect(errors).toContain('not a page');
    } finally {
      await hot.stop();
    }
  });
});
