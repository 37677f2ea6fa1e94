import type { PrinterProfile } from '../../core/devices';
import { queueTicketLayout } from './layouts/queue-ticket';
import type { TicketPrintData } from './layouts/queue-ticket';
import { encodeDocument } from './paper-encoder';

/**
 * The queue ticket as the agent has always asked for it. The layout itself
 * lives in layouts/queue-ticket.ts with the other papers.
 */

export type { TicketPrintData } from './layouts/queue-ticket';
export { formatIssuedAt } from './layouts/format';

/**
 * The exact ESC/POS bytes of a queue ticket in the profile's text strategy.
 * Throws RangeError on data that cannot be a ticket (negative number, unknown
 * time zone, oversized QR content).
 */
export function encodeTicket(data: TicketPrintData, profile: PrinterProfile): Buffer {
  return encodeDocument(queueTicketLayout.document(data), profile);
}
