import type { Database } from 'better-sqlite3';
import type { DeviceInfo } from '../../core/devices';
import { COMMANDS, roleMayRun, type CommandInput, type CommandName, type CommandOutput } from '../../core/protocol/commands';
import { err, ok, type AppError, type ErrorKind, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import { CommandLog } from './command-log';

/** What a handler gets: who asks, the one clock reading of this command, and a way to act after the commit. */
export interface CommandContext {
  readonly device: DeviceInfo;
  readonly now: Date;
  /** Runs once the transaction has committed (broadcasts): never for a refused or rolled-back command. */
  afterCommit(effect: () => void): void;
  /** Refuses the command: the transaction rolls back and the error is the answer. */
  fail(kind: ErrorKind, message: string): never;
}

export type CommandHandler<K extends CommandName> = (ctx: CommandContext, input: CommandInput<K>) => CommandOutput<K>;
export type CommandHandlers = { readonly [K in CommandName]: CommandHandler<K> };

class Refusal {
  constructor(readonly error: AppError) {}
}

/**
 * Runs every command the same way, whichever transport brought it: role check, schema check,
 * then one SQLite transaction in which a replayed command id returns its first answer. The
 * answer is returned (and so acknowledged) only after the commit.
 */
export class CommandRunner {
  private readonly log: CommandLog;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly handlers: CommandHandlers,
  ) {
    this.log = new CommandLog(db);
  }

  run<K extends CommandName>(device: DeviceInfo, name: K, rawInput: unknown): Result<CommandOutput<K>> {
    if (!roleMayRun(device.role, name)) {
      return err('forbidden', `Thiết bị "${device.id}" (${device.role}) không được phép thực hiện "${name}".`);
    }
    const parsed = COMMANDS[name].input.safeParse(rawInput);
    if (!parsed.success) return err('invalid-input', describeIssues(name, parsed.error).replaceAll('\n', '; '));
    const input = parsed.data as CommandInput<K>;
    const effects: (() => void)[] = [];
    let result: Result<CommandOutput<K>>;
    try {
      result = this.db.transaction((): Result<CommandOutput<K>> => {
        const previous = this.log.find(input.commandId);
        if (previous) {
          if (previous.deviceId !== device.id || previous.name !== name) {
            throw new Refusal({ kind: 'conflict', message: `Mã lệnh ${input.commandId} đã được dùng cho một lệnh khác.` });
          }
          return JSON.parse(previous.resultJson) as Result<CommandOutput<K>>;
        }
        const now = this.clock();
        const ctx: CommandContext = {
          device,
          now,
          afterCommit: (effect) => effects.push(effect),
          fail: (kind, message) => {
            throw new Refusal({ kind, message });
          },
        };
        const answer = ok((this.handlers[name] as CommandHandler<K>)(ctx, input));
        this.log.record(input.commandId, device.id, name, JSON.stringify(answer), now.toISOString());
        return answer;
      })();
    } catch (e) {
      if (e instanceof Refusal) return err(e.error.kind, e.error.message);
      throw e;
    }
    // Broadcast after the answer has been handed to its socket: with thousands of displays
    // connected, the clerk who sent the command should not wait for every socket to be written.
    // (setImmediate keeps the order of broadcasts, which the sequence numbers also guard.)
    if (effects.length > 0) setImmediate(() => effects.forEach((effect) => effect()));
    return result;
  }
}
