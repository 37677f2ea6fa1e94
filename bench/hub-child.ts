import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../tests/support/centre';
import { IpcChild } from './ipc-child';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface HubMemory {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly gcForced: boolean;
}

/** A hub in a child process (bench/hub-process.ts) on a fresh SQLite file: its memory is its own. MOTCUA_HUB_CPU_PROF=dir writes its CPU profile there. */
export class HubChild {
  private constructor(
    private readonly child: IpcChild<'memory' | 'cpu' | 'advance-day'>,
    private readonly tmp: ReturnType<typeof tempDir>,
    readonly url: string,
  ) {}

  static async start(): Promise<HubChild> {
    const tmp = tempDir('motcua-bench-hub-');
    const { child, ready } = await IpcChild.start<'memory' | 'cpu' | 'advance-day', { url: string }>(
      'hub process',
      path.join(HERE, 'hub-process.ts'),
      [path.join(tmp.dir, 'hub.sqlite')],
      ['--expose-gc', ...(process.env['MOTCUA_HUB_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['MOTCUA_HUB_CPU_PROF']}`] : [])],
    );
    return new HubChild(child, tmp, ready.url);
  }

  private request<T>(type: 'memory' | 'cpu' | 'advance-day'): Promise<T> {
    return this.child.request(type);
  }

  /** RSS and heap of the hub process after a forced full GC. */
  memory(): Promise<HubMemory> {
    return this.request('memory');
  }

  /** CPU time the hub process has used so far (user + system), in ms. */
  async cpuMs(): Promise<number> {
    const c = await this.request<{ userMs: number; systemMs: number }>('cpu');
    return c.userMs + c.systemMs;
  }

  /** Moves the hub's clock one day on: a new day of numbers (and, over a week, pruning of the command log). */
  advanceDay(): Promise<unknown> {
    return this.request('advance-day');
  }

  async close(): Promise<void> {
    await this.child.close();
    this.tmp.remove();
  }
}
