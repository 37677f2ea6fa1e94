import type { ServerResponse } from 'node:http';
import { PublicStreams, type OpenRefusal } from './public-streams';
import { publicTicketView, ticketPageExpired, positionsOf, type PublicTicketView } from '../../core/public/ticket-view';
import { serviceDay } from '../../core/queue/numbering';
import type { QueueEvent } from '../../core/queue/snapshot';
import type { Counter, Service } from '../../core/queue/types';
import { ESTIMATE_SAMPLE, estimateWaitMinutes } from '../../core/queue/wait-estimate';
import type { TicketRepository } from '../queue/ticket-repository';
import type { Async } from '../store/async-of';
import type { PhoneLimits } from './phone-limits';
import type { TicketTokens, TokenTicket } from './ticket-tokens';

export interface PhoneFeedOptions {
  readonly tokens: TicketTokens;
  readonly tickets: Pick<Async<TicketRepository>, 'recentServiceMinutes' | 'counterStates'>;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly timeZone: string;
  readonly clock: () => Date;
  readonly limits: PhoneLimits;
  /** Whether the centre sends "nhắc tôi khi còn N người" messages (the page then offers them). */
  readonly remindersOffered?: boolean;
  /** The public pages' shared streams and their limits (absent: the feed's own). */
  readonly streams?: PublicStreams;
}

interface ServiceFacts {
  readonly positions: Map<number, number>;
  readonly recent: number[];
  readonly open: number;
}

export type { OpenRefusal } from './public-streams';

const keyOf = (ticketId: number): string => `t:${ticketId}`;

/**
 * The live side of the public ticket page: Server-Sent Events, one stream per open page, fed
 * from the hub's queue events. A batch of events marks the services it touched; one flush then
 * reads each touched service's waiting order once (not once per phone) and writes to each phone
 * whose view changed. Streams end with their ticket's day ("expired"), or when the hub closes.
 */
export class PhoneFeed {
  private readonly streams: PublicStreams;
  private readonly followed = new Map<number, TokenTicket>();
  /** A service's facts (waiting order, recent service times, open counters) until the next event touching it: a hall of phones opening at once reads them once. */
  private readonly facts = new Map<string, Promise<ServiceFacts>>();
  private dirtyServices = new Set<string>();
  private dirtyAll = false;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private readonly sweep: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: PhoneFeedOptions) {
    this.streams = options.streams ?? new PublicStreams(options.limits);
    this.sweep = setInterval(() => this.expireStale(), options.limits.sweepMs);
    this.sweep.unref();
  }

  get streamCount(): number {
    return this.streams.count;
  }

  /** Opens a stream for a ticket found by its token (the caller checked the token and its day). */
  async open(ticket: TokenTicket, address: string, res: ServerResponse): Promise<OpenRefusal | null> {
    if (this.closed) return 'streams-total';
    const refused = this.streams.open(keyOf(ticket.id), address, res, () => this.followed.delete(ticket.id));
    if (refused) return refused;
    this.followed.set(ticket.id, ticket);
    const view = await this.viewOf(ticket);
    if (view) this.send(ticket.id, view);
    return null;
  }

  /** The hub's queue events after a commit: the touched services are recomputed on the next turn of the loop. */
  onEvents(events: readonly QueueEvent[]): void {
    if (this.closed) return;
    if (this.followed.size === 0) {
      this.facts.clear();
      return;
    }
    for (const e of events) {
      if (e.kind === 'counter') {
        // A counter paused or reopened changes every estimate of its services.
        this.dirtyAll = true;
        this.facts.clear();
        continue;
      }
      const before = this.followed.get(e.ticket.id);
      if (before) {
        this.followed.set(e.ticket.id, { ...before, serviceId: e.ticket.serviceId, state: e.ticket.state, calledAt: e.ticket.calledAt, counterId: e.ticket.counterId });
        this.dirtyServices.add(before.serviceId);
      }
      // A transfer moves a ticket out of a service it does not name any more: recompute all.
      if (e.type === 'ticket-transferred') this.dirtyAll = true;
      this.dirtyServices.add(e.ticket.serviceId);
    }
    if (this.dirtyAll) this.facts.clear();
    for (const key of [...this.facts.keys()]) if (this.dirtyServices.has(key.slice(key.indexOf('|') + 1))) this.facts.delete(key);
    this.scheduleFlush();
  }

  /**
   * A ticket's follow-ups changed (a reminder set, a rating given on its page): its row is read
   * again and its phones get the new view.
   */
  async followUpChanged(ticketId: number): Promise<void> {
    if (this.closed || !this.followed.has(ticketId)) return;
    const fresh = await this.options.tokens.ticket(ticketId);
    if (!fresh || !this.followed.has(ticketId)) return;
    this.followed.set(ticketId, fresh);
    this.dirtyServices.add(fresh.serviceId);
    this.scheduleFlush();
  }

  async view(ticket: TokenTicket): Promise<PublicTicketView | null> {
    return this.viewOf(ticket);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweep);
    this.streams.close();
    this.followed.clear();
    this.facts.clear();
  }

  private scheduleFlush(): void {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .catch((e: unknown) => console.error(`motcua hub: phone feed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.flushing = null;
        if (this.flushAgain) {
          this.flushAgain = false;
          this.scheduleFlush();
        }
      });
  }

  private async flush(): Promise<void> {
    const all = this.dirtyAll;
    const dirty = this.dirtyServices;
    this.dirtyAll = false;
    this.dirtyServices = new Set();
    // Followed tickets grouped by (day, service): one read of the waiting order per group.
    const groups = new Map<string, TokenTicket[]>();
    for (const t of this.followed.values()) {
      if (!all && !dirty.has(t.serviceId)) continue;
      const key = `${t.day}|${t.serviceId}`;
      const list = groups.get(key);
      if (list) list.push(t);
      else groups.set(key, [t]);
    }
    for (const list of groups.values()) {
      const { day, serviceId } = list[0]!;
      const facts = await this.serviceFacts(day, serviceId);
      for (const t of list) {
        const view = this.compose(t, facts);
        this.send(t.id, view);
      }
    }
  }

  private serviceFacts(day: string, serviceId: string): Promise<ServiceFacts> {
    const key = `${day}|${serviceId}`;
    let facts = this.facts.get(key);
    if (!facts) {
      facts = this.readServiceFacts(day, serviceId);
      this.facts.set(key, facts);
      // A failed read is not kept.
      facts.catch(() => this.facts.delete(key));
    }
    return facts;
  }

  private async readServiceFacts(day: string, serviceId: string): Promise<ServiceFacts> {
    const positions = positionsOf(await this.options.tokens.waitingOrder(day, serviceId));
    const recent = await this.options.tickets.recentServiceMinutes(serviceId, ESTIMATE_SAMPLE);
    const states = await this.options.tickets.counterStates();
    const open = this.options.counters.filter((c) => c.serviceIds.includes(serviceId) && !states.get(c.id)?.paused).length;
    return { positions, recent, open };
  }

  private compose(t: TokenTicket, facts: ServiceFacts): PublicTicketView {
    const ahead = facts.positions.get(t.id) ?? 0;
    return publicTicketView({
      ticket: t,
      serviceName: this.options.services.find((s) => s.id === t.serviceId)?.name ?? t.serviceId,
      counterLabel: t.counterId ? (this.options.counters.find((c) => c.id === t.counterId)?.label ?? null) : null,
      ahead,
      estimatedWaitMinutes: estimateWaitMinutes(ahead, facts.recent, facts.open),
      followUp: { remindersOffered: this.options.remindersOffered ?? false, reminderRemaining: t.reminderRemaining, rated: t.rated },
    });
  }

  private async viewOf(ticket: TokenTicket): Promise<PublicTicketView | null> {
    const current = this.followed.get(ticket.id) ?? (await this.options.tokens.ticket(ticket.id));
    if (!current) return null;
    return this.compose(current, await this.serviceFacts(current.day, current.serviceId));
  }

  private send(ticketId: number, view: PublicTicketView): void {
    this.streams.send(keyOf(ticketId), 'ticket', JSON.stringify(view));
  }

  /** Streams whose ticket's day has ended: told so, then closed (the page shows "Vé đã hết hạn"). */
  private expireStale(): void {
    const today = serviceDay(this.options.clock(), this.options.timeZone);
    for (const [id, t] of [...this.followed]) if (ticketPageExpired(t.day, today)) this.streams.end(keyOf(id), 'expired', '{}');
  }
}
