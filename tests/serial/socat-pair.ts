import { spawn, spawnSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import path from 'node:path';

/**
 * A pair of linked pseudo-terminals from socat: what a USB CDC scanner looks like to the PC
 * (`a`, the device the app opens) and to the test (`b`, the scanner's end). Stopping socat
 * removes both, as unplugging the scanner removes its tty.
 */

export function hasSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface SocatPair {
  /** The app's side, e.g. what a scanner's /dev/ttyACM0 would be. */
  readonly a: string;
  /** The scanner's side: write here what the scanner "reads". */
  readonly b: string;
  /** Writes to the scanner's side, as one write. */
  write(data: string | Buffer): Promise<void>;
  /** Kills socat (unplug) and resolves when it has exited. */
  stop(): Promise<void>;
}

/** Starts socat with links `dir/A` and `dir/B`; resolves when both ptys exist. Same `dir` again = same names (replug). */
export function startSocatPair(dir: string, timeoutMs = 5000): Promise<SocatPair> {
  const a = path.join(dir, 'A');
  const b = path.join(dir, 'B');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pair: SocatPair = {
    a,
    b,
    async write(data) {
      const handle = await open(b, 'w');
      try {
        await handle.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      } finally {
        await handle.close();
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`socat did not start within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      // With -d -d socat says this once both ptys (and their links) are in place.
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve(pair);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited (${code}) before it was ready:\n${log}`));
    });
  });
}
