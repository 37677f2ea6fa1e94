import { randomUUID } from 'node:crypto';
import { CoalescedRun } from './coalesced-run';
import type { KioskOfflineState, TakeTicketOutput } from '../../core/protocol/bridge';
import type { Hello } from '../../core/protocol/socket';
import { serviceDay } from '../../core/queue/numbering';
import { offlineNumberBlock } from '../../core/queue/rules';
import type { PriorityClass, Ticket } from '../../core/queue/types';
import { err, ok, type AppError, type Result } from '../../core/result';
import type { TicketPrintData } from '../../hardware/printer/layouts/queue-ticket';
import type { HubClient } from './hub-client';
import { KioskStore, type OfflineTicketRow } from './store/kiosk-store';

export interface KioskDeskOptions {
  readonly hub: HubClient;
  readonly dataDir: string;
  /** The agent's clock (tests move it to another day, or over ten minutes). */
  readonly now: () => Date;
  /** Prints a ticket on the kiosk's printer (the agent keeps the printer's health). */
  readonly print: (data: TicketPrintData) => Promise<{ ok: true } | { ok: false; error: AppError }>;
  readonly onChange: () => void;
  /** How long a tap waits for the hub's answer to ticket:issue before issuing from the lease (default 3 s). */
  readonly issuePatienceMs?: number;
  /** How often, while connected, to top up the leases and deliver what waits (default 30 s). */
  readonly syncMs?: number;
}

type DeclaredPriority = Exclude<PriorityClass, 'appointment'>;

/** What the hub answers when it issues a ticket, by ticket:issue or appointment:check-in. */
interface IssuedTicket {
  readonly ticket: Ticket;
  readonly waitingAhead: number | null;
  readonly estimatedWaitMinutes: number | null;
}

/** Hub answers that mean an offline ticket will never be accepted as sent: kept as failed, shown to staff. */
const PERMANENT: readonly AppError['kind'][] = ['conflict', 'invalid-input', 'not-found', 'exhausted', 'forbidden'];

/**
 * The kiosk's ticket path. Online, the hub issues the number; while connected the kiosk also
 * keeps, per service, a small lease of today's numbers (store/kiosk-store.ts). When the hub is
 * unreachable, or a ticket:issue gets no answer in time, the ticket comes from that lease at
 * once, prints like any other (with a discreet offline mark), and waits in the outbox; on
 * reconnect the outbox is delivered in issue order, each ticket once (its commandId makes a
 * replay harmless), marked delivered only after the hub's ok.
 */
export class KioskDesk {
  private readonly store: KioskStore;
  private timer: NodeJS.Timeout | null = null;
  /** Delivering the outbox and topping the leases up: each one run at a time, a call during a run runs again after it. */
  private readonly delivery = new CoalescedRun(() => this.deliverPending(), () => this.closed);
  private readonly leasing = new CoalescedRun(() => this.leaseWhatIsLow(), () => this.closed);
  private wasConnected = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: KioskDeskOptions) {
    this.store = new KioskStore(options.dataDir);
    this.unsubscribe = options.hub.onChange((s) => {
      if (s.connected && s.hello && !this.wasConnected) {
        this.wasConnected = true;
        void this.sync();
      }
      if (!s.connected) this.wasConnected = false;
    });
  }

  start(): void {
    const s = this.options.hub.current();
    if (s.connected && s.hello && !this.wasConnected) {
      this.wasConnected = true;
      void this.sync();
    }
    this.timer = setInterval(() => {
      if (this.options.hub.current().connected) void this.sync();
    }, this.options.syncMs ?? 30_000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    await this.delivery.idle();
    await this.leasing.idle();
    this.store.close();
  }

  /** Delivers what waits, then tops the leases up; resolves when both are done (tests wait on it). */
  async sync(): Promise<void> {
    await this.flush();
    await this.topUp();
  }

  state(): KioskOfflineState {
    if (this.closed) return { pending: 0, numbersLeft: {}, failed: [] };
    const hello = this.options.hub.current().hello;
    const day = hello ? serviceDay(this.options.now(), hello.centre.timeZone) : null;
    return {
      pending: this.store.pendingCount(),
      numbersLeft: day ? this.store.numbersLeftByService(day) : {},
      failed: this.store.failed().map((r) => ({ serviceId: r.serviceId, day: r.day, number: r.number, message: r.error ?? 'Máy chủ từ chối vé.' })),
    };
  }

  /** A citizen's tap on a service tile; `commandId` is minted at the tap (absent: here). */
  async takeTicket(serviceId: string, priority: DeclaredPriority, commandId: string = randomUUID()): Promise<Result<TakeTicketOutput>> {
    const s = this.options.hub.current();
    if (!s.hello) return err('hub-unreachable', 'Kiosk chưa kết nối được máy chủ lần nào kể từ khi cài đặt: chưa cấp được số.');
    if (s.hello.device.role !== 'kiosk') return err('forbidden', 'Chỉ kiosk mới lấy số.');
    let supersedes: string | null = null;
    if (s.connected) {
      const issued = await this.issueOnline({ commandId, serviceId, priority });
      if (issued.ok) {
        void this.topUp();
        return this.deliverTicket(issued.value);
      }
      // A refusal is the hub's answer (service closed, numbers exhausted…); only silence falls back.
      if (issued.error.kind !== 'hub-unreachable') return issued;
      supersedes = commandId;
    }
    return this.issueOffline(s.hello, serviceId, priority, supersedes === null ? commandId : randomUUID(), supersedes);
  }

  /**
   * ticket:issue, re-sent with the same id for at most the issue patience (HubClient): a citizen
   * is not kept at the screen for long. Still no answer: the offline ticket supersedes it at the hub.
   */
  private issueOnline(input: { commandId: string; serviceId: string; priority: DeclaredPriority }): Promise<Result<IssuedTicket>> {
    return this.options.hub.command('ticket:issue', input, { patienceMs: this.options.issuePatienceMs ?? 3000 });
  }

  /** A booking code at the kiosk: only the hub can check it; the ticket prints like any other. */
  async checkIn(code: string, commandId: string = randomUUID()): Promise<Result<TakeTicketOutput>> {
    const hello = this.options.hub.current().hello;
    if (hello && hello.device.role !== 'kiosk') return err('forbidden', 'Chỉ kiosk mới xác nhận lịch hẹn.');
    const checked = await this.options.hub.command('appointment:check-in', { commandId, code });
    if (!checked.ok) return checked;
    return this.deliverTicket(checked.value);
  }

  private async issueOffline(hello: Hello, serviceId: string, priority: DeclaredPriority, commandId: string, supersedes: string | null): Promise<Result<TakeTicketOutput>> {
    const now = this.options.now();
    const day = serviceDay(now, hello.centre.timeZone);
    if (!hello.services.some((x) => x.id === serviceId)) return err('not-found', `Không có dịch vụ "${serviceId}" tại trung tâm này.`);
    // Only a lease of today: yesterday's numbers are given again by the hub today.
    const row = this.store.issue({ commandId, serviceId, day, issuedAt: now.toISOString(), priority, supersedes });
    if (!row) {
      return err('hub-unreachable', 'Máy chủ của trung tâm đang mất kết nối và kiosk không còn số dự phòng cho dịch vụ này: tạm thời chưa cấp được số. Xin mời quý khách liên hệ quầy hướng dẫn.');
    }
    this.options.onChange();
    const ticket: Ticket = {
      id: 0,
      serviceId,
      number: row.number,
      day,
      state: 'waiting',
      issuedAt: row.issuedAt,
      calledAt: null,
      firstCalledAt: null,
      startedAt: null,
      finishedAt: null,
      counterId: null,
      issuedBy: hello.device.id,
      priority,
      recalls: 0,
      assignedCounterId: null,
      clerkId: null,
    };
    const out = await this.deliverTicket({ ticket, waitingAhead: null, estimatedWaitMinutes: null }, row);
    // The hub may be back already (only the answer was lost): no need to wait for the timer.
    if (this.options.hub.current().connected) void this.flush();
    return out;
  }

  /** Prints an issued ticket; when it cannot, applies the centre's keep-or-void policy. */
  private async deliverTicket(issued: IssuedTicket, offline?: OfflineTicketRow): Promise<Result<TakeTicketOutput>> {
    const { ticket, waitingAhead, estimatedWaitMinutes } = issued;
    const hello = this.options.hub.current().hello;
    const serviceName = hello?.services.find((s) => s.id === ticket.serviceId)?.name ?? ticket.serviceId;
    const counters = hello?.counters.filter((c) => c.serviceIds.includes(ticket.serviceId)).map((c) => c.label) ?? [];
    const printed = await this.options.print({
      centreName: hello?.centre.name ?? '',
      serviceName,
      number: ticket.number,
      waitingAhead: waitingAhead ?? undefined,
      estimatedWaitMinutes: estimatedWaitMinutes ?? undefined,
      issuedAt: new Date(ticket.issuedAt),
      timeZone: hello?.centre.timeZone ?? 'Asia/Ho_Chi_Minh',
      counterHint: counters.length ? counters.join(', ') : undefined,
      qrContent: `MOTCUA:VE:${ticket.day}:${ticket.serviceId}:${ticket.number}`,
      offline: offline ? true : undefined,
    });
    const result = { ticket, serviceName, waitingAhead, estimatedWaitMinutes, printed, ...(offline ? { offline: true } : {}) };
    if (printed.ok) return ok({ ...result, outcome: 'printed' });
    // No paper in the citizen's hand: the centre decides whether the number stays valid.
    if (hello?.centre.onPrintFailure === 'void') {
      if (offline) {
        // Still delivered (its number is spent, and a superseded online ticket must go), then cancelled.
        this.store.requestVoid(offline.seq);
        return ok({ ...result, ticket: { ...ticket, state: 'cancelled' }, outcome: 'voided' });
      }
      const voided = await this.options.hub.command('ticket:cancel', { commandId: randomUUID(), ticketId: ticket.id });
      if (voided.ok) return ok({ ...result, ticket: voided.value.ticket, outcome: 'voided' });
    }
    return ok({ ...result, outcome: 'kept' });
  }

  /** Hands the outbox to the hub in issue order; one run at a time, a call during a run runs again after it. */
  flush(): Promise<void> {
    return this.delivery.run();
  }

  private async deliverPending(): Promise<void> {
    if (this.closed) return;
    for (const row of this.store.undelivered()) {
      if (this.closed) return;
      const hello = this.options.hub.current().hello;
      if (!hello) return;
      const today = serviceDay(this.options.now(), hello.centre.timeZone);
      if (row.day < today) {
        this.store.markFailed(row.seq, `Vé số ${row.number} cấp ngoại tuyến ngày ${row.day} chưa kịp chuyển lên máy chủ trong ngày: không còn hiệu lực.`);
        this.options.onChange();
        continue;
      }
      const sent = await this.options.hub.command('ticket:deliver-offline', {
        commandId: row.commandId,
        serviceId: row.serviceId,
        day: row.day,
        number: row.number,
        issuedAt: row.issuedAt,
        priority: row.priority,
        ...(row.supersedes ? { supersedes: row.supersedes } : {}),
        // One sending: the outbox itself is the retry (next reconnect or sync), in order.
      }, { patienceMs: 0 });
      if (sent.ok) {
        this.store.markDelivered(row.seq, sent.value.ticket.id, this.options.now().toISOString());
        if (row.voidRequested) await this.options.hub.command('ticket:cancel', { commandId: randomUUID(), ticketId: sent.value.ticket.id });
        this.options.onChange();
        continue;
      }
      if (PERMANENT.includes(sent.error.kind)) {
        this.store.markFailed(row.seq, sent.error.message);
        this.options.onChange();
        continue;
      }
      // The hub is away again (or failed inside): keep the order, try the rest later.
      this.store.noteAttempt(row.seq, sent.error.message);
      return;
    }
  }

  /** Tops up every service's lease of today below half a block; one run at a time. */
  topUp(): Promise<void> {
    return this.leasing.run();
  }

  private async leaseWhatIsLow(): Promise<void> {
    const s = this.options.hub.current();
    const block = s.hello ? offlineNumberBlock(s.hello.rules) : 0;
    if (this.closed || !s.connected || !s.hello || block === 0) return;
    // The kiosk's clock and the hub's disagree on the day (a wrong clock, or the minutes around
    // midnight): a lease now could only be of a day the kiosk will not issue on.
    if (s.snapshot && s.snapshot.day !== serviceDay(this.options.now(), s.hello.centre.timeZone)) return;
    for (const service of s.hello.services) {
      if (this.closed) return;
      const day = serviceDay(this.options.now(), s.hello.centre.timeZone);
      if (this.store.numbersLeft(service.id, day) * 2 >= block) continue;
      const leased = await this.options.hub.command('ticket:lease-numbers', { commandId: randomUUID(), serviceId: service.id, count: block }, { patienceMs: 0 });
      if (this.closed) return;
      if (leased.ok) {
        this.store.addLease(leased.value.lease, this.options.now().toISOString());
        this.options.onChange();
        // The hub's day is not the kiosk's (clocks apart around midnight): the lease is kept, used
        // only on its own day, and no more is asked this round, so the two never chase each other.
        if (leased.value.lease.day !== day) return;
      } else if (leased.error.kind === 'hub-unreachable') {
        return;
      }
    }
  }
}
