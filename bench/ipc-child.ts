import { fork, type ChildProcess } from 'node:child_process';

/**
 * A bench process (hub-process.ts, province-process.ts) driven over IPC: it sends `{ value }` once
 * ready, then answers each `{ id, type }` with `{ id, value }`; `close` asks it to stop.
 */
export class IpcChild<Request extends string> {
  private nextId = 1;
  private readonly waiters = new Map<number, (value: unknown) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m) => {
      const { id, value } = m as { id: number; value: unknown };
      this.waiters.get(id)?.(value);
      this.waiters.delete(id);
    });
  }

  /** Forks `script` with tsx and waits for its first message (`what` names it if it exits first). */
  static async start<Request extends string, Ready>(
    what: string,
    script: string,
    args: readonly string[],
    execArgv: readonly string[] = [],
  ): Promise<{ readonly child: IpcChild<Request>; readonly ready: Ready }> {
    const child = fork(script, [...args], { execArgv: [...execArgv, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { value: Ready }).value));
      child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
    });
    return { child: new IpcChild<Request>(child), ready };
  }

  request<T>(type: Request | 'close'): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.waiters.set(id, resolve as (value: unknown) => void);
      this.child.send({ id, type });
    });
  }

  /** Asks the process to close, or notices that it has exited. */
  async close(): Promise<void> {
    await Promise.race([this.request('close'), new Promise((r) => this.child.once('exit', r))]);
  }
}
