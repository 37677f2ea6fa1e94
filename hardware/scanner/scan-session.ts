/**
 * The scanned pages of one dossier, kept on disk in a session folder until `close()`: add pages
 * from a scan or from files (PNG, JPEG, PDF), rescan/replace, remove, reorder, preview a page as
 * a small PNG, and assemble everything into one PDF.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { passthroughPng } from './png-passthrough';
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { err, ok, type Result } from '../../core/result';
import type { SaneScanner, ScanProgress, ScanRequest } from './sane-scanner';

export type PageKind = 'png' | 'jpg' | 'pdf';

export interface SessionPage {
  readonly id: string;
  readonly file: string;
  readonly kind: PageKind;
  /** Dots per inch when known (scan resolution or the PNG's pHYs); undefined → A4. */
  readonly dpi: number | undefined;
}

const A4: [number, number] = [595.28, 841.89];
const PREVIEW_MAX = 200;

export function pageKindOf(file: string): PageKind | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.png') return 'png';
  if (ext === '.jpg' || ext === '.jpeg') return 'jpg';
  if (ext === '.pdf') return 'pdf';
  return undefined;
}

/** The resolution a PNG declares in its pHYs chunk (pixels per metre → dpi), if any. */
export function pngDpi(bytes: Uint8Array): number | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 8 <= b.length) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && len >= 9 && at + 17 <= b.length) {
      const ppmX = b.readUInt32BE(at + 8);
      const unit = b.readUInt8(at + 16);
      return unit === 1 && ppmX > 0 ? Math.round(ppmX * 0.0254) : undefined;
    }
    if (type === 'IDAT' || type === 'IEND') return undefined;
    at += 12 + len;
  }
  return undefined;
}

export class ScanSession {
  private pageList: SessionPage[] = [];
  private closed = false;

  private constructor(
    readonly dossierCode: string,
    readonly dir: string,
  ) {}

  /** A session in a new folder under `parentDir` (default: the OS temp folder). */
  static async open(dossierCode: string, parentDir: string = os.tmpdir()): Promise<ScanSession> {
    await mkdir(parentDir, { recursive: true });
    const safe = dossierCode.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60);
    const dir = await mkdtemp(path.join(parentDir, `scan-${safe}-`));
    return new ScanSession(dossierCode, dir);
  }

  get pages(): readonly SessionPage[] {
    return this.pageList;
  }

  /** Copies a file into the session as a new page (at `at`, default the end). */
  async addFile(file: string, dpi?: number, at?: number): Promise<Result<SessionPage>> {
    const page = await this.importFile(file, dpi);
    if (!page.ok) return page;
    const index = at ?? this.pageList.length;
    if (!Number.isInteger(index) || index < 0 || index > this.pageList.length) return err('invalid-input', `no position ${index} in ${this.pageList.length} pages`);
    this.pageList.splice(index, 0, page.value);
    return page;
  }

  /** Scans with `scanner` and appends each page as it is done. */
  async addScan(scanner: SaneScanner, request: Omit<ScanRequest, 'outputDir'>, onProgress?: (p: ScanProgress) => void): Promise<Result<SessionPage[]>> {
    const outputDir = path.join(this.dir, `scan-${randomUUID()}`);
    const added: SessionPage[] = [];
    const result = await scanner.scanAll({ ...request, outputDir }, onProgress);
    if (!result.ok) {
      await rm(outputDir, { recursive: true, force: true });
      return result;
    }
    for (const p of result.value) {
      const r = await this.addFile(p.file, p.dpi);
      if (!r.ok) return r;
      added.push(r.value);
    }
    await rm(outputDir, { recursive: true, force: true });
    return ok(added);
  }

  /** Replaces page `index` with a file. */
  async replace(index: number, file: string, dpi?: number): Promise<Result<SessionPage>> {
    const old = this.pageList[index];
    if (!old) return err('not-found', `no page ${index + 1} (the dossier has ${this.pageList.length})`);
    const page = await this.importFile(file, dpi);
    if (!page.ok) return page;
    this.pageList[index] = page.value;
    await rm(old.file, { force: true });
    return page;
  }

  /** Scans one page (flatbed unless `request.source` says otherwise) and puts it in place of page `index`. */
  async rescan(index: number, scanner: SaneScanner, request: Omit<ScanRequest, 'outputDir' | 'pages'>, onProgress?: (p: ScanProgress) => void): Promise<Result<SessionPage>> {
    if (!this.pageList[index]) return err('not-found', `no page ${index + 1} (the dossier has ${this.pageList.length})`);
    const outputDir = path.join(this.dir, `rescan-${randomUUID()}`);
    try {
      const result = await scanner.scanAll({ ...request, pages: 1, outputDir }, onProgress);
      if (!result.ok) return result;
      const first = result.value[0];
      if (!first) return err('internal', 'the scanner returned no page');
      return await this.replace(index, first.file, first.dpi);
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  }

  async remove(index: number): Promise<Result<SessionPage>> {
    const page = this.pageList[index];
    if (!page) return err('not-found', `no page ${index + 1} (the dossier has ${this.pageList.length})`);
    this.pageList.splice(index, 1);
    await rm(page.file, { force: true });
    return ok(page);
  }

  /** New order as a permutation of the current indexes, e.g. [2, 0, 1]. */
  reorder(order: readonly number[]): Result<readonly SessionPage[]> {
    const n = this.pageList.length;
    const seen = new Set(order);
    if (order.length !== n || seen.size !== n || order.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
      return err('invalid-input', `the new order must list each of the ${n} page indexes exactly once`);
    }
    this.pageList = order.map((i) => this.pageList[i] as SessionPage);
    return ok(this.pageList);
  }

  /** A PNG thumbnail of page `index`, at most `maxSize` pixels on its longer side. */
  async preview(index: number, maxSize = PREVIEW_MAX): Promise<Result<Buffer>> {
    const page = this.pageList[index];
    if (!page) return err('not-found', `no page ${index + 1} (the dossier has ${this.pageList.length})`);
    if (page.kind === 'pdf') return err('invalid-input', `page ${index + 1} is a PDF file: no image preview`);
    try {
      const image = await loadImage(await readFile(page.file));
      const scale = Math.min(1, maxSize / Math.max(image.width, image.height));
      const w = Math.max(1, Math.round(image.width * scale));
      const h = Math.max(1, Math.round(image.height * scale));
      const canvas = createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      ctx.drawImage(image, 0, 0, w, h);
      return ok(await canvas.encode('png'));
    } catch (e) {
      return err('internal', `page ${index + 1} could not be read as an image: ${(e as Error).message}`);
    }
  }

  /** One PDF of all pages in order: image pages sized by their dpi (A4 when unknown), PDF files' pages copied. */
  async toPdf(): Promise<Result<Uint8Array>> {
    if (this.pageList.length === 0) return err('invalid-input', 'the dossier has no scanned pages');
    try {
      // updateMetadata: false, or pdf-lib overwrites the producer with its own name on save.
      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.setTitle(this.dossierCode);
      doc.setProducer('motcua');
      doc.setCreator('motcua');
      const now = new Date();
      doc.setCreationDate(now);
      doc.setModificationDate(now);
      for (const page of this.pageList) {
        const bytes = await readFile(page.file);
        if (page.kind === 'pdf') {
          const src = await PDFDocument.load(bytes, { updateMetadata: false });
          for (const p of await doc.copyPages(src, src.getPageIndices())) doc.addPage(p);
          continue;
        }
        // A scanner's PNG goes in as it is (see png-passthrough.ts); other images through pdf-lib.
        const image = (page.kind === 'png' ? passthroughPng(doc, bytes) : null) ?? (page.kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes));
        const draw = (sheet: PDFPage, rect: { x: number; y: number; width: number; height: number }) =>
          'drawOn' in image ? image.drawOn(sheet, rect) : sheet.drawImage(image, rect);
        if (page.dpi !== undefined) {
          const w = (image.width * 72) / page.dpi;
          const h = (image.height * 72) / page.dpi;
          draw(doc.addPage([w, h]), { x: 0, y: 0, width: w, height: h });
        } else {
          const sheet = doc.addPage(A4);
          const scale = Math.min(A4[0] / image.width, A4[1] / image.height);
          const w = image.width * scale;
          const h = image.height * scale;
          draw(sheet, { x: (A4[0] - w) / 2, y: (A4[1] - h) / 2, width: w, height: h });
        }
      }
      return ok(await doc.save());
    } catch (e) {
      return err('internal', `the PDF could not be assembled: ${(e as Error).message}`);
    }
  }

  /** Removes the session folder and every page in it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pageList = [];
    await rm(this.dir, { recursive: true, force: true });
  }

  private async importFile(file: string, dpi: number | undefined): Promise<Result<SessionPage>> {
    if (this.closed) return err('conflict', 'the scan session is closed');
    const kind = pageKindOf(file);
    if (!kind) return err('invalid-input', `${path.basename(file)} is not a PNG, JPEG or PDF file`);
    const id = randomUUID();
    const target = path.join(this.dir, `${id}.${kind}`);
    try {
      await copyFile(file, target);
    } catch (e) {
      return err('not-found', `${file} could not be read: ${(e as Error).message}`);
    }
    let known = dpi;
    if (known === undefined && kind === 'png') known = pngDpi(await readFile(target));
    return ok({ id, file: target, kind, dpi: known });
  }
}
