import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import { pickNextFrom } from '../../core/queue/call-candidates';
import { serviceDay } from '../../core/queue/numbering';
import { walkInRefusal, walkInState } from '../../core/queue/walk-in-policy';
import type { QueueRules } from '../../core/queue/rules';
import type { CounterState, QueueEvent, QueueSnapshot, TicketEventType } from '../../core/queue/snapshot';
import { ESTIMATE_SAMPLE } from '../../core/queue/wait-estimate';
import { mayMarkNoShow, transition, type TicketAction } from '../../core/queue/ticket-state';
import type { Counter, PriorityClass, Service, Ticket } from '../../core/queue/types';
import type { Result } from '../../core/result';
import { pinRefusalKind, type ClerkDirectory } from '../clerks/clerk-directory';
import type { CommandContext, DirectContext } from '../commands/command-runner';
import type { Async } from '../store/async-of';
import type { TicketRepository } from './ticket-repository';
import { ticketOfThisCentre } from './ticket-lookup';
import type { IssueAlone } from './issue-alone';
import { inputsFromFigures, issueAnswer, servingCounters } from './issue-answer';

export interface QueueServiceOptions {
  readonly tickets: Async<TicketRepository>;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly rules: QueueRules;
  readonly timeZone: string;
  readonly clock: () => Date;
  /** The centre's clerks: names for the counter states, PIN checks for sign-in. */
  readonly clerks: ClerkDirectory;
  /** Called after each commit with the events it produced, in seq order. */
  readonly publish: (events: readonly QueueEvent[]) => void;
  /** Mints a new ticket's public token, in the issuing transaction: the link its QR carries (hub/public/ticket-tokens.ts); undefined: none. */
  readonly trackingUrl?: (ticket: Ticket, at: string) => Promise<string | undefined> | string | undefined;
  /** A new public token's hash and link for a statement that stores it itself (TicketTokens.draw); undefined: none. */
  readonly drawTrackingToken?: () => { tokenHash: string; url: string } | undefined;
  /** The one-statement issue (PostgreSQL: hub/store/pg/pg-issue-alone.ts); absent: every issue is transactional. */
  readonly alone?: IssueAlone;
}

const EVENT_OF = {
  recall: 'ticket-recalled',
  start: 'ticket-started',
  complete: 'ticket-completed',
  'no-show': 'ticket-no-show',
  cancel: 'ticket-cancelled',
  transfer: 'ticket-transferred',
} as const satisfies Record<Exclude<TicketAction, 'call'>, TicketEventType>;

/** The queue's command handlers and its snapshot. Handlers run inside the command's transaction. */
export class QueueService {
  private readonly repo: Async<TicketRepository>;

  constructor(private readonly options: QueueServiceOptions) {
    this.repo = options.tickets;
  }

  async snapshot(): Promise<QueueSnapshot> {
    const day = this.today();
    const counts = await this.repo.waitingCounts(day);
    const counters = await Promise.all(this.options.counters.map(async (c) => [c.id, await this.repo.lastAtCounter(day, c.id)] as const));
    return {
      seq: await this.repo.lastSeq(),
      day,
      waiting: Object.fromEntries(this.options.services.map((s) => [s.id, counts.get(s.id) ?? 0])),
      counters: Object.fromEntries(counters),
      counterStates: await this.counterStates(),
      recentCalls: await this.repo.recentCalls(day),
    };
  }

  /** The clerk signed in at a counter (one small query, not a whole snapshot). */
  async clerkAt(counterId: string): Promise<CounterState['clerk']> {
    return this.stateOf((await this.repo.counterStates()).get(counterId)).clerk;
  }

  /** The sequence number of the last broadcast change. */
  lastSeq(): Promise<number> {
    return this.repo.lastSeq();
  }

  today(): string {
    return serviceDay(this.options.clock(), this.options.timeZone);
  }

  async issue(ctx: CommandContext, input: CommandInput<'ticket:issue'>, priority: PriorityClass = input.priority): Promise<CommandOutput<'ticket:issue'>> {
    const service = this.options.services.find((s) => s.id === input.serviceId);
    if (!service) ctx.fail('not-found', `Không có dịch vụ "${input.serviceId}".`);
    const day = serviceDay(ctx.now, this.options.timeZone);
    if (priority !== 'appointment') {
      // A walk-in: the service's hours and daily cap (online booking holds live now count too). A checked-in booking already holds its place.
      const taken = service.walkIn?.dailyCap === undefined ? 0 : await this.repo.takenToday(day, service.id, ctx.now.toISOString());
      const state = walkInState(service.walkIn, ctx.now, this.options.timeZone, taken);
      if (!state.open) {
        const refusal = walkInRefusal(service.name, state);
        ctx.fail(refusal.kind, refusal.message);
      }
    }
    // The next online number by core's rule (numbering.ts), or the refusal when the block is used up,
    // and what the estimate needs, read with it (one round trip on PostgreSQL).
    const { ticket, figures } = this.must(ctx, await this.repo.issueTicket(day, service, ctx.now.toISOString(), ctx.device.id, priority, ESTIMATE_SAMPLE));
    this.emit(ctx, 'ticket-issued', ticket);
    const trackingUrl = await this.options.trackingUrl?.(ticket, ctx.now.toISOString());
    return issueAnswer(inputsFromFigures(ticket, this.options.counters, figures, trackingUrl));
  }

  /**
   * issue() as ONE statement (options.alone): the same number by core's rule, the same ticket,
   * event, token and answer, committed in one round trip — or null when it wrote nothing and
   * issue() must run in the command's transaction: a walk-in the service's hours or daily cap
   * might refuse (the cap is counted under the transaction), an unknown service, the numbering
   * state held by this process out of date or the block used up (alone's own null).
   */
  async issueAlone(ctx: DirectContext, input: CommandInput<'ticket:issue'>): Promise<{ answer: CommandOutput<'ticket:issue'>; effects: (() => void)[] } | null> {
    const alone = this.options.alone;
    const service = this.options.services.find((s) => s.id === input.serviceId);
    if (!alone || !service) return null;
    if (service.walkIn?.dailyCap !== undefined || !walkInState(service.walkIn, ctx.now, this.options.timeZone, 0).open) return null;
    const at = ctx.now.toISOString();
    const tracking = this.options.drawTrackingToken?.();
    const done = await alone.issue({
      day: serviceDay(ctx.now, this.options.timeZone),
      service,
      issuedAt: at,
      issuedBy: ctx.device.id,
      priority: input.priority,
      sample: ESTIMATE_SAMPLE,
      servingCounters: servingCounters(this.options.counters, service.id),
      ...(tracking ? { tracking } : {}),
      commandId: ctx.commandId,
      deviceId: ctx.device.id,
    });
    if (!done) return null;
    const event: QueueEvent = { kind: 'ticket', seq: done.seq, at, type: 'ticket-issued', ticket: done.inputs.ticket };
    return { answer: issueAnswer(done.inputs), effects: [() => this.options.publish([event])] };
  }

  /**
   * Broadcasts and answers for a ticket inserted elsewhere in this transaction (a kiosk's offline
   * ticket, which keeps its own number): the same ticket-issued event and answer as issue().
   */
  async announceIssued(ctx: CommandContext, ticketId: number): Promise<CommandOutput<'ticket:issue'>> {
    const ticket = await this.find(ctx, ticketId);
    this.emit(ctx, 'ticket-issued', ticket);
    return issueAnswer(inputsFromFigures(ticket, this.options.counters, await this.repo.waitFigures(ticket, ESTIMATE_SAMPLE)));
  }

  async callNext(ctx: CommandContext, input: CommandInput<'counter:call-next'>): Promise<CommandOutput<'counter:call-next'>> {
    const counter = this.ownCounter(ctx, input.counterId);
    const day = serviceDay(ctx.now, this.options.timeZone);
    // The three reads asked for together (one round trip on PostgreSQL, where they still run in this
    // order): the counter's state under its lock — a pause committed meanwhile through another
    // process is seen —, its open ticket, and the heads of its queues (locked; a refusal below rolls
    // them back). Then the rules, in their order.
    const [stored, active, candidates] = await Promise.all([
      this.repo.counterState(counter.id),
      this.repo.activeAtCounter(day, counter.id),
      this.repo.callCandidates(day, counter, this.options.rules.priorityRatio),
    ]);
    const here = this.stateOf(stored ?? undefined);
    if (here?.paused) ctx.fail('conflict', `${counter.name} đang tạm dừng: mở lại quầy trước khi gọi số.`);
    if (this.options.clerks.any && !here?.clerk) ctx.fail('forbidden', `Chưa có cán bộ đăng nhập tại ${counter.name}: đăng nhập trước khi gọi số.`);
    if (active) ctx.fail('conflict', `Quầy đang có số ${active.number} chưa kết thúc: hoàn thành hoặc đánh dấu vắng mặt trước.`);
    const next = pickNextFrom(counter, candidates, { now: ctx.now, rules: this.options.rules });
    if (!next) ctx.fail('not-found', 'Không còn ai đang chờ ở các dịch vụ của quầy này.');
    const at = ctx.now.toISOString();
    const ticket = this.change(ctx, 'ticket-called', {
      ...next,
      state: this.must(ctx, transition(next.state, 'call')),
      calledAt: at,
      firstCalledAt: next.firstCalledAt ?? at,
      counterId: counter.id,
      assignedCounterId: null,
      clerkId: here?.clerk?.id ?? null,
    });
    return { ticket };
  }

  /** Start, complete, recall or no-show: only for a ticket called to the device's own counter. */
  async atCounter(ctx: CommandContext, ticketId: number, action: 'start' | 'complete' | 'no-show' | 'recall'): Promise<{ ticket: Ticket }> {
    const current = await this.calledToMe(ctx, ticketId);
    const at = ctx.now.toISOString();
    if (action === 'no-show' && !mayMarkNoShow(current.recalls, this.options.rules.noShowAfterRecalls)) {
      ctx.fail('conflict', `Hãy gọi lại số ${current.number} đủ ${this.options.rules.noShowAfterRecalls} lần trước khi đánh dấu vắng mặt (đã gọi lại ${current.recalls} lần).`);
    }
    const changes: Partial<Ticket> =
      action === 'recall' ? { calledAt: at, recalls: current.recalls + 1 } : action === 'start' ? { startedAt: at } : { finishedAt: at };
    return { ticket: this.apply(ctx, current, action, changes) };
  }

  /** To another service's queue or to one counter, keeping the number; the citizen queues again there. */
  async transfer(ctx: CommandContext, input: CommandInput<'ticket:transfer'>): Promise<{ ticket: Ticket }> {
    const current = await this.calledToMe(ctx, input.ticketId);
    if (input.toServiceId !== undefined) {
      const service = this.options.services.find((s) => s.id === input.toServiceId);
      if (!service) ctx.fail('not-found', `Không có dịch vụ "${input.toServiceId}".`);
      return { ticket: this.apply(ctx, current, 'transfer', { serviceId: service.id, counterId: null, calledAt: null, startedAt: null, assignedCounterId: null }) };
    }
    const target = this.options.counters.find((c) => c.id === input.toCounterId);
    if (!target) ctx.fail('not-found', `Không có quầy "${input.toCounterId}".`);
    if (target.id === current.counterId) ctx.fail('conflict', 'Không thể chuyển số về chính quầy đang phục vụ.');
    return { ticket: this.apply(ctx, current, 'transfer', { counterId: null, calledAt: null, startedAt: null, assignedCounterId: target.id }) };
  }

  /**
   * A kiosk voids a waiting ticket it issued itself (its print failed and the centre voids such
   * tickets); a clerk cancels a waiting ticket of the counter's services (the citizen left).
   */
  async cancel(ctx: CommandContext, ticketId: number): Promise<{ ticket: Ticket }> {
    const current = await this.find(ctx, ticketId);
    const counter = this.options.counters.find((c) => c.id === ctx.device.counterId);
    const allowed = ctx.device.role === 'kiosk' ? current.issuedBy === ctx.device.id : counter !== undefined && counter.serviceIds.includes(current.serviceId);
    if (!allowed) ctx.fail('forbidden', `Thiết bị "${ctx.device.id}" không được huỷ vé số ${current.number}.`);
    return { ticket: this.apply(ctx, current, 'cancel', { finishedAt: ctx.now.toISOString() }) };
  }

  setPaused(ctx: CommandContext, counterId: string, paused: boolean, reason: string | null): Promise<{ state: CounterState }> {
    return this.changeCounter(ctx, counterId, (s) => ({ ...s, paused, pausedReason: paused ? reason : null }));
  }

  /** A clerk signs in at the device's counter (leaving any other counter); every call is then theirs. */
  async signIn(ctx: CommandContext, input: CommandInput<'counter:sign-in'>): Promise<{ state: CounterState }> {
    const check = await this.options.clerks.check(input.clerkId, input.pin, ctx);
    if (!check.ok) ctx.fail(pinRefusalKind(check.reason), check.message);
    const counter = this.ownCounter(ctx, input.counterId);
    for (const [otherId, other] of await this.repo.counterStates()) {
      if (otherId !== counter.id && other.clerkId === check.clerk.id) await this.changeCounter(ctx, otherId, (s) => ({ ...s, clerkId: null }), false);
    }
    return this.changeCounter(ctx, counter.id, (s) => ({ ...s, clerkId: check.clerk.id }));
  }

  async signOut(ctx: CommandContext, counterId: string): Promise<{ state: CounterState }> {
    const counter = this.ownCounter(ctx, counterId);
    const active = await this.repo.activeAtCounter(serviceDay(ctx.now, this.options.timeZone), counter.id);
    if (active) ctx.fail('conflict', `Hãy kết thúc số ${active.number} trước khi đăng xuất.`);
    return this.changeCounter(ctx, counter.id, (s) => ({ ...s, clerkId: null }));
  }

  private async changeCounter(
    ctx: CommandContext,
    counterId: string,
    change: (s: { paused: boolean; pausedReason: string | null; clerkId: string | null }) => { paused: boolean; pausedReason: string | null; clerkId: string | null },
    checkOwner = true,
  ): Promise<{ state: CounterState }> {
    if (checkOwner) this.ownCounter(ctx, counterId);
    // Read to change under the counter's lock (PostgreSQL): two changes through two processes take turns, neither is lost.
    const stored = (await this.repo.counterState(counterId)) ?? { paused: false, pausedReason: null, clerkId: null };
    const at = ctx.now.toISOString();
    const next = change(stored);
    await this.repo.setCounterState(counterId, next, at);
    const state = this.stateOf(next);
    this.publishAfterCommit(ctx, ctx.inFlight(this.repo.appendCounterEvent(serviceDay(ctx.now, this.options.timeZone), counterId, state, at)));
    return { state };
  }

  private async counterStates(): Promise<Record<string, CounterState>> {
    const stored = await this.repo.counterStates();
    return Object.fromEntries(this.options.counters.map((c) => [c.id, this.stateOf(stored.get(c.id))]));
  }

  /** A stored counter state as the floor sees it, with the clerk's name. */
  private stateOf(s: { paused: boolean; pausedReason: string | null; clerkId: string | null } | undefined): CounterState {
    const name = s?.clerkId ? (this.options.clerks.nameOf(s.clerkId) ?? s.clerkId) : null;
    return { paused: s?.paused ?? false, pausedReason: s?.pausedReason ?? null, clerk: s?.clerkId && name ? { id: s.clerkId, name } : null };
  }

  private ownCounter(ctx: CommandContext, counterId: string): Counter {
    const counter = this.options.counters.find((c) => c.id === counterId);
    // A device works at its own counter only: a counter this centre does not have (another centre's, on a shared province database) is not its to name.
    if (!counter) ctx.fail('forbidden', `Quầy "${counterId}" không thuộc trung tâm này: thiết bị "${ctx.device.id}" chỉ làm việc tại quầy của mình.`);
    if (ctx.device.counterId !== counter.id) ctx.fail('forbidden', `Thiết bị "${ctx.device.id}" không thuộc ${counter.name}.`);
    return counter;
  }

  private async calledToMe(ctx: CommandContext, ticketId: number): Promise<Ticket> {
    const current = await this.find(ctx, ticketId);
    if (current.counterId === null || current.counterId !== ctx.device.counterId) {
      ctx.fail('forbidden', `Vé số ${current.number} không được gọi tới quầy của thiết bị "${ctx.device.id}".`);
    }
    return current;
  }

  private async find(ctx: CommandContext, ticketId: number): Promise<Ticket> {
    const found = await ticketOfThisCentre(this.repo, ticketId);
    if (!found.ok) ctx.fail(found.error.kind, found.error.message);
    return found.value;
  }

  private apply(ctx: CommandContext, current: Ticket, action: Exclude<TicketAction, 'call'>, changes: Partial<Ticket>): Ticket {
    const state = this.must(ctx, transition(current.state, action));
    return this.change(ctx, EVENT_OF[action], { ...current, ...changes, state });
  }

  /**
   * A ticket read in this transaction (locked), changed: the update and its event are both sent in
   * flight (ctx.inFlight), in that order, and the changed ticket is what the handler answers — the
   * update writes exactly its fields, so the row it returns is this ticket. On PostgreSQL both leave
   * with the command's answer and COMMIT.
   */
  private change(ctx: CommandContext, type: TicketEventType, ticket: Ticket): Ticket {
    void ctx.inFlight(this.repo.update(ticket));
    this.emit(ctx, type, ticket);
    return ticket;
  }

  /**
   * The ticket's event, numbered and written in this transaction, broadcast after the commit. Its
   * statement is asked for and not waited on (ctx.inFlight): it runs after what was sent before it
   * and before what is sent after it on the same connection, and when it is the handler's last
   * write it leaves with the command's answer and COMMIT (PostgreSQL), so the centre's event lock
   * it takes is held for that one round trip. A failure rolls the command back.
   */
  private emit(ctx: CommandContext, type: TicketEventType, ticket: Ticket): void {
    this.publishAfterCommit(ctx, ctx.inFlight(this.repo.appendTicketEvent(type, ticket, ctx.now.toISOString())));
  }

  private publishAfterCommit(ctx: CommandContext, event: Promise<QueueEvent>): void {
    // Settled before the commit (inFlight), so the broadcast keeps the order of the commands.
    ctx.afterCommit(() => void event.then((e) => this.options.publish([e])));
  }

  private must<T>(ctx: CommandContext, r: Result<T>): T {
    if (!r.ok) ctx.fail(r.error.kind, r.error.message);
    return r.value;
  }
}
