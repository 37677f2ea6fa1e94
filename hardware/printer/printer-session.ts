import type { PrinterProfile } from '../../core/devices';
import { err, ok } from '../../core/result';
import type { AppError, Result } from '../../core/result';
import { clearBuffers, realTimeStatusRequest, transmitPaperStatus } from './escpos-commands';
import type { RealTimeStatusRequest } from './escpos-commands';
import type { PrinterLink } from './printer-link';
import { interpretPaperStatus, interpretRealTimeStatus, isPaperStatusByte, isRealTimeStatusByte } from './printer-status';
import type { PrinterStatus } from './printer-status';

/**
 * The conversation with a printer over one link: ask how it is, send a job,
 * and make sure it printed. The rule it keeps: success is reported only when
 * the printer has said so (or, for a printer that answers nothing, when it has
 * taken every byte) — never because bytes left this machine.
 */

/** How often a printer that is still printing is asked whether it has stopped. */
const PRINTING_POLL_MS = 250;

function noAnswer(link: PrinterLink, what: string, timeoutMs: number): AppError {
  return {
    kind: 'printer-timeout',
    message:
      `Máy in ${link.description} không trả lời ${what} sau ${timeoutMs} ms. ` +
      'Nếu máy in này không hỗ trợ lệnh hỏi trạng thái (một số máy giá rẻ), đặt "statusQueries": "realtime" hoặc "none" trong cấu hình máy in.',
  };
}

async function ask(link: PrinterLink, n: RealTimeStatusRequest, deadline: number, timeoutMs: number): Promise<Result<number>> {
  link.write(realTimeStatusRequest(n));
  const answer = await link.nextByte(isRealTimeStatusByte, deadline);
  if (answer === 'timeout') return err('printer-timeout', noAnswer(link, `yêu cầu trạng thái (DLE EOT ${n})`, timeoutMs).message);
  if (typeof answer !== 'number') return { ok: false, error: answer };
  return ok(answer);
}

/** DLE EOT 1, then 2 if offline (why), then 4 (paper): answered at once even by a printer that has stopped. */
export async function queryStatus(link: PrinterLink, deadline: number, timeoutMs: number): Promise<Result<PrinterStatus>> {
  const printer = await ask(link, 1, deadline, timeoutMs);
  if (!printer.ok) return printer;
  let offlineCause: number | undefined;
  if ((printer.value & 0b0000_1000) !== 0) {
    const cause = await ask(link, 2, deadline, timeoutMs);
    if (!cause.ok) return cause;
    offlineCause = cause.value;
  }
  const paper = await ask(link, 4, deadline, timeoutMs);
  if (!paper.ok) return paper;
  return interpretRealTimeStatus({ printer: printer.value, offlineCause, paper: paper.value });
}

/** After a job failed part-way: what the printer has not printed must not come out later by surprise. */
function abandon(link: PrinterLink, error: AppError): Result<never> {
  link.write(clearBuffers());
  return { ok: false, error };
}

/**
 * Waits for GS r 1's answer, which the printer gives once everything before it
 * has printed, asking DLE EOT in between so a printer that stopped mid-job
 * (paper ran out, cover lifted) is reported as such instead of timing out.
 */
async function confirmPrinted(link: PrinterLink, deadline: number, timeoutMs: number): Promise<Result<PrinterStatus>> {
  link.write(transmitPaperStatus());
  for (;;) {
    const now = await queryStatus(link, deadline, timeoutMs);
    if (!now.ok) return now.error.kind === 'printer-timeout' ? now : abandon(link, now.error);
    const printed = await link.nextByte(isPaperStatusByte, Math.min(deadline, Date.now() + PRINTING_POLL_MS));
    if (typeof printed === 'number') return ok(interpretPaperStatus(printed));
    if (printed !== 'timeout') return { ok: false, error: printed };
    if (Date.now() >= deadline) {
      return abandon(link, { kind: 'printer-timeout', message: `Máy in ${link.description} chưa in xong phiếu sau ${timeoutMs} ms — phiếu có thể chưa được in.` });
    }
  }
}

/**
 * Sends one job and confirms it as the profile's `statusQueries` allows.
 * `timeoutMs` bounds each phase: asking before, and from the last byte sent to
 * the confirmation — a long receipt on a slow printer is not cut short by the
 * time it took to connect.
 */
export async function runJob(link: PrinterLink, job: Uint8Array, profile: PrinterProfile): Promise<Result<PrinterStatus>> {
  const { timeoutMs, statusQueries } = profile;
  let status: PrinterStatus = 'ok';
  if (statusQueries !== 'none') {
    const before = await queryStatus(link, Date.now() + timeoutMs, timeoutMs);
    // Nothing has been sent: a printer out of paper gets no ticket to print when the roll is changed.
    if (!before.ok) return before;
    status = before.value;
  }
  link.write(job);
  const deadline = Date.now() + timeoutMs;
  if (statusQueries === 'after-print') {
    const printed = await confirmPrinted(link, deadline, timeoutMs);
    if (!printed.ok) return printed;
    status = printed.value;
  } else if (statusQueries === 'realtime') {
    // Answered after the printer has received the whole job (it reads in order): a fault present then is caught.
    const after = await queryStatus(link, deadline, timeoutMs);
    if (!after.ok) return after.error.kind === 'printer-timeout' ? after : abandon(link, after.error);
    status = after.value;
  }
  const finished = await link.finish(deadline);
  // With status queries the printer has already vouched for the job; without, taking every byte is the only proof there is.
  if (finished !== undefined && statusQueries === 'none') return { ok: false, error: finished };
  return ok(status);
}
