import { spawn } from 'node:child_process';
import { err, ok } from '../../core/result';
import type { Result } from '../../core/result';
import type { PrinterStatus } from './printer-status';

/**
 * A printer reached through the operating system's print queue: `os:QUEUE`.
 * On Linux and macOS that is CUPS, and the ESC/POS bytes go through it
 * untouched (`lp -d QUEUE -o raw`, the bytes on stdin, no shell).
 *
 * What the spooler can tell us is limited, and this module says no more than
 * that: a job "succeeds" when CUPS has accepted it into the queue (lp exited 0
 * and gave a job id) — not when paper came out. A printer behind a spooler
 * cannot answer DLE EOT, so paper-out and cover-open are invisible here; the
 * status is the queue's state from `lpstat -p` (idle or printing: ok;
 * disabled/stopped: printer-offline with the reason CUPS gives, which is where
 * CUPS reports a backend that gave up). A printer switched off behind a
 * backend that retries (socket, usb) can still show as "printing": the queue
 * state is a weak signal, and the docs say so.
 *
 * Windows: not supported yet (raw printing to a spooler queue needs the
 * winspool API with the RAW datatype, which cannot be tested here); every call
 * returns printer-offline saying so.
 */

export interface OsQueueAddress {
  readonly queue: string;
}

/** CUPS queue names: printable, no whitespace, "/" or "#"; a leading "-" would read as an option. */
const OS_QUEUE = /^os:([^\s/#-][^\s/#]{0,126})$/;

export function parseOsQueueAddress(uri: string): Result<OsQueueAddress> {
  const match = OS_QUEUE.exec(uri);
  if (match?.[1] === undefined) return err('invalid-input', `Địa chỉ máy in không hợp lệ: "${uri}" (cần dạng os:TEN_HANG_DOI, ví dụ os:EPSON_TM_T82III)`);
  return ok({ queue: match[1] });
}

function unsupportedPlatform(): Result<never> | undefined {
  if (process.platform !== 'win32') return undefined;
  return err(
    'printer-offline',
    'Giao tiếp máy in "os:" hiện chỉ hỗ trợ CUPS (Linux, macOS); trên Windows hãy dùng tcp://địa-chỉ:9100 hoặc serial:COM… (the os: interface is CUPS-only for now).',
  );
}

interface CommandOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a CUPS client within the deadline (killed when it passes), feeding
 * `input` on stdin. CUPS_SERVER in the environment picks the server, as for
 * any CUPS client; the C locale keeps its words parseable (reasons stay UTF-8).
 */
function run(command: string, args: readonly string[], deadline: number, input?: Uint8Array): Promise<CommandOutcome | 'timeout' | Error> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (value: CommandOutcome | 'timeout' | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle('timeout');
    }, Math.max(0, deadline - Date.now()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (error) => settle(error));
    child.once('close', (code) => settle({ code, stdout, stderr }));
    // lp may exit (queue unknown) before reading everything: EPIPE then is not our failure to report.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input === undefined ? undefined : Buffer.from(input));
  });
}

function notRunnable(command: string, error: Error): Result<never> {
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return err(
    'printer-offline',
    missing ? `Không tìm thấy lệnh "${command}" — cài CUPS (Debian: apt-get install cups-client) để in qua hàng đợi của hệ điều hành.` : `Không chạy được "${command}": ${error.message}`,
  );
}

/**
 * The queue's state from `lpstat -p QUEUE`: idle or printing is ok; disabled
 * (stopped by an admin, or by CUPS after its backend failed) is printer-offline
 * with the reason CUPS gives; an unknown queue is printer-offline naming it.
 */
export async function osQueueStatus(address: OsQueueAddress, timeoutMs: number): Promise<Result<PrinterStatus>> {
  const unsupported = unsupportedPlatform();
  if (unsupported) return unsupported;
  const { queue } = address;
  const outcome = await run('lpstat', ['-p', queue], Date.now() + timeoutMs);
  if (outcome === 'timeout') return err('printer-timeout', `Hệ thống in (CUPS) không trả lời trạng thái hàng đợi "${queue}" sau ${timeoutMs} ms.`);
  if (outcome instanceof Error) return notRunnable('lpstat', outcome);
  const text = `${outcome.stdout}\n${outcome.stderr}`;
  if (outcome.code !== 0 || /invalid destination|does not exist|unknown/i.test(outcome.stderr)) {
    const detail = outcome.stderr.trim() || `lpstat thoát với mã ${outcome.code}`;
    if (/invalid destination|does not exist|not found/i.test(detail)) return err('printer-offline', `Không có hàng đợi in "${queue}" trong hệ thống in (CUPS): ${detail}`);
    return err('printer-offline', `Không hỏi được trạng thái hàng đợi in "${queue}": ${detail}`);
  }
  const lines = outcome.stdout.split('\n');
  const head = lines.find((line) => line.startsWith(`printer ${queue} `));
  if (head === undefined) return err('printer-offline', `Không có hàng đợi in "${queue}" trong hệ thống in (CUPS): ${text.trim() || 'lpstat không trả lời gì'}`);
  if (/\bdisabled\b/.test(head)) {
    const reason = lines
      .slice(lines.indexOf(head) + 1)
      .filter((line) => /^\s/.test(line) && line.trim() !== '')
      .map((line) => line.trim())
      .join(' ');
    return err('printer-offline', `Hàng đợi in "${queue}" đang tạm dừng${reason ? `: ${reason}` : ''} — bật lại bằng cupsenable ${queue} sau khi kiểm tra máy in.`);
  }
  if (/\bis idle\b|\bnow printing\b/.test(head)) return ok('ok');
  return err('printer-offline', `Không hiểu trạng thái hàng đợi in "${queue}": ${head.trim()}`);
}

/** What CUPS said when it took the job. */
export interface OsQueueJob {
  /** e.g. "motcua-test-12": what `lpstat -o` and `cancel` know it by. */
  readonly jobId: string;
}

/**
 * Hands the bytes to the queue with `lp -d QUEUE -o raw` and returns once lp
 * has exited: its job id on exit 0; a non-zero exit or a timeout is an error,
 * never a success. The queue is checked first: CUPS accepts jobs for a
 * disabled queue and holds them, so a ticket would come out whenever someone
 * re-enables it — that is reported as printer-offline and nothing is sent.
 */
export async function printToOsQueue(address: OsQueueAddress, bytes: Uint8Array, timeoutMs: number): Promise<Result<OsQueueJob>> {
  const before = await osQueueStatus(address, timeoutMs);
  if (!before.ok) return before;
  const { queue } = address;
  const outcome = await run('lp', ['-d', queue, '-o', 'raw'], Date.now() + timeoutMs, bytes);
  if (outcome === 'timeout') {
    return err('printer-timeout', `Hệ thống in (CUPS) không nhận phiếu vào hàng đợi "${queue}" sau ${timeoutMs} ms — phiếu có thể đã hoặc chưa vào hàng đợi (xem lpstat -o ${queue}).`);
  }
  if (outcome instanceof Error) return notRunnable('lp', outcome);
  if (outcome.code !== 0) {
    return err('printer-offline', `Hàng đợi in "${queue}" không nhận phiếu (lp thoát với mã ${outcome.code}): ${outcome.stderr.trim() || outcome.stdout.trim()}`);
  }
  const jobId = /request id is (\S+)/.exec(outcome.stdout)?.[1];
  if (jobId === undefined) return err('printer-offline', `Không rõ hàng đợi in "${queue}" có nhận phiếu không: lp trả lời "${outcome.stdout.trim()}"`);
  return ok({ jobId });
}
