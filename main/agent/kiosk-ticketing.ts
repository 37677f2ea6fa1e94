import { randomBytes, randomUUID } from 'node:crypto';
import { TICKET_TOKEN_BYTES, ticketTokenFromBytes } from '../../core/public/ticket-token';
import type { TakeTicketOutput } from '../../core/protocol/bridge';
import type { Hello } from '../../core/protocol/socket';
import { serviceDay } from '../../core/queue/numbering';
import { withinHours, walkInRefusal } from '../../core/queue/walk-in-policy';
import type { PriorityClass, Ticket } from '../../core/queue/types';
import { err, type Result } from '../../core/result';
import type { KioskDeskContext } from './kiosk-desk-context';
import type { IssuedTicket, KioskTicketPrint } from './kiosk-ticket-print';

export type DeclaredPriority = Exclude<PriorityClass, 'appointment'>;

export interface KioskTicketingOptions {
  readonly printing: KioskTicketPrint;
  /** How long a tap waits for the hub's answer to ticket:issue before issuing from the lease. */
  readonly issuePatienceMs: number;
  /** Tops the leases up (after a number was taken online). */
  readonly topUp: () => Promise<void>;
  /** Delivers the outbox (after a ticket was issued from the lease while the hub may be back). */
  readonly flush: () => Promise<void>;
}

/**
 * A citizen's tap: online the hub issues the number; when the hub is unreachable, or
 * ticket:issue gets no answer in time, the ticket comes from the lease at once and waits in the
 * outbox, superseding the unanswered online one at the hub.
 */
export class KioskTicketing {
  constructor(
    private readonly desk: KioskDeskContext,
    private readonly options: KioskTicketingOptions,
  ) {}

  /** A citizen's tap on a service tile; `commandId` is minted at the tap (absent: here). */
  async takeTicket(serviceId: string, priority: DeclaredPriority, commandId: string = randomUUID()): Promise<Result<TakeTicketOutput>> {
    const s = this.desk.hub.current();
    if (!s.hello) return err('hub-unreachable', 'Kiosk chưa kết nối được máy chủ lần nào kể từ khi cài đặt: chưa cấp được số.');
    if (s.hello.device.role !== 'kiosk') return err('forbidden', 'Chỉ kiosk mới lấy số.');
    let supersedes: string | null = null;
    if (s.connected) {
      const issued = await this.issueOnline({ commandId, serviceId, priority });
      if (issued.ok) {
        void this.options.topUp();
        return this.options.printing.deliver(issued.value);
      }
      // A refusal is the hub's answer (service closed, numbers exhausted…); only silence falls back.
      if (issued.error.kind !== 'hub-unreachable') return issued;
      supersedes = commandId;
    }
    return this.issueOffline(s.hello, serviceId, priority, supersedes === null ? commandId : randomUUID(), supersedes);
  }

  /** A booking code at the kiosk: only the hub can check it; the ticket prints like any other. */
  async checkIn(code: string, commandId: string = randomUUID()): Promise<Result<TakeTicketOutput>> {
    const hello = this.desk.hub.current().hello;
    if (hello && hello.device.role !== 'kiosk') return err('forbidden', 'Chỉ kiosk mới xác nhận lịch hẹn.');
    const checked = await this.desk.hub.command('appointment:check-in', { commandId, code });
    if (!checked.ok) return checked;
    return this.options.printing.deliver(checked.value);
  }

  /**
   * ticket:issue, re-sent with the same id for at most the issue patience (HubClient): a citizen
   * is not kept at the screen for long. Still no answer: the offline ticket supersedes it at the hub.
   */
  private issueOnline(input: { commandId: string; serviceId: string; priority: DeclaredPriority }): Promise<Result<IssuedTicket>> {
    return this.desk.hub.command('ticket:issue', input, { patienceMs: this.options.issuePatienceMs });
  }

  private async issueOffline(hello: Hello, serviceId: string, priority: DeclaredPriority, commandId: string, supersedes: string | null): Promise<Result<TakeTicketOutput>> {
    const now = this.desk.now();
    const day = serviceDay(now, hello.centre.timeZone);
    const service = hello.services.find((x) => x.id === serviceId);
    if (!service) return err('not-found', `Không có dịch vụ "${serviceId}" tại trung tâm này.`);
    // The hours are the config's, known here too: a lease never issues outside them. (The daily cap
    // is the hub's count; offline, a kiosk can overshoot it by at most its leased numbers.)
    const hours = withinHours(service.walkIn, now, hello.centre.timeZone);
    if (!hours.open) {
      const refusal = walkInRefusal(service.name, hours);
      return err(refusal.kind, refusal.message);
    }
    // Only a lease of today: yesterday's numbers are given again by the hub today.
    // With a public address, the paper's QR carries a token drawn here; the hub registers it when the ticket is delivered.
    const trackingToken = hello.centre.publicBaseUrl ? ticketTokenFromBytes(randomBytes(TICKET_TOKEN_BYTES)) : null;
    const row = this.desk.store.issue({ commandId, serviceId, day, issuedAt: now.toISOString(), priority, supersedes, trackingToken });
    if (!row) {
      return err('hub-unreachable', 'Máy chủ của trung tâm đang mất kết nối và kiosk không còn số dự phòng cho dịch vụ này: tạm thời chưa cấp được số. Xin mời quý khách liên hệ quầy hướng dẫn.');
    }
    this.desk.onChange();
    const ticket = offlineTicket({ serviceId, number: row.number, day, issuedAt: row.issuedAt, issuedBy: hello.device.id, priority });
    const out = await this.options.printing.deliver({ ticket, waitingAhead: null, estimatedWaitMinutes: null }, row);
    // The hub may be back already (only the answer was lost): no need to wait for the timer.
    if (this.desk.hub.current().connected) void this.options.flush();
    return out;
  }
}

/** A ticket issued from the lease, as the screen shows it until the hub has it (no hub id yet). */
function offlineTicket(t: { serviceId: string; number: number; day: string; issuedAt: string; issuedBy: string; priority: DeclaredPriority }): Ticket {
  return {
    id: 0,
    serviceId: t.serviceId,
    number: t.number,
    day: t.day,
    state: 'waiting',
    issuedAt: t.issuedAt,
    calledAt: null,
    firstCalledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    issuedBy: t.issuedBy,
    priority: t.priority,
    recalls: 0,
    assignedCounterId: null,
    clerkId: null,
  };
}
