import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { Store } from '../store';
import { HubUnavailable, isConnectionError } from './hub-unavailable';
import { preparedQuery } from './prepared';
import type { Queryable } from './queryable';

/**
 * The PostgreSQL unit of work (docs/province.md, "the repositories behind async interfaces").
 * `transaction(work)` checks a client out of the pool and runs BEGIN … COMMIT on it; the client
 * rides along in an AsyncLocalStorage, so every repository call `work` awaits — through PgSql —
 * goes to that client, whatever the nesting of services in between. A transaction started while
 * one runs in the same async context is a SAVEPOINT of it.
 *
 * READ COMMITTED with row locks (the repositories take them); a serialization failure or a
 * deadlock (40001, 40P01) rolls the whole transaction back and runs `work` again, up to
 * MAX_ATTEMPTS times in all: `work` must be safe to re-run, which it is when everything it
 * decides comes from the database and its effects wait for the commit. A connection error
 * (database stopped, network cut) rejects with HubUnavailable; the pool reconnects by itself.
 */

/** 40001 serialization_failure, 40P01 deadlock_detected: the transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
export const MAX_ATTEMPTS = 3;

interface TransactionState {
  readonly client: pg.PoolClient;
  /** Savepoints opened so far (their names), for unique names within the transaction. */
  savepoints: number;
  /** Run in order before COMMIT of the outermost transaction (after `work` resolved). */
  readonly beforeCommit: (() => Promise<void>)[];
  /** Statements sent without waiting for their answers (BEGIN, savepoints, `send`): awaited when the transaction ends. */
  readonly sent: Promise<unknown>[];
  /** A statement held back for the one after it (PgSql.hold), not sent yet. */
  held?: HeldStatement;
  /** Locks asked for so far in this transaction (PgSql.firstTake), forgotten at a rollback to a savepoint. */
  readonly taken: Set<string>;
}

/** A statement PgSql.hold() keeps back: whoever takes it (takeHeld) sends it and settles its caller's promise. */
export interface HeldStatement {
  readonly text: string;
  readonly params: readonly unknown[];
  /** Gives the caller of hold() its outcome. */
  settle(result: Promise<pg.QueryResult>): void;
}

type Row = Record<string, unknown>;

/**
 * ONE AsyncLocalStorage for every PgStore of the process, holding each store's running transaction
 * in this async context (a store's repositories never join another store's). On Node 20 every enabled AsyncLocalStorage is visited for each promise and async
 * resource the process creates: with one per store, a process serving 20 centres paid 20 visits
 * per promise — about a fifth of its CPU under the province bench's load.
 */
const TRANSACTIONS = new AsyncLocalStorage<ReadonlyMap<PgStore, TransactionState>>();

/**
 * The SQL executor the PostgreSQL repositories hold: the running transaction's client if there
 * is one in this async context, else the pool (one statement, autocommit). Errors of a lost
 * connection come out as HubUnavailable.
 */
export class PgSql implements Queryable {
  /** Told, for each statement that numbers events, their seqs and the centre's listening processes then (centre-listeners.ts). */
  private eventListeners: ((seqs: readonly number[], listeners: readonly string[]) => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly owner: PgStore,
  ) {}

  /** Whom to tell who listened when events were numbered (one observer: the centre's CentreListeners). */
  onEventListeners(observer: (seqs: readonly number[], listeners: readonly string[]) => void): void {
    this.eventListeners = observer;
  }

  /** Events were numbered through this store: `listeners` is the centre row's list as the numbering statement saw it. */
  noteEventListeners(seqs: readonly number[], listeners: readonly string[] | null): void {
    if (listeners !== null) this.eventListeners?.(seqs, listeners);
  }

  /** The running transaction of this store in this async context, if any. */
  private get state(): TransactionState | undefined {
    return TRANSACTIONS.getStore()?.get(this.owner);
  }

  /** True inside a transaction of this store (row locks then last until its end). */
  get inTransaction(): boolean {
    return this.state !== undefined;
  }

  /**
   * True the first time `lock` (a caller's name for a transaction-level lock) is asked for in the
   * running transaction, false after: a lock already asked for is held until the end, and whatever
   * is sent after its request runs after it is granted (a connection's statements run in order).
   * After a rollback to a savepoint every lock is asked for again (it may have been taken there).
   * Outside a transaction: always true.
   */
  firstTake(lock: string): boolean {
    const state = this.state;
    if (!state) return true;
    if (state.taken.has(lock)) return false;
    state.taken.add(lock);
    return true;
  }

  async rows<T = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query(text, params)).rows as T[];
  }

  /** The first row, or null. */
  async row<T = Row>(text: string, params: readonly unknown[] = []): Promise<T | null> {
    return ((await this.query(text, params)).rows[0] as T | undefined) ?? null;
  }

  /** A statement for its effect: the number of rows it touched. */
  async run(text: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(text, params)).rowCount ?? 0;
  }

  /** An object standing for the running transaction (for per-transaction bookkeeping in a WeakMap), or undefined outside one. */
  get transactionScope(): object | undefined {
    return this.state;
  }

  /**
   * Work for the end of the running transaction, just before COMMIT (e.g. the command log
   * dropping the claims nobody answered). Outside a transaction: an error.
   */
  beforeCommit(work: () => Promise<void>): void {
    const state = this.state;
    if (!state) throw new Error('beforeCommit outside a transaction');
    state.beforeCommit.push(work);
  }

  /**
   * Sends a statement of the running transaction without waiting for its answer: what follows goes
   * out behind it on the same connection (the pool's clients pipeline, pool.ts), a round trip
   * saved. The transaction awaits it before it ends; an error it raises aborts the transaction,
   * whose COMMIT then rolls back and whose caller gets that error. So a statement sent this way
   * checks its own outcome in SQL (motcua_refuse, PostgreSQL migration 0018), as the hub never
   * reads its answer. Outside a transaction: an error.
   */
  send(text: string, params: readonly unknown[] = []): void {
    void this.sendForResult(text, params);
  }

  /** send(), for a caller that hands the answer on (the transaction still awaits it before it ends). */
  sendForResult<T extends pg.QueryResultRow = Row>(text: string, params: readonly unknown[] = []): Promise<pg.QueryResult<T>> {
    const state = this.state;
    if (!state) throw new Error('send outside a transaction');
    const result = quiet(this.query<T>(text, params));
    state.sent.push(result);
    return result;
  }

  /**
   * A statement of the running transaction held back for the one that follows it: it goes out just
   * before the transaction's next statement, or when the promise jobs now running are done —
   * unless that next statement takes it (takeHeld) to send both as one (the command log's answer
   * takes the events written just before it: pg-command-log.ts). The order of the statements is
   * never changed. Outside a transaction: sent at once.
   */
  hold<T extends pg.QueryResultRow = Row>(text: string, params: readonly unknown[] = []): Promise<pg.QueryResult<T>> {
    const state = this.state;
    if (!state) return this.query<T>(text, params);
    this.releaseHeld(state);
    let settle!: (result: Promise<pg.QueryResult>) => void;
    const outcome = new Promise<pg.QueryResult>((resolve) => (settle = resolve));
    const held: HeldStatement = { text, params, settle };
    state.held = held;
    process.nextTick(() => {
      if (state.held === held) this.releaseHeld(state);
    });
    return outcome as Promise<pg.QueryResult<T>>;
  }

  /** The statement held back (hold()) if its text is `text`: the caller now sends it and settles it. */
  takeHeld(text: string): HeldStatement | undefined {
    const state = this.state;
    if (state?.held?.text !== text) return undefined;
    const held = state.held;
    state.held = undefined;
    return held;
  }

  /** Sends the held statement, if any, before anything else of the transaction. */
  releaseHeld(state: TransactionState | undefined = this.state): void {
    const held = state?.held;
    if (!state || !held) return;
    state.held = undefined;
    // On the transaction's own client, whatever the async context (COMMIT releases it from outside the transaction's).
    held.settle(this.queryIn(state, held.text, held.params));
  }

  /** node-postgres' own shape (Queryable), for the building blocks that take a connection. */
  query<T extends pg.QueryResultRow = Row>(text: string, params: readonly unknown[] = []): Promise<pg.QueryResult<T>> {
    return this.queryIn<T>(this.state, text, params);
  }

  /** A statement of `state`'s transaction (its held one released first), or of the pool when there is none. */
  private async queryIn<T extends pg.QueryResultRow = Row>(state: TransactionState | undefined, text: string, params: readonly unknown[]): Promise<pg.QueryResult<T>> {
    if (state?.held) this.releaseHeld(state);
    const client = state?.client;
    try {
      const query = preparedQuery(text, params);
      if (!client) return await this.pool.query<T>(query);
      corkUntilNextTick(client);
      return await client.query<T>(query);
    } catch (e) {
      throw isConnectionError(e) ? new HubUnavailable(e) : e;
    }
  }
}

const CORKED = new WeakSet<object>();

/**
 * Holds the connection's writes until the promise jobs now running are done (process.nextTick
 * runs after them), so the statements a transaction sends in one burst — BEGIN and the claim, a
 * savepoint and the handler's first read, a command's answer and the COMMIT — leave in one
 * write, not one system call each (node-postgres corks each statement on its own; corks nest).
 */
function corkUntilNextTick(client: pg.PoolClient): void {
  const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  if (!stream?.cork || !stream.uncork || CORKED.has(stream)) return;
  CORKED.add(stream);
  stream.cork();
  process.nextTick(() => {
    CORKED.delete(stream);
    stream.uncork!();
  });
}

/** The promise, with its rejection marked handled (it is looked at later, with the transaction's end). */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly sql: PgSql;

  constructor(private readonly pool: pg.Pool) {
    // The pool's own 'error' listener (an idle client lost) is createPgPool's, once per pool.
    this.sql = new PgSql(pool, this);
  }

  inFlight<T>(pending: Promise<T>): Promise<T> {
    // Awaited with the statements sent (send()), once COMMIT has gone out behind them.
    TRANSACTIONS.getStore()?.get(this)?.sent.push(quiet(pending));
    return pending;
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const running = TRANSACTIONS.getStore()?.get(this);
    if (running) return this.savepoint(running, work);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (e) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
      }
    }
  }

  private async once<T>(work: () => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw isConnectionError(e) ? new HubUnavailable(e) : e;
    }
    // A client whose connection broke must not go back to the pool for the next command.
    let broken: Error | undefined;
    const onError = (e: Error) => (broken = e);
    client.on('error', onError);
    // BEGIN goes out with the transaction's first statement (pipelined), like every `send`.
    corkUntilNextTick(client);
    const state: TransactionState = { client, savepoints: 0, beforeCommit: [], sent: [quiet(client.query('BEGIN'))], taken: new Set() };
    const transactions = new Map(TRANSACTIONS.getStore()).set(this, state);
    try {
      const result = await TRANSACTIONS.run(transactions, async () => {
        const value = await work();
        for (const hook of state.beforeCommit) await hook();
        return value;
      });
      // COMMIT goes out behind the statements sent and not yet answered (the command log's answers).
      this.sql.releaseHeld(state);
      corkUntilNextTick(client);
      const committed = client.query('COMMIT');
      const failed = (await Promise.allSettled(state.sent)).find((r) => r.status === 'rejected');
      const commit = await committed;
      // A statement sent without waiting failed: the transaction was aborted and COMMIT rolled it back.
      if (failed) throw failed.reason;
      if (commit.command !== 'COMMIT') throw new Error(`the transaction was rolled back (COMMIT answered ${commit.command})`);
      return result;
    } catch (e) {
      if (isConnectionError(e) || e instanceof HubUnavailable) {
        broken ??= e as Error;
        throw e instanceof HubUnavailable ? e : new HubUnavailable(e);
      }
      // A statement still held is not sent: its caller hears that the transaction ended without it.
      state.held?.settle(Promise.reject(new Error('the transaction was rolled back before this statement was sent')));
      state.held = undefined;
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw e;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /**
   * A savepoint is never RELEASEd: its work is kept as it is (the next savepoint nests in it, and
   * the COMMIT keeps them all), a round trip per command saved. Names are unique within the
   * transaction, so a ROLLBACK TO undoes exactly the work since its own savepoint.
   */
  private async savepoint<T>(state: TransactionState, work: () => Promise<T>): Promise<T> {
    const name = `s${++state.savepoints}`;
    // Sent without waiting: the work's first statement follows it (a failed SAVEPOINT aborts the transaction).
    this.sql.send(`SAVEPOINT ${name}`);
    try {
      return await work();
    } catch (e) {
      // A broken connection fails the rollback too: the transaction is lost either way.
      if (!(e instanceof HubUnavailable)) await this.sql.run(`ROLLBACK TO SAVEPOINT ${name}`);
      state.taken.clear();
      throw e;
    }
  }
}
