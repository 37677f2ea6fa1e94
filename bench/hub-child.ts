import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../tests/support/centre';

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
  private nextId = 1;
  private readonly waiters = new Map<number, (value: unknown) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly tmp: ReturnType<typeof tempDir>,
    readonly url: string,
  ) {
    child.on('message', (m) => {
      const { id, value } = m as { id: number; value: unknown };
      this.waiters.get(id)?.(value);
      this.waiters.delete(id);
    });
  }

  static async start(): Promise<HubChild> {
    const tmp = tempDir('motcua-bench-hub-');
    const child = fork(path.join(HERE, 'hub-process.ts'), [path.join(tmp.dir, 'hub.sqlite')], {
      execArgv: ['--expose-gc', '--import', 'tsx', ...(process.env['MOTCUA_HUB_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['MOTCUA_HUB_CPU_PROF']}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<{ url: string }>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { value: { url: string } }).value));
      child.once('exit', (code) => reject(new Error(`hub process exited (${code}) before it was ready`)));
    });
    return new HubChild(child, tmp, ready.url);
  }

  private request<T>(type: 'memory' | 'cpu' | 'advance-day' | 'close'): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.waiters.set(id, resolve as (value: unknown) => void);
      this.child.send({ id, type });
    });
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
    await Promise.race([this.request('close'), new Promise((r) => this.child.once('exit', r))]);
    this.tmp.remove();
  }
}
