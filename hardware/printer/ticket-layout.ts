import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import type { PrinterProfile } from '../../core/devices';
import { initialise, qrCode, selectCodePage } from './escpos-commands';
import { columnsForPaper, wrapBalanced } from './text-columns';
import { encodeWindows1258, printedColumns } from './vietnamese-text';

/** What a kiosk prints on a queue ticket. */
export interface TicketPrintData {
  readonly centreName: string;
  readonly serviceName: string;
  readonly number: number;
  readonly waitingAhead: number;
  readonly issuedAt: Date;
  /** IANA zone of the centre: the time on the ticket is the centre's wall clock, not the kiosk's. */
  readonly timeZone: string;
  readonly counterHint?: string;
  readonly qrContent?: string;
}

/** The number is what a citizen looks for across the room; as large as the paper allows, up to 4×. */
const MAX_NUMBER_SCALE = 4;

/** Dots per QR module: about 25 mm for a short URL on 80 mm paper, a little less on 58 mm. */
const QR_MODULE_DOTS: Readonly<Record<80 | 58, number>> = { 80: 6, 58: 5 };

/** "HH:MM dd/mm/yyyy" on the centre's clock. Throws RangeError for an unknown zone. */
export function formatIssuedAt(issuedAt: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(issuedAt);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
}

/**
 * The exact ESC/POS bytes of a queue ticket. Command bytes come from
 * node-thermal-printer; text is encoded here (see vietnamese-text.ts) and
 * appended as raw bytes. Throws RangeError on data that cannot be a ticket
 * (negative number, unknown time zone, oversized QR content).
 */
export function encodeTicket(data: TicketPrintData, profile: PrinterProfile): Buffer {
  requireCount('number', data.number);
  requireCount('waitingAhead', data.waitingAhead);
  const issuedAt = formatIssuedAt(data.issuedAt, data.timeZone);
  const columns = columnsForPaper(profile.paperWidth);

  // No interface: the library only assembles bytes here (an empty one makes it skip creating one); sending is tcp-transport's job.
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: columns });
  // Everything on the ticket is centred, so wrapped lines are balanced rather than greedy.
  const text = (line: string, scale = 1): void => {
    for (const wrapped of wrapBalanced(line, Math.floor(columns / scale))) {
      printer.append(encodeWindows1258(wrapped));
      printer.newLine();
    }
  };
  // "Label: value" on one line when it fits, else the label above the value rather than a value broken mid-way.
  const labelled = (label: string, value: string): void => {
    const line = `${label}: ${value}`;
    if (printedColumns(line) <= columns) text(line);
    else {
      text(`${label}:`);
      text(value);
    }
  };
  const scaled = (scale: number): void => {
    // setTextSize(h, w) swaps the nibbles of GS ! (width is the high one); equal values are safe.
    printer.setTextSize(scale - 1, scale - 1);
  };

  printer.append(initialise());
  printer.append(selectCodePage(profile.codePage));
  printer.alignCenter();

  printer.bold(true);
  text(data.centreName);
  printer.bold(false);
  printer.append(Buffer.from('-'.repeat(columns), 'ascii'));
  printer.newLine();
  printer.bold(true);
  text(data.serviceName);
  printer.bold(false);
  printer.newLine();

  printer.bold(true);
  scaled(2);
  text('SỐ THỨ TỰ', 2);
  const digits = String(data.number);
  scaled(Math.max(2, Math.min(MAX_NUMBER_SCALE, Math.floor(columns / printedColumns(digits)))));
  printer.append(Buffer.from(digits, 'ascii'));
  printer.newLine();
  scaled(1);
  printer.bold(false);
  printer.newLine();

  labelled('Số người chờ trước bạn', String(data.waitingAhead));
  labelled('Thời gian lấy số', issuedAt);
  if (data.counterHint !== undefined && data.counterHint.trim() !== '') labelled('Quầy phục vụ', data.counterHint.trim());

  if (data.qrContent !== undefined && data.qrContent !== '') {
    printer.newLine();
    printer.append(qrCode(data.qrContent, { moduleSize: QR_MODULE_DOTS[profile.paperWidth], errorLevel: 'M' }));
  }

  printer.newLine();
  text('Xin vui lòng chờ đến lượt');
  // cut() feeds past the cutter (ESC d 4 — about 17 mm, enough on common heads), cuts (GS V 0) and re-initialises.
  printer.cut({ verticalTabAmount: 1 });
  return printer.getBuffer();
}
