import type { DeviceInfo } from '../../core/devices';
import { CommandIdSchema, COMMANDS, isWrite, roleMayRun, type CommandInput, type CommandName, type CommandOutput } from '../../core/protocol/commands';
import { err, ok, type AppError, type ErrorKind, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { CommandLog, LoggedAnswer } from './command-log';

/** What a handler gets: who asks, the one clock reading of this command, and a way to act after the commit. */
export interface CommandContext {
  readonly device: DeviceInfo;
  readonly now: Date;
  /** Runs once the transaction has committed (broadcasts): never for a refused or rolled-back command. */
  afterCommit(effect: () => void): void;
  /** Refuses the command: its savepoint rolls back and the error is the answer. */
  fail(kind: ErrorKind, message: string): never;
  /**
   * A write that stands only if the command is refused, after its savepoint has rolled back (in
   * the same group transaction): a wrong PIN must count towards the lock although the sign-in is
   * refused. Never runs for a command that succeeds.
   */
  keepIfRefused(write: () => void | Promise<void>): void;
  /**
   * A write the handler does not wait for (Store.inFlight): the command does not end before it
   * settles and its failure fails the command; on PostgreSQL it leaves with the answer and COMMIT.
   */
  inFlight<T>(write: Promise<T>): Promise<T>;
}

export type CommandHandler<K extends CommandName> = (ctx: CommandContext, input: CommandInput<K>) => Promise<CommandOutput<K>>;
export type CommandHandlers = { readonly [K in CommandName]: CommandHandler<K> };

/** What a direct handler gets: who asks, the command's one clock reading, and the id to log its answer under. */
export interface DirectContext {
  readonly device: DeviceInfo;
  readonly now: Date;
  readonly commandId: string;
}

/**
 * A command done as ONE statement that also logs its answer (PostgreSQL's one-statement issue,
 * hub/store/pg/pg-issue-alone.ts): the answer and its broadcasts once committed, or null when it
 * wrote nothing and the command must run the usual way. It only ever succeeds: a refusal is the
 * usual way's to decide and log.
 */
export type DirectHandler<K extends CommandName> = (
  ctx: DirectContext,
  input: CommandInput<K>,
) => Promise<{ readonly answer: CommandOutput<K>; readonly effects: readonly (() => void)[] } | null>;
export type DirectHandlers = { readonly [K in CommandName]?: DirectHandler<K> };
/**
 * The handlers of one feature module: exactly the commands it lists, each typed by the table. A
 * module that forgets a command of its list, or answers one it does not list, fails to type-check.
 */
export type HandlersFor<Names extends readonly CommandName[]> = { readonly [K in Names[number]]: CommandHandler<K> };

/** Where the runner keeps its transactions and its log of first answers. */
export interface CommandRunnerStore {
  readonly store: Store;
  readonly log: Async<CommandLog>;
}

export interface CommandRunnerOptions {
  /** Days a write's first answer is kept for replays (config hub.commandLogRetentionDays). */
  readonly retentionDays: number;
  /** A refusal decided before anything else (an admin device with no administrator signed in), or null. */
  readonly admit?: (device: DeviceInfo, name: CommandName) => Promise<AppError | null>;
  /** Commands that may be done in one statement on PostgreSQL, tried before the transactional way (DirectHandler). */
  readonly direct?: DirectHandlers;
}

export class Refusal {
  constructor(readonly error: AppError) {}
}

/** A command that passed the checks needing no database, waiting for the next group commit. */
interface Job {
  readonly device: DeviceInfo;
  readonly name: CommandName;
  readonly commandId: string;
  /** Parsed input; null when the role check already refused (the refusal is still logged). */
  readonly input: unknown;
  readonly refusal: AppError | null;
  readonly resolve: (answer: Result<unknown>) => void;
}

interface Outcome {
  readonly answer: Result<unknown>;
  readonly effects: readonly (() => void)[];
}

const DAY_MS = 86_400_000;

/**
 * The store could not be reached (PostgreSQL stopped or restarting: hub/store/pg/hub-unavailable.ts
 * HubUnavailable, kind `hub-unavailable`): nothing of the group happened, so the answer is that
 * typed kind — the terminal keeps the command and sends it again with the same commandId — not
 * `internal`. Duck-typed on the kind, so the runner does not depend on the PostgreSQL driver.
 */
function unavailable(e: unknown): AppError | null {
  if (!(e instanceof Error) || (e as { kind?: unknown }).kind !== 'hub-unavailable') return null;
  return { kind: 'hub-unavailable', message: e.message };
}

/**
 * Runs every command the same way, whichever transport brought it: role check, schema check,
 * then the database work. Commands that arrive while the event loop is busy are run together: on
 * SQLite in ONE transaction (group commit: one fsync for all), each in its own savepoint so a
 * refused one rolls back alone; on PostgreSQL one after another, each in a transaction of its own
 * with its answer logged last (alone()). Every answer is handed out only after its commit, and
 * broadcasts follow in seq order.
 *
 * Idempotency: a write's first answer — refusals decided by the role check or the handler
 * included — is logged under its commandId and is what a replay returns, for the retention
 * window. Not logged: reads, input the schema refuses, and internal failures (nothing was decided).
 */
export class CommandRunner {
  private readonly store: Store;
  private readonly log: Async<CommandLog>;
  private pending: Job[] = [];
  private scheduled = false;
  /** A group is running: arrivals wait for the next group (one group commits at a time). */
  private flushing = false;
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    where: CommandRunnerStore,
    private readonly clock: () => Date,
    private readonly handlers: CommandHandlers,
    private readonly options: CommandRunnerOptions = { retentionDays: 7 },
  ) {
    this.store = where.store;
    this.log = where.log;
  }

  /** Answers once the command (and the others of its group) is committed. Never rejects. */
  submit<K extends CommandName>(device: DeviceInfo, name: K, rawInput: unknown): Promise<Result<CommandOutput<K>>> {
    const write = isWrite(name);
    let refusal: AppError | null = null;
    let input: unknown = null;
    let commandId: string;
    if (!roleMayRun(device.role, name)) {
      refusal = { kind: 'forbidden', message: `Thiết bị "${device.id}" (${device.role}) không được phép thực hiện "${name}".` };
      const id = CommandIdSchema.safeParse((rawInput as { commandId?: unknown } | null)?.commandId);
      // Without a usable id (or for a read) there is nothing to log against: answer at once.
      if (!write || !id.success) return Promise.resolve(err(refusal.kind, refusal.message));
      commandId = id.data;
    } else {
      const parsed = COMMANDS[name].input.safeParse(rawInput);
      if (!parsed.success) return Promise.resolve(err('invalid-input', describeIssues(name, parsed.error).replaceAll('\n', '; ')));
      input = parsed.data;
      commandId = (parsed.data as { commandId: string }).commandId;
    }
    return new Promise((resolve) => {
      this.pending.push({ device, name, commandId, input, refusal, resolve: resolve as Job['resolve'] });
      this.schedule();
    });
  }

  /** Prunes the log if the last pruning is a day old (at start, then with the first command of each day). */
  async pruneIfDue(now: Date): Promise<number> {
    if (now.getTime() - this.lastPrune < DAY_MS) return 0;
    this.lastPrune = now.getTime();
    return this.log.prune(new Date(now.getTime() - this.options.retentionDays * DAY_MS).toISOString());
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // After the I/O phase: every command already read from the sockets joins this group.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.flushing = true;
    const batch = this.pending;
    this.pending = [];
    let outcomes: Outcome[] | null = null;
    try {
      await this.pruneIfDue(this.clock());
      if (this.store.kind === 'postgres') {
        // One transaction per command, in turn (alone() below): PostgreSQL commits each on its own anyway.
        outcomes = [];
        for (const job of batch) outcomes.push(await this.alone(job));
      } else {
        // The jobs run one after another in ONE transaction (group commit: one fsync for all).
        outcomes = await this.store.transaction(async () => {
          const done: Outcome[] = [];
          for (const job of batch) done.push(await this.execute(job));
          return done;
        });
      }
    } catch (e) {
      // The commit itself failed (disk full, database closed, PostgreSQL away): nothing of the group is durable.
      const away = unavailable(e);
      for (const job of batch) job.resolve(away ? err(away.kind, away.message) : err('internal', `Lỗi máy chủ: ${(e as Error).message}`));
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.schedule();
    }
    if (!outcomes) return;
    const answers = outcomes;
    batch.forEach((job, i) => job.resolve(answers[i]!.answer));
    const effects = answers.flatMap((o) => o.effects);
    // Broadcast after the answers have been handed to their sockets, in the same turn: each socket
    // writes what it was given in a turn at the turn's end (hub/write-coalescing.ts), the senders'
    // first — so the clerk who sent the command does not wait for the displays' writes, and a
    // device gets its answer and the event it caused in one write (two until 2026-12-05, when
    // this ran in the next turn). Microtasks keep the order of broadcasts, which the sequence
    // numbers also guard.
    if (effects.length > 0) queueMicrotask(() => effects.forEach((effect) => effect()));
  }

  /** One command inside the group's transaction (SQLite). */
  private async execute(job: Job): Promise<Outcome> {
    const write = isWrite(job.name);
    // Decided before anything else, in the group's transaction.
    const refused = await this.admit(job);
    if (refused) return refused;
    // The first answer under this commandId, if any: a replay answers it and runs nothing.
    const previous = write ? await this.log.find(job.commandId) : null;
    if (previous) return replayed(job, previous);
    const now = this.clock();
    const at = now.toISOString();
    const refuse = async (error: AppError): Promise<Outcome> => {
      if (logsRefusal(write, error)) await this.logAnswer(job, err(error.kind, error.message), at);
      return answered(error);
    };
    if (job.refusal) return refuse(job.refusal);
    const effects: (() => void)[] = [];
    const kept: (() => void | Promise<void>)[] = [];
    const ctx = context(this.store, job.device, now, effects, kept);
    let answer: Result<unknown>;
    try {
      // A nested transaction is a SAVEPOINT: a refusal rolls back this command only.
      answer = ok(await this.store.transaction(() => this.handle(job, ctx)));
    } catch (e) {
      if (e instanceof Refusal) {
        for (const write of kept) await write();
        return refuse(e.error);
      }
      // The database went away under the command: the group's transaction is lost with it; the whole group answers hub-unavailable.
      if (unavailable(e)) throw e;
      return internal(e);
    }
    if (write) await this.logAnswer(job, answer, at);
    return { answer, effects };
  }

  /**
   * One command in a transaction of its own (PostgreSQL), its answer logged LAST: BEGIN, the
   * handler's statements, the answer, COMMIT — no claim of the commandId before the work and no
   * savepoint around it, two statements (one of them a write) fewer per command than the group's
   * way. The answer's row is the claim: its key is the commandId, so a replay running at the same
   * time in another hub process (a terminal that reconnected elsewhere and replays its outbox)
   * waits on it when it comes to log its own, finds it committed, and its whole transaction —
   * number, ticket, broadcasts — rolls back; it then answers what the first run answered
   * (replayed()). A replay of an id answered long ago runs its handler too and is rolled back the
   * same way: handlers act only through the transaction and afterCommit, so running one that is
   * rolled back leaves nothing (a ticket id a rolled-back insert drew is skipped: sequences are
   * not transactional; numbers stay gap-free). A refusal rolls everything back, then its answer
   * (and what the handler keeps when refused) is written in a second, short transaction.
   */
  private async alone(job: Job): Promise<Outcome> {
    const write = isWrite(job.name);
    const now = this.clock();
    const at = now.toISOString();
    let kept: (() => void | Promise<void>)[] = [];
    let refusal: AppError;
    const direct = write && job.refusal === null ? await this.direct(job, now) : null;
    if (direct) return direct;
    try {
      return await this.store.transaction(async () => {
        kept = []; // per attempt: a deadlock's retry runs the work again
        const refused = await this.admit(job);
        if (refused) return refused;
        if (job.refusal) throw new Refusal(job.refusal);
        const effects: (() => void)[] = [];
        const answer = ok(await this.handle(job, context(this.store, job.device, now, effects, kept)));
        // Refuses by itself, aborting the transaction, when the id is logged already (pg-command-log.ts).
        if (write) await this.logAnswer(job, answer, at);
        return { answer, effects };
      });
    } catch (e) {
      if (!(e instanceof Refusal)) return this.failedAlone(job, e);
      refusal = e.error;
    }
    if (kept.length === 0 && !logsRefusal(write, refusal)) return answered(refusal);
    try {
      await this.store.transaction(async () => {
        for (const keep of kept) await keep();
        if (logsRefusal(write, refusal)) await this.logAnswer(job, err(refusal.kind, refusal.message), at);
      });
    } catch (e) {
      return this.failedAlone(job, e);
    }
    return answered(refusal);
  }

  /**
   * The command's direct handler, if it has one: its outcome, or null to run it the transactional
   * way — also when its statement failed for any reason but the database's absence: a statement
   * in autocommit that fails writes nothing, and the transactional way decides (a replay of an id
   * logged already, whose insert into the log failed the statement, gets its first answer there).
   */
  private async direct(job: Job, now: Date): Promise<Outcome | null> {
    const handler = this.options.direct?.[job.name] as DirectHandler<CommandName> | undefined;
    if (!handler) return null;
    try {
      const refused = await this.admit(job);
      if (refused) return refused;
      const done = await handler({ device: job.device, now, commandId: job.commandId }, job.input as never);
      return done ? { answer: ok(done.answer), effects: [...done.effects] } : null;
    } catch (e) {
      const away = unavailable(e);
      return away ? answered(away) : null;
    }
  }

  /** alone()'s transaction failed: the database away, the commandId answered by another run (a replay), or an internal error. */
  private async failedAlone(job: Job, e: unknown): Promise<Outcome> {
    const away = unavailable(e);
    if (away) return answered(away);
    if (isWrite(job.name)) {
      try {
        const previous = await this.log.find(job.commandId);
        if (previous) return replayed(job, previous);
      } catch (lookupError) {
        const awayNow = unavailable(lookupError);
        if (awayNow) return answered(awayNow);
      }
    }
    return internal(e);
  }

  /** A refusal decided before the command runs (an admin device with no administrator signed in); not logged: a replay once signed in runs. */
  private async admit(job: Job): Promise<Outcome | null> {
    const refused = (await this.options.admit?.(job.device, job.name)) ?? null;
    return refused ? answered(refused) : null;
  }

  private handle(job: Job, ctx: CommandContext): Promise<unknown> {
    return (this.handlers[job.name] as CommandHandler<CommandName>)(ctx, job.input as never);
  }

  /** The command's answer under its commandId (ok or refused, as the answer says). */
  private logAnswer(job: Job, answer: Result<unknown>, at: string): Promise<void> {
    return this.log.record(job.commandId, job.device.id, job.name, JSON.stringify(answer), at, answer.ok);
  }
}

/** An answer that is this error, with no broadcast. */
function answered(error: AppError): Outcome {
  return { answer: err(error.kind, error.message), effects: [] };
}

/** A failure nothing decided: answered `internal`, not logged (a replay runs the command again). */
function internal(e: unknown): Outcome {
  return answered({ kind: 'internal', message: `Lỗi máy chủ: ${(e as Error).message}` });
}

/** A refusal decided something about the command, so a replay must get it: every kind but `internal`, for writes only. */
function logsRefusal(write: boolean, error: AppError): boolean {
  return write && error.kind !== 'internal';
}

/** The handler's view of its command. */
function context(store: Store, device: DeviceInfo, now: Date, effects: (() => void)[], kept: (() => void | Promise<void>)[]): CommandContext {
  return {
    inFlight: (write) => store.inFlight(write),
    device,
    now,
    afterCommit: (effect) => effects.push(effect),
    fail: (kind, message) => {
      throw new Refusal({ kind, message });
    },
    keepIfRefused: (write) => kept.push(write),
  };
}

/** The first answer logged under the job's commandId, or `conflict` when another device or command used the id. */
function replayed(job: Job, previous: LoggedAnswer): Outcome {
  if (previous.deviceId !== job.device.id || previous.name !== job.name) {
    return { answer: err('conflict', `Mã lệnh ${job.commandId} đã được dùng cho một lệnh khác.`), effects: [] };
  }
  return { answer: JSON.parse(previous.resultJson) as Result<unknown>, effects: [] };
}

/** What a replay of a commandId does, as the OpenAPI document and the README say it. */
export function replayContract(name: CommandName): string {
  return isWrite(name)
    ? 'A write: its first answer, refusals included (a role or a rule refused it), is kept under its commandId for the centre\'s ' +
        'command log retention (hub.commandLogRetentionDays, default 7 days); replaying the same commandId from the same device returns ' +
        'that answer and changes nothing; the same commandId from another device or for another command answers conflict. ' +
        'Input the schema refuses and internal errors are not kept: a corrected retry with the same commandId runs.'
    : 'A read: never logged, so every call answers from the current state (the commandId is only checked for its form).';
}
