import type { PrinterProfile } from '../../core/devices';
import type { Result } from '../../core/result';
import type { PrintDocument } from './print-document';
import { queueTicketLayout } from './layouts/queue-ticket';
import type { TicketPrintData } from './layouts/queue-ticket';
import { createPrinter } from './thermal-printer';
import type { PrintReceipt, PrinterStatus } from './thermal-printer';
import { osQueueStatus, parseOsQueueAddress } from './os-queue';
import { parsePrinterAddress, probePrinterAddress } from './tcp-transport';

export type { TicketPrintData } from './layouts/queue-ticket';
export type { PrintReceipt, PrinterStatus, ThermalPrinter } from './thermal-printer';
export { createPrinter } from './thermal-printer';

/**
 * A terminal's printer: queue tickets at a kiosk, forms at a counter. Failures come back as
 * values (printer-offline, paper-out, cover-open, printer-timeout, invalid-input), never as
 * exceptions, and never as a success for a paper the printer did not confirm.
 *
 * Every method is there on every printer, doubles included. A terminal without a printer has
 * no TicketPrinter at all (the agent holds none until the hub assigns a profile), never one
 * with methods missing.
 */
export interface TicketPrinter {
  print(data: TicketPrintData): Promise<Result<PrintReceipt>>;
  /** Prints any layout's document (a counter's Form 01–04). */
  printDocument(doc: PrintDocument): Promise<Result<PrintReceipt>>;
  /** How the printer is now, for the health the admin sees. */
  status(): Promise<Result<PrinterStatus>>;
  close(): Promise<void>;
}

/** The kiosk's ticket printer for a profile; the interface picks the transport: TCP or serial (see createPrinter). */
export function createTicketPrinter(profile: PrinterProfile): TicketPrinter {
  const printer = createPrinter(profile);
  return {
    print: (data) => {
      let document;
      try {
        document = queueTicketLayout.document(data);
      } catch (error) {
        return Promise.resolve({ ok: false, error: { kind: 'invalid-input', message: `Không tạo được phiếu số thứ tự: ${error instanceof Error ? error.message : String(error)}` } });
      }
      return printer.print(document);
    },
    printDocument: (doc) => printer.print(doc),
    status: () => printer.status(),
    close: () => printer.close(),
  };
}

/**
 * Is something listening at a network printer's address? Opens and closes one connection within the profile's timeout.
 * For an os: printer: does the queue exist and is it enabled (lpstat)?
 */
export async function probePrinter(profile: PrinterProfile): Promise<Result<void>> {
  if (profile.interface.startsWith('os:')) {
    const queue = parseOsQueueAddress(profile.interface);
    if (!queue.ok) return queue;
    const status = await osQueueStatus(queue.value, profile.timeoutMs);
    return status.ok ? { ok: true, value: undefined } : status;
  }
  const address = parsePrinterAddress(profile.interface);
  if (!address.ok) return address;
  return probePrinterAddress(address.value, profile.timeoutMs);
}
