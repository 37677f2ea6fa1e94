import { EventEmitter } from 'node:events';
import type pg from 'pg';

/**
 * One LISTEN connection per pool, shared by every Socket.IO adapter given that pool (docs/province.md,
 * "The command rate on PostgreSQL").
 *
 * `@socket.io/postgres-adapter` takes a client of its own from the pool for LISTEN: a province process
 * serving 20 centres held 21 listening connections (each centre's channel, the province relay), 42 for
 * two processes. PostgreSQL wakes *every* listening backend of the database on each NOTIFY, whatever
 * its channel (async.c, `SignalBackends`): each woken backend reads the notification queue and drops
 * what is not its own. With one command in five hundred a NOTIFY, that was 42 wake-ups per command —
 * a large share of the database's CPU under the province bench. Here the adapters of a pool get
 * stand-in clients on one real connection: it LISTENs to the union of their channels, and hands each
 * notification to the stand-ins listening to its channel. The adapter is unchanged (it only LISTENs on
 * its client, listens for `notification` and `end`, and releases it).
 */

type Notification = pg.Notification;

/** What the adapter is given by `pool.connect()`: a client that only LISTENs. */
export class ListenOnlyClient extends EventEmitter {
  readonly channels = new Set<string>();
  private released = false;

  constructor(private readonly shared: SharedListener) {
    super();
  }

  /** `LISTEN "channel"` is the one statement the adapter sends on its client. */
  query(text: string): Promise<void> {
    const channel = /^LISTEN "([^"]+)"$/.exec(text)?.[1];
    if (channel === undefined) return Promise.reject(new Error(`a shared LISTEN client runs LISTEN only, not: ${text.slice(0, 60)}`));
    if (this.released) return Promise.reject(new Error('a released LISTEN client cannot LISTEN'));
    this.channels.add(channel);
    return this.shared.listen(channel);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.shared.release(this);
  }

  /** The shared connection ended (a database restart): the adapter reconnects on `end`. */
  ended(): void {
    this.released = true;
    this.emit('end');
  }
}

class SharedListener {
  private client: pg.PoolClient | undefined;
  private connecting: Promise<pg.PoolClient> | undefined;
  private readonly members = new Set<ListenOnlyClient>();
  /** Channel → how many members listen to it: LISTEN on the first, UNLISTEN after the last. */
  private readonly channels = new Map<string, number>();
  /** LISTEN and UNLISTEN one after another on the connection (node-postgres wants one query at a time). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<ListenOnlyClient> {
    await this.connection();
    const member = new ListenOnlyClient(this);
    this.members.add(member);
    return member;
  }

  async listen(channel: string): Promise<void> {
    const n = this.channels.get(channel) ?? 0;
    this.channels.set(channel, n + 1);
    if (n > 0) return;
    const client = await this.connection();
    await this.inTurn(client, `LISTEN "${channel}"`);
  }

  private inTurn(client: pg.PoolClient, text: string): Promise<unknown> {
    const run = this.tail.then(() => client.query(text));
    this.tail = run.catch(() => undefined);
    return run;
  }

  release(member: ListenOnlyClient): void {
    if (!this.members.delete(member)) return;
    for (const channel of member.channels) {
      const n = (this.channels.get(channel) ?? 1) - 1;
      if (n > 0) {
        this.channels.set(channel, n);
        continue;
      }
      this.channels.delete(channel);
      if (this.client) this.inTurn(this.client, `UNLISTEN "${channel}"`).catch(() => undefined);
    }
    if (this.members.size > 0 || !this.client) return;
    const client = this.client;
    this.client = undefined;
    client.removeAllListeners('notification');
    client.removeAllListeners('end');
    // After its UNLISTENs: a connection back in the pool listens to nothing.
    void this.tail.then(() => client.release());
  }

  private connection(): Promise<pg.PoolClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.pool
      .connect()
      .then((client) => {
        client.on('notification', (msg: Notification) => {
          for (const m of this.members) if (m.channels.has(msg.channel)) m.emit('notification', msg);
        });
        client.on('end', () => this.ended(client));
        this.client = client;
        return client;
      })
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Every member hears `end` and reconnects (and LISTENs again) through `connect()`. */
  private ended(client: pg.PoolClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    // Back to the pool as broken (it is discarded): a pool waits for every checked-out client on end().
    client.removeAllListeners('notification');
    client.release(new Error('the shared LISTEN connection ended'));
    this.channels.clear();
    const members = [...this.members];
    this.members.clear();
    for (const m of members) m.ended();
  }
}

const SHARED = new WeakMap<pg.Pool, SharedListener>();

/** The pool's shared LISTEN connection (created on first use). */
function sharedListenerOf(pool: pg.Pool): SharedListener {
  let shared = SHARED.get(pool);
  if (!shared) {
    shared = new SharedListener(pool);
    SHARED.set(pool, shared);
  }
  return shared;
}

/**
 * `adapterPool` (as given to the adapter) with `connect()` answering a stand-in on `pool`'s one
 * shared LISTEN connection. `pool` is the real pool (the key: every adapter of it shares).
 */
export function withSharedListener(adapterPool: pg.Pool, pool: pg.Pool): pg.Pool {
  const shared = sharedListenerOf(pool);
  return new Proxy(adapterPool, {
    get(target, prop) {
      if (prop === 'connect') return () => shared.connect();
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
