import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(REPO_ROOT, 'bin/motcua.mjs');

/** A `motcua …` process of the test, everything it prints kept (stdout and stderr, in order). */
export interface MotcuaProcess {
  readonly child: ChildProcess;
  output: string;
  /** Resolves with the first match of `pattern` in the output so far or to come. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after 15 s; resolves once it exited. */
  stop(): Promise<void>;
}

export function startMotcua(args: readonly string[]): MotcuaProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const waiters = new Set<() => void>();
  const proc: MotcuaProcess = {
    child,
    output: '',
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(proc.output);
          if (match) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`motcua ${args[0]} exited before printing ${pattern}: ${proc.output.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`motcua ${args[0]} did not print ${pattern}: ${proc.output.slice(-2000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const hung = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(hung);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
  const take = (chunk: Buffer) => {
    proc.output += chunk.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  child.once('exit', () => {
    for (const w of [...waiters]) w();
  });
  return proc;
}
