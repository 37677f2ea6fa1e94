import path from 'node:path';
import type { ScannerState } from '../../core/protocol/bridge';
import { err, ok, type AppError, type Result } from '../../core/result';
import { DEFAULT_RESOLUTION, SaneScanner, type ScanMode } from '../../hardware/scanner/sane-scanner';
import { ScanSession } from '../../hardware/scanner/scan-session';
import { bridgeFilePath } from './bridge-server';

export interface ScannerDeskOptions {
  /** The SANE device, e.g. "test" or "epson2:libusb:001:004"; its backend is the part before the first ":". */
  readonly device: string;
  /** Where the pages of the dossier being received are kept until it is received or cleared. */
  readonly workDir: string;
  readonly resolution?: number;
  readonly mode?: ScanMode;
  readonly pageTimeoutMs?: number;
  /** Called whenever the state the screen shows changes (progress included). */
  readonly onChange: () => void;
}

const PREVIEW_SIZE = 480;

/**
 * The counter's document scanner and the pages of the dossier being received: scan more pages,
 * rescan one, delete, move, clear; previews for the screen; the pages as one PDF at receipt.
 * One scanner operation at a time.
 */
export class ScannerDesk {
  private readonly scanner: SaneScanner;
  private session: ScanSession | null = null;
  private busy = false;
  private state: ScannerState = { state: 'idle', progress: null, message: null, pages: [] };
  private readonly previews = new Map<string, Buffer>();

  constructor(private readonly options: ScannerDeskOptions) {
    const backend = options.device.split(':')[0] ?? options.device;
    this.scanner = new SaneScanner({ backends: [backend], pageTimeoutMs: options.pageTimeoutMs });
  }

  current(): ScannerState {
    return this.state;
  }

  /** Scans `count` more pages: from the feeder when more than one, else from the flatbed. */
  scanPages(count: number): Promise<Result<ScannerState>> {
    return this.exclusive(async (session) => {
      const before = session.pages.length;
      const r = await session.addScan(
        this.scanner,
        { device: this.options.device, source: count > 1 ? 'adf' : 'flatbed', pages: count, resolution: this.resolution, mode: this.options.mode ?? 'color' },
        (p) => this.progress(before + p.page, count, p.page - (p.status === 'done' ? 0 : 1)),
      );
      return r.ok ? ok(undefined) : r;
    });
  }

  rescan(pageId: string): Promise<Result<ScannerState>> {
    return this.exclusive(async (session) => {
      const index = this.indexOf(session, pageId);
      if (index < 0) return err('not-found', 'Không tìm thấy trang này (có thể đã bị xoá).');
      const r = await session.rescan(index, this.scanner, { device: this.options.device, source: 'flatbed', resolution: this.resolution, mode: this.options.mode ?? 'color' }, (p) =>
        this.progress(index + 1, 1, p.status === 'done' ? 1 : 0),
      );
      if (r.ok) this.previews.delete(pageId);
      return r.ok ? ok(undefined) : r;
    });
  }

  delete(pageId: string): Promise<Result<ScannerState>> {
    return this.exclusive(async (session) => {
      const index = this.indexOf(session, pageId);
      if (index < 0) return err('not-found', 'Không tìm thấy trang này (có thể đã bị xoá).');
      const r = await session.remove(index);
      this.previews.delete(pageId);
      return r.ok ? ok(undefined) : r;
    });
  }

  /** Moves a page to position `to` (0-based; past the end: last). */
  move(pageId: string, to: number): Promise<Result<ScannerState>> {
    return this.exclusive(async (session) => {
      const from = this.indexOf(session, pageId);
      if (from < 0) return err('not-found', 'Không tìm thấy trang này (có thể đã bị xoá).');
      const order = session.pages.map((_, i) => i);
      order.splice(from, 1);
      order.splice(Math.min(to, order.length), 0, from);
      const r = session.reorder(order);
      return r.ok ? ok(undefined) : r;
    });
  }

  /** Drops every page (a new dossier). */
  clear(): Promise<Result<ScannerState>> {
    return this.exclusive(async () => {
      await this.dropSession();
      return ok(undefined);
    }, false);
  }

  /** The pages as one PDF (null when nothing was scanned). */
  async pdf(): Promise<Result<{ bytes: Uint8Array; pages: number } | null>> {
    if (this.busy) return err('conflict', 'Máy quét đang quét: chờ quét xong rồi tiếp nhận.');
    const session = this.session;
    if (!session || session.pages.length === 0) return ok(null);
    const r = await session.toPdf();
    if (!r.ok) return err('internal', `Không ghép được các trang quét thành PDF: ${r.error.message}`);
    return ok({ bytes: r.value, pages: session.pages.length });
  }

  /** A page's preview image (PNG, at most PREVIEW_SIZE px on its longer side). */
  async preview(pageId: string): Promise<Result<{ contentType: string; body: Buffer }>> {
    const cached = this.previews.get(pageId);
    if (cached) return ok({ contentType: 'image/png', body: cached });
    const session = this.session;
    const index = session ? this.indexOf(session, pageId) : -1;
    if (!session || index < 0) return err('not-found', 'Không có trang quét này.');
    const r = await session.preview(index, PREVIEW_SIZE);
    if (!r.ok) return r;
    this.previews.set(pageId, r.value);
    return ok({ contentType: 'image/png', body: r.value });
  }

  async close(): Promise<void> {
    await this.dropSession();
    await this.scanner.dispose();
  }

  private get resolution(): number {
    return this.options.resolution ?? DEFAULT_RESOLUTION;
  }

  private indexOf(session: ScanSession, pageId: string): number {
    return session.pages.findIndex((p) => p.id === pageId);
  }

  private progress(page: number, of: number, done: number): void {
    this.state = { ...this.state, state: 'scanning', progress: { page, percent: Math.round((Math.max(0, done) / of) * 100) } };
    this.options.onChange();
  }

  private async dropSession(): Promise<void> {
    const s = this.session;
    this.session = null;
    this.previews.clear();
    await s?.close();
  }

  /** Runs one operation on the session, with the state shown while and after it runs. */
  private async exclusive(run: (session: ScanSession) => Promise<Result<void>>, scanning = true): Promise<Result<ScannerState>> {
    if (this.busy) return err('conflict', 'Máy quét đang quét: chờ quét xong trang đang quét.');
    this.busy = true;
    try {
      this.session ??= await ScanSession.open('ho-so-dang-tiep-nhan', path.join(this.options.workDir));
      if (scanning) {
        this.state = { ...this.state, state: 'scanning', progress: null, message: null };
        this.options.onChange();
      }
      const r = await run(this.session);
      const message = r.ok ? null : scannerMessage(r.error);
      this.state = { state: r.ok ? 'idle' : 'error', progress: null, message, pages: this.pages() };
      this.options.onChange();
      return r.ok ? ok(this.state) : err(r.error.kind, message ?? r.error.message);
    } finally {
      this.busy = false;
    }
  }

  private pages(): ScannerState['pages'] {
    return (this.session?.pages ?? []).map((p) => ({ id: p.id, previewUrl: bridgeFilePath('scan-preview', p.id), dpi: p.dpi ?? null, kind: p.kind }));
  }
}

/** The scanner's failures in words for the clerk. */
function scannerMessage(e: AppError): string {
  const m = e.message;
  if (/feeder is empty|no pages were scanned/i.test(m)) return 'Khay nạp giấy của máy quét trống: đặt giấy vào khay rồi quét lại.';
  if (/busy/i.test(m)) return 'Máy quét đang bận (một chương trình khác đang dùng). Thử lại sau giây lát.';
  if (/no scanner|could not be started/i.test(m)) return `Không tìm thấy máy quét (${m}). Kiểm tra cáp và nguồn của máy quét.`;
  if (/timeout/i.test(m)) return 'Máy quét không phản hồi: kiểm tra máy quét rồi quét lại.';
  // Our own messages are Vietnamese already; the scanner library's are English.
  if (/[^\p{ASCII}]/u.test(m)) return m;
  return `Quét không thành công: ${m}`;
}
