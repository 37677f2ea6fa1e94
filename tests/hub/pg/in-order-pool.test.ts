import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ADAPTER_NOTIFY, inOrderPool, MAX_NOTIFIES_PER_STATEMENT } from '../../../hub/store/pg/in-order-pool';

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

  it('NOTIFYs asked for in one burst, or while a statement runs, go out together as one statement, in order; an identical one or another statement starts the next', async () => {
    const sent: { sql: string; params: unknown[] }[] = [];
    const pool = {
      query: (sql: string, params: unknown[] = []) =>
        new Promise((resolve) => {
          sent.push({ sql, params });
          setTimeout(() => resolve({ rows: [], sql }), 5);
        }),
    } as unknown as pg.Pool;
    const ordered = inOrderPool(pool);
    const notify = (channel: string, payload: string) => ordered.query(ADAPTER_NOTIFY, [channel, payload]);
    const first = ordered.query('SELECT 1');
    await Promise.resolve(); // it has started: what follows waits for it
    const answers = await Promise.all([
      notify('c1', 'a'), // these four go together once it is done
      notify('c1', 'b'),
      notify('c2', 'c'),
      notify('c1', 'd'),
      notify('c1', 'b'), // identical to one waiting: PostgreSQL would fold them, so the next statement
      ordered.query('SELECT 42'), // another statement closes the group
      notify('c1', 'e'),
    ]);
    await first;
    const four = 'SELECT pg_notify($1, $2), pg_notify($3, $4), pg_notify($5, $6), pg_notify($7, $8)';
    expect(sent).toEqual([
      { sql: 'SELECT 1', params: [] },
      { sql: four, params: ['c1', 'a', 'c1', 'b', 'c2', 'c', 'c1', 'd'] },
      { sql: ADAPTER_NOTIFY, params: ['c1', 'b'] },
      { sql: 'SELECT 42', params: [] },
      { sql: ADAPTER_NOTIFY, params: ['c1', 'e'] },
    ]);
    // Each caller gets its statement's outcome.
    expect(answers.map((a) => (a as unknown as { sql: string }).sql)).toEqual([four, four, four, four, ADAPTER_NOTIFY, 'SELECT 42', ADAPTER_NOTIFY]);

    // A payload PostgreSQL would refuse (8,000 bytes or more) goes alone: its failure takes no other broadcast with it.
    sent.length = 0;
    await Promise.all([notify('c', 'x'), notify('c', 'é'.repeat(4000)), notify('c', 'y'), notify('c', 'z')]);
    expect(sent.map((s) => s.params.filter((_, i) => i % 2 === 1).map((p) => String(p).slice(0, 1)))).toEqual([['x'], ['é'], ['y', 'z']]);

    // A long burst is cut into statements of at most MAX_NOTIFIES_PER_STATEMENT.
    sent.length = 0;
    await Promise.all(Array.from({ length: 2 * MAX_NOTIFIES_PER_STATEMENT + 2 }, (_, i) => notify('c', String(i))));
    expect(sent.map((s) => s.params.length / 2)).toEqual([MAX_NOTIFIES_PER_STATEMENT, MAX_NOTIFIES_PER_STATEMENT, 2]);
    expect(sent.flatMap((s) => s.params.filter((_, i) => i % 2 === 1))).toEqual(Array.from({ length: 2 * MAX_NOTIFIES_PER_STATEMENT + 2 }, (_, i) => String(i)));
  });
});
