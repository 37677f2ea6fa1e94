import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inOrderPool } from '../../../hub/store/pg/in-order-pool';

/** A stand-in pool whose statements finish after the delay each names: the later one first, on a plain pool. */
function slowFirstPool(log: string[]): pg.Pool {
  const pool = {
    query: (sql: string, delays: number[]) =>
      new Promise((resolve) => {
        log.push(`start ${sql}`);
        setTimeout(() => {
          log.push(`end ${sql}`);
          resolve({ rows: [{ sql }] });
        }, delays[0]);
      }),
    totalCount: 7,
    connect: function (this: unknown) {
      return Promise.resolve(this);
    },
  };
  return pool as unknown as pg.Pool;
}

describe('the adapter’s pool keeps the order of its statements', () => {
  it('a plain pool finishes a slow first NOTIFY after a fast second one; in order, the second starts after the first ends', async () => {
    const plainLog: string[] = [];
    const plain = slowFirstPool(plainLog);
    await Promise.all([plain.query('one', [30] as never), plain.query('two', [1] as never)]);
    expect(plainLog).toEqual(['start one', 'start two', 'end two', 'end one']);

    const log: string[] = [];
    const ordered = inOrderPool(slowFirstPool(log));
    const done: string[] = [];
    await Promise.all(['one', 'two', 'three'].map((sql, i) => ordered.query(sql, [[30, 1, 5][i]] as never).then(() => done.push(sql))));
    expect(log).toEqual(['start one', 'end one', 'start two', 'end two', 'start three', 'end three']);
    expect(done).toEqual(['one', 'two', 'three']);
  });

  it('a failed statement does not stop the ones after it; the rest of the pool is the pool’s own', async () => {
    let n = 0;
    const failing = { query: () => (++n === 1 ? Promise.reject(new Error('connection lost')) : Promise.resolve({ rows: [] })), totalCount: 7, connect() { return Promise.resolve('client'); } } as unknown as pg.Pool;
    const ordered = inOrderPool(failing);
    const first = ordered.query('SELECT 1');
    const second = ordered.query('SELECT 2');
    await expect(first).rejects.toThrow('connection lost');
    await expect(second).resolves.toEqual({ rows: [] });
    expect(ordered.totalCount).toBe(7);
    expect(await ordered.connect()).toBe('client');
  });
});
