import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterProfileSchema } from '../../core/devices';
import { parseOsQueueAddress } from '../../hardware/printer/os-queue';
import { createPrinter } from '../../hardware/printer/thermal-printer';
import { probePrinter } from '../../hardware/printer/ticket-printer';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import { closedPort, faultyServer, tempDir } from './fixtures';
import { decodedPaper, expectedPaper, profileFor, sampleDocument } from './printing-support';

/**
 * Printing through the OS print queue (`os:QUEUE`) with a real CUPS: the suite
 * starts its own cupsd in the foreground with a private ServerRoot, spool, log
 * and cache under a temp dir, listening on 127.0.0.1 only at a free port, and
 * points every CUPS client at it with CUPS_SERVER. Its raw queue's device is
 * `socket://127.0.0.1:PORT`, a VirtualPrinter, so what the spooler delivered is
 * decoded and checked. CI installs CUPS (.ci/run); where its programs are
 * missing the suite says so and skips — a cupsd that is there but will not
 * start fails the suite.
 */

const SEARCH_PATH = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
function which(program: string): string | undefined {
  return SEARCH_PATH.map((dir) => path.join(dir, program)).find((file) => existsSync(file));
}
const PROGRAMS = ['cupsd', 'lp', 'lpstat', 'lpadmin', 'cupsdisable', 'cupsenable', 'cupsreject', 'cupsaccept'] as const;
const found = Object.fromEntries(PROGRAMS.map((p) => [p, which(p)])) as Record<(typeof PROGRAMS)[number], string | undefined>;
const SOCKET_BACKEND = ['/usr/lib/cups/backend/socket', '/usr/libexec/cups/backend/socket'].find((file) => existsSync(file));
const missing = [...PROGRAMS.filter((p) => found[p] === undefined), ...(SOCKET_BACKEND === undefined ? ['the socket backend (/usr/lib/cups/backend/socket)'] : [])];
const cupsAvailable = process.platform !== 'win32' && missing.length === 0;
if (!cupsAvailable) {
  console.warn(`os-printing: CUPS is not installed (missing: ${missing.join(', ') || process.platform}; apt-get install cups-daemon cups-client cups) — OS print queue tests SKIPPED`);
}

const QUEUE = 'motcua-test';

/** Runs a CUPS admin/client program against the test's server; throws with its output when it fails. */
function cups(program: (typeof PROGRAMS)[number], args: readonly string[]): string {
  const result = spawnSync(found[program] ?? program, args, { env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8', timeout: 10_000 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

interface Cupsd {
  readonly server: string;
  readonly process: ChildProcess;
  readonly log: () => string;
}

/** A private cupsd: temp ServerRoot, 127.0.0.1:port, no authentication (loopback only), foreground (-f) as our child. */
async function startCupsd(dir: string): Promise<Cupsd> {
  const port = await closedPort();
  for (const sub of ['spool', 'spool/tmp', 'log', 'cache', 'state', 'ppd']) await mkdir(path.join(dir, sub), { recursive: true });
  await writeFile(
    path.join(dir, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'ServerName 127.0.0.1',
      'LogLevel warn',
      'Browsing Off',
      'DefaultAuthType None',
      // Every operation from loopback without a password: this daemon exists for one test run.
      '<Location />',
      '  Order allow,deny',
      '  Allow 127.0.0.1',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `RequestRoot ${path.join(dir, 'spool')}`,
      `TempDir ${path.join(dir, 'spool/tmp')}`,
      `CacheDir ${path.join(dir, 'cache')}`,
      `StateDir ${path.join(dir, 'state')}`,
      `ErrorLog ${path.join(dir, 'log/error_log')}`,
      `AccessLog ${path.join(dir, 'log/access_log')}`,
      `PageLog ${path.join(dir, 'log/page_log')}`,
      '',
    ].join('\n'),
  );
  const child = spawn(found.cupsd ?? 'cupsd', ['-f', '-c', path.join(dir, 'cupsd.conf'), '-s', path.join(dir, 'cups-files.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `cupsd exited (${code ?? signal}): ${output}`));
  const server = `127.0.0.1:${port}`;
  // Ready when the scheduler answers; bounded, never an open-ended wait.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited !== undefined) throw new Error(exited);
    const probe = spawnSync(found.lpstat ?? 'lpstat', ['-h', server, '-r'], { encoding: 'utf8', timeout: 2000, env: { ...process.env, LC_ALL: 'C' } });
    if (probe.status === 0 && probe.stdout.includes('scheduler is running')) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`cupsd did not answer on ${server} within 15 s: ${output}${probe.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { server, process: child, log: () => output };
}

async function stopCupsd(daemon: Cupsd | undefined): Promise<void> {
  if (daemon === undefined || daemon.process.exitCode !== null || daemon.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => daemon.process.once('exit', () => resolve()));
  daemon.process.kill('SIGTERM');
  const timer = setTimeout(() => daemon.process.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const osProfile = (queue = QUEUE, timeoutMs = 5000) => profileFor('cp1258', 80, { interface: `os:${queue}`, statusQueries: 'none', timeoutMs });

describe.skipIf(!cupsAvailable)('printing through the OS print queue (a private cupsd, raw queue → virtual printer)', () => {
  let dir: string;
  let daemon: Cupsd | undefined;
  let printer: VirtualPrinter;
  const previousServer = process.env.CUPS_SERVER;

  beforeAll(async () => {
    dir = await tempDir('cups');
    // cupsd runs backends as its unprivileged user (lp): they must be able to reach the spool under this dir.
    await chmod(dir, 0o755);
    printer = new VirtualPrinter({ outDir: path.join(dir, 'printed'), paperWidth: 80 });
    const { port } = await printer.start();
    daemon = await startCupsd(path.join(dir, 'cups'));
    process.env.CUPS_SERVER = daemon.server;
    // CUPS 2.4 still takes raw queues (it warns that they are deprecated); jobs are sent with -o raw as well.
    cups('lpadmin', ['-p', QUEUE, '-E', '-v', `socket://127.0.0.1:${port}`, '-m', 'raw']);
  });
  afterAll(async () => {
    if (previousServer === undefined) delete process.env.CUPS_SERVER;
    else process.env.CUPS_SERVER = previousServer;
    await stopCupsd(daemon);
    await printer?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('prints a ticket: CUPS takes the job (job id), the printer receives the exact Vietnamese and the cut', async () => {
    const driver = createPrinter(osProfile());
    expect(await driver.status()).toEqual({ ok: true, value: 'ok' });
    const printed = await driver.print(sampleDocument('ticket'));
    expect(printed).toMatchObject({ ok: true, value: { status: 'ok' } });
    if (!printed.ok) return;
    expect(printed.value.jobId).toMatch(new RegExp(`^${QUEUE}-\\d+$`));
    const job = await printer.waitForJob(undefined, 10_000);
    expect(job.cut).toBe(true);
    const paper = decodedPaper(job);
    expect(paper).toEqual(expectedPaper(sampleDocument('ticket'), 80));
    // Spelled out, so a shared helper cannot hide a wrong letter: what the paper says, in exact Vietnamese.
    expect(paper).toEqual(expect.arrayContaining(['Đăng ký kinh doanh, Xây dựng, Đất đai', 'SỐ THỨ TỰ', '1023', 'Số người chờ trước bạn: 12', 'Quầy phục vụ: 3, 4 (tầng 1)']));
    expect(await probePrinter(osProfile())).toEqual({ ok: true, value: undefined });
  });

  it('a disabled queue is printer-offline with the reason CUPS gives, and gets no job', async () => {
    cups('cupsdisable', ['-r', 'Hết giấy — thay cuộn 80 mm', QUEUE]);
    try {
      const driver = createPrinter(osProfile());
      const status = await driver.status();
      expect(status).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
      if (!status.ok) expect(status.error.message).toContain('Hết giấy — thay cuộn 80 mm');
      const queuedBefore = cups('lpstat', ['-o', QUEUE]);
      expect(await driver.print(sampleDocument('ticket'))).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
      expect(cups('lpstat', ['-o', QUEUE])).toBe(queuedBefore);
    } finally {
      cups('cupsenable', [QUEUE]);
    }
  });

  it('a queue that refuses jobs (lp exits non-zero) is an error, never a success', async () => {
    cups('cupsreject', ['-r', 'bảo trì', QUEUE]);
    try {
      const printed = await createPrinter(osProfile()).print(sampleDocument('slip'));
      expect(printed).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
      if (!printed.ok) expect(printed.error.message).toContain('lp');
    } finally {
      cups('cupsaccept', [QUEUE]);
    }
  });

  it('an unknown queue is printer-offline, naming it', async () => {
    const driver = createPrinter(osProfile('motcua-no-such-queue'));
    for (const outcome of [await driver.status(), await driver.print(sampleDocument('ticket'))]) {
      expect(outcome).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
      if (!outcome.ok) expect(outcome.error.message).toContain('motcua-no-such-queue');
    }
  });

  it('a spooler that never answers is printer-timeout within the profile timeout', async () => {
    const silent = await faultyServer(() => undefined);
    const server = process.env.CUPS_SERVER;
    process.env.CUPS_SERVER = `127.0.0.1:${silent.port}`;
    try {
      const started = Date.now();
      const driver = createPrinter(osProfile(QUEUE, 300));
      expect(await driver.status()).toMatchObject({ ok: false, error: { kind: 'printer-timeout' } });
      expect(await driver.print(sampleDocument('ticket'))).toMatchObject({ ok: false, error: { kind: 'printer-timeout' } });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      process.env.CUPS_SERVER = server;
      await silent.close();
    }
  });
});

describe('os: printer profiles', () => {
  const base = { id: 'p', model: 'Xprinter XP-80C', paperWidth: 80, textStrategy: 'cp1258', codePage: 52 };

  it.each(['os:motcua-test', 'os:EPSON_TM_T82III', 'os:xp80@kiosk'])('accepts %s with statusQueries "none"', (uri) => {
    expect(PrinterProfileSchema.safeParse({ ...base, interface: uri, statusQueries: 'none' }).success).toBe(true);
  });

  it.each(['after-print', 'realtime', undefined])('refuses statusQueries %s for an os: printer, naming the field', (statusQueries) => {
    const result = PrinterProfileSchema.safeParse({ ...base, interface: 'os:motcua-test', statusQueries });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['statusQueries']);
    expect(result.error?.issues[0]?.message).toContain('statusQueries must be "none"');
  });

  it.each(['os:', 'os:-d', 'os:may in', 'os:a/b', 'os:a#b'])('refuses the queue name in %s', (uri) => {
    expect(PrinterProfileSchema.safeParse({ ...base, interface: uri, statusQueries: 'none' }).success).toBe(false);
    expect(parseOsQueueAddress(uri)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});
