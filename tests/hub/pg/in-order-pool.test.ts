import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ADAPTER_NOTIFY, inOrderPool, MAX_NOTIFIES_PER_STATEMENT, NOTIFY_MANY } from '../../../hub/store/pg/in-order-pool';
import { createPgPool } from '../../../hub/store/pg/pool';
import { POSTGRES_MISSING, startPostgres } from '../../support/postgres';

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
      query: (q: string | pg.QueryConfig, values: unknown[] = []) =>
        new Promise((resolve) => {
          const sql = typeof q === 'string' ? q : q.text;
          sent.push({ sql, params: typeof q === 'string' ? values : (q.values ?? []) });
          setTimeout(() => resolve({ rows: [], sql }), 5);
        }),
    } as unknown as pg.Pool;
    /** The payloads a statement sent, in order. */
    const payloads = (s: { sql: string; params: unknown[] }) => (s.sql === NOTIFY_MANY ? (s.params[1] as unknown[]) : [s.params[1]]);
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
    const four = NOTIFY_MANY;
    expect(sent).toEqual([
      { sql: 'SELECT 1', params: [] },
      { sql: four, params: [['c1', 'c1', 'c2', 'c1'], ['a', 'b', 'c', 'd']] },
      { sql: ADAPTER_NOTIFY, params: ['c1', 'b'] },
      { sql: 'SELECT 42', params: [] },
      { sql: ADAPTER_NOTIFY, params: ['c1', 'e'] },
    ]);
    // Each caller gets its statement's outcome.
    expect(answers.map((a) => (a as unknown as { sql: string }).sql)).toEqual([four, four, four, four, ADAPTER_NOTIFY, 'SELECT 42', ADAPTER_NOTIFY]);

    // A payload PostgreSQL would refuse (8,000 bytes or more) goes alone: its failure takes no other broadcast with it.
    sent.length = 0;
    await Promise.all([notify('c', 'x'), notify('c', 'é'.repeat(4000)), notify('c', 'y'), notify('c', 'z')]);
    expect(sent.map((s) => payloads(s).map((p) => String(p).slice(0, 1)))).toEqual([['x'], ['é'], ['y', 'z']]);

    // A long burst is cut into statements of at most MAX_NOTIFIES_PER_STATEMENT.
    sent.length = 0;
    await Promise.all(Array.from({ length: 2 * MAX_NOTIFIES_PER_STATEMENT + 2 }, (_, i) => notify('c', String(i))));
    expect(sent.map((s) => payloads(s).length)).toEqual([MAX_NOTIFIES_PER_STATEMENT, MAX_NOTIFIES_PER_STATEMENT, 2]);
    expect(sent.flatMap(payloads)).toEqual(Array.from({ length: 2 * MAX_NOTIFIES_PER_STATEMENT + 2 }, (_, i) => String(i)));
  });

  it.skipIf(POSTGRES_MISSING !== null)('on a real PostgreSQL, a group of NOTIFYs arrives whole and in order, payloads byte for byte (quotes, backslashes, braces, Vietnamese)', async () => {
    const server = await startPostgres();
    const url = await server.createDatabase('notify_many');
    const pool = createPgPool(url, { max: 2 });
    const listener = new pg.Client({ connectionString: url });
    try {
      await listener.connect();
      const heard: { channel: string; payload: string }[] = [];
      listener.on('notification', (n) => heard.push({ channel: n.channel, payload: n.payload ?? '' }));
      await listener.query('LISTEN "kênh-a"; LISTEN kenh_b');
      const ordered = inOrderPool(pool);
      const sent = Array.from({ length: MAX_NOTIFIES_PER_STATEMENT + 50 }, (_, i) => ({
        channel: i % 3 === 0 ? 'kenh_b' : 'kênh-a',
        payload: JSON.stringify({ seq: i, text: `Số ${i} "mời" \\ {quầy} ,NULL, ${'ế'.repeat(i % 7)}` }),
      }));
      await Promise.all(sent.map((n) => ordered.query(ADAPTER_NOTIFY, [n.channel, n.payload])));
      await expect.poll(() => heard.length).toBe(sent.length);
      expect(heard).toEqual(sent);
    } finally {
      await listener.end();
      await pool.end();
      await server.stop();
    }
  });
});
