import type pg from 'pg';
import { inOrderPool } from './in-order-pool';
import { withSharedListener } from './shared-listener';

/** One in-order view per pool: every adapter of a process queues its statements in the same line. */
const IN_ORDER = new WeakMap<pg.Pool, pg.Pool>();

/**
 * The pool as every Socket.IO PostgreSQL adapter of a process is given it: its NOTIFYs in the order
 * asked (in-order-pool.ts) and its LISTEN on the pool's one shared connection (shared-listener.ts).
 * The centres' adapters and the province relay of a pool share one line: a centre's order is kept
 * (it is part of the line's), and the NOTIFYs of all of them waiting together go out as one
 * statement — under load one transaction for many broadcasts, not one each.
 */
export function adapterPool(pool: pg.Pool): pg.Pool {
  let ordered = IN_ORDER.get(pool);
  if (!ordered) {
    ordered = inOrderPool(pool);
    IN_ORDER.set(pool, ordered);
  }
  return withSharedListener(ordered, pool);
}
