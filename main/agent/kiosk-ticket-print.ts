import { randomUUID } from 'node:crypto';
import type { TakeTicketOutput } from '../../core/protocol/bridge';
import type { Ticket } from '../../core/queue/types';
import { ticketPageUrl } from '../../core/public/ticket-token';
import { ok, type AppError, type Result } from '../../core/result';
import type { TicketPrintData } from '../../hardware/printer/layouts/queue-ticket';
import type { KioskDeskContext } from './kiosk-desk-context';
import type { OfflineTicketRow } from './store/kiosk-store';

/** Prints a ticket on the kiosk's printer (the agent keeps the printer's health). */
export type PrintTicket = (data: TicketPrintData) => Promise<{ ok: true } | { ok: false; error: AppError }>;

/** What the hub answers when it issues a ticket, by ticket:issue or appointment:check-in (or the same, made from a lease). */
export interface IssuedTicket {
  readonly ticket: Ticket;
  readonly waitingAhead: number | null;
  readonly estimatedWaitMinutes: number | null;
  /** The ticket's public page, when the centre has a public address: the QR and its "scan to follow" line are printed only then. */
  readonly trackingUrl?: string;
}

/**
 * Puts an issued ticket in the citizen's hand; when the printer cannot, applies the centre's
 * keep-or-void policy (`onPrintFailure`): a voided number is cancelled at the hub, or, for a
 * ticket from the lease, cancelled once the outbox has delivered it.
 */
export class KioskTicketPrint {
  constructor(
    private readonly desk: Pick<KioskDeskContext, 'hub' | 'store'>,
    private readonly print: PrintTicket,
  ) {}

  async deliver(issued: IssuedTicket, offline?: OfflineTicketRow): Promise<Result<TakeTicketOutput>> {
    const { ticket, waitingAhead, estimatedWaitMinutes } = issued;
    const hello = this.desk.hub.current().hello;
    const serviceName = hello?.services.find((s) => s.id === ticket.serviceId)?.name ?? ticket.serviceId;
    const counters = hello?.counters.filter((c) => c.serviceIds.includes(ticket.serviceId)).map((c) => c.label) ?? [];
    const printed = await this.print({
      centreName: hello?.centre.name ?? '',
      serviceName,
      number: ticket.number,
      waitingAhead: waitingAhead ?? undefined,
      estimatedWaitMinutes: estimatedWaitMinutes ?? undefined,
      issuedAt: new Date(ticket.issuedAt),
      timeZone: hello?.centre.timeZone ?? 'Asia/Ho_Chi_Minh',
      counterHint: counters.length ? counters.join(', ') : undefined,
      // No public page, no QR: the ticket promises tracking only when a phone can really follow it. An offline
      // ticket's link carries the token the kiosk drew; the hub knows it once the ticket is delivered.
      qrContent: offline ? (offline.trackingToken && hello?.centre.publicBaseUrl ? ticketPageUrl(hello.centre.publicBaseUrl, offline.trackingToken) : undefined) : issued.trackingUrl,
      offline: offline ? true : undefined,
    });
    const result = { ticket, serviceName, waitingAhead, estimatedWaitMinutes, printed, ...(offline ? { offline: true } : {}) };
    if (printed.ok) return ok({ ...result, outcome: 'printed' });
    // No paper in the citizen's hand: the centre decides whether the number stays valid.
    if (hello?.centre.onPrintFailure === 'void') {
      if (offline) {
        // Still delivered (its number is spent, and a superseded online ticket must go), then cancelled.
        this.desk.store.requestVoid(offline.seq);
        return ok({ ...result, ticket: { ...ticket, state: 'cancelled' }, outcome: 'voided' });
      }
      const voided = await this.desk.hub.command('ticket:cancel', { commandId: randomUUID(), ticketId: ticket.id });
      if (voided.ok) return ok({ ...result, ticket: voided.value.ticket, outcome: 'voided' });
    }
    return ok({ ...result, outcome: 'kept' });
  }
}
