import type { PrinterProfile } from '../../core/devices';
import { err } from '../../core/result';
import type { Result } from '../../core/result';
import { encodeTicket } from './ticket-layout';
import type { TicketPrintData } from './ticket-layout';
import { parsePrinterAddress, probePrinterAddress, sendToPrinter } from './tcp-transport';

export type { TicketPrintData } from './ticket-layout';

/** Prints queue tickets. Failures come back as values (printer-offline, printer-timeout, invalid-input), never as exceptions. */
export interface TicketPrinter {
  print(data: TicketPrintData): Promise<Result<{ readonly bytes: number }>>;
  close?(): Promise<void>;
}

/** A thermal printer on the network (tcp://host:port), one connection per ticket as raw-port printers expect. */
export function createNetworkTicketPrinter(profile: PrinterProfile): TicketPrinter {
  return {
    async print(data) {
      const address = parsePrinterAddress(profile.interface);
      if (!address.ok) return address;
      let bytes: Buffer;
      try {
        bytes = encodeTicket(data, profile);
      } catch (error) {
        return err('invalid-input', `Không tạo được phiếu số thứ tự: ${error instanceof Error ? error.message : String(error)}`);
      }
      return sendToPrinter(address.value, bytes, profile.timeoutMs);
    },
  };
}

/** Is the printer reachable? Opens and closes one connection within the profile's timeout. */
export async function probePrinter(profile: PrinterProfile): Promise<Result<void>> {
  const address = parsePrinterAddress(profile.interface);
  if (!address.ok) return address;
  return probePrinterAddress(address.value, profile.timeoutMs);
}
