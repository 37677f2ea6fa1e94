import type { Database } from 'better-sqlite3';
import type { DeviceInfo } from '../../core/devices';
import { COMMANDS, roleMayRun, type CommandInput, type CommandName, type CommandOutput } from '../../core/protocol/commands';
import { pickNext } from '../../core/queue/call-next';
import { nextNumber, serviceDay } from '../../core/queue/numbering';
import type { QueueEvent, QueueSnapshot } from '../../core/queue/snapshot';
import { transition, type TicketAction } from '../../core/queue/ticket-state';
import type { Counter, Service, Ticket } from '../../core/queue/types';
import { err, ok, type AppError, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
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

/** Thrown inside a transaction to roll it back and return the error as a value. */
class Rollback {
  constructor(readonly error: AppError) {}
}

type Handler<K extends CommandName> = (device: DeviceInfo, input: CommandInput<K>, now: Date, events: QueueEvent[]) => CommandOutput<K>;

/**
 * The queue's commands. Each runs in one SQLite transaction; its result is returned (and so
 * acknowledged) only after the commit, and its events are published after the commit too.
 */
export class QueueService {
  private readonly repo: TicketRepository;
  private readonly handlers: { readonly [K in CommandName]: Handler<K> };

  constructor(private readonly options: QueueServiceOptions) {
    this.repo = new TicketRepository(options.db);
    this.handlers = {
      'ticket:issue': (device, input, now, events) => this.issue(device, input, now, events),
      'counter:call-next': (device, input, now, events) => this.callNext(device, input, now, events),
      'ticket:start': (device, input, now, events) => ({ ticket: this.act(device, input.ticketId, 'start', now, events) }),
      'ticket:complete': (device, input, now, events) => ({ ticket: this.act(device, input.ticketId, 'complete', now, events) }),
      'ticket:no-show': (device, input, now, events) => ({ ticket: this.act(device, input.ticketId, 'no-show', now, events) }),
    };
  }

  run<K extends CommandName>(device: DeviceInfo, name: K, rawInput: unknown): Result<CommandOutput<K>> {
    if (!roleMayRun(device.role, name)) {
      return err('forbidden', `Thiết bị "${device.id}" (${device.role}) không được phép thực hiện "${name}".`);
    }
    const parsed = COMMANDS[name].input.safeParse(rawInput);
    if (!parsed.success) return err('invalid-input', describeIssues(name, parsed.error).replaceAll('\n', '; '));
    const input = parsed.data as CommandInput<K>;
    const events: QueueEvent[] = [];
    let result: Result<CommandOutput<K>>;
    try {
      result = this.options.db.transaction((): Result<CommandOutput<K>> => {
        const previous = this.repo.findCommand(input.commandId);
        if (previous) {
          if (previous.deviceId !== device.id || previous.name !== name) {
            throw new Rollback({ kind: 'conflict', message: `Mã lệnh ${input.commandId} đã được dùng cho một lệnh khác.` });
          }
          return JSON.parse(previous.resultJson) as Result<CommandOutput<K>>;
        }
        const now = this.options.clock();
        const value = (this.handlers[name] as Handler<K>)(device, input, now, events);
        const answer = ok(value);
        this.repo.recordCommand(input.commandId, device.id, name, JSON.stringify(answer), now.toISOString());
        return answer;
      })();
    } catch (e) {
      if (e instanceof Rollback) return err(e.error.kind, e.error.message);
      throw e;
    }
    if (events.length > 0) this.options.publish(events);
    return result;
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

  private issue(device: DeviceInfo, input: CommandInput<'ticket:issue'>, now: Date, events: QueueEvent[]): CommandOutput<'ticket:issue'> {
    const service = this.options.services.find((s) => s.id === input.serviceId);
    if (!service) throw new Rollback({ kind: 'not-found', message: `Không có dịch vụ "${input.serviceId}".` });
    const day = serviceDay(now, this.options.timeZone);
    const number = nextNumber(service, this.repo.lastNumber(day, service.id));
    if (!number.ok) throw new Rollback(number.error);
    const ticket = this.repo.insertTicket(day, service.id, number.value, now.toISOString(), device.id);
    events.push(this.repo.appendEvent('ticket-issued', ticket, now.toISOString()));
    return { ticket, waitingAhead: this.repo.waitingAhead(ticket) };
  }

  private callNext(device: DeviceInfo, input: CommandInput<'counter:call-next'>, now: Date, events: QueueEvent[]): CommandOutput<'counter:call-next'> {
    const counter = this.options.counters.find((c) => c.id === input.counterId);
    if (!counter) throw new Rollback({ kind: 'not-found', message: `Không có quầy "${input.counterId}".` });
    if (device.counterId !== counter.id) {
      throw new Rollback({ kind: 'forbidden', message: `Thiết bị "${device.id}" không thuộc ${counter.name}.` });
    }
    const day = serviceDay(now, this.options.timeZone);
    const active = this.repo.activeAtCounter(day, counter.id);
    if (active) {
      throw new Rollback({ kind: 'conflict', message: `Quầy đang có số ${active.number} chưa kết thúc: hoàn thành hoặc đánh dấu vắng mặt trước.` });
    }
    const next = pickNext(counter, this.repo.waiting(day));
    if (!next) throw new Rollback({ kind: 'not-found', message: 'Không còn ai đang chờ ở các dịch vụ của quầy này.' });
    const ticket = this.repo.update({ ...next, state: this.must(transition(next.state, 'call')), calledAt: now.toISOString(), counterId: counter.id });
    events.push(this.repo.appendEvent('ticket-called', ticket, now.toISOString()));
    return { ticket };
  }

  private act(device: DeviceInfo, ticketId: number, action: Exclude<TicketAction, 'call'>, now: Date, events: QueueEvent[]): Ticket {
    const current = this.repo.byId(ticketId);
    if (!current) throw new Rollback({ kind: 'not-found', message: `Không có vé mã ${ticketId}.` });
    if (current.counterId === null || current.counterId !== device.counterId) {
      throw new Rollback({ kind: 'forbidden', message: `Vé số ${current.number} không được gọi tới quầy của thiết bị "${device.id}".` });
    }
    const state = this.must(transition(current.state, action));
    const at = now.toISOString();
    const ticket = this.repo.update({
      ...current,
      state,
      startedAt: action === 'start' ? at : current.startedAt,
      finishedAt: action === 'start' ? current.finishedAt : at,
    });
    const type = ({ start: 'ticket-started', complete: 'ticket-completed', 'no-show': 'ticket-no-show' } as const)[action];
    events.push(this.repo.appendEvent(type, ticket, at));
    return ticket;
  }

  private must<T>(r: Result<T>): T {
    if (!r.ok) throw new Rollback(r.error);
    return r.value;
  }
}
