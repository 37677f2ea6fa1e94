import { err, ok } from '../../core/result';
import type { Result } from '../../core/result';

/**
 * What a printer's status bytes mean (Epson ESC/POS, DLE EOT n and GS r 1).
 * A printer that can print is `ok` or `paper-near-end` (print, and tell the
 * admin to bring a roll); one that cannot is an error of kind `paper-out`,
 * `cover-open` or `printer-offline`.
 */

export type PrinterStatus = 'ok' | 'paper-near-end';

/** DLE EOT answers always have bits 1 and 4 set and bits 0 and 7 clear. */
export function isRealTimeStatusByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

/**
 * GS r 1 answers have bits 4 and 7 clear, which no DLE EOT answer has. This
 * assumes Automatic Status Back (GS a) is off, as printers ship: its
 * unsolicited 4-byte messages could otherwise pass for an answer.
 */
export function isPaperStatusByte(byte: number): boolean {
  return (byte & 0b1001_0000) === 0;
}

const OFFLINE = 0b0000_1000; // DLE EOT 1
const COVER_OPEN = 0b0000_0100; // DLE EOT 2
const STOPPED_BY_PAPER_END = 0b0010_0000; // DLE EOT 2
const PAPER_NEAR_END = 0b0000_1100; // DLE EOT 4
const PAPER_END = 0b0110_0000; // DLE EOT 4
const GS_R_NEAR_END = 0b0000_0011;
const GS_R_PAPER_END = 0b0000_1100;

export const PAPER_OUT_MESSAGE = 'Máy in hết giấy — thay cuộn giấy mới rồi in lại.';
export const COVER_OPEN_MESSAGE = 'Nắp máy in đang mở — đóng nắp rồi in lại.';
export const STOPPED_MESSAGE = 'Máy in đang ngừng (báo lỗi) — xem đèn báo trên máy in, tắt rồi bật lại nếu cần.';

/** The printer's answers to DLE EOT 1 (printer), 2 (offline cause, asked only when offline) and 4 (paper sensor). */
export interface RealTimeAnswers {
  readonly printer: number;
  readonly offlineCause?: number;
  readonly paper: number;
}

export function interpretRealTimeStatus(answers: RealTimeAnswers): Result<PrinterStatus> {
  const offline = (answers.printer & OFFLINE) !== 0;
  const cause = answers.offlineCause ?? 0;
  if (offline && (cause & COVER_OPEN) !== 0) return err('cover-open', COVER_OPEN_MESSAGE);
  if ((offline && (cause & STOPPED_BY_PAPER_END) !== 0) || (answers.paper & PAPER_END) === PAPER_END) return err('paper-out', PAPER_OUT_MESSAGE);
  if (offline) return err('printer-offline', STOPPED_MESSAGE);
  return ok((answers.paper & PAPER_NEAR_END) === PAPER_NEAR_END ? 'paper-near-end' : 'ok');
}

/** The answer to GS r 1, which comes once everything before it has printed. */
export function interpretPaperStatus(byte: number): PrinterStatus {
  return (byte & (GS_R_NEAR_END | GS_R_PAPER_END)) !== 0 ? 'paper-near-end' : 'ok';
}
