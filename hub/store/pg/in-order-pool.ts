import type pg from 'pg';

/**
 * The pool as the Socket.IO PostgreSQL adapter is given it: its statements run one after another,
 * in the order they were asked for. The adapter broadcasts to this process's own sockets only once
 * its NOTIFY has been sent (socket.io-adapter's ClusterAdapter awaits the publish for the packet's
 * offset); on a plain pool two broadcasts take two connections, and under load the second's NOTIFY
 * may finish first — a display then heard event seq 2 before seq 1 (seen once in `test:pg`), and
 * the other processes may hear them swapped too. In order, both keep the hub's order. Everything
 * else (`connect` for the LISTEN client, `end`, events) is the pool's own.
 */
export function inOrderPool(pool: pg.Pool): pg.Pool {
  let tail: Promise<unknown> = Promise.resolve();
  const query = (...args: unknown[]): Promise<unknown> => {
    const run = tail.then(() => (pool.query as (...a: unknown[]) => Promise<unknown>)(...args));
    tail = run.catch(() => undefined);
    return run;
  };
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'query') return query;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
