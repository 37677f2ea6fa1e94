import type pg from 'pg';
import { DRAINED, inOrderPool } from './in-order-pool';
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

/**
 * Ends a pool the adapters used: first their line sends what it holds — the NOTIFYs of a closing
 * adapter (its goodbye to the other processes) included —, then the pool ends (ended first, they
 * would fail with "Cannot use a pool after calling end on the pool").
 */
export async function endAdapterPool(pool: pg.Pool): Promise<void> {
  const ordered = IN_ORDER.get(pool) as (pg.Pool & { [DRAINED]?: () => Promise<unknown> }) | undefined;
  await ordered?.[DRAINED]?.();
  await pool.end();
}
