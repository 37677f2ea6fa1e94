import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CentreConfig } from '../../kiosk-config/schema';
import { demoConfig } from './centre';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO_ROOT, 'bin/motcua.mjs');

export interface HubProcessOptions {
  /** The centre; the demo centre by default. Written to `<dataDir>/centre.json` for the child. */
  readonly config?: CentreConfig;
  /** The hub's SQLite lives here; it survives kill9 and restart. */
  readonly dataDir: string;
  /** A fixed port; by default the first start takes a free one, and restarts keep it. */
  readonly port?: number;
  readonly env?: Record<string, string>;
  /** More arguments for `motcua hub` (e.g. --store postgres://… --centre demo). */
  readonly args?: readonly string[];
  /** How long one start may take before the test fails (tsx compiles the sources at each start). */
  readonly startTimeoutMs?: number;
  /** Appends everything the child prints to this file (its whole life, every start): what a test that fails shows. */
  readonly logFile?: string;
}

/** The hub as a real child process, as a centre runs it: it can be killed with -9 and started again. */
export interface HubProcess {
  readonly url: string;
  readonly port: number;
  /** The running child's pid (a new one after restart). */
  readonly pid: number;
  /** SIGKILL, as a power cut or an OOM kill: no shutdown code runs. Resolves once the child has exited. */
  kill9(): Promise<void>;
  /** Starts the hub again on the same port and data dir (stopping it first if it runs); resolves when /api/health answers. */
  restart(): Promise<void>;
  /** SIGTERM (the hub closes cleanly), SIGKILL if it hangs. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
// A test run that dies must not leave hubs behind holding ports.
process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));

export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  mkdirSync(options.dataDir, { recursive: true });
  const configFile = path.join(options.dataDir, 'centre.json');
  writeFileSync(configFile, JSON.stringify(options.config ?? demoConfig(), null, 2));
  const timeoutMs = options.startTimeoutMs ?? 60_000;

  let child: ChildProcess | null = null;
  let port = options.port ?? 0;

  const launch = async (): Promise<void> => {
    // Right after a kill the old socket may still hold the port for a moment: retry a bounded number of times.
    for (let attempt = 1; ; attempt++) {
      const started = await spawnHub(configFile, options.dataDir, port, options.env, timeoutMs, options.args ?? []);
      if (started.ok && options.logFile) {
        const log = createWriteStream(options.logFile, { flags: 'a' });
        started.child.stdout?.pipe(log);
        started.child.stderr?.pipe(log);
      }
      if (started.ok) {
        child = started.child;
        port = started.port;
        return;
      }
      if (!started.addressInUse || attempt >= 40) throw new Error(`the hub process did not start: ${started.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  await launch();

  const exited = (c: ChildProcess): Promise<void> => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', () => r())));
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    if (!c) return;
    child = null;
    const done = exited(c);
    c.kill(signal);
    if (signal === 'SIGTERM') {
      const hung = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(hung);
    } else {
      await done;
    }
  };

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get pid() {
      if (!child?.pid) throw new Error('the hub process is not running');
      return child.pid;
    },
    kill9: () => kill('SIGKILL'),
    stop: () => kill('SIGTERM'),
    async restart() {
      await kill('SIGTERM');
      await launch();
    },
  };
}

type Spawned = { ok: true; child: ChildProcess; port: number } | { ok: false; addressInUse: boolean; output: string };

/** Spawns `motcua hub` and resolves when it listens and answers /api/health, or when it exits first. */
function spawnHub(configFile: string, dataDir: string, port: number, env: Record<string, string> | undefined, timeoutMs: number, args: readonly string[]): Promise<Spawned> {
  const child = spawn(process.execPath, [CLI, 'hub', '--config', configFile, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), '--insecure-http', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  return new Promise<Spawned>((resolve) => {
    let settled = false;
    const settle = (s: Spawned) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(s);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ ok: false, addressInUse: false, output: `${output}\n(no answer within ${timeoutMs} ms)` });
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The CLI prints "API      http://127.0.0.1:PORT/api/health" once it listens.
      const m = /API\s+(http:\/\/127\.0\.0\.1:(\d+))\/api\/health/.exec(output);
      if (!m) return;
      const listening = Number(m[2]);
      void waitHealthy(m[1] ?? '', () => settled).then((healthy) => {
        if (healthy) settle({ ok: true, child, port: listening });
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code, signal) => settle({ ok: false, addressInUse: output.includes('EADDRINUSE'), output: `${output}\n(exited: ${code ?? signal})` }));
  });
}

/** Asks /api/health until it answers ok (the port is open already, so this is a few milliseconds). */
async function waitHealthy(url: string, gaveUp: () => boolean): Promise<boolean> {
  while (!gaveUp()) {
    try {
      const r = await fetch(`${url}/api/health`);
      const body = (await r.json()) as { ok?: boolean };
      if (r.ok && body.ok) return true;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
