import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import type { Store } from '../store';

/**
 * The embedded store's unit of work over one better-sqlite3 connection. better-sqlite3's own
 * `transaction()` takes only synchronous functions, so this issues the statements itself:
 * `BEGIN IMMEDIATE` (take the write lock first: a deferred transaction that reads then writes
 * fails at once with SQLITE_BUSY_SNAPSHOT if another process — `motcua backup` beside the hub —
 * wrote in between; IMMEDIATE waits under busy_timeout) … `COMMIT`, and a SAVEPOINT for a
 * transaction opened inside another one in the same async context.
 *
 * One connection means one transaction at a time: a top-level transaction started while another
 * runs waits for it (it would otherwise land inside it as a savepoint). The repositories' promises
 * resolve without I/O (hub/store/async-of.ts), so a transaction runs in one turn of the event loop.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  /** The savepoint depth of the transaction running in this async context (absent: none). */
  private readonly context = new AsyncLocalStorage<{ depth: number; inFlight: Promise<unknown>[] }>();
  /** The running top-level transaction, which the next one waits for. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly db: Database) {}

  transaction<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.context.getStore();
    if (outer) return this.savepoint(outer.depth + 1, work);
    const run = this.tail.then(
      () => this.topLevel(work),
      () => this.topLevel(work),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async topLevel<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    let value: T;
    try {
      value = await this.context.run({ depth: 0, inFlight: [] }, () => this.settled(work));
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
    try {
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
    return value;
  }

  inFlight<T>(pending: Promise<T>): Promise<T> {
    pending.catch(() => undefined);
    this.context.getStore()?.inFlight.push(pending);
    return pending;
  }

  /** Runs work, then waits for what it left in flight (inFlight()) in this context; a failure of either is the work's. */
  private async settled<T>(work: () => Promise<T>): Promise<T> {
    const inFlight = this.context.getStore()!.inFlight;
    const value = await work();
    await Promise.all(inFlight);
    return value;
  }

  private async savepoint<T>(depth: number, work: () => Promise<T>): Promise<T> {
    const name = `motcua_sp${depth}`;
    this.db.exec(`SAVEPOINT ${name}`);
    let value: T;
    try {
      value = await this.context.run({ depth, inFlight: [] }, () => this.settled(work));
    } catch (e) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      throw e;
    }
    this.db.exec(`RELEASE ${name}`);
    return value;
  }
}
