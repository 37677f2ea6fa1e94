import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
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

async function writeTo(b: string, data: string | Buffer): Promise<void> {
  const handle = await open(b, 'w');
  try {
    await handle.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  } finally {
    await handle.close();
  }
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
    write: (data) => writeTo(b, data),
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

/**
 * Plugs in a device that talks first: starts a pair in a staging folder, lets `listen` open the
 * device's end (`b`), and only then moves both links to `dir/A` and `dir/B`. The app, retrying
 * `dir/A`, cannot open its port and write (an LED sign told its frame on open) before the device
 * listens: a serial port's open flushes what arrived before it, so a frame written a moment
 * earlier would be lost and the test would wait for it in vain.
 */
export async function plugInListening<T>(dir: string, listen: (b: string) => Promise<T>): Promise<{ pair: SocatPair; end: T }> {
  const staging = await mkdtemp(path.join(dir, 'plugging-'));
  const staged = await startSocatPair(staging);
  const end = await listen(staged.b);
  const a = path.join(dir, 'A');
  const b = path.join(dir, 'B');
  await rename(staged.b, b);
  await rename(staged.a, a);
  const pair: SocatPair = {
    a,
    b,
    write: (data) => writeTo(b, data),
    async stop() {
      await staged.stop();
      // socat removes its links by the names it made them under; these were moved.
      await Promise.all([a, b, staging].map((p) => rm(p, { recursive: true, force: true })));
    },
  };
  return { pair, end };
}
