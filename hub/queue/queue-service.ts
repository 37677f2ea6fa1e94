import type { Database } from 'better-sqlite3';
import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import { pickNext } from '../../core/queue/call-next';
import { nextNumber, serviceDay } from '../../core/queue/numbering';
import type { QueueEvent, QueueSnapshot } from '../../core/queue/snapshot';
import { transition, type TicketAction } from '../../core/queue/ticket-state';
import type { Counter, Service, Ticket } from '../../core/queue/types';
import type { Result } from '../../core/result';
import type { CommandContext } from '../commands/command-runner';
import { TicketRepository } from './ticket-repository';

export interface QueueServiceOptions {
  readonly db: Database;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly timeZone: string;
  readonly clock: () => Date;
  /** Called after each commit with the events it produced, in seq order. */
  readonly publish: (events: readonly QueueEvent[]) => void;
}

const EVENT_OF = { start: 'ticket-started', complete: 'ticket-completed', 'no-show': 'ticket-no-show', cancel: 'ticket-cancelled' } as const;

/** The queue's command handlers and its snapshot. Handlers run inside the command's transaction. */
export class QueueService {
  private readonly repo: TicketRepository;

  constructor(private readonly options: QueueServiceOptions) {
    this.repo = new TicketRepository(options.db);
  }

  snapshot(): QueueSnapshot {
    const day = this.today();
    const counts = this.repo.waitingCounts(day);
    return {
      seq: this.repo.lastSeq(),
      day,
      waiting: Object.fromEntries(this.options.services.map((s) => [s.id, counts.get(s.id) ?? 0])),
      counters: Object.fromEntries(this.options.counters.map((c) => [c.id, this.repo.lastAtCounter(day, c.id)])),
      recentCalls: this.repo.recentCalls(day),
    };
  }

  today(): string {
    return serviceDay(this.options.clock(), this.options.timeZone);
  }

  issue(ctx: CommandContext, input: CommandInput<'ticket:issue'>): CommandOutput<'ticket:issue'> {
    const service = this.options.services.find((s) => s.id === input.serviceId);
    if (!service) ctx.fail('not-found', `Không có dịch vụ "${input.serviceId}".`);
    const day = serviceDay(ctx.now, this.options.timeZone);
    const number = this.must(ctx, nextNumber(service, this.repo.lastNumber(day, service.id)));
    const ticket = this.repo.insertTicket(day, service.id, number, ctx.now.toISOString(), ctx.device.id);
    this.emit(ctx, 'ticket-issued', ticket);
    return { ticket, waitingAhead: this.repo.waitingAhead(ticket) };
  }

  callNext(ctx: CommandContext, input: CommandInput<'counter:call-next'>): CommandOutput<'counter:call-next'> {
    const counter = this.options.counters.find((c) => c.id === input.counterId);
    if (!counter) ctx.fail('not-found', `Không có quầy "${input.counterId}".`);
    if (ctx.device.counterId !== counter.id) ctx.fail('forbidden', `Thiết bị "${ctx.device.id}" không thuộc ${counter.name}.`);
    const day = serviceDay(ctx.now, this.options.timeZone);
    const active = this.repo.activeAtCounter(day, counter.id);
    if (active) ctx.fail('conflict', `Quầy đang có số ${active.number} chưa kết thúc: hoàn thành hoặc đánh dấu vắng mặt trước.`);
    const next = pickNext(counter, this.repo.waiting(day));
    if (!next) ctx.fail('not-found', 'Không còn ai đang chờ ở các dịch vụ của quầy này.');
    const ticket = this.repo.update({ ...next, state: this.must(ctx, transition(next.state, 'call')), calledAt: ctx.now.toISOString(), counterId: counter.id });
    this.emit(ctx, 'ticket-called', ticket);
    return { ticket };
  }

  /** Start, complete or no-show: only for a ticket called to the device's own counter. */
  atCounter(ctx: CommandContext, ticketId: number, action: 'start' | 'complete' | 'no-show'): { ticket: Ticket } {
    const current = this.find(ctx, ticketId);
    if (current.counterId === null || current.counterId !== ctx.device.counterId) {
      ctx.fail('forbidden', `Vé số ${current.number} không được gọi tới quầy của thiết bị "${ctx.device.id}".`);
    }
    return { ticket: this.apply(ctx, current, action) };
  }

  /** A kiosk voids a waiting ticket it issued itself (its print failed and the centre voids such tickets). */
  cancelOwn(ctx: CommandContext, ticketId: number): { ticket: Ticket } {
    const current = this.find(ctx, ticketId);
    if (current.issuedBy !== ctx.device.id) ctx.fail('forbidden', `Vé số ${current.number} không do thiết bị "${ctx.device.id}" cấp.`);
    return { ticket: this.apply(ctx, current, 'cancel') };
  }

  private find(ctx: CommandContext, ticketId: number): Ticket {
    const ticket = this.repo.byId(ticketId);
    if (!ticket) ctx.fail('not-found', `Không có vé mã ${ticketId}.`);
    return ticket;
  }

  private apply(ctx: CommandContext, current: Ticket, action: Exclude<TicketAction, 'call'>): Ticket {
    const state = this.must(ctx, transition(current.state, action));
    const at = ctx.now.toISOString();
    const ticket = this.repo.update({
      ...current,
      state,
      startedAt: action === 'start' ? at : current.startedAt,
      finishedAt: action === 'start' ? current.finishedAt : at,
    });
    this.emit(ctx, EVENT_OF[action], ticket);
    return ticket;
  }

  private emit(ctx: CommandContext, type: QueueEvent['type'], ticket: Ticket): void {
    const event = this.repo.appendEvent(type, ticket, ctx.now.toISOString());
    ctx.afterCommit(() => this.options.publish([event]));
  }

  private must<T>(ctx: CommandContext, r: Result<T>): T {
    if (!r.ok) ctx.fail(r.error.kind, r.error.message);
    return r.value;
  }
}
