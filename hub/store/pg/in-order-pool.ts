import type pg from 'pg';
import { preparedQuery } from './prepared';

/** The one statement @socket.io/postgres-adapter sends for each message it publishes. */
export const ADAPTER_NOTIFY = 'SELECT pg_notify($1, $2)';

/** At most this many NOTIFYs go in one statement. */
export const MAX_NOTIFIES_PER_STATEMENT = 200;

/**
 * PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more (the adapter sends larger messages as
 * attachments, but one of exactly 8,000 would still fail): such a one goes alone, so its failure
 * takes no other broadcast with it.
 */
const NOTIFY_PAYLOAD_LIMIT = 8000;

/** NOTIFYs waiting for their turn, to go out as one statement. */
interface NotifyBatch {
  readonly channels: unknown[];
  readonly payloads: unknown[];
  /** "channel\u0000payload" of each: PostgreSQL folds identical ones of a transaction into one. */
  readonly keys: Set<string>;
}

/** The in-order view's `drained()`: resolves once every statement queued so far has run. */
export const DRAINED = Symbol('drained');

/**
 * The pool as the Socket.IO PostgreSQL adapter is given it: its statements run one after another,
 * in the order they were asked for. The adapter broadcasts to this process's own sockets only once
 * its NOTIFY has been sent (socket.io-adapter's ClusterAdapter awaits the publish for the packet's
 * offset); on a plain pool two broadcasts take two connections, and under load the second's NOTIFY
 * may finish first — a display then heard event seq 2 before seq 1 (seen once in `test:pg`), and
 * the other processes may hear them swapped too. In order, both keep the hub's order. Everything
 * else (`connect` for the LISTEN client, `end`, events) is the pool's own.
 *
 * NOTIFYs asked for while an earlier statement is still running wait together and go out as ONE
 * statement (NOTIFY_MANY: the channels and payloads as two arrays), in the order asked: one transaction
 * and one round trip for all of them instead of one each, and the listening processes are woken
 * once for the lot. PostgreSQL delivers a transaction's notifications in the order they were sent;
 * it would fold two identical ones (same channel, same payload) into one, so an identical one
 * starts the next statement instead. Any other statement closes the waiting group, so nothing
 * overtakes. Every NOTIFY of a statement gets the statement's outcome.
 */
export function inOrderPool(pool: pg.Pool): pg.Pool {
  let tail: Promise<unknown> = Promise.resolve();
  /** The NOTIFYs of the last statement queued, still open to more (null: that statement is not a NOTIFY, or has started). */
  let open: NotifyBatch | null = null;
  let openRun: Promise<unknown> = Promise.resolve();
  const run = (send: () => Promise<unknown>): Promise<unknown> => {
    const next = tail.then(send);
    tail = next.catch(() => undefined);
    return next;
  };
  const query = (...args: unknown[]): Promise<unknown> => {
    const [text, values] = args;
    if (text !== ADAPTER_NOTIFY || !Array.isArray(values) || values.length !== 2) {
      open = null;
      return run(() => (pool.query as (...a: unknown[]) => Promise<unknown>)(...args));
    }
    const key = `${String(values[0])}\u0000${String(values[1])}`;
    const groupable = Buffer.byteLength(String(values[1])) < NOTIFY_PAYLOAD_LIMIT;
    if (groupable && open && !open.keys.has(key) && open.keys.size < MAX_NOTIFIES_PER_STATEMENT) {
      open.channels.push(values[0]);
      open.payloads.push(values[1]);
      open.keys.add(key);
      return openRun;
    }
    const batch: NotifyBatch = { channels: [values[0]], payloads: [values[1]], keys: new Set([key]) };
    open = groupable ? batch : null;
    openRun = run(() => {
      if (open === batch) open = null; // from now on, later NOTIFYs wait for the next statement
      return pool.query(notifyQuery(batch));
    });
    return openRun;
  };
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'query') return query;
      if (prop === DRAINED) return () => tail;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Several NOTIFYs in one statement whatever their number: one text, so each connection parses and
 * plans it once (a text per count, `pg_notify($1, $2), pg_notify($3, $4), …`, was parsed anew
 * nearly every time). unnest yields the arrays' elements in order, and the function scan calls
 * pg_notify row by row in that order.
 */
export const NOTIFY_MANY = 'SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n(channel, payload)';

/** The batch's statement, named (prepared once per connection): the adapter's own for one NOTIFY. */
function notifyQuery({ channels, payloads }: NotifyBatch): pg.QueryConfig {
  return channels.length === 1 ? preparedQuery(ADAPTER_NOTIFY, [channels[0], payloads[0]]) : preparedQuery(NOTIFY_MANY, [channels, payloads]);
}
