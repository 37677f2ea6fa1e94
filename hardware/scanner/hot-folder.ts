/**
 * A hot folder for scanners that save files to a shared folder: each new .png/.jpg/.jpeg/.pdf is
 * taken once its size has stayed the same for `stableMs`, handed to `onFile`, then moved to
 * `processed/` (or `failed/` when the handler reports an error). fs.watch gives quick notice; a
 * periodic scan catches what it misses (network shares often send no events).
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../../core/result';

export interface HotFolderOptions {
  readonly dir: string;
  /** Handles one finished file; an error value moves the file to `failed/`. */
  readonly onFile: (file: string) => Promise<Result<unknown>> | Result<unknown>;
  /** Size (and mtime) unchanged for this long → the scanner has finished writing (default 1000 ms). */
  readonly stableMs?: number;
  /** Periodic scan interval (default 500 ms). */
  readonly pollMs?: number;
  /** Told about files that failed or could not be moved. */
  readonly onError?: (file: string, message: string) => void;
}

const ACCEPTED = new Set(['.png', '.jpg', '.jpeg', '.pdf']);

/** Temporary or partial files that scanners and copy tools write before the real name. */
export function isTempName(name: string): boolean {
  return /^[.~]/.test(name) || /\.(tmp|temp|part|partial|crdownload|filepart|download)$/i.test(name) || name.startsWith('~$');
}

export function isAcceptedName(name: string): boolean {
  return !isTempName(name) && ACCEPTED.has(path.extname(name).toLowerCase());
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

export class HotFolder {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly seen = new Map<string, Seen>();
  private readonly taking = new Set<string>();
  private scanning: Promise<void> | undefined;
  private rescanWanted = false;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stableMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: HotFolderOptions) {
    this.stableMs = options.stableMs ?? 1000;
    this.pollMs = options.pollMs ?? 500;
  }

  get processedDir(): string {
    return path.join(this.options.dir, 'processed');
  }

  get failedDir(): string {
    return path.join(this.options.dir, 'failed');
  }

  async start(): Promise<void> {
    if (this.running) return;
    await mkdir(this.processedDir, { recursive: true });
    await mkdir(this.failedDir, { recursive: true });
    this.running = true;
    try {
      this.watcher = watch(this.options.dir, () => this.kick());
      this.watcher.on('error', () => {
        // Polling continues; the watcher is only the quick path.
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      this.watcher = undefined;
    }
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
  }

  /** Stops watching and waits for files being handed over. */
  async stop(): Promise<void> {
    this.running = false;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.scanning;
    await Promise.all([...this.inFlight]);
  }

  private kick(): void {
    if (!this.running) return;
    if (this.scanning) {
      this.rescanWanted = true;
      return;
    }
    this.scanning = this.scanOnce()
      .catch((e: unknown) => this.options.onError?.(this.options.dir, `the hot folder could not be read: ${(e as Error).message}`))
      .finally(() => {
        this.scanning = undefined;
        if (this.rescanWanted) {
          this.rescanWanted = false;
          this.kick();
        }
      });
  }

  private async scanOnce(): Promise<void> {
    const now = Date.now();
    const entries = await readdir(this.options.dir, { withFileTypes: true });
    const present = new Set<string>();
    for (const e of entries) {
      if (!e.isFile() || !isAcceptedName(e.name) || this.taking.has(e.name)) continue;
      present.add(e.name);
      let st;
      try {
        st = await stat(path.join(this.options.dir, e.name));
      } catch {
        continue; // gone meanwhile
      }
      const prev = this.seen.get(e.name);
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        this.seen.set(e.name, { size: st.size, mtimeMs: st.mtimeMs, since: now });
        continue;
      }
      if (st.size > 0 && now - prev.since >= this.stableMs) this.take(e.name);
    }
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
  }

  private take(name: string): void {
    this.taking.add(name);
    this.seen.delete(name);
    const file = path.join(this.options.dir, name);
    const job = (async () => {
      let failed: string | undefined;
      try {
        const r = await this.options.onFile(file);
        if (!r.ok) failed = r.error.message;
      } catch (e) {
        failed = (e as Error).message;
      }
      const targetDir = failed === undefined ? this.processedDir : this.failedDir;
      try {
        await rename(file, await freeName(targetDir, name));
      } catch (e) {
        this.options.onError?.(file, `could not be moved to ${targetDir}: ${(e as Error).message}`);
      }
      if (failed !== undefined) this.options.onError?.(file, failed);
    })().finally(() => {
      this.taking.delete(name);
      this.inFlight.delete(job);
    });
    this.inFlight.add(job);
  }
}

/** `dir/name`, or `dir/name-2.ext`, … when a file of that name was processed before. */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? name : `${base}-${i}${ext}`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}
