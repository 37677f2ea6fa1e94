/**
 * Scans pages through SANE's `scanimage` (spawned without a shell). Every run gets
 * `SANE_CONFIG_DIR` pointing at a private folder whose `dll.conf` lists only the configured
 * backends, so SANE never loads Debian's default set (airscan probes the network for seconds).
 * Expected failures (no device, device busy, timeout, empty feeder) come back as error values.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { err, ok, type Result } from '../../core/result';

export type ScanMode = 'color' | 'gray' | 'lineart';
export type ScanSource = 'flatbed' | 'adf';

export interface SaneScannerOptions {
  /** SANE backends to load, e.g. ['test'] in tests, ['epson2'] in production. */
  readonly backends: readonly string[];
  /** Where each backend's own `<backend>.conf` is copied from when it exists (default /etc/sane.d). */
  readonly systemConfigDir?: string;
  /** The scanimage executable (default `scanimage` on PATH). */
  readonly command?: string;
  /** No output from scanimage for this long while a page is due → timeout (default 60 s). */
  readonly pageTimeoutMs?: number;
  /** How the device names its modes/sources; defaults fit the `test` backend and most drivers. */
  readonly modeNames?: Partial<Record<ScanMode, string>>;
  readonly sourceNames?: Partial<Record<ScanSource, string>>;
  /** Extra device options passed as-is, e.g. ['--test-picture', 'Color pattern']. */
  readonly extraArgs?: readonly string[];
}

export interface ScanRequest {
  readonly device: string;
  readonly source?: ScanSource;
  /** Pages to take from the feeder (ADF only; flatbed always scans one). Omitted: until the feeder is empty. */
  readonly pages?: number;
  readonly resolution?: number;
  readonly mode: ScanMode;
  /** Folder the pages are written to; a new temporary folder when omitted. */
  readonly outputDir?: string;
}

export interface ScanProgress {
  readonly type: 'progress';
  readonly page: number;
  readonly status: 'scanning' | 'done';
  /** Set once the page is done. */
  readonly file?: string;
}

export interface ScannedPage {
  readonly page: number;
  readonly file: string;
  readonly dpi: number;
}

export interface ScanEnd {
  readonly type: 'end';
  readonly result: Result<ScannedPage[]>;
}

export type ScanEvent = ScanProgress | ScanEnd;

export interface SaneDevice {
  readonly name: string;
  readonly vendor: string;
  readonly model: string;
  readonly type: string;
}

export const DEFAULT_RESOLUTION = 200;
const DEFAULT_PAGE_TIMEOUT_MS = 60_000;
const DEFAULT_MODES: Record<ScanMode, string> = { color: 'Color', gray: 'Gray', lineart: 'Lineart' };
const DEFAULT_SOURCES: Record<ScanSource, string> = { flatbed: 'Flatbed', adf: 'Automatic Document Feeder' };

/** Whether `scanimage` can be started (sane-utils installed). */
export function hasScanimage(command = 'scanimage'): boolean {
  if (command.includes('/')) return existsSync(command);
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, command)));
}

interface RunOutcome {
  readonly code: number | null;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly spawnError?: Error;
}

export class SaneScanner {
  private configDir: string | undefined;
  private readonly command: string;
  private readonly pageTimeoutMs: number;
  private readonly modes: Record<ScanMode, string>;
  private readonly sources: Record<ScanSource, string>;

  constructor(private readonly options: SaneScannerOptions) {
    for (const b of options.backends) {
      if (!/^[a-z0-9_]+$/i.test(b)) throw new RangeError(`not a SANE backend name: ${JSON.stringify(b)}`);
    }
    this.command = options.command ?? 'scanimage';
    this.pageTimeoutMs = options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
    this.modes = { ...DEFAULT_MODES, ...options.modeNames };
    this.sources = { ...DEFAULT_SOURCES, ...options.sourceNames };
  }

  /** The private SANE configuration folder (created on first use). */
  async saneConfigDir(): Promise<string> {
    if (this.configDir !== undefined) return this.configDir;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-sane-'));
    await writeFile(path.join(dir, 'dll.conf'), this.options.backends.join('\n') + '\n');
    const system = this.options.systemConfigDir ?? '/etc/sane.d';
    for (const b of this.options.backends) {
      const conf = path.join(system, `${b}.conf`);
      if (existsSync(conf)) await copyFile(conf, path.join(dir, `${b}.conf`)).catch(() => undefined);
    }
    this.configDir = dir;
    return dir;
  }

  /** Removes the private configuration folder. */
  async dispose(): Promise<void> {
    if (this.configDir !== undefined) await rm(this.configDir, { recursive: true, force: true });
    this.configDir = undefined;
  }

  async listDevices(): Promise<Result<SaneDevice[]>> {
    const out: string[] = [];
    const run = await this.run(['-f', '%d\t%v\t%m\t%t%n'], (line, stream) => {
      if (stream === 'stdout' && line.trim() !== '') out.push(line);
    });
    if (run.spawnError) return err('not-found', `scanimage could not be started (is sane-utils installed?): ${run.spawnError.message}`);
    if (run.timedOut) return err('internal', `scanimage -L did not answer within ${this.pageTimeoutMs} ms`);
    if (run.code !== 0) return err('internal', `scanimage -L failed: ${lastLine(run.stderr)}`);
    return ok(
      out.map((line) => {
        const [name = '', vendor = '', model = '', type = ''] = line.split('\t');
        return { name, vendor, model, type };
      }),
    );
  }

  /**
   * Scans; yields `scanning`/`done` per page in order, then one `end` with the pages or an
   * error value. Never throws for scanner failures.
   */
  async *scan(request: ScanRequest): AsyncGenerator<ScanEvent, void, undefined> {
    const resolution = request.resolution ?? DEFAULT_RESOLUTION;
    const source = request.source ?? 'flatbed';
    const invalid = validate(request, resolution);
    if (invalid !== undefined) {
      yield { type: 'end', result: err('invalid-input', invalid) };
      return;
    }
    const outDir = request.outputDir ?? (await mkdtemp(path.join(os.tmpdir(), 'motcua-scan-')));
    await mkdir(outDir, { recursive: true });
    // scanimage substitutes %d itself; the folder must not contain a % of its own.
    const pattern = path.join(outDir, 'page%d.png');
    const count = source === 'flatbed' ? 1 : request.pages;
    const args = [
      '-d', request.device,
      '--format=png',
      '--mode', this.modes[request.mode],
      '--resolution', String(resolution),
      '--source', this.sources[source],
      `--batch=${pattern}`,
      '--batch-print',
      ...(count !== undefined ? [`--batch-count=${count}`] : []),
      ...(this.options.extraArgs ?? []),
    ];

    // Lines from scanimage become events; a small queue bridges the callback to the generator.
    const queue: ScanProgress[] = [];
    let wake: (() => void) | undefined;
    const pages: ScannedPage[] = [];
    const push = (e: ScanProgress) => {
      queue.push(e);
      wake?.();
    };
    // stdout (file names after each page is renamed into place) and stderr ("Scanning page N")
    // arrive on separate pipes in no guaranteed order, so "done" is emitted in page order when
    // either says a page is finished: its file name printed, or the next page started.
    let lastDone = 0;
    let lastStarted = 0;
    const fileOf = (page: number) => path.join(outDir, `page${page}.png`);
    const markDone = (upTo: number) => {
      for (let page = lastDone + 1; page <= upTo; page++) {
        if (page > lastStarted) {
          lastStarted = page;
          push({ type: 'progress', page, status: 'scanning' });
        }
        const file = fileOf(page);
        pages.push({ page, file, dpi: resolution });
        push({ type: 'progress', page, status: 'done', file });
        lastDone = page;
      }
    };
    let finished = false;
    const running = this.run(args, (line, stream) => {
      if (stream === 'stderr') {
        const m = /^Scanning page (\d+)/.exec(line);
        if (m) {
          const page = Number(m[1]);
          markDone(page - 1);
          if (page > lastStarted) {
            lastStarted = page;
            push({ type: 'progress', page, status: 'scanning' });
          }
        }
      } else {
        const m = /page(\d+)\.png$/.exec(line.trim());
        if (m) markDone(Number(m[1]));
      }
    }).then((r) => {
      // The last page counts when its file is in place (a failed page stays a .part file).
      if (lastStarted > lastDone && existsSync(fileOf(lastStarted))) markDone(lastStarted);
      finished = true;
      wake?.();
      return r;
    });

    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    const run = await running;
    yield { type: 'end', result: this.outcome(run, request, pages) };
  }

  /** Runs the whole scan; `onProgress` sees each page event. */
  async scanAll(request: ScanRequest, onProgress?: (p: ScanProgress) => void): Promise<Result<ScannedPage[]>> {
    for await (const e of this.scan(request)) {
      if (e.type === 'end') return e.result;
      onProgress?.(e);
    }
    return err('internal', 'the scan ended without a result');
  }

  private outcome(run: RunOutcome, request: ScanRequest, pages: ScannedPage[]): Result<ScannedPage[]> {
    const why = lastLine(run.stderr);
    if (run.spawnError) return err('not-found', `scanimage could not be started (is sane-utils installed?): ${run.spawnError.message}`);
    if (run.timedOut) return err('internal', `timeout: the scanner sent nothing for ${this.pageTimeoutMs} ms (page ${pages.length + 1}); the scan was stopped`);
    if (/device busy/i.test(run.stderr)) return err('conflict', `the scanner ${request.device} is busy (another program is using it): ${why}`);
    if (/open of device .* failed|no SANE devices found|Invalid argument|no such device/i.test(run.stderr) && pages.length === 0) {
      return err('not-found', `no scanner ${JSON.stringify(request.device)}: ${why}`);
    }
    if (pages.length === 0) {
      if (/out of documents|no docs|feeder.*empty|document feeder/i.test(run.stderr) || request.source === 'adf') {
        return err('not-found', `no pages were scanned: the document feeder is empty (${why})`);
      }
      return err('internal', `scanimage failed (exit ${run.code}): ${why}`);
    }
    // A feeder that empties before `pages` is reached still gives the pages it scanned.
    return ok(pages.sort((a, b) => a.page - b.page));
  }

  private async run(args: readonly string[], onLine: (line: string, stream: 'stdout' | 'stderr') => void): Promise<RunOutcome> {
    const configDir = await this.saneConfigDir();
    return new Promise<RunOutcome>((resolve) => {
      let stderr = '';
      let timedOut = false;
      let settled = false;
      const child = spawn(this.command, args, {
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SANE_CONFIG_DIR: configDir, LC_ALL: 'C' },
      });
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 2000).unref();
        }, this.pageTimeoutMs);
      };
      arm();
      const lines = (stream: 'stdout' | 'stderr') => {
        let rest = '';
        return (chunk: Buffer) => {
          arm(); // any output is progress: the timeout bounds each page, not the whole batch
          const text = rest + chunk.toString('utf8');
          const parts = text.split(/\r?\n/);
          rest = parts.pop() ?? '';
          for (const p of parts) {
            if (stream === 'stderr') stderr += p + '\n';
            onLine(p, stream);
          }
        };
      };
      child.stdout.on('data', lines('stdout'));
      child.stderr.on('data', lines('stderr'));
      const finish = (o: RunOutcome) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        resolve(o);
      };
      child.on('error', (e) => finish({ code: null, stderr, timedOut, spawnError: e }));
      child.on('close', (code) => finish({ code, stderr, timedOut }));
    });
  }
}

function validate(r: ScanRequest, resolution: number): string | undefined {
  if (r.device.trim() === '') return 'no scanner device given';
  if (!Number.isInteger(resolution) || resolution < 25 || resolution > 2400) return `resolution ${resolution} dpi is out of range (25–2400)`;
  if (r.pages !== undefined && (!Number.isInteger(r.pages) || r.pages < 1)) return `pages must be a positive whole number, got ${r.pages}`;
  if (r.outputDir?.includes('%')) return 'the output folder must not contain %';
  return undefined;
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.at(-1) ?? '(no message)';
}
