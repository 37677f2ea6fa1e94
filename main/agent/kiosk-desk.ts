import type { KioskOfflineState, TakeTicketOutput } from '../../core/protocol/bridge';
import { serviceDay } from '../../core/queue/numbering';
import type { Result } from '../../core/result';
import type { HubClient, HubClientState } from './hub-client';
import type { KioskDeskContext } from './kiosk-desk-context';
import { KioskLeaseStock } from './kiosk-lease-stock';
import { KioskOutboxCourier } from './kiosk-outbox-courier';
import { KioskTicketPrint, type PrintTicket } from './kiosk-ticket-print';
import { KioskTicketing, type DeclaredPriority } from './kiosk-ticketing';
import { KioskStore } from './store/kiosk-store';

export interface KioskDeskOptions {
  readonly hub: HubClient;
  readonly dataDir: string;
  /** The agent's clock (tests move it to another day, or over ten minutes). */
  readonly now: () => Date;
  /** Prints a ticket on the kiosk's printer (the agent keeps the printer's health). */
  readonly print: PrintTicket;
  readonly onChange: () => void;
  /** How long a tap waits for the hub's answer to ticket:issue before issuing from the lease (default 3 s). */
  readonly issuePatienceMs?: number;
  /** How often, while connected, to top up the leases and deliver what waits (default 30 s). */
  readonly syncMs?: number;
}

/**
 * The kiosk's ticket path. Online, the hub issues the number; while connected the kiosk also
 * keeps, per service, a small lease of today's numbers (kiosk-lease-stock.ts, store/kiosk-store.ts).
 * When the hub is unreachable, or a ticket:issue gets no answer in time, the ticket comes from
 * that lease at once (kiosk-ticketing.ts), prints like any other with a discreet offline mark
 * (kiosk-ticket-print.ts), and waits in the outbox; on reconnect the outbox is delivered in issue
 * order (kiosk-outbox-courier.ts).
 */
export class KioskDesk {
  private readonly store: KioskStore;
  private readonly courier: KioskOutboxCourier;
  private readonly stock: KioskLeaseStock;
  private readonly ticketing: KioskTicketing;
  private timer: NodeJS.Timeout | null = null;
  private wasConnected = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: KioskDeskOptions) {
    this.store = new KioskStore(options.dataDir);
    const desk: KioskDeskContext = { hub: options.hub, store: this.store, now: options.now, onChange: options.onChange, closed: () => this.closed };
    this.courier = new KioskOutboxCourier(desk);
    this.stock = new KioskLeaseStock(desk);
    this.ticketing = new KioskTicketing(desk, {
      printing: new KioskTicketPrint(desk, options.print),
      issuePatienceMs: options.issuePatienceMs ?? 3000,
      topUp: () => this.topUp(),
      flush: () => this.flush(),
    });
    this.unsubscribe = options.hub.onChange((s) => this.follow(s));
  }

  start(): void {
    this.follow(this.options.hub.current());
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
    await this.courier.idle();
    await this.stock.idle();
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
  takeTicket(serviceId: string, priority: DeclaredPriority, commandId?: string): Promise<Result<TakeTicketOutput>> {
    return this.ticketing.takeTicket(serviceId, priority, commandId);
  }

  /** A booking code at the kiosk: only the hub can check it; the ticket prints like any other. */
  checkIn(code: string, commandId?: string): Promise<Result<TakeTicketOutput>> {
    return this.ticketing.checkIn(code, commandId);
  }

  /** Hands the outbox to the hub in issue order; one run at a time, a call during a run runs again after it. */
  flush(): Promise<void> {
    return this.courier.flush();
  }

  /** Tops up every service's lease of today below half a block; one run at a time. */
  topUp(): Promise<void> {
    return this.stock.topUp();
  }

  /** Once connected with a hello, delivers what waited and tops up at once (again after each reconnect). */
  private follow(s: HubClientState): void {
    if (s.connected && s.hello && !this.wasConnected) {
      this.wasConnected = true;
      void this.sync();
    }
    if (!s.connected) this.wasConnected = false;
  }
}
