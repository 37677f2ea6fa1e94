import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

/**
 * A throwaway PostgreSQL (15 or newer) for one test file: `initdb` in a temp dir, `postgres` in the
 * foreground as our child on a free port of 127.0.0.1 (its unix socket in the temp dir too, never
 * /var/run), fsync off. Not a system service: nothing outside the temp dir is touched, and stop()
 * removes it. PostgreSQL refuses to run as root, so under root (CI) every program runs through
 * `runuser -u postgres --` and the temp dir belongs to that user.
 *
 * Debian's binaries (apt-get install postgresql; .ci/run installs it). Where they are missing the
 * suites say so and skip (`describe.skipIf(POSTGRES_MISSING !== null)`); binaries that are there
 * but fail to start fail the suite. Start-up takes 1.0–1.3 s on a quiet machine (initdb ~0.9 s,
 * then the server), 5–6 s at load ≈ 15.
 */

/** Debian's layout: /usr/lib/postgresql/<major>/bin; the newest major installed (15 on bookworm), or MOTCUA_POSTGRES_BIN. */
function binDir(): string {
  if (process.env.MOTCUA_POSTGRES_BIN) return process.env.MOTCUA_POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => b - a) : [];
  return path.join(root, String(majors[0] ?? 15), 'bin');
}
const BIN_DIR = binDir();
const PROGRAMS = ['initdb', 'postgres', 'pg_ctl'] as const;
const USER = 'motcua';
/** The unprivileged account the server runs as when we are root (Debian's package creates it). */
const SERVICE_ACCOUNT = 'postgres';

const isRoot = process.getuid?.() === 0;

function findMissing(): string | null {
  const missing = PROGRAMS.filter((p) => !existsSync(path.join(BIN_DIR, p)));
  if (missing.length > 0) return `PostgreSQL is not installed (missing ${missing.map((p) => path.join(BIN_DIR, p)).join(', ')}; apt-get install postgresql)`;
  return null;
}

/** Why PostgreSQL suites skip here, or null when they run. Only absent binaries skip. */
export const POSTGRES_MISSING: string | null = findMissing();

/** Prints the skip once per file, in the style of the other system-tool suites. */
export function warnIfPostgresMissing(suite: string): void {
  if (POSTGRES_MISSING !== null) console.warn(`${suite}: ${POSTGRES_MISSING} — PostgreSQL tests SKIPPED`);
}

export interface PostgresInstance {
  /** postgres://motcua@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** The temp dir holding the cluster and its socket; gone after stop(). */
  readonly dir: string;
  /** Milliseconds from initdb to accepting connections. */
  readonly startupMs: number;
  /**
   * A new database in this instance, and its URL: empty, or a copy of `template` (e.g. one
   * migrated once per file; nothing may be connected to the template while it is copied).
   */
  createDatabase(name: string, options?: { readonly template?: string }): Promise<string>;
  /**
   * Stops the server (immediate shutdown, as a crash or a pulled plug) and keeps its data: a
   * database that went away. restart() brings it back on the same port, after crash recovery.
   * The server runs with synchronous_commit off: only commits made with it on (SET LOCAL
   * synchronous_commit = on, as a hub's acknowledged commits are in production) surely survive.
   */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port and data. */
  restart(): Promise<void>;
  /** Stops the server and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

function account(): { uid: number; gid: number } {
  const id = (flag: string) => {
    const r = spawnSync('id', [flag, SERVICE_ACCOUNT], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`running as root, but there is no "${SERVICE_ACCOUNT}" user to run PostgreSQL as: ${r.stderr}`);
    return Number(r.stdout.trim());
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** argv for a PostgreSQL program: through runuser when we are root. */
function command(program: (typeof PROGRAMS)[number], args: readonly string[]): [string, string[]] {
  const file = path.join(BIN_DIR, program);
  return isRoot ? ['runuser', ['-u', SERVICE_ACCOUNT, '--', file, ...args]] : [file, [...args]];
}

/** initdb takes ~0.9 s on a quiet machine and over 30 s at load ≈ 30 (2 cores shared): a generous bound. */
function run(program: (typeof PROGRAMS)[number], args: readonly string[]): void {
  const [file, argv] = command(program, args);
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message}): ${r.stderr}${r.stdout}`);
}

/**
 * Stops the server of a data dir by the pid in its postmaster.pid (SIGQUIT: PostgreSQL's
 * immediate shutdown). Our child may be runuser, which cannot pass on a SIGKILL: signalling the
 * postmaster itself never leaves a server behind. False when there was none to stop.
 */
function quitPostmaster(dataDir: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!(pid > 0)) return false;
    process.kill(pid, 'SIGQUIT');
    return true;
  } catch {
    return false; // no pid file yet, or the process is gone
  }
}

/** Resolves when the server logs that it accepts connections; rejects with its log if it exits first. */
function serverReady(child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`postgres did not accept connections within ${timeoutMs} ms:\n${log()}`)), timeoutMs);
    const onData = () => {
      if (log().includes('database system is ready to accept connections')) done();
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`postgres exited (${code ?? signal}) while starting:\n${log()}`));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

async function launch(dir: string, dataDir: string, socketDir: string, settings: readonly string[], samePort?: number): Promise<{ child: ChildProcess; port: number }> {
  let lastError: Error | undefined;
  // A port found free may be taken before the server binds it (other suites run at once): try another.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = samePort ?? (await freePort());
    const [file, argv] = command('postgres', [
      '-D', dataDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${socketDir}`,
      // A test database is thrown away: durability costs time and buys nothing here.
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=80',
      '-c', 'shared_buffers=32MB',
      '-c', 'log_min_messages=warning',
      '-c', 'logging_collector=off',
      ...settings.flatMap((setting) => ['-c', setting]),
    ]);
    const child = spawn(file, argv, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await serverReady(child, () => output, 20_000);
      return { child, port };
    } catch (e) {
      lastError = e as Error;
      quitPostmaster(dataDir);
      child.kill('SIGKILL');
      if (!/could not (bind|create listen)/.test(output)) break;
    }
  }
  throw lastError ?? new Error('postgres did not start');
}

/** Servers still running: stopped if the test process exits without stop() (a crashed or killed worker). */
const running = new Map<string, { readonly dataDir: string; readonly dir: string }>();
process.once('exit', () => {
  for (const { dataDir, dir } of running.values()) {
    quitPostmaster(dataDir);
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Where the temp dir goes: the system's temp dir, unless the service account could not reach it
 * (a TMPDIR under /root, say), then /tmp.
 */
function tempRoot(): string {
  const root = tmpdir();
  if (!isRoot) return root;
  const r = spawnSync('runuser', ['-u', SERVICE_ACCOUNT, '--', 'test', '-x', root]);
  return r.status === 0 ? root : '/tmp';
}

/**
 * Starts a private PostgreSQL. Call once per test file (beforeAll) and stop() it in afterAll.
 * `settings`: more server settings ("name=value"), e.g. the bench's statement statistics.
 */
export async function startPostgres(settings: readonly string[] = []): Promise<PostgresInstance> {
  if (POSTGRES_MISSING !== null) throw new Error(POSTGRES_MISSING);
  const started = performance.now();
  const dir = await mkdtemp(path.join(tempRoot(), 'motcua-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = dir;
  let child: ChildProcess | undefined;
  let stopped = false;
  running.set(dir, { dataDir, dir });
  const halt = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      // Immediate: nothing of this cluster is kept, so no checkpoint is worth waiting for.
      try {
        run('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10']);
      } catch {
        quitPostmaster(dataDir);
      }
      const timer = setTimeout(() => child!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    running.delete(dir);
    await halt();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot) {
      const { uid, gid } = account();
      await chown(dir, uid, gid);
    }
    run('initdb', ['-D', dataDir, '-U', USER, '--auth=trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C.UTF-8']);
    const launched = await launch(dir, dataDir, socketDir, settings);
    child = launched.child;
    const { port } = launched;
    const urlFor = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
    return {
      url: urlFor('postgres'),
      port,
      dir,
      startupMs: Math.round(performance.now() - started),
      async createDatabase(name, options = {}) {
        const plain = /^[a-z_][a-z0-9_]{0,62}$/;
        for (const n of [name, options.template ?? name]) if (!plain.test(n)) throw new Error(`not a plain database name: ${n}`);
        const client = new pg.Client({ connectionString: urlFor('postgres') });
        await client.connect();
        try {
          // FILE_COPY: a copy of a small template's files, without writing it all to the WAL first.
          await client.query(options.template === undefined ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${options.template} STRATEGY FILE_COPY`);
        } finally {
          await client.end();
        }
        return urlFor(name);
      },
      halt,
      async restart() {
        if (stopped) throw new Error('restart after stop(): the cluster is gone');
        if (child && child.exitCode === null && child.signalCode === null) throw new Error('restart of a running server: halt() it first');
        child = (await launch(dir, dataDir, socketDir, settings, port)).child;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
