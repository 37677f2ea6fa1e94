import { COMMANDS, type CommandName, type CommandOutput, type CommandRequest } from '../../core/protocol/commands';
import { resultSchema } from '../../core/protocol/result-schema';
import { err, type Result } from '../../core/result';
import type { HubStateCell } from './hub-client-state';
import type { HubSocket } from './hub-connection';

/** How long a write command keeps being re-sent (same id) before the terminal says it may not be recorded. */
export const DEFAULT_COMMAND_PATIENCE_MS = 20_000;

/** How long a command the hub answered hub-unavailable (its database away) waits before it is sent again. */
export const UNAVAILABLE_RETRY_MS = 1000;

export interface CommandOptions {
  /**
   * How long to keep trying: while the link is down the command waits for it, and a sending with
   * no answer (lost acknowledgement, dropped link) is sent again with the same input — the same
   * commandId, so the hub answers its first answer and acts once. 0: one sending, and
   * hub-unreachable at once when the link is down. Default: DEFAULT_COMMAND_PATIENCE_MS for
   * writes; reads are sent once (they can simply be asked again).
   */
  readonly patienceMs?: number;
}

export interface CommandTimings {
  /** How long one sending waits for its answer before it is sent again (default 8 s, and never beyond the patience left). */
  readonly commandTimeoutMs?: number;
  /** The patience of a write command that names none (default DEFAULT_COMMAND_PATIENCE_MS). */
  readonly commandPatienceMs?: number;
}

/** What the sender needs of the link: the socket now, and whether the client is closed. */
export interface CommandLink {
  socket(): HubSocket | null;
  closed(): boolean;
}

/** No answer within the patience: never sent, or sent and the answer lost (then the hub may have acted). */
function notAnswered(sendings: number): Result<never> {
  return sendings === 0
    ? err('hub-unreachable', 'Chưa kết nối được máy chủ của trung tâm; thao tác chưa được gửi.')
    : err('hub-unreachable', 'Máy chủ không trả lời kịp; thao tác có thể chưa được ghi nhận. Làm lại đúng thao tác này sẽ không ghi hai lần.');
}

/**
 * Sends commands to the hub with patience: a missing answer within the patience is not a failure,
 * the same input goes again once the link is back; the state shows what is being re-sent.
 */
export class HubCommandSender {
  /** Commands being re-sent: whether each is on the wire again (true) or waits for the link (false). */
  private readonly resends = new Map<symbol, boolean>();
  /** Commands waiting for the link: woken with "no" when the client closes. */
  private readonly closeWaiters = new Set<() => void>();

  constructor(
    private readonly link: CommandLink,
    private readonly cell: HubStateCell,
    private readonly timings: CommandTimings,
  ) {}

  /** Resolves with the hub's answer (a refusal is an answer too), or hub-unreachable once the patience is spent. */
  async command<K extends CommandName>(name: K, input: CommandRequest<K>, opts: CommandOptions = {}): Promise<Result<CommandOutput<K>>> {
    const patience = Math.max(0, opts.patienceMs ?? (COMMANDS[name].mode === 'write' ? (this.timings.commandPatienceMs ?? DEFAULT_COMMAND_PATIENCE_MS) : 0));
    // Patience is real time, like the timers that wait it out: not the agent's (movable) clock.
    const deadline = Date.now() + patience;
    const left = () => deadline - Date.now();
    const me = Symbol(name);
    let sendings = 0;
    try {
      for (;;) {
        const socket = this.link.socket();
        if (this.link.closed()) return notAnswered(sendings);
        if (!socket?.connected) {
          if (left() <= 0) return notAnswered(sendings);
          this.markResend(me, false);
          if (!(await this.connectedWithin(left()))) return notAnswered(sendings);
          continue;
        }
        if (sendings > 0) this.markResend(me, true);
        sendings += 1;
        const reply = await this.sendOnce(socket, name, input, patience === 0 ? this.ackTimeout() : Math.max(1, Math.min(this.ackTimeout(), left())));
        if (reply.answered) {
          const parsed = resultSchema(COMMANDS[name].output).safeParse(reply.value);
          if (!parsed.success) return err('internal', `Máy chủ trả lời "${name}" không đúng giao thức.`);
          // The hub could not reach its database: nothing was recorded (the hub logs no such answer), so
          // the same command (same id) goes again within the patience; past it, the caller hears hub-unavailable.
          if (!parsed.data.ok && parsed.data.error.kind === 'hub-unavailable' && left() > UNAVAILABLE_RETRY_MS) {
            this.markResend(me, false);
            this.cell.set({ problem: parsed.data.error.message, problemKind: 'hub-unavailable' });
            await new Promise((r) => setTimeout(r, UNAVAILABLE_RETRY_MS));
            continue;
          }
          if (parsed.data.ok && this.cell.current().problemKind === 'hub-unavailable') this.cell.set({ problem: null, problemKind: null });
          return parsed.data as Result<CommandOutput<K>>;
        }
        if (left() <= 0) return notAnswered(sendings);
        this.markResend(me, this.cell.current().connected);
      }
    } finally {
      if (this.resends.delete(me)) this.showResends();
    }
  }

  /** The client closes: every command waiting for the link gives up now. */
  wakeAll(): void {
    for (const wake of this.closeWaiters) wake();
    this.closeWaiters.clear();
  }

  private ackTimeout(): number {
    return this.timings.commandTimeoutMs ?? 8000;
  }

  /** One sending: the answer, or none (no answer in time, or the link dropped meanwhile — socket.io then fails the ack at once). */
  private async sendOnce(socket: HubSocket, name: string, input: unknown, timeoutMs: number): Promise<{ answered: true; value: unknown } | { answered: false }> {
    try {
      const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(n: string, i: unknown): Promise<unknown> };
      return { answered: true, value: await timed.emitWithAck(name, input) };
    } catch {
      return { answered: false };
    }
  }

  /** Resolves true when the link is (back) up within `ms`, false when it is not or the client closes. */
  private connectedWithin(ms: number): Promise<boolean> {
    if (this.link.closed()) return Promise.resolve(false);
    // The socket's own flag, not the state: an answer of "up" that the loop then finds down would spin it.
    const up = () => this.link.socket()?.connected === true;
    if (up()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => stop(false);
      const stop = (up: boolean) => {
        clearTimeout(timer);
        off();
        this.closeWaiters.delete(wake);
        resolve(up);
      };
      const timer = setTimeout(wake, ms);
      const off = this.cell.onChange(() => {
        if (up()) stop(true);
      });
      this.closeWaiters.add(wake);
    });
  }

  private markResend(me: symbol, onTheWire: boolean): void {
    if (this.resends.get(me) === onTheWire) return;
    this.resends.set(me, onTheWire);
    this.showResends();
  }

  private showResends(): void {
    const count = this.resends.size;
    this.cell.set({ sending: count === 0 ? null : { resending: [...this.resends.values()].some(Boolean), count } });
  }
}
