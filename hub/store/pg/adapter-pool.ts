import type pg from 'pg';
import { inOrderPool } from './in-order-pool';
import { withSharedListener } from './shared-listener';

/**
 * The pool as every Socket.IO PostgreSQL adapter of a process is given it: its NOTIFYs in the order
 * asked (in-order-pool.ts) and its LISTEN on the pool's one shared connection (shared-listener.ts).
 */
export function adapterPool(pool: pg.Pool): pg.Pool {
  return withSharedListener(inOrderPool(pool), pool);
}
